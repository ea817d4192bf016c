// The console's Connectors pages, as the user's guide walks them: Connectors → "Social
// connectors" → "Add social connector" → "GitHub", the setup guide beside the form, "Save and
// done", the connector's page with its ID and callback URL; editing keeps the secret; another
// connector removed after a confirmation; the Email and SMS tab with its two empty slots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { root } from '../interop/support/server.mjs';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const TEST_TIMEOUT = 90000;
let stack;
let github;

// GET on the management API, to check what the console did.
let management;
async function api(route) {
  const { status, body } = await management('GET', route);
  assert.equal(status, 200);
  return body;
}

before(async () => {
  const fake = await import(pathToFileURL(path.join(root, 'tests/fakes/github/fake_github.mjs')));
  github = await fake.startFakeGitHub();
  stack = await startConsoleStack();
});

after(async () => {
  await stack?.stop();
  await github?.close();
});

test(
  'add GitHub from the console, see its ID and callback URL, edit it, remove another',
  { timeout: TEST_TIMEOUT },
  async () => {
    management = await managementApi(stack);
    await withConsole(
      stack,
      { path: '/connectors/social', heading: 'Connectors' },
      async (page) => {
        // Empty state explains and offers the action.
        await page.getByRole('heading', { name: 'No social connectors yet' }).waitFor();
        assert.equal(
          await page.getByRole('link', { name: 'Social connectors' }).getAttribute('aria-current'),
          'page',
        );
        await shot(page, 'connectors-social-empty');

        await page.getByRole('button', { name: 'Add social connector' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add social connector' });
        for (const name of ['GitHub', 'Google', 'Microsoft', 'OpenID Connect', 'OAuth 2.0']) {
          await dialog
            .getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')}`) })
            .waitFor();
        }
        await shot(page, 'add-social-connector');
        await dialog.locator('[data-factory="github-universal"]').click();

        // The setup step: the guide on the left, the form on the right.
        const setup = page.getByRole('dialog', { name: 'Add GitHub connector' });
        await setup.getByText('New OAuth App').first().waitFor();
        const guide = await setup.locator('.connector-setup-guide').innerText();
        assert.match(guide, /github\.com\/settings\/developers/);
        assert.match(guide, /Enable Device Flow/);
        assert.match(
          guide,
          /The redirect_uri MUST match the registered callback URL for this application\./,
        );
        assert.ok(guide.includes(`${stack.server.endpoint}/callback/\${connector_id}`), guide);
        assert.equal(await setup.getByLabel('Client Secret').getAttribute('type'), 'password');
        assert.equal(await setup.getByLabel('Scope').inputValue(), 'read:user');

        // Required fields are checked before anything is sent.
        await setup.getByRole('button', { name: 'Save and done' }).click();
        await setup.getByText('Required').first().waitFor();

        await setup.getByLabel('Client ID').fill('console-client');
        await setup.getByLabel('Client Secret').fill('console-secret');
        await setup.getByLabel('OAuth base URL').fill('ftp://not-http');
        await setup.getByLabel('API base URL').fill(github.baseUrl);
        // The API's message lands next to the field it names.
        await setup.getByRole('button', { name: 'Save and done' }).click();
        await setup.getByText('oauthBaseUrl must be an http(s) URL').waitFor();
        await setup.getByLabel('OAuth base URL').fill(github.baseUrl);
        await shot(page, 'github-guide-form');
        await setup.getByRole('button', { name: 'Save and done' }).click();
        assert.match(await toastText(page, /GitHub connector added/), /GitHub connector added/);

        // The details page: ID and callback URL at the top, as the API has them.
        await page.getByRole('heading', { level: 1, name: 'GitHub' }).waitFor();
        const [listed] = await api('/connectors');
        assert.equal(listed.connectorId, 'github-universal');
        assert.equal(new URL(page.url()).pathname, `/console/connectors/social/${listed.id}`);
        assert.equal(await page.getByTestId('connector-id').inputValue(), listed.id);
        const callback = await page.getByTestId('callback-url').inputValue();
        assert.equal(callback, `${stack.server.endpoint}/callback/${listed.id}`);
        assert.equal(callback, listed.callbackUri);
        await page
          .getByText('Paste this into your GitHub OAuth app’s Authorization callback URL')
          .waitFor();
        assert.equal(listed.config.oauthBaseUrl, github.baseUrl);
        assert.equal(listed.config.clientId, 'console-client');
        await shot(page, 'connector-details');

        // Edit the scope; the secret stays ******** and keeps its value.
        assert.equal(await page.getByLabel('Client Secret').inputValue(), '********');
        await page.getByLabel('Scope').fill('read:user user:email');
        await page.getByRole('button', { name: 'Save changes' }).click();
        assert.match(await toastText(page, /Changes saved/), /Changes saved/);
        const [edited] = await api('/connectors');
        assert.equal(edited.config.scope, 'read:user user:email');
        assert.equal(edited.config.clientSecret, '********');
        const shown = await stack.server.cliJson([
          'connector',
          'show',
          listed.id,
          '--reveal',
          '--json',
        ]);
        assert.equal((shown.config ?? shown).clientSecret, 'console-secret');

        // "Use in sign-in experience" puts its target on the sign-in page.
        await page.getByRole('button', { name: 'Use in sign-in experience' }).click();
        assert.match(
          await toastText(page, /Added to the sign-in experience/),
          /Added to the sign-in experience/,
        );
        assert.deepEqual((await api('/sign-in-exp')).socialSignInConnectorTargets, ['github']);

        // Another connector (via the CLI), removed from the console with a confirmation.
        const other = await stack.server.cliJson([
          'connector',
          'add',
          'google',
          '--client-id',
          'g',
          '--client-secret',
          's',
          '--json',
        ]);
        await page.getByRole('link', { name: '← Connectors' }).click();
        await page.getByRole('heading', { level: 1, name: 'Connectors' }).waitFor();
        await page.getByRole('cell', { name: other.id }).waitFor();
        assert.equal(
          await page.locator('tr', { hasText: listed.id }).getByText('In use').count(),
          1,
        );
        await shot(page, 'connectors-social');
        await page.getByRole('link', { name: 'Google' }).click();
        await page.getByRole('heading', { level: 1, name: 'Google' }).waitFor();
        await page.getByRole('button', { name: 'Remove connector' }).click();
        const confirm = page.getByRole('dialog', { name: 'Remove the Google connector?' });
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        assert.equal((await api('/connectors')).length, 2);
        await page.getByRole('button', { name: 'Remove connector' }).click();
        await confirm.getByRole('button', { name: 'Remove connector' }).click();
        assert.match(await toastText(page, /Connector removed/), /Connector removed/);
        await page.getByRole('heading', { level: 1, name: 'Connectors' }).waitFor();
        const left = await api('/connectors');
        assert.deepEqual(
          left.map((c) => c.id),
          [listed.id],
        );

        // Email and SMS connectors: both slots are there, not set up, each with "Set up"
        // (tests/browser/console_message_connectors.test.mjs walks them).
        await page.getByRole('link', { name: 'Email and SMS connectors' }).click();
        const factories = await api('/connector-factories');
        assert.deepEqual(
          factories.filter((f) => f.type !== 'Social').map((f) => [f.id, f.type]),
          [
            ['simple-mail-transfer-protocol', 'Email'],
            ['http-sms', 'Sms'],
          ],
        );
        for (const [slot, name] of [
          ['Email', 'Email connector'],
          ['Sms', 'SMS connector'],
        ]) {
          const region = page.getByRole('region', { name });
          await region.getByText('Not set up').waitFor();
          await region.getByRole('button', { name: `Set up: ${name}` }).waitFor();
          assert.equal(await page.locator(`[data-slot="${slot}"] form`).count(), 0);
        }
        await shot(page, 'connectors-passwordless');
      },
    );
  },
);
