// The user's guide (shared/seeds/logto-python-github-guide.ja.txt), its console steps done in
// the console exactly as written, starting from a fresh Latch: the first admin account, "Get
// started" → "View all", the "Traditional web" filter, the "Flask" card, "Bookstore", "Create
// application", the congratulation page's guide with App ID and App Secret, the App Secret on
// the details page; Connectors → "Social connectors" → "Add social connector" → GitHub (the
// fake), "Save and done"; Sign-in experience → "Sign-up and sign-in" → "Not applicable" and
// GitHub in "Social sign-in". Then a visitor of the Bookstore app signs in with "Continue with
// GitHub", and the app redeems the code with the App ID and App Secret read from the console.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { root } from '../interop/support/server.mjs';
import {
  addGitHubConnector,
  newConsolePage,
  offerOnlyGitHub,
  shot,
  startConsoleStack,
} from './support/console.mjs';

const ADMIN = { username: 'bookstore_admin', password: 'Shelf-keeper-42' };
let stack;
let github;
let bookstore; // the guide's app: answers /callback and records what it got
let bookstoreUrl;

function startBookstore() {
  return new Promise((resolve, reject) => {
    const srv = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Bookstore</title><h1>Bookstore</h1>');
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

before(async () => {
  const fake = await import(pathToFileURL(path.join(root, 'tests/fakes/github/fake_github.mjs')));
  github = await fake.startFakeGitHub();
  github.setAutoApprove(false);
  github.setUser({
    id: 4242,
    login: 'bookworm',
    name: 'Book Worm',
    email: null,
    avatar_url: null,
    emails: [
      { email: 'bookworm@example.com', primary: true, verified: true, visibility: 'private' },
    ],
  });
  bookstore = await startBookstore();
  bookstoreUrl = `http://127.0.0.1:${bookstore.address().port}`;
  stack = await startConsoleStack({ operator: false });
});

after(async () => {
  await stack?.stop();
  await github?.close();
  bookstore?.close();
});

// Fails with the page's address and text, which say more than a timeout.
async function expectHeading(page, name) {
  try {
    await page.getByRole('heading', { level: 1, name }).waitFor();
  } catch (error) {
    const text = (
      await page
        .locator('body')
        .innerText()
        .catch(() => '')
    ).slice(0, 800);
    throw new Error(`no heading ${name} at ${page.url()}:\n${text}`, { cause: error });
  }
}

test('the guide, start to finish, in the console', { timeout: 120000 }, async () => {
  const { context, page } = await newConsolePage(stack);

  // A fresh Latch: the console asks for the first admin account, then signs in with it.
  await page.goto(stack.url());
  await expectHeading(page, 'Create the first admin account');
  await shot(page, 'guide-01-setup');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create account and sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  assert.equal(await page.getByLabel('Username').inputValue(), ADMIN.username, 'login_hint');
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectHeading(page, 'Get started');
  await shot(page, 'guide-02-get-started');

  // 1. "Get started" → "View all"; 2. the "Traditional web" filter, the "Flask" card;
  // 3. "Bookstore", "Create application".
  await page.getByRole('link', { name: 'View all' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create application' });
  await dialog.waitFor();
  await dialog.getByRole('checkbox', { name: 'Traditional web' }).check();
  assert.equal(await dialog.getByRole('button', { name: /^React/ }).count(), 0);
  await shot(page, 'guide-03-frameworks-traditional-web');
  await dialog.getByRole('button', { name: /^Flask/ }).click();
  await dialog.getByLabel('Application name').fill('Bookstore');
  await dialog.getByRole('button', { name: 'Create application' }).click();

  // The congratulation page with the integration guide, this deployment's values filled in.
  await page
    .getByText(/Congratulations/)
    .first()
    .waitFor();
  await page.getByText('pip install logto').first().waitFor();
  const appId = await page.getByLabel('App ID', { exact: true }).inputValue();
  const appSecret = await page.getByLabel('App Secret', { exact: true }).inputValue();
  assert.match(appId, /^[0-9a-z]{21}$/);
  assert.ok(appSecret.length >= 16);
  const code = await page.locator('pre').allInnerTexts();
  const clientPy = code.find((text) => text.includes('LogtoConfig('));
  assert.ok(clientPy, 'client.py is shown');
  assert.ok(clientPy.includes(`endpoint="${stack.server.endpoint}"`), clientPy);
  assert.ok(clientPy.includes(`appId="${appId}"`), clientPy);
  assert.ok(clientPy.includes(`appSecret="${appSecret}"`), clientPy);
  // The guide's callback and sign-out URLs, registered from the guide's own step.
  await page.getByLabel('Redirect URI', { exact: true }).fill(`${bookstoreUrl}/callback`);
  await page.getByLabel('Post sign-out redirect URI', { exact: true }).fill(`${bookstoreUrl}/`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.toast').first().waitFor();
  await shot(page, 'guide-04-congratulations');

  // "The App Secret can be found and copied on the application's details page."
  await page.getByRole('link', { name: 'Applications', exact: true }).click();
  await page.getByRole('link', { name: 'Bookstore' }).click();
  await expectHeading(page, 'Bookstore');
  assert.equal(await page.getByLabel('App Secret', { exact: true }).inputValue(), appSecret);
  assert.equal(await page.getByLabel('App ID', { exact: true }).inputValue(), appId);
  await shot(page, 'guide-05-app-details');

  // 4. Connectors → Social connectors → "Add social connector" → GitHub → "Save and done".
  // The connector's page shows its id and the callback URL to give GitHub.
  const callbackUrl = await addGitHubConnector(
    page,
    {
      clientId: 'bookstore-github-client',
      clientSecret: 'bookstore-github-secret',
      baseUrl: github.baseUrl,
    },
    { beforeSave: () => shot(page, 'guide-06-github-connector') },
  );
  const connectorId = callbackUrl.split('/').pop();
  assert.equal(callbackUrl, `${stack.server.endpoint}/callback/${connectorId}`);
  await shot(page, 'guide-07-connector-details');
  github.addApp({
    client_id: 'bookstore-github-client',
    client_secret: 'bookstore-github-secret',
    callback_url: callbackUrl,
    name: 'Bookstore',
  });

  // 5. Sign-in experience → Sign-up and sign-in: "Not applicable", GitHub in "Social sign-in".
  await offerOnlyGitHub(page);
  await shot(page, 'guide-08-sign-up-and-sign-in');
  await context.close();

  // 6. Back in the app: "Continue with GitHub", Authorize at GitHub, back at the app signed in.
  const visitor = await stack.browser.newContext({ locale: 'en-US' });
  visitor.setDefaultTimeout(10000);
  const tab = await visitor.newPage();
  const auth = new URL(`${stack.server.endpoint}/oidc/auth`);
  auth.search = new URLSearchParams({
    client_id: appId,
    redirect_uri: `${bookstoreUrl}/callback`,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'bookstore',
  });
  await tab.goto(auth.href);
  await tab.getByRole('button', { name: 'Continue with GitHub' }).waitFor();
  // Sign-up is social only now; operators (and anyone with a password) still sign in with one.
  assert.equal(await tab.getByRole('link', { name: 'Create account' }).count(), 0);
  await shot(tab, 'guide-09-continue-with-github');
  await tab.getByRole('button', { name: 'Continue with GitHub' }).click();
  await tab.waitForURL((url) => url.href.startsWith(github.baseUrl));
  await tab.locator('#authorize').click();
  await tab.waitForURL((url) => url.href.startsWith(`${bookstoreUrl}/callback?`));
  const landed = new URL(tab.url());
  assert.equal(landed.searchParams.get('state'), 'bookstore');
  const tokenResponse = await fetch(`${stack.server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: landed.searchParams.get('code'),
      redirect_uri: `${bookstoreUrl}/callback`,
    }),
  });
  const tokens = await tokenResponse.json();
  assert.equal(tokenResponse.status, 200, JSON.stringify(tokens));
  const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString());
  assert.equal(claims.name, 'Book Worm');
  await visitor.close();
});
