// Forgot password in a real browser, in English and Japanese: the link on the sign-in page, a
// code by email, a new password held to the policy, the notice back on sign-in, the new password
// accepted and the old one refused.
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
  startStack,
  submit,
  useFakeSmtp,
  useSignUpMode,
  waitForPath,
  withPage,
} from './support/flow.mjs';

let stack;
let smtp;

before(async () => {
  stack = await startStack();
  smtp = await startFakeSmtp();
  await useFakeSmtp(stack, smtp);
  await useSignUpMode(stack, 'password'); // username or email, with a password
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
    forgotLink: 'Forgot your password?',
    forgotTitle: 'Reset your password',
    email: 'Email',
    send: 'Send verification code',
    codeTitle: 'Enter the verification code',
    code: 'Verification code',
    next: 'Continue',
    resetTitle: 'Set a new password',
    newPassword: 'New password',
    confirm: 'Confirm password',
    reset: 'Reset password',
    done: 'Your password has been reset. Sign in with your new password.',
    common: 'This password is too common. Choose another one.',
    userInfo: 'The password must not contain your username, email or phone number.',
    mismatch: 'The passwords do not match.',
    wrong: 'The account or password is incorrect.',
    subject: 'Latch password reset code',
  },
  ja: {
    signIn: 'サインイン',
    identifier: 'ユーザー名 または メールアドレス',
    password: 'パスワード',
    forgotLink: 'パスワードをお忘れですか？',
    forgotTitle: 'パスワードの再設定',
    email: 'メールアドレス',
    send: '確認コードを送信',
    codeTitle: '確認コードを入力',
    code: '確認コード',
    next: '続行',
    resetTitle: '新しいパスワードを設定',
    newPassword: '新しいパスワード',
    confirm: 'パスワード（確認）',
    reset: 'パスワードを再設定',
    done: 'パスワードを再設定しました。新しいパスワードでサインインしてください。',
    common: 'このパスワードはよく使われています。別のパスワードを選んでください。',
    userInfo: 'パスワードにユーザー名、メールアドレス、電話番号を含めないでください。',
    mismatch: 'パスワードが一致しません。',
    wrong: 'アカウントまたはパスワードが正しくありません。',
    subject: 'Latch パスワード再設定用確認コード',
  },
};

async function signIn(page, w, identifier, password) {
  await page.getByLabel(w.identifier).fill(identifier);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  test(
    `forgot password (${lang}): reset by email code, then only the new password works`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const username = lang === 'en' ? 'rita' : 'kenji';
      const email = `${username}@example.com`;
      const oldPassword = 'Velvet-Harbor-19!';
      const newPassword = 'Copper-Orchard-84!';
      const user = await createUser(stack, { username, email, password: oldPassword });

      await withPage(stack, { lang }, async (page) => {
        await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
        await assertPage(page, { lang, title: w.signIn, pathname: '/sign-in' });
        await screenshot(page, `recovery-sign-in-${lang}`);
        await page.getByRole('link', { name: w.forgotLink }).click();

        await waitForPath(page, '/forgot-password');
        await assertPage(page, { lang, title: w.forgotTitle });
        await screenshot(page, `recovery-forgot-password-${lang}`);
        const since = smtp.messages.length;
        await page.getByLabel(w.email).fill(email);
        await submit(page, page.getByRole('button', { name: w.send }));
        const mail = await smtp.waitForMessage((m) => m.to.includes(email), { since });
        assert.equal(mail.subject, w.subject);

        await waitForPath(page, '/verification-code');
        await assertPage(page, { lang, title: w.codeTitle });
        await screenshot(page, `recovery-code-${lang}`);
        await page.getByLabel(w.code).fill(mail.code);
        await submit(page, page.getByRole('button', { name: w.next, exact: true }));

        await waitForPath(page, '/forgot-password/reset');
        await assertPage(page, { lang, title: w.resetTitle });
        await screenshot(page, `recovery-reset-${lang}`);
        const setPassword = async (password, confirm = password) => {
          await page.getByLabel(w.newPassword).fill(password);
          await page.getByLabel(w.confirm).fill(confirm);
          await submit(page, page.getByRole('button', { name: w.reset }));
        };
        await setPassword('password123');
        assert.equal(await alertText(page), w.common);
        await setPassword(`${username}-Lantern-5`);
        assert.equal(await alertText(page), w.userInfo);
        await setPassword(newPassword, `${newPassword}x`);
        assert.equal(await alertText(page), w.mismatch);
        assert.equal(new URL(page.url()).pathname, '/forgot-password/reset');
        await screenshot(page, `recovery-reset-refused-${lang}`);
        await setPassword(newPassword);

        // Back on sign-in with a notice (a status, not an alert).
        await page.waitForURL((url) => url.pathname === '/sign-in' && url.search === '?reset=1');
        await assertPage(page, { lang, title: w.signIn });
        assert.equal((await page.getByRole('status').innerText()).trim(), w.done);
        await screenshot(page, `recovery-sign-in-after-reset-${lang}`);

        await signIn(page, w, username, oldPassword);
        assert.equal(await alertText(page), w.wrong);
        await signIn(page, w, email, newPassword);
        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.sub, user.id);
      });
    },
  );
}

test(
  'forgot password: an unknown address gets the same code page (no enumeration), then no account',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack));
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await waitForPath(page, '/forgot-password');
      const since = smtp.messages.length;
      await page.getByLabel('Email').fill('stranger@example.com');
      await submit(page, page.getByRole('button', { name: 'Send verification code' }));
      await waitForPath(page, '/verification-code');
      const mail = await smtp.waitForMessage((m) => m.to.includes('stranger@example.com'), {
        since,
      });
      await page.getByLabel('Verification code').fill(mail.code);
      await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
      assert.equal(await alertText(page), 'No account matches. Check it or create an account.');
      assert.equal(new URL(page.url()).pathname, '/verification-code');
    });
  },
);

test(
  'forgot password: the reset page cannot be reached without a verified code',
  { timeout: TEST_TIMEOUT },
  async () => {
    await createUser(stack, {
      username: 'mallory',
      email: 'mallory@example.com',
      password: 'Velvet-Harbor-19!',
    });
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack));
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await waitForPath(page, '/forgot-password');
      // Straight to the reset form, skipping the code.
      await page.goto(`${stack.server.baseUrl}/forgot-password/reset`);
      await page.getByLabel('New password').fill('Copper-Orchard-84!');
      await page.getByLabel('Confirm password').fill('Copper-Orchard-84!');
      await submit(page, page.getByRole('button', { name: 'Reset password' }));
      assert.equal(await alertText(page), 'Verify your identity first.');
      assert.equal(new URL(page.url()).pathname, '/forgot-password/reset');
    });
  },
);
