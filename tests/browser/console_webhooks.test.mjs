// The console's Webhooks page in a real browser: creating a webhook for a loopback receiver,
// its signing key (shown, regenerated), custom headers saved, "Send test", a delivery of a real
// event in Recent requests with the receiver seeing the signed request, the Japanese labels, and
// deleting it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const TIMEOUT = 60000;
let stack;
let api;
let receiver;
const received = []; // { path, headers, body }

before(async () => {
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  stack = await startConsoleStack({ env: { LATCH_WEBHOOK_RETRY_MS: '100' } });
  api = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
  receiver?.close();
});

// Polls `check` (in node) until it is true; rejects after `timeout` ms.
async function until(check, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const endpoint = (path) => `http://127.0.0.1:${receiver.address().port}${path}`;

test(
  'Create a webhook, see its key, save headers, send a test, see a delivery, delete it',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/webhooks', heading: 'Webhooks' }, async (page) => {
      await page.getByText('No webhooks yet').waitFor();
      await page.getByRole('button', { name: 'Create webhook' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create webhook' });
      await dialog.getByLabel('Name').fill('CRM sync');
      await dialog.getByLabel('Endpoint URL').fill('not a url');
      await dialog.getByLabel('User.Created').check();
      await dialog.getByRole('button', { name: 'Create webhook' }).click();
      await dialog.getByText('url must be an http or https URL').waitFor();
      await dialog.getByLabel('Endpoint URL').fill(endpoint('/crm'));
      await shot(page, 'webhook-create');
      await dialog.getByRole('button', { name: 'Create webhook' }).click();
      await page.getByRole('heading', { level: 1, name: 'CRM sync' }).waitFor();
      await toastText(page, 'Webhook CRM sync created.');

      const hooks = (await api('GET', '/hooks')).body;
      assert.equal(hooks.length, 1);
      const hook = hooks[0];
      assert.deepEqual(hook.events, ['PostRegister', 'User.Created']);
      const key = page.getByTestId('signing-key');
      assert.equal(await key.inputValue(), hook.signingKey);
      await page.getByRole('button', { name: 'Regenerate key' }).click();
      await page
        .getByRole('dialog', { name: 'Regenerate the signing key?' })
        .getByRole('button', { name: 'Regenerate key' })
        .click();
      await toastText(page, 'Signing key regenerated.');
      await until(async () => (await key.inputValue()) !== hook.signingKey);
      const signingKey = await key.inputValue();

      await page.getByRole('button', { name: 'Add header' }).click();
      await page.getByLabel('Header name').fill('x-tenant');
      await page.getByLabel('Value', { exact: true }).fill('acme');
      await page.getByRole('button', { name: 'Save webhook' }).click();
      await toastText(page, 'Webhook saved.');
      const saved = (await api('GET', `/hooks/${hook.id}`)).body;
      assert.deepEqual(saved.config.headers, { 'x-tenant': 'acme' });

      await page.getByRole('button', { name: 'Send test' }).click();
      await toastText(page, /Test payloads sent/);
      const tests = received.filter((r) => r.path === '/crm');
      assert.equal(tests.length, 2); // one per event
      for (const r of tests) {
        assert.equal(r.headers['x-tenant'], 'acme');
        const expected = createHmac('sha256', signingKey).update(r.body).digest('hex');
        assert.equal(r.headers['logto-signature-sha-256'], expected);
      }

      // A real event: the receiver gets it, Recent requests lists it.
      const user = await api('POST', '/users', { username: 'webhook_watcher' });
      assert.equal(user.status, 200);
      await until(() => received.some((r) => JSON.parse(r.body).data?.id === user.body.id));
      await page
        .getByRole('navigation', { name: 'Webhook sections' })
        .getByRole('link', { name: 'Recent requests' })
        .click();
      const row = page.locator('table.table tbody tr', { hasText: 'User.Created' });
      await row.waitFor();
      assert.match(await row.innerText(), /Success/);
      assert.match(await row.innerText(), /200/);
      await shot(page, 'webhook-requests');

      await page
        .getByRole('navigation', { name: 'Webhook sections' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.getByRole('button', { name: 'Delete webhook' }).click();
      await page
        .getByRole('dialog', { name: 'Delete this webhook?' })
        .getByRole('button', { name: 'Delete webhook' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
      assert.equal((await api('GET', '/hooks')).body.length, 0);
    });
  },
);

test('The Webhooks page in Japanese', { timeout: TIMEOUT }, async () => {
  await withConsole(stack, { path: '/webhooks', heading: 'Webhook', lang: 'ja' }, async (page) => {
    await page.getByRole('button', { name: 'Webhook を作成' }).first().waitFor();
    await page.getByText('Webhook はまだありません').waitFor();
  });
});
