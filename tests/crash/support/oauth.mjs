// The client side of the crash test's flows, on plain fetch: authorization requests with PKCE,
// the token endpoint (code, refresh, client credentials), userinfo, the management API, and
// checks of JWTs (ID tokens, access tokens) against the server's own JWKS.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';

import { importPackage } from '../../interop/support/server.mjs';

const jose = await importPackage('jose');

export const CALLBACK = 'http://127.0.0.1:9/cb';

// An authorization URL for `app` with PKCE S256 and a state; {url, verifier, state}.
// `resource` (RFC 8707) asks for a JWT access token for that API.
export function authorizationRequest(dep, app, { scope = 'openid offline_access', resource,
  extra = {} } = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('base64url');
  const url = new URL(`${dep.baseUrl}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: app.id,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(resource ? { resource } : {}),
    ...extra,
  });
  return { url, verifier, state };
}

// The code in the client's callback URL, after checking state and iss (RFC 9207).
export function codeFrom(dep, callback, state) {
  assert.ok(callback.href.startsWith(`${CALLBACK}?`), `not the callback: ${callback}`);
  const params = callback.searchParams;
  assert.equal(params.get('error'), null, `${params.get('error')}: ${params.get('error_description')}`);
  assert.equal(params.get('state'), state);
  assert.equal(params.get('iss'), dep.issuer);
  return params.get('code');
}

// The body as JSON when it is JSON, else the text (a refusal must be readable in a failure).
async function bodyOf(res) {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

const basic = (app) =>
  `Basic ${Buffer.from(`${encodeURIComponent(app.id)}:${encodeURIComponent(app.secret)}`)
    .toString('base64')}`;

// POST /oidc/token as `app` (client_secret_basic); resolves with {status, body}.
export async function tokenRequest(dep, app, params) {
  const res = await fetch(`${dep.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { authorization: basic(app), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: await bodyOf(res) };
}

// Redeems `code`; resolves with {status, body} (the token response on 200).
export const redeemCode = (dep, app, { code, verifier, resource }) =>
  tokenRequest(dep, app, {
    grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: CALLBACK,
    ...(resource ? { resource } : {}),
  });

export const refresh = (dep, app, refreshToken) =>
  tokenRequest(dep, app, { grant_type: 'refresh_token', refresh_token: refreshToken });

export const clientCredentials = (dep, app, resource, scope) =>
  tokenRequest(dep, app, { grant_type: 'client_credentials', resource, ...(scope ? { scope } : {}) });

// Asserts a 200 token response; returns its body.
export function tokens({ status, body }, what) {
  assert.equal(status, 200, `${what}: ${status} ${JSON.stringify(body)}`);
  assert.ok(body.access_token, `${what}: no access token`);
  return body;
}

// GET /oidc/me with `accessToken`; resolves with {status, body}.
export async function userinfo(dep, accessToken) {
  const res = await fetch(`${dep.baseUrl}/oidc/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: await bodyOf(res) };
}

// A call to the management API with `token`; resolves with {status, body, headers}.
export async function managementApi(dep, token, route, { method = 'GET', body } = {}) {
  const res = await fetch(`${dep.baseUrl}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await bodyOf(res), headers: res.headers };
}

// Verifies `jwt` with the keys the server publishes now (fetched once per call of keySet());
// resolves with its payload.
export async function verifyJwt(keys, jwt, options) {
  const { payload } = await jose.jwtVerify(jwt, keys, options);
  return payload;
}

// The server's JWKS, fetched now, as a jose key set.
export async function keySet(dep) {
  const res = await fetch(`${dep.baseUrl}/oidc/jwks`);
  assert.equal(res.status, 200);
  return jose.createLocalJWKSet(await res.json());
}
