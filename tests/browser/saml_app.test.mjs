// A SAML app in a real browser: a small SAML service provider page (a local server) sends the
// browser to Latch with an HTTP-Redirect AuthnRequest; the person signs in on the hosted page;
// Latch's answer page posts the signed Response to the SP's ACS by itself (its same-origin
// auto-submit script), and the SP shows who signed in. In English and Japanese; the second
// sign-in of a browser needs no page at all.
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { createUser } from '../interop/support/browser.mjs';
import { managementApi, expectStatus } from '../interop/support/management.mjs';
import { startServer } from '../interop/support/server.mjs';
import { launchBrowser, screenshot } from './support/browser.mjs';

const TEST_TIMEOUT = 30000;
const USER = { username: 'saml_bob', password: 'Tr0mbone-Quartz-41', email: 'bob@example.test' };
const ENTITY = 'https://wiki.example.test/saml';

let server;
let browser;
let sp;
let spOrigin;
let app;

const escapeHtml = (text) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

// SAML bindings §3.4.4.1: the request, raw-DEFLATEd, base64, URL-encoded.
function authnRequestUrl() {
  const id = `_${randomBytes(20).toString('hex')}`;
  const xml =
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
    'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ' +
    `ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}" ` +
    `AssertionConsumerServiceURL="${spOrigin}/acs">` +
    `<saml:Issuer>${ENTITY}</saml:Issuer></samlp:AuthnRequest>`;
  const query = new URLSearchParams({
    SAMLRequest: deflateRawSync(Buffer.from(xml)).toString('base64'),
    RelayState: '/wiki/start',
  });
  return `${server.endpoint}/api/saml/${app.id}/authn?${query}`;
}

// The SP: /login links to Latch; /acs shows the NameID of the Response it receives.
function startSp() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      if (req.url === '/login') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><body><a href="${escapeHtml(authnRequestUrl())}">Sign in with Latch</a>`);
        return;
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const xml = Buffer.from(form.get('SAMLResponse') ?? '', 'base64').toString();
        const nameId = /<saml:NameID[^>]*>([^<]*)<\/saml:NameID>/.exec(xml)?.[1] ?? 'nobody';
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          `<html><body><h1>Welcome ${escapeHtml(nameId)}</h1>` +
            `<p id="relay">${escapeHtml(form.get('RelayState') ?? '')}</p>` +
            `<p id="signed">${xml.includes('SignatureValue') ? 'signed' : 'unsigned'}</p>`,
        );
      });
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

before(async () => {
  server = await startServer();
  sp = await startSp();
  spOrigin = `http://127.0.0.1:${sp.address().port}`;
  const api = await managementApi(server);
  app = await expectStatus(api, 201, 'POST', '/saml-applications', {
    name: 'Team wiki',
    entityId: ENTITY,
    acsUrl: { binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', url: `${spOrigin}/acs` },
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  });
  await createUser(server, USER);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  sp?.close();
});

async function signInAtSp(locale, shots) {
  const context = await browser.newContext({ locale });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.goto(`${spOrigin}/login`);
  await page.getByRole('link', { name: 'Sign in with Latch' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${server.endpoint}/sign-in`));
  assert.equal(await page.locator('html').getAttribute('lang'), locale.slice(0, 2));
  await screenshot(page, `${shots}-sign-in`);
  await page.locator('#f-identifier').fill(USER.username);
  await page.locator('#f-password').fill(USER.password);
  await page.locator('button[value=password]').click();
  await page.waitForURL(`${spOrigin}/acs`);
  await screenshot(page, `${shots}-sp`);
  assert.equal(await page.locator('h1').textContent(), `Welcome ${USER.email}`);
  assert.equal(await page.locator('#relay').textContent(), '/wiki/start');
  assert.equal(await page.locator('#signed').textContent(), 'signed');
  return { context, page };
}

test('a SAML SP signs in through the hosted page', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await signInAtSp('en-US', 'saml-app-en');
  // Signed in at Latch now: the next AuthnRequest goes straight back to the ACS.
  await page.goto(`${spOrigin}/login`);
  await page.getByRole('link', { name: 'Sign in with Latch' }).click();
  await page.waitForURL(`${spOrigin}/acs`);
  assert.equal(await page.locator('h1').textContent(), `Welcome ${USER.email}`);
  await context.close();
});

test('in Japanese', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = await signInAtSp('ja-JP', 'saml-app-ja');
  await context.close();
});
