// Organizations seen by Logto's own Node SDK (issue #17, Logto's RFC 0001): `@logto/node`
// signs in asking for urn:logto:scope:organizations (it adds the reserved resource
// urn:logto:resource:organizations itself) and urn:logto:scope:organization_roles; the ID token
// and userinfo list the user's organizations and roles; getOrganizationToken(id) is the refresh
// grant with organization_id and returns a JWT for urn:logto:organization:<id> whose scope is
// what the user's organization roles grant of what the app asked for; a non-member is refused
// (403 access_denied), and a removal from an organization applies to the next token.
//
// The operator's setup goes through the management API (Logto's shapes): the organization
// template (organization scopes read:books and write:books; roles Librarian with both, Visitor
// with read:books), the organizations Acme (the user is a Librarian), Globex (a Visitor) and
// Initech (the user is no member).
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
import {
  addOrganizationMembers,
  createOrganization,
  createOrganizationRole,
  createOrganizationScope,
} from './support/provisioning.mjs';
import { importPackage, startServer } from './support/server.mjs';
import { MemoryStorage } from './support/memory_storage.mjs';

const { default: LogtoClient, UserScope } = await importEsmPackage('@logto/node');
const { createRemoteJWKSet, decodeJwt, jwtVerify } = await importPackage('jose');

const CALLBACK = 'http://localhost:3000/callback';
const USER = { username: 'olga', password: 'Harbor-Finch-4431' };
const ORGANIZATION_SCOPES = [UserScope.Organizations, UserScope.OrganizationRoles];
const BOUNDED = { timeout: 30_000 };

let server;
let api; // the management API
let user;
let web;
let acme; // the user is a Librarian (read:books, write:books)
let globex; // the user is a Visitor (read:books)
let initech; // the user is no member

// Signs USER in through @logto/node with `scopes`; resolves with {logto, navigations}.
async function signedIn(scopes = [...ORGANIZATION_SCOPES, 'read:books', 'write:books']) {
  const navigations = [];
  const logto = new LogtoClient(
    { endpoint: server.endpoint, appId: web.id, appSecret: web.secret, scopes },
    { storage: new MemoryStorage(), navigate: (url) => navigations.push(url) },
  );
  await logto.signIn(CALLBACK);
  const callback = await signInThroughForms(server, navigations.at(-1), USER);
  await logto.handleSignInCallback(callback.href);
  return { logto, navigations };
}

// The scopes of an access token (RFC 9068 §2.2.3: space-separated in `scope`), sorted.
function scopesOf(token) {
  const { scope = '' } = decodeJwt(token);
  return scope.split(' ').filter(Boolean).sort();
}

// The OAuth error a rejected SDK call carries: @logto/client throws LogtoRequestError with the
// body's `code` ("oidc.access_denied", as Logto answers), or, for a body with only `error`,
// LogtoError('unexpected_response_error', body).
function oauthErrorOf(error) {
  return (error?.data?.error ?? error?.code)?.replace(/^oidc\./, '');
}

// The refresh grant with organization_id, sent by hand (client_secret_basic).
async function organizationGrant(refreshToken, organizationId) {
  const basic = Buffer.from(`${web.id}:${web.secret}`).toString('base64');
  const res = await fetch(`${server.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}` },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      organization_id: organizationId,
    }),
  });
  return { status: res.status, body: await res.json() };
}

before(async () => {
  server = await startServer();
  user = await createUser(server, USER);
  web = await createUserApp(server, { type: 'traditional', redirectUris: [CALLBACK] });
  api = await managementApi(server);
  const read = await createOrganizationScope(api, 'read:books');
  const write = await createOrganizationScope(api, 'write:books');
  const librarian = await createOrganizationRole(api, {
    name: 'Librarian',
    scopeIds: [read.id, write.id],
  });
  const visitor = await createOrganizationRole(api, { name: 'Visitor', scopeIds: [read.id] });
  acme = await createOrganization(api, 'Acme');
  globex = await createOrganization(api, 'Globex');
  initech = await createOrganization(api, 'Initech');
  await addOrganizationMembers(api, acme.id, [user.id], [librarian.id]);
  await addOrganizationMembers(api, globex.id, [user.id], [visitor.id]);
  await waitUntilClientKnown(server, web, CALLBACK);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

describe('@logto/node: a member of two organizations', () => {
  let logto;
  let navigations;

  before(async () => {
    ({ logto, navigations } = await signedIn());
  });

  test('signIn asks for the organizations scope and resource', BOUNDED, () => {
    const url = new URL(navigations.at(-1));
    const scopes = url.searchParams.get('scope').split(' ');
    for (const scope of ORGANIZATION_SCOPES) assert.ok(scopes.includes(scope), scope);
    assert.ok(url.searchParams.getAll('resource').includes('urn:logto:resource:organizations'));
  });

  test(
    'getOrganizationToken returns a JWT for the organization with its roles scopes',
    BOUNDED,
    async () => {
      const token = await logto.getOrganizationToken(acme.id);
      const { payload } = await jwtVerify(
        token,
        createRemoteJWKSet(new URL(`${server.baseUrl}/oidc/jwks`)),
        { issuer: server.issuer, audience: `urn:logto:organization:${acme.id}` },
      );
      assert.equal(payload.sub, user.id);
      assert.equal(payload.client_id, web.id);
      assert.deepEqual(scopesOf(token), ['read:books', 'write:books']);
      assert.equal(await logto.getOrganizationToken(acme.id), token, 'cached per organization');

      const visitorToken = await logto.getOrganizationToken(globex.id);
      assert.equal(decodeJwt(visitorToken).aud, `urn:logto:organization:${globex.id}`);
      assert.deepEqual(scopesOf(visitorToken), ['read:books']);
      const claims = await logto.getOrganizationTokenClaims(globex.id);
      assert.equal(claims.aud, `urn:logto:organization:${globex.id}`);
    },
  );

  test('the ID token lists the organizations and the organization roles', BOUNDED, async () => {
    const claims = await logto.getIdTokenClaims();
    assert.deepEqual([...claims.organizations].sort(), [acme.id, globex.id].sort());
    assert.deepEqual(
      [...claims.organization_roles].sort(),
      [`${acme.id}:Librarian`, `${globex.id}:Visitor`].sort(),
    );
  });

  test('fetchUserInfo lists the organizations, their data and the roles', BOUNDED, async () => {
    const info = await logto.fetchUserInfo();
    assert.deepEqual([...info.organizations].sort(), [acme.id, globex.id].sort());
    assert.deepEqual(
      [...info.organization_roles].sort(),
      [`${acme.id}:Librarian`, `${globex.id}:Visitor`].sort(),
    );
    const names = Object.fromEntries(info.organization_data.map((o) => [o.id, o.name]));
    assert.deepEqual(names, { [acme.id]: 'Acme', [globex.id]: 'Globex' });
  });

  test('a non-member gets no organization token (access_denied)', BOUNDED, async () => {
    await assert.rejects(logto.getOrganizationToken(initech.id), (error) => {
      assert.equal(oauthErrorOf(error), 'access_denied', String(error));
      return true;
    });
    assert.equal(await logto.isAuthenticated(), true, 'the sign-in is kept');
    assert.ok(await logto.getOrganizationToken(acme.id));
  });
});

test('the token endpoint answers a non-member 403 access_denied', BOUNDED, async () => {
  const { logto } = await signedIn();
  const res = await organizationGrant(await logto.getRefreshToken(), initech.id);
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.error, 'access_denied');
});

test(
  'a refresh token without the organizations scope gets no organization token',
  BOUNDED,
  async () => {
    const { logto } = await signedIn(['read:books']);
    await assert.rejects(logto.getOrganizationToken(acme.id), /organizations/);
    const res = await organizationGrant(await logto.getRefreshToken(), acme.id);
    assert.notEqual(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.error, 'insufficient_scope');
  },
);

test('a removal from the organization applies to the next token', BOUNDED, async () => {
  const temporary = await createOrganization(api, 'Temporary');
  await addOrganizationMembers(api, temporary.id, [user.id]);
  const { logto } = await signedIn();
  const token = await logto.getOrganizationToken(temporary.id);
  assert.equal(decodeJwt(token).aud, `urn:logto:organization:${temporary.id}`);

  await expectStatus(api, 204, 'DELETE', `/organizations/${temporary.id}/users/${user.id}`);
  assert.equal(await logto.getOrganizationToken(temporary.id), token, 'an issued token lives on');
  await logto.clearAccessToken();
  await assert.rejects(logto.getOrganizationToken(temporary.id), (error) => {
    assert.equal(oauthErrorOf(error), 'access_denied', String(error));
    return true;
  });
  const info = await logto.fetchUserInfo();
  assert.ok(!info.organizations.includes(temporary.id), JSON.stringify(info.organizations));
});
