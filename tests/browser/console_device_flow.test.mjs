// The console's side of the device authorization grant (RFC 8628): a Native app is created with
// the device flow (the "Device flow" card, or the authorization flow choice of any Native card),
// its guide is the device-flow guide with the app's values, and its details page says so and
// has no redirect URIs. English and Japanese labels.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { managementApi, shot, startConsoleStack, withConsole } from './support/console.mjs';

let stack;
let management;

async function appNamed(name) {
  management ??= await managementApi(stack);
  const { status, body } = await management('GET', '/applications?page_size=100');
  assert.equal(status, 200);
  return body.find((a) => a.name === name);
}

before(async () => {
  stack = await startConsoleStack();
});

after(async () => {
  await stack?.stop();
});

test('the Device flow card creates a device-flow app and opens its guide', async () => {
  await withConsole(stack, { path: '/applications', heading: 'Applications' }, async (page) => {
    await page.getByRole('button', { name: 'Create application' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create application' });
    await dialog.getByRole('button', { name: /^Device flow/ }).click();
    const flow = dialog.getByRole('group', { name: 'Authorization flow' });
    assert.equal(await flow.getByRole('radio', { name: /^Device flow/ }).isChecked(), true);
    await dialog.getByLabel('Application name').fill('Living Room TV');
    await shot(page, 'create-device-flow');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await page.getByRole('heading', { level: 1, name: /Living Room TV/ }).waitFor();
    const app = await appNamed('Living Room TV');
    assert.equal(app.type, 'Native');
    assert.equal(app.customClientMetadata.isDeviceFlow, true);
    assert.match(page.url(), new RegExp(`/console/applications/${app.id}/guide/device-flow$`));
    const code = await page.locator('pre code').allInnerTexts();
    assert.ok(
      code.some((c) => c.includes(`client_id=${app.id}`) && c.includes('/oidc/device/auth')),
      code.join('\n'),
    );

    await page.goto(`${stack.server.baseUrl}/console/applications/${app.id}`);
    await page.getByTestId('device-flow').waitFor();
    assert.equal(await page.getByLabel('Redirect URI', { exact: true }).count(), 0);
    await shot(page, 'device-flow-details');
  });
});

test('a Native card with the authorization code flow makes an ordinary Native app', async () => {
  await withConsole(stack, { path: '/applications', heading: 'Applications' }, async (page) => {
    await page.getByRole('button', { name: 'Create application' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create application' });
    await dialog.getByRole('button', { name: /^Flutter/ }).click();
    const flow = dialog.getByRole('group', { name: 'Authorization flow' });
    assert.equal(await flow.getByRole('radio', { name: /^Authorization code/ }).isChecked(), true);
    await dialog.getByLabel('Application name').fill('Pocket App');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await page.getByRole('heading', { level: 1, name: /Pocket App/ }).waitFor();
    const app = await appNamed('Pocket App');
    // Logto's customClientMetadata holds only the members it was given.
    assert.equal(app.customClientMetadata.isDeviceFlow ?? false, false);
    assert.match(page.url(), /\/guide\/flutter$/);
  });
});

test('Japanese: the authorization flow choice', async () => {
  await withConsole(
    stack,
    { path: '/applications', heading: 'アプリケーション', lang: 'ja' },
    async (page) => {
      await page.getByRole('button', { name: 'アプリケーションを作成' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'アプリケーションを作成' });
      await dialog.getByRole('button', { name: /^Device flow/ }).click();
      const flow = dialog.getByRole('group', { name: '認可フロー' });
      assert.equal(await flow.getByRole('radio', { name: /^デバイスフロー/ }).isChecked(), true);
    },
  );
});
