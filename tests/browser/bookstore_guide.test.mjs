// The user's guide end to end with the C++ sample (examples/bookstore, built as build/bookstore):
// in the console an operator creates "Bookstore" from the Flask card and registers the sample's
// callback and sign-out URLs, adds the GitHub connector (the fake GitHub) and enables it in
// social sign-in. The sample starts with the App ID and App Secret read from the console. A
// visitor clicks "Sign in", "Continue with GitHub", authorizes at GitHub and lands back at the
// sample "Authenticated"; /me shows the GitHub user's name and the sample's protected API refuses
// the books (403: the user holds no role with read:books), said plainly. The operator, in the
// console, creates the role "Reader" with the Bookstore API's read:books and assigns it to the
// user; the sample calls the API again with a new access token (its refresh) and the books are
// listed. "Sign out" ends at the sample "Not authenticated"; /sign-in?mode=signUp opens Latch's
// registration page first.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  bookstoreBinary,
  freePort,
  startBookstore as startSample,
} from '../interop/support/bookstore.mjs';
import { eventually, root } from '../interop/support/server.mjs';
import { screenshot } from './support/browser.mjs';
import {
  addGitHubConnector,
  managementApi,
  newConsolePage,
  offerOnlyGitHub,
  signInToConsole,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const API = {
  name: 'Bookstore API',
  indicator: 'https://bookstore.example/api',
  scope: 'read:books',
};
const GITHUB_APP = {
  client_id: 'bookstore-github-client',
  client_secret: 'bookstore-github-secret',
};

let stack;
let github;
let bookstoreApi; // the API resource, as `latch resource create --json` printed it
let sample; // { url, stop, log }
let apiSample; // a second instance for the API test

// The sample against the console stack's Latch, with the sample's API turned on.
function startBookstore({ appId, appSecret, port }) {
  return startSample({
    endpoint: stack.server.endpoint,
    appId,
    appSecret,
    port,
    env: { BOOKSTORE_API_RESOURCE: API.indicator },
  });
}

before(async () => {
  assert.ok(
    existsSync(bookstoreBinary),
    `${bookstoreBinary} is missing: the Bookstore sample is built by \`make build\``,
  );
  const fake = await import(pathToFileURL(path.join(root, 'tests/fakes/github/fake_github.mjs')));
  github = await fake.startFakeGitHub();
  github.setAutoApprove(false);
  github.setUser({
    id: 5151,
    login: 'shelfreader',
    name: 'Shelf Reader',
    email: null,
    avatar_url: null,
    emails: [{ email: 'shelf@example.com', primary: true, verified: true, visibility: 'private' }],
  });
  stack = await startConsoleStack();
  // The sample's own API (an API resource with scope read:books), as `latch resource create`.
  bookstoreApi = await stack.server.cliJson([
    'resource',
    'create',
    '--name',
    API.name,
    '--indicator',
    API.indicator,
    '--scope',
    API.scope,
    '--scope',
    'write:books',
    '--json',
  ]);
});

after(async () => {
  await sample?.stop();
  await apiSample?.stop();
  await stack?.stop();
  await github?.close();
});

// Waits for `locator` to show `text` (a RegExp); fails with the page's address and text and the
// sample's log, which say more than a timeout.
async function expectShown(page, selector, text) {
  try {
    await page.locator(selector, { hasText: text }).waitFor();
  } catch (error) {
    const body = (
      await page
        .locator('body')
        .innerText()
        .catch(() => '')
    ).slice(0, 800);
    throw new Error(
      `no ${selector} ${text} at ${page.url()}:\n${body}\n--- bookstore log ---\n${sample?.log()}`,
      { cause: error },
    );
  }
}

// The console part of the guide; resolves with the App ID and App Secret it shows.
async function setUpInConsole(page, sampleUrl) {
  await signInToConsole(stack, page);
  await page.getByRole('link', { name: 'View all' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create application' });
  await dialog.getByRole('checkbox', { name: 'Traditional web' }).check();
  await dialog.getByRole('button', { name: /^Flask/ }).click();
  await dialog.getByLabel('Application name').fill('Bookstore');
  await dialog.getByRole('button', { name: 'Create application' }).click();
  await page
    .getByText(/Congratulations/)
    .first()
    .waitFor();
  const appId = await page.getByLabel('App ID', { exact: true }).inputValue();
  const appSecret = await page.getByLabel('App Secret', { exact: true }).inputValue();
  await page.getByLabel('Redirect URI', { exact: true }).fill(`${sampleUrl}/callback`);
  await page.getByLabel('Post sign-out redirect URI', { exact: true }).fill(`${sampleUrl}/`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.toast').first().waitFor();
  await screenshot(page, 'bookstore-01-console-app');

  const callbackUrl = await addGitHubConnector(page, {
    clientId: GITHUB_APP.client_id,
    clientSecret: GITHUB_APP.client_secret,
    baseUrl: github.baseUrl,
  });
  github.addApp({ ...GITHUB_APP, callback_url: callbackUrl, name: 'Bookstore' });
  await screenshot(page, 'bookstore-02-console-github');

  await offerOnlyGitHub(page);
  await screenshot(page, 'bookstore-03-console-social-sign-in');
  return { appId, appSecret };
}

// The operator's part of RBAC, in the console (Authorization → Roles): "Create role" named Reader
// holding the Bookstore API's read:books, then on the role's Users tab "Assign users" with the
// GitHub user.
async function giveReaderRole(page) {
  const nav = page.getByRole('navigation', { name: 'Console' });
  await nav.getByRole('link', { name: 'Roles', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Roles' }).waitFor();
  await page.getByRole('button', { name: 'Create role' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create role' });
  await dialog.getByLabel('Role name').fill('Reader');
  await dialog.getByLabel('Description').fill('Reads the books of the Bookstore');
  await dialog.getByLabel(API.scope).check();
  await dialog.getByRole('button', { name: 'Create role' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reader' }).waitFor();
  await toastText(page, 'The role Reader has been successfully created.');

  const sections = page.getByRole('navigation', { name: 'Role sections' });
  await sections.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Assign users' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign users to Reader' });
  await assign.getByRole('searchbox').fill('Shelf');
  await assign.getByLabel(/Shelf Reader/).check();
  await assign.getByRole('button', { name: 'Assign users' }).click();
  await toastText(page, 'The selected users were successfully assigned to this role');
  await page.locator('table.table tbody tr', { hasText: 'Shelf Reader' }).waitFor();
  await screenshot(page, 'bookstore-08-console-role');
}

test('the guide with the C++ Bookstore sample, start to finish', { timeout: 180000 }, async () => {
  // The sample's URL must be known before it starts (the console registers it first).
  const port = await freePort();
  const sampleUrl = `http://127.0.0.1:${port}`;
  const { context: consoleContext, page: consolePage } = await newConsolePage(stack);
  let credentials;
  try {
    credentials = await setUpInConsole(consolePage, sampleUrl);
  } finally {
    await consoleContext.close();
  }
  sample = await startBookstore({ ...credentials, port });

  const visitor = await stack.browser.newContext({ locale: 'en-US' });
  visitor.setDefaultTimeout(10000);
  try {
    const tab = await visitor.newPage();
    let callbackUrl;
    tab.on('request', (request) => {
      if (request.url().startsWith(`${sample.url}/callback?`)) callbackUrl = request.url();
    });
    await tab.goto(sample.url);
    await expectShown(tab, '#status', /^Not authenticated /);
    await screenshot(tab, 'bookstore-04-not-authenticated');

    await tab.getByRole('link', { name: 'Sign in', exact: true }).click();
    await tab.waitForURL((url) => url.href.startsWith(`${stack.server.endpoint}/sign-in`));
    await tab.getByRole('button', { name: 'Continue with GitHub' }).waitFor();
    await screenshot(tab, 'bookstore-05-latch-sign-in');
    await tab.getByRole('button', { name: 'Continue with GitHub' }).click();
    await tab.waitForURL((url) => url.href.startsWith(github.baseUrl));
    await tab.locator('#authorize').click();
    await tab.waitForURL((url) => url.href === `${sample.url}/`);
    await expectShown(tab, '#status', /^Authenticated /);
    await screenshot(tab, 'bookstore-06-authenticated');

    // /me: the ID token's claims and /oidc/me name the GitHub user; the protected API refuses
    // the books: the user's access token has no read:books, as no role of theirs grants it.
    await tab.getByRole('link', { name: 'My profile' }).click();
    await tab.waitForURL(`${sample.url}/me`);
    await expectShown(tab, '#name', /^Shelf Reader$/);
    assert.equal(await tab.locator('#name').innerText(), 'Shelf Reader');
    assert.equal(
      await tab.locator('#api-status').innerText(),
      '403',
      await tab.locator('body').innerText(),
    );
    assert.equal(
      await tab.locator('#api-refused').innerText(),
      "You don't have permission to read books: ask an operator for a role with read:books.",
    );
    assert.equal(await tab.locator('#books').count(), 0);
    await screenshot(tab, 'bookstore-07-books-refused');

    // "Manage account" opens Latch's /account page for the signed-in user (the GitHub sign-in
    // left a browser session), which leads back to the Bookstore's home page.
    const manage = tab.getByRole('link', { name: 'Manage account' });
    assert.equal(
      await manage.getAttribute('href'),
      `${stack.server.endpoint}/account?redirect=${encodeURIComponent(`${sample.url}/`)}`,
    );
    await manage.click();
    await tab.waitForURL((url) => url.href.startsWith(`${stack.server.endpoint}/account?`));
    await tab.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await screenshot(tab, 'bookstore-07b-manage-account');
    await tab.getByRole('link', { name: 'Back to Bookstore' }).click();
    await tab.waitForURL((url) => url.href === `${sample.url}/`);
    await tab.goto(`${sample.url}/me`);
    await expectShown(tab, '#name', /^Shelf Reader$/);

    // The operator gives the user the role "Reader" in the console; the sample asks for a new
    // access token (the refresh grant) and the API lists the books.
    await withConsole(stack, {}, giveReaderRole);
    await tab.getByRole('link', { name: 'Call it with a new access token' }).click();
    await expectShown(tab, '#api-status', /^200$/);
    const api = JSON.parse(await tab.locator('#api-body').innerText());
    assert.ok(api.books.length > 0, JSON.stringify(api));
    assert.deepEqual(api.scopes, [API.scope]);
    assert.equal(await tab.locator('#books li').count(), api.books.length);
    await screenshot(tab, 'bookstore-09-books-listed');

    // The API refuses requests without a token or with a forged one (RFC 6750 §3).
    const bare = await fetch(`${sample.url}/api/books`);
    assert.equal(bare.status, 401);
    assert.match(bare.headers.get('www-authenticate'), /^Bearer realm="bookstore"/);
    const forged = await fetch(`${sample.url}/api/books`, {
      headers: { authorization: 'Bearer a.b.c' },
    });
    assert.equal(forged.status, 401);
    assert.match(forged.headers.get('www-authenticate'), /error="invalid_token"/);

    // The session cookie is the sample's own, HttpOnly, SameSite=Lax.
    const cookie = (await visitor.cookies(sample.url)).find((c) => c.name === 'bookstore_session');
    assert.ok(cookie, 'the sample keeps its session in its own cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    // Tokens for the user and for the API fit in what browsers keep (4096 bytes a cookie).
    assert.ok(cookie.name.length + cookie.value.length < 4000, `${cookie.value.length} bytes`);

    await tab.getByRole('link', { name: 'Sign out' }).click();
    await tab.waitForURL((url) => url.href === `${sample.url}/`);
    await expectShown(tab, '#status', /^Not authenticated /);
    await screenshot(tab, 'bookstore-10-signed-out');

    // The callback replayed (its sign-in is over) is refused with a page that says why.
    assert.ok(callbackUrl, 'the sign-in came back through /callback');
    const replay = await tab.goto(callbackUrl);
    assert.equal(replay.status(), 400);
    assert.ok((await tab.locator('#error').innerText()).length > 0);
    await screenshot(tab, 'bookstore-11-replayed-callback');

    // interaction_mode=signUp: the first screen is Latch's registration page.
    await tab.goto(`${sample.url}/sign-in?mode=signUp`);
    await tab.waitForURL((url) => url.href.startsWith(stack.server.endpoint));
    assert.equal(new URL(tab.url()).pathname, '/register');
    await tab.getByRole('heading', { level: 1, name: 'Create account' }).waitFor();
    await screenshot(tab, 'bookstore-12-sign-up-first');
  } finally {
    await visitor.close();
  }
  assert.equal(await sample.stop(), 0, 'SIGTERM stops the sample cleanly');
});

// A client-credentials token from Latch for `resource` with `scope` (retried for up to 3 s: the
// server sees apps and resources the CLI created within a quarter second).
async function machineToken(app, resource, scope) {
  let last;
  const token = await eventually(
    async () => {
      const res = await fetch(`${stack.server.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }),
      });
      last = await res.json();
      return res.status === 200 && last.access_token;
    },
    { timeoutMs: 3000, intervalMs: 100 },
  );
  assert.ok(token, JSON.stringify(last));
  return token;
}

test(
  "the sample's API takes only its own tokens with read:books (latch::JwtValidator)",
  { timeout: 60000 },
  async () => {
    const robot = await stack.server.cliJson([
      'app',
      'create',
      '--name',
      'Book robot',
      '--type',
      'm2m',
      '--json',
    ]);
    // The robot holds an M2M role with read:books of the Bookstore API and nothing else.
    const api = await managementApi(stack);
    const readBooks = bookstoreApi.scopes.find((scope) => scope.name === API.scope);
    const role = await api('POST', '/roles', {
      name: 'Book robot',
      description: 'Reads the books of the Bookstore',
      type: 'MachineToMachine',
      scopeIds: [readBooks.id],
    });
    assert.equal(role.status, 200, JSON.stringify(role.body));
    const assigned = await api('POST', `/roles/${role.body.id}/applications`, {
      applicationIds: [robot.id],
    });
    assert.equal(assigned.status, 201, JSON.stringify(assigned.body));
    await stack.server.cliJson([
      'resource',
      'create',
      '--name',
      'Other API',
      '--indicator',
      'https://other.example/api',
      '--scope',
      API.scope,
      '--json',
    ]);
    // The API needs no app of its own: only the endpoint and its audience.
    apiSample = await startBookstore({
      appId: 'unused',
      appSecret: 'unused',
      port: await freePort(),
    });
    const get = (token) =>
      fetch(`${apiSample.url}/api/books`, { headers: { authorization: `Bearer ${token}` } });

    const good = await machineToken(robot, API.indicator, API.scope);
    const ok = await get(good);
    assert.equal(ok.status, 200);
    assert.ok((await ok.json()).books.length > 0);

    // Asked for write:books, which no role of the robot grants: a token without it, refused.
    const writer = await get(await machineToken(robot, API.indicator, 'write:books'));
    assert.equal(writer.status, 403);
    assert.match(
      writer.headers.get('www-authenticate'),
      /error="insufficient_scope".*scope="read:books"/,
    );

    const other = await get(await machineToken(robot, 'https://other.example/api', API.scope));
    assert.equal(other.status, 401);
    assert.match(other.headers.get('www-authenticate'), /error="invalid_token"/);

    const [header, payload, signature] = good.split('.');
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    assert.equal((await get(`${header}.${payload}.${flipped}`)).status, 401);
    const basic = await fetch(`${apiSample.url}/api/books`, {
      headers: { authorization: 'Basic eDp5' },
    });
    assert.equal(basic.status, 401);
    assert.equal(await apiSample.stop(), 0);
  },
);
