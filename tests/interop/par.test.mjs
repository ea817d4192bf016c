// openid-client 6 (a certified relying party) pushes its authorization requests (RFC 9126,
// buildAuthorizationUrlWithPAR) and signs them as request objects (RFC 9101,
// buildAuthorizationUrlWithJAR), then completes the code flow against Latch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  Browser,
  createUser,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { client, codeRequestParams, discover } from './support/openid_client.mjs';
import { createApp } from './support/provisioning.mjs';
import { importPackage, startServer } from './support/server.mjs';

const jose = await importPackage('jose');

const CALLBACK = 'http://localhost:3000/callback';
const USER = { username: 'par_pia', password: 'Lantern-Orchard-5930' };

let server;

const configure = (app, auth) => discover(server, app.id, { auth });

const authorizationParams = () =>
  codeRequestParams({ redirectUri: CALLBACK, scope: 'openid profile' });

before(async () => {
  server = await startServer();
  await createUser(server, USER);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test('discovery advertises the pushed authorization request endpoint', async () => {
  const config = await configure({ id: 'any' }, client.None());
  const metadata = config.serverMetadata();
  assert.equal(metadata.pushed_authorization_request_endpoint, `${server.issuer}/request`);
  assert.equal(metadata.request_parameter_supported, true);
  assert.ok(metadata.request_object_signing_alg_values_supported.includes('ES256'));
});

describe('a client secret app that requires PAR', () => {
  let app;
  let config;

  before(async () => {
    app = await createApp(server, 'traditional', [
      '--redirect-uri',
      CALLBACK,
      '--require-pushed-authorization-requests',
    ]);
    await waitUntilClientKnown(server, app, CALLBACK);
    config = await configure(app, client.ClientSecretBasic(app.secret));
  });

  test('buildAuthorizationUrlWithPAR completes the code flow', async () => {
    const { params, checks } = await authorizationParams();
    const url = await client.buildAuthorizationUrlWithPAR(config, params);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['client_id', 'request_uri']);
    assert.match(url.searchParams.get('request_uri'), /^urn:ietf:params:oauth:request_uri:/);
    const callback = await signInThroughForms(server, url, USER);
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    assert.ok(tokens.access_token);
    assert.equal(tokens.claims().iss, server.issuer);
  });

  test('the request_uri works once', async () => {
    const { params } = await authorizationParams();
    const url = await client.buildAuthorizationUrlWithPAR(config, params);
    const browser = new Browser(server);
    const first = await browser.navigate(String(url));
    assert.equal(first.status, 200);
    const second = await browser.navigate(String(url));
    assert.equal(second.status, 400);
    assert.match(second.body, /already used/);
  });

  test('a plain authorization URL is refused', async () => {
    const { params } = await authorizationParams();
    const url = client.buildAuthorizationUrl(config, params);
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location'));
    assert.equal(location.searchParams.get('error'), 'invalid_request');
  });

  test('a wrong secret is refused at the push', async () => {
    const wrong = await configure(app, client.ClientSecretBasic('x'.repeat(32)));
    const { params } = await authorizationParams();
    await assert.rejects(
      client.buildAuthorizationUrlWithPAR(wrong, params),
      (error) => error.status === 401 || error.error === 'invalid_client',
    );
  });
});

describe('a private_key_jwt app signing request objects', () => {
  let key;
  let config;

  before(async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'jar-1', alg: 'ES256', use: 'sig' };
    key = { key: privateKey, kid: 'jar-1' };
    const app = await createApp(server, 'traditional', [
      '--redirect-uri',
      CALLBACK,
      '--token-endpoint-auth-method',
      'private_key_jwt',
      '--jwks',
      JSON.stringify({ keys: [jwk] }),
    ]);
    await waitUntilClientKnown(server, app, CALLBACK);
    config = await configure(app, client.PrivateKeyJwt(key));
  });

  test('buildAuthorizationUrlWithJAR then PAR completes the code flow', async () => {
    const { params, checks } = await authorizationParams();
    const signed = await client.buildAuthorizationUrlWithJAR(config, params, key);
    assert.ok(signed.searchParams.get('request'));
    const url = await client.buildAuthorizationUrlWithPAR(config, signed.searchParams);
    const callback = await signInThroughForms(server, url, USER);
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    assert.ok(tokens.access_token);
  });

  test('buildAuthorizationUrlWithJAR alone completes the code flow', async () => {
    const { params, checks } = await authorizationParams();
    const url = await client.buildAuthorizationUrlWithJAR(config, params, key);
    const callback = await signInThroughForms(server, url, USER);
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    assert.ok(tokens.access_token);
  });

  test('a request object signed with another key is refused at the push', async () => {
    const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const { params } = await authorizationParams();
    const signed = await client.buildAuthorizationUrlWithJAR(config, params, {
      key: privateKey,
      kid: 'jar-1',
    });
    await assert.rejects(
      client.buildAuthorizationUrlWithPAR(config, signed.searchParams),
      (error) => error.error === 'invalid_request_object',
    );
  });
});
