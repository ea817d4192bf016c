// SMS one-time codes in a real browser: the generic HTTP SMS connector (`latch sms set-http`)
// posting to a fake provider, phone sign-in and sign-up by code in English and Japanese, and what
// a person sees when the provider refuses the message.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeSms } from '../fakes/sms/fake_sms.mjs';
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
  waitForPath,
  withPage,
} from './support/flow.mjs';

const PHONE = '+819012345678';

let stack;
let sms;
let user;

before(async () => {
  stack = await startStack();
  sms = await startFakeSms();
  await useFakeSms(stack, sms);
  await setExperience(stack, [
    'signUp={"identifiers":["phone"],"password":false,"verify":true}',
    'signIn.methods=[{"identifier":"phone","password":false,"verificationCode":true,' +
      '"isPasswordPrimary":false}]',
  ]);
  user = await createUser(stack, { phone: PHONE });
});

after(async () => {
  sms.respondWith(200);
  await sms?.close();
  await stack?.stop();
});

const words = {
  en: {
    signIn: 'Sign in',
    phone: 'Phone number',
    useCode: 'Sign in with a verification code',
    codeTitle: 'Enter the verification code',
    code: 'Verification code',
    next: 'Continue',
  },
  ja: {
    signIn: 'サインイン',
    phone: '電話番号',
    useCode: '確認コードでサインイン',
    codeTitle: '確認コードを入力',
    code: '確認コード',
    next: '続行',
  },
};

// Sign-in page -> code page for `phone`; resolves with the SMS the provider received.
async function requestSmsCode(page, lang, phone, shot) {
  const w = words[lang];
  await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
  await assertPage(page, { lang, title: w.signIn, pathname: '/sign-in' });
  if (shot) await screenshot(page, `sms-sign-in-${lang}`);
  const since = sms.messages.length;
  await page.getByLabel(w.phone).fill(phone);
  await submit(page, page.getByRole('button', { name: w.useCode }));
  await waitForPath(page, '/verification-code');
  await assertPage(page, { lang, title: w.codeTitle });
  return sms.waitForMessage((m) => m.to === phone, { since });
}

for (const lang of ['en', 'ja']) {
  test(
    `SMS sign-in (${lang}): the code posted to the provider signs the user in`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const w = words[lang];
      await withPage(stack, { lang }, async (page) => {
        const message = await requestSmsCode(page, lang, PHONE, true);
        assert.match(await page.locator('main').innerText(), new RegExp(`\\${PHONE}`));
        await screenshot(page, `sms-code-${lang}`);

        // The connector's request: JSON {to, from, text} with the configured Authorization.
        assert.equal(message.method, 'POST');
        assert.equal(message.path, '/sms');
        assert.match(message.headers['content-type'], /^application\/json/);
        assert.equal(message.headers.authorization, 'Bearer sms-secret');
        assert.deepEqual(Object.keys(message.body).sort(), ['from', 'text', 'to']);
        assert.equal(message.from, 'Latch');
        const expected =
          lang === 'en'
            ? /^Latch verification code: (\d{6}) \(valid for 10 minutes\)$/
            : /^Latch 確認コード: (\d{6})（10 分間有効）$/;
        assert.match(message.text, expected);

        await page.getByLabel(w.code).fill(message.code);
        await submit(page, page.getByRole('button', { name: w.next, exact: true }));
        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.sub, user.id);
      });
    },
  );
}

test('SMS sign-up: a new phone number registers by code', { timeout: TEST_TIMEOUT }, async () => {
  const phone = '+819087654321';
  await withPage(stack, {}, async (page) => {
    await page.goto(authorizeUrl(stack, { interaction_mode: 'signUp' }));
    await assertPage(page, { lang: 'en', title: 'Create account', pathname: '/register' });
    await screenshot(page, 'sms-register-en');
    const since = sms.messages.length;
    await page.getByLabel('Phone number').fill(phone);
    await submit(page, page.getByRole('button', { name: 'Send verification code' }));
    await waitForPath(page, '/verification-code');
    const message = await sms.waitForMessage((m) => m.to === phone, { since });
    await page.getByLabel('Verification code').fill(message.code);
    await submit(page, page.getByRole('button', { name: 'Continue', exact: true }));
    const callback = await reachCallback(stack, page);
    const { claims } = await redeem(stack, callback);
    assert.notEqual(claims.sub, user.id, 'a new account');
    assert.equal(claims.phone_number, phone);
  });
});

test(
  'SMS: a provider that refuses the message gives a readable error on the sign-in page',
  { timeout: TEST_TIMEOUT },
  async () => {
    sms.respondWith(503);
    try {
      for (const lang of ['en', 'ja']) {
        await withPage(stack, { lang }, async (page) => {
          await page.goto(authorizeUrl(stack, { ui_locales: lang }));
          await page.getByLabel(words[lang].phone).fill(PHONE);
          await submit(page, page.getByRole('button', { name: words[lang].useCode }));
          const expected =
            lang === 'en'
              ? 'The code could not be sent. Try again later.'
              : 'コードを送信できませんでした。しばらくしてからお試しください。';
          assert.equal(await alertText(page), expected);
          assert.equal(new URL(page.url()).pathname, '/sign-in');
          assert.equal(await page.getByLabel(words[lang].phone).inputValue(), PHONE);
          await screenshot(page, `sms-send-failed-${lang}`);
        });
      }
    } finally {
      sms.respondWith(200);
    }
  },
);
