// SAML applications against a real SP: pysaml2 (Debian's python3-pysaml2, verifying through the
// xmlsec1 command) reads the running Latch's IdP metadata, sends its AuthnRequest by
// HTTP-Redirect (signed) and HTTP-POST, and accepts the signed Response that Latch posts to its
// ACS after the hosted sign-in; also an IdP-initiated sign-in. Skips, saying why, only when
// pysaml2 is not installed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Browser, createUser, parseForm } from './support/browser.mjs';
import { expectStatus, managementApi } from './support/management.mjs';
import { root, startServer } from './support/server.mjs';

const python = '/usr/bin/python3';
const side = join(root, 'tests', 'interop', 'saml', 'pysaml2_side.py');
const pysaml2 = spawnSync(python, ['-c', 'import saml2'], { encoding: 'utf8' });
const skip =
  pysaml2.status === 0
    ? false
    : 'python3-pysaml2 is not installed (scripts/install-deps installs it with xmlsec1)';

const SP = 'https://sp.interop.test/metadata';
const ACS = 'https://sp.interop.test/acs';
const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const USER = {
  username: 'saml_alice',
  password: 'correct horse battery',
  email: 'alice@interop.test',
  name: 'Alice',
};

let server;
let api;
let dir;

const path = (name) => join(dir, name);

function py(command, args) {
  const flags = Object.entries(args).flatMap(([name, value]) => [`--${name}`, value]);
  const result = spawnSync(python, [side, command, ...flags], { encoding: 'utf8', cwd: dir });
  assert.equal(result.status, 0, `pysaml2 ${command} failed: ${result.stderr}`);
  return result.stdout;
}

const spArgs = () => ({
  'entity-id': SP,
  key: path('sp.key'),
  cert: path('sp.crt'),
  'acs-url': ACS,
});

// A SAML app for the pysaml2 SP, and the IdP metadata file pysaml2 reads.
async function samlApp(more = {}) {
  const app = await expectStatus(api, 201, 'POST', '/saml-applications', {
    name: 'pysaml2 SP',
    entityId: SP,
    acsUrl: { binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', url: ACS },
    nameIdFormat: EMAIL,
    attributeMapping: { email: 'email', name: 'displayName' },
    ...more,
  });
  const res = await fetch(`${server.baseUrl}/api/saml-applications/${app.id}/metadata`);
  assert.equal(res.status, 200);
  writeFileSync(path(`idp-${app.id}.xml`), await res.text());
  return app;
}

// Signs in through the hosted pages from `res` on; resolves with the form posted to the ACS.
async function toAcs(browser, res) {
  let page = await browser.follow(res);
  if (page.status === 200 && parseForm(page.body)?.action === '/sign-in') {
    page = await browser.submit(page, { identifier: USER.username, password: USER.password });
  }
  assert.equal(page.status, 200, page.body.slice(0, 500));
  const form = parseForm(page.body);
  assert.equal(form?.action, ACS);
  return form.fields;
}

function accept(app, fields, requestId) {
  writeFileSync(path('response.b64'), fields.SAMLResponse);
  return JSON.parse(
    py('sp-accept', {
      ...spArgs(),
      'idp-metadata': path(`idp-${app.id}.xml`),
      response: path('response.b64'),
      'request-id': requestId,
    }),
  );
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'latch-saml-apps-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=sp.interop.test',
      '-keyout',
      path('sp.key'),
      '-out',
      path('sp.crt'),
    ],
    { stdio: 'ignore' },
  );
  server = await startServer();
  api = await managementApi(server);
  await createUser(server, USER);
});

after(async () => {
  if (server) await server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(
  'pysaml2 signs an HTTP-Redirect AuthnRequest and accepts our signed Response',
  { skip },
  async () => {
    const app = await samlApp({ spCertificate: readFileSync(path('sp.crt'), 'utf8') });
    const request = JSON.parse(
      py('sp-request', {
        ...spArgs(),
        'idp-metadata': path(`idp-${app.id}.xml`),
        binding: 'redirect',
        'relay-state': '/wiki/home',
        sign: 'yes',
      }),
    );
    assert.ok(request.url.startsWith(`${server.endpoint}/api/saml/${app.id}/authn?`), request.url);
    assert.match(request.url, /Signature=/);
    const browser = new Browser(server);
    const fields = await toAcs(browser, await browser.request(request.url));
    assert.equal(fields.RelayState, '/wiki/home');
    const accepted = accept(app, fields, request.id);
    assert.equal(accepted.name_id, USER.email);
    assert.equal(accepted.issuer, `${server.endpoint}/saml/${app.id}`);
    assert.deepEqual(accepted.ava.displayName, [USER.name]);
  },
);

test(
  'pysaml2 sends an HTTP-POST AuthnRequest; the browser session signs in again',
  { skip },
  async () => {
    const app = await samlApp();
    const args = {
      ...spArgs(),
      'idp-metadata': path(`idp-${app.id}.xml`),
      'relay-state': 'r1',
      sign: 'no',
    };
    const browser = new Browser(server);
    const first = JSON.parse(py('sp-request', { ...args, binding: 'post' }));
    assert.equal(first.action, `${server.endpoint}/api/saml/${app.id}/authn`);
    const fields = await toAcs(
      browser,
      await browser.request(first.action, { form: first.fields }),
    );
    assert.equal(accept(app, fields, first.id).name_id, USER.email);
    // The second request finds the person signed in: no page, straight to the ACS.
    const second = JSON.parse(py('sp-request', { ...args, binding: 'post' }));
    const res = await browser.follow(await browser.request(second.action, { form: second.fields }));
    assert.equal(parseForm(res.body)?.action, ACS);
    assert.equal(accept(app, parseForm(res.body).fields, second.id).name_id, USER.email);
  },
);

test('pysaml2 accepts an IdP-initiated Response', { skip }, async () => {
  const app = await samlApp();
  const browser = new Browser(server);
  const fields = await toAcs(
    browser,
    await browser.request(`/api/saml/${app.id}/sign-in?RelayState=start`),
  );
  assert.equal(fields.RelayState, 'start');
  assert.equal(accept(app, fields, 'none').name_id, USER.email);
});

test('pysaml2 refuses our Response for another request', { skip }, async () => {
  const app = await samlApp();
  const request = JSON.parse(
    py('sp-request', {
      ...spArgs(),
      'idp-metadata': path(`idp-${app.id}.xml`),
      binding: 'redirect',
      'relay-state': 'x',
      sign: 'no',
    }),
  );
  const browser = new Browser(server);
  const fields = await toAcs(browser, await browser.request(request.url));
  writeFileSync(path('response.b64'), fields.SAMLResponse);
  const refused = spawnSync(
    python,
    [
      side,
      'sp-accept',
      ...Object.entries({
        ...spArgs(),
        'idp-metadata': path(`idp-${app.id}.xml`),
        response: path('response.b64'),
        'request-id': '_another',
      }).flatMap(([n, v]) => [`--${n}`, v]),
    ],
    { encoding: 'utf8', cwd: dir },
  );
  assert.notEqual(refused.status, 0);
});
