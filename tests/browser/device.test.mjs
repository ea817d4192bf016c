// The device authorization grant's pages (RFC 8628 §3.3) in a real browser, in English and
// Japanese: the code a device shows is entered on /device, the person signs in, the consent page
// names the device's app and its code, and the device's poll then gets tokens (or access_denied).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  assertPage,
  createUser,
  startStack,
  submit,
  waitForPath,
  withPage,
} from './support/flow.mjs';

const USER = { username: 'dana', password: 'Willow-Anchor-58!' };
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

let stack;
let tv;
let user;

before(async () => {
  stack = await startStack();
  tv = await stack.server.cliJson([
    'app',
    'create',
    '--name',
    'Living Room TV',
    '--type',
    'native',
    '--device-flow',
    '--json',
  ]);
  user = await createUser(stack, USER);
});

after(async () => {
  await stack?.stop();
});

// What the device does: asks for codes, then polls once.
async function deviceAuthorization() {
  const res = await fetch(`${stack.server.baseUrl}/oidc/device/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: tv.id, scope: 'openid profile' }),
  });
  assert.equal(res.status, 200);
  return res.json();
}

async function poll(deviceCode) {
  const res = await fetch(`${stack.server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: DEVICE_GRANT,
      device_code: deviceCode,
      client_id: tv.id,
    }),
  });
  return { status: res.status, body: await res.json() };
}

const words = {
  en: {
    entryTitle: 'Connect a device',
    code: 'Device code',
    continue: 'Continue',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    consentTitle: 'Connect Living Room TV?',
    allow: 'Allow',
    deny: 'Deny',
    approvedTitle: 'Device connected',
    deniedTitle: 'Access denied',
    wrong: /not valid or has expired/,
  },
  ja: {
    entryTitle: 'デバイスを接続',
    code: 'デバイスコード',
    continue: '続行',
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'サインイン',
    consentTitle: 'Living Room TV を接続しますか?',
    allow: '許可',
    deny: '拒否',
    approvedTitle: 'デバイスを接続しました',
    deniedTitle: 'アクセスを拒否しました',
    wrong: /無効か、有効期限が切れています/,
  },
};

// Types `userCode` on /device, signs in, and stops on the consent page.
async function reachConsent(page, lang, userCode) {
  const w = words[lang];
  await page.goto(`${stack.server.baseUrl}/device`);
  await assertPage(page, { lang, title: w.entryTitle });
  await page.getByLabel(w.code).fill(userCode.toLowerCase());
  await submit(page, page.getByRole('button', { name: w.continue }));
  await waitForPath(page, '/sign-in');
  await page.getByLabel(w.username).fill(USER.username);
  await page.getByLabel(w.password, { exact: true }).fill(USER.password);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
  await waitForPath(page, '/device/consent');
  await assertPage(page, { lang, title: w.consentTitle });
  assert.match(await page.locator('main').innerText(), new RegExp(userCode));
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  test(`device (${lang}): approving signs the device in`, { timeout: TEST_TIMEOUT }, async () => {
    // One poll, after the decision: a second within `interval` would be told to slow down.
    const codes = await deviceAuthorization();
    await withPage(stack, { lang }, async (page) => {
      await reachConsent(page, lang, codes.user_code);
      await screenshot(page, `device-consent-${lang}`);
      await submit(page, page.getByRole('button', { name: w.allow }));
      await assertPage(page, { lang, title: w.approvedTitle });
    });
    const tokens = await poll(codes.device_code);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    const claims = JSON.parse(
      Buffer.from(tokens.body.id_token.split('.')[1], 'base64url').toString(),
    );
    assert.equal(claims.sub, user.id);
    assert.equal(claims.aud, tv.id);
  });

  test(`device (${lang}): denying answers access_denied`, { timeout: TEST_TIMEOUT }, async () => {
    const codes = await deviceAuthorization();
    await withPage(stack, { lang }, async (page) => {
      await reachConsent(page, lang, codes.user_code);
      await submit(page, page.getByRole('button', { name: w.deny }));
      await assertPage(page, { lang, title: w.deniedTitle });
    });
    assert.equal((await poll(codes.device_code)).body.error, 'access_denied');
  });

  test(`device (${lang}): a wrong code is explained`, { timeout: TEST_TIMEOUT }, async () => {
    await withPage(stack, { lang }, async (page) => {
      await page.goto(`${stack.server.baseUrl}/device`);
      await page.getByLabel(w.code).fill('ZZZZ-ZZZZ');
      await submit(page, page.getByRole('button', { name: w.continue }));
      assert.match(await page.getByRole('alert').innerText(), w.wrong);
      await screenshot(page, `device-wrong-${lang}`);
    });
  });
}
