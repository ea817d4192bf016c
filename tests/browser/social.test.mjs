// The second half of the user's guide in a real browser: a GitHub connector added with the CLI
// and put on the sign-in page, "Continue with GitHub" clicked, the (fake) GitHub's Authorize
// button pressed, and the app's callback reached signed in; with social-only sign-up ("Not
// applicable") too, in English and Japanese. Also the pages people see when GitHub says no.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createUserApp, waitUntilClientKnown } from '../interop/support/browser.mjs';
import { eventually, root, startServer } from '../interop/support/server.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';

const TEST_TIMEOUT = 30000;

let server;
let github;
let browser;
let app;
let redirectUri;
let callbackServer;
let connectorId;

function startCallbackServer() {
  return new Promise((resolve, reject) => {
    const srv = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('callback');
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

function authorizeUrl(extra = {}) {
  // The endpoint, not 127.0.0.1: GitHub sends the browser back to the endpoint's callback URL,
  // and the interaction cookie must be there.
  const url = new URL(`${server.endpoint}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: app.id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email identities',
    state: 'guide-state',
    prompt: 'login',
    ...extra,
  });
  return url.href;
}

// page.waitForURL(predicate) with the page's address and text in the failure.
async function waitForUrl(page, predicate) {
  try {
    await page.waitForURL(predicate);
  } catch (error) {
    const text = (
      await page
        .locator('body')
        .textContent()
        .catch(() => '')
    ).slice(0, 600);
    throw new Error(`still at ${page.url()}: ${text}`, { cause: error });
  }
}

// Redeems the code the browser landed with; resolves with the userinfo claims.
async function claimsOf(landed) {
  const code = landed.searchParams.get('code');
  assert.ok(code, `no code in ${landed.href}`);
  const tokenResponse = await fetch(`${server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    }),
  });
  const tokens = await tokenResponse.json();
  assert.equal(tokenResponse.status, 200, JSON.stringify(tokens));
  const me = await fetch(`${server.baseUrl}/oidc/me`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  return me.json();
}

async function setSignUp(mode) {
  const result = await server.cli(['experience', 'sign-up', mode]);
  assert.equal(result.code, 0, result.stderr);
}

// A page on a fresh context, at the sign-in page once it shows the GitHub button.
async function signInPage(locale, extra = {}) {
  const context = await browser.newContext({ locale });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const button = locale.startsWith('ja') ? 'GitHub で続行' : 'Continue with GitHub';
  await eventually(
    async () => {
      await page.goto(authorizeUrl(extra));
      return (await page.getByRole('button', { name: button }).count()) === 1;
    },
    { timeoutMs: 5000 },
  );
  return { context, page, button };
}

before(async () => {
  const fake = await import(pathToFileURL(path.join(root, 'tests/fakes/github/fake_github.mjs')));
  github = await fake.startFakeGitHub();
  server = await startServer({ env: { LATCH_CONNECTOR_TIMEOUT_MS: '3000' } });
  callbackServer = await startCallbackServer();
  redirectUri = `http://127.0.0.1:${callbackServer.address().port}/callback`;
  app = await createUserApp(server, { type: 'traditional', redirectUris: [redirectUri] });
  await waitUntilClientKnown(server, app, redirectUri);
  // The guide's steps, with the CLI standing in for the console until it exists.
  const added = await server.cliJson([
    'connector',
    'add',
    'github',
    '--client-id',
    'guide-client',
    '--client-secret',
    'guide-secret',
    '--scope',
    'read:user user:email',
    '--set',
    `oauthBaseUrl=${github.baseUrl}`,
    '--set',
    `apiBaseUrl=${github.baseUrl}`,
    '--json',
  ]);
  connectorId = added.id;
  github.addApp({
    client_id: 'guide-client',
    client_secret: 'guide-secret',
    callback_url: `${server.endpoint}/callback/${connectorId}`,
    name: 'Bookstore',
  });
  const enabled = await server.cli(['connector', 'enable', connectorId]);
  assert.equal(enabled.code, 0, enabled.stderr);
  github.setAutoApprove(false); // show GitHub's Authorize page, as a first sign-in does
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await github?.close();
  callbackServer?.close();
});

test(
  'Continue with GitHub, Authorize at GitHub, land at the app signed in (social-only sign-up)',
  { timeout: TEST_TIMEOUT },
  async () => {
    await setSignUp('social-only');
    github.setUser({
      id: 9001,
      login: 'reader',
      name: 'Book Reader',
      email: null,
      avatar_url: `${github.baseUrl}/avatars/9001`,
      emails: [
        { email: 'reader@example.com', primary: true, verified: true, visibility: 'private' },
      ],
    });
    const { context, page, button } = await signInPage('en-US');
    // Social only: no identifier form, no link to registration.
    assert.equal(await page.getByLabel('Password').count(), 0);
    await screenshot(page, 'social-sign-in-en');
    await page.getByRole('button', { name: button }).click();
    await waitForUrl(page, (url) => url.href.startsWith(github.baseUrl));
    await screenshot(page, 'social-github-authorize');
    await page.locator('#authorize').click();
    await waitForUrl(page, (url) => url.href.startsWith(`${redirectUri}?`));
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('state'), 'guide-state');
    const claims = await claimsOf(landed);
    assert.equal(claims.name, 'Book Reader');
    assert.equal(claims.email, 'reader@example.com');
    assert.equal(claims.identities.github.userId, '9001');
    await context.close();
  },
);

test(
  'in Japanese the button reads GitHub で続行 and signs the same user in again',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page, button } = await signInPage('ja-JP');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    await screenshot(page, 'social-sign-in-ja');
    await page.getByRole('button', { name: button }).click();
    await page.locator('#authorize').click();
    await waitForUrl(page, (url) => url.href.startsWith(`${redirectUri}?`));
    const claims = await claimsOf(new URL(page.url()));
    assert.equal(claims.identities.github.userId, '9001');
    const users = await server.cliJson(['user', 'list', '--json']);
    assert.equal(users.filter((u) => u.identities.github?.userId === '9001').length, 1);
    await context.close();
  },
);

test(
  'Cancel at GitHub returns to the sign-in page with a notice',
  { timeout: TEST_TIMEOUT },
  async () => {
    const { context, page, button } = await signInPage('en-US');
    await page.getByRole('button', { name: button }).click();
    await page.locator('#cancel').click();
    await waitForUrl(page, (url) => url.pathname === '/sign-in');
    await assert.doesNotReject(
      page.getByText('Sign-in with the other service was cancelled').waitFor(),
    );
    await screenshot(page, 'social-cancelled-en');
    await context.close();
  },
);

test(
  'a GitHub app with another callback URL shows the URL to register, in Japanese',
  { timeout: TEST_TIMEOUT },
  async () => {
    github.addApp({
      client_id: 'guide-client',
      client_secret: 'guide-secret',
      callback_url: `${server.endpoint}/callback/stale`,
      name: 'Bookstore',
    });
    try {
      const { context, page, button } = await signInPage('ja-JP');
      await page.getByRole('button', { name: button }).click();
      await waitForUrl(page, (url) => url.pathname === '/callback/stale');
      const shown = await page.locator('code.url').textContent();
      assert.equal(shown, `${server.endpoint}/callback/${connectorId}`);
      assert.match(await page.locator('h1').textContent(), /正しく設定されていません/);
      await screenshot(page, 'social-redirect-mismatch-ja');
      await context.close();
    } finally {
      github.addApp({
        client_id: 'guide-client',
        client_secret: 'guide-secret',
        callback_url: `${server.endpoint}/callback/${connectorId}`,
        name: 'Bookstore',
      });
    }
  },
);

test(
  'with username sign-up, a new GitHub user is asked for a username, then lands signed in',
  { timeout: TEST_TIMEOUT },
  async () => {
    await setSignUp('password');
    github.setUser({ id: 9002, login: 'writer', name: 'Book Writer', email: null, emails: [] });
    const { context, page, button } = await signInPage('en-US');
    await page.getByRole('button', { name: button }).click();
    await page.locator('#authorize').click();
    await waitForUrl(page, (url) => url.pathname === '/continue');
    await screenshot(page, 'social-continue-username-en');
    await page.getByLabel('Username').fill('book_writer');
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForUrl(page, (url) => url.href.startsWith(`${redirectUri}?`));
    const claims = await claimsOf(new URL(page.url()));
    assert.equal(claims.username, 'book_writer');
    assert.equal(claims.identities.github.userId, '9002');
    await context.close();
  },
);
