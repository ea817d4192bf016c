// The console's SAML applications in a real browser (issue 19 item 4): "Create application" →
// the SAML card → name and description (POST /api/saml-applications), the app's page: Settings
// (SP entity ID, ACS URL and binding, NameID format), the IdP metadata (metadata URL that
// answers with XML, SSO service URL, IdP entity ID), the signing certificates (created,
// activated, the inactive one deleted, downloaded as .pem), Attribute mappings, Delete; and the
// page in Japanese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  managementApi,
  shot,
  startConsoleStack,
  toastText,
  withConsole,
} from './support/console.mjs';

const TIMEOUT = 90000;
let stack;
let api;
const ids = {};

async function made(method, path, body, status = 200) {
  const res = await api(method, path, body);
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

before(async () => {
  stack = await startConsoleStack();
  api = await managementApi(stack);
});

after(async () => {
  await stack?.stop();
});

const rowOf = (scope, text) => scope.locator('table.table tbody tr', { hasText: text });

test('Create a SAML application from its card and set it up', { timeout: TIMEOUT }, async () => {
  const start = { path: '/applications', heading: 'Applications' };
  await withConsole(stack, start, async (page) => {
    await page.getByRole('button', { name: 'Create application' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create application' });
    await dialog.locator('[data-framework="saml"]').click();
    await dialog.getByLabel('Application name').fill('Acme SP');
    await dialog.getByLabel('Description').fill('The Acme portal');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await toastText(page, /Acme SP/);
    await page.getByRole('heading', { level: 1, name: 'Acme SP' }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    ids.app = id;
    const created = await made('GET', `/saml-applications/${id}`);
    assert.equal(created.name, 'Acme SP');
    assert.equal(created.description, 'The Acme portal');
    const sections = page.getByRole('navigation', { name: 'SAML application sections' });
    assert.deepEqual(await sections.getByRole('link').allInnerTexts(), [
      'Settings',
      'Attribute mappings',
    ]);

    // The IdP metadata the service provider is given; the metadata URL answers with XML.
    const base = stack.server.endpoint;
    const metadataUrl = await page.getByTestId('saml-metadata-url').inputValue();
    assert.equal(metadataUrl, `${base}/api/saml-applications/${id}/metadata`);
    assert.equal(
      await page.getByTestId('saml-sso-url').inputValue(),
      `${base}/api/saml/${id}/authn`,
    );
    assert.equal(await page.getByTestId('saml-idp-entity-id').inputValue(), `${base}/saml/${id}`);
    const metadata = await fetch(`${stack.server.baseUrl}/api/saml-applications/${id}/metadata`);
    assert.equal(metadata.status, 200);
    assert.match(await metadata.text(), /EntityDescriptor/);

    // Settings: SP entity ID, ACS URL and binding, NameID format.
    await page.getByLabel('Service Provider (SP) Entity ID').fill('urn:acme:sp');
    await page
      .getByLabel('Assertion consumer service URL (Reply URL)')
      .fill('https://sp.acme.test/acs');
    await page.getByLabel('ACS binding').selectOption({ label: 'HTTP-POST' });
    await page.getByLabel(/^Email address/).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toastText(page, 'Saved');
    const saved = await made('GET', `/saml-applications/${id}`);
    assert.equal(saved.entityId, 'urn:acme:sp');
    assert.deepEqual(saved.acsUrl, {
      url: 'https://sp.acme.test/acs',
      binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
    });
    assert.equal(saved.nameIdFormat, 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');

    // Signing certificates: the one made with the app, a new one, activated, the old deleted.
    const certs = page.locator('section.card', { hasText: 'SAML signing certificate' });
    await rowOf(certs, 'Active').waitFor();
    const [first] = await made('GET', `/saml-applications/${id}/secrets`);
    const download = page.waitForEvent('download');
    await certs
      .getByRole('button', { name: /^Download the certificate/ })
      .first()
      .click();
    assert.match((await download).suggestedFilename(), /\.pem$/);
    await certs.getByRole('button', { name: 'Create new secret' }).click();
    await toastText(page, 'A new signing secret has been created.');
    await certs.getByRole('button', { name: /^Activate the certificate/ }).click();
    await toastText(page, 'The secret has been successfully activated.');
    const firstPrint = first.fingerprints.sha256.formatted;
    await certs.getByRole('button', { name: `Delete the certificate ${firstPrint}` }).click();
    await page
      .getByRole('dialog', { name: 'Delete secret' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await toastText(page, 'The secret has been successfully deleted.');
    const secrets = await made('GET', `/saml-applications/${id}/secrets`);
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0].active, true);
    assert.notEqual(secrets[0].id, first.id);
    await shot(page, 'saml-app-settings');

    // Attribute mappings: email → mail, name → displayName.
    await sections.getByRole('link', { name: 'Attribute mappings' }).click();
    await page.getByLabel('Claim 1').selectOption('email');
    await page.getByLabel('Attribute name 1').fill('mail');
    await page.getByRole('button', { name: '+ Add another' }).click();
    await page.getByLabel('Claim 2').selectOption('name');
    await page.getByLabel('Attribute name 2').fill('displayName');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toastText(page, 'Saved');
    const mapped = await made('GET', `/saml-applications/${id}`);
    assert.deepEqual(mapped.attributeMapping, { email: 'mail', name: 'displayName' });
    await shot(page, 'saml-app-attributes');

    // The list shows it as a SAML app.
    await page.getByRole('link', { name: '← Applications' }).click();
    assert.match(await rowOf(page, 'Acme SP').innerText(), /SAML/);
  });
});

test('The SAML application page in Japanese, then Delete', { timeout: TIMEOUT }, async () => {
  const app = await made('POST', '/saml-applications', { name: 'Globex SP' }, 201);
  const ja = { path: `/applications/${app.id}`, heading: 'Globex SP', lang: 'ja' };
  await withConsole(stack, ja, async (page) => {
    await page.getByRole('heading', { name: 'SAML IdP メタデータ' }).waitFor();
    await page.getByRole('heading', { name: 'SAML 署名証明書' }).waitFor();
    await shot(page, 'saml-app-ja');
  });
  await withConsole(
    stack,
    { path: `/applications/${app.id}`, heading: 'Globex SP' },
    async (page) => {
      await page.getByRole('button', { name: 'Delete', exact: true }).first().click();
      await page
        .getByRole('dialog', { name: 'Delete application' })
        .getByRole('button', { name: 'Delete' })
        .click();
      await toastText(page, 'The application Globex SP has been deleted.');
      await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
      assert.equal((await api('GET', `/saml-applications/${app.id}`)).status, 404);
    },
  );
});
