// How a browser enters the hosted pages, and the error pages when it cannot: login_hint fills
// the identifier, interaction_mode=signUp opens registration, and a bad redirect_uri, a missing
// sign-in session or a stale form each get a readable page in English and Japanese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  assertPage,
  authorizeUrl,
  createUser,
  reachCallback,
  redeem,
  startStack,
  submit,
  withPage,
} from './support/flow.mjs';

const USER = { username: 'hinata', email: 'hinata@example.com', password: 'Maple-Lantern-35!' };
const EVIL = 'http://127.0.0.1:9/not-registered';

let stack;
let user;

before(async () => {
  stack = await startStack();
  user = await createUser(stack, USER);
});

after(async () => {
  await stack?.stop();
});

const words = {
  en: {
    signIn: 'Sign in',
    username: 'Username',
    password: 'Password',
    register: 'Create account',
    errorTitle: 'Something went wrong',
    sessionTitle: 'Sign-in session not found',
    session:
      'This sign-in session has expired or is unknown. Go back to the application and ' +
      'sign in again.',
    formExpired: 'The form has expired. Go back and try again.',
  },
  ja: {
    signIn: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    register: 'アカウントを作成',
    errorTitle: 'エラーが発生しました',
    sessionTitle: 'サインインセッションが見つかりません',
    session:
      'このサインインセッションは期限切れか不明です。アプリに戻ってもう一度サインインしてください。',
    formExpired: 'フォームの有効期限が切れました。戻ってもう一度お試しください。',
  },
};

const uiLocales = (lang) => (lang === 'ja' ? 'ja' : undefined);

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  test(
    `login_hint (${lang}) fills the identifier; only the password is left to type`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page) => {
        await page.goto(
          authorizeUrl(stack, { login_hint: USER.username, ui_locales: uiLocales(lang) }),
        );
        await assertPage(page, { lang, title: w.signIn, pathname: '/sign-in' });
        assert.equal(await page.getByLabel(w.username).inputValue(), USER.username);
        await screenshot(page, `entry-login-hint-${lang}`);
        await page.getByLabel(w.password, { exact: true }).fill(USER.password);
        await page.getByLabel(w.password, { exact: true }).press('Enter');
        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.sub, user.id);
      });
    },
  );

  test(
    `interaction_mode=signUp (${lang}) opens registration, with login_hint filled in`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page) => {
        await page.goto(
          authorizeUrl(stack, {
            interaction_mode: 'signUp',
            login_hint: `new_${lang}`,
            ui_locales: uiLocales(lang),
          }),
        );
        await assertPage(page, { lang, title: w.register, pathname: '/register' });
        assert.equal(await page.getByLabel(w.username).inputValue(), `new_${lang}`);
        await screenshot(page, `entry-interaction-mode-sign-up-${lang}`);
        // And it registers from there.
        await page.getByLabel(w.password, { exact: true }).fill('Juniper-Comet-58!');
        await page
          .getByLabel(lang === 'en' ? 'Confirm password' : 'パスワード（確認）')
          .fill('Juniper-Comet-58!');
        await submit(page, page.getByRole('button', { name: w.register }));
        const callback = await reachCallback(stack, page);
        const { claims } = await redeem(stack, callback);
        assert.equal(claims.username, `new_${lang}`);
      });
    },
  );

  test(
    `an unregistered redirect_uri (${lang}) gets an error page and no redirect`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page) => {
        const url = authorizeUrl(stack, { redirect_uri: EVIL, ui_locales: uiLocales(lang) });
        const response = await page.goto(url);
        assert.equal(response.status(), 400);
        assert.equal(page.url(), url, 'the browser stayed on the authorization URL');
        await assertPage(page, { lang, title: w.errorTitle });
        const text = await page.locator('main').innerText();
        assert.match(text, /redirect_uri|リダイレクト/);
        assert.doesNotMatch(text, /[{}<>]|invalid_request|Errc/);
        assert.equal(await page.locator('form').count(), 0);
        await screenshot(page, `entry-error-redirect-uri-${lang}`);
      });
    },
  );

  test(
    `a page without a sign-in session (${lang}) says so`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page) => {
        const response = await page.goto(`${stack.server.baseUrl}/sign-in`);
        assert.equal(response.status(), 404);
        await assertPage(page, { lang, title: w.sessionTitle });
        assert.match(await page.locator('main').innerText(), new RegExp(w.session));
        await screenshot(page, `entry-error-no-session-${lang}`);
      });
    },
  );

  test(
    `a form from a replaced sign-in (${lang}) is refused as expired`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page, context) => {
        await page.goto(authorizeUrl(stack, { ui_locales: uiLocales(lang) }));
        await assertPage(page, { lang, title: w.signIn });
        // A second sign-in in another tab replaces the interaction cookie of the first.
        const other = await context.newPage();
        await other.goto(authorizeUrl(stack, { ui_locales: uiLocales(lang) }));
        await other.close();
        await page.getByLabel(w.username).fill(USER.username);
        await page.getByLabel(w.password, { exact: true }).fill(USER.password);
        const response = page.waitForResponse((r) => r.request().method() === 'POST');
        await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
        assert.equal((await response).status(), 400);
        await assertPage(page, { lang, title: w.errorTitle });
        assert.match(await page.locator('main').innerText(), new RegExp(w.formExpired));
        await screenshot(page, `entry-error-form-expired-${lang}`);
      });
    },
  );
}

// The authorization endpoint's English descriptions stay a technical detail; the message is
// from the page language's catalog.
test(
  'the unregistered redirect_uri error page is written in Japanese',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, { lang: 'ja' }, async (page) => {
      await page.goto(authorizeUrl(stack, { redirect_uri: EVIL }));
      await assertPage(page, { lang: 'ja', title: words.ja.errorTitle });
      const message = (await page.locator('main p').last().innerText()).trim();
      assert.doesNotMatch(
        message,
        /[A-Za-z]{4,}/,
        `an English message on a Japanese page: ${message}`,
      );
    });
  },
);

// The error page of an invalid authorization request honours its ui_locales.
test('the error page honours ui_locales', { timeout: TEST_TIMEOUT }, async () => {
  await withPage(stack, { lang: 'en' }, async (page) => {
    await page.goto(authorizeUrl(stack, { redirect_uri: EVIL, ui_locales: 'ja' }));
    await assertPage(page, { lang: 'ja', title: words.ja.errorTitle });
  });
});
