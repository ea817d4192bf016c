// The hosted sign-in pages in a real browser (Debian's chromium through playwright-core):
// signing in with the keyboard, a wrong password, Japanese, registration, a phone-sized
// viewport and the error page for an unknown client. The client's redirect URI is a small local
// server that answers every request; the test reads the code from the URL the browser lands on.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { createUser, createUserApp, waitUntilClientKnown } from '../interop/support/browser.mjs';
import { startServer } from '../interop/support/server.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';

const USER = { username: 'alice', password: 'Correct-Horse-42!' };
const TEST_TIMEOUT = 20000;

let server;
let browser;
let app;
let callbackOrigin;
let redirectUri;

let callbackServer;
const received = [];

// The app's side of the redirect: answers 200 and records the URL.
function startCallbackServer() {
  return new Promise((resolve, reject) => {
    const srv = http.createServer((req, res) => {
      received.push(req.url);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('callback');
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

function authorizeUrl(extra = {}, clientId = app.id) {
  const url = new URL(`${server.baseUrl}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: extra.state ?? 'state-123',
    ...extra,
  });
  return url.href;
}

// A fresh context (own cookies) whose callback requests are answered locally and recorded.
async function openPage(options = {}) {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  context.setDefaultTimeout(10000);
  received.length = 0; // tests run one at a time
  const callbacks = received;
  const page = await context.newPage();
  // Kept for failure messages: a blocked navigation shows up only in the console.
  page.consoleLines = [];
  page.on('console', (message) => page.consoleLines.push(message.text()));
  return { context, page, callbacks };
}

// Waits for the callback; allows consent first if the server asks for it.
async function reachCallback(page) {
  const callback = (url) => url.href.startsWith(`${redirectUri}?`);
  try {
    await page.waitForURL((url) => callback(url) || url.pathname === '/consent');
  } catch (error) {
    const console = page.consoleLines.filter((line) => !/status of 404/.test(line));
    throw new Error(
      `no redirect to ${redirectUri}; still on ${page.url()}\n` +
        `browser console: ${console.join('\n') || '(empty)'}`,
      { cause: error },
    );
  }
  if (!callback(new URL(page.url()))) {
    await page.getByRole('button', { name: /allow/i }).click();
    await page.waitForURL(callback);
  }
  return new URL(page.url());
}

before(async () => {
  server = await startServer();
  callbackServer = await startCallbackServer();
  callbackOrigin = `http://127.0.0.1:${callbackServer.address().port}`;
  redirectUri = `${callbackOrigin}/callback`;
  app = await createUserApp(server, { type: 'traditional', redirectUris: [redirectUri] });
  await createUser(server, USER);
  await waitUntilClientKnown(server, app, redirectUri);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  callbackServer?.close();
});

test(
  'signs in in English with the keyboard and lands on the callback',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page } = await openPage();
    try {
      await page.goto(authorizeUrl({ state: 'english-state' }));
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await assert.doesNotReject(
        page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(),
      );
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      const cookies = await context.cookies(server.baseUrl);
      assert.ok(
        cookies.some((c) => c.name === '_latch_interaction'),
        'the interaction cookie',
      );
      await screenshot(page, 'sign-in-en');

      await page.getByLabel('Username').fill(USER.username);
      await page.getByLabel('Password', { exact: true }).fill(USER.password);
      await page.getByLabel('Password', { exact: true }).press('Enter');
      const callback = await reachCallback(page);
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
      assert.equal(callback.searchParams.get('state'), 'english-state');
      assert.equal(callback.searchParams.get('error'), null);
    } finally {
      await context.close();
    }
  },
);

test(
  'a wrong password shows an alert and stays on the sign-in page',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page, callbacks } = await openPage();
    try {
      await page.goto(authorizeUrl());
      await page.getByLabel('Username').fill(USER.username);
      await page.getByLabel('Password', { exact: true }).fill('Wrong-Horse-99!');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal((await alert.textContent()).trim(), 'The account or password is incorrect.');
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.equal(await page.getByLabel('Username').inputValue(), USER.username);
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
      assert.deepEqual(callbacks, []);
      await screenshot(page, 'sign-in-wrong-password');
    } finally {
      await context.close();
    }
  },
);

test('ui_locales=ja renders the page in Japanese', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await openPage();
  try {
    await page.goto(authorizeUrl({ ui_locales: 'ja' }));
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    await page.getByRole('heading', { level: 1, name: 'サインイン' }).waitFor();
    await page.getByLabel('ユーザー名').waitFor();
    await page.getByLabel('パスワード', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'サインイン' }).waitFor();
    await screenshot(page, 'sign-in-ja');
  } finally {
    await context.close();
  }
});

test(
  'first_screen=register opens registration, and a new account lands on the callback',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page } = await openPage();
    try {
      await page.goto(authorizeUrl({ first_screen: 'register', state: 'register-state' }));
      assert.equal(new URL(page.url()).pathname, '/register');
      await page.getByRole('heading', { level: 1, name: 'Create account' }).waitFor();
      await screenshot(page, 'register-en');

      const password = 'Brisk-Lantern-73!';
      await page.getByLabel('Username').fill('bob_browser');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('Confirm password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      const callback = await reachCallback(page);
      assert.match(callback.searchParams.get('code') ?? '', /\S{8,}/);
      assert.equal(callback.searchParams.get('state'), 'register-state');
    } finally {
      await context.close();
    }
  },
);

test(
  'the sign-in page fits a phone screen without horizontal scrolling',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page } = await openPage({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      await page.goto(authorizeUrl());
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      assert.ok(widths.scroll <= 375, `scrollWidth ${widths.scroll} > 375`);
      const box = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `button at ${JSON.stringify(box)}`);
      await screenshot(page, 'sign-in-phone');
    } finally {
      await context.close();
    }
  },
);

test(
  'an unknown client_id shows a readable error page and does not redirect',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page, callbacks } = await openPage();
    try {
      const url = authorizeUrl({}, 'no-such-client');
      const response = await page.goto(url);
      assert.equal(response.status(), 400);
      assert.equal(page.url(), url, 'the browser stayed on the authorization URL');
      await page.getByRole('heading', { level: 1, name: 'Something went wrong' }).waitFor();
      const text = (await page.locator('main').innerText()).trim();
      assert.match(text, /application that sent you here is not known/i);
      assert.doesNotMatch(text, /[{}<>]|invalid_client|Errc/);
      assert.equal(await page.locator('form').count(), 0);
      assert.deepEqual(callbacks, []);
      await screenshot(page, 'error-unknown-client');
    } finally {
      await context.close();
    }
  },
);
