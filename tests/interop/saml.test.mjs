// pysaml2 (Debian's python3-pysaml2, which signs and verifies through the xmlsec1 command) on
// the other side of every SAML message Latch's library (src/saml) makes or reads: a pysaml2 IdP's
// Response that our SP side accepts, our IdP's Response that a pysaml2 SP accepts, our signed
// HTTP-Redirect AuthnRequest that a pysaml2 IdP verifies and parses, and metadata both ways.
// The library has no routes yet, so its side is the latch_saml_interop tool
// (tests/interop/saml/saml_interop.cpp). Skips, saying why, only when pysaml2 is not installed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

const root = process.env.LATCH_ROOT ?? new URL('../..', import.meta.url).pathname;
const build = process.env.LATCH_BINARY ? dirname(process.env.LATCH_BINARY) : join(root, 'build');
const tool = join(build, 'tests', 'latch_saml_interop');
const python = '/usr/bin/python3';
const side = join(root, 'tests', 'interop', 'saml', 'pysaml2_side.py');

const pysaml2 = spawnSync(python, ['-c', 'import saml2'], { encoding: 'utf8' });
const skip =
  pysaml2.status === 0
    ? false
    : 'python3-pysaml2 is not installed (scripts/install-deps installs it with xmlsec1)';

const IDP = 'https://idp.interop.test/saml';
const IDP_SSO = 'https://idp.interop.test/saml/sso';
const SP = 'https://latch.interop.test/saml/conn1';
const ACS = 'https://latch.interop.test/api/authn/saml/conn1';
let dir;

function latch(command, args = {}) {
  return run(tool, [command, ...flags(args)]);
}

function py(command, args = {}) {
  return run(python, [side, command, ...flags(args)]);
}

function flags(args) {
  return Object.entries(args).flatMap(([name, value]) => [`--${name}`, value]);
}

function run(file, args) {
  const result = spawnSync(file, args, { encoding: 'utf8', cwd: dir });
  assert.equal(result.status, 0, `${file} ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

function file(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const path = (name) => join(dir, name);

before(() => {
  if (skip) return;
  assert.ok(existsSync(tool), `${tool} is missing (build the latch_saml_interop target)`);
  dir = mkdtempSync(join(tmpdir(), 'latch-saml-'));
  latch('keygen', { cn: 'latch.interop.test', key: path('latch.key'), cert: path('latch.crt') });
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
      '/CN=pysaml2',
      '-keyout',
      path('py.key'),
      '-out',
      path('py.crt'),
    ],
    { stdio: 'ignore' },
  );
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pyIdp = () => ({
  'entity-id': IDP,
  key: path('py.key'),
  cert: path('py.crt'),
  'sso-url': IDP_SSO,
});

test('our SP accepts a pysaml2 IdP Response, reading pysaml2 IdP metadata', { skip }, () => {
  const ourSpMetadata = file(
    'sp.xml',
    latch('sp-metadata', { 'entity-id': SP, 'acs-url': ACS, cert: path('latch.crt') }),
  );
  const idpMetadata = file('py-idp.xml', py('idp-metadata', pyIdp()));
  const parsed = JSON.parse(latch('parse-idp-metadata', { file: idpMetadata }));
  assert.equal(parsed.entity_id, IDP);
  assert.equal(parsed.sso_redirect_url, IDP_SSO);
  assert.equal(parsed.fingerprints.length, 1);

  const response = file(
    'py-response.b64',
    py('idp-response', {
      ...pyIdp(),
      'sp-metadata': ourSpMetadata,
      'sp-entity-id': SP,
      'acs-url': ACS,
      'in-response-to': '_request42',
      'name-id': 'alice@interop.test',
    }),
  );
  const accepted = JSON.parse(
    latch('accept-response', {
      file: response,
      'idp-metadata': idpMetadata,
      'entity-id': SP,
      'acs-url': ACS,
      'request-id': '_request42',
    }),
  );
  assert.equal(accepted.issuer, IDP);
  assert.equal(accepted.name_id, 'alice@interop.test');
  assert.deepEqual(accepted.attributes.groups, ['admins', 'staff']);
  assert.ok(accepted.assertion_id);
});

test('our SP refuses a pysaml2 Response for another request', { skip }, () => {
  const result = spawnSync(
    tool,
    [
      'accept-response',
      ...flags({
        file: path('py-response.b64'),
        'idp-metadata': path('py-idp.xml'),
        'entity-id': SP,
        'acs-url': ACS,
        'request-id': '_another',
      }),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 1);
  assert.match(result.stderr, /^saml\.in_response_to_mismatch/);
});

test('a pysaml2 SP accepts our IdP Response, reading our IdP metadata', { skip }, () => {
  const ourIdpMetadata = file(
    'idp.xml',
    latch('idp-metadata', { 'entity-id': IDP, 'sso-url': IDP_SSO, cert: path('latch.crt') }),
  );
  const response = file(
    'latch-response.b64',
    latch('response', {
      'entity-id': IDP,
      key: path('latch.key'),
      cert: path('latch.crt'),
      'sp-entity-id': SP,
      'acs-url': ACS,
      'in-response-to': '_request43',
      'name-id': 'bob@interop.test',
    }),
  );
  const accepted = JSON.parse(
    py('sp-accept', {
      'entity-id': SP,
      key: path('py.key'),
      cert: path('py.crt'),
      'acs-url': ACS,
      'idp-metadata': ourIdpMetadata,
      response,
      'request-id': '_request43',
    }),
  );
  assert.equal(accepted.issuer, IDP);
  assert.equal(accepted.name_id, 'bob@interop.test');
  assert.deepEqual(accepted.ava.groups, ['admins', 'staff']);
});

test('a pysaml2 IdP verifies and parses our signed HTTP-Redirect AuthnRequest', { skip }, () => {
  const ourSpMetadata = file(
    'sp.xml',
    latch('sp-metadata', { 'entity-id': SP, 'acs-url': ACS, cert: path('latch.crt') }),
  );
  const request = JSON.parse(
    latch('authn-request-url', {
      'entity-id': SP,
      'sso-url': IDP_SSO,
      'acs-url': ACS,
      key: path('latch.key'),
      cert: path('latch.crt'),
      'relay-state': 'state-123',
    }),
  );
  const parsed = JSON.parse(
    py('idp-parse-request', {
      ...pyIdp(),
      'sp-metadata': ourSpMetadata,
      'sp-cert': path('latch.crt'),
      url: request.url,
    }),
  );
  assert.equal(parsed.id, request.id);
  assert.equal(parsed.issuer, SP);
  assert.equal(parsed.acs_url, ACS);
  assert.equal(parsed.destination, IDP_SSO);
  assert.equal(parsed.relay_state, 'state-123');
});

test('we read pysaml2 SP metadata', { skip }, () => {
  const spMetadata = file(
    'py-sp.xml',
    py('sp-metadata', {
      'entity-id': SP,
      key: path('py.key'),
      cert: path('py.crt'),
      'acs-url': ACS,
    }),
  );
  const parsed = JSON.parse(latch('parse-sp-metadata', { file: spMetadata }));
  assert.equal(parsed.entity_id, SP);
  assert.equal(parsed.acs_url, ACS);
  assert.equal(parsed.fingerprints.length, 1);
});
