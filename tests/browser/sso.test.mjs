// Enterprise SSO in a real browser: the relying Latch's sign-in page → "Single sign-on" → a work
// email → the IdP (a second Latch) → back signed in, a member of the connector's organization.
// In English and Japanese. The IdP is reached through a small loopback proxy so that its address
// (127.0.0.1) differs from the relying party's (localhost): browsers share cookies across ports.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { createUser, createUserApp, waitUntilClientKnown } from '../interop/support/browser.mjs';
import { eventually, startServer } from '../interop/support/server.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';

const TEST_TIMEOUT = 30000;
const PASSWORD = 'Tr0mbone-Quartz-41';

let rp;
let idp;
let proxy;
let browser;
let app;
let redirectUri;
let callbackServer;
let token;
let connector;
let org;

function listen(handler) {
  return new Promise((resolve, reject) => {
    const srv = http.createServer(handler);
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

// Forwards every request to `target()` (the IdP once it runs), unchanged.
function startProxy(target) {
  return listen((req, res) => {
    const upstream = http.request(
      `${target()}${req.url}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
}

async function api(method, path, body) {
  const res = await fetch(`${rp.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function claimsOf(landed) {
  const code = landed.searchParams.get('code');
  assert.ok(code, `no code in ${landed.href}`);
  const res = await fetch(`${rp.baseUrl}/oidc/token`, {
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
  const tokens = await res.json();
  assert.equal(res.status, 200, JSON.stringify(tokens));
  const me = await fetch(`${rp.baseUrl}/oidc/me`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  return me.json();
}

function authorizeUrl() {
  const url = new URL(`${rp.endpoint}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: app.id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'sso-state',
    prompt: 'login',
  });
  return url.href;
}

before(async () => {
  let idpBase = '';
  proxy = await startProxy(() => idpBase);
  const idpEndpoint = `http://127.0.0.1:${proxy.address().port}`;
  idp = await startServer({ env: { LATCH_ENDPOINT: idpEndpoint } });
  idpBase = idp.baseUrl;
  rp = await startServer({ env: { LATCH_CONNECTOR_TIMEOUT_MS: '3000' } });
  callbackServer = await listen((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('callback');
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
  assert.ok(token, 'no management token');
  assert.equal((await rp.cli(['experience', 'set', 'singleSignOnEnabled=true'])).code, 0);

  org = (await api('POST', '/api/organizations', { name: 'Acme' })).json.id;
  const created = await api('POST', '/api/sso-connectors', {
    providerName: 'OIDC',
    connectorName: 'Acme IdP',
    domains: ['acme.test'],
    branding: { displayName: 'Acme' },
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  connector = created.json;
  const idpApp = await createUserApp(idp, {
    type: 'traditional',
    redirectUris: [connector.redirectUri],
  });
  await waitUntilClientKnown(idp, idpApp, connector.redirectUri);
  const configured = await api('PATCH', `/api/sso-connectors/${connector.id}`, {
    config: { clientId: idpApp.id, clientSecret: idpApp.secret, issuer: idp.issuer },
  });
  assert.equal(configured.status, 200, JSON.stringify(configured.json));
  const jit = await api('POST', `/api/organizations/${org}/jit/sso-connectors`, {
    ssoConnectorIds: [connector.id],
  });
  assert.equal(jit.status, 201);
  await createUser(idp, {
    username: 'alice',
    password: PASSWORD,
    email: 'alice@acme.test',
    name: 'Alice Acme',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await rp?.stop();
  await idp?.stop();
  proxy?.close();
  callbackServer?.close();
});

async function signInThroughSso(locale, { link, submit, shots }) {
  const context = await browser.newContext({ locale });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await eventually(
    async () => {
      await page.goto(authorizeUrl());
      return (await page.getByRole('link', { name: link }).count()) === 1;
    },
    { timeoutMs: 5000 },
  );
  await screenshot(page, `${shots}-sign-in`);
  await page.getByRole('link', { name: link }).click();
  await page.locator('#f-email').fill('alice@acme.test');
  await screenshot(page, `${shots}-email`);
  await page.getByRole('button', { name: submit }).click();
  await page.waitForURL((url) => url.href.startsWith(`${idp.endpoint}/sign-in`));
  await screenshot(page, `${shots}-idp`);
  await page.locator('#f-identifier').fill('alice');
  await page.locator('#f-password').fill(PASSWORD);
  await page.locator('button[value=password]').click();
  await page.waitForURL((url) => url.href.startsWith(`${redirectUri}?`));
  const claims = await claimsOf(new URL(page.url()));
  await context.close();
  return claims;
}

test(
  'Single sign-on: a work email goes to the IdP and lands signed in',
  { timeout: TEST_TIMEOUT },
  async () => {
    const claims = await signInThroughSso('en-US', {
      link: 'Single sign-on',
      submit: 'Continue',
      shots: 'sso-en',
    });
    assert.equal(claims.email, 'alice@acme.test');
    assert.equal(claims.name, 'Alice Acme');
    const user = await api('GET', `/api/users/${claims.sub}?includeSsoIdentities=true`);
    assert.equal(user.json.ssoIdentities.length, 1);
    assert.equal(user.json.ssoIdentities[0].issuer, idp.issuer);
    const members = await api('GET', `/api/organizations/${org}/users`);
    assert.deepEqual(
      members.json.map((m) => m.id),
      [claims.sub],
    );
  },
);

test(
  'in Japanese: シングルサインオン signs the same person in again',
  { timeout: TEST_TIMEOUT },
  async () => {
    const claims = await signInThroughSso('ja-JP', {
      link: 'シングルサインオン',
      submit: '続行',
      shots: 'sso-ja',
    });
    const users = await api('GET', '/api/users');
    assert.equal(users.json.length, 1);
    assert.equal(users.json[0].id, claims.sub);
  },
);
