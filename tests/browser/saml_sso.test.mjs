// Enterprise SSO over SAML in a real browser: the sign-in page → "Single sign-on" → a work email
// → the IdP (pysaml2, tests/fakes/saml_idp, with its own sign-in page) → its auto-submitted POST
// to Latch's ACS → back signed in with an SSO identity. The connector reads the IdP's metadata by
// URL, and the IdP reads Latch's SP metadata from the anonymous metadata route.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { createUserApp, waitUntilClientKnown } from '../interop/support/browser.mjs';
import { eventually, root, startServer } from '../interop/support/server.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';

const TEST_TIMEOUT = 30000;

let rp;
let idp;
let idpBase;
let browser;
let app;
let redirectUri;
let callbackServer;
let token;
let connector;
const dir = mkdtempSync(path.join(os.tmpdir(), 'latch-saml-browser-'));

// pysaml2 serving its sign-in page on a free port; resolves with its base URL.
function startIdp() {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Acme IdP',
      '-keyout',
      path.join(dir, 'idp.key'),
      '-out',
      path.join(dir, 'idp.crt'),
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(path.join(dir, 'sp.xml'), '');
  idp = spawn(
    '/usr/bin/python3',
    [
      path.join(root, 'tests/fakes/saml_idp/pysaml2_idp.py'),
      'serve',
      '--entity-id',
      'http://127.0.0.1:{port}/saml',
      '--sso-url',
      'http://127.0.0.1:{port}/sso',
      '--key',
      path.join(dir, 'idp.key'),
      '--cert',
      path.join(dir, 'idp.crt'),
      '--sp-metadata',
      path.join(dir, 'sp.xml'),
      '--name-id',
      'alice@acme.test',
      '--email',
      'alice@acme.test',
      '--name',
      'Alice Acme',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    idp.once('exit', (code) => reject(new Error(`pysaml2 exited with ${code}`)));
    createInterface({ input: idp.stdout }).on('line', (line) => {
      const port = /^listening (\d+)$/.exec(line)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
  });
}

async function api(method, target, body) {
  const res = await fetch(`${rp.baseUrl}${target}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

before(async () => {
  idpBase = await startIdp();
  rp = await startServer({ env: { LATCH_CONNECTOR_TIMEOUT_MS: '3000' } });
  callbackServer = await new Promise((resolve) => {
    const srv = http.createServer((req, res) => res.end('callback'));
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
  redirectUri = `http://127.0.0.1:${callbackServer.address().port}/callback`;
  app = await createUserApp(rp, { type: 'traditional', redirectUris: [redirectUri] });
  await waitUntilClientKnown(rp, app, redirectUri);
  const admin = await rp.cliJson([
    'app',
    'create',
    '--name',
    'admin',
    '--type',
    'm2m',
    '--management-api',
    '--json',
  ]);
  await eventually(
    async () => {
      const res = await fetch(`${rp.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${admin.id}:${admin.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          resource: 'urn:latch:management',
          scope: 'all',
        }),
      });
      if (res.status !== 200) return false;
      token = (await res.json()).access_token;
      return true;
    },
    { timeoutMs: 5000 },
  );
  assert.equal((await rp.cli(['experience', 'set', 'singleSignOnEnabled=true'])).code, 0);
  const created = await api('POST', '/api/sso-connectors', {
    providerName: 'SAML',
    connectorName: 'Acme SAML',
    domains: ['acme.test'],
    config: { metadataUrl: `${idpBase}/metadata`, attributeMapping: { name: 'displayName' } },
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  connector = created.json;
  const metadata = await fetch(`${rp.baseUrl}/api/sso-connectors/${connector.id}/metadata`);
  assert.equal(metadata.status, 200);
  writeFileSync(path.join(dir, 'sp.xml'), await metadata.text());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await rp?.stop();
  idp?.kill();
  callbackServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

test(
  'SAML single sign-on: a work email goes to the IdP and lands signed in',
  { timeout: TEST_TIMEOUT },
  async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    const url = new URL(`${rp.endpoint}/oidc/auth`);
    url.search = new URLSearchParams({
      client_id: app.id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile email',
      state: 'saml-state',
      prompt: 'login',
    });
    await eventually(
      async () => {
        await page.goto(url.href);
        return (await page.getByRole('link', { name: 'Single sign-on' }).count()) === 1;
      },
      { timeoutMs: 5000 },
    );
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    await page.locator('#f-email').fill('alice@acme.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${idpBase}/sso?`));
    await screenshot(page, 'saml-sso-idp');
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${redirectUri}?`));
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('state'), 'saml-state');
    const code = landed.searchParams.get('code');
    assert.ok(code, landed.href);
    const tokens = await (
      await fetch(`${rp.baseUrl}/oidc/token`, {
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
      })
    ).json();
    const me = await (
      await fetch(`${rp.baseUrl}/oidc/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json();
    assert.equal(me.email, 'alice@acme.test');
    assert.equal(me.name, 'Alice Acme');
    const user = await api('GET', `/api/users/${me.sub}?includeSsoIdentities=true`);
    assert.equal(user.json.ssoIdentities.length, 1);
    assert.equal(user.json.ssoIdentities[0].issuer, `${idpBase}/saml`);
    await context.close();
  },
);
