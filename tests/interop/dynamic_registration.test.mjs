// Dynamic client registration (RFC 7591) with a certified client library, npm `openid-client`
// (v6): dynamicClientRegistration against Latch's /oidc/reg, then the authorization code flow
// with the client it registered. Registered clients are third-party apps: the user consents.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createUser, signInThroughForms, waitUntilClientKnown } from './support/browser.mjs';
import { client, codeRequest, discover } from './support/openid_client.mjs';
import { createApp } from './support/provisioning.mjs';
import { eventually, startServer } from './support/server.mjs';

const CALLBACK = 'http://localhost:3000/callback';
const USER = { username: 'rosa', password: 'Lantern-Quill-5172', name: 'Rosa' };

let server;
let user;

before(async () => {
  server = await startServer({ env: { LATCH_DYNAMIC_REGISTRATION: 'open' } });
  user = await createUser(server, USER);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

const insecure = { execute: [client.allowInsecureRequests] };

// The OAuth error code of an openid-client failure: from the JSON body (ResponseBodyError) or,
// for a 401 with WWW-Authenticate (WWWAuthenticateChallengeError), from the Bearer challenge.
const oauthError = (error) =>
  error.error ?? error.cause?.find?.((c) => c.scheme === 'bearer')?.parameters?.error;

// Runs the code flow with `config` through the hosted forms (consent included).
async function signIn(config) {
  const { url, checks } = await codeRequest(config, {
    redirectUri: CALLBACK,
    scope: 'openid profile offline_access',
  });
  const callback = await signInThroughForms(server, url, USER);
  return client.authorizationCodeGrant(config, callback, checks);
}

test('discovery names the registration endpoint', async () => {
  const config = await discover(server, 'unused');
  assert.equal(config.serverMetadata().registration_endpoint, `${server.issuer}/reg`);
});

test('a confidential client registers itself and signs a user in', async () => {
  const config = await client.dynamicClientRegistration(
    new URL(server.issuer),
    {
      client_name: 'Agent',
      redirect_uris: [CALLBACK],
      grant_types: ['authorization_code', 'refresh_token'],
    },
    undefined,
    insecure,
  );
  const metadata = config.clientMetadata();
  assert.ok(metadata.client_id);
  assert.ok(metadata.client_secret, 'a confidential client gets a secret');
  assert.ok(metadata.registration_access_token);
  await waitUntilClientKnown(server, { id: metadata.client_id }, CALLBACK);
  const tokens = await signIn(config);
  assert.equal(tokens.claims().sub, user.id);
  assert.equal(tokens.claims().aud, metadata.client_id);
  assert.ok(tokens.refresh_token);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token);
});

test('a public client (token_endpoint_auth_method none) registers and uses PKCE', async () => {
  const config = await client.dynamicClientRegistration(
    new URL(server.issuer),
    { client_name: 'MCP client', redirect_uris: [CALLBACK], token_endpoint_auth_method: 'none' },
    client.None(),
    insecure,
  );
  const metadata = config.clientMetadata();
  assert.equal(metadata.client_secret, undefined);
  assert.equal(metadata.token_endpoint_auth_method, 'none');
  await waitUntilClientKnown(server, { id: metadata.client_id }, CALLBACK);
  const tokens = await signIn(config);
  assert.equal(tokens.claims().sub, user.id);
});

test('bad metadata is refused with the RFC 7591 error', async () => {
  await assert.rejects(
    client.dynamicClientRegistration(
      new URL(server.issuer),
      { redirect_uris: ['javascript:alert(1)'] },
      undefined,
      insecure,
    ),
    (error) => oauthError(error) === 'invalid_redirect_uri',
  );
});

test('with initial access tokens, openid-client sends the operator-made token', async () => {
  const gated = await startServer({ env: { LATCH_DYNAMIC_REGISTRATION: 'initial_access_token' } });
  try {
    const operator = await createApp(gated, 'm2m', ['--management-api']);
    // The server loads the new app within about 250 ms.
    const managementToken = await eventually(async () => {
      const res = await fetch(`${gated.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${operator.id}:${operator.secret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials&resource=urn:latch:management&scope=all',
      });
      return res.status === 200 ? (await res.json()).access_token : undefined;
    });
    assert.ok(managementToken);
    const created = await fetch(`${gated.baseUrl}/api/initial-access-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${managementToken}` },
      body: JSON.stringify({ description: 'interop', uses: 1 }),
    });
    assert.equal(created.status, 201);
    const { token } = await created.json();
    const register = (initialAccessToken) =>
      client.dynamicClientRegistration(
        new URL(gated.issuer),
        { redirect_uris: [CALLBACK] },
        undefined,
        { ...insecure, initialAccessToken },
      );
    await assert.rejects(register(undefined), (error) => oauthError(error) === 'invalid_token');
    const config = await register(token);
    assert.ok(config.clientMetadata().client_id);
    await assert.rejects(register(token), (error) => oauthError(error) === 'invalid_token');
  } finally {
    assert.equal(await gated.stop(), 0, gated.log());
  }
});
