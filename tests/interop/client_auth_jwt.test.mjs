// openid-client 6 (a certified relying party) authenticates to Latch with signed JWTs
// (RFC 7523 §2.2): PrivateKeyJwt() and ClientSecretJwt() for client_credentials and for the code
// flow, and receives an authorization response with response_mode=form_post.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  Browser,
  createUser,
  parseForm,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { client, codeRequest, discover } from './support/openid_client.mjs';
import { createApp, createResource, grantRole } from './support/provisioning.mjs';
import { eventually, importPackage, startServer } from './support/server.mjs';

const jose = await importPackage('jose');

const API = 'https://jwt-auth.interop.test';
const CALLBACK = 'http://localhost:3000/callback';
const USER = { username: 'jwt_olivia', password: 'Quill-Meadow-4821' };

let server;

// A key pair for `alg`, its public JWK (with kid and alg) and openid-client's private key.
async function keyFor(alg, kid) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { jwk, privateKey: { key: privateKey, kid } };
}

const configure = (app, auth) => discover(server, app.id, { auth });

// openid-client reports a 401 with a WWW-Authenticate challenge (Latch's invalid_client answer
// carries `Basic realm`) as WWWAuthenticateChallengeError, with the response's status.
const refusedAsClient = (error) => error.error === 'invalid_client' || error.status === 401;

function jwtApp(method, extra = [], type = 'm2m') {
  return createApp(server, type, ['--token-endpoint-auth-method', method, ...extra]);
}

before(async () => {
  server = await startServer();
  await createResource(server, { indicator: API, scopes: ['read'] });
  await createUser(server, USER);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test('discovery advertises both JWT methods and their algorithms', async () => {
  const config = await configure({ id: 'any' }, client.None());
  const metadata = config.serverMetadata();
  for (const method of ['client_secret_jwt', 'private_key_jwt']) {
    assert.ok(metadata.token_endpoint_auth_methods_supported.includes(method), method);
    assert.ok(metadata.introspection_endpoint_auth_methods_supported.includes(method), method);
  }
  assert.ok(metadata.token_endpoint_auth_signing_alg_values_supported.includes('PS256'));
  assert.deepEqual(metadata.response_modes_supported, ['query', 'form_post']);
});

describe('client_credentials', () => {
  const apps = {};
  const keys = {};
  before(async () => {
    keys.es256 = await keyFor('ES256', 'es-1');
    keys.ps256 = await keyFor('PS256', 'ps-1');
    apps.es256 = await jwtApp('private_key_jwt', [
      '--jwks',
      JSON.stringify({ keys: [keys.es256.jwk] }),
    ]);
    apps.ps256 = await jwtApp('private_key_jwt', [
      '--jwks',
      JSON.stringify({ keys: [keys.ps256.jwk] }),
    ]);
    apps.secret = await jwtApp('client_secret_jwt');
    await grantRole(server, {
      name: 'JWT readers',
      type: 'm2m',
      indicator: API,
      scopes: ['read'],
      apps: Object.values(apps).map((app) => app.id),
    });
  });

  async function grant(app, auth) {
    const config = await configure(app, auth);
    let tokens;
    const ok = await eventually(async () => {
      try {
        tokens = await client.clientCredentialsGrant(config, { resource: API, scope: 'read' });
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(ok, 'no token for the app');
    return { config, tokens };
  }

  test('PrivateKeyJwt (ES256) gets an access token', async () => {
    const { tokens } = await grant(apps.es256, client.PrivateKeyJwt(keys.es256.privateKey));
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(tokens.scope, 'read');
  });

  test('PrivateKeyJwt (PS256) gets an access token', async () => {
    const { tokens } = await grant(apps.ps256, client.PrivateKeyJwt(keys.ps256.privateKey));
    assert.ok(tokens.access_token);
  });

  test('ClientSecretJwt gets an access token, and introspects it', async () => {
    const { config, tokens } = await grant(apps.secret, client.ClientSecretJwt(apps.secret.secret));
    const introspection = await client.tokenIntrospection(config, tokens.access_token);
    assert.equal(introspection.active, true);
  });

  test('the secret of a private_key_jwt app is refused', async () => {
    const config = await configure(apps.es256, client.ClientSecretBasic(apps.es256.secret));
    await assert.rejects(client.clientCredentialsGrant(config, { resource: API }), refusedAsClient);
  });

  test('another key than the registered one is refused', async () => {
    const stranger = await keyFor('ES256', 'es-1');
    const config = await configure(apps.es256, client.PrivateKeyJwt(stranger.privateKey));
    await assert.rejects(client.clientCredentialsGrant(config, { resource: API }), refusedAsClient);
  });
});

describe('the code flow', () => {
  let key;
  let web;
  let config;

  const authorize = (extra = {}) =>
    codeRequest(config, { redirectUri: CALLBACK, scope: 'openid profile', extra });

  before(async () => {
    key = await keyFor('ES256', 'web-1');
    web = await jwtApp(
      'private_key_jwt',
      ['--jwks', JSON.stringify({ keys: [key.jwk] }), '--redirect-uri', CALLBACK],
      'traditional',
    );
    await waitUntilClientKnown(server, web, CALLBACK);
    config = await configure(web, client.PrivateKeyJwt(key.privateKey));
  });

  test('PrivateKeyJwt redeems the code and the ID token validates', async () => {
    const { url, checks } = await authorize();
    const callback = await signInThroughForms(server, url, USER);
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    assert.ok(tokens.access_token);
    assert.equal(tokens.claims().iss, server.issuer);
  });

  test('response_mode=form_post posts code, state and iss, and openid-client accepts it', async () => {
    const { url, checks } = await authorize({ response_mode: 'form_post' });
    const page = await signInThroughFormsToPage(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
    const form = parseForm(page.body);
    assert.equal(form.action, CALLBACK);
    assert.deepEqual(Object.keys(form.fields).sort(), ['code', 'iss', 'state']);
    assert.equal(form.fields.iss, server.issuer);
    const posted = new Request(CALLBACK, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields),
    });
    const tokens = await client.authorizationCodeGrant(config, posted, checks);
    assert.ok(tokens.access_token);
  });

  // signInThroughForms stops at a redirect; with form_post the last answer is the form page.
  async function signInThroughFormsToPage(url) {
    const browser = new Browser(server);
    let res = await browser.navigate(String(url));
    for (let step = 0; step < 3 && res.status === 200; step += 1) {
      const form = parseForm(res.body);
      if (form?.action === '/sign-in') {
        res = await browser.submit(res, { identifier: USER.username, password: USER.password });
      } else if (form?.action === '/consent') {
        res = await browser.submit(res, { decision: 'allow' });
      } else {
        break;
      }
    }
    return res;
  }
});
