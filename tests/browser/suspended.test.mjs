// A suspended user in a real browser: `latch user suspend` makes a correct sign-in end on the
// account-suspended page (English and Japanese), a wrong password still gets the generic message
// (the page must not reveal the suspension to someone without the password), and
// `latch user unsuspend` lets the user in again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  alertText,
  assertPage,
  authorizeUrl,
  createUser,
  reachCallback,
  startStack,
  submit,
  waitForPath,
  withPage,
} from './support/flow.mjs';

const USER = { username: 'sue', email: 'sue@example.com', password: 'Granite-Willow-62!' };

let stack;

before(async () => {
  stack = await startStack();
  await createUser(stack, USER);
  const result = await stack.server.cli(['user', 'suspend', USER.email]);
  assert.equal(result.code, 0, result.stderr);
});

after(async () => {
  await stack?.stop();
});

const words = {
  en: {
    signIn: 'Sign in',
    username: 'Username',
    password: 'Password',
    title: 'Account suspended',
    body: 'This account has been suspended. Contact the administrator if you need help.',
    back: 'Back to sign in',
    wrong: 'The account or password is incorrect.',
  },
  ja: {
    signIn: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    title: 'アカウントが停止されています',
    body: 'このアカウントは停止されています。サポートが必要な場合は管理者にお問い合わせください。',
    back: 'サインインに戻る',
    wrong: 'アカウントまたはパスワードが正しくありません。',
  },
};

async function signIn(page, w, password = USER.password) {
  await page.getByLabel(w.username).fill(USER.username);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  // The browser asks for English; only ui_locales asks for Japanese, so the suspended page has
  // to carry the authorization request's language over.
  test(
    `suspended (${lang}): the right password ends on the account-suspended page`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang: 'en' }, async (page) => {
        await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
        await assertPage(page, { lang, title: w.signIn, pathname: '/sign-in' });
        const callbacksBefore = stack.callbacks.length;
        const response = page.waitForResponse(
          (r) => new URL(r.url()).pathname === '/account-suspended',
        );
        await signIn(page, w);
        await waitForPath(page, '/account-suspended');
        assert.equal((await response).status(), 403);
        await assertPage(page, { lang, title: w.title });
        assert.match(await page.locator('main').innerText(), new RegExp(w.body));
        assert.equal(await page.locator('form').count(), 0);
        await screenshot(page, `suspended-${lang}`);
        assert.equal(stack.callbacks.length, callbacksBefore, 'no redirect to the app');

        await page.getByRole('link', { name: w.back }).click();
        await waitForPath(page, '/sign-in');
        await assertPage(page, { lang, title: w.signIn });
      });
    },
  );
}

test(
  'suspended: a wrong password gets the generic message, not the suspension',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack));
      await signIn(page, words.en, 'Granite-Willow-00!');
      assert.equal(await alertText(page), words.en.wrong);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
    });
  },
);

test(
  'suspended: after `latch user unsuspend` the user signs in',
  { timeout: TEST_TIMEOUT },
  async () => {
    const result = await stack.server.cli(['user', 'unsuspend', USER.username]);
    assert.equal(result.code, 0, result.stderr);
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack, { state: 'after-unsuspend' }));
      await signIn(page, words.en);
      const callback = await reachCallback(stack, page);
      assert.equal(callback.searchParams.get('state'), 'after-unsuspend');
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
    });
  },
);
