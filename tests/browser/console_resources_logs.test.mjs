// The console's API resources and audit logs in a real browser: creating an API resource with a
// permission, changing its token expiration, deleting the permission and the resource; the
// built-in management API cannot be deleted; the audit log shows the console's own changes and a
// failed sign-in, filters by event through the URL, and shows one entry's fields.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  managementApi,
  newConsolePage,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';
import { eventually } from '../interop/support/server.mjs';

const TIMEOUT = 60000;
const WANDA = { username: 'wanda', password: 'Right-pass-123' };
let stack;
let api; // the management API (managementApi)

before(async () => {
  stack = await startConsoleStack();
  api = await managementApi(stack);
  await stack.server.cliJson([
    'user',
    'create',
    '--username',
    WANDA.username,
    '--password',
    WANDA.password,
    '--json',
  ]);
  // A wrong password on the hosted sign-in page (the console's own sign-in), for the audit log.
  const { context, page } = await newConsolePage(stack);
  try {
    await page.goto(stack.url(''));
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel(/Username/).fill(WANDA.username);
    await page.getByLabel(/^Password$/).fill('Wrong-pass-999');
    await page.getByRole('button', { name: /^Sign in$/ }).click();
    await page.getByRole('alert').waitFor();
  } finally {
    await context.close();
  }
});

after(async () => {
  await stack?.stop();
});

test(
  'API resources: create with a permission, change the token expiration, delete both',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/api-resources', heading: 'API resources' }, async (page) => {
      // The management API is listed as built-in.
      const builtIn = page.locator('table.table tbody tr', { hasText: 'urn:latch:management' });
      await builtIn.locator('.badge', { hasText: 'Built-in' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'No API resources yet' }).waitFor();

      await page.getByRole('button', { name: 'Create API resource' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create API resource' });
      await dialog.getByText('cannot be changed later', { exact: false }).waitFor();
      await dialog.getByLabel('API name').fill('Bookstore API');
      await dialog.getByLabel('API identifier').fill('not a uri');
      await dialog.getByRole('button', { name: 'Create API resource' }).click();
      await dialog.getByText('indicator must be an absolute URI', { exact: false }).waitFor();
      await dialog.getByLabel('API identifier').fill('https://api.bookstore.test');
      await dialog.getByRole('button', { name: 'Create API resource' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bookstore API' }).waitFor();
      assert.match(
        await toastText(page, /API resource “Bookstore API” created/),
        /API resource “Bookstore API” created/,
      );
      const id = new URL(page.url()).pathname.split('/').pop();
      assert.equal(
        await page.getByTestId('resource-indicator').inputValue(),
        'https://api.bookstore.test',
      );
      await page.getByTestId('permissions-empty').waitFor();
      // Nothing left out of the page shows as the word "null" (regression).
      assert.doesNotMatch(await page.locator('main').innerText(), /\bnull\b/);

      // A permission.
      await page.getByRole('button', { name: 'Create permission' }).click();
      const perm = page.getByRole('dialog', { name: 'Create permission' });
      await perm.getByLabel('Permission name').fill('read:books');
      await perm.getByLabel('Description').fill('Read the catalog');
      await perm.getByRole('button', { name: 'Create permission' }).click();
      assert.equal(
        await toastText(page, 'Permission “read:books” created'),
        'Permission “read:books” created',
      );
      const row = page.locator('table.table tbody tr', { hasText: 'read:books' });
      await row.waitFor();
      assert.match(await row.innerText(), /Read the catalog/);
      // The usage hint names the indicator and the permission.
      await page.getByText('resource=https://api.bookstore.test').waitFor();
      await page.getByText('scope=openid read:books').waitFor();

      // Token expiration.
      await page.getByLabel('Token expiration time (in seconds)').fill('7200');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('.toast', { hasText: 'Changes saved' }).waitFor();
      const stored = (await api('GET', `/resources/${id}`)).body;
      assert.equal(stored.accessTokenTtl, 7200);
      assert.deepEqual(
        stored.scopes.map((s) => s.name),
        ['read:books'],
      );
      await page.getByLabel('Token expiration time (in seconds)').fill('5');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('access token TTL must be 60 to 2592000 seconds').waitFor();
      await page.getByLabel('Token expiration time (in seconds)').fill('7200');
      await shot(page, 'api-resource-details');

      // Delete the permission, then the resource.
      await row.getByRole('button', { name: 'Delete the permission read:books' }).click();
      await page
        .getByRole('dialog', { name: 'Delete permission?' })
        .getByRole('button', { name: 'Delete' })
        .click();
      await page.locator('.toast', { hasText: 'Permission “read:books” deleted' }).waitFor();
      await page.getByTestId('permissions-empty').waitFor();
      assert.deepEqual((await api('GET', `/resources/${id}`)).body.scopes, []);

      await page.getByRole('button', { name: 'Delete API resource' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete API resource?' });
      assert.match(await confirm.innerText(), /Bookstore API/);
      await confirm.getByRole('button', { name: 'Delete API resource' }).click();
      await page.getByRole('heading', { level: 1, name: 'API resources' }).waitFor();
      await page.locator('.toast', { hasText: 'API resource “Bookstore API” deleted' }).waitFor();
      assert.equal((await api('GET', `/resources/${id}`)).status, 404);

      // A resource kept for the list's screenshot.
      await api('POST', '/resources', { name: 'Orders API', indicator: 'https://api.orders.test' });
      await page.reload();
      await page.getByRole('link', { name: 'Orders API' }).waitFor();
      await shot(page, 'api-resources');

      // The built-in management API: read-only, no delete.
      await page.getByRole('link', { name: 'Latch Management API' }).click();
      await page.getByRole('heading', { level: 1, name: 'Latch Management API' }).waitFor();
      await page.getByText('It is built in', { exact: false }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Delete API resource' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Create permission' }).count(), 0);
      assert.ok(await page.getByLabel('API name').isDisabled());
      assert.doesNotMatch(await page.locator('main').innerText(), /\bnull\b/);
    });
  },
);

test(
  "audit logs: the console's changes and a wrong password, filtered by event, and one entry",
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/audit-logs', heading: 'Audit logs' }, async (page) => {
      const rows = page.locator('table.table tbody tr');
      await rows.first().waitFor();
      await page
        .locator('tbody tr', { hasText: 'Management API change: create' })
        .first()
        .waitFor();
      await page
        .locator('tbody tr', { hasText: 'Management API change: delete' })
        .first()
        .waitFor();
      const wrong = page.locator('tbody tr', { hasText: 'Wrong password' });
      await wrong.first().waitFor();
      await wrong.first().locator('.badge', { hasText: 'Error' }).waitFor();
      assert.match(await wrong.first().innerText(), /Latch Console/);
      await shot(page, 'audit-logs');

      // Filter by event: the URL and the table follow.
      const all = await rows.count();
      await page.getByLabel('Event').selectOption({ label: 'Wrong password' });
      await page.waitForURL(
        (url) => url.searchParams.get('logKey') === 'Interaction.SignIn.Verification.Password',
      );
      await page.getByLabel('Event').waitFor();
      await eventually(async () => (await rows.count()) < all && (await rows.count()) > 0);
      const texts = await rows.allInnerTexts();
      assert.ok(
        texts.length > 0 && texts.every((text) => text.includes('Wrong password')),
        texts.join('\n'),
      );
      assert.equal(
        await page.getByLabel('Event').inputValue(),
        'Interaction.SignIn.Verification.Password',
      );
      // The filter survives a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Audit logs' }).waitFor();
      assert.equal(
        await page.getByLabel('Event').inputValue(),
        'Interaction.SignIn.Verification.Password',
      );

      // One entry's details.
      await rows.first().getByRole('link', { name: 'Wrong password' }).click();
      await page.getByRole('heading', { level: 1, name: 'Wrong password' }).waitFor();
      const fields = page.getByTestId('log-fields');
      const text = await fields.innerText();
      assert.match(text, /Interaction\.SignIn\.Verification\.Password/);
      assert.match(text, /Error/);
      assert.match(text, /username: wanda/);
      assert.match(text, /session\.invalid_credentials/);
      await fields.getByRole('link', { name: 'Latch Console' }).waitFor();
      const userLink = fields.getByRole('link', { name: /^[0-9a-z]{12}$/ });
      await userLink.waitFor();
      await page.locator('details.raw summary').click();
      await page.locator('details.raw pre').waitFor();
      await shot(page, 'audit-log-details');
      await userLink.click();
      await page.getByRole('heading', { level: 1, name: 'wanda' }).waitFor();
    });
  },
);

test(
  'audit logs filtered by result: only errors, and back to all',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/audit-logs', heading: 'Audit logs' }, async (page) => {
      const rows = page.locator('table.table tbody tr');
      await page.locator('tbody tr', { hasText: 'Wrong password' }).first().waitFor();
      const all = await rows.count();
      await page.getByLabel('Result').selectOption({ label: 'Error' });
      await page.waitForURL((url) => url.searchParams.get('result') === 'Error');
      await eventually(async () => (await rows.count()) > 0 && (await rows.count()) < all);
      const badges = await rows.locator('.badge').allInnerTexts();
      assert.ok(badges.length > 0 && badges.every((text) => text === 'Error'), badges.join(', '));
      assert.equal(await page.getByLabel('Result').inputValue(), 'Error');
      await page.getByLabel('Result').selectOption({ label: 'All results' });
      await page.waitForURL((url) => !url.searchParams.has('result'));
      await eventually(async () => (await rows.count()) === all);
    });
  },
);

test("audit logs in Japanese, and a management entry's details", { timeout: TIMEOUT }, async () => {
  await withConsole(
    stack,
    { lang: 'ja', path: '/audit-logs', heading: '監査ログ' },
    async (page) => {
      await page
        .locator('tbody tr', { hasText: 'パスワードの誤り' })
        .first()
        .locator('.badge', { hasText: 'エラー' })
        .waitFor();
      await page.getByLabel('イベント').waitFor();
      await page.getByRole('columnheader', { name: 'アプリケーション' }).waitFor();
      await shot(page, 'audit-logs-ja');
      await page.getByLabel('イベント').selectOption('Management.POST');
      await page.waitForURL((url) => url.searchParams.get('logKey') === 'Management.POST');
      await page.locator('tbody tr').first().getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: '管理 API による変更：作成' }).waitFor();
      const text = await page.getByTestId('log-fields').innerText();
      assert.match(text, /\/api\/resources/);
      assert.match(text, /POST/);
      await shot(page, 'audit-log-details-ja');
    },
  );
});
