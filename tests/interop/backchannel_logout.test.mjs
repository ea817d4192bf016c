// OpenID Connect Back-Channel Logout 1.0 from the relying party's side: a certified client
// (npm `openid-client`) signs in and reads `sid` from its ID token; when the session ends, Latch
// POSTs a logout token to the app's backchannel_logout_uri, a node receiver here, which validates
// it with an independent library (npm `jose`) as §2.6 says, against Latch's published JWKS. The
// receiver accepts Latch's token and refuses forged ones (another key, a tampered payload, a
// token for another app, a nonce, no events, the wrong typ).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import {
  Browser,
  createUser,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { client, codeRequest, discover } from './support/openid_client.mjs';
import { createApp } from './support/provisioning.mjs';
import { eventually, importPackage, startServer } from './support/server.mjs';

const jose = await importPackage('jose');

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const USER = { username: 'bianca', password: 'Copper-Lighthouse-5520' };

let server;
let receiver;
let receiverBase;
let user;
const apps = {};
const received = []; // { path, token, verdict }

// §2.6: the RP's validation of a logout token for `clientId`, with the keys in `keys`. Resolves
// with the claims or throws.
async function validateLogoutToken(token, clientId, keys) {
  const { payload } = await jose.jwtVerify(token, keys, {
    issuer: server.issuer,
    audience: clientId,
    typ: 'logout+jwt',
    maxTokenAge: '2m',
  });
  if (!payload.events || typeof payload.events[EVENT] !== 'object') throw new Error('no event');
  if (!payload.sub && !payload.sid) throw new Error('neither sub nor sid');
  if ('nonce' in payload) throw new Error('a logout token has no nonce');
  return payload;
}

// The app's receiver: /rp/<app name>; 200 for a valid token, 400 otherwise (§2.8).
function startReceiver() {
  const keys = () => jose.createRemoteJWKSet(new URL(`${server.baseUrl}/oidc/jwks`));
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const token = new URLSearchParams(body).get('logout_token') ?? '';
      const name = req.url.split('/').pop();
      const entry = { path: req.url, token, contentType: req.headers['content-type'] };
      try {
        entry.claims = await validateLogoutToken(token, apps[name]?.id, keys());
        entry.verdict = 'accepted';
      } catch (error) {
        entry.verdict = `refused: ${error.code ?? error.message}`;
      }
      received.push(entry);
      res.writeHead(entry.verdict === 'accepted' ? 200 : 400).end();
    });
  });
  return new Promise((resolve) => {
    receiver.listen(0, '127.0.0.1', () => {
      receiverBase = `http://127.0.0.1:${receiver.address().port}`;
      resolve();
    });
  });
}

async function registerApp(name) {
  const callback = `http://localhost:3000/${name}/callback`;
  apps[name] = await createApp(server, 'traditional', [
    '--redirect-uri',
    callback,
    '--backchannel-logout-uri',
    `${receiverBase}/rp/${name}`,
  ]);
  apps[name].callback = callback;
  await waitUntilClientKnown(server, apps[name], callback);
}

// openid-client's code flow for `app` in `browser`: the token response.
async function signIn(app, browser) {
  const config = await discover(server, app.id, { metadata: app.secret });
  const { url, checks } = await codeRequest(config, {
    redirectUri: app.callback,
    scope: 'openid profile',
  });
  const callback = await signInThroughForms(server, url, USER, browser);
  return client.authorizationCodeGrant(config, callback, checks);
}

async function waitForToken(path) {
  assert.ok(
    await eventually(() => received.some((r) => r.path === path), { timeoutMs: 20000 }),
    `no logout token reached ${path}`,
  );
  return received.find((r) => r.path === path);
}

before(async () => {
  server = await startServer();
  await startReceiver();
  user = await createUser(server, USER);
  await registerApp('shop');
  await registerApp('blog');
});

after(async () => {
  receiver?.close();
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test('discovery advertises back-channel logout with sessions', async () => {
  const metadata = (
    await discover(server, apps.shop.id, { metadata: apps.shop.secret })
  ).serverMetadata();
  assert.equal(metadata.backchannel_logout_supported, true);
  assert.equal(metadata.backchannel_logout_session_supported, true);
});

test('the session end brings each app a logout token jose verifies, with the ID token sid', async () => {
  const browser = new Browser(server);
  const shop = await signIn(apps.shop, browser);
  const blog = await signIn(apps.blog, browser);
  const sid = shop.claims().sid;
  assert.ok(sid, 'the ID token carries sid');
  assert.equal(blog.claims().sid, sid, 'one sid per browser session');
  const end = new URL(`${server.baseUrl}/oidc/session/end`);
  end.searchParams.set('id_token_hint', shop.id_token);
  const res = await browser.request(end.href);
  assert.equal(res.status, 200);

  for (const name of ['shop', 'blog']) {
    const got = await waitForToken(`/rp/${name}`);
    assert.equal(got.verdict, 'accepted', got.verdict);
    assert.equal(got.contentType, 'application/x-www-form-urlencoded');
    assert.equal(got.claims.sub, user.id);
    assert.equal(got.claims.sid, sid);
    assert.equal(got.claims.aud, apps[name].id);
    assert.ok(got.claims.jti);
  }
});

test('the receiver refuses forged logout tokens', async () => {
  const genuine = (await waitForToken('/rp/shop')).token;
  const forBlog = (await waitForToken('/rp/blog')).token;
  const [header, payload] = genuine.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  const { kid } = JSON.parse(Buffer.from(header, 'base64url'));

  // Signed by another key that claims Latch's kid.
  const { privateKey } = await jose.generateKeyPair('ES256');
  const otherKey = await new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'logout+jwt' })
    .sign(privateKey);
  // Latch's signature over a payload with a nonce added.
  const tampered = [
    header,
    Buffer.from(JSON.stringify({ ...claims, nonce: 'n-1' })).toString('base64url'),
    genuine.split('.')[2],
  ].join('.');
  const post = (token) =>
    fetch(`${receiverBase}/rp/shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }),
    });
  assert.equal((await post(genuine)).status, 200, 'the genuine token still verifies');
  for (const [what, token] of [
    ['another key', otherKey],
    ['a tampered payload', tampered],
    ['a token for another app (aud)', forBlog],
    ['garbage', 'not.a.jwt'],
  ]) {
    assert.equal((await post(token)).status, 400, what);
  }

  // The claim rules themselves, with a key the validator is told to trust.
  const trusted = await jose.generateKeyPair('ES256');
  const keys = jose.createLocalJWKSet({
    keys: [{ ...(await jose.exportJWK(trusted.publicKey)), kid: 'k', alg: 'ES256' }],
  });
  const sign = (body, typ = 'logout+jwt') =>
    new jose.SignJWT(body)
      .setProtectedHeader({ alg: 'ES256', kid: 'k', typ })
      .sign(trusted.privateKey);
  const good = { ...claims, iat: Math.floor(Date.now() / 1000) };
  await validateLogoutToken(await sign(good), apps.shop.id, keys);
  await assert.rejects(
    validateLogoutToken(await sign({ ...good, nonce: 'x' }), apps.shop.id, keys),
  );
  await assert.rejects(
    validateLogoutToken(await sign({ ...good, events: {} }), apps.shop.id, keys),
  );
  await assert.rejects(validateLogoutToken(await sign(good, 'JWT'), apps.shop.id, keys));
});
