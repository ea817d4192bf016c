// The console's roles in a real browser (issue #16 items 5 and 8): creating a User role with a
// permission picked from an API resource (the management API offered only to M2M roles),
// assigning it from the role page and from the user page, the user's effective permissions with
// the role granting each, a default role given to a new user, an M2M role on an M2M app, the
// roles shown per permission on the API resource page, a built-in role kept read-only, deleting
// a role, and the Japanese labels.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';
import { waitUntil } from './support/wait.mjs';

const TIMEOUT = 60000;
let stack;
let api; // the management API (managementApi)
const ids = {}; // resource, scopes, users and the app made in before()

async function made(method, path, body, status = 200) {
  const res = await api(method, path, body);
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const roleNames = async (path) => (await made('GET', path)).map((r) => r.name).sort();

before(async () => {
  stack = await startConsoleStack();
  api = await managementApi(stack);
  const resource = await made('POST', '/resources', {
    name: 'Bookstore API',
    indicator: 'https://api.bookstore.test',
  });
  ids.resource = resource.id;
  ids.read = (
    await made('POST', `/resources/${resource.id}/scopes`, { name: 'read:books' }, 201)
  ).id;
  ids.write = (
    await made('POST', `/resources/${resource.id}/scopes`, { name: 'write:books' }, 201)
  ).id;
  ids.alice = (await made('POST', '/users', { username: 'alice', name: 'Alice' })).id;
  ids.bob = (await made('POST', '/users', { username: 'bob', name: 'Bob' })).id;
  ids.app = (
    await made('POST', '/applications', { name: 'Nightly report', type: 'MachineToMachine' })
  ).id;
});

after(async () => {
  await stack?.stop();
});

test(
  'Create a User role with a permission, assign it to a user from the role page, see why the user can read',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/roles', heading: 'Roles' }, async (page) => {
      // The built-in roles are listed as such; the navigation has Authorization → Roles.
      const nav = page.getByRole('navigation', { name: 'Console' });
      await nav.getByText('Authorization').waitFor();
      assert.equal(
        await nav.getByRole('link', { name: 'Roles' }).getAttribute('aria-current'),
        'page',
      );
      const operatorRow = page.locator('table.table tbody tr', { hasText: 'Latch operator' });
      await operatorRow.locator('.badge', { hasText: 'Built-in' }).waitFor();
      assert.match(await operatorRow.innerText(), /User/);
      assert.match(await operatorRow.innerText(), /1 user/); // the operator signed in

      await page.getByRole('button', { name: 'Create role' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create role' });
      await dialog.getByLabel('Role name').fill('Reader');
      // A User role is never offered the management API; a machine-to-machine role is.
      await dialog.getByLabel('read:books').waitFor();
      assert.equal(await dialog.getByText('urn:latch:management').count(), 0);
      await dialog.getByLabel(/Machine-to-machine/).check();
      await dialog.getByText('urn:latch:management', { exact: false }).first().waitFor();
      await dialog.getByLabel(/^User/).check();
      await dialog.getByLabel('read:books').waitFor();
      assert.equal(await dialog.getByText('urn:latch:management').count(), 0);
      // The description is required, as in Logto.
      await dialog.getByLabel('read:books').check();
      await dialog.getByRole('button', { name: 'Create role' }).click();
      await dialog.getByText('Required').waitFor();
      await dialog.getByLabel('Description').fill('Reads the catalog');
      await shot(page, 'role-create');
      await dialog.getByRole('button', { name: 'Create role' }).click();

      await page.getByRole('heading', { level: 1, name: 'Reader' }).waitFor();
      await toastText(page, 'The role Reader has been successfully created.');
      const roleId = await page.getByTestId('role-id').innerText();
      ids.reader = roleId;
      assert.doesNotMatch(await page.locator('main').innerText(), /\bnull\b/);
      const permRow = page.locator('table.table tbody tr', { hasText: 'read:books' });
      assert.match(await permRow.innerText(), /Bookstore API/);
      assert.deepEqual(
        (await made('GET', `/roles/${roleId}/scopes`)).map((s) => s.name),
        ['read:books'],
      );

      // Users tab: assign Alice.
      const sections = page.getByRole('navigation', { name: 'Role sections' });
      await sections.getByRole('link', { name: 'Users' }).click();
      await page.getByTestId('role-members-empty').waitFor();
      await page.getByRole('button', { name: 'Assign users' }).click();
      const assign = page.getByRole('dialog', { name: 'Assign users to Reader' });
      await assign.getByRole('searchbox').fill('ali');
      await assign.getByLabel(/Alice/).check();
      await assign.getByText('1 selected: Alice').waitFor();
      await assign.getByRole('button', { name: 'Assign users' }).click();
      await toastText(page, 'The selected users were successfully assigned to this role');
      await page.locator('table.table tbody tr', { hasText: 'Alice' }).waitFor();
      assert.deepEqual(await roleNames(`/users/${ids.alice}/roles`), ['Reader']);
      await shot(page, 'role-users');

      // Alice's effective permissions: read:books, granted by Reader; write:books by none.
      await page.getByRole('link', { name: 'Alice' }).click();
      await page.getByRole('heading', { level: 1, name: 'Alice' }).waitFor();
      await page
        .getByRole('navigation', { name: 'User sections' })
        .getByRole('link', { name: 'Permissions' })
        .click();
      const effective = page.getByTestId('effective-resource');
      await effective.getByRole('heading', { name: /Bookstore API/ }).waitFor();
      const row = effective.locator('tbody tr', { hasText: 'read:books' });
      assert.match(await row.innerText(), /Reader/);
      await page.getByLabel('Find a permission, e.g. read:books').fill('write:books');
      assert.match(
        await page.getByTestId('effective-none').innerText(),
        /No role of Alice grants a permission matching “write:books”/,
      );
      await page.getByLabel('Find a permission, e.g. read:books').fill('');
      await page.getByLabel('API resource').selectOption({ label: 'Bookstore API' });
      await row.waitFor();
      await shot(page, 'user-permissions');
    });
  },
);

test(
  'Assign and remove a role from the user page; held roles are not offered again',
  { timeout: TIMEOUT },
  async () => {
    const writer = await made('POST', '/roles', {
      name: 'Writer',
      description: 'Edits the catalog',
      scopeIds: [ids.write],
    });
    await withConsole(stack, { path: `/users/${ids.bob}/roles`, heading: 'Bob' }, async (page) => {
      await page.getByTestId('held-roles-empty').waitFor();
      await page.getByRole('button', { name: 'Assign roles' }).click();
      const dialog = page.getByRole('dialog', { name: 'Assign roles to Bob' });
      await dialog.getByLabel(/Writer/).check();
      // Only User roles: the built-in machine-to-machine role is not offered.
      assert.equal(await dialog.getByText('Latch Management API access').count(), 0);
      await dialog.getByRole('button', { name: 'Assign roles' }).click();
      await toastText(page, 'Successfully assigned role(s)');
      const row = page.locator('table.table tbody tr', { hasText: 'Writer' });
      await row.waitFor();
      assert.deepEqual(await roleNames(`/users/${ids.bob}/roles`), ['Writer']);

      // Writer is held now: the dialog offers the others only.
      await page.getByRole('button', { name: 'Assign roles' }).click();
      const again = page.getByRole('dialog', { name: 'Assign roles to Bob' });
      await again.getByLabel(/Reader/).waitFor();
      assert.equal(await again.getByLabel(/Writer/).count(), 0);
      await again.getByRole('button', { name: 'Cancel' }).click();
      await shot(page, 'user-roles');

      await row.getByRole('button', { name: 'Remove the role Writer' }).click();
      await page
        .getByRole('dialog', { name: 'Remove role?' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await toastText(page, 'Writer was successfully removed from Bob.');
      await page.getByTestId('held-roles-empty').waitFor();
      assert.deepEqual(await roleNames(`/users/${ids.bob}/roles`), []);
    });
    await made('DELETE', `/roles/${writer.id}`, undefined, 204);
  },
);

test(
  'A default role goes to every new user; the API resource page shows which roles use a permission',
  { timeout: TIMEOUT },
  async () => {
    assert.ok(ids.reader, 'the first test made Reader');
    await withConsole(
      stack,
      { path: `/roles/${ids.reader}/general`, heading: 'Reader' },
      async (page) => {
        await page.getByLabel('Default role').check();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await toastText(page, 'Changes saved');
        await page.locator('.page-header .badge', { hasText: 'Default role' }).waitFor();
        assert.equal((await made('GET', `/roles/${ids.reader}`)).isDefault, true);
        const carol = await made('POST', '/users', { username: 'carol' });
        assert.deepEqual(await roleNames(`/users/${carol.id}/roles`), ['Reader']);

        await page.goto(stack.url(`/api-resources/${ids.resource}`));
        const read = page.locator('table.table tbody tr', { hasText: 'read:books' });
        await read.getByRole('link', { name: 'Reader' }).waitFor();
        const write = page.locator('table.table tbody tr', { hasText: 'write:books' });
        assert.match(await write.innerText(), /No role/);
        await shot(page, 'api-resource-roles');
      },
    );
  },
);

test(
  'A machine-to-machine role on a machine-to-machine app, from the app page and the role page',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/roles', heading: 'Roles' }, async (page) => {
      await page.getByRole('button', { name: 'Create role' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create role' });
      await dialog.getByLabel('Role name').fill('Catalog robot');
      await dialog.getByLabel('Description', { exact: true }).fill('Reads books at night');
      await dialog.getByLabel(/Machine-to-machine/).check();
      await dialog.getByLabel('read:books').check();
      await dialog.getByRole('button', { name: 'Create role' }).click();
      await page.getByRole('heading', { level: 1, name: 'Catalog robot' }).waitFor();
      const roleId = await page.getByTestId('role-id').innerText();
      // An M2M role has a Machine-to-machine apps tab, and no Users tab.
      await page.getByRole('link', { name: 'Machine-to-machine apps' }).click();
      await page.getByTestId('role-members-empty').waitFor();
      assert.equal(
        await page.getByRole('navigation', { name: 'Role sections' }).getByText('Users').count(),
        0,
      );

      // Assigned from the app's Roles tab.
      await page.goto(stack.url(`/applications/${ids.app}`));
      await page.getByRole('heading', { level: 1, name: 'Nightly report' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Application sections' })
        .getByRole('link', { name: 'Roles' })
        .click();
      await page.getByTestId('held-roles-empty').waitFor();
      await page.getByRole('button', { name: 'Assign roles' }).click();
      const assign = page.getByRole('dialog', { name: 'Assign roles to Nightly report' });
      await assign.getByLabel(/Catalog robot/).waitFor();
      assert.equal(await assign.getByLabel(/Reader/).count(), 0, 'no User role for an app');
      await assign.getByLabel(/Catalog robot/).check();
      await assign.getByRole('button', { name: 'Assign roles' }).click();
      await page.locator('table.table tbody tr', { hasText: 'Catalog robot' }).waitFor();
      assert.deepEqual(await roleNames(`/applications/${ids.app}/roles`), ['Catalog robot']);
      await shot(page, 'app-roles');

      // The role page lists the app; removed there, the app holds nothing.
      await page.goto(stack.url(`/roles/${roleId}/applications`));
      const row = page.locator('table.table tbody tr', { hasText: 'Nightly report' });
      await row.getByRole('button', { name: 'Remove Nightly report from this role' }).click();
      await page
        .getByRole('dialog', { name: 'Remove app from role?' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await toastText(page, 'Nightly report was successfully removed from this role');
      await page.getByTestId('role-members-empty').waitFor();
      // Assigned again from the role page's dialog.
      await page.getByRole('button', { name: 'Assign machine-to-machine apps' }).click();
      const apps = page.getByRole('dialog', {
        name: 'Assign machine-to-machine apps to Catalog robot',
      });
      await apps.getByLabel(/Nightly report/).check();
      await apps.getByRole('button', { name: 'Assign machine-to-machine apps' }).click();
      await row.waitFor();
      assert.deepEqual(await roleNames(`/applications/${ids.app}/roles`), ['Catalog robot']);

      // A web app has no Roles tab.
      const web = await made('POST', '/applications', { name: 'Shop', type: 'Traditional' });
      await page.goto(stack.url(`/applications/${web.id}`));
      await page.getByRole('heading', { level: 1, name: 'Shop' }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Application sections' }).count(), 0);
    });
  },
);

test(
  'Built-in roles are read-only; a role is deleted after confirmation',
  { timeout: TIMEOUT },
  async () => {
    const doomed = await made('POST', '/roles', { name: 'Temporary', description: 'Short-lived' });
    await withConsole(stack, { path: '/roles', heading: 'Roles' }, async (page) => {
      // A name in use: the API's error shows under the name.
      await page.getByRole('button', { name: 'Create role' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create role' });
      await dialog.getByLabel('Role name').fill('Temporary');
      await dialog.getByLabel('Description', { exact: true }).fill('Again');
      await dialog.getByRole('button', { name: 'Create role' }).click();
      await waitUntil(
        page,
        () => document.querySelector('[name="name"]')?.getAttribute('aria-invalid') === 'true',
      );
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('link', { name: 'Latch operator' }).click();
      await page.getByRole('heading', { level: 1, name: 'Latch operator' }).waitFor();
      await page.getByRole('note').getByText('built this role in', { exact: false }).waitFor();
      await page.locator('table.table tbody tr', { hasText: 'all' }).first().waitFor();
      assert.equal(await page.getByRole('button', { name: 'Assign permissions' }).count(), 0);
      await page
        .getByRole('navigation', { name: 'Role sections' })
        .getByRole('link', { name: 'General' })
        .click();
      assert.ok(await page.getByLabel('Name', { exact: true }).isDisabled());
      assert.equal(await page.getByRole('button', { name: 'Delete role' }).count(), 0);

      await page.goto(stack.url(`/roles/${doomed.id}/general`));
      await page.getByRole('heading', { level: 1, name: 'Temporary' }).waitFor();
      await page.getByRole('button', { name: 'Delete role' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete role?' });
      assert.match(await confirm.innerText(), /Temporary/);
      await confirm.getByRole('button', { name: 'Delete role' }).click();
      await page.getByRole('heading', { level: 1, name: 'Roles' }).waitFor();
      await toastText(page, 'Temporary was successfully deleted.');
      assert.equal((await api('GET', `/roles/${doomed.id}`)).status, 404);
      await shot(page, 'roles');
    });
  },
);

test('The roles pages in Japanese', { timeout: TIMEOUT }, async () => {
  await withConsole(stack, { path: '/roles', heading: 'ロール', lang: 'ja' }, async (page) => {
    const nav = page.getByRole('navigation', { name: 'コンソール' });
    await nav.getByText('認可').waitFor();
    await page.getByRole('button', { name: 'ロールを作成する' }).first().waitFor();
    await page.getByRole('columnheader', { name: '割り当てられました' }).waitFor();
    await page.getByRole('link', { name: 'Latch operator' }).click();
    await page.getByRole('heading', { level: 1, name: 'Latch operator' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'ロールのセクション' });
    for (const label of ['許可', 'ユーザー', '一般'])
      await tabs.getByRole('link', { name: label }).waitFor();
    await shot(page, 'role-ja');
  });
});
