// The pages follow the configuration, as an admin switches it with the CLI: the password,
// passwordless and social-only sign-up presets, sign-up turned off (signInMode=SignIn), and the
// terms-of-use agreement checkbox, in English and Japanese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  alertText,
  assertPage,
  authorizeUrl,
  reachCallback,
  redeem,
  setExperience,
  startStack,
  submit,
  useSignUpMode,
  withPage,
} from './support/flow.mjs';

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

// The sign-in and register pages' fields and buttons, as a person sees them.
async function describePages(page, lang = 'en') {
  const read = async () => ({
    labels: (await page.locator('main label').allInnerTexts()).map((s) => s.trim()),
    buttons: (await page.locator('main button').allInnerTexts()).map((s) => s.trim()),
    text: await page.locator('main').innerText(),
  });
  await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
  const signIn = await read();
  await page.goto(`${stack.server.baseUrl}/register`);
  const register = await read();
  return { signIn, register };
}

test(
  'sign-up presets: the pages follow password, passwordless and social-only',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await useSignUpMode(stack, 'password');
      let pages = await describePages(page);
      assert.deepEqual(pages.signIn.labels, ['Username or Email', 'Password']);
      assert.deepEqual(pages.signIn.buttons, ['Sign in']);
      assert.deepEqual(pages.register.labels, ['Username', 'Password', 'Confirm password']);
      assert.deepEqual(pages.register.buttons, ['Create account']);

      await useSignUpMode(stack, 'passwordless');
      pages = await describePages(page);
      assert.deepEqual(pages.signIn.labels, ['Email']);
      assert.deepEqual(pages.signIn.buttons, ['Sign in with a verification code']);
      assert.deepEqual(pages.register.labels, ['Email']);
      assert.deepEqual(pages.register.buttons, ['Send verification code']);

      await useSignUpMode(stack, 'social-only');
      pages = await describePages(page);
      assert.deepEqual(pages.signIn.labels, []);
      assert.deepEqual(pages.signIn.buttons, []);
      assert.match(
        pages.signIn.text,
        /No sign-in method is available\. Contact the administrator\./,
      );
      assert.deepEqual(pages.register.buttons, []);
      await page.goto(authorizeUrl(stack));
      await screenshot(page, 'modes-social-only-sign-in-en');
    });
  },
);

test('social-only in Japanese', { timeout: TEST_TIMEOUT }, async () => {
  await useSignUpMode(stack, 'social-only');
  await withPage(stack, { lang: 'ja' }, async (page) => {
    const pages = await describePages(page, 'ja');
    assert.match(
      pages.signIn.text,
      /利用できるサインイン方法がありません。管理者にお問い合わせください。/,
    );
    // No connector is enabled: the register page says so instead of pointing at an empty list.
    assert.match(
      pages.register.text,
      /利用できるサインイン方法がありません。管理者にお問い合わせください。/,
    );
    await page.goto(authorizeUrl(stack, { ui_locales: 'ja' }));
    await screenshot(page, 'modes-social-only-sign-in-ja');
  });
});

for (const lang of ['en', 'ja']) {
  test(`signInMode=SignIn (${lang}): no way to register`, { timeout: TEST_TIMEOUT }, async () => {
    await useSignUpMode(stack, 'password');
    await setExperience(stack, ['signInMode=SignIn']);
    try {
      await withPage(stack, { lang }, async (page) => {
        const pages = await describePages(page, lang);
        const createAccount = lang === 'en' ? 'Create account' : 'アカウントを作成';
        assert.doesNotMatch(pages.signIn.text, new RegExp(createAccount));
        assert.match(
          pages.register.text,
          lang === 'en'
            ? /Creating new accounts is disabled\./
            : /新しいアカウントの作成は無効になっています。/,
        );
        assert.deepEqual(pages.register.labels, []);
        await screenshot(page, `modes-register-disabled-${lang}`);
      });
    } finally {
      await setExperience(stack, ['signInMode=SignInAndRegister']);
    }
  });
}

const terms = {
  en: {
    agree: 'I agree to the Terms of use and the Privacy policy',
    username: 'Username',
    password: 'Password',
    confirm: 'Confirm password',
    create: 'Create account',
    title: 'Create account',
    refused: 'Agree to the terms to continue.',
    links: ['Terms of use', 'Privacy policy'],
  },
  ja: {
    agree: '次に同意します: 利用規約 および プライバシーポリシー',
    username: 'ユーザー名',
    password: 'パスワード',
    confirm: 'パスワード（確認）',
    create: 'アカウントを作成',
    title: 'アカウントを作成',
    refused: '続行するには規約に同意してください。',
    links: ['利用規約', 'プライバシーポリシー'],
  },
};

for (const lang of ['en', 'ja']) {
  const w = terms[lang];

  test(
    `terms (${lang}): registration needs the box ticked; the links go to the documents`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await useSignUpMode(stack, 'password');
      await setExperience(stack, [
        'termsOfUseUrl=https://example.com/terms',
        'privacyPolicyUrl=https://example.com/privacy',
        'agreeToTermsPolicy=ManualRegistrationOnly',
      ]);
      await withPage(stack, { lang }, async (page) => {
        await page.goto(
          authorizeUrl(stack, {
            first_screen: 'register',
            ui_locales: lang === 'ja' ? 'ja' : undefined,
          }),
        );
        await assertPage(page, { lang, title: w.title, pathname: '/register' });
        const box = page.getByRole('checkbox', { name: w.agree });
        assert.equal(await box.isChecked(), false);
        const hrefs = [];
        for (const name of w.links) {
          hrefs.push(await page.getByRole('link', { name, exact: true }).getAttribute('href'));
        }
        assert.deepEqual(hrefs, ['https://example.com/terms', 'https://example.com/privacy']);
        await screenshot(page, `modes-terms-register-${lang}`);

        const username = `terms_${lang}`;
        const fill = async () => {
          await page.getByLabel(w.username).fill(username);
          await page.getByLabel(w.password, { exact: true }).fill('Meadow-Quartz-71!');
          await page.getByLabel(w.confirm).fill('Meadow-Quartz-71!');
        };
        await fill();
        await submit(page, page.getByRole('button', { name: w.create }));
        assert.equal(await alertText(page), w.refused);
        assert.equal(new URL(page.url()).pathname, '/register');

        await fill();
        await page.getByRole('checkbox', { name: w.agree }).check();
        await submit(page, page.getByRole('button', { name: w.create }));
        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.username, username);
      });
      // ManualRegistrationOnly: signing in asks for no agreement.
      await withPage(stack, { lang }, async (page) => {
        await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
        assert.equal(await page.getByRole('checkbox').count(), 0);
      });
    },
  );
}
