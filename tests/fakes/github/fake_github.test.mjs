// Self-test of the GitHub fake: every route, every error, every fault, the control API and the
// standalone process. Run: node --test tests/fakes/github/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENDPOINTS, startFakeGitHub } from './fake_github.mjs';

const SCRIPT = fileURLToPath(new URL('./fake_github.mjs', import.meta.url));
const CALLBACK = 'http://127.0.0.1:4000/callback';
const CREDS = { client_id: 'Iv1.latch', client_secret: 'shh-secret' };
const APP = { ...CREDS, callback_url: CALLBACK, name: 'Latch Test' };
const DOCS = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-';
const AUTHZ_DOC = `${DOCS}authorization-request-errors/`;
const TOKEN_DOC = `${DOCS}oauth-app-access-token-request-errors/`;
const REST_DOC = 'https://docs.github.com/rest';
const MISMATCH = 'The redirect_uri MUST match the registered callback URL for this application.';

let fake;
let clock;
beforeEach(async () => {
  clock = Date.now();
  fake = await startFakeGitHub({ now: () => clock });
  fake.addApp(APP);
});
afterEach(() => fake.close());

const get = (path, headers = {}) => fetch(fake.baseUrl + path, { headers, redirect: 'manual' });
const bearer = (token) => ({ authorization: `Bearer ${token}` });
const jsonOf = async (response) => (await response).json();
const sendJsonTo = (method, path, body) =>
  fetch(fake.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const authorizeUrl = (params = {}) =>
  `/login/oauth/authorize?${new URLSearchParams({
    client_id: APP.client_id,
    redirect_uri: CALLBACK,
    scope: 'read:user user:email',
    state: 'st-1',
    ...params,
  })}`;
function location(res) {
  assert.equal(res.status, 302);
  return new URL(res.headers.get('location'));
}
async function getCode(params) {
  const url = location(await get(authorizeUrl(params)));
  assert.ok(url.searchParams.get('code'), url.href);
  return url.searchParams.get('code');
}
// POSTs to the token endpoint: a form body asking for JSON unless told otherwise.
function exchange(body, { json = true, form = true, headers = {} } = {}) {
  return fetch(`${fake.baseUrl}/login/oauth/access_token`, {
    method: 'POST',
    headers: {
      ...(json ? { accept: 'application/json' } : {}),
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...headers,
    },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
}
async function tokenFor(params = {}) {
  const code = await getCode(params);
  const redirect_uri = params.redirect_uri ?? CALLBACK;
  return (await jsonOf(exchange({ ...CREDS, code, redirect_uri }))).access_token;
}
const tokenError = (error, error_description, anchor, doc = TOKEN_DOC) => ({
  error,
  error_description,
  error_uri: `${doc}#${anchor}`,
});
const BAD_CODE = tokenError(
  'bad_verification_code',
  'The code passed is incorrect or expired.',
  'bad-verification-code',
);

describe('GET /login/oauth/authorize', () => {
  test('unknown or missing client_id: 404 HTML page', async () => {
    for (const path of [authorizeUrl({ client_id: 'nope' }), '/login/oauth/authorize']) {
      const res = await get(path);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type'), /text\/html/);
      assert.match(await res.text(), /<html/);
    }
  });

  test('auto-approve redirects with a code and the state', async () => {
    const url = location(await get(authorizeUrl()));
    assert.equal(url.origin + url.pathname, CALLBACK);
    assert.match(url.searchParams.get('code'), /^[0-9a-f]{20}$/);
    assert.equal(url.searchParams.get('state'), 'st-1');
  });

  test('redirect_uri left out: the registered callback is used', async () => {
    const url = location(await get(authorizeUrl({ redirect_uri: '' })));
    assert.equal(url.origin + url.pathname, CALLBACK);
  });

  test('GitHub redirect URL rules: sub-paths, loopback ports and sub-domains pass', async () => {
    for (const ok of [`${CALLBACK}/sub/dir`, 'http://127.0.0.1:5555/callback']) {
      const url = location(await get(authorizeUrl({ redirect_uri: ok })));
      assert.equal(url.origin + url.pathname, ok);
    }
    fake.addApp({ ...APP, client_id: 'web', callback_url: 'https://example.com/path' });
    const attempt = async (redirect_uri) =>
      location(await get(authorizeUrl({ client_id: 'web', redirect_uri }))).searchParams;
    for (const ok of ['https://example.com/path', 'https://oauth.example.com/path/subdir']) {
      assert.ok((await attempt(ok)).get('code'), ok);
    }
    for (const bad of [
      'https://example.com/bar',
      'https://example.com/',
      'https://example.com:8080/path',
      'https://example.org/path',
      'http://example.com/path',
      'https://example.com/pathology',
      'not a url',
    ]) {
      assert.equal((await attempt(bad)).get('error'), 'redirect_uri_mismatch', bad);
    }
  });

  test("mismatched redirect_uri: to the REGISTERED callback, GitHub's error query", async () => {
    const evil = 'http://evil.example/callback';
    const res = await get(authorizeUrl({ redirect_uri: evil, state: 'xyz' }));
    assert.equal(res.status, 302);
    assert.equal(
      res.headers.get('location'),
      `${CALLBACK}?error=redirect_uri_mismatch` +
        '&error_description=The+redirect_uri+MUST+match+the+registered+callback+URL' +
        '+for+this+application.' +
        '&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Fmanaging-oauth-apps%2F' +
        'troubleshooting-authorization-request-errors%2F%23redirect-uri-mismatch' +
        '&state=xyz',
    );
  });

  test('consent page: Authorize gives a code, Cancel access_denied, each once', async () => {
    fake.setAutoApprove(false);
    const page = async () => {
      const res = await get(authorizeUrl());
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /Authorize Latch Test/);
      assert.match(html, /octo-latch/);
      assert.match(html, /id="authorize"/);
      assert.match(html, /id="cancel"/);
      assert.match(html, /<form method="post" action="\/login\/oauth\/authorize\/decision">/);
      return /name="request_id" value="([0-9a-f]+)"/.exec(html)[1];
    };
    const decide = (request_id, decision) =>
      fetch(`${fake.baseUrl}/login/oauth/authorize/decision`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ request_id, decision }),
      });

    const approved = await page();
    let url = location(await decide(approved, 'authorize'));
    assert.ok(url.searchParams.get('code'));
    assert.equal(url.searchParams.get('state'), 'st-1');
    const again = await decide(approved, 'authorize');
    assert.equal(again.status, 404);
    assert.match(await again.text(), /<html/);

    url = location(await decide(await page(), 'cancel'));
    assert.equal(url.origin + url.pathname, CALLBACK);
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      error: 'access_denied',
      error_description: 'The user has denied your application access.',
      error_uri: `${AUTHZ_DOC}#access-denied`,
      state: 'st-1',
    });
    const description = '&error_description=The+user+has+denied+your+application+access.&';
    assert.ok(url.search.includes(description), url.search);
  });
});

describe('POST /login/oauth/access_token', () => {
  test('success as JSON: gho_ token, bearer, comma-separated scope', async () => {
    const res = await exchange({ ...CREDS, code: await getCode(), redirect_uri: CALLBACK });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /application\/json/);
    const body = await res.json();
    assert.match(body.access_token, /^gho_[0-9A-Za-z]{36}$/);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.scope, 'read:user,user:email');
  });

  test('success form-encoded without Accept: application/json; JSON bodies; Basic', async () => {
    let res = await exchange({ ...CREDS, code: await getCode() }, { json: false });
    assert.match(res.headers.get('content-type'), /application\/x-www-form-urlencoded/);
    assert.match(
      await res.text(),
      /^access_token=gho_\w{36}&scope=read%3Auser%2Cuser%3Aemail&token_type=bearer$/,
    );

    res = await exchange({ ...CREDS, code: await getCode() }, { form: false });
    assert.match((await res.json()).access_token, /^gho_/);

    const basic = Buffer.from(`${CREDS.client_id}:${CREDS.client_secret}`).toString('base64');
    const headers = { authorization: `Basic ${basic}` };
    res = await exchange({ code: await getCode() }, { headers });
    assert.match((await res.json()).access_token, /^gho_/);
  });

  test('incorrect_client_credentials with HTTP 200: wrong, no secret, unknown client', async () => {
    const code = await getCode();
    const expected = tokenError(
      'incorrect_client_credentials',
      'The client_id and/or client_secret passed are incorrect.',
      'incorrect-client-credentials',
    );
    for (const creds of [
      { ...CREDS, client_secret: 'wrong' },
      { client_id: CREDS.client_id },
      { ...CREDS, client_id: 'unknown' },
      {},
    ]) {
      const res = await exchange({ ...creds, code });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), expected);
    }
    // The code survived the failed attempts.
    assert.ok((await jsonOf(exchange({ ...CREDS, code }))).access_token);
  });

  test("bad_verification_code: unknown, used, expired or another client's code", async () => {
    assert.deepEqual(await jsonOf(exchange({ ...CREDS, code: 'deadbeef' })), BAD_CODE);

    const used = await getCode();
    assert.ok((await jsonOf(exchange({ ...CREDS, code: used }))).access_token);
    assert.deepEqual(await jsonOf(exchange({ ...CREDS, code: used })), BAD_CODE);

    const expiring = await getCode();
    clock += 10 * 60 * 1000;
    assert.deepEqual(await jsonOf(exchange({ ...CREDS, code: expiring })), BAD_CODE);

    fake.addApp({ ...APP, client_id: 'other', client_secret: 'other-secret' });
    const others = await getCode({ client_id: 'other' });
    assert.deepEqual(await jsonOf(exchange({ ...CREDS, code: others })), BAD_CODE);
  });

  test('errors are form-encoded too when JSON is not asked for', async () => {
    const res = await exchange({ ...CREDS, code: 'nope' }, { json: false });
    assert.equal(res.status, 200);
    const form = await res.text();
    assert.equal(form, new URLSearchParams(BAD_CODE).toString());
    assert.match(form, /^error=bad_verification_code&error_description=The\+code\+passed/);
    assert.match(form, /&error_uri=https%3A%2F%2Fdocs\.github\.com%2F.*%23bad-verification-code$/);
  });

  test('redirect_uri_mismatch: not the redirect_uri the code was issued for', async () => {
    const code = await getCode({ redirect_uri: `${CALLBACK}/sub` });
    const res = await exchange({ ...CREDS, code, redirect_uri: CALLBACK });
    assert.equal(res.status, 200);
    assert.deepEqual(
      await res.json(),
      tokenError('redirect_uri_mismatch', MISMATCH, 'redirect-uri-mismatch2', AUTHZ_DOC),
    );
    // Left out, redirect_uri is not checked.
    assert.ok((await jsonOf(exchange({ ...CREDS, code }))).access_token);
  });
});

describe('REST API', () => {
  test("GET /user, Bearer or token: GitHub's user JSON, numeric id, X-OAuth-Scopes", async () => {
    const token = await tokenFor();
    for (const scheme of ['Bearer', 'token', 'bearer']) {
      const res = await get('/user', { authorization: `${scheme} ${token}` });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /application\/json/);
      assert.equal(res.headers.get('x-oauth-scopes'), 'read:user, user:email');
      const user = await res.json();
      assert.equal(user.id, 1001);
      assert.equal(typeof user.id, 'number');
      assert.equal(user.login, 'octo-latch');
      assert.equal(user.name, 'Octo Latch');
      assert.equal(user.email, null);
      assert.equal(user.type, 'User');
      assert.equal(user.html_url, `${fake.baseUrl}/octo-latch`);
      assert.match(user.avatar_url, /^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  test('401: Bad credentials for an unknown token, Requires authentication for none', async () => {
    for (const path of ['/user', '/user/emails']) {
      for (const authorization of ['Bearer gho_nope', 'token gho_nope', 'Basic abc']) {
        const res = await get(path, { authorization });
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), {
          message: 'Bad credentials',
          documentation_url: REST_DOC,
          status: '401',
        });
      }
      const res = await get(path);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).message, 'Requires authentication');
    }
  });

  test('GET /user/emails needs user:email or user; 404 Not Found without', async () => {
    const expected = [
      { email: 'octo@example.com', primary: true, verified: true, visibility: 'private' },
    ];
    for (const scope of ['user:email', 'user', 'read:user,user:email']) {
      const res = await get('/user/emails', bearer(await tokenFor({ scope })));
      assert.equal(res.status, 200, scope);
      assert.deepEqual(await res.json(), expected);
    }
    for (const scope of ['read:user', '']) {
      const res = await get('/user/emails', bearer(await tokenFor({ scope })));
      assert.equal(res.status, 404, scope);
      assert.equal((await res.json()).message, 'Not Found');
    }
  });

  test('unknown paths: 404 JSON', async () => {
    const res = await get('/repos/x/y');
    assert.equal(res.status, 404);
    assert.equal((await res.json()).message, 'Not Found');
  });
});

describe('faults', () => {
  // One request to each endpoint that succeeds while the endpoint is healthy.
  const hit = {
    authorize: (signal) => fetch(fake.baseUrl + authorizeUrl(), { redirect: 'manual', signal }),
    token: async (signal) =>
      fetch(`${fake.baseUrl}/login/oauth/access_token`, {
        method: 'POST',
        signal,
        headers: { accept: 'application/json' },
        body: new URLSearchParams({ ...CREDS, code: await getCode() }),
      }),
    user: (signal, token) => fetch(`${fake.baseUrl}/user`, { signal, headers: bearer(token) }),
    emails: (signal, token) =>
      fetch(`${fake.baseUrl}/user/emails`, { signal, headers: bearer(token) }),
  };

  for (const endpoint of ENDPOINTS) {
    test(`${endpoint}: status500, garbage, wrong_shape, hang, then ok again`, async () => {
      const token = await tokenFor(); // before any fault: the token endpoint may be the broken one
      const call = (signal) => hit[endpoint](signal, token);
      fake.setFaults({ [endpoint]: 'status500' });
      let res = await call();
      assert.equal(res.status, 500);
      assert.match(res.headers.get('content-type'), /text\/html/);
      assert.match(await res.text(), /<html>/);

      fake.setFaults({ [endpoint]: 'garbage' });
      res = await call();
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /application\/json/);
      await assert.rejects(res.json(), SyntaxError);

      fake.setFaults({ [endpoint]: 'wrong_shape' });
      res = await call();
      if (endpoint === 'authorize') {
        const url = location(res); // back to the app with neither code nor error
        assert.deepEqual(Object.fromEntries(url.searchParams), { state: 'st-1' });
      } else {
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { unexpected: true });
      }

      // Set over HTTP this time, as tests in other languages do.
      assert.equal((await sendJsonTo('PUT', '/_fake/faults', { [endpoint]: 'hang' })).status, 204);
      await assert.rejects(call(AbortSignal.timeout(300)), { name: 'TimeoutError' });

      fake.setFaults({});
      res = await call();
      assert.equal(res.status, endpoint === 'authorize' ? 302 : 200);
      if (endpoint !== 'authorize') assert.doesNotMatch(await res.text(), /unexpected/);
    });
  }

  test('a hung request does not keep close() waiting', { timeout: 5000 }, async () => {
    fake.setFaults({ user: 'hang' });
    const client = new AbortController();
    const pending = fetch(`${fake.baseUrl}/user`, { signal: client.signal }).catch((err) => err);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const closed = fake.close().then(() => 'closed');
      const late = new Promise((resolve) => setTimeout(resolve, 1000, 'still open after 1 s'));
      assert.equal(await Promise.race([closed, late]), 'closed');
      assert.ok((await pending) instanceof Error);
    } finally {
      client.abort(); // so a failure here cannot leave the socket, and the run, hanging
      fake = await startFakeGitHub(); // for afterEach
    }
  });
});

describe('control API', () => {
  test('POST /_fake/apps registers an app (201, no secret echoed)', async () => {
    const app = { client_id: 'c2', callback_url: 'http://127.0.0.1:1/cb', name: 'Two' };
    const res = await sendJsonTo('POST', '/_fake/apps', { ...app, client_secret: 's2' });
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), app);
    await getCode({ client_id: 'c2', redirect_uri: app.callback_url });
  });

  test('PUT /_fake/user sets who approves next; a token keeps the user who approved', async () => {
    const before = await tokenFor();
    const user = {
      id: 42,
      login: 'mona',
      name: 'Mona Lisa',
      email: 'mona@example.com',
      avatar_url: 'http://127.0.0.1:1/a.png',
      emails: [{ email: 'mona@example.com', primary: true, verified: false, visibility: 'public' }],
    };
    assert.equal((await sendJsonTo('PUT', '/_fake/user', user)).status, 204);
    const token = await tokenFor();
    const got = await jsonOf(get('/user', bearer(token)));
    assert.deepEqual(
      [got.id, got.login, got.name, got.email, got.avatar_url],
      [user.id, user.login, user.name, user.email, user.avatar_url],
    );
    assert.deepEqual(await jsonOf(get('/user/emails', bearer(token))), user.emails);
    assert.equal((await jsonOf(get('/user', bearer(before)))).login, 'octo-latch');
  });

  test('PUT /_fake/auto_approve and PUT /_fake/faults answer 204', async () => {
    assert.equal((await sendJsonTo('PUT', '/_fake/auto_approve', { enabled: false })).status, 204);
    assert.equal((await get(authorizeUrl())).status, 200);
    assert.equal((await sendJsonTo('PUT', '/_fake/auto_approve', { enabled: true })).status, 204);
    assert.equal((await get(authorizeUrl())).status, 302);
    const faults = { token: 'status500', user: 'ok' };
    assert.equal((await sendJsonTo('PUT', '/_fake/faults', faults)).status, 204);
    assert.deepEqual(fake.state.faults, {
      authorize: 'ok',
      token: 'status500',
      user: 'ok',
      emails: 'ok',
    });
  });

  test('GET /_fake/token_requests lists requests without secrets', async () => {
    const code = await getCode();
    await exchange({ ...CREDS, code, redirect_uri: CALLBACK });
    await exchange({ client_id: CREDS.client_id, code: 'zzz' });
    const res = await get('/_fake/token_requests');
    assert.equal(res.status, 200);
    const list = await res.json();
    assert.deepEqual(list, [
      { client_id: CREDS.client_id, redirect_uri: CALLBACK, code, had_secret: true },
      { client_id: CREDS.client_id, redirect_uri: null, code: 'zzz', had_secret: false },
    ]);
    assert.doesNotMatch(JSON.stringify(list), /shh-secret/);
  });

  test('POST /_fake/reset restores apps, user, faults, auto-approve, codes, tokens', async () => {
    const token = await tokenFor();
    const code = await getCode();
    fake.setUser({ id: 7, login: 'x' });
    fake.setFaults({ emails: 'garbage' });
    fake.setAutoApprove(false);
    assert.equal((await fetch(`${fake.baseUrl}/_fake/reset`, { method: 'POST' })).status, 204);
    assert.equal((await get(authorizeUrl())).status, 404); // the app is gone
    assert.equal((await get('/user', bearer(token))).status, 401);
    assert.deepEqual(await jsonOf(get('/_fake/token_requests')), []);
    fake.addApp(APP);
    assert.deepEqual(await jsonOf(exchange({ ...CREDS, code })), BAD_CODE);
    const fresh = await tokenFor(); // auto-approved again, by the default user
    assert.equal((await jsonOf(get('/user', bearer(fresh)))).login, 'octo-latch');
    assert.equal((await get('/user/emails', bearer(fresh))).status, 200);
  });

  test('bad input: 400 with a message, and the fake keeps serving', async () => {
    const user = { id: 1, login: 'x' };
    const cases = [
      ['POST', '/_fake/apps', '{not json'],
      ['POST', '/_fake/apps', '[]'],
      ['POST', '/_fake/apps', { ...APP, callback_url: 'not a url' }],
      ['POST', '/_fake/apps', { ...APP, client_id: '' }],
      ['PUT', '/_fake/user', '{'],
      ['PUT', '/_fake/user', { ...user, id: '1001' }],
      ['PUT', '/_fake/user', { ...user, login: '' }],
      ['PUT', '/_fake/user', { ...user, name: 5 }],
      ['PUT', '/_fake/user', { ...user, emails: [{}] }],
      ['PUT', '/_fake/faults', 'null'],
      ['PUT', '/_fake/faults', { user: 'explode' }],
      ['PUT', '/_fake/faults', { userinfo: 'ok' }],
      ['PUT', '/_fake/auto_approve', '"yes"'],
      ['PUT', '/_fake/auto_approve', { enabled: 'true' }],
      ['PUT', '/_fake/auto_approve', ''],
    ];
    for (const [method, path, body] of cases) {
      const res = await sendJsonTo(method, path, body);
      assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assert.equal(typeof (await res.json()).error, 'string');
    }
    const big = await sendJsonTo('POST', '/_fake/apps', `"${'x'.repeat(2 << 20)}"`);
    assert.equal(big.status, 413);
    // Garbage on the OAuth endpoints is an OAuth error, not a crash.
    const res = await fetch(`${fake.baseUrl}/login/oauth/access_token`, {
      method: 'POST',
      body: '{oops',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    assert.equal((await res.json()).error, 'incorrect_client_credentials');
    assert.equal((await get(authorizeUrl())).status, 302);
  });
});

describe('standalone process', () => {
  const LIMIT = { timeout: 5000 }; // a regression here tends to hang: fail it instead
  // Children a failed test left running; killed so that the run still ends.
  const children = new Set();
  afterEach(() => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    children.clear();
  });
  // Starts the fake with the given stdin; resolves once its one line is read.
  async function launch(args = [], stdin = 'pipe') {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
    children.add(child);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
    });
    const exited = once(child, 'exit');
    const early = exited.then(() => {
      throw new Error(`exited early: ${out}`);
    });
    while (!out.includes('\n')) await Promise.race([once(child.stdout, 'data'), early]);
    early.catch(() => {});
    assert.match(out, /^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    return { child, exited, baseUrl: out.trim().slice('listening on '.length) };
  }
  const freePort = () =>
    new Promise((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    });

  test('--port N, the control API over HTTP, exit when stdin closes', LIMIT, async () => {
    const port = await freePort();
    const { child, exited, baseUrl } = await launch(['--port', String(port)]);
    assert.equal(baseUrl, `http://127.0.0.1:${port}`);
    const res = await fetch(`${baseUrl}/_fake/apps`, { method: 'POST', body: JSON.stringify(APP) });
    assert.equal(res.status, 201);
    child.stdin.end();
    assert.deepEqual(await exited, [0, null]);
  });

  for (const signal of ['SIGTERM', 'SIGINT']) {
    test(`exits on ${signal}, even with a request hanging`, LIMIT, async () => {
      const { child, exited, baseUrl } = await launch(['--port=0']);
      await fetch(`${baseUrl}/_fake/faults`, { method: 'PUT', body: '{"user":"hang"}' });
      const hanging = fetch(`${baseUrl}/user`).catch((err) => err);
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill(signal);
      assert.deepEqual(await exited, [0, null]);
      assert.ok((await hanging) instanceof Error);
    });
  }

  // tests/support/subprocess.cpp starts children with stdin from /dev/null.
  test('stdin from /dev/null does not stop it', LIMIT, async () => {
    const { child, exited, baseUrl } = await launch([], 'ignore');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await fetch(`${baseUrl}/_fake/token_requests`)).status, 200);
    child.kill('SIGTERM');
    assert.deepEqual(await exited, [0, null]);
  });

  test('bad arguments: usage on stderr, exit 2', LIMIT, async () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--bogus']]) {
      const stdio = ['ignore', 'ignore', 'pipe'];
      const child = spawn(process.execPath, [SCRIPT, ...args], { stdio });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d) => {
        err += d;
      });
      const [code] = await once(child, 'exit');
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /usage: fake_github\.mjs \[--port N\]/);
    }
  });
});
