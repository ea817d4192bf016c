// The console's Enterprise SSO pages in a real browser (issue 19 item 4): "Enterprise SSO" in
// the navigation, "Add enterprise connector" with the provider cards, an OIDC connector created
// from its card, its Connection tab (a bad issuer shown under Issuer by the API's error code, then
// the credentials saved; the setup guide's redirect URI), its SSO Experience tab (a public mail
// domain refused under the domains, then acme.com saved), the list with name, type and domain, a
// taken name refused in the create dialog, Delete after a confirmation; a SAML connector's tabs
// (IdP-initiated SSO only for SAML), and the pages in Japanese. The IdP's discovery document
// comes from a small loopback server the test runs.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';
import { waitUntil } from './support/wait.mjs';

const TIMEOUT = 90000;
let stack;
let api;
let idp; // the fake IdP: { server, issuer }

async function made(method, path, body, status = 200) {
  const res = await api(method, path, body);
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// An OpenID provider that publishes its discovery document (all a connector's save reads) and
// whose sign-in page refuses everyone (what "Test connection" then reports).
function startDiscovery() {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      const issuer = `http://127.0.0.1:${server.address().port}`;
      const url = new URL(req.url, issuer);
      if (url.pathname === '/authorize') {
        const back = new URL(url.searchParams.get('redirect_uri'));
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'Nobody may sign in here');
        back.searchParams.set('state', url.searchParams.get('state'));
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      if (req.url !== '/.well-known/openid-configuration') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, issuer: `http://127.0.0.1:${server.address().port}` }),
    );
  });
}

before(async () => {
  idp = await startDiscovery();
  stack = await startConsoleStack({ env: { LATCH_CONNECTOR_TIMEOUT_MS: '3000' } });
  api = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
  idp?.server.close();
});

const rowOf = (page, text) => page.locator('table.table tbody tr', { hasText: text });

test(
  'Enterprise SSO: add an OIDC connector from its card, configure it, set its domains, list it, delete it',
  { timeout: TIMEOUT },
  async () => {
    const start = { path: '/enterprise-sso', heading: 'Enterprise SSO' };
    await withConsole(stack, start, async (page) => {
      const nav = page.getByRole('navigation', { name: 'Console' });
      assert.equal(
        await nav.getByRole('link', { name: 'Enterprise SSO' }).getAttribute('aria-current'),
        'page',
      );

      // The empty list offers "Add enterprise connector": every provider as a card.
      await page.getByRole('heading', { name: 'Enterprise connector' }).waitFor();
      await page.getByRole('button', { name: 'Add enterprise connector' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add enterprise connector' });
      await dialog.locator('input[data-provider="OIDC"]').waitFor();
      const offered = await dialog
        .locator('input[data-provider]')
        .evaluateAll((inputs) => inputs.map((i) => i.value).sort());
      assert.deepEqual(offered, [
        'AzureAD',
        'AzureAdOidc',
        'GoogleWorkspace',
        'OIDC',
        'Okta',
        'SAML',
      ]);
      // A name without a provider is refused in the dialog.
      await dialog.getByLabel('Connector name').fill('Acme');
      await dialog.getByRole('button', { name: 'Create connector' }).click();
      await dialog.getByText('Choose an identity provider first.').waitFor();
      await dialog.locator('label', { has: page.locator('input[data-provider="OIDC"]') }).click();
      await dialog.getByRole('button', { name: 'Create connector' }).click();
      await toastText(page, 'The enterprise connector Acme has been created.');

      // Its page, on the Connection tab; the setup guide gives the redirect URI.
      await page.getByRole('heading', { level: 1, name: 'Acme' }).waitFor();
      const id = await page.getByTestId('sso-id').innerText();
      assert.match(page.url(), new RegExp(`/console/enterprise-sso/${id}$`));
      const redirect = await page.getByTestId('sso-redirect-uri').inputValue();
      assert.equal(redirect, `${stack.server.endpoint}/callback/sso/${id}`);
      const tabNames = await page
        .getByRole('navigation', { name: 'Enterprise SSO connector sections' })
        .getByRole('link')
        .allInnerTexts();
      assert.deepEqual(tabNames, ['Connection', 'SSO Experience']);

      // Required fields first, then an issuer Latch cannot read: the API's
      // connector.invalid_config shows under Issuer.
      await page.getByRole('button', { name: 'Save changes' }).click();
      assert.equal(
        await page.getByLabel('Client ID', { exact: true }).getAttribute('aria-invalid'),
        'true',
      );
      await page.getByLabel('Client ID', { exact: true }).fill('acme-client');
      await page.getByLabel('Client secret', { exact: true }).fill('acme-secret');
      await page.getByLabel('Issuer', { exact: true }).fill('http://127.0.0.1:1/nowhere');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await waitUntil(page, () =>
        document.querySelector('input[name=issuer]')?.getAttribute('aria-invalid'),
      );
      assert.equal((await made('GET', `/sso-connectors/${id}`)).config.issuer, undefined);

      await page.getByLabel('Issuer', { exact: true }).fill(idp.issuer);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await toastText(page, 'Saved');
      await page.getByTestId('sso-oidc-preview').waitFor();
      const saved = await made('GET', `/sso-connectors/${id}`);
      assert.equal(saved.config.clientId, 'acme-client');
      assert.equal(saved.config.clientSecret, 'acme-secret');
      assert.equal(saved.config.issuer, idp.issuer);
      assert.equal(saved.providerConfig.tokenEndpoint, `${idp.issuer}/token`);
      assert.match(await page.getByTestId('sso-oidc-preview').innerText(), /\/token/);
      await shot(page, 'sso-connection');

      // Test connection: a link to the saved configuration's sign-in at the IdP, which here
      // refuses; the test page says so, and nobody is created.
      await page.getByRole('button', { name: 'Test connection' }).click();
      const testLink = page.getByTestId('sso-test-link');
      await testLink.waitFor();
      assert.match(
        await testLink.getAttribute('href'),
        new RegExp(`^${stack.server.endpoint}/sso/test/`),
      );
      const [testPage] = await Promise.all([page.context().waitForEvent('page'), testLink.click()]);
      await testPage.getByRole('heading', { name: 'Test connection' }).waitFor();
      assert.ok(testPage.url().startsWith(`${stack.server.endpoint}/callback/sso/${id}?`));
      await testPage.getByText('The test failed:').waitFor();
      await testPage.getByText('no account was created or changed').waitFor();
      // The technical detail carries what the IdP said.
      await testPage.getByText(/access_denied.*Nobody may sign in here/).waitFor();
      await shot(testPage, 'sso-test-result');
      await testPage.close();
      // Only the operator signed in to the console: the test created nobody.
      const users = await made('GET', '/users');
      assert.deepEqual(
        users.map((u) => u.username),
        ['operator'],
      );

      // SSO Experience: a public mail domain is refused under the domains; acme.com is kept.
      await page.getByRole('link', { name: 'SSO Experience' }).click();
      await page.getByRole('group', { name: 'Enterprise email domains' }).waitFor();
      await page.getByLabel('Email domain 1', { exact: true }).fill('gmail.com');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await waitUntil(page, () =>
        document.querySelector('.list-field input')?.getAttribute('aria-invalid'),
      );
      await page.getByLabel('Email domain 1', { exact: true }).fill('acme.com');
      await page.getByLabel('Display name').fill('Acme Corp');
      await page.getByLabel('Always sync at each sign-in').check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await toastText(page, 'Saved');
      const experience = await made('GET', `/sso-connectors/${id}`);
      assert.deepEqual(experience.domains, ['acme.com']);
      assert.equal(experience.branding.displayName, 'Acme Corp');
      assert.equal(experience.syncProfile, true);
      await shot(page, 'sso-experience');

      // The list: name, provider, domain. A taken name is refused under the name field.
      await page.getByRole('link', { name: 'Back to enterprise SSO' }).click();
      const row = rowOf(page, 'Acme');
      await row.waitFor();
      assert.match(await row.innerText(), /OIDC[\s\S]*acme\.com/);
      await page.getByRole('button', { name: 'Add enterprise connector' }).click();
      const again = page.getByRole('dialog', { name: 'Add enterprise connector' });
      await again.locator('label', { has: page.locator('input[data-provider="Okta"]') }).click();
      await again.getByLabel('Connector name').fill('Acme');
      await again.getByRole('button', { name: 'Create connector' }).click();
      await waitUntil(page, () =>
        document
          .querySelector('[role=dialog] input[name=connectorName]')
          ?.getAttribute('aria-invalid'),
      );
      await again.getByRole('button', { name: 'Cancel' }).click();
      await shot(page, 'sso-list');

      // Delete, after the confirmation.
      await row.getByRole('link', { name: 'Acme' }).click();
      await page.getByRole('heading', { level: 1, name: 'Acme' }).waitFor();
      await page.getByRole('button', { name: 'Delete' }).click();
      await page
        .getByRole('dialog', { name: 'Delete enterprise SSO connector' })
        .getByRole('button', { name: 'Delete' })
        .click();
      await toastText(page, 'Enterprise SSO connector Acme has been deleted.');
      await page.getByRole('heading', { name: 'Enterprise connector' }).waitFor();
      assert.equal((await api('GET', `/sso-connectors/${id}`)).status, 404);
    });
  },
);

test(
  'A SAML connector: metadata formats, attribute mapping, the IdP-initiated SSO tab',
  { timeout: TIMEOUT },
  async () => {
    const portal = await made('POST', '/applications', {
      name: 'Globex portal',
      type: 'Traditional',
      oidcClientMetadata: {
        redirectUris: ['https://portal.globex.test/callback'],
        postLogoutRedirectUris: [],
      },
    });
    const saml = await made('POST', '/sso-connectors', {
      providerName: 'SAML',
      connectorName: 'Globex SAML',
    });
    const start = { path: `/enterprise-sso/${saml.id}`, heading: 'Globex SAML' };
    await withConsole(stack, start, async (page) => {
      const tabNames = await page
        .getByRole('navigation', { name: 'Enterprise SSO connector sections' })
        .getByRole('link')
        .allInnerTexts();
      assert.deepEqual(tabNames, ['Connection', 'SSO Experience', 'IdP-initiated SSO']);
      // The three ways to give the IdP's metadata; the URL first.
      await page.getByLabel('Metadata URL', { exact: true }).waitFor();
      await page.getByLabel('Enter metadata details manually').check();
      await page.getByLabel('Sign on URL').waitFor();
      await page.getByLabel('IdP entity ID (Issuer)').waitFor();
      await page.getByLabel('Signing certificate', { exact: true }).waitFor();
      await page.getByLabel('Upload the metadata XML file').check();
      await page.getByLabel('IdP metadata XML').waitFor();
      await page.getByRole('table', { name: 'Attribute mappings' }).waitFor();
      // The setup guide: what the IdP needs, as GET /api/sso-connectors/:id gives it.
      const sp = (await made('GET', `/sso-connectors/${saml.id}`)).providerConfig.serviceProvider;
      assert.equal(
        await page.getByTestId('sso-acs-url').inputValue(),
        sp.assertionConsumerServiceUrl,
      );
      assert.equal(await page.getByTestId('sso-sp-entity-id').inputValue(), sp.entityId);
      assert.equal(await page.getByTestId('sso-sp-metadata-url').inputValue(), sp.metadataUrl);
      assert.match(sp.metadataUrl, new RegExp(`/api/sso-connectors/${saml.id}/metadata$`));
      await shot(page, 'sso-saml-connection');
      // Changing the format made the form dirty: leaving asks first.
      await page.getByRole('link', { name: 'IdP-initiated SSO' }).click();
      await page
        .getByRole('dialog', { name: 'Leave this page?' })
        .getByRole('button', { name: 'Leave' })
        .click();
      const route = `/sso-connectors/${saml.id}/idp-initiated-auth-config`;
      // Off by default; enabled with the default application and its client callback URI.
      await page.getByRole('heading', { name: 'IdP-initiated SSO', level: 2 }).waitFor();
      await page.getByLabel('Enable IdP-initiated SSO').check();
      await page.getByLabel('Default application').selectOption({ value: portal.id });
      await page.getByLabel('Client callback URI').fill('https://portal.globex.test/sso/callback');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await toastText(page, 'Saved');
      const config = await made('GET', route);
      assert.equal(config.defaultApplicationId, portal.id);
      assert.equal(config.autoSendAuthorizationRequest, false);
      assert.equal(
        config.clientIdpInitiatedAuthCallbackUri,
        'https://portal.globex.test/sso/callback',
      );
      await shot(page, 'sso-idp-initiated');
    });
  },
);

test('Enterprise SSO in Japanese', { timeout: TIMEOUT }, async () => {
  const start = { path: '/enterprise-sso', heading: 'エンタープライズSSO', lang: 'ja' };
  await withConsole(stack, start, async (page) => {
    const nav = page.getByRole('navigation', { name: 'コンソール' });
    await nav.getByRole('link', { name: 'エンタープライズSSO' }).waitFor();
    await rowOf(page, 'Globex SAML').waitFor();
    await page.getByRole('button', { name: 'エンタープライズコネクターを追加' }).click();
    const dialog = page.getByRole('dialog', { name: 'エンタープライズコネクターを追加' });
    await dialog.locator('input[data-provider="SAML"]').waitFor();
    await dialog
      .getByText('Web ブラウザのシングルサインオンのための XML ベースのオープン標準。')
      .waitFor();
    await shot(page, 'sso-create-ja');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await rowOf(page, 'Globex SAML').getByRole('link').click();
    await page.getByRole('link', { name: 'SSO体験' }).click();
    await page.getByRole('group', { name: '企業メールドメイン' }).waitFor();
    await shot(page, 'sso-experience-ja');
  });
});
