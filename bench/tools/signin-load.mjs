// Sign-in load generator for bench/run: authorization code + PKCE completions
// with an existing browser session (SSO), one keep-alive connection and one
// cookie jar per worker, like N browsers signing in to an app again and again.
//
//   node signin-load.mjs login SESSIONS_FILE   sign N fresh browsers in through
//                                              the server's pages, save cookies
//   node signin-load.mjs run SESSIONS_FILE     N workers for BENCH_DURATION,
//                                              print one BENCH line (see below)
//   node signin-load.mjs token SESSIONS_FILE   one completion, print the access
//                                              token (for the userinfo scenario)
//   node signin-load.mjs password              N workers for BENCH_DURATION, each
//                                              signing in again and again through
//                                              the pages with a password, as a
//                                              random user of BENCH_USER_COUNT, a
//                                              fresh cookie jar (no session) every
//                                              time; same BENCH line
// (SESSIONS_FILE may come from BENCH_SESSIONS instead.)
//
// Environment:
//   BENCH_ORIGIN        http://127.0.0.1:PORT (required)
//   BENCH_ISSUER        issuer; the `iss` in the redirect must match (default ORIGIN/oidc)
//   BENCH_APP_ID        public client (SPA, token_endpoint_auth_method none)
//   BENCH_REDIRECT_URI  default http://127.0.0.1:9/cb
//   BENCH_USERNAME, BENCH_PASSWORD   the test account
//   BENCH_USER_COUNT    instead of BENCH_USERNAME: sign in as random users
//                       among this many, named by BENCH_USER_FORMAT (default
//                       user%07d: user0000000 ..), all with BENCH_PASSWORD;
//                       `login` picks a different one for each session
//   BENCH_SIGNIN_CONNS  workers = sessions (default 16)
//   BENCH_DURATION      run time, wrk syntax (default 10s)
//   BENCH_SCOPE         default "openid profile"
//   BENCH_REQUEST_TIMEOUT_MS   per request (default 5000)
//
// One completion = GET /oidc/auth with the session cookie -> 302/303 to the
// redirect URI with code, state (and iss) -> POST /oidc/token
// (authorization_code, code_verifier, client_id) -> 200 with access_token and
// id_token. Its latency is from the first request's start to the token
// response's end. The run prints, like bench/lua/common.lua:
//
//   BENCH requests=N duration_us=N rps=F bytes=N p50_us=N p90_us=N p99_us=N
//         max_us=N bad_status=N bad_body=N err_connect=N err_read=N
//         err_write=N err_status=N err_timeout=N
//
// (requests = good completions; bytes = response bytes, headers included, of
// all requests) and a BENCH-BAD line with the first failure when there was one.
// In `password` mode one "request" is a whole sign-in: GET /oidc/auth without a
// session -> the sign-in page -> POST identifier and password -> redirects ->
// code -> POST /oidc/token, on the worker's keep-alive connection; its latency
// includes the server's password hash verification.
//
// Signing in (the `login` step) walks the server's own pages generically:
// follow redirects; on an HTML page, take the form that has a password field
// (or the only form: consent), keep its hidden inputs and first named submit
// button, fill `identifier` and `password`, post it to its action; stop at
// the redirect to the redirect URI. Latch's /sign-in and the peer's
// /interaction/:uid both fit. When a server's sign-in moves to something
// else (a JSON experience API, say), add a function to LOGIN_DRIVERS and pick
// it with BENCH_LOGIN=name; `BENCH_LOGIN_DEBUG=1` prints every step.

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';

const env = process.env;
const origin = need('BENCH_ORIGIN').replace(/\/$/, '');
const issuer = env.BENCH_ISSUER || `${origin}/oidc`;
const appId = env.BENCH_APP_ID || '';
const redirectUri = env.BENCH_REDIRECT_URI || 'http://127.0.0.1:9/cb';
const scope = env.BENCH_SCOPE || 'openid profile';
const conns = Number.parseInt(env.BENCH_SIGNIN_CONNS || '16', 10);
const durationS = seconds(env.BENCH_DURATION || '10s');
const debug = env.BENCH_LOGIN_DEBUG === '1';
const REQUEST_TIMEOUT_MS = Number.parseInt(env.BENCH_REQUEST_TIMEOUT_MS || '5000', 10);
const issuerPath = new URL(issuer).pathname;
const userCount = Number.parseInt(env.BENCH_USER_COUNT || '0', 10);
const userFormat = env.BENCH_USER_FORMAT || 'user%07d';

function need(name) {
  if (!env[name]) {
    console.error(`signin-load: ${name} must be set`);
    process.exit(2);
  }
  return env[name];
}

function seconds(d) {
  const m = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(d);
  if (!m) throw new Error(`bad duration ${d}`);
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600 })[m[2]];
}

const b64url = (buf) => buf.toString('base64url');

// The account to sign in as: BENCH_USERNAME, or a random one of BENCH_USER_COUNT
// (not in `avoid`, a Set of names already taken, when given).
function account(avoid) {
  if (!userCount) return { username: need('BENCH_USERNAME'), password: need('BENCH_PASSWORD') };
  for (;;) {
    const i = Math.floor(Math.random() * userCount);
    const username = userFormat.replace(/%(0?)(\d*)d/, (m, zero, width) => String(i).padStart(Number(width || 0), zero ? '0' : ' '));
    if (avoid && avoid.has(username) && avoid.size < userCount) continue;
    if (avoid) avoid.add(username);
    return { username, password: need('BENCH_PASSWORD') };
  }
}

// ------------------------------------------------------------ cookie jar ----

// One browser's cookies: name|path -> { name, value, path }. Enough for
// host-only cookies on one origin (all both servers set here).
class Jar {
  constructor(entries = []) { this.map = new Map(entries); }

  take(setCookie, requestPath) {
    for (const line of [].concat(setCookie || [])) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = requestPath.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const a of attrs) {
        const [k, v = ''] = a.split('=');
        const key = k.trim().toLowerCase();
        if (key === 'path') path = v.trim() || '/';
        if (key === 'max-age' && Number(v) <= 0) expired = true;
        if (key === 'expires' && Date.parse(v) < Date.now()) expired = true;
      }
      const id = `${name}|${path}`;
      if (expired) this.map.delete(id);
      else this.map.set(id, { name, value, path });
    }
  }

  header(requestPath) {
    const out = [];
    for (const c of this.map.values()) {
      if (requestPath === c.path || requestPath.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)
        || c.path === '/') out.push(`${c.name}=${c.value}`);
    }
    return out.join('; ');
  }

  toJSON() { return [...this.map]; }
}

// ------------------------------------------------------------------ HTTP ----

// One request on the worker's own keep-alive agent. Resolves with status,
// headers, body and byte count; rejects with err.kind connect|read|timeout.
function request(agent, jar, method, path, { body, headers = {} } = {}) {
  const url = new URL(path, origin);
  const h = { ...headers, accept: headers.accept || '*/*' };
  const cookie = jar.header(url.pathname);
  if (cookie) h.cookie = cookie;
  if (body !== undefined) {
    h['content-type'] = 'application/x-www-form-urlencoded';
    h['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = http.request(url, { method, agent, headers: h }, (res) => {
      responded = true;
      const chunks = [];
      let bytes = 0;
      for (const raw of res.rawHeaders) bytes += raw.length + 2;
      res.on('data', (c) => { chunks.push(c); bytes += c.length; });
      res.on('end', () => {
        jar.take(res.headers['set-cookie'], url.pathname);
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString(), bytes });
      });
      res.on('error', (e) => reject(Object.assign(e, { kind: 'read' })));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { kind: 'timeout' })));
    req.on('error', (e) => reject(e.kind ? e : Object.assign(e, { kind: responded ? 'read' : 'connect' })));
    req.end(body);
  });
}

const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });

// ----------------------------------------------------------- completions ----

class Bad extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

function authorizePath(challenge, state) {
  const q = new URLSearchParams({
    client_id: appId, redirect_uri: redirectUri, response_type: 'code', scope, state,
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  return `${issuerPath}/auth?${q.toString().replace(/\+/g, '%20')}`;
}

function pkce() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()), state: b64url(randomBytes(12)) };
}

// The authorization response in a Location header: code, checked state and iss.
function codeFrom(location, state) {
  const u = new URL(location, origin);
  if (`${u.origin}${u.pathname}` !== redirectUri) return null;
  const p = u.searchParams;
  if (p.get('error')) throw new Bad('body', `authorization error: ${location}`);
  if (p.get('state') !== state) throw new Bad('body', `state mismatch: ${location}`);
  if (p.has('iss') && p.get('iss') !== issuer) throw new Bad('body', `iss mismatch: ${location}`);
  if (!p.get('code')) throw new Bad('body', `no code: ${location}`);
  return p.get('code');
}

async function exchange(agent, jar, code, verifier, bytes) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, client_id: appId,
  });
  const r = await request(agent, jar, 'POST', `${issuerPath}/token`, { body: form.toString(), headers: { accept: 'application/json' } });
  bytes.n += r.bytes;
  if (r.status !== 200) throw new Bad('status', `token ${r.status} ${r.body.slice(0, 200)}`);
  let t;
  try { t = JSON.parse(r.body); } catch { throw new Bad('body', `token: not JSON: ${r.body.slice(0, 200)}`); }
  if (typeof t.access_token !== 'string' || !t.access_token
    || typeof t.id_token !== 'string' || t.id_token.split('.').length !== 3) {
    throw new Bad('body', `token response without access_token and id_token: ${r.body.slice(0, 200)}`);
  }
  return t;
}

// One completion with an existing session; returns the token response.
async function completion(agent, jar, bytes) {
  const { verifier, challenge, state } = pkce();
  const r = await request(agent, jar, 'GET', authorizePath(challenge, state));
  bytes.n += r.bytes;
  if (r.status !== 302 && r.status !== 303) {
    throw new Bad('status', `auth ${r.status} ${r.headers.location || ''} ${r.body.slice(0, 160)}`);
  }
  const code = codeFrom(r.headers.location || '', state);
  if (!code) throw new Bad('body', `auth did not answer with a code (session lost?): ${r.headers.location}`);
  return exchange(agent, jar, code, verifier, bytes);
}

// ----------------------------------------------------------------- login ----

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

// The form to submit on an HTML page, as { action, method, fields }.
function pageForm(html, creds) {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
  const form = forms.find((f) => /type\s*=\s*["']?password/i.test(f[2])) || (forms.length === 1 ? forms[0] : null);
  if (!form) return null;
  const fa = attrs(form[1]);
  const fields = new URLSearchParams();
  let button = null;
  for (const m of form[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
    const a = attrs(m[2]);
    const type = (a.type || (m[1].toLowerCase() === 'button' ? 'submit' : 'text')).toLowerCase();
    if (!a.name) continue;
    if (type === 'submit') { button ??= a; continue; }
    if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
    fields.set(a.name, a.value || '');
  }
  if (button) fields.set(button.name, button.value || '');
  if (fields.has('identifier')) fields.set('identifier', creds.username);
  if (fields.has('password')) fields.set('password', creds.password);
  return { action: fa.action || '', method: (fa.method || 'get').toUpperCase(), fields };
}

// Latch's pages and the peer's interaction page: follow the browser's path.
async function loginWithPages(agent, jar, creds, bytes = { n: 0 }) {
  const { verifier, challenge, state } = pkce();
  let method = 'GET';
  let path = authorizePath(challenge, state);
  let body;
  let here = path;
  for (let step = 0; step < 12; step += 1) {
    const r = await request(agent, jar, method, path, { body, headers: { accept: 'text/html' } });
    bytes.n += r.bytes;
    if (debug) console.error(`login: ${method} ${path} -> ${r.status} ${r.headers.location || ''}`);
    here = path;
    if (r.status >= 300 && r.status < 400 && r.headers.location) {
      const code = codeFrom(r.headers.location, state);
      if (code) return exchange(agent, jar, code, verifier, bytes);
      method = 'GET'; body = undefined;
      path = new URL(r.headers.location, new URL(here, origin)).href;
      continue;
    }
    const form = r.status === 200 || r.status === 400 || r.status === 401 ? pageForm(r.body, creds) : null;
    if (!form || step > 0 && r.status !== 200 && method === 'POST') {
      throw new Bad('status', `sign-in stuck at ${method} ${path}: ${r.status}; the page was:\n${r.body.slice(0, 1500)}`);
    }
    const target = new URL(form.action || here, new URL(here, origin));
    if (form.method === 'POST') {
      method = 'POST'; body = form.fields.toString(); path = target.href;
    } else {
      method = 'GET'; body = undefined; target.search = form.fields.toString(); path = target.href;
    }
  }
  throw new Bad('status', 'sign-in did not reach the redirect URI within 12 steps');
}

const LOGIN_DRIVERS = { pages: loginWithPages };

// A fresh browser signed in; retries for up to 5 s (Latch caches apps briefly,
// so the app the CLI just made may take a moment to be seen).
function loginDriver() {
  const driver = LOGIN_DRIVERS[env.BENCH_LOGIN || 'pages'];
  if (!driver) throw new Error(`unknown BENCH_LOGIN ${env.BENCH_LOGIN}`);
  return driver;
}

async function signIn(creds) {
  const driver = loginDriver();
  const deadline = Date.now() + 5000;
  for (;;) {
    const jar = new Jar();
    const agent = newAgent();
    try {
      await driver(agent, jar, creds);
      await completion(agent, jar, { n: 0 }); // the session really gives SSO
      agent.destroy();
      return jar;
    } catch (e) {
      agent.destroy();
      if (Date.now() > deadline) throw e;
      await new Promise((r) => { setTimeout(r, 100); });
    }
  }
}

// ------------------------------------------------------------------- run ----

// N workers for BENCH_DURATION, each calling step(agent, bytes, worker index)
// again and again; prints the BENCH line.
async function load(workers, step) {
  const lat = [];
  const count = { bad_status: 0, bad_body: 0, err_connect: 0, err_read: 0, err_timeout: 0 };
  const bytes = { n: 0 };
  let first = '';
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(durationS * 1e9));
  const worker = async (index) => {
    const agent = newAgent();
    while (process.hrtime.bigint() < end) {
      const t0 = process.hrtime.bigint();
      try {
        await step(agent, bytes, index);
        const t1 = process.hrtime.bigint();
        if (t1 <= end) lat.push(Number(t1 - t0) / 1000);
      } catch (e) {
        const key = { status: 'bad_status', body: 'bad_body', connect: 'err_connect', read: 'err_read', timeout: 'err_timeout' }[e.kind] || 'err_read';
        count[key] += 1;
        if (!first) first = `${e.kind}: ${e.message}`;
        if (e.kind !== 'status' && e.kind !== 'body') await new Promise((r) => { setTimeout(r, 10); });
      }
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  const durationUs = Number(end - start) / 1000;
  lat.sort((a, b) => a - b);
  const pct = (p) => Math.round(lat.length ? lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] : 0);
  console.log(`BENCH requests=${lat.length} duration_us=${Math.round(durationUs)} rps=${(lat.length / (durationUs / 1e6)).toFixed(1)}`
    + ` bytes=${bytes.n} p50_us=${pct(50)} p90_us=${pct(90)} p99_us=${pct(99)} max_us=${pct(100)}`
    + ` bad_status=${count.bad_status} bad_body=${count.bad_body} err_connect=${count.err_connect}`
    + ` err_read=${count.err_read} err_write=0 err_status=0 err_timeout=${count.err_timeout}`);
  const nbad = Object.values(count).reduce((a, b) => a + b, 0);
  if (nbad > 0) console.log(`BENCH-BAD ${nbad} completions failed; first: ${first.replace(/[\r\n]+/g, ' ').slice(0, 400)}`);
}

// Completions with the saved sessions (mode run).
const run = (jars) => load(conns, (agent, bytes, i) => completion(agent, jars[i], bytes));

// Password sign-ins as random users, a fresh cookie jar each (mode password).
const passwords = () => {
  const driver = loginDriver();
  return load(conns, (agent, bytes) => driver(agent, new Jar(), account(), bytes));
};

// ------------------------------------------------------------------ main ----

const mode = process.argv[2];
const file = process.argv[3] || env.BENCH_SESSIONS;
if (!['login', 'run', 'token', 'password'].includes(mode) || (!file && mode !== 'password')) {
  console.error('usage: signin-load.mjs login|run|token SESSIONS_FILE | password');
  process.exit(2);
}
need('BENCH_APP_ID');
try {
  if (mode === 'password') {
    await passwords();
  } else if (mode === 'login') {
    const jars = [];
    const taken = new Set();
    for (let i = 0; i < conns; i += 4) {
      const batch = Array.from({ length: Math.min(4, conns - i) }, () => account(taken));
      jars.push(...await Promise.all(batch.map(signIn)));
    }
    writeFileSync(file, JSON.stringify(jars));
    console.error(`signin-load: ${jars.length} browser sessions signed in`);
  } else {
    const jars = JSON.parse(readFileSync(file, 'utf8')).map((e) => new Jar(e));
    if (jars.length < conns) throw new Error(`${file} holds ${jars.length} sessions, ${conns} needed`);
    if (mode === 'token') {
      const agent = newAgent();
      const t = await completion(agent, jars[0], { n: 0 });
      agent.destroy();
      console.log(t.access_token);
    } else {
      await run(jars);
    }
  }
} catch (e) {
  console.error(`signin-load ${mode}: ${e.kind ? `${e.kind}: ` : ''}${e.message}`);
  process.exit(1);
}
