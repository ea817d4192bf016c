// The device authorization grant (RFC 8628) with a certified client library, npm `openid-client`
// (v6): initiateDeviceAuthorization and pollDeviceAuthorizationGrant against Latch, while a
// person approves (or denies) on Latch's /device pages, driven by plain fetch.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Browser, createUser, parseForm } from './support/browser.mjs';
import { client, discover } from './support/openid_client.mjs';
import { createApp } from './support/provisioning.mjs';
import { eventually, root, runProgram, startServer } from './support/server.mjs';

const USER = { username: 'devin', password: 'Harbor-Lantern-3190', name: 'Devin' };

let server;
let user;
let device;

// A Configuration for the public device app from discovery (http:// allowed for the test only).
const configure = () => discover(server, device.id, { auth: client.None() });

// A person opens the complete verification URI, signs in and answers the consent page.
async function decide(verificationUriComplete, decision) {
  const browser = new Browser(server);
  let page = await browser.navigate(verificationUriComplete);
  assert.equal(parseForm(page.body)?.action, '/device', page.body);
  page = await browser.submit(page, {});
  assert.equal(parseForm(page.body)?.action, '/sign-in', page.body);
  page = await browser.submit(page, { identifier: USER.username, password: USER.password });
  assert.equal(parseForm(page.body)?.action, '/device/consent', page.body);
  assert.match(page.body, /native app/);
  page = await browser.submit(page, { decision });
  assert.equal(page.status, 200, page.body);
  return page;
}

before(async () => {
  // Polls every second instead of five, so the test takes seconds.
  server = await startServer({ env: { LATCH_DEVICE_POLL_INTERVAL: '1' } });
  user = await createUser(server, USER);
  device = await createApp(server, 'native', ['--device-flow']);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test('discovery names the device authorization endpoint and grant', async () => {
  const config = await configure();
  const metadata = config.serverMetadata();
  assert.equal(metadata.device_authorization_endpoint, `${server.issuer}/device/auth`);
  assert.ok(
    metadata.grant_types_supported.includes('urn:ietf:params:oauth:grant-type:device_code'),
  );
});

test('openid-client signs a device in once the user approves on /device', async () => {
  const config = await configure();
  const response = await client.initiateDeviceAuthorization(config, {
    scope: 'openid profile offline_access',
  });
  assert.match(response.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  assert.equal(response.verification_uri, `${server.endpoint}/device`);
  assert.equal(response.interval, 1);
  const polling = client.pollDeviceAuthorizationGrant(config, response);
  const done = await decide(response.verification_uri_complete, 'allow');
  assert.match(done.body, /return to your device/);
  const tokens = await polling;
  const claims = tokens.claims();
  assert.equal(claims.sub, user.id);
  assert.equal(claims.aud, device.id);
  assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.name, USER.name);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token);
});

test('openid-client reports access_denied when the user denies', async () => {
  const config = await configure();
  const response = await client.initiateDeviceAuthorization(config, { scope: 'openid' });
  const polling = client.pollDeviceAuthorizationGrant(config, response);
  const settled = polling.then(
    () => null,
    (error) => error,
  );
  await decide(response.verification_uri_complete, 'deny');
  const error = await settled;
  assert.ok(error, 'the poll must fail');
  assert.equal(error.error, 'access_denied');
});

// The example needs python3; a machine without it cannot run the example either.
const python = await runProgram('python3', ['--version']);

test(
  'the CLI example in examples/device-cli signs in and prints the claims',
  {
    skip: python.code === 0 ? false : 'python3 is not installed',
  },
  async () => {
    const program = path.join(root, 'examples/device-cli/device_login.py');
    const child = spawn('python3', [
      program,
      '--endpoint',
      server.baseUrl,
      '--client-id',
      device.id,
    ]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const shown = await eventually(() => /\(or open (\S+)\)/.exec(stdout)?.[1], {
      timeoutMs: 10000,
    });
    assert.ok(shown, `no verification URI in the output: ${stdout} ${stderr}`);
    await decide(shown, 'allow');
    assert.equal(await exited, 0, stderr);
    const claims = JSON.parse(stdout.slice(stdout.indexOf('{')));
    assert.equal(claims.sub, user.id);
    assert.equal(claims.username, USER.username);
  },
);
