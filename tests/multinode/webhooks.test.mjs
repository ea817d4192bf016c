// Webhooks with two nodes on one PostgreSQL (docs/webhooks.md): both nodes run a delivery
// worker over the same outbox, and a loopback receiver sees every event exactly once, whichever
// node made the change; an event whose first attempt failed is retried by either node, still
// once per success.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import { createApp } from '../interop/support/provisioning.mjs';
import {
  crossNode,
  managementTokenFor,
  requestManagementTokenFor,
  sleep,
  startCluster,
} from './support/cluster.mjs';

const TIMEOUT = 60000;
let stack;
let admin;
let receiver;
const received = []; // { path, headers, body, status }
let failFirst = true;

before(
  async () => {
    receiver = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        // The retry path fails its very first request.
        const fail = req.url === '/retry' && failFirst;
        if (fail) failFirst = false;
        const status = fail ? 503 : 200;
        received.push({
          path: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          status,
        });
        res.writeHead(status).end();
      });
    });
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    stack = await startCluster({ env: { LATCH_WEBHOOK_RETRY_MS: '100' } });
    admin = await createApp(stack.a, 'm2m', ['--management-api']);
    for (const node of stack.nodes) {
      assert.ok(
        await crossNode(async () => (await requestManagementTokenFor(node, admin)).status === 200),
        `node ${node.name} did not load the management app`,
      );
    }
  },
  { timeout: TIMEOUT },
);

after(async () => {
  receiver?.close();
  if (!stack) return;
  await stack.stop();
});

async function api(node, method, route, body) {
  const token = await managementTokenFor(node, admin);
  const res = await fetch(`${node.baseUrl}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function until(check, timeout = 20000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

const url = (path) => `http://127.0.0.1:${receiver.address().port}${path}`;

test('every event is delivered once though both nodes deliver', { timeout: TIMEOUT }, async () => {
  const hook = await api(stack.a, 'POST', '/hooks', {
    name: 'two nodes',
    events: ['User.Created'],
    config: { url: url('/once') },
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const ids = [];
  for (let i = 0; i < 20; i++) {
    const node = i % 2 ? stack.b : stack.a;
    const made = await api(node, 'POST', '/users', { username: `two_nodes_${i}` });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    ids.push(made.body.id);
  }
  const once = () => received.filter((r) => r.path === '/once');
  assert.ok(await until(() => once().length >= 20), `only ${once().length} of 20 arrived`);
  await sleep(1500); // time for a duplicate to show up
  const deliveries = once();
  assert.equal(deliveries.length, 20, 'no event twice');
  const delivered = deliveries.map((d) => JSON.parse(d.body).data.id).sort();
  assert.deepEqual(delivered, [...ids].sort());
  assert.equal(new Set(deliveries.map((d) => d.headers['latch-delivery-id'])).size, 20);
  for (const d of deliveries) {
    const expected = createHmac('sha256', hook.body.signingKey).update(d.body).digest('hex');
    assert.equal(d.headers['logto-signature-sha-256'], expected);
  }
});

test('a failed delivery is retried once, by either node', { timeout: TIMEOUT }, async () => {
  const hook = await api(stack.b, 'POST', '/hooks', {
    events: ['User.Deleted'],
    config: { url: url('/retry') },
  });
  assert.equal(hook.status, 201);
  const user = await api(stack.a, 'POST', '/users', { username: 'retried_across' });
  assert.equal((await api(stack.b, 'DELETE', `/users/${user.body.id}`)).status, 204);
  const tries = () => received.filter((r) => r.path === '/retry');
  assert.ok(await until(() => tries().length >= 2));
  await sleep(1000);
  assert.deepEqual(
    tries().map((r) => r.status),
    [503, 200],
  );
  const logs = await api(stack.a, 'GET', `/hooks/${hook.body.id}/recent-logs`);
  assert.deepEqual(
    logs.body.map((l) => l.payload.result),
    ['Success', 'Error'],
  );
});
