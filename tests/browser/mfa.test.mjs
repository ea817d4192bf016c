// Second factors in a real browser (issue 18), English and Japanese: a user without a factor is
// offered one at sign-in, enrols an authenticator app (QR code image, copyable secret, a code
// computed here from it) and saves backup codes; the next sign-in asks for the code, and a
// backup code works instead. A passkey or security key (Chromium's virtual authenticator) is
// enrolled and used as the second factor, and "remember this device" skips it next time. Every
// page is screenshotted.
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
import {
  addVirtualAuthenticator,
  endpointAuthorizeUrl,
  forgetSession,
  totp,
} from './support/mfa.mjs';

const PASSWORD = 'Granite-Willow-62!';
let stack;

before(async () => {
  stack = await startStack();
  await setExperience(stack, [
    'mfa={"factors":["Totp","WebAuthn","BackupCode"],"policy":"UserControlled"}',
    'trustedDevice={"enabled":true,"durationDays":14}',
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
    enrollTitle: 'Set up two-step verification',
    app: 'Authenticator app',
    passkey: 'Passkey or security key',
    totpTitle: 'Set up an authenticator app',
    code: 'Verification code',
    verify: 'Verify',
    backupTitle: 'Save your backup codes',
    saved: 'I have saved them',
    mfaTitle: 'Two-step verification',
    backupCode: 'Backup code',
    usePasskey: 'Use passkey or security key',
    webauthnTitle: 'Add a passkey or security key',
    createPasskey: 'Create passkey',
    remember: 'Remember this device for 14 days',
    skip: 'Skip for now',
    wrongCode: 'The code is wrong or was used already. Try the next code.',
  },
  ja: {
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'サインイン',
    enrollTitle: '2段階認証の設定',
    app: '認証アプリ',
    passkey: 'パスキーまたはセキュリティキー',
    totpTitle: '認証アプリの設定',
    code: '確認コード',
    verify: '確認',
    backupTitle: 'バックアップコードを保存してください',
    saved: '保存しました',
    mfaTitle: '2段階認証',
    backupCode: 'バックアップコード',
    usePasskey: 'パスキーまたはセキュリティキーを使う',
    webauthnTitle: 'パスキーまたはセキュリティキーの追加',
    createPasskey: 'パスキーを作成',
    remember: 'このデバイスを 14 日間記憶する',
    skip: '今はスキップ',
    wrongCode: 'コードが正しくないか、すでに使用されています。次のコードをお試しください。',
  },
};

async function signInWithPassword(page, w, username) {
  await page.getByLabel(w.username).fill(username);
  await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
}

// On the backup-codes page: reads the codes and confirms they were saved.
async function saveBackupCodes(page, w, name) {
  await assertPage(page, {
    lang: page.lang,
    title: w.backupTitle,
    pathname: '/sign-in/mfa/backup-codes',
  });
  const codes = await page.locator('ol.backup-codes code').allInnerTexts();
  assert.equal(codes.length, 10);
  for (const code of codes) assert.match(code, /^[0-9a-f]{10}$/);
  await screenshot(page, name);
  await submit(page, page.getByRole('button', { name: w.saved }));
  return codes;
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];
  test(
    `mfa (${lang}): enrol an authenticator app, then sign in with its code or a backup code`,
    {
      timeout: TEST_TIMEOUT * 2,
    },
    async () => {
      const username = `totp_${lang}`;
      await createUser(stack, { username, password: PASSWORD });
      let secret;
      let codes;
      await withPage(stack, { lang }, async (page) => {
        page.lang = lang;
        await page.goto(endpointAuthorizeUrl(stack));
        await signInWithPassword(page, w, username);
        await waitForPath(page, '/sign-in/mfa/enroll');
        await assertPage(page, { lang, title: w.enrollTitle });
        assert.equal(await page.getByRole('button', { name: w.skip }).count(), 1, 'skippable');
        await screenshot(page, `mfa-enroll-${lang}`);
        await page.getByRole('link', { name: w.app }).click();
        await waitForPath(page, '/sign-in/mfa/totp');
        await assertPage(page, { lang, title: w.totpTitle });
        const qr = page.locator('p.qr img');
        await qr.evaluate((img) => img.decode());
        assert.ok((await qr.evaluate((img) => img.naturalWidth)) > 0, 'the QR code image loads');
        secret = (await page.locator('code.secret').innerText()).trim();
        assert.match(secret, /^[A-Z2-7]{16,}$/);
        await screenshot(page, `mfa-totp-enrol-${lang}`);
        await page.getByLabel(w.code).fill(totp(secret) === '000000' ? '111111' : '000000');
        await submit(page, page.getByRole('button', { name: w.verify }));
        assert.equal(await page.getByRole('alert').innerText(), w.wrongCode);
        assert.equal((await page.locator('code.secret').innerText()).trim(), secret, 'same secret');
        await page.getByLabel(w.code).fill(totp(secret));
        await submit(page, page.getByRole('button', { name: w.verify }));
        codes = await saveBackupCodes(page, w, `mfa-backup-codes-${lang}`);
        await reachCallback(stack, page);
      });
      await withPage(stack, { lang }, async (page) => {
        await page.goto(endpointAuthorizeUrl(stack));
        await signInWithPassword(page, w, username);
        await waitForPath(page, '/sign-in/mfa');
        await assertPage(page, { lang, title: w.mfaTitle });
        await screenshot(page, `mfa-verify-totp-${lang}`);
        const next = Math.floor(Date.now() / 30000) + 1; // the enrolment used the current step
        await page.getByLabel(w.code).fill(totp(secret, next));
        await submit(page, page.getByRole('button', { name: w.verify }));
        await reachCallback(stack, page);
      });
      await withPage(stack, { lang }, async (page) => {
        await page.goto(endpointAuthorizeUrl(stack));
        await signInWithPassword(page, w, username);
        await waitForPath(page, '/sign-in/mfa');
        await page.getByRole('link', { name: w.backupCode }).click();
        await assertPage(page, { lang, title: w.mfaTitle });
        await screenshot(page, `mfa-verify-backup-code-${lang}`);
        await page.getByLabel(w.backupCode).fill(codes[0]);
        await submit(page, page.getByRole('button', { name: w.verify }));
        await reachCallback(stack, page);
      });
    },
  );
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];
  test(
    `mfa (${lang}): a passkey as the second factor, and a remembered device`,
    {
      timeout: TEST_TIMEOUT * 2,
    },
    async () => {
      const username = `webauthn_${lang}`;
      await createUser(stack, { username, password: PASSWORD });
      await withPage(stack, { lang }, async (page, context) => {
        page.lang = lang;
        await addVirtualAuthenticator(context, page);
        await page.goto(endpointAuthorizeUrl(stack));
        await signInWithPassword(page, w, username);
        await waitForPath(page, '/sign-in/mfa/enroll');
        await page.getByRole('link', { name: w.passkey }).click();
        await waitForPath(page, '/sign-in/mfa/webauthn');
        await assertPage(page, { lang, title: w.webauthnTitle });
        await screenshot(page, `mfa-webauthn-enrol-${lang}`);
        await submit(page, page.getByRole('button', { name: w.createPasskey }));
        await saveBackupCodes(page, w, `mfa-backup-codes-after-passkey-${lang}`);
        await reachCallback(stack, page);

        await forgetSession(context);
        await page.goto(endpointAuthorizeUrl(stack, { state: 'second' }));
        await signInWithPassword(page, w, username);
        await waitForPath(page, '/sign-in/mfa');
        await assertPage(page, { lang, title: w.mfaTitle });
        await screenshot(page, `mfa-verify-webauthn-${lang}`);
        await page.getByLabel(w.remember).check();
        await submit(page, page.getByRole('button', { name: w.usePasskey }));
        const callback = await reachCallback(stack, page);
        assert.equal(callback.searchParams.get('state'), 'second');
        const trusted = (await context.cookies()).find((c) => c.name === '_latch_trusted_device');
        assert.ok(trusted, 'the browser is remembered');
        assert.ok(trusted.httpOnly);
        assert.equal(trusted.sameSite, 'Lax');

        await forgetSession(context, { keepTrustedDevice: true });
        await page.goto(endpointAuthorizeUrl(stack, { state: 'third' }));
        await signInWithPassword(page, w, username);
        const third = await reachCallback(stack, page);
        assert.equal(third.searchParams.get('state'), 'third', 'no second factor on this device');
      });
    },
  );
}
