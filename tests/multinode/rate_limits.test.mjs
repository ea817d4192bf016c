// Issue #14: the limit on failed client authentications counts in PostgreSQL, so wrong secrets
// spread over two nodes meet one limit, and a client blocked on one node is blocked on the other
// as soon as that node counts an attempt of its own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createApp } from '../interop/support/provisioning.mjs';
import { eventually } from '../interop/support/server.mjs';
import { startCluster } from './support/cluster.mjs';

const TIMEOUT = 60000;
const LIMIT = 4;

let stack;
let app;

// POST /oidc/token/introspection at `node` as the app, with `secret`; resolves with the Response.
function introspect(node, secret) {
  const basic = Buffer.from(`${encodeURIComponent(app.id)}:${encodeURIComponent(secret)}`).toString(
    'base64',
  );
  return fetch(`${node.baseUrl}/oidc/token/introspection`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'token=whatever',
  });
}

before(
  async () => {
    // An hour's window, so that the test does not straddle two of them.
    stack = await startCluster({
      env: {
        LATCH_CLIENT_AUTH_FAILURES_PER_CLIENT: String(LIMIT),
        LATCH_CLIENT_AUTH_FAILURES_PER_IP: '1000',
        LATCH_RATE_LIMIT_WINDOW: '3600',
      },
    });
    app = await createApp(stack.a, 'm2m');
    for (const node of stack.nodes) {
      const known = await eventually(
        async () => (await introspect(node, app.secret)).status === 200,
      );
      assert.ok(known, `node ${node.name} did not load the app`);
    }
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

test('wrong secrets sent to both nodes meet one limit', { timeout: TIMEOUT }, async () => {
  // Two on each node: the limit, counted once.
  for (const node of [stack.a, stack.b, stack.a, stack.b]) {
    assert.equal((await introspect(node, 'wrong')).status, 401, `at node ${node.name}`);
  }
  // Node A has seen two failures itself; alone it would answer 401 to a third.
  const refused = await introspect(stack.a, 'wrong');
  assert.equal(refused.status, 429);
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After: ${retryAfter}`);
  assert.equal((await refused.json()).error, 'invalid_request');
  // Node B counts its next attempt, finds the shared count over the limit, and refuses from then
  // on, the right secret too; so does node A.
  assert.equal((await introspect(stack.b, 'wrong')).status, 429);
  assert.equal((await introspect(stack.b, app.secret)).status, 429);
  assert.equal((await introspect(stack.a, app.secret)).status, 429);
});
