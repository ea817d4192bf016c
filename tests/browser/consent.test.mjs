// The consent page for a third-party app (`latch app create --third-party`) in a real browser:
// the scopes in words, in English and Japanese; allow redirects with a code that redeems, deny
// redirects with error=access_denied (RFC 6749 §4.1.2.1); a first-party app is not asked.
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
  waitForPath,
  withPage,
} from './support/flow.mjs';

const USER = { username: 'connie', password: 'Harbor-Thistle-27!' };

let stack;
let partner;
let user;

before(async () => {
  stack = await startStack();
  partner = await stack.addApp('Partner App', ['--third-party']);
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
    title: 'Authorize Partner App',
    intro: 'Partner App wants to access your account:',
    allow: 'Allow',
    deny: 'Deny',
    scopes: ['Your user ID', 'Your name and profile picture', 'Your email address'],
  },
  ja: {
    signIn: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    title: 'Partner App を承認',
    intro: 'Partner App が次の情報へのアクセスを求めています:',
    allow: '許可',
    deny: '拒否',
    scopes: ['ユーザー ID', '名前とプロフィール画像', 'メールアドレス'],
  },
};

// Signs in to the partner app and stops on the consent page.
async function reachConsent(page, lang, state) {
  const w = words[lang];
  await page.goto(
    authorizeUrl(
      stack,
      {
        scope: 'openid profile email',
        state,
        ui_locales: lang === 'ja' ? 'ja' : undefined,
      },
      partner,
    ),
  );
  await page.getByLabel(w.username).fill(USER.username);
  await page.getByLabel(w.password, { exact: true }).fill(USER.password);
  await submit(page, page.getByRole('button', { name: w.signIn, exact: true }));
  await waitForPath(page, '/consent');
  await assertPage(page, { lang, title: w.title });
  const main = await page.locator('main').innerText();
  assert.match(main, new RegExp(w.intro));
  const listed = await page.locator('main li').allInnerTexts();
  assert.deepEqual(
    listed.map((s) => s.trim()),
    w.scopes,
  );
}

for (const lang of ['en', 'ja']) {
  const w = words[lang];

  test(
    `consent (${lang}): allow redirects with a code for the partner app`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page) => {
        await reachConsent(page, lang, `allow-${lang}`);
        await screenshot(page, `consent-${lang}`);
        await submit(page, page.getByRole('button', { name: w.allow }));
        const callback = await reachCallback(stack, page);
        assert.equal(callback.searchParams.get('state'), `allow-${lang}`);
        assert.equal(callback.searchParams.get('error'), null);
        const { claims } = await redeem(stack, callback, partner);
        assert.equal(claims.sub, user.id);
        assert.equal(claims.aud, partner.id);
      });
    },
  );

  test(
    `consent (${lang}): deny redirects with error=access_denied and no code`,
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(stack, { lang }, async (page) => {
        await reachConsent(page, lang, `deny-${lang}`);
        await submit(page, page.getByRole('button', { name: w.deny }));
        const callback = await reachCallback(stack, page);
        assert.equal(callback.searchParams.get('error'), 'access_denied');
        assert.equal(callback.searchParams.get('state'), `deny-${lang}`);
        assert.equal(callback.searchParams.get('code'), null);
        assert.equal(callback.searchParams.get('iss'), stack.server.issuer);
      });
    },
  );
}

test(
  'consent: a first-party app goes straight back without the consent page',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withPage(stack, {}, async (page) => {
      const visited = [];
      page.on('framenavigated', (frame) => visited.push(new URL(frame.url()).pathname));
      await page.goto(authorizeUrl(stack));
      await page.getByLabel('Username').fill(USER.username);
      await page.getByLabel('Password', { exact: true }).fill(USER.password);
      await submit(page, page.getByRole('button', { name: 'Sign in', exact: true }));
      const callback = await reachCallback(stack, page);
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
      assert.ok(!visited.includes('/consent'), `visited ${visited.join(' -> ')}`);
    });
  },
);
