// The benchmark peer: npm `oidc-provider` (the engine under Logto) configured
// the way Latch is benchmarked: client credentials, JWT access tokens for one
// resource indicator, ES256, the default in-memory adapter; and, for the
// sign-in and userinfo scenarios, one public SPA client (authorization code +
// PKCE, no secret) with a minimal sign-in page for one test account.
//
// Mounted under /oidc on a plain node:http server, as Logto mounts it under its
// Koa app, so the issuer and every endpoint path match Latch's:
//   issuer   http://127.0.0.1:$PORT/oidc
//   token    POST /oidc/token
//   jwks     GET  /oidc/jwks
//   metadata GET  /oidc/.well-known/openid-configuration
//
// Environment:
//   PORT (default 3002), HOST (default 127.0.0.1)
//   PEER_CLIENT_ID, PEER_CLIENT_SECRET   the one machine-to-machine client
//   PEER_RESOURCE (default https://billing.example.com)
//   PEER_SCOPE    (default read:invoices)
//   PEER_SPA_CLIENT_ID (default bench-web), PEER_REDIRECT_URI (default
//     http://127.0.0.1:9/cb)   the public SPA client for the sign-in scenario
//   PEER_USERNAME (default bench), PEER_PASSWORD (default "bench password 1")
//     the one account the sign-in page accepts (account id "bench")
//   PEER_DATABASE_URL (default unset: the in-memory adapter)   a PostgreSQL
//     connection string: sessions, interactions, grants, codes and opaque
//     tokens go to one table through pg-adapter.mjs, as in Logto
//   PEER_DATABASE_POOL (default 10)   connections in the pg pool
//
// Sign-in: /oidc/auth without a session redirects to /interaction/:uid, a form
// with the same field names as Latch's /sign-in (identifier, password); a good
// POST records the login and a Grant for `openid profile` and resumes the
// authorization, which sets the peer's session cookie, so later /oidc/auth
// requests with that cookie answer with a code at once (the same SSO path
// Latch takes). Consent is implied for this first-party client, as in Latch.
// There is no /readyz: a readiness probe polls the discovery document.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

import { createPgAdapter } from './pg-adapter.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number.parseInt(process.env.PORT || '3002', 10);
const clientId = process.env.PEER_CLIENT_ID;
const clientSecret = process.env.PEER_CLIENT_SECRET;
const resource = process.env.PEER_RESOURCE || 'https://billing.example.com';
const scope = process.env.PEER_SCOPE || 'read:invoices';
const mount = '/oidc';
const spaClientId = process.env.PEER_SPA_CLIENT_ID || 'bench-web';
const redirectUri = process.env.PEER_REDIRECT_URI || 'http://127.0.0.1:9/cb';
const username = process.env.PEER_USERNAME || 'bench';
const password = process.env.PEER_PASSWORD || 'bench password 1';
const accountId = 'bench';
const databaseUrl = process.env.PEER_DATABASE_URL;
const adapter = databaseUrl
  ? await createPgAdapter(databaseUrl, {
    max: Number.parseInt(process.env.PEER_DATABASE_POOL || '10', 10),
  })
  : undefined;

if (!clientId || !clientSecret) {
  console.error('server.mjs: PEER_CLIENT_ID and PEER_CLIENT_SECRET must be set');
  process.exit(2);
}

// One ES256 signing key, made at start (nothing is persisted, like the
// in-memory adapter).
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'ES256',
  use: 'sig',
};

const resourceServer = {
  scope,
  accessTokenTTL: 3600, // Logto's default for an API resource
  audience: resource,
  accessTokenFormat: 'jwt',
  jwt: { sign: { alg: 'ES256' } },
};

const provider = new Provider(`http://${host}:${port}${mount}`, {
  ...(adapter ? { adapter } : {}),
  jwks: { keys: [signingKey] },
  // The only key is P-256, so the default RS256 for ID tokens cannot be met;
  // Latch signs everything ES256 by default too.
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  // The one test account; claims for the `profile` scope like Latch's.
  findAccount: async (_ctx, id) => (id === accountId ? {
    accountId: id,
    claims: async () => ({ sub: id, name: null, preferred_username: username, username }),
  } : undefined),
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'username', 'picture', 'updated_at'],
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: {
    ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL || 3600,
    // Logto-like lifetimes for the browser flow (and no start-up notices).
    AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL || 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 3600,
    Grant: 14 * 24 * 3600,
    Session: 14 * 24 * 3600,
  },
  clientDefaults: {
    grant_types: ['client_credentials'],
    id_token_signed_response_alg: 'ES256',
    response_types: [],
  },
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
    {
      client_id: spaClientId,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [redirectUri],
    },
  ],
  // PKCE (S256) for every authorization code request, as Latch requires.
  pkce: { required: () => true, methods: ['S256'] },
  features: {
    // The sign-in page is ours (below), not the development-only one.
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Without a resource parameter the SPA's access token is for userinfo
      // (opaque), like Latch's; the M2M client defaults to the API.
      defaultResource: async (ctx) => (ctx.oidc.client?.clientId === spaClientId ? undefined : resource),
      getResourceServerInfo: async (_ctx, indicator) => {
        if (indicator === resource) return resourceServer;
        throw new Provider.errors.InvalidTarget();
      },
    },
  },
});

// Logto runs behind its own Koa app and mounts the provider at /oidc. Do the
// same with the least code: strip the prefix and keep originalUrl so that
// oidc-provider derives the mount path for the URLs it prints.
const callback = provider.callback();

const escapeHtml = (v) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      body += c;
      if (body.length > 65536) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function signInPage(res, uid, status, message = '') {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in</h1>${
    message ? `<p>${escapeHtml(message)}</p>` : ''
  }<form method="post" action="/interaction/${escapeHtml(uid)}">`
    + '<input name="identifier" type="text" autocomplete="username">'
    + '<input name="password" type="password" autocomplete="current-password">'
    + '<button type="submit">Sign in</button></form></body></html>');
}

// GET /interaction/:uid shows the form; POST checks the test account, records
// login and a Grant, and hands the browser back to /oidc/auth/:uid.
async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Provider.errors.SessionNotFound('interaction mismatch');
  if (req.method === 'GET') {
    signInPage(res, uid, 200);
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const form = await readForm(req);
  if (form.get('identifier') !== username || form.get('password') !== password) {
    signInPage(res, uid, 400, 'Wrong username or password.');
    return;
  }
  const { params, grantId: existing } = details;
  const grant = existing
    ? await provider.Grant.find(existing)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope('openid profile');
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, {
    login: { accountId },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

const server = http.createServer((req, res) => {
  const { url } = req;
  const m = /^\/interaction\/([\w-]+)$/.exec(url);
  if (m) {
    interaction(req, res, m[1]).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(err.statusCode || 500, { 'content-type': 'text/plain' });
      }
      res.end(`${err.name}: ${err.message}\n`);
    });
    return;
  }
  if (url === mount || url.startsWith(`${mount}/`) || url.startsWith(`${mount}?`)) {
    req.originalUrl = url;
    req.url = url.slice(mount.length) || '/';
    callback(req, res);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
});

server.keepAliveTimeout = 65_000;
server.listen(port, host, () => {
  if (process.env.NODE_ENV !== 'production') {
    console.log(`oidc-provider listening on http://${host}:${port}${mount}`);
  }
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
