// The multi-node stack of issue #8 on loopback: one throw-away PostgreSQL cluster
// (scripts/pg-cluster), two Latch nodes on it (tests/interop/support/server.mjs) that share the
// master key and the public `endpoint`, and HAProxy in front of them (round robin, health checks
// on /readyz, retries with redispatch). Plus what the tests do against it: an openid-client
// configuration pinned to one node or to the balancer, sign-ins through the hosted forms, and
// ID and access token checks against a node's own JWKS.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Browser, parseForm, signInThroughForms } from '../../interop/support/browser.mjs';
import { clientCredentials } from '../../interop/support/provisioning.mjs';
import {
  eventually,
  importPackage,
  root,
  runProgram,
  startServer,
} from '../../interop/support/server.mjs';

export const client = await importPackage('openid-client');
export const jose = await importPackage('jose');

// What one node changes reaches the other's caches (applications, keys, sign-in experience) as
// soon as PostgreSQL delivers the NOTIFY, and at the latest at its next look at cache_epochs
// (every 250 ms). Cross-node checks poll for at most this long.
export const CROSS_NODE_MS = 2000;

export const crossNode = (condition) =>
  eventually(condition, { timeoutMs: CROSS_NODE_MS, intervalMs: 20 });

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A loopback port free right now (the balancer's, which the nodes must know before it starts).
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const pgCluster = path.join(root, 'scripts/pg-cluster');

// A PostgreSQL cluster in its own temp dir; pg-cluster makes it owned by `nobody` when we are
// root, so it cannot live under a 0700 directory of ours.
export async function startPostgres() {
  const dir = path.join(tmpdir(), `latch-multinode-pg-${randomBytes(6).toString('hex')}`);
  // pg_ctl detaches the server: a test process that dies without after() must still stop it.
  const stopOnExit = () => spawnSync(pgCluster, ['stop', dir], { stdio: 'ignore' });
  process.on('exit', stopOnExit);
  const stop = async () => {
    process.off('exit', stopOnExit);
    await runProgram(pgCluster, ['stop', dir]);
  };
  const started = await runProgram(pgCluster, ['start', dir]);
  if (started.code !== 0) {
    await stop();
    throw new Error(
      `cannot start PostgreSQL (scripts/pg-cluster start; scripts/install-deps ` +
        `installs it): ${started.stderr.trim()}`,
    );
  }
  return { url: started.stdout.trim(), stop };
}

// Round robin over the nodes, one thread, keep-alive with clients and nodes (HAProxy's default).
// `watched` (the tests; the default) adds what lets a test see and survive a node going away:
// health checks every 200 ms take a dead node out after two misses; until then, and for requests
// in flight when it dies, a connection refused, an empty answer or no answer in time is retried
// on the other node (L7 retries replay the buffered request); every request is logged to stderr as
// "METHOD PATH STATUS SERVER retries=N term=XX" (N is prefixed with + when the request was
// redispatched), X-Latch-Node names the node that answered, and X-Forwarded-For the client.
// Unwatched (bench/run's latch-pg2) it only balances, so that its CPU time is the cost of
// balancing alone.
function haproxyConfig(port, nodes, { watched = true } = {}) {
  const when = (lines) => (watched ? lines.map((line) => `  ${line}\n`).join('') : '');
  const servers = nodes
    .map((node) => `  server ${node.name} 127.0.0.1:${node.port}` + (watched ? ' check' : ''))
    .join('\n');
  return `global
  nbthread 1
  maxconn 4096
${when(['log stderr format raw local0 info'])}
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 10s
${when([
  'option forwardfor',
  'log global',
  'log-format "%HM %HP %ST %s retries=%rc term=%ts"',
  'timeout check 1s',
  'retries 3',
  'option redispatch 1',
  'retry-on conn-failure empty-response response-timeout',
])}
frontend latch_in
  bind 127.0.0.1:${port}
  default_backend latch

backend latch
  balance roundrobin
${when([
  'option httpchk',
  'http-check send meth GET uri /readyz',
  'http-check expect status 200',
  'http-response set-header X-Latch-Node %[srv_name]',
  'default-server inter 200ms fastinter 100ms downinter 500ms fall 2 rise 2',
])}${servers}
`;
}

const requestLine = /^(\S+) (\S+) (-?\d+) (\S+) retries=(\+?)(\d+) term=(\S+)$/;

async function startHaproxy(dir, port, nodes, { watched = true } = {}) {
  const config = path.join(dir, 'haproxy.cfg');
  await writeFile(config, haproxyConfig(port, nodes, { watched }));
  const child = spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => lines.push(line));
  }
  let gone = null; // how haproxy ended, once it has
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal));
    child.on('error', (error) => resolve(error));
  }).then((how) => {
    gone = how;
    return how;
  });
  const url = `http://127.0.0.1:${port}`;
  const balancer = {
    name: 'balancer',
    pid: child.pid,
    port: Number(port),
    endpoint: url,
    baseUrl: url,
    issuer: `${url}/oidc`,
    log: () => lines.join('\n'),
    // The requests logged since line `from`: {method, path, status, server, retries,
    // redispatched, termination}.
    requests: (from = 0) =>
      lines
        .slice(from)
        .map((line) => requestLine.exec(line))
        .filter(Boolean)
        .map(([, method, p, status, server, plus, retries, termination]) => ({
          method,
          path: p,
          status: Number(status),
          server,
          retries: Number(retries),
          redispatched: plus === '+',
          termination,
        })),
    mark: () => lines.length,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      process.off('exit', killOnExit);
    },
  };
  // Ready when both nodes have answered /readyz through it (unwatched: when one has; both were
  // ready before it started).
  const seen = new Set();
  const ready = await eventually(
    async () => {
      if (gone !== null) return true;
      try {
        const res = await fetch(`${url}/readyz`);
        if (res.status === 200) seen.add(res.headers.get('x-latch-node'));
      } catch {
        // not listening yet
      }
      return watched ? nodes.every((node) => seen.has(node.name)) : seen.size > 0;
    },
    { timeoutMs: 10000 },
  );
  if (gone !== null) {
    process.off('exit', killOnExit);
    throw new Error(
      gone?.code === 'ENOENT'
        ? 'haproxy is not installed (scripts/install-deps installs it)'
        : `haproxy exited (${gone}):\n${balancer.log()}`,
    );
  }
  if (!ready) {
    await balancer.stop();
    throw new Error(`haproxy did not reach both nodes (saw ${[...seen]}):\n${balancer.log()}`);
  }
  return balancer;
}

// Starts the stack. Resolves with {a, b, nodes, balancer, endpoint, issuer, env, stop}; a and b
// are startServer() servers (with `name`), their cli() runs with the node's environment (same
// database and master key); stop() ends all of it and resolves with the nodes' exit codes.
// `env` adds to (or overrides) every node's environment. The nodes trust the balancer's
// X-Forwarded-For (docs/deploy.md); requests the tests send to a node directly keep 127.0.0.1.
// `database` (a URL): the nodes use that database instead of a cluster of their own. `watched`:
// the balancer's, see haproxyConfig.
export async function startCluster({
  env: extraEnv = {},
  database: databaseUrl,
  watched = true,
} = {}) {
  const parts = []; // [name, stop], stopped last first
  const stopAll = async () => {
    const codes = {};
    while (parts.length) {
      const [name, stop] = parts.pop();
      codes[name] = await stop().catch((error) => error);
    }
    return codes;
  };
  try {
    const dir = await mkdtemp(path.join(tmpdir(), 'latch-multinode-'));
    parts.push(['dir', () => rm(dir, { recursive: true, force: true })]);
    const database = databaseUrl ? { url: databaseUrl } : await startPostgres();
    if (!databaseUrl) parts.push(['postgres', database.stop]);
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    // Every node: the same database, the same master key (created by the first node that starts),
    // the same public endpoint (the issuer must not depend on the node that answers); each has
    // its own data dir.
    const env = {
      LATCH_DATABASE: database.url,
      LATCH_MASTER_KEY_FILE: path.join(dir, 'master.key'),
      LATCH_ENDPOINT: endpoint,
      LATCH_TRUSTED_PROXIES: '127.0.0.1',
      ...extraEnv,
    };
    // Both at once on the fresh deployment, as an orchestrator starts them: they must agree on
    // one master key file, one set of signing keys and one console client (first-start races).
    const started = await Promise.allSettled(
      ['a', 'b'].map(async (name) => Object.assign(await startServer({ env }), { name })),
    );
    const nodes = [];
    for (const result of started) {
      if (result.status === 'fulfilled') {
        parts.push([result.value.name, () => result.value.stop()]);
        nodes.push(result.value);
      }
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const balancer = await startHaproxy(dir, new URL(endpoint).port, nodes, { watched });
    parts.push(['balancer', balancer.stop]);
    return {
      a: nodes[0],
      b: nodes[1],
      nodes,
      balancer,
      endpoint,
      issuer: `${endpoint}/oidc`,
      env,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

// An openid-client Configuration for the confidential `app` (client_secret_basic) whose every
// request (discovery, token, JWKS, userinfo) goes to `target`, a node or the balancer: the
// shared endpoint's URLs are sent to the target's own address. ID token signatures are checked
// against the target's JWKS.
export function configureAt(target, app) {
  const endpoint = target.endpoint;
  const onTarget = (url) =>
    url.startsWith(`${endpoint}/`) ? `${target.baseUrl}${url.slice(endpoint.length)}` : url;
  return client.discovery(
    new URL(target.issuer),
    app.id,
    undefined,
    client.ClientSecretBasic(app.secret),
    {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
      [client.customFetch]: (url, options) => fetch(onTarget(url), options),
    },
  );
}

// An authorization URL for `config` (on the shared endpoint) with PKCE, state and nonce, and the
// checks authorizationCodeGrant needs for its callback.
export async function authorizationRequest(config, redirectUri, scope = 'openid profile') {
  const verifier = client.randomPKCECodeVerifier();
  const checks = {
    pkceCodeVerifier: verifier,
    expectedState: client.randomState(),
    expectedNonce: client.randomNonce(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: checks.expectedState,
    nonce: checks.expectedNonce,
    // As Logto's SDKs ask: offline_access is granted only with prompt=consent (OIDC Core §11).
    prompt: 'consent',
  });
  return { url, checks };
}

// A Browser (a cookie jar over fetch) that records each request as "NODE METHOD PATH STATUS"; its
// `server` may be switched to another node between requests: the cookies go along.
export class RecordingBrowser extends Browser {
  visits = [];

  async request(target, options = {}) {
    const res = await super.request(target, options);
    const { pathname } = new URL(this.onServer(target) ?? target, 'http://x');
    const method = options.form ? 'POST' : (options.method ?? 'GET');
    this.visits.push(`${this.server.name} ${method} ${pathname} ${res.status}`);
    return res;
  }
}

// The whole code flow through `target` (a node or the balancer): the authorization request, the
// hosted sign-in form, and the code redeemed and checked by openid-client. Resolves with the
// token response (claims() holds the verified ID token's claims).
export async function signIn(
  target,
  config,
  redirectUri,
  user,
  { scope, browser = new Browser(target) } = {},
) {
  const { url, checks } = await authorizationRequest(config, redirectUri, scope);
  const callback = await signInThroughForms(target, url, user, browser);
  return client.authorizationCodeGrant(config, callback, checks);
}

// Opens `url` at node `from`, gets the sign-in page and posts the credentials there, then
// follows the answer (the rest of the interaction) at node `to`. Resolves with the callback URL
// and the browser (its `visits` say which node answered what).
export async function signInAcross(from, to, url, { username, password }) {
  const browser = new RecordingBrowser(from);
  const page = await browser.navigate(String(url));
  const form = parseForm(page.body);
  assert.equal(form?.action, '/sign-in', `expected the sign-in page: ${page.body.slice(0, 300)}`);
  const posted = await browser.request(form.action, {
    form: { ...form.fields, identifier: username, password },
  });
  browser.server = to;
  const res = await browser.follow(posted);
  assert.ok(
    res.status >= 300 && res.status < 400 && res.location,
    `the sign-in stopped with ${res.status}: ${res.body.slice(0, 300)}\n${browser.visits.join('\n')}`,
  );
  return { callback: new URL(res.location, to.endpoint), browser };
}

// `node`'s JWKS, fetched from it.
export async function jwksOf(node) {
  const res = await fetch(`${node.baseUrl}/oidc/jwks`);
  assert.equal(res.status, 200);
  return res.json();
}

// Verifies `jwt` with the keys `node` publishes; resolves with jose's {payload, protectedHeader}.
export async function verifyWithJwksOf(node, jwt, options) {
  return jose.jwtVerify(jwt, jose.createLocalJWKSet(await jwksOf(node)), options);
}

// GET /oidc/me at `node` with `accessToken`; resolves with {status, body}.
export async function userinfoAt(node, accessToken) {
  const res = await fetch(`${node.baseUrl}/oidc/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

// A client_credentials request for the management API (scope all) by the m2m app `admin`.
export const requestManagementTokenFor = (node, admin) =>
  clientCredentials(node, admin, { resource: 'urn:latch:management', scope: 'all' });

// A management API token from `node` for `admin`.
export async function managementTokenFor(node, admin) {
  const res = await requestManagementTokenFor(node, admin);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.access_token;
}

// The command line, for bench/run (its server latch-pg2):
//   node tests/multinode/support/cluster.mjs start [--database URL] [--unwatched]
// starts the stack with the LATCH_* settings of its own environment on both nodes (but for those
// the stack sets: data dir, port, bind address, database, master key file, endpoint), prints one
// line of JSON, {endpoint, issuer, env, nodes: [{name, pid, port, baseUrl, dataDir}], balancer:
// {pid, port}}, and on SIGTERM or SIGINT stops it all, writes the nodes' logs to stderr and exits
// 0. When the stack does not start it exits 1 with the reason on stderr.
const stackSettings = new Set([
  'LATCH_DATA_DIR',
  'LATCH_PORT',
  'LATCH_BIND_ADDRESS',
  'LATCH_DATABASE',
  'LATCH_MASTER_KEY_FILE',
  'LATCH_ENDPOINT',
]);

async function main(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { database: { type: 'string' }, unwatched: { type: 'boolean', default: false } },
  });
  if (positionals.join(' ') !== 'start') {
    throw new Error('usage: cluster.mjs start [--database URL] [--unwatched]');
  }
  const settings = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name.startsWith('LATCH_') && !stackSettings.has(name),
    ),
  );
  // A signal while the stack starts: exit, and the 'exit' handlers kill what has started.
  const early = () => process.exit(1);
  process.once('SIGTERM', early);
  process.once('SIGINT', early);
  const stack = await startCluster({
    env: settings,
    database: values.database,
    watched: !values.unwatched,
  });
  process.off('SIGTERM', early);
  process.off('SIGINT', early);
  const stop = async () => {
    await stack.stop();
    for (const node of stack.nodes) process.stderr.write(node.log());
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const nodes = stack.nodes.map(({ name, pid, port, baseUrl, dataDir }) => ({
    name,
    pid,
    port,
    baseUrl,
    dataDir,
  }));
  const { endpoint, issuer, env, balancer } = stack;
  console.log(
    JSON.stringify({
      endpoint,
      issuer,
      env,
      nodes,
      balancer: { pid: balancer.pid, port: balancer.port },
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
