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
import { client, codeRequest, codeRequestParams, discover } from './support/openid_client.mjs';
import { importPackage, startServer } from './support/server.mjs';

const jose = await importPackage('jose');

const CALLBACK = 'http://localhost:5173/callback';
const USER = { username: 'dpop_ines', password: 'Harbor-Violet-6620' };

// A server with a public (SPA) app and a user; `env` configures the server.
async function deployment(env = {}) {
  const server = await startServer({ env });
  await createUser(server, USER);
  const spa = await createUserApp(server, { type: 'spa', redirectUris: [CALLBACK] });
  await waitUntilClientKnown(server, spa, CALLBACK);
  const config = await discover(server, spa.id, { auth: client.None() });
  return { server, config };
}

// Signs USER in and redeems the code with proofs by `dpop`.
async function signIn({ server, config }, dpop) {
  const { url, checks } = await codeRequest(config, {
    redirectUri: CALLBACK,
    scope: 'openid profile offline_access',
  });
  const callback = await signInThroughForms(server, url, USER);
  return client.authorizationCodeGrant(config, callback, checks, undefined, { DPoP: dpop });
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

describe('authorization codes bound to a DPoP key (RFC 9449 §10)', () => {
  let deployed;
  before(async () => {
    deployed = await deployment();
  });
  after(async () => {
    if (deployed) assert.equal(await deployed.server.stop(), 0, deployed.server.log());
  });

  // Signs USER in with the authorization URL `url`; redeems the code with proofs by `dpop`.
  async function redeem(url, checks, dpop) {
    const callback = await signInThroughForms(deployed.server, url, USER);
    return client.authorizationCodeGrant(deployed.config, callback, checks, undefined, {
      DPoP: dpop,
    });
  }
  const handle = async (alg = 'ES256') => {
    const keys = await client.randomDPoPKeyPair(alg);
    const jkt = await jose.calculateJwkThumbprint(await jose.exportJWK(keys.publicKey));
    return { dpop: client.getDPoPHandle(deployed.config, keys), jkt };
  };

  test('dpop_jkt: the key it names redeems the code, another key cannot', async () => {
    const key = await handle();
    const stranger = await handle();
    const options = { redirectUri: CALLBACK, scope: 'openid', extra: { dpop_jkt: key.jkt } };
    const stolen = await codeRequest(deployed.config, options);
    await assert.rejects(
      redeem(stolen.url, stolen.checks, stranger.dpop),
      (error) => error.error === 'invalid_grant',
    );
    const own = await codeRequest(deployed.config, options);
    const tokens = await redeem(own.url, own.checks, key.dpop);
    assert.equal(tokens.token_type, 'dpop');
  });

  test('a pushed request sent with a proof binds the code to its key', async () => {
    const key = await handle('EdDSA');
    const stranger = await handle();
    const pushed = async () => {
      const { params, checks } = await codeRequestParams({
        redirectUri: CALLBACK,
        scope: 'openid',
      });
      const url = await client.buildAuthorizationUrlWithPAR(deployed.config, params, {
        DPoP: key.dpop,
      });
      assert.ok(url.searchParams.get('request_uri'), String(url));
      return { url, checks };
    };
    const first = await pushed();
    await assert.rejects(
      redeem(first.url, first.checks, stranger.dpop),
      (error) => error.error === 'invalid_grant',
    );
    const second = await pushed();
    const tokens = await redeem(second.url, second.checks, key.dpop);
    assert.equal(tokens.token_type, 'dpop');
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
