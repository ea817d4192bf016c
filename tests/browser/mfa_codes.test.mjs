// Email and SMS codes as the second factor (issue 18), English and Japanese: a user who signed
// in with a password is asked for a code sent to their primary email (fake SMTP) or phone (fake
// SMS receiver); a wrong code is refused and the page stays; the right one completes the
// sign-in, and the ID token says a code was used (amr otp and mfa). A user without an email address
// adds one, proved by a code, as their factor. Every page is screenshotted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeSms } from '../fakes/sms/fake_sms.mjs';
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
  useFakeSms,
  useFakeSmtp,
  waitForPath,
  withPage,
} from './support/flow.mjs';

const PASSWORD = 'Granite-Willow-62!';
let stack;
let smtp;
let sms;

before(async () => {
  stack = await startStack();
  smtp = await startFakeSmtp();
  sms = await startFakeSms();
  await useFakeSmtp(stack, smtp);
  await useFakeSms(stack, sms);
  await setExperience(stack, [
    'mfa={"factors":["EmailVerificationCode","PhoneVerificationCode"],"policy":"UserControlled"}',
  ]);
});

after(async () => {
  await sms?.close();
  await smtp?.close();
  await stack?.stop();
});

const words = {
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    mfaTitle: 'Two-step verification',
    send: 'Send verification code',
    code: 'Verification code',
    verify: 'Verify',
    phoneMethod: 'Code sent by text message',
    wrongCode: 'The verification code is incorrect.',
    intro: (to) => `We will send a 6-digit code to ${to}.`,
    sent: (to) => `We sent a 6-digit code to ${to}.`,
  },
  ja: {
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'サインイン',
    mfaTitle: '2段階認証',
    send: '確認コードを送信',
    code: '確認コード',
    verify: '確認',
    phoneMethod: 'SMSで届くコード',
    wrongCode: '確認コードが正しくありません。',
    intro: (to) => `${to} に6桁のコードを送信します。`,
    sent: (to) => `${to} に 6 桁のコードを送信しました。`,
  },
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function signInWithPassword(page, w, lang, username) {
  await page.goto(authorizeUrl(stack, { ui_locales: lang }));
  await page.getByLabel(w.username).fill(username);
  await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
  await waitForPath(page, '/sign-in/mfa');
  await assertPage(page, { lang, title: w.mfaTitle });
}

// Asks for a code on the MFA page and checks the page that follows; resolves with the code.
async function sendCode(page, w, to, readCode) {
  assert.match(await page.locator('main').innerText(), new RegExp(escape(w.intro(to))));
  const code = readCode();
  await submit(page, page.getByRole('button', { name: w.send }));
  assert.match(await page.locator('main').innerText(), new RegExp(escape(w.sent(to))));
  return code;
}

// Types a wrong code (refused, the page stays), then the right one; checks the ID token.
async function enterCodes(page, w, code, user, pathname = '/sign-in/mfa') {
  await page.getByLabel(w.code).fill(code === '000000' ? '111111' : '000000');
  await submit(page, page.getByRole('button', { name: w.verify }));
  assert.equal(await alertText(page), w.wrongCode);
  assert.equal(new URL(page.url()).pathname, pathname);
  await page.getByLabel(w.code).fill(code);
  await submit(page, page.getByRole('button', { name: w.verify }));
  const callback = await reachCallback(stack, page);
  const { claims } = await redeem(stack, callback);
  assert.equal(claims.sub, user.id);
  assert.deepEqual([...claims.amr].sort(), ['mfa', 'otp', 'pwd']);
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];
  test(
    `mfa codes (${lang}): a code sent to the primary email`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const email = `mail-${lang}@example.com`;
      const user = await createUser(stack, { username: `mail_${lang}`, email, password: PASSWORD });
      await withPage(stack, { lang }, async (page) => {
        await signInWithPassword(page, w, lang, user.username);
        await screenshot(page, `mfa-email-send-${lang}`);
        const since = smtp.messages.length;
        const code = await sendCode(page, w, email, () =>
          smtp.waitForMessage((m) => m.to.includes(email), { since }).then((m) => m.code),
        );
        await screenshot(page, `mfa-email-code-${lang}`);
        await enterCodes(page, w, await code, user);
      });
    },
  );

  test(
    `mfa codes (${lang}): a code sent by SMS to the primary phone`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const phone = lang === 'en' ? '+15551230101' : '+819012340202';
      const user = await createUser(stack, { username: `sms_${lang}`, phone, password: PASSWORD });
      await withPage(stack, { lang }, async (page) => {
        await signInWithPassword(page, w, lang, user.username);
        // The only factor this user has is their phone, so the SMS page is the first one.
        assert.equal(await page.getByRole('link', { name: w.phoneMethod }).count(), 0);
        const since = sms.messages.length;
        // The connector gets the number as Logto stores it: digits, without the "+".
        const to = phone.replace(/^\+/, '');
        const code = await sendCode(page, w, phone, () => sms.codeFor(to, { since }));
        await screenshot(page, `mfa-sms-code-${lang}`);
        await enterCodes(page, w, await code, user);
      });
    },
  );
}

const enrolWords = {
  en: {
    enrollTitle: 'Set up two-step verification',
    emailMethod: 'Code sent by email',
    addEmailTitle: 'Add an email address',
    email: 'Email',
  },
  ja: {
    enrollTitle: '2段階認証の設定',
    emailMethod: 'メールで届くコード',
    addEmailTitle: 'メールアドレスの追加',
    email: 'メールアドレス',
  },
};

for (const lang of ['en', 'ja']) {
  const w = { ...words[lang], ...enrolWords[lang] };
  test(
    `mfa codes (${lang}): a user without an email address adds one as their second factor`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const email = `added-${lang}@example.com`;
      const user = await createUser(stack, { username: `noaddr_${lang}`, password: PASSWORD });
      await withPage(stack, { lang }, async (page) => {
        await page.goto(authorizeUrl(stack, { ui_locales: lang }));
        await page.getByLabel(w.username).fill(user.username);
        await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
        await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
        await waitForPath(page, '/sign-in/mfa/enroll');
        await assertPage(page, { lang, title: w.enrollTitle });
        await page.getByRole('link', { name: w.emailMethod }).click();
        await waitForPath(page, '/sign-in/mfa/address');
        await assertPage(page, { lang, title: w.addEmailTitle });
        await screenshot(page, `mfa-add-email-${lang}`);
        const since = smtp.messages.length;
        const mail = smtp.waitForMessage((m) => m.to.includes(email), { since });
        await page.getByLabel(w.email).fill(email);
        await submit(page, page.getByRole('button', { name: w.send }));
        assert.match(await page.locator('main').innerText(), new RegExp(escape(w.sent(email))));
        await screenshot(page, `mfa-add-email-code-${lang}`);
        await enterCodes(page, w, (await mail).code, user, '/sign-in/mfa/address');
      });
      // The address is the user's now, and the next sign-in asks for a code sent to it.
      await withPage(stack, { lang }, async (page) => {
        await signInWithPassword(page, w, lang, user.username);
        const since = smtp.messages.length;
        const code = await sendCode(page, w, email, () =>
          smtp.waitForMessage((m) => m.to.includes(email), { since }).then((m) => m.code),
        );
        await enterCodes(page, w, await code, user);
      });
    },
  );
}
