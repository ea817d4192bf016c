// The benchmark peer: npm `oidc-provider` (the engine under Logto) configured
// the way Latch is benchmarked: client credentials, JWT access tokens for one
// resource indicator, ES256, the default in-memory adapter.
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
// There is no /readyz: a readiness probe polls the discovery document.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const host = process.env.HOST || '127.0.0.1';
const port = Number.parseInt(process.env.PORT || '3002', 10);
const clientId = process.env.PEER_CLIENT_ID;
const clientSecret = process.env.PEER_CLIENT_SECRET;
const resource = process.env.PEER_RESOURCE || 'https://billing.example.com';
const scope = process.env.PEER_SCOPE || 'read:invoices';
const mount = '/oidc';

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
  jwks: { keys: [signingKey] },
  // The only key is P-256, so the default RS256 for ID tokens cannot be met;
  // Latch signs everything ES256 by default too.
  // Not exercised (no browser flows), but set so production mode stays quiet.
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  ttl: {
    ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL || 3600,
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
  ],
  features: {
    // No end-user flows are exercised; keep the development-only login pages off.
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => resource,
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
const server = http.createServer((req, res) => {
  const { url } = req;
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
