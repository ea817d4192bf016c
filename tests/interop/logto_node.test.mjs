// Logto's own Node SDK (`@logto/node`) signs in against Latch as it would against Logto: signIn
// (PKCE, prompt=consent, scope "openid offline_access profile" + extras, resource indicators),
// the hosted sign-in driven by fetch, handleSignInCallback, ID token claims, userinfo, JWT access
// tokens for an API resource through the refresh grant, signOut, and the sign-up entry points
// (interactionMode 'signUp', firstScreen 'register', loginHint) reaching the hosted /register page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  Browser,
  createUser,
  createUserApp,
  parseForm,
  signInThroughForms,
  waitUntilClientKnown,
} from './support/browser.mjs';
import { createResource, grantRole } from './support/provisioning.mjs';
import { importEsmPackage } from './support/esm_package.mjs';
import { importPackage, startServer } from './support/server.mjs';
import { MemoryStorage } from './support/memory_storage.mjs';

const { default: LogtoClient } = await importEsmPackage('@logto/node');
const { createRemoteJWKSet, jwtVerify, decodeJwt } = await importPackage('jose');

const CALLBACK = 'http://localhost:3000/callback';
const SIGNED_OUT = 'http://localhost:3000/signed-out';
const SECOND_CALLBACK = 'http://localhost:4000/callback';
const API = 'https://api.logto-sdk.test';
// Each test is bounded in time: a hung request fails the test instead of the run.
const BOUNDED = { timeout: 30_000 };
const USER = { username: 'logan', password: 'Walnut-Comet-3377', email: 'logan@example.test' };

let server;
let user;
let web;
let second;

// A LogtoClient for `app` whose navigate() records where the SDK sends the browser.
function logtoClient(app, storage = new MemoryStorage()) {
  const navigations = [];
  const logto = new LogtoClient(
    {
      endpoint: server.endpoint,
      appId: app.id,
      appSecret: app.secret,
      resources: [API],
      scopes: ['email', 'read:data'],
    },
    { storage, navigate: (url) => navigations.push(url) },
  );
  return { logto, storage, navigations };
}

// signIn → the hosted forms in `browser` → handleSignInCallback.
async function signedIn({ app = web, redirectUri = CALLBACK, browser = new Browser(server) } = {}) {
  const sdk = logtoClient(app);
  await sdk.logto.signIn(redirectUri);
  const callback = await signInThroughForms(server, sdk.navigations.at(-1), USER, browser);
  await sdk.logto.handleSignInCallback(callback.href);
  return { ...sdk, browser, callback };
}

before(async () => {
  server = await startServer();
  await createResource(server, { indicator: API, scopes: ['read:data', 'write:data'] });
  user = await createUser(server, USER);
  // The user's tokens for the API carry read:data because a role grants it (docs/rbac.md).
  await grantRole(server, {
    name: 'Data reader',
    indicator: API,
    scopes: ['read:data'],
    users: [user.id],
  });
  web = await createUserApp(server, {
    type: 'traditional',
    redirectUris: [CALLBACK],
    postLogoutRedirectUris: [SIGNED_OUT],
  });
  second = await createUserApp(server, { type: 'traditional', redirectUris: [SECOND_CALLBACK] });
  await waitUntilClientKnown(server, web, CALLBACK);
  await waitUntilClientKnown(server, second, SECOND_CALLBACK);
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0, server.log());
});

test(
  'signIn sends the browser to /oidc/auth with PKCE, prompt=consent and the resource',
  BOUNDED,
  async () => {
    const { logto, navigations } = logtoClient(web);
    await logto.signIn(CALLBACK);
    const url = new URL(navigations.at(-1));
    assert.equal(url.origin + url.pathname, `${server.endpoint}/oidc/auth`);
    assert.equal(url.searchParams.get('client_id'), web.id);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('prompt'), 'consent');
    assert.deepEqual(url.searchParams.getAll('resource'), [API]);
    for (const scope of ['openid', 'offline_access', 'profile', 'email', 'read:data']) {
      assert.ok(url.searchParams.get('scope').split(' ').includes(scope), scope);
    }
    const res = await new Browser(server).request(url.href);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/sign-in');
  },
);

test(
  'handleSignInCallback accepts the callback and the user is authenticated',
  BOUNDED,
  async () => {
    const { logto, callback } = await signedIn();
    assert.equal(callback.searchParams.get('iss'), server.issuer);
    assert.equal(await logto.isAuthenticated(), true);
    const claims = await logto.getIdTokenClaims();
    assert.equal(claims.sub, user.id);
    assert.equal(claims.username, USER.username);
    assert.equal(claims.iss, server.issuer);
    assert.equal(claims.aud, web.id);
  },
);

test(
  "signIn(redirectUri, 'signUp') sends interaction_mode=signUp and lands on /register",
  BOUNDED,
  async () => {
    const { logto, navigations } = logtoClient(web);
    await logto.signIn(CALLBACK, 'signUp');
    const url = new URL(navigations.at(-1));
    assert.equal(url.origin + url.pathname, `${server.endpoint}/oidc/auth`);
    assert.equal(url.searchParams.get('interaction_mode'), 'signUp');
    assert.equal(url.searchParams.get('first_screen'), null);
    const browser = new Browser(server);
    const redirect = await browser.request(url.href);
    assert.equal(redirect.status, 303);
    assert.equal(redirect.location, '/register');
    const page = await browser.follow(redirect);
    assert.equal(page.status, 200);
    assert.equal(parseForm(page.body)?.action, '/register');
  },
);

test(
  "a user signs up through the SDK's signUp flow and comes back signed in",
  BOUNDED,
  async () => {
    const { logto, navigations } = logtoClient(web);
    await logto.signIn(CALLBACK, 'signUp');
    const browser = new Browser(server);
    const page = await browser.navigate(navigations.at(-1));
    assert.equal(parseForm(page.body)?.action, '/register', page.body);
    const password = 'Quartz-Heron-8152';
    const res = await browser.submit(page, {
      identifier: 'newcomer',
      password,
      confirm: password,
      terms: '1',
    });
    assert.equal(res.status, 303, res.body);
    const callback = new URL(res.location, server.endpoint);
    assert.equal(callback.origin + callback.pathname, CALLBACK);
    await logto.handleSignInCallback(callback.href);
    assert.equal(await logto.isAuthenticated(), true);
    const claims = await logto.getIdTokenClaims();
    assert.equal(claims.username, 'newcomer');
    assert.notEqual(claims.sub, user.id);
    assert.equal((await logto.fetchUserInfo()).sub, claims.sub);
  },
);

test(
  "signIn({firstScreen: 'register', loginHint}) opens /register with the hint filled in",
  BOUNDED,
  async () => {
    const { logto, navigations } = logtoClient(web);
    await logto.signIn({ redirectUri: CALLBACK, firstScreen: 'register', loginHint: 'hinted' });
    const url = new URL(navigations.at(-1));
    assert.equal(url.searchParams.get('first_screen'), 'register');
    assert.equal(url.searchParams.get('login_hint'), 'hinted');
    const page = await new Browser(server).navigate(url.href);
    const form = parseForm(page.body);
    assert.equal(form?.action, '/register', page.body);
    assert.equal(form.fields.identifier, 'hinted');
  },
);

test('prompt=consent with offline_access gives the SDK a refresh token', BOUNDED, async () => {
  const { logto } = await signedIn();
  assert.ok(await logto.getRefreshToken());
});

test("fetchUserInfo returns the user's claims", BOUNDED, async () => {
  const { logto } = await signedIn();
  const info = await logto.fetchUserInfo();
  assert.equal(info.sub, user.id);
  assert.equal(info.username, USER.username);
  assert.equal(info.email, USER.email);
});

test(
  'getAccessToken(resource) gets a JWT for the API that verifies with the JWKS',
  BOUNDED,
  async () => {
    const { logto } = await signedIn();
    const token = await logto.getAccessToken(API);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createRemoteJWKSet(new URL(`${server.baseUrl}/oidc/jwks`)),
      { issuer: server.issuer, audience: API, typ: 'at+jwt' },
    );
    assert.equal(protectedHeader.typ, 'at+jwt');
    assert.equal(payload.sub, user.id);
    assert.equal(payload.client_id, web.id);
    assert.equal(payload.scope, 'read:data');
    const claims = await logto.getAccessTokenClaims(API);
    assert.equal(claims.aud, API);
  },
);

test('getAccessToken twice works: the cached tokens are returned', BOUNDED, async () => {
  const { logto } = await signedIn();
  const opaque = await logto.getAccessToken();
  assert.equal(await logto.getAccessToken(), opaque);
  const jwt = await logto.getAccessToken(API);
  assert.equal(await logto.getAccessToken(API), jwt);
  assert.notEqual(jwt, opaque);
  assert.equal(decodeJwt(jwt).aud, API);
});

test('an expired access token is refreshed and the refresh token rotates', BOUNDED, async () => {
  const { storage } = await signedIn();
  const firstRefresh = await storage.getItem('refreshToken');
  const cached = JSON.parse(await storage.getItem('accessToken'));
  for (const entry of Object.values(cached)) entry.expiresAt = 0;
  await storage.setItem('accessToken', JSON.stringify(cached));
  const { logto } = logtoClient(web, storage); // a later request of the same web app
  await logto.loadAccessTokenMap();
  const [oldToken] = Object.values(cached).map((entry) => entry.token);
  const fresh = await logto.getAccessToken();
  assert.notEqual(fresh, oldToken);
  const rotated = await storage.getItem('refreshToken');
  assert.ok(rotated);
  assert.notEqual(rotated, firstRefresh);
  assert.equal((await logto.fetchUserInfo()).sub, user.id);
});

test('concurrent refreshes of one refresh token both succeed (reuse leeway)', BOUNDED, async () => {
  const { storage } = await signedIn();
  const a = logtoClient(web, new MemoryStorage());
  const b = logtoClient(web, new MemoryStorage());
  for (const sdk of [a, b]) {
    for (const key of ['idToken', 'refreshToken']) {
      await sdk.storage.setItem(key, await storage.getItem(key));
    }
  }
  const [first, secondToken] = await Promise.all([
    a.logto.getAccessToken(API),
    b.logto.getAccessToken(API),
  ]);
  assert.equal(decodeJwt(first).aud, API);
  assert.equal(decodeJwt(secondToken).aud, API);
});

test('a second app in the same browser signs in without the form', BOUNDED, async () => {
  const browser = new Browser(server);
  await signedIn({ browser });
  const sdk = logtoClient(second);
  await sdk.logto.signIn(SECOND_CALLBACK);
  const res = await browser.navigate(sdk.navigations.at(-1));
  assert.equal(res.status, 303, res.body);
  await sdk.logto.handleSignInCallback(new URL(res.location).href);
  assert.equal((await sdk.logto.getIdTokenClaims()).sub, user.id);
});

test(
  'signOut revokes the refresh token and its end-session URL returns to the app',
  BOUNDED,
  async () => {
    const { logto, navigations, storage, browser } = await signedIn();
    const refreshToken = await storage.getItem('refreshToken');
    await logto.signOut(SIGNED_OUT);
    assert.equal(await logto.isAuthenticated(), false);
    const url = new URL(navigations.at(-1));
    assert.equal(url.origin + url.pathname, `${server.endpoint}/oidc/session/end`);
    assert.equal(url.searchParams.get('client_id'), web.id);
    assert.equal(url.searchParams.get('post_logout_redirect_uri'), SIGNED_OUT);

    // Logto's SDK sends no id_token_hint, so Latch asks before it ends the session (OpenID
    // RP-Initiated Logout §2): the person confirms, then returns to the app.
    const prompt = await browser.request(url.href);
    assert.equal(prompt.status, 200, prompt.body);
    assert.equal(parseForm(prompt.body).action, '/oidc/session/end/confirm');
    const res = await browser.submit(prompt, { logout: 'yes' });
    assert.equal(res.status, 302);
    assert.equal(res.location, SIGNED_OUT);
    const next = logtoClient(web);
    await next.logto.signIn(CALLBACK);
    const page = await browser.navigate(next.navigations.at(-1));
    assert.equal(page.status, 200, 'the session is over: the sign-in form shows again');

    const basic = Buffer.from(`${web.id}:${web.secret}`).toString('base64');
    const refreshed = await fetch(`${server.baseUrl}/oidc/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    assert.equal(refreshed.status, 400);
    assert.equal((await refreshed.json()).error, 'invalid_grant');
  },
);
