// Sign-ins stuck on a provider that never answers, for bench/slow-provider.
//
//   node hung-signins.mjs
//
// Listens on 127.0.0.1:BENCH_SILENT_PORT as the "provider": it accepts every TCP
// connection and says nothing. Then starts BENCH_HUNG social sign-ins at Latch,
// each in a browser of its own: GET /oidc/auth -> the sign-in page -> POST
// /social/:connector ("Continue with ...") -> GET /callback/:connector with the
// state, where Latch sends the code to the provider's token endpoint and waits.
// Prints "HUNG N" once N connections are open at the provider (or fewer after
// 10 s without a new one), then waits for
// SIGTERM; on it, hangs up on every connection (each sign-in then gets Latch's
// "cannot be reached" page), prints "RELEASED" with the statuses Latch
// answered, and exits.
//
// Environment:
//   BENCH_ORIGIN        http://127.0.0.1:PORT of Latch (required)
//   BENCH_APP_ID        a public client (SPA) with BENCH_REDIRECT_URI (required)
//   BENCH_CONNECTOR     the social connector's id, its URLs at the silent port (required)
//   BENCH_SILENT_PORT   where to listen (required)
//   BENCH_HUNG          how many sign-ins (default 50)
//   BENCH_REDIRECT_URI  default http://127.0.0.1:9/cb

import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

const env = process.env;
const need = (name) => {
  if (!env[name]) {
    console.error(`hung-signins: ${name} must be set`);
    process.exit(2);
  }
  return env[name];
};
const origin = need('BENCH_ORIGIN').replace(/\/$/, '');
const appId = need('BENCH_APP_ID');
const connector = need('BENCH_CONNECTOR');
const silentPort = Number.parseInt(need('BENCH_SILENT_PORT'), 10);
const count = Number.parseInt(env.BENCH_HUNG || '50', 10);
const redirectUri = env.BENCH_REDIRECT_URI || 'http://127.0.0.1:9/cb';

// ------------------------------------------------------------- provider ----

const held = new Set();
const provider = net.createServer((socket) => {
  held.add(socket);
  socket.on('error', () => {});
  socket.on('close', () => held.delete(socket));
  if (held.size >= count && !announced) {
    announced = true;
    console.log(`HUNG ${held.size}`);
  }
});
let announced = false;

// ---------------------------------------------------------------- browser ----

// One request with the browser's cookies (name -> value); Set-Cookie updates them.
function request(jar, method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(new URL(path, origin), { method, headers, agent: false }, (res) => {
      for (const line of [].concat(res.headers['set-cookie'] || [])) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Follows redirects that stay on Latch; returns the first other answer.
async function navigate(jar, path) {
  let r = await request(jar, 'GET', path);
  for (let hops = 0; hops < 10 && r.status >= 300 && r.status < 400; hops += 1) {
    const next = new URL(r.location, origin);
    if (next.origin !== origin) break;
    r = await request(jar, 'GET', next.pathname + next.search);
  }
  return r;
}

// Up to the callback; resolves with Latch's answer to it (once the provider hangs up).
async function hungSignIn() {
  const jar = new Map();
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: appId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid',
    state: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const page = await navigate(jar, `/oidc/auth?${q}`);
  const csrf = /name="csrf" value="([^"]*)"/.exec(page.body);
  if (page.status !== 200 || !csrf || !page.body.includes(`/social/${connector}`)) {
    throw new Error(`no sign-in page with the connector: ${page.status} ${page.body.slice(0, 300)}`);
  }
  const go = await request(jar, 'POST', `/social/${connector}`, `csrf=${encodeURIComponent(csrf[1])}`);
  const state = go.location && new URL(go.location).searchParams.get('state');
  if (!state) throw new Error(`no redirect to the provider: ${go.status} ${go.body.slice(0, 300)}`);
  const back = await request(jar, 'GET', `/callback/${connector}?code=never&state=${encodeURIComponent(state)}`);
  return back.status;
}

// ------------------------------------------------------------------ main ----

await new Promise((resolve) => { provider.listen(silentPort, '127.0.0.1', resolve); });
const answers = Array.from({ length: count }, () => hungSignIn().catch((e) => `error: ${e.message}`));
process.on('SIGTERM', async () => {
  provider.close();
  for (const socket of held) socket.destroy();
  const statuses = await Promise.all(answers);
  const tally = {};
  for (const s of statuses) tally[s] = (tally[s] || 0) + 1;
  console.log(`RELEASED ${JSON.stringify(tally)}`);
  process.exit(0);
});
// A server whose database pool the first hung sign-ins took (Latch before issue #14) never lets
// the others reach the provider: after 10 s without a new connection, say how many did.
let last = -1;
let since = Date.now();
const watch = setInterval(() => {
  if (announced) return clearInterval(watch);
  if (held.size !== last) {
    last = held.size;
    since = Date.now();
  } else if (Date.now() - since > 10000) {
    announced = true;
    console.log(`HUNG ${held.size} (of ${count} wanted: the others are stuck before the provider)`);
  }
  return undefined;
}, 100);
setInterval(() => {}, 1 << 30);
