// The Bookstore sample's organization switcher (examples/bookstore, BOOKSTORE_ORGANIZATIONS=1)
// against Latch, driven over HTTP: a user signs in to the sample; /me lists the organizations
// the user belongs to with their roles; picking one gets an organization token through the C++
// SDK and calls the sample's /api/books?organization_id=<id>, whose JwtValidator checks the
// audience urn:logto:organization:<id> and the organization permission read:books. A member
// without the permission is told to ask an organization admin; a removed member is refused the
// next organization token.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { bookstoreBinary, freePort, startBookstore } from './support/bookstore.mjs';
import {
  createUser,
  createUserApp,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { expectStatus, managementApi } from './support/management.mjs';
import {
  addOrganizationMembers,
  createOrganization,
  createOrganizationRole,
  createOrganizationScope,
} from './support/provisioning.mjs';
import { startServer } from './support/server.mjs';

const USER = { username: 'bea', password: 'Copper-Otter-2718' };
const BOUNDED = { timeout: 30_000 };

let server;
let api;
let user;
let sample;
let readers; // the user holds "Shelf reader" (read:books)
let guests; // the user holds no role
let strangers; // the user is no member

// The sample's session cookie, kept by hand: one visitor.
class Visitor {
  cookie = '';

  async get(target) {
    const res = await fetch(new URL(target, sample.url), {
      headers: this.cookie ? { cookie: this.cookie } : {},
      redirect: 'manual',
    });
    for (const header of res.headers.getSetCookie()) {
      const pair = header.split(';')[0];
      if (pair.startsWith('bookstore_session=')) this.cookie = pair;
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }

  // /sign-in → Latch's forms → /callback; fails unless the sample ends at "/".
  async signIn() {
    const start = await this.get('/sign-in');
    assert.equal(start.status, 302, start.body);
    const callback = await signInThroughForms(server, start.location, USER);
    const done = await this.get(callback.pathname + callback.search);
    assert.equal(done.status, 302, `${done.body}\n--- bookstore log ---\n${sample.log()}`);
    assert.equal(done.location, '/');
  }

  // /me (with `query`); fails unless it answers 200.
  async me(query = '') {
    const res = await this.get(`/me${query}`);
    assert.equal(res.status, 200, `${res.body}\n--- bookstore log ---\n${sample.log()}`);
    return res.body;
  }
}

// The text of the element with `id` in `html` (markup stripped, entities decoded), or null.
function textOf(html, id) {
  const match = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!match) return null;
  return match[2]
    .replace(/<[^>]+>/g, '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

before(async () => {
  assert.ok(existsSync(bookstoreBinary), `${bookstoreBinary} is missing: build it (make build)`);
  server = await startServer();
  user = await createUser(server, USER);
  api = await managementApi(server);
  const read = await createOrganizationScope(api, 'read:books');
  const reader = await createOrganizationRole(api, { name: 'Shelf reader', scopeIds: [read.id] });
  readers = await createOrganization(api, 'Readers Guild');
  guests = await createOrganization(api, 'Guest House');
  strangers = await createOrganization(api, 'Strangers Club');
  await addOrganizationMembers(api, readers.id, [user.id], [reader.id]);
  await addOrganizationMembers(api, guests.id, [user.id]);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await createUserApp(server, {
    type: 'traditional',
    redirectUris: [`${url}/callback`],
    postLogoutRedirectUris: [`${url}/`],
  });
  await waitUntilClientKnown(server, app, `${url}/callback`);
  sample = await startBookstore({
    endpoint: server.endpoint,
    appId: app.id,
    appSecret: app.secret,
    port,
    env: { BOOKSTORE_ORGANIZATIONS: '1' },
  });
});

after(async () => {
  await sample?.stop();
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test('/me lists the organizations with the roles', BOUNDED, async () => {
  const visitor = new Visitor();
  await visitor.signIn();
  const list = textOf(await visitor.me(), 'organizations');
  assert.ok(list, 'no #organizations');
  assert.match(list, /Readers Guild \(roles: Shelf reader\)/);
  assert.match(list, /Guest House \(no role\)/);
  assert.doesNotMatch(list, /Strangers Club/);
});

test('picking an organization lists its books with an organization token', BOUNDED, async () => {
  const visitor = new Visitor();
  await visitor.signIn();
  const page = await visitor.me(`?organization=${readers.id}`);
  const answer = textOf(page, 'organization-books');
  assert.ok(answer, page);
  assert.match(answer, /Status 200/);
  assert.match(answer, /The Library of Babel/);
  assert.match(answer, new RegExp(`"organization":"${readers.id}"`));
});

test('a member without the permission is told to ask for a role', BOUNDED, async () => {
  const visitor = new Visitor();
  await visitor.signIn();
  const answer = textOf(await visitor.me(`?organization=${guests.id}`), 'organization-books');
  assert.match(answer, /Status 403/);
  assert.match(answer, /organization admin for an organization role with read:books/);
});

test('a non-member, or a member removed, gets no organization token', BOUNDED, async () => {
  const visitor = new Visitor();
  await visitor.signIn();
  const page = await visitor.me(`?organization=${strangers.id}`);
  assert.match(textOf(page, 'organization-refused') ?? page, /not a member/);

  const temporary = await createOrganization(api, 'Pop-up Shop');
  await addOrganizationMembers(api, temporary.id, [user.id]);
  const before = await visitor.me(`?organization=${temporary.id}`);
  assert.match(textOf(before, 'organization-books') ?? before, /Status 403/);
  await expectStatus(api, 204, 'DELETE', `/organizations/${temporary.id}/users/${user.id}`);
  const removed = await visitor.me(`?organization=${temporary.id}&new-token=1`);
  assert.match(textOf(removed, 'organization-refused') ?? removed, /not a member/);
  assert.doesNotMatch(textOf(removed, 'organizations') ?? '', /Pop-up Shop/);
});

test(
  'the organization route answers a bad token or none with 401, no organization with 400',
  BOUNDED,
  async () => {
    const res = await fetch(`${sample.url}/api/books?organization_id=${readers.id}`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate'), /invalid_token/);
    const none = await fetch(`${sample.url}/api/books?organization_id=${readers.id}`);
    assert.equal(none.status, 401);
    const nameless = await fetch(`${sample.url}/api/books?organization_id=`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    assert.equal(nameless.status, 400, 'an empty organization_id would accept any organization');
  },
);
