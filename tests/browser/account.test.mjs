// The hosted account page /account in a real browser: it signs the visitor in through Latch
// (the built-in client latch-account) and comes back; it is in English and Japanese; the name
// changes; the password changes with the current one and the new one signs in; an
// authenticator app is added with a code the test computes from the key the page shows; a
// session in another browser is signed out. Screenshots of each step.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';

import { screenshot } from './support/browser.mjs';
import { addVirtualAuthenticator } from './support/mfa.mjs';
import {
  assertPage,
  createUser,
  setExperience,
  startStack,
  submit,
  TEST_TIMEOUT,
  waitForPath,
  withPage,
} from './support/flow.mjs';

let stack;
let serial = 0;

before(async () => {
  stack = await startStack();
  await setExperience(stack, [
    'mfa={"factors":["Totp","WebAuthn","BackupCode"],"policy":"NoPrompt"}',
  ]);
});

after(async () => {
  await stack?.stop();
});

const words = {
  en: { title: 'Your account', signIn: 'Sign in', username: 'Username', password: 'Password' },
  ja: { title: 'アカウント', signIn: 'サインイン', username: 'ユーザー名', password: 'パスワード' },
};

async function newUser() {
  serial += 1;
  const user = {
    username: `reader${serial}`,
    email: `reader${serial}@example.com`,
    password: 'Quiet-Harbor-2291',
    name: 'Page Reader',
  };
  await createUser(stack, user);
  return user;
}

// RFC 6238 (SHA-1, 6 digits, 30 s) from the base32 key the page shows.
function totp(secret, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, '0');
}

// Opens /account (at the endpoint, where the sign-in's cookies live) and signs in when asked.
async function openAccount(page, user, lang = 'en') {
  const w = words[lang];
  await page.goto(`${stack.server.endpoint}/account`);
  await waitForPath(page, '/sign-in');
  await page.getByLabel(w.username).fill(user.username);
  await page.getByLabel(w.password, { exact: true }).fill(user.password);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
  await waitForPath(page, '/account');
  await assertPage(page, { lang, title: w.title, pathname: '/account' });
}

async function verifyItsMe(page, user) {
  await page.locator('#security').getByLabel('Current password').fill(user.password);
  await submit(page, page.getByRole('button', { name: "Verify it's you" }));
  await page.locator('#security').getByRole('status').waitFor();
}

for (const lang of ['en', 'ja']) {
  test(
    `account (${lang}): the page signs the visitor in and shows the account`,
    {
      timeout: TEST_TIMEOUT,
    },
    async () => {
      const user = await newUser();
      await withPage(stack, { lang }, async (page) => {
        await openAccount(page, user, lang);
        const name = page.locator('#profile').getByLabel(lang === 'ja' ? '名前' : 'Name');
        assert.equal(await name.inputValue(), 'Page Reader');
        await screenshot(page, `account-${lang}`);
      });
    },
  );
}

test('account: the name changes', { timeout: TEST_TIMEOUT }, async () => {
  const user = await newUser();
  await withPage(stack, { lang: 'en' }, async (page) => {
    await openAccount(page, user);
    await page.locator('#profile').getByLabel('Name').fill('Renamed Reader');
    await submit(page, page.locator('#profile').getByRole('button', { name: 'Save' }).first());
    await page.getByRole('status').filter({ hasText: 'Your name was saved.' }).waitFor();
    assert.equal(await page.locator('#profile').getByLabel('Name').inputValue(), 'Renamed Reader');
    await screenshot(page, 'account-name-changed');
  });
});

test('account: the password changes with the current one', { timeout: TEST_TIMEOUT }, async () => {
  const user = await newUser();
  await withPage(stack, { lang: 'en' }, async (page) => {
    await openAccount(page, user);
    const section = page.locator('#password');
    await section.getByLabel('Current password').fill('Not-The-Password-1');
    await section.getByLabel('New password').fill('Amber-Orchard-4410');
    await submit(page, section.getByRole('button', { name: 'Change password' }));
    await page.getByRole('alert').waitFor();
    await section.getByLabel('Current password').fill(user.password);
    await section.getByLabel('New password').fill('Amber-Orchard-4410');
    await submit(page, section.getByRole('button', { name: 'Change password' }));
    await page.getByRole('status').filter({ hasText: 'Your password was changed.' }).waitFor();
    await screenshot(page, 'account-password-changed');
  });
  await withPage(stack, { lang: 'en' }, async (page) => {
    await openAccount(page, { ...user, password: 'Amber-Orchard-4410' });
  });
});

test(
  'account: an authenticator app is added with a code from its key',
  {
    timeout: TEST_TIMEOUT,
  },
  async () => {
    const user = await newUser();
    await withPage(stack, { lang: 'en' }, async (page) => {
      await openAccount(page, user);
      await verifyItsMe(page, user);
      await page.getByRole('link', { name: 'Add an authenticator app' }).click();
      await waitForPath(page, '/account/totp');
      await page.locator('.qr svg').waitFor();
      await screenshot(page, 'account-totp-qr');
      const secret = (await page.locator('code.secret').innerText()).trim();
      await page.getByLabel('The 6-digit code the app shows').fill(totp(secret));
      await submit(page, page.getByRole('button', { name: 'Add authenticator app' }));
      await waitForPath(page, '/account');
      await page.getByRole('status').filter({ hasText: 'authenticator app was added' }).waitFor();
      await page.locator('#mfa').getByText('Authenticator app').waitFor();
      await screenshot(page, 'account-totp-added');
    });
  },
);

test(
  "account: a passkey is added with the browser's authenticator",
  {
    timeout: TEST_TIMEOUT,
  },
  async () => {
    const user = await newUser();
    await withPage(stack, { lang: 'en' }, async (page, context) => {
      const { cdp, authenticatorId } = await addVirtualAuthenticator(context, page);
      await openAccount(page, user);
      await verifyItsMe(page, user);
      await page.getByRole('link', { name: 'Add a passkey' }).click();
      await waitForPath(page, '/account/passkey');
      await page.getByLabel('A name for it (optional)').fill('Test laptop');
      await screenshot(page, 'account-passkey');
      await submit(page, page.getByRole('button', { name: 'Create passkey' }));
      await waitForPath(page, '/account');
      await page.getByRole('status').filter({ hasText: 'Your passkey was added.' }).waitFor();
      await page.locator('#mfa').getByText('Passkey "Test laptop"').waitFor();
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1);
    });
  },
);

test('account: a session in another browser is signed out', { timeout: TEST_TIMEOUT }, async () => {
  const user = await newUser();
  await withPage(stack, { lang: 'en' }, async (other) => {
    await openAccount(other, user);
    await withPage(stack, { lang: 'en' }, async (page) => {
      await openAccount(page, user);
      await verifyItsMe(page, user);
      const sessions = page.locator('#sessions li');
      assert.equal(await sessions.count(), 2);
      const theirs = sessions.filter({ hasNotText: '(this browser)' });
      await submit(page, theirs.getByRole('button', { name: 'Sign out' }));
      await page.getByRole('status').filter({ hasText: 'That session was signed out' }).waitFor();
      assert.equal(await page.locator('#sessions li').count(), 1);
      await screenshot(page, 'account-session-revoked');
    });
    // The other browser's session is gone: /account asks it to sign in again.
    await other.goto(`${stack.server.endpoint}/account`);
    await waitForPath(other, '/sign-in');
  });
});
