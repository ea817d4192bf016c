// Role-based access control seen by real clients (issue #16 item 7): Logto's own Node SDK
// (`@logto/node`) and openid-client get access tokens whose `scope` is exactly what the caller's
// roles grant of what it asked for. An operator sets the roles up through the management API
// (Logto's /api/roles shapes); each change shows in the next token, with no new sign-in.
//
// The user story runs in order: a user holding the role "Reader" (read:books of the Books API)
// signs in asking for read:books, write:books and a scope the API does not define, and gets
// read:books only; the role gains write:books and the next token (a refresh) has both; the role
// is taken away and the next token has neither.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  createUser,
  createUserApp,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { importEsmPackage } from './support/esm_package.mjs';
import { expectStatus, managementApi } from './support/management.mjs';
import { client as oidc, discover } from './support/openid_client.mjs';
import { createApp, createResource } from './support/provisioning.mjs';
import { importPackage, startServer } from './support/server.mjs';
import { MemoryStorage } from './support/memory_storage.mjs';

const { default: LogtoClient } = await importEsmPackage('@logto/node');
const { createRemoteJWKSet, decodeJwt, jwtVerify } = await importPackage('jose');

const CALLBACK = 'http://localhost:3000/callback';
const BOOKS = 'https://books.rbac.test/api';
const USER = { username: 'rhea', password: 'Lantern-Moss-5120' };
const BOUNDED = { timeout: 30_000 };

let server;
let api; // the management API
let scopeIds; // scope name -> id, of the Books API
let user;
let web;

// Signs USER in through @logto/node asking for the Books API with `scopes`; resolves with the
// signed-in LogtoClient.
async function signedIn(scopes) {
  const navigations = [];
  const logto = new LogtoClient(
    { endpoint: server.endpoint, appId: web.id, appSecret: web.secret, resources: [BOOKS], scopes },
    { storage: new MemoryStorage(), navigate: (url) => navigations.push(url) },
  );
  await logto.signIn(CALLBACK);
  const callback = await signInThroughForms(server, navigations.at(-1), USER);
  await logto.handleSignInCallback(callback.href);
  return logto;
}

// The scopes of an access token (RFC 9068 §2.2.3: space-separated in `scope`).
function scopesOf(token) {
  const { scope = '' } = decodeJwt(token);
  return scope.split(' ').filter(Boolean).sort();
}

// POST /api/roles with Logto's body; resolves with the role.
function createRole(name, type, scopes) {
  return expectStatus(api, 200, 'POST', '/roles', {
    name,
    description: `${name} (interop test)`,
    type,
    scopeIds: scopes.map((scope) => scopeIds[scope]),
  });
}

before(async () => {
  server = await startServer();
  const resource = await createResource(server, {
    name: 'Books API',
    indicator: BOOKS,
    scopes: ['read:books', 'write:books'],
  });
  scopeIds = Object.fromEntries(resource.scopes.map((scope) => [scope.name, scope.id]));
  user = await createUser(server, USER);
  web = await createUserApp(server, { type: 'traditional', redirectUris: [CALLBACK] });
  api = await managementApi(server);
  await waitUntilClientKnown(server, web, CALLBACK);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

describe('@logto/node: a user signs in and the role decides the scopes', () => {
  let logto;
  let reader;

  before(async () => {
    reader = await createRole('Reader', 'User', ['read:books']);
    await expectStatus(api, 201, 'POST', `/roles/${reader.id}/users`, { userIds: [user.id] });
    logto = await signedIn(['read:books', 'write:books', 'shelve:books']);
  });

  test('getAccessToken(R) has exactly the scope the role grants', BOUNDED, async () => {
    const token = await logto.getAccessToken(BOOKS);
    const { payload } = await jwtVerify(
      token,
      createRemoteJWKSet(new URL(`${server.baseUrl}/oidc/jwks`)),
      { issuer: server.issuer, audience: BOOKS, typ: 'at+jwt' },
    );
    assert.equal(payload.sub, user.id);
    // write:books is not granted; shelve:books is no scope of the API: both dropped, no error.
    assert.equal(payload.scope, 'read:books');
    assert.equal((await logto.getAccessTokenClaims(BOOKS)).scope, 'read:books');
  });

  test(
    'after the role gains write:books the next token (a refresh) has both',
    BOUNDED,
    async () => {
      await expectStatus(api, 201, 'POST', `/roles/${reader.id}/scopes`, {
        scopeIds: [scopeIds['write:books']],
      });
      const cached = await logto.getAccessToken(BOOKS);
      assert.deepEqual(scopesOf(cached), ['read:books'], 'a token keeps the scopes it was issued');
      await logto.clearAccessToken(); // the SDK asks again with its refresh token
      const token = await logto.getAccessToken(BOOKS);
      assert.notEqual(token, cached);
      assert.deepEqual(scopesOf(token), ['read:books', 'write:books']);
    },
  );

  test('after the role is unassigned the next token has neither', BOUNDED, async () => {
    await expectStatus(api, 204, 'DELETE', `/roles/${reader.id}/users/${user.id}`);
    await logto.clearAccessToken();
    const token = await logto.getAccessToken(BOOKS);
    assert.equal(decodeJwt(token).aud, BOOKS);
    assert.deepEqual(scopesOf(token), []);
  });
});

test('scope `roles` puts the role names in the ID token and userinfo', BOUNDED, async () => {
  const editor = await createRole('Editor', 'User', ['write:books']);
  await expectStatus(api, 201, 'POST', `/users/${user.id}/roles`, { roleIds: [editor.id] });
  const logto = await signedIn(['roles', 'write:books']);
  assert.deepEqual((await logto.getIdTokenClaims()).roles, ['Editor']);
  assert.deepEqual((await logto.fetchUserInfo()).roles, ['Editor']);
  assert.deepEqual(scopesOf(await logto.getAccessToken(BOOKS)), ['write:books']);
});

describe('openid-client: client credentials for an M2M app with an M2M role', () => {
  let robot;
  let config;

  // A client-credentials token for the Books API asking for read:books and write:books.
  async function grant() {
    const tokens = await oidc.clientCredentialsGrant(config, {
      resource: BOOKS,
      scope: 'read:books write:books',
    });
    assert.equal(decodeJwt(tokens.access_token).aud, BOOKS);
    return tokens;
  }

  before(async () => {
    robot = await createApp(server, 'm2m');
    config = await discover(server, robot.id, { auth: oidc.ClientSecretBasic(robot.secret) });
  });

  test('an app without a role gets a token with no scope', BOUNDED, async () => {
    assert.deepEqual(scopesOf((await grant()).access_token), []);
  });

  test('an app holding an M2M role gets the scopes it grants of those asked', BOUNDED, async () => {
    const role = await createRole('Book robot', 'MachineToMachine', ['read:books']);
    await expectStatus(api, 201, 'POST', `/roles/${role.id}/applications`, {
      applicationIds: [robot.id],
    });
    const tokens = await grant();
    assert.deepEqual(scopesOf(tokens.access_token), ['read:books']);
    assert.equal(tokens.scope, 'read:books');
    assert.equal(decodeJwt(tokens.access_token).client_id, robot.id);
  });
});
