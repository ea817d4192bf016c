// openid-client 6 (a certified relying party) with DPoP (RFC 9449): getDPoPHandle() proofs
// through the code flow, userinfo and refresh of a public client, against a Latch that accepts
// proofs as they come and against one that requires server nonces (openid-client retries with
// the DPoP-Nonce it is given).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  createUser,
  createUserApp,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { importPackage, startServer } from './support/server.mjs';

const client = await importPackage('openid-client');
const jose = await importPackage('jose');

const CALLBACK = 'http://localhost:5173/callback';
const USER = { username: 'dpop_ines', password: 'Harbor-Violet-6620' };

// A server with a public (SPA) app and a user; `env` configures the server.
async function deployment(env = {}) {
  const server = await startServer({ env });
  await createUser(server, USER);
  const spa = await createUserApp(server, { type: 'spa', redirectUris: [CALLBACK] });
  await waitUntilClientKnown(server, spa, CALLBACK);
  const config = await client.discovery(new URL(server.issuer), spa.id, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  return { server, config };
}

// Signs USER in and redeems the code with proofs by `dpop`.
async function signIn({ server, config }, dpop) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid profile offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await signInThroughForms(server, url, USER);
  return client.authorizationCodeGrant(
    config,
    callback,
    { pkceCodeVerifier: verifier, expectedState: state },
    undefined,
    { DPoP: dpop },
  );
}

describe('DPoP proofs as they come', () => {
  let deployed;
  before(async () => {
    deployed = await deployment();
  });
  after(async () => {
    if (deployed) assert.equal(await deployed.server.stop(), 0, deployed.server.log());
  });

  test('discovery lists the proof algorithms', () => {
    const metadata = deployed.config.serverMetadata();
    assert.deepEqual(metadata.dpop_signing_alg_values_supported, [
      'ES256',
      'ES384',
      'RS256',
      'PS256',
      'EdDSA',
      'Ed25519',
    ]);
  });

  test('the code flow gets DPoP tokens, and userinfo accepts them with a proof', async () => {
    const dpop = client.getDPoPHandle(deployed.config, await client.randomDPoPKeyPair('ES256'));
    const tokens = await signIn(deployed, dpop);
    assert.equal(tokens.token_type, 'dpop');
    const sub = tokens.claims().sub;
    const userinfo = await client.fetchUserInfo(deployed.config, tokens.access_token, sub, {
      DPoP: dpop,
    });
    assert.equal(userinfo.username, USER.username);
  });

  test('a bound access token without its proof is refused at userinfo', async () => {
    const dpop = client.getDPoPHandle(deployed.config, await client.randomDPoPKeyPair('ES256'));
    const tokens = await signIn(deployed, dpop);
    await assert.rejects(
      client.fetchUserInfo(deployed.config, tokens.access_token, client.skipSubjectCheck),
    );
  });

  test('the refresh token is bound to the key: it refreshes with it and not with another', async () => {
    const dpop = client.getDPoPHandle(deployed.config, await client.randomDPoPKeyPair('EdDSA'));
    const tokens = await signIn(deployed, dpop);
    const stranger = client.getDPoPHandle(deployed.config, await client.randomDPoPKeyPair('ES256'));
    await assert.rejects(
      client.refreshTokenGrant(deployed.config, tokens.refresh_token, undefined, {
        DPoP: stranger,
      }),
      (error) => error.error === 'invalid_grant',
    );
    const refreshed = await client.refreshTokenGrant(
      deployed.config,
      tokens.refresh_token,
      undefined,
      { DPoP: dpop },
    );
    assert.equal(refreshed.token_type, 'dpop');
    const userinfo = await client.fetchUserInfo(
      deployed.config,
      refreshed.access_token,
      client.skipSubjectCheck,
      { DPoP: dpop },
    );
    assert.equal(userinfo.username, USER.username);
  });
});

describe('DPoP with server nonces', () => {
  let deployed;
  before(async () => {
    deployed = await deployment({ LATCH_DPOP_NONCE: 'true' });
  });
  after(async () => {
    if (deployed) assert.equal(await deployed.server.stop(), 0, deployed.server.log());
  });

  test('a proof without the nonce gets use_dpop_nonce and a DPoP-Nonce header', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256');
    const proof = await new jose.SignJWT({
      jti: client.randomState(),
      htm: 'POST',
      htu: `${deployed.server.issuer}/token`,
    })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: await jose.exportJWK(publicKey) })
      .setIssuedAt()
      .sign(privateKey);
    const res = await fetch(`${deployed.server.baseUrl}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', DPoP: proof },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'x',
        client_id: 'y',
      }),
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error, 'use_dpop_nonce');
    assert.ok(res.headers.get('dpop-nonce'));
  });

  test('openid-client retries with the nonce and the flow completes', async () => {
    const dpop = client.getDPoPHandle(deployed.config, await client.randomDPoPKeyPair('ES256'));
    const tokens = await signIn(deployed, dpop);
    assert.equal(tokens.token_type, 'dpop');
    const userinfo = await client.fetchUserInfo(
      deployed.config,
      tokens.access_token,
      client.skipSubjectCheck,
      { DPoP: dpop },
    );
    assert.equal(userinfo.username, USER.username);
    const refreshed = await client.refreshTokenGrant(
      deployed.config,
      tokens.refresh_token,
      undefined,
      { DPoP: dpop },
    );
    assert.equal(refreshed.token_type, 'dpop');
  });
});
