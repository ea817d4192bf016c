// The console's Sign-in experience page, as the user's guide walks it: "Sign-up and sign-in",
// sign-up identifier "Not applicable", GitHub added to "Social sign-in", saved; the hosted
// sign-in page then shows "Continue with GitHub" and no "Create account". Also the live preview
// following the draft, branding reaching /static/brand.css, the unsaved-changes guard, and the
// Japanese labels.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { createUserApp, waitUntilClientKnown } from '../interop/support/browser.mjs';
import { eventually } from '../interop/support/server.mjs';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const TEST_TIMEOUT = 90000;
let stack;
let app;
let redirectUri;
let callbackServer;

// GET on the management API, to check what the console saved.
let management;
const managementGet = async (route) => (await management('GET', route)).body;

before(async () => {
  stack = await startConsoleStack();
  callbackServer = await new Promise((resolve) => {
    const srv = http.createServer((req, res) => res.end('callback'));
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
  redirectUri = `http://127.0.0.1:${callbackServer.address().port}/callback`;
  app = await createUserApp(stack.server, { type: 'traditional', redirectUris: [redirectUri] });
  await waitUntilClientKnown(stack.server, app, redirectUri);
  await stack.server.cliJson([
    'connector',
    'add',
    'github',
    '--client-id',
    'sie-client',
    '--client-secret',
    'sie-secret',
    '--json',
  ]);
});

after(async () => {
  await stack?.stop();
  callbackServer?.closeAllConnections?.();
  callbackServer?.close();
});

function authorizeUrl() {
  const url = new URL(`${stack.server.endpoint}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: app.id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: 's',
    prompt: 'login',
  });
  return url.href;
}

const frameSrc = async (page) => {
  const frame = page.locator('.preview iframe');
  return frame.getAttribute('src');
};

test(
  '"Not applicable" and GitHub in "Social sign-in", saved, reach the hosted sign-in page',
  { timeout: TEST_TIMEOUT },
  async () => {
    management = await managementApi(stack);
    await withConsole(
      stack,
      { path: '/sign-in-experience', heading: 'Sign-in experience' },
      async (page) => {
        assert.equal(
          new URL(page.url()).pathname,
          '/console/sign-in-experience/sign-up-and-sign-in',
        );
        await page.getByRole('heading', { name: 'Social sign-in' }).waitFor();
        await eventually(async () => Boolean(await frameSrc(page)), { timeoutMs: 3000 });
        const before = await frameSrc(page);
        const select = page.getByLabel('Sign-up identifier');
        const options = await select.locator('option').allInnerTexts();
        assert.deepEqual(options, [
          'Username',
          'Email address',
          'Phone number',
          'Email address or phone number',
          'Not applicable',
        ]);
        await select.selectOption({ label: 'Not applicable' });
        await page.getByText('You have unsaved changes').waitFor();
        // The preview follows the draft (debounced).
        await eventually(async () => (await frameSrc(page)) !== before, { timeoutMs: 3000 });
        const src = new URL(await frameSrc(page), stack.server.endpoint);
        assert.equal(src.pathname, '/console/preview/sign-in');
        const config = JSON.parse(
          Buffer.from(src.searchParams.get('config'), 'base64url').toString('utf8'),
        );
        assert.deepEqual(config.signUp.identifiers, []);

        const social = page.getByRole('region', { name: 'Social sign-in' });
        await social
          .getByLabel('Add social connector', { exact: true })
          .selectOption({ label: 'GitHub' });
        await social.getByRole('button', { name: 'Add: Add social connector' }).click();
        await social.locator('[data-target="github"]').waitFor();
        // The real sign-in page, drawn from the unsaved draft: the GitHub button, no "Create account".
        const preview = page.frameLocator('.preview iframe');
        await preview.getByText('Continue with GitHub').waitFor();
        assert.equal(await preview.getByText('Create account').count(), 0);
        await shot(page, 'sie-sign-up-and-sign-in');

        // Leaving with unsaved changes asks first.
        await page.getByRole('link', { name: 'Connectors' }).click();
        const leave = page.getByRole('dialog', { name: 'Leave this page?' });
        await leave.getByRole('button', { name: 'Cancel' }).click();
        assert.equal(
          new URL(page.url()).pathname,
          '/console/sign-in-experience/sign-up-and-sign-in',
        );

        await page.getByRole('button', { name: 'Save changes' }).click();
        assert.match(await toastText(page, /Sign-in experience saved/), /Sign-in experience saved/);
        await page.getByText('You have unsaved changes').waitFor({ state: 'hidden' });
        const stored = await managementGet('/sign-in-exp');
        assert.deepEqual(stored.signUp.identifiers, []);
        assert.deepEqual(stored.socialSignInConnectorTargets, ['github']);

        await preview.getByText('Continue with GitHub').waitFor();

        // Branding: the brand color reaches /static/brand.css.
        await page.getByRole('link', { name: 'Branding', exact: true }).click();
        const color = page.getByLabel('Brand color', { exact: true });
        await color.fill('#0B6E4F');
        await shot(page, 'sie-branding');
        await page.getByRole('button', { name: 'Save changes' }).click();
        assert.match(await toastText(page, /Sign-in experience saved/), /Sign-in experience saved/);
        assert.equal(
          (await managementGet('/sign-in-exp')).color.primaryColor.toUpperCase(),
          '#0B6E4F',
        );
        assert.ok(
          await eventually(
            async () =>
              (await (await fetch(`${stack.server.baseUrl}/static/brand.css`)).text())
                .toUpperCase()
                .includes('#0B6E4F'),
            { timeoutMs: 3000 },
          ),
        );

        // A bad value: the API's message next to the field.
        await color.fill('red');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText(/must look like/).waitFor();
        await page.getByRole('button', { name: 'Discard' }).click();
        assert.equal(await color.inputValue(), '#0B6E4F');

        await page.getByRole('link', { name: 'Content', exact: true }).click();
        await page.getByLabel('Auto-detect the visitor’s language').waitFor();
        await page.getByLabel('Terms of use URL').waitFor();
        await shot(page, 'sie-content');
      },
    );

    // The hosted sign-in page, in a fresh context.
    const context = await stack.browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      assert.ok(
        await eventually(
          async () => {
            await page.goto(authorizeUrl());
            return (await page.getByRole('button', { name: 'Continue with GitHub' }).count()) === 1;
          },
          { timeoutMs: 5000 },
        ),
        'the sign-in page shows Continue with GitHub',
      );
      assert.equal(await page.getByText('Create account').count(), 0);
    } finally {
      await context.close();
    }
  },
);

test(
  'Japanese: サインアップとサインイン, 該当なし, ソーシャルサインイン',
  { timeout: TEST_TIMEOUT },
  async () => {
    await withConsole(
      stack,
      { lang: 'ja', path: '/sign-in-experience/sign-up-and-sign-in', heading: 'サインイン体験' },
      async (page) => {
        await page.getByRole('link', { name: 'サインアップとサインイン' }).waitFor();
        await page.getByRole('heading', { name: 'ソーシャルサインイン' }).waitFor();
        const select = page.getByLabel('サインアップ識別子');
        await select.selectOption({ label: '該当なし' });
        assert.equal(await select.locator('option:checked').innerText(), '該当なし');
        await page.getByRole('link', { name: 'ブランディング' }).waitFor();
        await page.getByRole('link', { name: 'コンテンツ', exact: true }).waitFor();
        await shot(page, 'sie-sign-up-and-sign-in-ja');
      },
    );
  },
);
