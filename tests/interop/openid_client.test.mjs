// A certified relying party, npm `openid-client` (v6, on oauth4webapi), runs the authorization
// code flow against Latch: discovery, PKCE with state and nonce, the callback with RFC 9207 `iss`,
// ID token validation (signature included), refresh, userinfo, introspection, revocation and
// RP-initiated logout. The user signs in through Latch's own forms, driven by plain fetch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  Browser,
  createUser,
  createUserApp,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { client, codeRequest, discover } from './support/openid_client.mjs';
import { startServer } from './support/server.mjs';

const CALLBACK = 'http://localhost:3000/callback';
const SIGNED_OUT = 'http://localhost:3000/signed-out';
const SPA_CALLBACK = 'http://localhost:5173/callback';
const USER = { username: 'olivia', password: 'Quill-Meadow-4821', email: 'olivia@example.test' };

let server;
let user;
let web;
let spa;

// A Configuration for `app` from discovery; http:// is allowed for the test server only.
const configure = (app, auth) =>
  discover(server, app.id, { auth, execute: [client.enableNonRepudiationChecks] });

// Runs the front channel for `config`: the authorization URL with PKCE, state and nonce, the
// hosted sign-in, and the callback URL. Resolves with what authorizationCodeGrant needs.
async function authorize(config, redirectUri, extra = {}) {
  const { url, checks } = await codeRequest(config, {
    redirectUri,
    scope: 'openid profile email offline_access',
    nonce: true,
    extra,
  });
  const callback = await signInThroughForms(server, url, USER);
  return { callback, checks };
}

async function signIn(config, redirectUri) {
  const { callback, checks } = await authorize(config, redirectUri);
  return client.authorizationCodeGrant(config, callback, checks);
}

before(async () => {
  server = await startServer();
  user = await createUser(server, USER);
  web = await createUserApp(server, {
    type: 'traditional',
    redirectUris: [CALLBACK],
    postLogoutRedirectUris: [SIGNED_OUT],
  });
  spa = await createUserApp(server, { type: 'spa', redirectUris: [SPA_CALLBACK] });
  await waitUntilClientKnown(server, web, CALLBACK);
  await waitUntilClientKnown(server, spa, SPA_CALLBACK);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

describe('a confidential client (client_secret_basic)', () => {
  let config;
  before(async () => {
    config = await configure(web, client.ClientSecretBasic(web.secret));
  });

  test('discovery yields the issuer and every endpoint of the flow', () => {
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, server.issuer);
    for (const [name, path] of [
      ['authorization_endpoint', '/oidc/auth'],
      ['token_endpoint', '/oidc/token'],
      ['userinfo_endpoint', '/oidc/me'],
      ['end_session_endpoint', '/oidc/session/end'],
      ['introspection_endpoint', '/oidc/token/introspection'],
      ['revocation_endpoint', '/oidc/token/revocation'],
      ['jwks_uri', '/oidc/jwks'],
    ]) {
      assert.equal(metadata[name], `${server.endpoint}${path}`, name);
    }
    assert.ok(metadata.code_challenge_methods_supported.includes('S256'));
    assert.equal(metadata.authorization_response_iss_parameter_supported, true);
  });

  test('the authorization URL carries PKCE, state and nonce to Latch', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state: 'st',
      nonce: 'nn',
    });
    assert.equal(url.origin + url.pathname, `${server.endpoint}/oidc/auth`);
    const res = await new Browser(server).request(url.href);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/sign-in');
  });

  test('the callback is accepted and the ID token validates, signature included', async () => {
    const tokens = await signIn(config, CALLBACK);
    const claims = tokens.claims();
    assert.equal(claims.iss, server.issuer);
    assert.equal(claims.sub, user.id);
    assert.equal(claims.aud, web.id);
    assert.equal(claims.username, USER.username);
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
    assert.ok(tokens.expiresIn() > 3500);
  });

  test('refreshTokenGrant rotates the refresh token and keeps the subject', async () => {
    const tokens = await signIn(config, CALLBACK);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    assert.notEqual(refreshed.access_token, tokens.access_token);
    assert.equal(refreshed.claims().sub, user.id);
  });

  test('fetchUserInfo returns the claims of the granted scopes for the expected subject', async () => {
    const tokens = await signIn(config, CALLBACK);
    const info = await client.fetchUserInfo(config, tokens.access_token, user.id);
    assert.equal(info.sub, user.id);
    assert.equal(info.username, USER.username);
    assert.equal(info.email, USER.email);
    assert.equal(info.email_verified, true);
  });

  test('tokenIntrospection describes the access and refresh tokens', async () => {
    const tokens = await signIn(config, CALLBACK);
    const access = await client.tokenIntrospection(config, tokens.access_token);
    assert.equal(access.active, true);
    assert.equal(access.client_id, web.id);
    assert.equal(access.sub, user.id);
    assert.equal(access.token_type, 'Bearer');
    const refresh = await client.tokenIntrospection(config, tokens.refresh_token);
    assert.equal(refresh.active, true);
    assert.equal((await client.tokenIntrospection(config, 'never-issued')).active, false);
  });

  test('tokenRevocation of the refresh token ends the grant', async () => {
    const tokens = await signIn(config, CALLBACK);
    await client.tokenRevocation(config, tokens.refresh_token);
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), (error) => {
      assert.ok(error instanceof client.ResponseBodyError, String(error));
      assert.equal(error.error, 'invalid_grant');
      return true;
    });
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, user.id));
  });

  test('a replayed callback is refused with invalid_grant', async () => {
    const { callback, checks } = await authorize(config, CALLBACK);
    await client.authorizationCodeGrant(config, callback, checks);
    await assert.rejects(client.authorizationCodeGrant(config, callback, checks), (error) => {
      assert.equal(error.error, 'invalid_grant');
      return true;
    });
  });

  test('prompt=none without a session comes back as login_required with a valid iss', async () => {
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state,
      prompt: 'none',
    });
    const res = await new Browser(server).request(url.href);
    assert.equal(res.status, 303);
    await assert.rejects(
      client.authorizationCodeGrant(config, new URL(res.location), { expectedState: state }),
      (error) => {
        assert.ok(error instanceof client.AuthorizationResponseError, String(error));
        assert.equal(error.error, 'login_required');
        return true;
      },
    );
  });

  test('buildEndSessionUrl leads back to the registered URI with the state', async () => {
    const browser = new Browser(server);
    const { callback, checks } = await authorize(config, CALLBACK);
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    // The same browser signs in again so it holds a session to end.
    await signInThroughForms(
      server,
      client.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }),
      USER,
      browser,
    );
    assert.ok(browser.cookies.has('_latch_session'));
    const url = client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: SIGNED_OUT,
      id_token_hint: tokens.id_token,
      state: 'bye',
    });
    const res = await browser.request(url.href);
    assert.equal(res.status, 302);
    const back = new URL(res.location);
    assert.equal(back.origin + back.pathname, SIGNED_OUT);
    assert.equal(back.searchParams.get('state'), 'bye');
    assert.ok(!browser.cookies.has('_latch_session'), 'the session cookie is cleared');
  });
});

describe('a public client (none, PKCE)', () => {
  let config;
  before(async () => {
    config = await configure(spa, client.None());
  });

  test('signs in with PKCE and refreshes with its client_id alone', async () => {
    const tokens = await signIn(config, SPA_CALLBACK);
    assert.equal(tokens.claims().aud, spa.id);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    assert.ok(refreshed.access_token);
  });

  test('revokes its refresh token with its client_id alone', async () => {
    const tokens = await signIn(config, SPA_CALLBACK);
    await client.tokenRevocation(config, tokens.refresh_token);
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token));
  });
});
