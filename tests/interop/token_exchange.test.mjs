// openid-client 6 (a certified relying party) performs RFC 8693 token exchange against Latch with
// genericGrantRequest: a subject token from POST /api/subject-tokens (Logto's impersonation) is
// traded once for a JWT access token for an API, verified with jose against /oidc/jwks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createUser } from './support/browser.mjs';
import { expectStatus, managementApi } from './support/management.mjs';
import { client, discover } from './support/openid_client.mjs';
import { createResource, grantRole } from './support/provisioning.mjs';
import { eventually, importPackage, startServer } from './support/server.mjs';

const jose = await importPackage('jose');

const API = 'https://exchange.interop.test';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

let server;
let api;
let user;
let app;
let config;

before(async () => {
  server = await startServer();
  api = await managementApi(server);
  await createResource(server, { indicator: API, scopes: ['read', 'write'] });
  user = await createUser(server, { username: 'exchange_uma', password: 'Ember-Quarry-5530' });
  await grantRole(server, {
    name: 'exchange reader',
    indicator: API,
    scopes: ['read'],
    users: [user.id],
  });
  app = await expectStatus(api, 200, 'POST', '/applications', {
    name: 'Support console',
    type: 'Traditional',
    oidcClientMetadata: { redirectUris: ['http://localhost:3000/callback'] },
    customClientMetadata: { allowTokenExchange: true },
  });
  assert.equal(app.customClientMetadata.allowTokenExchange, true);
  // As in Logto, the app carries no secret: its secrets are listed apart.
  const [secret] = await expectStatus(api, 200, 'GET', `/applications/${app.id}/secrets`);
  config = await discover(server, app.id, { auth: client.ClientSecretBasic(secret.value) });
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

async function subjectToken() {
  const created = await expectStatus(api, 201, 'POST', '/subject-tokens', { userId: user.id });
  assert.equal(created.expiresIn, 600);
  return created.subjectToken;
}

const exchange = (subject) =>
  client.genericGrantRequest(config, GRANT, {
    subject_token: subject,
    subject_token_type: ACCESS_TOKEN,
    resource: API,
    scope: 'read write',
  });

test('discovery lists the token exchange grant', () => {
  assert.ok(config.serverMetadata().grant_types_supported.includes(GRANT));
});

test('a subject token is exchanged once for an access token that speaks for the user', async () => {
  const subject = await subjectToken();
  // The server loads new apps within about 250 ms.
  let tokens;
  await eventually(
    async () => {
      try {
        tokens = await exchange(subject);
        return true;
      } catch (error) {
        if (error.error === 'invalid_client' || error.status === 401) return false;
        throw error;
      }
    },
    { timeoutMs: 5000, intervalMs: 100 },
  );
  assert.ok(tokens, 'the exchange never succeeded');
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(tokens.issued_token_type, ACCESS_TOKEN);
  assert.equal(tokens.refresh_token, undefined);
  assert.equal(tokens.scope, 'read');
  const jwks = jose.createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri));
  const { payload, protectedHeader } = await jose.jwtVerify(tokens.access_token, jwks, {
    issuer: server.issuer,
    audience: API,
    typ: 'at+jwt',
  });
  assert.equal(payload.sub, user.id);
  assert.equal(payload.client_id, app.id);
  assert.equal(payload.scope, 'read');
  assert.ok(protectedHeader.kid);

  await assert.rejects(exchange(subject), (error) => {
    assert.equal(error.error, 'invalid_grant');
    return true;
  });
});

test('an unsupported subject token type is invalid_grant', async () => {
  const subject = await subjectToken();
  await assert.rejects(
    client.genericGrantRequest(config, GRANT, {
      subject_token: subject,
      subject_token_type: 'urn:ietf:params:oauth:token-type:saml2',
    }),
    (error) => error.error === 'invalid_grant',
  );
});
