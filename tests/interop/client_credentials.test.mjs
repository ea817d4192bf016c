// A real third-party JOSE library (jose) verifies Latch's client-credentials access tokens
// against the published JWKS, before and after a signing key rotation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  clientCredentials,
  createApp,
  createResource,
  grantRole,
} from './support/provisioning.mjs';
import { eventually, importPackage, startServer } from './support/server.mjs';

const { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, errors } =
  await importPackage('jose');

const API = 'https://api.interop.test';
let server;
let app;

async function issue(params = {}) {
  const res = await clientCredentials(server, app, { resource: API, ...params });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

function remoteJwks(options) {
  return createRemoteJWKSet(new URL(`${server.baseUrl}/oidc/jwks`), options);
}

function verify(token, jwks, options = {}) {
  return jwtVerify(token, jwks, {
    issuer: server.issuer,
    audience: API,
    typ: 'at+jwt',
    algorithms: ['ES256'],
    ...options,
  });
}

before(async () => {
  server = await startServer();
  await createResource(server, { indicator: API, scopes: ['read', 'write'] });
  app = await createApp(server, 'm2m');
  // The app's scopes come from its machine-to-machine roles (docs/rbac.md).
  await grantRole(server, {
    name: 'Interop reader',
    type: 'm2m',
    indicator: API,
    scopes: ['read'],
    apps: [app.id],
  });
  const ready = await eventually(
    async () => (await clientCredentials(server, app, { resource: API })).ok,
  );
  assert.ok(ready, 'the server did not pick up the app and the resource');
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test('discovery names the issuer and the JWKS the tokens verify against', async () => {
  const doc = await (await fetch(`${server.baseUrl}/oidc/.well-known/openid-configuration`)).json();
  assert.equal(doc.issuer, server.issuer);
  assert.equal(new URL(doc.jwks_uri).pathname, '/oidc/jwks');
  assert.ok(doc.grant_types_supported.includes('client_credentials'));
});

test('an ES256 access token verifies with jose against the remote JWKS', async () => {
  const { access_token: token, scope, expires_in: expiresIn } = await issue({ scope: 'read' });
  const { payload, protectedHeader } = await verify(token, remoteJwks());
  assert.equal(protectedHeader.alg, 'ES256');
  assert.equal(protectedHeader.typ, 'at+jwt');
  assert.equal(payload.client_id, app.id);
  assert.equal(payload.sub, app.id);
  assert.equal(payload.scope, 'read');
  assert.equal(scope, 'read');
  assert.equal(payload.exp - payload.iat, expiresIn);
});

test('jose rejects the token for another audience', async () => {
  const { access_token: token } = await issue();
  await assert.rejects(
    verify(token, remoteJwks(), { audience: 'https://other.test' }),
    errors.JWTClaimValidationFailed,
  );
});

test('jose rejects a token whose signature was tampered with', async () => {
  const { access_token: token } = await issue();
  const [header, payload, signature] = token.split('.');
  const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
  await assert.rejects(
    verify(`${header}.${payload}.${flipped}`, remoteJwks()),
    errors.JWSSignatureVerificationFailed,
  );
});

test('after `latch keys rotate --alg ES256` new tokens verify with the new key', async () => {
  const jwks = remoteJwks({ cooldownDuration: 0 });
  const earlier = await issue();
  await verify(earlier.access_token, jwks);
  const oldKid = decodeProtectedHeader(earlier.access_token).kid;

  const [{ kid: newKid }] = await server.cliJson(['keys', 'rotate', '--alg', 'ES256', '--json']);
  assert.notEqual(newKid, oldKid);

  const rotated = await eventually(async () => {
    const { access_token: token } = await issue();
    return decodeProtectedHeader(token).kid === newKid && token;
  });
  assert.ok(rotated, 'tokens did not switch to the new key within 3 s');
  const { protectedHeader } = await verify(rotated, jwks);
  assert.equal(protectedHeader.kid, newKid);
  await verify(earlier.access_token, jwks); // the previous key stays published
});
