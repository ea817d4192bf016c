// The continue step in a real browser: when the configuration requires an identifier a user
// lacks (signUp.identifiers lists username and email; FlowService::missing_for), a correct
// sign-in stops on /continue to collect it. A missing email is verified by a code first, a
// missing username is taken as typed; both end at the app and stick to the account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeSmtp } from '../fakes/smtp/fake_smtp.mjs';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  alertText,
  assertPage,
  authorizeUrl,
  createUser,
  reachCallback,
  redeem,
  setExperience,
  startStack,
  submit,
  useFakeSmtp,
  waitForPath,
  withPage,
} from './support/flow.mjs';

const PASSWORD = 'Saffron-Glacier-46!';

let stack;
let smtp;

before(async () => {
  stack = await startStack();
  smtp = await startFakeSmtp();
  await useFakeSmtp(stack, smtp);
  await setExperience(stack, [
    'signUp={"identifiers":["username","email"],"password":true,"verify":true}',
    'signIn.methods=[{"identifier":"username","password":true,"verificationCode":false,' +
      '"isPasswordPrimary":true},{"identifier":"email","password":true,"verificationCode":false,' +
      '"isPasswordPrimary":true}]',
  ]);
  await createUser(stack, { username: 'holder', email: 'held@example.com', password: PASSWORD });
});

after(async () => {
  await smtp?.close();
  await stack?.stop();
});

const words = {
  en: {
    signIn: 'Sign in',
    identifier: 'Username or Email',
    password: 'Password',
    title: 'One more step',
    intro: 'Add this to your account to continue.',
    email: 'Email',
    username: 'Username',
    send: 'Send verification code',
    code: 'Verification code',
    next: 'Continue',
    emailTaken: 'This email address is already registered.',
    usernameTaken: 'This username is taken.',
  },
  ja: {
    signIn: 'サインイン',
    identifier: 'ユーザー名 または メールアドレス',
    password: 'パスワード',
    title: 'あと少しです',
    intro: '続行するには、アカウントに次の情報を追加してください。',
    email: 'メールアドレス',
    username: 'ユーザー名',
    send: '確認コードを送信',
    code: '確認コード',
    next: '続行',
    emailTaken: 'このメールアドレスは既に登録されています。',
    usernameTaken: 'このユーザー名は既に使われています。',
  },
};

// Signs in with `identifier` and the password and waits for the continue step.
async function signInToContinue(page, lang, identifier) {
  const w = words[lang];
  await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
  await page.getByLabel(w.identifier).fill(identifier);
  await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
  await waitForPath(page, '/continue');
  await assertPage(page, { lang, title: w.title });
  assert.match(await page.locator('main').innerText(), new RegExp(w.intro));
}

// A plain sign-in that must go straight back to the app.
async function signInDirectly(identifier) {
  await withPage(stack, {}, async (page) => {
    await page.goto(authorizeUrl(stack));
    await page.getByLabel(words.en.identifier).fill(identifier);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await submit(page, page.getByRole('button', { name: 'Sign in', exact: true }));
    await reachCallback(stack, page);
  });
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  test(
    `continue (${lang}): a user without an email adds one, verified by a code`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const username = `nomail_${lang}`;
      const email = `added.${lang}@example.com`;
      const user = await createUser(stack, { username, password: PASSWORD });
      await withPage(stack, { lang }, async (page) => {
        await signInToContinue(page, lang, username);
        assert.equal(await page.getByLabel(w.email).getAttribute('type'), 'email');
        await screenshot(page, `continue-email-${lang}`);

        // An address another account holds is refused once it is verified.
        let since = smtp.messages.length;
        await page.getByLabel(w.email).fill('held@example.com');
        await submit(page, page.getByRole('button', { name: w.send }));
        await waitForPath(page, '/verification-code');
        let mail = await smtp.waitForMessage((m) => m.to.includes('held@example.com'), { since });
        await page.getByLabel(w.code).fill(mail.code);
        await submit(page, page.getByRole('button', { name: w.next, exact: true }));
        assert.equal(await alertText(page), w.emailTaken);
        await screenshot(page, `continue-email-taken-${lang}`);

        await page.goto(`${stack.server.baseUrl}/continue`);
        await assertPage(page, { lang, title: w.title });
        since = smtp.messages.length;
        await page.getByLabel(w.email).fill(email);
        await submit(page, page.getByRole('button', { name: w.send }));
        await waitForPath(page, '/verification-code');
        mail = await smtp.waitForMessage((m) => m.to.includes(email), { since });
        await page.getByLabel(w.code).fill(mail.code);
        await submit(page, page.getByRole('button', { name: w.next, exact: true }));

        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.sub, user.id);
        assert.equal(claims.email, email);
      });
      // The address is now the account's: signing in with it needs no further step.
      await signInDirectly(email);
    },
  );

  test(
    `continue (${lang}): a user without a username picks one`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const email = `noname.${lang}@example.com`;
      const username = `picked_${lang}`;
      const user = await createUser(stack, { email, password: PASSWORD });
      await withPage(stack, { lang }, async (page) => {
        await signInToContinue(page, lang, email);
        await screenshot(page, `continue-username-${lang}`);
        await page.getByLabel(w.username).fill('holder');
        await submit(page, page.getByRole('button', { name: w.next, exact: true }));
        assert.equal(await alertText(page), w.usernameTaken);
        assert.equal(new URL(page.url()).pathname, '/continue');

        await page.getByLabel(w.username).fill(username);
        await submit(page, page.getByRole('button', { name: w.next, exact: true }));
        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.sub, user.id);
        assert.equal(claims.username, username);
      });
      await signInDirectly(username);
    },
  );
}
