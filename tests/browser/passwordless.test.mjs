// Passwordless email sign-in in a real browser: `latch experience sign-up passwordless`, the
// email connector pointed at the fake SMTP server, a person typing the code from their mail on
// the one-time-code page, in English and Japanese; and the ways a code is refused (wrong, an
// earlier interaction's, too many attempts, expired).
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
  sqlite,
  startStack,
  submit,
  useFakeSmtp,
  useSignUpMode,
  waitForPath,
  withPage,
} from './support/flow.mjs';

const EMAIL = 'pat@example.com';

let stack;
let smtp;
let user;

before(async () => {
  stack = await startStack();
  smtp = await startFakeSmtp();
  await useFakeSmtp(stack, smtp);
  await useSignUpMode(stack, 'passwordless');
  user = await createUser(stack, { email: EMAIL });
});

after(async () => {
  await smtp?.close();
  await stack?.stop();
});

// From the authorization request to the code page: the email typed, the code asked for.
// Resolves with the mail that carried the code.
async function requestCode(page, { lang = 'en', email = EMAIL, shot } = {}) {
  const en = lang === 'en';
  await page.goto(authorizeUrl(stack, { ui_locales: en ? undefined : 'ja' }));
  await assertPage(page, { lang, title: en ? 'Sign in' : 'サインイン', pathname: '/sign-in' });
  // Passwordless: no password field, the code button is the primary action.
  assert.equal(await page.locator('input[type=password]').count(), 0);
  if (shot) await screenshot(page, `${shot}-sign-in-${lang}`);
  const since = smtp.messages.length;
  await page.getByLabel(en ? 'Email' : 'メールアドレス').fill(email);
  await submit(
    page,
    page.getByRole('button', {
      name: en ? 'Sign in with a verification code' : '確認コードでサインイン',
    }),
  );
  await waitForPath(page, '/verification-code');
  return smtp.waitForMessage((m) => m.to.includes(email), { since });
}

async function enterCode(page, code, lang = 'en') {
  const en = lang === 'en';
  await page.getByLabel(en ? 'Verification code' : '確認コード').fill(code);
  await submit(page, page.getByRole('button', { name: en ? 'Continue' : '続行', exact: true }));
}

test(
  'passwordless: an email code signs in and the code redeems for the user',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      const mail = await requestCode(page, { shot: 'passwordless' });
      await assertPage(page, { lang: 'en', title: 'Enter the verification code' });
      assert.match(
        await page.locator('main').innerText(),
        /We sent a 6-digit code to pat@example\.com\./,
      );
      await screenshot(page, 'passwordless-code-en');

      // The mail as the connector sent it: authenticated, from the configured sender, English.
      assert.deepEqual(mail.auth, { mechanism: 'PLAIN', user: 'latch', pass: 'smtp-secret' });
      assert.equal(mail.from, 'no-reply@latch.test');
      assert.equal(mail.subject, 'Latch sign-in code');
      assert.match(mail.body, /^Your verification code is \d{6}\./);
      assert.match(mail.code, /^\d{6}$/);

      await enterCode(page, mail.code);
      const callback = await reachCallback(stack, page);
      assert.equal(callback.searchParams.get('state'), 'state-123');
      assert.equal(callback.searchParams.get('error'), null);
      const { claims } = await redeem(stack, callback);
      assert.equal(claims.sub, user.id);
    });
  },
);

test(
  'passwordless in Japanese: pages and the mail are in Japanese',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, { lang: 'ja' }, async (page) => {
      const mail = await requestCode(page, { lang: 'ja', shot: 'passwordless' });
      await assertPage(page, { lang: 'ja', title: '確認コードを入力' });
      assert.match(
        await page.locator('main').innerText(),
        /pat@example\.com に 6 桁のコードを送信しました/,
      );
      await screenshot(page, 'passwordless-code-ja');
      assert.equal(mail.subject, 'Latch サインイン用確認コード');
      assert.match(mail.body, /^確認コードは \d{6} です。/);

      // A wrong code first: the Japanese alert, and the page stays.
      await enterCode(page, mail.code === '000000' ? '111111' : '000000', 'ja');
      assert.equal(await alertText(page), '確認コードが正しくありません。');
      assert.equal(new URL(page.url()).pathname, '/verification-code');
      await screenshot(page, 'passwordless-code-wrong-ja');

      await enterCode(page, mail.code, 'ja');
      const callback = await reachCallback(stack, page);
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
    });
  },
);

test(
  'passwordless: a wrong code shows an alert and stays; the right one then works',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      const mail = await requestCode(page);
      const callbacksBefore = stack.callbacks.length;
      const wrong = mail.code === '123456' ? '654321' : '123456';
      await enterCode(page, wrong);
      assert.equal(await alertText(page), 'The verification code is incorrect.');
      assert.equal(new URL(page.url()).pathname, '/verification-code');
      assert.equal(await page.getByLabel('Verification code').inputValue(), '');
      assert.equal(stack.callbacks.length, callbacksBefore, 'no redirect to the app');
      await screenshot(page, 'passwordless-code-wrong-en');

      await enterCode(page, mail.code);
      const callback = await reachCallback(stack, page);
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
    });
  },
);

test(
  'passwordless: the code of an earlier sign-in is refused in a new one',
  { timeout: TEST_TIMEOUT },
  async () => {
    const first = await withPage(stack, {}, async (page) => {
      const mail = await requestCode(page);
      await enterCode(page, mail.code);
      await reachCallback(stack, page);
      return mail;
    });
    await withPage(stack, {}, async (page) => {
      const second = await requestCode(page);
      assert.notEqual(second.code, first.code, 'a new code for the new sign-in');
      await enterCode(page, first.code);
      assert.equal(await alertText(page), 'The verification code is incorrect.');
      assert.equal(new URL(page.url()).pathname, '/verification-code');
    });
  },
);

test(
  'passwordless: five wrong codes lock the code; "Send a new code" mails one that works',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      const mail = await requestCode(page);
      const wrong = mail.code === '999999' ? '888888' : '999999';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await enterCode(page, wrong);
        assert.equal(await alertText(page), 'The verification code is incorrect.');
      }
      // The right code no longer helps: the attempts are used up.
      await enterCode(page, mail.code);
      assert.equal(await alertText(page), 'Too many wrong codes. Ask for a new one.');
      await screenshot(page, 'passwordless-code-locked-en');

      const since = smtp.messages.length;
      await submit(page, page.getByRole('button', { name: 'Send a new code' }));
      const fresh = await smtp.waitForMessage((m) => m.to.includes(EMAIL), { since });
      await waitForPath(page, '/verification-code');
      await assertPage(page, { lang: 'en', title: 'Enter the verification code' });
      await enterCode(page, fresh.code);
      const callback = await reachCallback(stack, page);
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
    });
  },
);

test('passwordless: an expired code is refused', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(stack, {}, async (page) => {
    const mail = await requestCode(page);
    // Ten minutes cannot pass in a test: age the stored code instead.
    const aged = await sqlite(
      stack,
      `UPDATE verification_codes SET expires_at = created_at - 1 WHERE identifier = '${EMAIL}'`,
    );
    if (!aged) {
      t.skip('sqlite3 is not installed');
      return;
    }
    await enterCode(page, mail.code);
    assert.equal(await alertText(page), 'The verification code has expired. Ask for a new one.');
    assert.equal(new URL(page.url()).pathname, '/verification-code');
    await screenshot(page, 'passwordless-code-expired-en');
  });
});

test(
  'passwordless: a sixth code within ten minutes is refused',
  { timeout: TEST_TIMEOUT },
  async () => {
    const email = 'busy@example.com';
    await createUser(stack, { email });
    await withPage(stack, {}, async (page) => {
      await requestCode(page, { email });
      for (let sent = 1; sent < 5; sent += 1) {
        const since = smtp.messages.length;
        await submit(page, page.getByRole('button', { name: 'Send a new code' }));
        await smtp.waitForMessage((m) => m.to.includes(email), { since });
        await waitForPath(page, '/verification-code');
      }
      const since = smtp.messages.length;
      await submit(page, page.getByRole('button', { name: 'Send a new code' }));
      assert.equal(
        await alertText(page),
        'Too many codes were requested. Wait a few minutes and try again.',
      );
      assert.equal(smtp.messages.length, since, 'no sixth mail');
      await screenshot(page, 'passwordless-code-rate-limited-en');
    });
  },
);

test(
  'passwordless: a verified email without an account goes on to registration',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      const mail = await requestCode(page, { email: 'newcomer@example.com' });
      await enterCode(page, mail.code);
      const callback = await reachCallback(stack, page);
      const { claims } = await redeem(stack, callback);
      const users = await stack.server.cliJson(['user', 'list', '--search', 'newcomer', '--json']);
      assert.equal(users.length, 1);
      assert.equal(users[0].primaryEmail, 'newcomer@example.com');
      assert.equal(claims.sub, users[0].id);
    });
  },
);
