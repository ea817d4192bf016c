// Account protection as a person meets it on the sign-in page: an unknown account and a wrong
// password read the same (no enumeration), and after five failures for one identifier even the
// right password is refused with the lockout message, in English and Japanese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import {
  TEST_TIMEOUT,
  alertText,
  authorizeUrl,
  createUser,
  reachCallback,
  startStack,
  submit,
  withPage,
} from './support/flow.mjs';

const PASSWORD = 'Tundra-Pebble-93!';

let stack;

before(async () => {
  stack = await startStack();
  for (const username of ['known', 'locked_en', 'locked_ja']) {
    await createUser(stack, { username, password: PASSWORD });
  }
});

after(async () => {
  await stack?.stop();
});

const words = {
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    wrong: 'The account or password is incorrect.',
    locked: 'Too many failed attempts. Wait 15 minutes and try again.',
  },
  ja: {
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'サインイン',
    wrong: 'アカウントまたはパスワードが正しくありません。',
    locked: '失敗した試行が多すぎます。15 分待ってからもう一度お試しください。',
  },
};

// Submits the sign-in form; resolves with the HTTP status of the answer.
async function attempt(page, w, username, password) {
  await page.getByLabel(w.username).fill(username);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
  return (await response).status();
}

test(
  'an unknown account and a wrong password get the same answer',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack));
      const unknownStatus = await attempt(page, words.en, 'nobody_here', PASSWORD);
      const unknownText = await alertText(page);
      const wrongStatus = await attempt(page, words.en, 'known', 'Tundra-Pebble-00!');
      const wrongText = await alertText(page);
      assert.equal(unknownText, words.en.wrong);
      assert.equal(wrongText, unknownText);
      assert.equal(wrongStatus, unknownStatus);
    });
  },
);

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  test(
    `lockout (${lang}): five failures lock the identifier, even for the right password`,
    { timeout: TEST_TIMEOUT },
    async () => {
      const username = `locked_${lang}`;
      await withPage(stack, { lang }, async (page) => {
        await page.goto(authorizeUrl(stack, { ui_locales: lang === 'ja' ? 'ja' : undefined }));
        for (let failure = 1; failure <= 5; failure += 1) {
          await attempt(page, w, username, `Wrong-Guess-${failure}!`);
          assert.equal(await alertText(page), w.wrong, `failure ${failure}`);
        }
        const status = await attempt(page, w, username, PASSWORD);
        assert.equal(status, 403);
        assert.equal(await alertText(page), w.locked);
        assert.equal(new URL(page.url()).pathname, '/sign-in');
        await screenshot(page, `protection-locked-${lang}`);
      });
    },
  );
}

test(
  'lockout is per identifier: another account still signs in',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      await page.goto(authorizeUrl(stack, { state: 'still-open' }));
      await attempt(page, words.en, 'known', PASSWORD);
      const callback = await reachCallback(stack, page);
      assert.equal(callback.searchParams.get('state'), 'still-open');
    });
  },
);
