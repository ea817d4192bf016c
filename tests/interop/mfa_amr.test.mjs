// A certified relying party (npm `openid-client`) signs a user in whose sign-in takes a second
// factor (issue 18): the user enrols an authenticator app on the hosted pages (driven by plain
// fetch: the TOTP pages need no JavaScript), and the ID token openid-client validates carries
// amr ["pwd", "otp", "mfa"] and the multi-factor acr; the next sign-in asks for the code again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { totp } from '../browser/support/mfa.mjs';
import {
  Browser,
  createUser,
  createUserApp,
  parseForm,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { client, codeRequest, discover } from './support/openid_client.mjs';
import { startServer } from './support/server.mjs';

const CALLBACK = 'http://localhost:3000/callback';
const USER = { username: 'mona', password: 'Quill-Meadow-4821' };
const MULTI_FACTOR = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';

let server;
let web;
let secret;

before(async () => {
  server = await startServer();
  await createUser(server, USER);
  const set = await server.cli([
    'experience',
    'set',
    'mfa={"factors":["Totp"],"policy":"Mandatory"}',
  ]);
  assert.equal(set.code, 0, set.stderr);
  web = await createUserApp(server, { type: 'traditional', redirectUris: [CALLBACK] });
  await waitUntilClientKnown(server, web, CALLBACK);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

const configure = () => discover(server, web.id, { metadata: web.secret });

// The authorization URL with PKCE, state and nonce, and the checks the callback needs.
const start = (config) =>
  codeRequest(config, { redirectUri: CALLBACK, scope: 'openid', nonce: true });

// Signs in with the password; resolves with the page the browser lands on next.
async function password(browser, url) {
  const page = await browser.navigate(String(url));
  return browser.submit(page, { identifier: USER.username, password: USER.password });
}

test('openid-client: the ID token of a sign-in with a second factor carries amr and acr', async () => {
  const config = await configure();
  const { url, checks } = await start(config);
  const browser = new Browser(server);
  let res = await password(browser, url);
  assert.equal(res.status, 200);
  assert.match(res.body, /Set up an authenticator app/, 'the one enabled factor opens directly');
  secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(res.body)?.[1];
  assert.ok(secret, 'the page shows the secret to copy');
  assert.equal(parseForm(res.body).action, '/sign-in/mfa/totp');
  res = await browser.submit(res, { code: totp(secret) });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const tokens = await client.authorizationCodeGrant(config, new URL(res.location), checks);
  const claims = tokens.claims();
  assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
  assert.equal(claims.acr, MULTI_FACTOR);
});

test('openid-client: the next sign-in asks for the code before the app gets one', async () => {
  const config = await configure();
  const { url, checks } = await start(config);
  const browser = new Browser(server);
  let res = await password(browser, url);
  assert.equal(res.status, 200);
  assert.equal(parseForm(res.body).action, '/sign-in/mfa');
  res = await browser.submit(res, { code: totp(secret, Math.floor(Date.now() / 30000) + 1) });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const claims = (
    await client.authorizationCodeGrant(config, new URL(res.location), checks)
  ).claims();
  assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
});
