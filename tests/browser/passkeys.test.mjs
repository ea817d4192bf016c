// Passkey sign-in (issue 18, beyond Logto's default), English and Japanese: with passkeySignIn
// enabled the first screen offers "Sign in with a passkey"; a user who added a passkey (as a
// second factor, in Chromium's virtual authenticator) signs in with it alone, typing nothing
// (a discoverable credential names its user). Without a passkey on the device the button fails
// politely and the password still works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  assertPage,
  createUser,
  reachCallback,
  setExperience,
  startStack,
  submit,
  waitForPath,
  withPage,
} from './support/flow.mjs';
import { addVirtualAuthenticator, endpointAuthorizeUrl, forgetSession } from './support/mfa.mjs';

const PASSWORD = 'Granite-Willow-62!';
let stack;

before(async () => {
  stack = await startStack();
  await setExperience(stack, [
    'mfa={"factors":["WebAuthn"],"policy":"UserControlled"}',
    'passkeySignIn={"enabled":true,"showPasskeyButton":true}',
  ]);
});

after(async () => {
  await stack?.stop();
});

const words = {
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    withPasskey: 'Sign in with a passkey',
    passkey: 'Passkey or security key',
    createPasskey: 'Create passkey',
    failed: 'The passkey or security key did not answer. Try again, or use another method.',
  },
  ja: {
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'サインイン',
    withPasskey: 'パスキーでサインイン',
    passkey: 'パスキーまたはセキュリティキー',
    createPasskey: 'パスキーを作成',
    failed:
      'パスキーまたはセキュリティキーが応答しませんでした。もう一度試すか、別の方法を使ってください。',
  },
};

for (const lang of ['en', 'ja']) {
  const w = words[lang];
  test(
    `passkeys (${lang}): a passkey signs in from the first screen, usernameless`,
    {
      timeout: TEST_TIMEOUT * 2,
    },
    async () => {
      const username = `passkey_${lang}`;
      await createUser(stack, { username, password: PASSWORD });
      await withPage(stack, { lang }, async (page, context) => {
        await addVirtualAuthenticator(context, page);
        await page.goto(endpointAuthorizeUrl(stack));
        await page.getByLabel(w.username).fill(username);
        await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
        await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
        await waitForPath(page, '/sign-in/mfa/enroll');
        await page.getByRole('link', { name: w.passkey }).click();
        await waitForPath(page, '/sign-in/mfa/webauthn');
        await submit(page, page.getByRole('button', { name: w.createPasskey }));
        await reachCallback(stack, page);

        await forgetSession(context);
        await page.goto(endpointAuthorizeUrl(stack, { state: 'passkey' }));
        await assertPage(page, { lang, title: w.signIn, pathname: '/sign-in' });
        await screenshot(page, `passkey-sign-in-${lang}`);
        await submit(page, page.getByRole('button', { name: w.withPasskey }));
        const callback = await reachCallback(stack, page);
        assert.equal(callback.searchParams.get('state'), 'passkey');
      });
    },
  );
}

test(
  'passkeys: without a passkey the button says so and the password still works',
  {
    timeout: TEST_TIMEOUT,
  },
  async () => {
    const w = words.en;
    await createUser(stack, { username: 'no_passkey', password: PASSWORD });
    await withPage(stack, {}, async (page, context) => {
      await addVirtualAuthenticator(context, page); // it holds no credential for this site
      await page.goto(endpointAuthorizeUrl(stack));
      await page.getByRole('button', { name: w.withPasskey }).click();
      await page.getByText(w.failed).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await page.getByLabel(w.username).fill('no_passkey');
      await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
      await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
      await waitForPath(page, '/sign-in/mfa/enroll');
    });
  },
);
