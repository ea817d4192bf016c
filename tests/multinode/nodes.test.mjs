// Issue #8, several nodes: two Latch nodes on one PostgreSQL behind HAProxy keep no state of
// their own. A sign-in started on one node finishes on the other, a code is redeemed exactly
// once however the two receive it, refresh token reuse is caught across nodes, and keys and apps
// provisioned through one node are served by the other at once. Node A's failure under load is
// in failover.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  Browser,
  createUser,
  createUserApp,
  signInThroughForms,
} from '../interop/support/browser.mjs';
import {
  clientCredentials,
  createApp,
  createResource,
  grantRole,
} from '../interop/support/provisioning.mjs';
import { startServer } from '../interop/support/server.mjs';
import {
  CROSS_NODE_MS,
  authorizationRequest,
  requestManagementTokenFor,
  client,
  configureAt,
  crossNode,
  jose,
  jwksOf,
  signIn,
  signInAcross,
  sleep,
  startCluster,
  userinfoAt,
  verifyWithJwksOf,
} from './support/cluster.mjs';

const TIMEOUT = 60000;
const CALLBACK = 'http://127.0.0.1:3000/callback';
const USER = { username: 'olivia', password: 'Quill-Meadow-4821' };

let stack;
let user;
let app;

before(
  async () => {
    stack = await startCluster();
    // Provisioned as an operator would, with node A's configuration (its database, its key).
    user = await createUser(stack.a, USER);
    app = await createUserApp(stack.a, { type: 'traditional', redirectUris: [CALLBACK] });
  },
  { timeout: TIMEOUT },
);

after(async () => {
  if (!stack) return;
  const { a, b } = stack;
  const codes = await stack.stop();
  assert.deepEqual(
    { a: codes.a, b: codes.b },
    { a: 0, b: 0 },
    `--- node a ---\n${a.log()}\n--- node b ---\n${b.log()}`,
  );
});

// Rejects unless `promise` fails as an OAuth error response `error` (status 400).
const rejectsWith = (promise, error) =>
  assert.rejects(promise, (e) => {
    assert.ok(e instanceof client.ResponseBodyError, String(e));
    assert.equal(e.status, 400);
    assert.equal(e.error, error, e.error_description);
    return true;
  });

test(
  'a real code flow through the balancer is served by both nodes',
  { timeout: TIMEOUT },
  async () => {
    const config = await configureAt(stack.balancer, app);
    const mark = stack.balancer.mark();
    const tokens = await signIn(stack.balancer, config, CALLBACK, USER);
    assert.equal(tokens.claims().sub, user.id);
    assert.equal(tokens.claims().iss, stack.issuer);
    const served = new Set(stack.balancer.requests(mark).map((r) => r.server));
    assert.deepEqual([...served].sort(), ['a', 'b'], stack.balancer.log());
  },
);

test('an authorization started on node A finishes on node B', { timeout: TIMEOUT }, async () => {
  const configB = await configureAt(stack.b, app);
  const { url, checks } = await authorizationRequest(configB, CALLBACK);
  // The authorization request, the sign-in page and the credentials at A ...
  const { callback, browser } = await signInAcross(stack.a, stack.b, url, USER);
  assert.deepEqual(
    browser.visits.slice(0, 3).map((v) => v.split(' ').slice(0, 3).join(' ')),
    ['a GET /oidc/auth', 'a GET /sign-in', 'a POST /sign-in'],
  );
  // ... the rest of the interaction at B, which redirects to the app with a code ...
  assert.ok(
    browser.visits.slice(3).length > 0 && browser.visits.slice(3).every((v) => v.startsWith('b ')),
    browser.visits.join('\n'),
  );
  // ... redeemed at B; openid-client checks the ID token against B's JWKS, and so does jose.
  const tokens = await client.authorizationCodeGrant(configB, callback, checks);
  assert.equal(tokens.claims().sub, user.id);
  const { payload } = await verifyWithJwksOf(stack.b, tokens.id_token, {
    issuer: stack.issuer,
    audience: app.id,
  });
  assert.equal(payload.sub, user.id);
  assert.equal((await userinfoAt(stack.b, tokens.access_token)).body.sub, user.id);
});

test(
  'a code sent to both nodes at the same moment is redeemed exactly once',
  { timeout: TIMEOUT },
  async (t) => {
    const [configA, configB] = [await configureAt(stack.a, app), await configureAt(stack.b, app)];
    const browser = new Browser(stack.a); // signs in once; later codes come from its session
    const wins = { a: 0, b: 0 };
    for (let i = 0; i < 20; i += 1) {
      const { url, checks } = await authorizationRequest(configA, CALLBACK);
      const callback = await signInThroughForms(stack.a, url, USER, browser);
      // Both requests leave in the same tick; which one goes out first alternates.
      const redeemAt = (config) => client.authorizationCodeGrant(config, callback, checks);
      const [atA, atB] =
        i % 2 === 0
          ? await Promise.allSettled([redeemAt(configA), redeemAt(configB)])
          : (await Promise.allSettled([redeemAt(configB), redeemAt(configA)])).reverse();
      const won = [atA, atB].filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `code ${i}: ${[atA, atB].map((r) => r.status).join(', ')}`);
      const lost = atA.status === 'rejected' ? atA : atB;
      await rejectsWith(Promise.reject(lost.reason), 'invalid_grant');
      wins[atA.status === 'fulfilled' ? 'a' : 'b'] += 1;
      assert.equal(won[0].value.claims().sub, user.id);
    }
    t.diagnostic(`20 codes, each sent to both nodes at once: A redeemed ${wins.a}, B ${wins.b}`);
  },
);

test(
  'a refresh token rotated on node A is refused as reused on node B, and its family with it',
  { timeout: TIMEOUT },
  async () => {
    const [configA, configB] = [await configureAt(stack.a, app), await configureAt(stack.b, app)];
    const tokens = await signIn(stack.a, configA, CALLBACK, USER, {
      scope: 'openid profile offline_access',
    });
    assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
    const rotated = await client.refreshTokenGrant(configA, tokens.refresh_token);
    assert.notEqual(rotated.refresh_token, tokens.refresh_token);
    // Latch answers a rotated token again for 3 s (kReuseLeeway: an app's concurrent refreshes),
    // counted in whole seconds of the server's clock; after that a reuse is an attack.
    await sleep(4050 - (Date.now() % 1000));
    await rejectsWith(client.refreshTokenGrant(configB, tokens.refresh_token), 'invalid_grant');
    // The reuse revoked the grant: the token A rotated to is dead on both nodes, and so is the
    // access token that came with it.
    await rejectsWith(client.refreshTokenGrant(configB, rotated.refresh_token), 'invalid_grant');
    await rejectsWith(client.refreshTokenGrant(configA, rotated.refresh_token), 'invalid_grant');
    assert.equal((await userinfoAt(stack.b, rotated.access_token)).status, 401);
  },
);

test(
  "a key rotated through node A is in node B's JWKS at once and verifies A's tokens",
  { timeout: TIMEOUT },
  async (t) => {
    const indicator = 'https://api.multinode.test';
    const m2m = await createApp(stack.a, 'm2m');
    await createResource(stack.a, { indicator, scopes: ['read'] });
    const before = new Set((await jwksOf(stack.b)).keys.map((k) => k.kid));
    const [{ kid }] = await stack.a.cliJson(['keys', 'rotate', '--alg', 'ES256', '--json']);
    assert.ok(!before.has(kid));
    const rotatedAt = Date.now();
    const published = await crossNode(async () =>
      (await jwksOf(stack.b)).keys.some((k) => k.kid === kid),
    );
    const seenAfter = Date.now() - rotatedAt;
    assert.ok(published, `${kid} is not in B's JWKS ${CROSS_NODE_MS} ms after the rotation`);
    t.diagnostic(
      `the new key was in B's JWKS ${seenAfter} ms after \`latch keys rotate\` returned`,
    );
    // A signs with the new key as soon as it has loaded it (the same cache refresh).
    const token = await crossNode(async () => {
      const res = await clientCredentials(stack.a, m2m, { resource: indicator, scope: 'read' });
      if (res.status !== 200) return null;
      const { access_token: jwt } = await res.json();
      return jose.decodeProtectedHeader(jwt).kid === kid ? jwt : null;
    });
    assert.ok(token, `A did not sign with ${kid} within ${CROSS_NODE_MS} ms`);
    const { payload } = await verifyWithJwksOf(stack.b, token, {
      issuer: stack.issuer,
      audience: indicator,
    });
    assert.equal(payload.client_id, m2m.id);
  },
);

// Issue #14, defect 1: no waiting. Node B reads through to the database on a catalog miss.
test(
  "an app created through node A's CLI signs in through node B at once",
  { timeout: TIMEOUT },
  async () => {
    const redirectUri = 'http://127.0.0.1:3000/fresh/callback';
    const fresh = await createUserApp(stack.a, {
      type: 'traditional',
      redirectUris: [redirectUri],
    });
    const configB = await configureAt(stack.b, fresh);
    const browser = new Browser(stack.b);
    const tokens = await signIn(stack.b, configB, redirectUri, USER, { browser });
    assert.equal(tokens.claims().aud, fresh.id);
    assert.equal(tokens.claims().sub, user.id);
    assert.equal((await userinfoAt(stack.b, tokens.access_token)).body.sub, user.id);
  },
);

test(
  'an API, an app and its role created through node A get a token from node B by the next request',
  { timeout: TIMEOUT },
  async () => {
    const indicator = 'https://fresh-api.example.test';
    await createResource(stack.a, { indicator, scopes: ['read:fresh'] });
    const m2m = await createApp(stack.a, 'm2m');
    // The scope comes from a role given through node A (docs/rbac.md: read when B issues).
    await grantRole(stack.a, {
      name: 'Fresh reader',
      type: 'm2m',
      indicator,
      scopes: ['read:fresh'],
      apps: [m2m.id],
    });
    const res = await clientCredentials(stack.b, m2m, { resource: indicator, scope: 'read:fresh' });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).scope, 'read:fresh');
  },
);

test(
  'a node whose master key does not match the database refuses to start',
  { timeout: TIMEOUT },
  async () => {
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    await assert.rejects(
      startServer({ env: { ...stack.env, LATCH_MASTER_KEY: otherKey } }),
      /master key does not match this database/,
    );
  },
);

// The console's "Create the first admin account" sent to both nodes at the same moment (two
// operators racing, or a double submit spread by the balancer): exactly one operator is made, and
// the other request is told to sign in instead, leaving no stray user behind.
test(
  'the first operator is created once when both nodes are asked at once',
  { timeout: TIMEOUT },
  async () => {
    const setup = (node, username) =>
      fetch(`${node.baseUrl}/console/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Lantern-Orchard-7730' }),
      });
    const answers = await Promise.all([setup(stack.a, 'first_a'), setup(stack.b, 'first_b')]);
    const statuses = answers.map((res) => res.status).sort();
    assert.deepEqual(statuses, [201, 403]);
    const refused = answers.find((res) => res.status === 403);
    assert.equal((await refused.json()).code, 'console.setup_done');
    for (const node of stack.nodes) {
      assert.equal(
        (await (await fetch(`${node.baseUrl}/console/api/status`)).json()).needsSetup,
        false,
      );
    }
    const loser = answers[0].status === 403 ? 'first_a' : 'first_b';
    const admin = await createApp(stack.a, 'm2m', ['--management-api']);
    const token = await crossNode(async () => {
      const res = await requestManagementTokenFor(stack.b, admin);
      return res.status === 200 && (await res.json()).access_token;
    });
    assert.ok(token, 'node B did not load the management app');
    const listed = await fetch(`${stack.b.baseUrl}/api/users?search=${loser}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(listed.status, 200);
    assert.deepEqual(await listed.json(), [], `${loser} was left behind`);
  },
);
