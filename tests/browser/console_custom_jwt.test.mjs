// The console's Custom JWT page, in a real browser: a user-token script written, tested on the
// samples (its claims shown; a failing script's own error shown), saved with PUT
// /api/configs/jwt-customizer/access-token and read back; an app's and an API resource's custom
// data edited; the page in Japanese. Screenshots: console-custom-jwt*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectStatus } from '../interop/support/management.mjs';
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

before(async () => {
  stack = await startConsoleStack();
  api = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
});

const userCard = (page) => page.locator('section.card', { hasText: 'User access tokens' });

test(
  'A user-token script is tested on the samples, saved and read back',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/custom-jwt', heading: 'Custom JWT' }, async (page) => {
      const card = userCard(page);
      const script = card.getByLabel('Script');
      await script.fill(
        'const getCustomJwtClaims = async ({ context }) => ({ plan: context.user.customData.plan });',
      );
      await card.getByRole('button', { name: 'Test user token script' }).click();
      const result = card.getByTestId('jwt-test-result');
      await result.waitFor();
      assert.deepEqual(JSON.parse(await result.innerText()), { plan: 'gold' });
      await shot(page, 'custom-jwt');

      await script.fill("const getCustomJwtClaims = () => { throw new Error('no plan'); };");
      await card.getByRole('button', { name: 'Test user token script' }).click();
      assert.match(await card.getByTestId('jwt-test-error').innerText(), /Error: no plan/);

      await script.fill('const getCustomJwtClaims = async () => ({ tier: 1 });');
      await card.getByLabel('Environment variables').fill('{"REGION": "eu"}');
      await card.getByRole('button', { name: 'Save user token script' }).click();
      assert.match(await toastText(page), /Script saved/);
      const saved = await expectStatus(api, 200, 'GET', '/configs/jwt-customizer/access-token');
      assert.equal(saved.script, 'const getCustomJwtClaims = async () => ({ tier: 1 });');
      assert.deepEqual(saved.environmentVariables, { REGION: 'eu' });
      await userCard(page).getByRole('button', { name: 'Delete user token script' }).waitFor();
    });
  },
);

test(
  'An environment that is not a JSON object is shown under its field',
  { timeout: TIMEOUT },
  async () => {
    await withConsole(stack, { path: '/custom-jwt', heading: 'Custom JWT' }, async (page) => {
      const card = page.locator('section.card', { hasText: 'Machine-to-machine tokens' });
      await card.getByLabel('Environment variables').fill('[1, 2]');
      await card.getByRole('button', { name: 'Save machine-to-machine script' }).click();
      await card.getByText('Enter a JSON object').waitFor();
      await card.getByLabel('Environment variables').fill('{"PORT": 8080}');
      await card.getByRole('button', { name: 'Save machine-to-machine script' }).click();
      await card.getByText('Every value must be a string').waitFor();
      await expectStatus(api, 404, 'GET', '/configs/jwt-customizer/client-credentials');
    });
  },
);

test('An application and an API resource keep custom data', { timeout: TIMEOUT }, async () => {
  const app = await expectStatus(api, 200, 'POST', '/applications', {
    name: 'Data app',
    type: 'MachineToMachine',
  });
  const resource = await expectStatus(api, 200, 'POST', '/resources', {
    name: 'Data API',
    indicator: 'https://data-api.example.test',
  });
  await withConsole(
    stack,
    { path: `/applications/${app.id}`, heading: 'Data app' },
    async (page) => {
      await page.getByLabel('Custom data').fill('{"tier": "partner"}');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await toastText(page, /saved/i);
      const saved = await expectStatus(api, 200, 'GET', `/applications/${app.id}`);
      assert.deepEqual(saved.customData, { tier: 'partner' });
      await page.goto(stack.url(`/api-resources/${resource.id}`));
      await page.getByLabel('Custom data').fill('{"region": "eu"}');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await toastText(page, /saved/i);
      const read = await expectStatus(api, 200, 'GET', `/resources/${resource.id}`);
      assert.deepEqual(read.customData, { region: 'eu' });
    },
  );
});

test('The Custom JWT page in Japanese', { timeout: TIMEOUT }, async () => {
  await withConsole(
    stack,
    { lang: 'ja', path: '/custom-jwt', heading: 'カスタム JWT' },
    async (page) => {
      await page.getByRole('link', { name: 'カスタム JWT', exact: true }).waitFor();
      await page.getByText('ユーザーのアクセストークン', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'マシン間通信のスクリプトを保存' }).waitFor();
      await shot(page, 'custom-jwt-ja');
    },
  );
});
