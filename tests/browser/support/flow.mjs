// What the browser test files share beyond launching chromium: a running Latch with an app whose
// redirect URI is a small local server, the authorization URL, fresh browser contexts, waiting
// for the redirect back to the app, redeeming the code, and configuring the sign-in experience
// and the message connectors through the CLI as an operator would.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { createUserApp, waitUntilClientKnown } from '../../interop/support/browser.mjs';
import { eventually, startServer } from '../../interop/support/server.mjs';
import { launchBrowser } from './browser.mjs';

export const TEST_TIMEOUT = 30000;

// The app's side of the redirect: answers 200 and records every URL it is sent to.
function startCallbackServer() {
  return new Promise((resolve, reject) => {
    const received = [];
    const srv = http.createServer((req, res) => {
      received.push(req.url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>callback</title><h1>Back at the app</h1>');
    });
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve({ srv, received }));
  });
}

// Starts Latch, the callback server, one traditional app (add more with `addApp`) and chromium.
// Resolves with the stack; `stop()` ends all of it.
export async function startStack() {
  const server = await startServer();
  const { srv, received } = await startCallbackServer();
  const redirectUri = `http://127.0.0.1:${srv.address().port}/callback`;
  const app = await createUserApp(server, { type: 'traditional', redirectUris: [redirectUri] });
  await waitUntilClientKnown(server, app, redirectUri);
  const browser = await launchBrowser();
  const stack = {
    server,
    browser,
    app,
    redirectUri,
    callbacks: received,
    // An app with extra `latch app create` flags (e.g. --third-party), once the server knows it.
    addApp: async (name, flags = []) => {
      const extra = await server.cliJson([
        'app',
        'create',
        '--name',
        name,
        '--type',
        'traditional',
        '--redirect-uri',
        redirectUri,
        ...flags,
        '--json',
      ]);
      await waitUntilClientKnown(server, extra, redirectUri);
      return extra;
    },
    stop: async () => {
      await browser.close().catch(() => {});
      await server.stop();
      srv.closeAllConnections?.();
      await new Promise((done) => srv.close(() => done()));
    },
  };
  return stack;
}

// The /oidc/auth URL of `app` with `extra` parameters (undefined values are left out).
export function authorizeUrl(stack, extra = {}, app = stack.app) {
  const params = {
    client_id: app.id,
    redirect_uri: stack.redirectUri,
    response_type: 'code',
    scope: 'openid profile email phone',
    state: 'state-123',
    ...extra,
  };
  const url = new URL(`${stack.server.baseUrl}/oidc/auth`);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.href;
}

// A fresh context (own cookies). `lang` sets both the navigator locale and Accept-Language.
export async function openPage(stack, { lang = 'en', ...options } = {}) {
  const locale = lang === 'ja' ? 'ja-JP' : 'en-US';
  const context = await stack.browser.newContext({
    locale,
    extraHTTPHeaders: { 'accept-language': lang === 'ja' ? 'ja,en;q=0.5' : 'en-US,en;q=0.9' },
    ...options,
  });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  // Kept for failure messages: a blocked navigation shows up only in the console.
  page.consoleLines = [];
  page.on('console', (message) => page.consoleLines.push(message.text()));
  return { context, page };
}

// Runs `body(page, context)` in a fresh context that is closed afterwards, pass or fail.
export async function withPage(stack, options, body) {
  const { context, page } = await openPage(stack, options);
  try {
    return await body(page, context);
  } finally {
    await context.close();
  }
}

// Clicks a form's submit `button` and waits for the document that answers it to load, so the
// next step never acts on the page being replaced (a refused form comes back on the same URL).
export async function submit(page, button) {
  const loaded = page.waitForEvent('load');
  await button.click();
  await loaded;
}

const isCallback = (stack, url) => url.href.startsWith(`${stack.redirectUri}?`);

// Waits until the browser is back at the app; resolves with the callback URL.
export async function reachCallback(stack, page) {
  try {
    await page.waitForURL((url) => isCallback(stack, url));
  } catch (error) {
    const body = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(
      `no redirect to ${stack.redirectUri}; still on ${page.url()}\n` +
        `page text: ${body.slice(0, 500)}\nbrowser console: ${page.consoleLines.join('\n')}`,
      { cause: error },
    );
  }
  return new URL(page.url());
}

// Waits for the page at `pathname` on the server (after a form post and its redirects).
export async function waitForPath(page, pathname) {
  try {
    await page.waitForURL((url) => url.pathname === pathname);
  } catch (error) {
    const body = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(
      `expected ${pathname}, still on ${page.url()}\npage text: ${body.slice(0, 500)}`,
      { cause: error },
    );
  }
}

// The trimmed text of the page's alert (role=alert), waiting for it to appear.
export async function alertText(page) {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

// Asserts the page is in `lang`: <html lang> and the level-1 heading `title`.
export async function assertPage(page, { lang, title, pathname }) {
  if (pathname) assert.equal(new URL(page.url()).pathname, pathname);
  assert.equal(await page.locator('html').getAttribute('lang'), lang);
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

// Redeems the code of `callback` at the token endpoint (client_secret_basic); resolves with the
// token response and the ID token's claims.
export async function redeem(stack, callback, app = stack.app) {
  const basic = Buffer.from(`${encodeURIComponent(app.id)}:${encodeURIComponent(app.secret)}`);
  const res = await fetch(`${stack.server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic.toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      redirect_uri: stack.redirectUri,
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, `token endpoint: ${JSON.stringify(body)}`);
  const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString('utf8'));
  return { tokens: body, claims };
}

// `latch experience set KEY=VALUE...`, then waits until the server serves the new version (its
// settings cache reloads from the database every ~250 ms). Resolves with the configuration.
export async function setExperience(stack, assignments) {
  const settings = await stack.server.cliJson(['experience', 'set', ...assignments]);
  await waitForExperience(stack, settings.version);
  return settings;
}

// `latch experience sign-up MODE` (password, passwordless, social-only), like setExperience.
export async function useSignUpMode(stack, mode) {
  const settings = await stack.server.cliJson(['experience', 'sign-up', mode]);
  await waitForExperience(stack, settings.version);
  return settings;
}

async function waitForExperience(stack, version) {
  const served = await eventually(async () => {
    const res = await fetch(`${stack.server.baseUrl}/api/.well-known/sign-in-exp`);
    return res.ok && (await res.json()).version >= version;
  });
  assert.ok(served, `the server did not load sign-in experience version ${version}`);
}

// Points the email connector at the fake SMTP server (plain TCP, AUTH).
export async function useFakeSmtp(stack, smtp) {
  const result = await stack.server.cli([
    'email',
    'set-smtp',
    '--host',
    smtp.host,
    '--port',
    String(smtp.port),
    '--security',
    'none',
    '--username',
    'latch',
    '--password',
    'smtp-secret',
    '--from',
    'Latch <no-reply@latch.test>',
  ]);
  assert.equal(result.code, 0, result.stderr);
}

// Points the SMS connector at the fake SMS receiver.
export async function useFakeSms(stack, sms) {
  const result = await stack.server.cli([
    'sms',
    'set-http',
    '--url',
    sms.url,
    '--from',
    'Latch',
    '--authorization',
    'Bearer sms-secret',
  ]);
  assert.equal(result.code, 0, result.stderr);
}

// `latch user create ... --json` with any of username, email, phone, password, name.
export function createUser(stack, fields) {
  const args = ['user', 'create'];
  for (const name of ['username', 'email', 'phone', 'password', 'name']) {
    if (fields[name]) args.push(`--${name}`, fields[name]);
  }
  return stack.server.cliJson([...args, '--json']);
}

// Runs SQL against the server's SQLite database with the sqlite3 shell, for the one thing a
// browser cannot do: let ten minutes pass. Resolves false when sqlite3 is not installed.
export async function sqlite(stack, sql) {
  try {
    await promisify(execFile)('sqlite3', [
      '-cmd',
      '.timeout 5000',
      path.join(stack.server.dataDir, 'latch.db'),
      sql,
    ]);
    return true;
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
}
