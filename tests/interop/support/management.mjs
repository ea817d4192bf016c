// The management API for a test script, to set up what an operator would (roles, assignments)
// and check what the server did: a machine-to-machine app allowed the management API (made with
// `latch app create --type m2m --management-api`) and its token, asked for until the running
// server has loaded the app.
import assert from 'node:assert/strict';
import { clientCredentials } from './provisioning.mjs';
import { eventually } from './server.mjs';

// Resolves with request(method, path, body) -> { status, body, total } (path under /api; total:
// the Total-Number header of a list).
export async function managementApi(server) {
  const app = await server.cliJson([
    'app',
    'create',
    '--name',
    'Test script',
    '--type',
    'm2m',
    '--management-api',
    '--json',
  ]);
  let answer;
  await eventually(
    async () => {
      const res = await clientCredentials(server, app, {
        resource: 'urn:latch:management',
        scope: 'all',
      });
      answer = { status: res.status, body: await res.json() };
      return res.status === 200;
    },
    { timeoutMs: 10000, intervalMs: 100 },
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const token = answer.body.access_token;
  return async (method, path, body) => {
    const res = await fetch(`${server.baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      total: Number(res.headers.get('total-number')),
    };
  };
}

// Calls `api` and fails the test unless the answer has `status`; resolves with the body.
export async function expectStatus(api, status, method, path, body) {
  const res = await api(method, path, body);
  assert.equal(res.status, status, `${method} /api${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}
