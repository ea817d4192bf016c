// The console's user management in a real browser: adding a user with a generated password (and
// signing in with it on the hosted page), searching with the search kept in the URL, editing the
// profile and custom data, resetting the password, suspending and reactivating, removing a social
// identity, deleting, paging through more than 20 users, and the Japanese page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  managementApi,
  newConsolePage,
  shot,
  signInToConsole,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';
import { sqlite } from './support/flow.mjs';

const TIMEOUT = 60000;
let stack;
let api; // the management API (managementApi)

async function createUser(fields) {
  const res = await api('POST', '/users', fields);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

before(async () => {
  stack = await startConsoleStack();
  api = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
});

test(
  'Add user with a generated password: handed over once, and it signs in on the hosted page',
  { timeout: TIMEOUT },
  async () => {
    let created;
    await withConsole(stack, { path: '/users', heading: 'User management' }, async (page) => {
      // The operator's own account is the only user so far.
      await page.getByRole('link', { name: 'operator' }).waitFor();
      await page.getByRole('button', { name: 'Add user' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Add user' });
      await dialog.getByLabel('Username', { exact: true }).fill('hanako');
      await dialog.getByLabel('Primary email').fill('hanako@example.com');
      await dialog.getByLabel('Name', { exact: true }).fill('Hanako Yamada');
      // The API's validation message shows under its field.
      await dialog.getByLabel('Password', { exact: true }).fill('short');
      await dialog.getByRole('button', { name: 'Add user' }).click();
      await dialog.getByText('The password must be at least 8 characters.').waitFor();
      assert.equal(
        await dialog.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'),
        'true',
      );
      await dialog.getByRole('button', { name: 'Generate a strong password' }).click();
      // A new value clears the message.
      assert.equal(
        await dialog.getByText('The password must be at least 8 characters.').count(),
        0,
      );
      const password = await dialog.getByLabel('Password', { exact: true }).inputValue();
      assert.ok(
        password.length >= 16 &&
          /[A-Z]/.test(password) &&
          /[a-z]/.test(password) &&
          /\d/.test(password),
        password,
      );
      await shot(page, 'user-add');
      await dialog.getByRole('button', { name: 'Add user' }).click();
      const handover = page.getByRole('dialog', { name: 'User added' });
      await handover.waitFor();
      assert.match(
        await toastText(page, /User “Hanako Yamada” added/),
        /User “Hanako Yamada” added/,
      );
      assert.equal(await handover.getByTestId('handover-identifier').inputValue(), 'hanako');
      assert.equal(await handover.getByTestId('handover-password').inputValue(), password);
      await handover.getByRole('button', { name: 'View user details' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hanako Yamada' }).waitFor();
      const id = (await page.getByTestId('user-id').innerText()).trim();
      assert.match(new URL(page.url()).pathname, new RegExp(`/console/users/${id}$`));
      created = { id, password };
    });
    // The password works on the hosted sign-in page (the console's own: she is no operator).
    const { context, page } = await newConsolePage(stack);
    try {
      await signInToConsole(stack, page, {
        user: { username: 'hanako', password: created.password },
        heading: 'This account is not an operator',
      });
    } finally {
      await context.close();
    }
    const verify = await api('POST', `/users/${created.id}/password/verify`, {
      password: created.password,
    });
    assert.equal(verify.status, 204);
  },
);

test(
  'search: debounced, kept in the URL across reload, and an empty result explains',
  { timeout: TIMEOUT },
  async () => {
    await createUser({
      username: 'search_kenji',
      primaryEmail: 'kenji@example.org',
      name: 'Kenji Sato',
    });
    await createUser({ username: 'other_person', name: 'Someone Else' });
    await withConsole(stack, { path: '/users', heading: 'User management' }, async (page) => {
      await page.getByRole('searchbox', { name: 'Search users' }).fill('kenji');
      await page.waitForURL((url) => url.searchParams.get('search') === 'kenji');
      const rows = page.locator('table.table tbody tr');
      await page.getByRole('link', { name: 'Kenji Sato' }).waitFor();
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().innerText(), /kenji@example\.org/);
      await page.reload();
      await page.getByRole('link', { name: 'Kenji Sato' }).waitFor();
      assert.equal(
        await page.getByRole('searchbox', { name: 'Search users' }).inputValue(),
        'kenji',
      );
      assert.equal(await rows.count(), 1);
      await page.getByRole('searchbox', { name: 'Search users' }).fill('nobody-matches-this');
      await page
        .getByRole('heading', { level: 2, name: 'No user matches “nobody-matches-this”' })
        .waitFor();
      await page.getByRole('button', { name: 'Clear search' }).click();
      await page.waitForURL((url) => !url.searchParams.has('search'));
      await page.getByRole('link', { name: 'Kenji Sato' }).waitFor();
      await shot(page, 'users');
      // A row opens the user's page; back returns to the list.
      await page.getByRole('link', { name: 'Kenji Sato' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kenji Sato' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'User management' }).waitFor();
    });
  },
);

test(
  'details: profile, custom data, password reset, suspend and reactivate',
  { timeout: TIMEOUT },
  async () => {
    const user = await createUser({
      username: 'taro',
      primaryEmail: 'taro@example.com',
      name: 'Taro',
      password: 'Initial-pass-1',
    });
    await withConsole(stack, { path: `/users/${user.id}`, heading: 'Taro' }, async (page) => {
      // Profile: change the name, clear the email (null).
      await page.getByLabel('Name', { exact: true }).fill('Taro Suzuki');
      await page.getByLabel('Primary email').fill('');
      await page.getByLabel('Primary phone').fill('+81901234567');
      await page.getByRole('button', { name: 'Save changes' }).first().click();
      assert.equal(await toastText(page, 'Changes saved'), 'Changes saved');
      await page.getByRole('heading', { level: 1, name: 'Taro Suzuki' }).waitFor();
      let stored = (await api('GET', `/users/${user.id}`)).body;
      assert.equal(stored.name, 'Taro Suzuki');
      assert.equal(stored.primaryEmail, null);
      assert.equal(stored.primaryPhone, '81901234567'); // Logto's form: digits, no "+"
      // A bad phone: the API's message (in the form until the API names the field).
      await page.getByLabel('Primary phone').fill('abc');
      await page.getByRole('button', { name: 'Save changes' }).first().click();
      await page.getByText('phone must be 5 to 20 digits').waitFor();
      await page.getByLabel('Primary phone').fill('+81901234567');

      // Custom data: invalid JSON and a non-object are refused before the API; an object saves.
      const custom = page.getByLabel('Custom data (JSON)');
      await custom.fill('{"plan": ');
      await page
        .locator('form')
        .filter({ has: custom })
        .getByRole('button', { name: 'Save changes' })
        .click();
      await page.getByText(/^Not valid JSON/).waitFor();
      assert.equal(await custom.getAttribute('aria-invalid'), 'true');
      await custom.fill('[1, 2]');
      await page
        .locator('form')
        .filter({ has: custom })
        .getByRole('button', { name: 'Save changes' })
        .click();
      await page.getByText('Custom data must be a JSON object', { exact: false }).waitFor();
      await custom.fill('{"plan": "pro", "seats": 3}');
      await page
        .locator('form')
        .filter({ has: custom })
        .getByRole('button', { name: 'Save changes' })
        .click();
      await page.locator('.toast', { hasText: 'Custom data saved' }).waitFor();
      stored = (await api('GET', `/users/${user.id}`)).body;
      assert.deepEqual(stored.customData, { plan: 'pro', seats: 3 });

      // Reset password with a generated one, shown once; the API accepts it.
      await page.getByRole('button', { name: 'Reset password' }).click();
      const reset = page.getByRole('dialog', { name: 'Reset password' });
      await reset.getByRole('button', { name: 'Generate a strong password' }).click();
      const generated = await reset.getByLabel('New password', { exact: true }).inputValue();
      await reset.getByRole('button', { name: 'Reset password' }).click();
      const done = page.getByRole('dialog', { name: 'Password reset' });
      await done.waitFor();
      assert.equal(await done.getByTestId('reset-password-value').inputValue(), generated);
      await done.getByRole('button', { name: 'Close' }).last().click();
      assert.equal(
        (await api('POST', `/users/${user.id}/password/verify`, { password: generated })).status,
        204,
      );
      assert.equal(
        (await api('POST', `/users/${user.id}/password/verify`, { password: 'Initial-pass-1' }))
          .status,
        422,
      );

      // Suspend: confirmation, banner, badge, API; then reactivate.
      await page.getByRole('button', { name: 'Suspend user' }).click();
      const confirm = page.getByRole('dialog', { name: 'Suspend this user?' });
      await confirm.getByRole('button', { name: 'Suspend user' }).click();
      assert.equal(await toastText(page, 'User suspended'), 'User suspended');
      await page.getByText('This user is suspended', { exact: false }).waitFor();
      await page.locator('.page-header .badge', { hasText: 'Suspended' }).waitFor();
      assert.equal((await api('GET', `/users/${user.id}`)).body.isSuspended, true);
      await shot(page, 'user-details');
      await page.goto(stack.url('/users?search=taro'));
      await page
        .locator('table.table tbody tr', { hasText: 'Taro Suzuki' })
        .locator('.badge', { hasText: 'Suspended' })
        .waitFor();
      await page.getByRole('link', { name: 'Taro Suzuki' }).click();
      await page.getByRole('button', { name: 'Reactivate user' }).click();
      await page
        .getByRole('dialog', { name: 'Reactivate this user?' })
        .getByRole('button', { name: 'Reactivate user' })
        .click();
      await page.locator('.toast', { hasText: 'User reactivated' }).waitFor();
      await page.getByRole('button', { name: 'Suspend user' }).waitFor();
      assert.equal(await page.getByText('This user is suspended', { exact: false }).count(), 0);
      assert.equal((await api('GET', `/users/${user.id}`)).body.isSuspended, false);

      // The audit logs link filters by the user.
      await page.getByRole('link', { name: 'View audit logs' }).click();
      await page.waitForURL(
        (url) =>
          url.pathname === '/console/audit-logs' && url.searchParams.get('userId') === user.id,
      );
    });
  },
);

test(
  'social identities: listed, and removed after confirmation',
  { timeout: TIMEOUT },
  async (t) => {
    const user = await createUser({ username: 'social_sam', name: 'Sam Social' });
    // The management API cannot link an identity (only a social sign-in does): seed one in the
    // database as a GitHub sign-in would have stored it.
    const identity = {
      github: {
        userId: '9001',
        details: { id: '9001', name: 'Sam at GitHub', email: 'sam@github.test' },
      },
    };
    const seeded = await sqlite(
      stack,
      `UPDATE users SET identities = '${JSON.stringify(identity)}' WHERE id = '${user.id}';
    INSERT INTO user_identities (target, identity_id, user_id) VALUES ('github', '9001', '${user.id}');`,
    );
    if (!seeded) {
      t.skip('sqlite3 is not installed: no way to seed a social identity');
      return;
    }
    assert.equal((await api('GET', `/users/${user.id}`)).body.identities.github.userId, '9001');
    await withConsole(stack, { path: `/users/${user.id}`, heading: 'Sam Social' }, async (page) => {
      const row = page.locator('table.table tbody tr', { hasText: 'github' });
      await row.waitFor();
      assert.match(await row.innerText(), /9001/);
      assert.match(await row.innerText(), /Sam at GitHub/);
      await row.getByRole('button', { name: 'Remove the github identity' }).click();
      const confirm = page.getByRole('dialog', { name: 'Remove social identity?' });
      // Cancel first: nothing happens.
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      assert.equal(await row.count(), 1);
      await row.getByRole('button', { name: 'Remove the github identity' }).click();
      await confirm.getByRole('button', { name: 'Remove' }).click();
      assert.equal(await toastText(page, 'Social identity removed'), 'Social identity removed');
      await page.getByTestId('identities-empty').waitFor();
    });
    assert.deepEqual((await api('GET', `/users/${user.id}`)).body.identities, {});
  },
);

test(
  'delete: confirmation names the user, then back to the list without them',
  { timeout: TIMEOUT },
  async () => {
    const user = await createUser({ username: 'doomed_dan', name: 'Dan Doomed' });
    await withConsole(stack, { path: `/users/${user.id}`, heading: 'Dan Doomed' }, async (page) => {
      await page.getByRole('button', { name: 'Delete user' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete user?' });
      assert.match(await confirm.innerText(), /Dan Doomed/);
      assert.match(await confirm.innerText(), new RegExp(user.id));
      await confirm.getByRole('button', { name: 'Delete user' }).click();
      assert.equal(await toastText(page, 'User “Dan Doomed” deleted'), 'User “Dan Doomed” deleted');
      await page.getByRole('heading', { level: 1, name: 'User management' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/console/users');
      await page.locator('table.table').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Dan Doomed' }).count(), 0);
    });
    assert.equal((await api('GET', `/users/${user.id}`)).status, 404);
  },
);

test(
  'pagination: more than 20 users, page 2 in the URL shows the rest',
  { timeout: TIMEOUT },
  async () => {
    for (let i = 0; i < 22; i += 1) {
      await createUser({ username: `bulk_${String(i).padStart(2, '0')}` });
    }
    const { total } = await api('GET', '/users?page_size=1');
    assert.ok(total > 20);
    await withConsole(stack, { path: '/users', heading: 'User management' }, async (page) => {
      const rows = page.locator('table.table tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 20);
      await page.getByText(`Page 1 of 2 · ${total} in total`).waitFor();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForURL((url) => url.searchParams.get('page') === '2');
      await page.getByText(`Page 2 of 2 · ${total} in total`).waitFor();
      assert.equal(await rows.count(), total - 20);
      await page.reload();
      await page.getByText(`Page 2 of 2 · ${total} in total`).waitFor();
      await page.goBack();
      await page.getByText(`Page 1 of 2 · ${total} in total`).waitFor();
    });
  },
);

test('Japanese: the list, the Add user dialog and a user page', { timeout: TIMEOUT }, async () => {
  await withConsole(
    stack,
    { lang: 'ja', path: '/users?search=kenji', heading: 'ユーザー管理' },
    async (page) => {
      await page.getByRole('link', { name: 'Kenji Sato' }).waitFor();
      assert.equal(
        await page.getByRole('searchbox', { name: 'ユーザーを検索' }).inputValue(),
        'kenji',
      );
      await page.getByRole('columnheader', { name: '最終サインイン' }).waitFor();
      await page.getByRole('searchbox', { name: 'ユーザーを検索' }).fill('');
      await page.waitForURL((url) => !url.searchParams.has('search'));
      await page.locator('table.table tbody tr').nth(5).waitFor();
      await shot(page, 'users-ja');
      await page.getByRole('button', { name: 'ユーザーを追加' }).click();
      const dialog = page.getByRole('dialog', { name: 'ユーザーを追加' });
      await dialog.getByLabel('ユーザー名').waitFor();
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      await page.getByRole('searchbox', { name: 'ユーザーを検索' }).fill('Kenji');
      await page.getByRole('link', { name: 'Kenji Sato' }).click();
      await page.getByRole('heading', { level: 2, name: 'プロフィール' }).waitFor();
      await page.getByRole('button', { name: 'ユーザーを停止' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'カスタムデータ' }).waitFor();
      await page.getByRole('heading', { level: 2, name: '危険ゾーン' }).waitFor();
      await shot(page, 'user-details-ja');
    },
  );
});
