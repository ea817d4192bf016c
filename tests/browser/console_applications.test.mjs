// The console's Applications pages in a browser against a real Latch: the list, the Create
// application modal (filters, search, validation), the congratulation page with the Flask guide
// (values and redirect URIs saved through it), the details page (App Secret, rotation,
// deletion), the built-in console app, and the Japanese strings.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { managementApi, shot, startConsoleStack, withConsole } from './support/console.mjs';
import { waitUntil } from './support/wait.mjs';

let stack;

// The management API, to check what the console did. Its machine-to-machine app is created on
// first use, so the first test sees a Latch without applications of its own.
let management;
async function ensureManagement() {
  management ??= await managementApi(stack);
}
async function api(method, path, body) {
  await ensureManagement();
  return management(method, path, body);
}

async function allApps() {
  const { status, body } = await api('GET', '/applications?page_size=100');
  assert.equal(status, 200);
  return body;
}

// Waits for a toast with exactly `text` (earlier toasts may still be showing).
function expectToast(page, text) {
  return page
    .locator('.toast', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .waitFor();
}

before(async () => {
  stack = await startConsoleStack();
});

after(async () => {
  await stack?.stop();
});

test('without applications: the empty state explains them and offers Create', async () => {
  await withConsole(stack, { path: '/applications', heading: 'Applications' }, async (page) => {
    await page.getByRole('heading', { level: 2, name: 'No applications yet' }).waitFor();
    await page.locator('tbody tr', { hasText: 'latch-console' }).getByText('Built-in').waitFor();
    await shot(page, 'applications-empty');
    await page.locator('.empty-state').getByRole('button', { name: 'Create application' }).click();
    await page.getByRole('dialog', { name: 'Create application' }).waitFor();
  });
});

test('create Bookstore (Flask) from the modal, follow the guide, manage and delete it', async () => {
  await ensureManagement();
  await withConsole(stack, { path: '/applications', heading: 'Applications' }, async (page) => {
    // The list: the built-in console app, marked, with the test's m2m app.
    const consoleRow = page.locator('tbody tr', { hasText: 'latch-console' });
    await consoleRow.waitFor();
    await consoleRow.getByText('Built-in').waitFor();
    await page.getByRole('link', { name: 'Test script' }).waitFor();
    await shot(page, 'applications-list');

    // The modal: search, filters, validation.
    await page.getByRole('button', { name: 'Create application' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create application' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^Flask/ }).waitFor();
    await shot(page, 'create-modal');
    const search = dialog.getByRole('searchbox', { name: 'Search frameworks' });
    await search.fill('vue');
    await dialog.getByRole('button', { name: /^Vue/ }).waitFor();
    assert.equal(await dialog.locator('.framework-card').count(), 1, 'only Vue matches "vue"');
    await search.fill('');
    await dialog.getByRole('checkbox', { name: 'Traditional web' }).check();
    await dialog.getByRole('button', { name: /^Flask/ }).waitFor();
    assert.equal(
      await dialog.getByRole('button', { name: /^React/ }).count(),
      0,
      'React is filtered out',
    );
    const types = await dialog
      .locator('.framework-section')
      .evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')));
    assert.deepEqual(types, ['Traditional web']);
    await shot(page, 'create-traditional-filter');
    await dialog.getByRole('button', { name: /^Flask/ }).click();
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog.getByLabel('Application name').fill('Bookstore');
    await shot(page, 'create-name');
    await dialog.getByRole('button', { name: 'Create application' }).click();

    // The congratulation page.
    await page
      .getByRole('heading', {
        level: 1,
        name: /Congratulations! Your application “Bookstore” has been created/,
      })
      .waitFor();
    const created = (await allApps()).find((a) => a.name === 'Bookstore');
    assert.ok(created, 'the API lists Bookstore');
    assert.equal(created.type, 'Traditional');
    // As in Logto, the app carries no secret: its secrets are listed apart.
    const defaultSecret = async () => {
      const { body: secrets } = await api('GET', `/applications/${created.id}/secrets`);
      return { secret: secrets.find((s) => s.name === 'Default secret')?.value };
    };
    const full = await defaultSecret();
    assert.ok(full.secret, 'a Traditional app has a secret');
    assert.match(page.url(), new RegExp(`/console/applications/${created.id}/guide/flask$`));
    const shownId = await page.getByTestId('guide-app-id').inputValue();
    const shownSecret = await page.getByTestId('guide-app-secret').inputValue();
    const shownEndpoint = await page.getByTestId('guide-endpoint').inputValue();
    assert.equal(shownId, created.id);
    assert.equal(shownSecret, full.secret);
    assert.equal(shownEndpoint, stack.server.endpoint);
    assert.equal(
      await page.getByTestId('guide-app-secret').getAttribute('type'),
      'password',
      'the secret is masked',
    );
    const clientCode = await page
      .locator('.code-block', { hasText: 'client.py' })
      .locator('pre code')
      .first()
      .innerText();
    assert.ok(clientCode.includes(`appId="${created.id}"`), clientCode);
    assert.ok(clientCode.includes(`appSecret="${full.secret}"`), clientCode);
    assert.ok(clientCode.includes(`endpoint="${stack.server.endpoint}"`), clientCode);

    // Redirect URIs through the guide: a bad one is refused with the API's message (under its
    // field once the API names the field: web/console/lib/field_errors.js), a good one saved.
    const redirect = page.getByLabel('Redirect URI', { exact: true });
    assert.equal(await redirect.inputValue(), 'http://localhost:3000/callback');
    await redirect.fill('not a uri');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const guideError = ':is(.field-error, .form-error)';
    await page.locator(`.redirect-form ${guideError}`, { hasText: 'absolute URI' }).waitFor();
    await redirect.fill('http://localhost:3000/callback');
    await page
      .getByLabel('Post sign-out redirect URI', { exact: true })
      .fill('http://localhost:3000/');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectToast(page, 'Redirect URIs saved');
    const { body: saved } = await api('GET', `/applications/${created.id}`);
    assert.deepEqual(saved.oidcClientMetadata.redirectUris, ['http://localhost:3000/callback']);
    assert.deepEqual(saved.oidcClientMetadata.postLogoutRedirectUris, ['http://localhost:3000/']);
    await page.getByLabel('Redirect URI', { exact: true }).fill('http://localhost:5000/auth/done');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .locator('.code-block', { hasText: 'app.py' })
      .first()
      .getByText('@app.route("/auth/done")')
      .waitFor();
    const { body: moved } = await api('GET', `/applications/${created.id}`);
    assert.deepEqual(moved.oidcClientMetadata.redirectUris, ['http://localhost:5000/auth/done']);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'guide-flask');

    // Details: the App Secret and the endpoints, rotation, settings.
    await page.getByRole('button', { name: 'Finish and done' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Bookstore' }).waitFor();
    assert.equal(await page.getByTestId('app-secret').inputValue(), full.secret);
    assert.equal(
      await page.getByLabel('App Secret', { exact: true }).getAttribute('type'),
      'password',
    );
    await page.getByRole('button', { name: 'Show: App Secret' }).click();
    assert.equal(await page.getByLabel('App Secret', { exact: true }).getAttribute('type'), 'text');
    assert.equal(await page.getByTestId('app-id').inputValue(), created.id);
    await page.getByText('Show endpoint details').click();
    assert.equal(
      await page.getByLabel('OpenID Provider configuration endpoint', { exact: true }).inputValue(),
      `${stack.server.endpoint}/oidc/.well-known/openid-configuration`,
    );
    const discovery = await (
      await fetch(`${stack.server.baseUrl}/oidc/.well-known/openid-configuration`)
    ).json();
    assert.equal(await page.getByLabel('Issuer', { exact: true }).inputValue(), discovery.issuer);
    assert.equal(
      await page.getByLabel('Authorization endpoint', { exact: true }).inputValue(),
      discovery.authorization_endpoint,
    );
    assert.equal(
      await page.getByLabel('Token endpoint', { exact: true }).inputValue(),
      discovery.token_endpoint,
    );
    assert.equal(
      await page.getByLabel('Userinfo endpoint', { exact: true }).inputValue(),
      discovery.userinfo_endpoint,
    );
    assert.equal(
      await page.getByLabel('JWKS URI', { exact: true }).inputValue(),
      discovery.jwks_uri,
    );
    assert.equal(
      await page.getByLabel('End session endpoint', { exact: true }).inputValue(),
      discovery.end_session_endpoint,
    );
    assert.equal(
      await page.getByLabel('Redirect URI 1', { exact: true }).inputValue(),
      'http://localhost:5000/auth/done',
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'app-details');

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the App Secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    await expectToast(page, 'New App Secret generated');
    const rotated = await defaultSecret();
    assert.notEqual(rotated.secret, full.secret);
    await waitUntil(
      page,
      (secret) => document.querySelector('[data-testid="app-secret"]')?.value === secret,
      rotated.secret,
    );

    // Settings: a description, another redirect URI (a bad one first), third party, and
    // "Require pushed authorization requests" (RFC 9126 §6).
    await page.getByLabel('Description').fill('Sells books');
    await page.getByRole('button', { name: 'Add another' }).first().click();
    await page.getByLabel('Redirect URI 2', { exact: true }).fill('nope');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator(':is(.field-error, .form-error)', { hasText: "'nope'" }).waitFor();
    await page.getByLabel('Redirect URI 2', { exact: true }).fill('https://books.example/callback');
    await page.getByLabel('Third-party app: users see a consent page').check();
    await page.getByLabel('Require pushed authorization requests').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectToast(page, 'Saved “Bookstore”');
    const { body: edited } = await api('GET', `/applications/${created.id}`);
    assert.equal(edited.description, 'Sells books');
    assert.equal(edited.isThirdParty, true);
    assert.equal(edited.oidcClientMetadata.requirePushedAuthorizationRequests, true);
    assert.deepEqual(edited.oidcClientMetadata.redirectUris, [
      'http://localhost:5000/auth/done',
      'https://books.example/callback',
    ]);

    // Back in the list, the description shows under the name; the integration guide is remembered.
    await page.getByRole('link', { name: '← Applications' }).click();
    await page.locator('tbody tr', { hasText: 'Bookstore' }).getByText('Sells books').waitFor();
    await page.getByRole('link', { name: 'Bookstore' }).click();
    await page.getByRole('link', { name: 'Integration guide: Flask' }).waitFor();

    // Delete, typing the name.
    await page.getByRole('button', { name: 'Delete application' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Bookstore”?' });
    const confirmButton = confirm.getByRole('button', { name: 'Delete', exact: true });
    assert.equal(await confirmButton.isDisabled(), true);
    await confirm.getByLabel('Application name').fill('Bookstore');
    await confirmButton.click();
    await expectToast(page, 'Application “Bookstore” deleted');
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    await page.getByRole('link', { name: 'Test script' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Bookstore' }).count(), 0);
    assert.equal(
      (await allApps()).some((a) => a.id === created.id),
      false,
    );

    // The built-in console app: read-only, no delete, no rotate.
    await page.locator('tbody').getByRole('link', { name: 'Latch Console' }).click();
    await page.getByRole('heading', { level: 1, name: 'Latch Console' }).waitFor();
    await page.getByText('Latch manages this application').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete application' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Rotate secret' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0);
    await shot(page, 'app-details-builtin');

    // A machine-to-machine app: a secret, no redirect URIs; its guide is the m2m one.
    await page.getByRole('link', { name: '← Applications' }).click();
    await page.getByRole('link', { name: 'Test script' }).click();
    await page.getByRole('heading', { level: 1, name: 'Test script' }).waitFor();
    await page.getByTestId('app-secret').waitFor();
    assert.equal(await page.getByText('Redirect URIs', { exact: true }).count(), 0);
    assert.equal(await page.getByTestId('require-par').count(), 0);
    await page.getByLabel('CORS allowed origin 1', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Integration guide: Machine-to-machine' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: /Machine-to-machine integration guide for “Test script”/,
      })
      .waitFor();
  });
});

test('/console/applications/create opens the modal with the type preselected', async () => {
  await withConsole(
    stack,
    { path: '/applications/create?type=SPA', heading: 'Applications' },
    async (page) => {
      const dialog = page.getByRole('dialog', { name: 'Create application' });
      await dialog.waitFor();
      assert.equal(
        await dialog.getByRole('checkbox', { name: 'Single page app' }).isChecked(),
        true,
      );
      await dialog.getByRole('button', { name: /^React/ }).waitFor();
      assert.equal(await dialog.getByRole('button', { name: /^Flask/ }).count(), 0);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(new URL(page.url()).pathname, '/console/applications');
    },
  );
});

test('Japanese: the list and the modal', async () => {
  await withConsole(
    stack,
    { lang: 'ja', path: '/applications', heading: 'アプリケーション' },
    async (page) => {
      await page.getByRole('columnheader', { name: 'アプリ ID' }).waitFor();
      await page.locator('tbody tr', { hasText: 'latch-console' }).getByText('組み込み').waitFor();
      await shot(page, 'applications-list-ja');
      await page.getByRole('button', { name: 'アプリケーションを作成' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'アプリケーションを作成' });
      await dialog.waitFor();
      await dialog.getByText('タイプで絞り込む').waitFor();
      await dialog.getByRole('checkbox', { name: /Traditional web/ }).waitFor();
      await shot(page, 'create-modal-ja');
      await page.keyboard.press('Escape');
      await page.locator('tbody').getByRole('link', { name: 'Test script' }).click();
      await page.getByRole('heading', { level: 2, name: 'エンドポイントと認証情報' }).waitFor();
      await page.getByLabel('アプリシークレット', { exact: true }).waitFor();
      await shot(page, 'app-details-ja');
      await page
        .getByRole('link', { name: /統合ガイド/ })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: /統合ガイド/ }).waitFor();
      await shot(page, 'guide-ja');
    },
  );
});

test('client authentication: private_key_jwt with a JWKS URI or a JWK Set, then back', async () => {
  const created = await api('POST', '/applications', { name: 'Key Worker', type: 'Traditional' });
  assert.equal(created.status, 200);
  const { id } = created.body;
  await withConsole(stack, { path: `/applications/${id}`, heading: 'Key Worker' }, async (page) => {
    const form = page.getByTestId('client-auth');
    await form.waitFor();
    const method = form.getByTestId('auth-method');
    assert.equal(await method.getByRole('radio', { name: /^App secret \(/ }).isChecked(), true);
    assert.equal(await form.getByLabel('The app’s JWKS URI', { exact: true }).isVisible(), false);

    await method.getByRole('radio', { name: /private key/ }).check();
    await form
      .getByLabel('The app’s JWKS URI', { exact: true })
      .fill('https://worker.example.com/jwks.json');
    await form.getByRole('button', { name: 'Save authentication method' }).click();
    await expectToast(page, 'Saved “Key Worker”');
    let { body } = await api('GET', `/applications/${id}`);
    assert.equal(body.oidcClientMetadata.tokenEndpointAuthMethod, 'private_key_jwt');
    assert.equal(body.oidcClientMetadata.jwksUri, 'https://worker.example.com/jwks.json');

    // A JWK Set instead: not JSON is refused in the form; a set without keys by the API.
    await form
      .getByTestId('key-source')
      .getByRole('radio', { name: /JWK Set/ })
      .check();
    const set = form.getByLabel('The app’s JWK Set', { exact: true });
    await set.fill('{"keys": [');
    await form.getByRole('button', { name: 'Save authentication method' }).click();
    await form.getByText('This is not valid JSON.').waitFor();
    await set.fill('{"kid": "k1"}');
    await form.getByRole('button', { name: 'Save authentication method' }).click();
    await form.locator('.field-error:not([hidden])').waitFor();
    await shot(page, 'app-client-auth-error');
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      kid: 'k1',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    };
    await set.fill(JSON.stringify({ keys: [jwk] }));
    await form.getByRole('button', { name: 'Save authentication method' }).click();
    await expectToast(page, 'Saved “Key Worker”');
    ({ body } = await api('GET', `/applications/${id}`));
    assert.deepEqual(body.oidcClientMetadata.jwks, { keys: [jwk] });
    assert.equal(body.oidcClientMetadata.jwksUri, undefined);

    // Back to the secret: the keys go.
    await method.getByRole('radio', { name: /^App secret \(/ }).check();
    await form.getByRole('button', { name: 'Save authentication method' }).click();
    await expectToast(page, 'Saved “Key Worker”');
    ({ body } = await api('GET', `/applications/${id}`));
    assert.equal(body.oidcClientMetadata.tokenEndpointAuthMethod, 'client_secret_basic');
    assert.equal(body.oidcClientMetadata.jwks, undefined);
  });
  // A public client has no such card.
  const spa = await api('POST', '/applications', { name: 'Key SPA', type: 'SPA' });
  await withConsole(
    stack,
    { path: `/applications/${spa.body.id}`, heading: 'Key SPA' },
    async (page) => {
      await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();
      assert.equal(await page.getByTestId('client-auth').count(), 0);
    },
  );
  await api('DELETE', `/applications/${id}`);
  await api('DELETE', `/applications/${spa.body.id}`);
});

test('back-channel logout: the URI and the sid switch are saved, a bad URI shows at its field', async () => {
  const created = await api('POST', '/applications', {
    name: 'Logout Listener',
    type: 'Traditional',
  });
  assert.equal(created.status, 200);
  const { id } = created.body;
  await withConsole(
    stack,
    { path: `/applications/${id}`, heading: 'Logout Listener' },
    async (page) => {
      const form = page.getByTestId('backchannel-logout');
      await form.waitFor();
      const uri = form.getByLabel('Backchannel logout URI', { exact: true });
      const sid = form.getByRole('checkbox', { name: 'Is session required?' });
      const save = form.getByRole('button', { name: 'Save backchannel logout' });
      assert.equal(await uri.inputValue(), '');
      assert.equal(await sid.isChecked(), false);

      await uri.fill('https://listener.example.com/logout#here');
      await save.click();
      await form.locator('.field-error:not([hidden])').waitFor();
      let { body } = await api('GET', `/applications/${id}`);
      assert.equal(body.oidcClientMetadata.backchannelLogoutUri, undefined);
      await shot(page, 'app-backchannel-error');

      await uri.fill('https://listener.example.com/logout');
      await sid.check();
      await save.click();
      await expectToast(page, 'Saved “Logout Listener”');
      ({ body } = await api('GET', `/applications/${id}`));
      assert.equal(
        body.oidcClientMetadata.backchannelLogoutUri,
        'https://listener.example.com/logout',
      );
      assert.equal(body.oidcClientMetadata.backchannelLogoutSessionRequired, true);

      // What was saved is what the page shows after a reload; clearing the URI removes it.
      await page.reload();
      await form.waitFor();
      assert.equal(await uri.inputValue(), 'https://listener.example.com/logout');
      assert.equal(await sid.isChecked(), true);
      await uri.fill('');
      await save.click();
      await expectToast(page, 'Saved “Logout Listener”');
      ({ body } = await api('GET', `/applications/${id}`));
      assert.equal(body.oidcClientMetadata.backchannelLogoutUri, undefined);
    },
  );
  await withConsole(
    stack,
    { path: `/applications/${id}`, heading: 'Logout Listener', lang: 'ja' },
    async (page) => {
      const form = page.getByTestId('backchannel-logout');
      await form.getByLabel('バックチャネルログアウト URI', { exact: true }).waitFor();
      await form.getByRole('button', { name: 'バックチャネルログアウトを保存' }).waitFor();
    },
  );
  await api('DELETE', `/applications/${id}`);
});
