// A confidential client's side of the code flow on plain fetch, for tests and bench tools that
// drive a server hard (tests/crash, bench/tools/soak.mjs): authorization requests with PKCE, the
// token endpoint (code, refresh, client credentials), userinfo, the management API, and checks
// of JWTs (ID tokens, access tokens) against the server's JWKS. `server` is anything with
// baseUrl and issuer (startServer's server, a Deployment).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';

import { importPackage } from './server.mjs';

// jose (tests/js) only for the JWT checks: the rest runs without npm packages.
const jose = () => importPackage('jose');

export const CALLBACK = 'http://127.0.0.1:9/cb';

// An authorization URL for `app` with PKCE S256 and a state; {url, verifier, state}.
// `resource` (RFC 8707) asks for a JWT access token for that API.
export function authorizationRequest(
  server,
  app,
  { scope = 'openid offline_access', resource, extra = {} } = {},
) {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('base64url');
  const url = new URL(`${server.baseUrl}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: app.id,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    // As Logto's SDKs ask: offline_access is granted only with prompt=consent (OIDC Core §11).
    prompt: 'consent',
    ...(resource ? { resource } : {}),
    ...extra,
  });
  return { url, verifier, state };
}

// The code in the client's callback URL, after checking state and iss (RFC 9207).
export function codeFrom(server, callback, state) {
  assert.ok(callback.href.startsWith(`${CALLBACK}?`), `not the callback: ${callback}`);
  const params = callback.searchParams;
  assert.equal(
    params.get('error'),
    null,
    `${params.get('error')}: ${params.get('error_description')}`,
  );
  assert.equal(params.get('state'), state);
  assert.equal(params.get('iss'), server.issuer);
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
  `Basic ${Buffer.from(`${encodeURIComponent(app.id)}:${encodeURIComponent(app.secret)}`).toString(
    'base64',
  )}`;

// POST /oidc/token as `app` (client_secret_basic); resolves with {status, body}.
export async function tokenRequest(server, app, params) {
  const res = await fetch(`${server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { authorization: basic(app), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: await bodyOf(res) };
}

// Redeems `code`; resolves with {status, body} (the token response on 200).
export const redeemCode = (server, app, { code, verifier, resource }) =>
  tokenRequest(server, app, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: CALLBACK,
    ...(resource ? { resource } : {}),
  });

export const refresh = (server, app, refreshToken) =>
  tokenRequest(server, app, { grant_type: 'refresh_token', refresh_token: refreshToken });

export const clientCredentials = (server, app, resource, scope) =>
  tokenRequest(server, app, {
    grant_type: 'client_credentials',
    resource,
    ...(scope ? { scope } : {}),
  });

// Asserts a 200 token response; returns its body.
export function tokens({ status, body }, what) {
  assert.equal(status, 200, `${what}: ${status} ${JSON.stringify(body)}`);
  assert.ok(body.access_token, `${what}: no access token`);
  return body;
}

// GET /oidc/me with `accessToken`; resolves with {status, body}.
export async function userinfo(server, accessToken) {
  const res = await fetch(`${server.baseUrl}/oidc/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: await bodyOf(res) };
}

// A call to the management API with `token`; resolves with {status, body, headers}.
export async function managementApi(server, token, route, { method = 'GET', body } = {}) {
  const res = await fetch(`${server.baseUrl}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await bodyOf(res), headers: res.headers };
}

// Verifies `jwt` with the keys the server publishes now (fetched once per call of keySet());
// resolves with its payload.
export async function verifyJwt(keys, jwt, options) {
  const { payload } = await (await jose()).jwtVerify(jwt, keys, options);
  return payload;
}

// The server's JWKS, fetched now, as a jose key set.
export async function keySet(server) {
  const res = await fetch(`${server.baseUrl}/oidc/jwks`);
  assert.equal(res.status, 200);
  return (await jose()).createLocalJWKSet(await res.json());
}
