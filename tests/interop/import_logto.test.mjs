// Issue 22, `latch import logto`: a real Logto 1.43 database (tests/fixtures/logto-db) moves into
// a running Latch, and what Logto's customers had keeps working without a change on their side.
// Logto's own Node SDK signs a user in to the imported web app with the app's old id and secret,
// the user types their old password (Logto's Argon2i digest, replaced by Latch's Argon2id on that
// first success), the ID token carries the Logto user id and the access token the scopes of the
// imported role for the imported API resource. A wrong password and a suspended account are
// refused, the imported M2M app's old secret gets client-credentials tokens with its role's
// scopes, and a second import finds everything already there.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startPostgres } from '../multinode/support/cluster.mjs';
import {
  Browser,
  parseForm,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { importEsmPackage } from './support/esm_package.mjs';
import { clientCredentials } from './support/provisioning.mjs';
import { importPackage, root, runProgram, startServer } from './support/server.mjs';
import { MemoryStorage } from './support/memory_storage.mjs';

const { default: LogtoClient } = await importEsmPackage('@logto/node');
const { createRemoteJWKSet, jwtVerify } = await importPackage('jose');
const { default: pg } = await importPackage('pg');

// What tests/fixtures/logto-db/data.json puts in the Logto database.
const SHOP = {
  id: 'webapp0000000000000a1',
  secret: 'shop-secret-from-logto-0123456789',
  callback: 'http://localhost:4401/callback',
  signedOut: 'http://localhost:4401/',
};
const DASHBOARD = { id: 'spa00000000000000000a', callback: 'http://localhost:4402/callback' };
const WORKER = { id: 'm2m00000000000000000a', secret: 'worker-secret-from-logto-01234567' };
const ORDERS = 'https://orders.example.test';
const ALICE = { id: 'usr000000001', username: 'alice', password: 'Alice-Logto-Pass-1' };
const BOB = { id: 'usr000000002', username: 'bob', password: 'Bob-Logto-Pass-22' };
const KINDS = [
  ['API resources', 1],
  ['roles', 2],
  ['organizations', 1],
  ['social connectors', 1],
  ['applications', 3],
  ['users', 3],
];

// Each test is bounded in time: a hung request fails the test instead of the run.
const BOUNDED = { timeout: 30_000 };
// A PostgreSQL cluster, Logto's schema and the server: a few seconds, more on a busy machine.
const SETUP = { timeout: 120_000 };

let postgres;
let server;
let logtoUrl;
let firstImport; // `latch import logto`'s first run: {code, stdout, stderr}
let importedDigests; // the users' stored passwords right after that run

// A LogtoClient configured as the shop had it for Logto, only the endpoint now Latch's.
function shopClient() {
  const navigations = [];
  const logto = new LogtoClient(
    {
      endpoint: server.endpoint,
      appId: SHOP.id,
      appSecret: SHOP.secret,
      resources: [ORDERS],
      scopes: ['read:orders'],
    },
    { storage: new MemoryStorage(), navigate: (url) => navigations.push(url) },
  );
  return { logto, navigations };
}

// signIn → the hosted forms with `user`'s credentials → handleSignInCallback.
async function signedIn(user = ALICE, browser = new Browser(server)) {
  const sdk = shopClient();
  await sdk.logto.signIn(SHOP.callback);
  const callback = await signInThroughForms(server, sdk.navigations.at(-1), user, browser);
  assert.equal(callback.origin + callback.pathname, SHOP.callback);
  await sdk.logto.handleSignInCallback(callback.href);
  return { ...sdk, browser };
}

// The sign-in form of a fresh authorization request of the shop, and the browser showing it.
async function signInPage() {
  const { logto, navigations } = shopClient();
  await logto.signIn(SHOP.callback);
  const browser = new Browser(server);
  const page = await browser.navigate(navigations.at(-1));
  assert.equal(page.status, 200, page.body);
  assert.equal(parseForm(page.body)?.action, '/sign-in', page.body);
  return { browser, page };
}

const importLogto = (...flags) => server.cli(['import', ...flags, 'logto', '--database', logtoUrl]);

// Every user's stored password, {id: {hash, algorithm}}, read from `latch db export` (the
// operator's view of the database, whichever database it is).
async function storedPasswords() {
  const exported = await server.cli(['db', 'export', '-']);
  assert.equal(exported.code, 0, exported.stderr);
  const out = {};
  let columns = null;
  for (const line of exported.stdout.trimEnd().split('\n').slice(1)) {
    const value = JSON.parse(line);
    if (!Array.isArray(value)) {
      columns = value.table === 'users' ? value.columns : null;
    } else if (columns) {
      const row = Object.fromEntries(columns.map((name, i) => [name, value[i]]));
      out[row.id] = { hash: row.password_hash, algorithm: row.password_algorithm };
    }
  }
  return out;
}

function verifyAccessToken(token) {
  return jwtVerify(token, createRemoteJWKSet(new URL(`${server.baseUrl}/oidc/jwks`)), {
    issuer: server.issuer,
    audience: ORDERS,
    typ: 'at+jwt',
  });
}

before(async () => {
  postgres = await startPostgres();
  // Logto's database of its own, next to the cluster's default one; seed.mjs wants it empty.
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE logto_src');
  } finally {
    await admin.end();
  }
  const url = new URL(postgres.url);
  url.pathname = '/logto_src';
  logtoUrl = url.href;
  const seed = path.join(root, 'tests/fixtures/logto-db/seed.mjs');
  const seeded = await runProgram(process.execPath, [seed, logtoUrl]);
  assert.equal(seeded.code, 0, `seed.mjs: ${seeded.stderr}`);

  server = await startServer();
  firstImport = await importLogto();
  assert.equal(firstImport.code, 0, `latch import logto: ${firstImport.stderr}`);
  importedDigests = await storedPasswords();
  // The running server picks the imported apps up at its next catalog reload.
  await waitUntilClientKnown(server, SHOP, SHOP.callback);
}, SETUP);

after(async () => {
  try {
    if (server) assert.equal(await server.stop(), 0, server.log());
  } finally {
    await postgres?.stop();
  }
});

test('the import says what it brought: 3 users, 3 applications and the rest', BOUNDED, () => {
  for (const [kind, count] of KINDS) {
    assert.match(
      firstImport.stdout,
      new RegExp(`^${kind}: ${count} imported, 0 already there$`, 'm'),
    );
  }
  assert.match(firstImport.stdout, /^sign-in experience: imported$/m);
  assert.doesNotMatch(firstImport.stdout, /not imported/);
  // The passwords came as Logto stored them: Argon2i digests, not hashed again.
  for (const user of [ALICE, BOB]) {
    assert.equal(importedDigests[user.id]?.algorithm, 'Argon2i', user.username);
    assert.match(importedDigests[user.id].hash, /^\$argon2i\$/, user.username);
  }
});

test(
  "Logto's Node SDK signs alice in to the shop with the app's and alice's old credentials",
  BOUNDED,
  async () => {
    const { logto } = await signedIn();
    assert.equal(await logto.isAuthenticated(), true);
    const claims = await logto.getIdTokenClaims();
    assert.equal(claims.sub, ALICE.id);
    assert.equal(claims.username, ALICE.username);
    assert.equal(claims.aud, SHOP.id);
    assert.equal(claims.iss, server.issuer);

    // alice's imported role (clerk) gives her read:orders on the imported resource, no more.
    const token = await logto.getAccessToken(ORDERS);
    const { payload } = await verifyAccessToken(token);
    assert.equal(payload.sub, ALICE.id);
    assert.equal(payload.aud, ORDERS);
    assert.equal(payload.client_id, SHOP.id);
    assert.deepEqual(payload.scope.split(' '), ['read:orders']);
  },
);

test("alice's Logto digest is replaced by Argon2id at her first sign-in", BOUNDED, async () => {
  await signedIn();
  const rehashed = (await storedPasswords())[ALICE.id];
  assert.equal(rehashed.algorithm, 'Argon2id');
  assert.match(rehashed.hash, /^\$argon2id\$/);
  assert.notEqual(rehashed.hash, importedDigests[ALICE.id].hash);
  // The same password opens the new digest.
  const { logto } = await signedIn();
  assert.equal((await logto.getIdTokenClaims()).sub, ALICE.id);
  assert.equal((await storedPasswords())[ALICE.id].hash, rehashed.hash, 'rehashed only once');
});

test('a wrong password for alice is refused on the sign-in page', BOUNDED, async () => {
  const { browser, page } = await signInPage();
  const res = await browser.submit(page, {
    identifier: ALICE.username,
    password: 'Alice-Logto-Pass-2',
  });
  assert.equal(res.status, 401, res.body);
  assert.equal(res.location, null);
  assert.equal(parseForm(res.body)?.action, '/sign-in', 'the form shows again');
  assert.match(res.body, /role="alert"/);
});

test('bob, suspended in Logto, cannot sign in with his right password', BOUNDED, async () => {
  const { browser, page } = await signInPage();
  const form = parseForm(page.body);
  const submitted = await browser.request(form.action, {
    form: { ...form.fields, identifier: BOB.username, password: BOB.password },
  });
  assert.equal(submitted.location, '/account-suspended', submitted.body);
  const res = await browser.follow(submitted);
  assert.equal(res.status, 403, res.body);
});

test('the hosted pages wear the imported sign-in experience', BOUNDED, async () => {
  const { page } = await signInPage();
  // Logto's languageInfo (fallback ja, no detection) and branding.logoUrl.
  assert.match(page.body, /<html lang="ja">/);
  assert.match(page.body, /<img class="logo" src="https:\/\/shop\.example\.test\/logo\.png"/);
});

test(
  'the SPA keeps its id and redirect URI; another redirect URI is refused',
  BOUNDED,
  async () => {
    await waitUntilClientKnown(server, DASHBOARD, DASHBOARD.callback);
    const url = new URL(`${server.baseUrl}/oidc/auth`);
    url.search = new URLSearchParams({
      client_id: DASHBOARD.id,
      redirect_uri: 'http://localhost:4402/elsewhere',
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 400, 'a redirect URI Logto did not have is refused');
  },
);

test("signOut returns to the shop's imported post-logout redirect URI", BOUNDED, async () => {
  const { logto, navigations, browser } = await signedIn();
  await logto.signOut(SHOP.signedOut);
  const url = new URL(navigations.at(-1));
  assert.equal(url.searchParams.get('post_logout_redirect_uri'), SHOP.signedOut);
  const prompt = await browser.request(url.href);
  assert.equal(prompt.status, 200, prompt.body);
  const res = await browser.submit(prompt, { logout: 'yes' });
  assert.equal(res.status, 302, res.body);
  assert.equal(res.location, SHOP.signedOut);
});

test("the M2M app's old secret gets tokens with its robot role's scopes", BOUNDED, async () => {
  const res = await clientCredentials(server, WORKER, {
    resource: ORDERS,
    scope: 'read:orders write:orders',
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const { payload } = await verifyAccessToken(body.access_token);
  assert.equal(payload.sub, WORKER.id);
  assert.equal(payload.client_id, WORKER.id);
  assert.deepEqual(payload.scope.split(' ').sort(), ['read:orders', 'write:orders']);
  // The resource's access token TTL came along too.
  assert.equal(payload.exp - payload.iat, 1800);

  const wrong = await clientCredentials(
    server,
    { ...WORKER, secret: `${WORKER.secret}x` },
    {
      resource: ORDERS,
    },
  );
  assert.equal(wrong.status, 401);
});

test('a second import finds everything there and alice still signs in', BOUNDED, async () => {
  const again = await importLogto();
  assert.equal(again.code, 0, again.stderr);
  for (const [kind, count] of KINDS) {
    assert.match(again.stdout, new RegExp(`^${kind}: 0 imported, ${count} already there$`, 'm'));
  }
  assert.match(again.stdout, /^sign-in experience: unchanged$/m);
  // alice's Argon2id digest is not put back to Logto's.
  assert.equal((await storedPasswords())[ALICE.id].algorithm, 'Argon2id');
  const { logto } = await signedIn();
  assert.equal((await logto.getIdTokenClaims()).sub, ALICE.id);
});
