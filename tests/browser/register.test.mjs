// Registration in a real browser: username + password with the password policy's messages on
// the page, and email registration verified by a code (then the password on the continue step),
// in English and Japanese.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
});

after(async () => {
  await smtp?.close();
  await stack?.stop();
});

const words = {
  en: {
    title: 'Create account',
    username: 'Username',
    email: 'Email',
    password: 'Password',
    confirm: 'Confirm password',
    create: 'Create account',
    send: 'Send verification code',
    code: 'Verification code',
    next: 'Continue',
    continueTitle: 'One more step',
    hint: 'At least 8 characters.',
    tooShort: 'The password must be at least 8 characters.',
    common: 'This password is too common. Choose another one.',
    userInfo: 'The password must not contain your username, email or phone number.',
    mismatch: 'The passwords do not match.',
    taken: 'This username is taken.',
    emailTaken: 'This email address is already registered.',
  },
  ja: {
    title: 'アカウントを作成',
    username: 'ユーザー名',
    email: 'メールアドレス',
    password: 'パスワード',
    confirm: 'パスワード（確認）',
    create: 'アカウントを作成',
    send: '確認コードを送信',
    code: '確認コード',
    next: '続行',
    continueTitle: 'あと少しです',
    hint: '8 文字以上で入力してください。',
    tooShort: 'パスワードは 8 文字以上にしてください。',
    common: 'このパスワードはよく使われています。別のパスワードを選んでください。',
    userInfo: 'パスワードにユーザー名、メールアドレス、電話番号を含めないでください。',
    mismatch: 'パスワードが一致しません。',
    taken: 'このユーザー名は既に使われています。',
    emailTaken: 'このメールアドレスは既に登録されています。',
  },
};

const registerUrl = (lang, extra = {}) =>
  authorizeUrl(stack, {
    first_screen: 'register',
    ui_locales: lang === 'ja' ? 'ja' : undefined,
    ...extra,
  });

describe('username and password', () => {
  before(async () => {
    await useSignUpMode(stack, 'password');
    await createUser(stack, { username: 'taken_name', password: 'Quiet-Meadow-58!' });
  });

  for (const lang of ['en', 'ja']) {
    const w = words[lang];

    test(
      `register (${lang}): each password rule is explained on the page, then an account is created`,
      { timeout: TEST_TIMEOUT },
      async () => {
        const username = `reg_${lang}_user`;
        await withPage(stack, { lang }, async (page) => {
          await page.goto(registerUrl(lang));
          await assertPage(page, { lang, title: w.title, pathname: '/register' });
          // The hint is tied to the field for screen readers.
          const hintId = await page
            .getByLabel(w.password, { exact: true })
            .getAttribute('aria-describedby');
          assert.equal((await page.locator(`#${hintId}`).innerText()).trim(), w.hint);
          await screenshot(page, `register-password-${lang}`);

          const attempt = async (password, confirm = password, name = username) => {
            await page.getByLabel(w.username).fill(name);
            await page.getByLabel(w.password, { exact: true }).fill(password);
            await page.getByLabel(w.confirm).fill(confirm);
            await submit(page, page.getByRole('button', { name: w.create }));
          };
          const refused = async (message, shot) => {
            assert.equal(await alertText(page), message);
            assert.equal(new URL(page.url()).pathname, '/register');
            assert.equal(await page.getByLabel(w.password, { exact: true }).inputValue(), '');
            if (shot) await screenshot(page, `register-${shot}-${lang}`);
          };

          await attempt('Ab1!x');
          await refused(w.tooShort, 'too-short');
          // The identifier stays filled after a refusal.
          assert.equal(await page.getByLabel(w.username).inputValue(), username);
          await attempt('qwertyuiop');
          await refused(w.common, 'too-common');
          await attempt(`${username.toUpperCase()}-9!`);
          await refused(w.userInfo, 'contains-identifier');
          await attempt('Brisk-Lantern-73!', 'Brisk-Lantern-74!');
          await refused(w.mismatch, 'mismatch');
          await attempt('Brisk-Lantern-73!', 'Brisk-Lantern-73!', 'taken_name');
          assert.equal(await alertText(page), w.taken);

          await attempt('Brisk-Lantern-73!');
          const callback = await reachCallback(stack, page);
          const { claims } = await redeem(stack, callback);
          assert.equal(claims.username, username);
        });
      },
    );
  }
});

describe('email verified by a code', () => {
  before(async () => {
    await setExperience(stack, [
      'signUp={"identifiers":["email"],"password":true,"verify":true}',
      'signIn.methods=[{"identifier":"email","password":true,"verificationCode":true,' +
        '"isPasswordPrimary":true}]',
    ]);
    await createUser(stack, { email: 'existing@example.com', password: 'Quiet-Meadow-58!' });
  });

  // Register page -> code page; resolves with the mail.
  async function registerEmail(page, lang, email, shot) {
    const w = words[lang];
    await page.goto(registerUrl(lang));
    await assertPage(page, { lang, title: w.title, pathname: '/register' });
    // Verify first: the password is asked for after the code.
    assert.equal(await page.locator('input[type=password]').count(), 0);
    assert.equal(await page.getByLabel(w.email).getAttribute('type'), 'email');
    if (shot) await screenshot(page, `register-email-${lang}`);
    const since = smtp.messages.length;
    await page.getByLabel(w.email).fill(email);
    await submit(page, page.getByRole('button', { name: w.send }));
    await waitForPath(page, '/verification-code');
    return smtp.waitForMessage((m) => m.to.includes(email), { since });
  }

  for (const lang of ['en', 'ja']) {
    const w = words[lang];

    test(
      `register by email (${lang}): code, then the password on the continue step`,
      { timeout: TEST_TIMEOUT },
      async () => {
        const email = `new.${lang}@example.com`;
        await withPage(stack, { lang }, async (page) => {
          const mail = await registerEmail(page, lang, email, true);
          assert.equal(
            mail.subject,
            lang === 'en' ? 'Latch verification code' : 'Latch 確認コード',
          );
          await screenshot(page, `register-email-code-${lang}`);
          await page.getByLabel(w.code).fill(mail.code);
          await submit(page, page.getByRole('button', { name: w.next, exact: true }));

          await waitForPath(page, '/continue');
          await assertPage(page, { lang, title: w.continueTitle });
          await screenshot(page, `register-email-continue-password-${lang}`);
          await page.getByLabel(w.password, { exact: true }).fill('Amber-Falcon-31!');
          await page.getByLabel(w.confirm).fill('Amber-Falcon-30!');
          await submit(page, page.getByRole('button', { name: w.next, exact: true }));
          assert.equal(await alertText(page), w.mismatch);
          await page.getByLabel(w.password, { exact: true }).fill('Amber-Falcon-31!');
          await page.getByLabel(w.confirm).fill('Amber-Falcon-31!');
          await submit(page, page.getByRole('button', { name: w.next, exact: true }));

          const callback = await reachCallback(stack, page);
          const { claims } = await redeem(stack, callback);
          assert.equal(claims.email, email);
        });
      },
    );
  }

  test(
    'register by email: an already registered address is refused after the code',
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, {}, async (page) => {
        const mail = await registerEmail(page, 'en', 'existing@example.com');
        await page.getByLabel('Verification code').fill(mail.code);
        await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
        assert.equal(await alertText(page), words.en.emailTaken);
        assert.equal(new URL(page.url()).pathname, '/verification-code');
      });
    },
  );

  // The continue step checks the new password against the verified email too.
  test(
    'register by email: the password may not contain the email address',
    { timeout: TEST_TIMEOUT },
    async () => {
      const email = 'sam.rivers@example.com';
      await withPage(stack, {}, async (page) => {
        const mail = await registerEmail(page, 'en', email);
        await page.getByLabel('Verification code').fill(mail.code);
        await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
        await waitForPath(page, '/continue');
        await page.getByLabel('Password', { exact: true }).fill('Sam.Rivers-2024');
        await page.getByLabel('Confirm password').fill('Sam.Rivers-2024');
        await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
        await page.waitForLoadState('load');
        assert.equal(new URL(page.url()).pathname, '/continue', 'the account must not be created');
        assert.equal(await alertText(page), words.en.userInfo);
      });
    },
  );
});
