// The soak of bench/soak: one `latch serve` on SQLite (a fresh data dir) under a steady mixed
// load for SOAK_SECONDS, its resident memory (VmRSS) and open descriptors (/proc/PID/fd) sampled
// every SOAK_SAMPLE_SECONDS. Tells whether both stay flat: a leak shows as growth that does not
// level off.
//
// The load, each kind a loop of its own, all at once:
//   client-credentials (2 loops)  POST /oidc/token, client_credentials, a JWT for an API
//   sso (2)        GET /oidc/auth with a browser session -> code -> token (opaque access token,
//                  ID token, refresh token) -> userinfo; every other time also a refresh
//   password (1)   a fresh browser signs in through the hosted form with a password (Argon2id)
//                  -> code -> token; 200 ms apart
//   management (1) management API: list users, create a user (customData), patch its custom
//                  data, read it, delete it; create an app, list apps, delete the app
// Every answer is checked (status, and the tokens a step needs); a wrong one is counted bad.
//
// Verdict: the samples after the warm-up are cut in thirds. RSS is flat when the highest of the
// last third is within SOAK_RSS_TOLERANCE percent of the highest of the first; descriptors do
// not grow when the last third's highest is at most SOAK_FD_SLACK above the first third's.
//
// Environment: SOAK_SECONDS (600), SOAK_SAMPLE_SECONDS (5), SOAK_WARMUP_SECONDS (a tenth of
// the run, at most 60), SOAK_RSS_TOLERANCE (5), SOAK_FD_SLACK (2), SOAK_RESULTS (directory for
// soak.md and soak-samples.tsv; default bench/results), LATCH_BINARY (the latch to run).
// Prints the report (Markdown) on stdout. Exit status: 0 flat, 1 RSS or descriptors grew, 2 the
// run failed or the load saw bad answers.
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const support = (name) => import(path.join(repo, 'tests/interop/support', name));
const { binary, startServer } = await support('server.mjs');
const { Browser, createUser, createUserApp, signInThroughForms, waitUntilClientKnown } =
  await support('browser.mjs');
const { createApp, createResource } = await support('provisioning.mjs');
const oauth = await support('oauth.mjs');

const env = process.env;
const number = (name, fallback) => (env[name] ? Number(env[name]) : fallback);
const SECONDS = number('SOAK_SECONDS', 600);
const SAMPLE_SECONDS = number('SOAK_SAMPLE_SECONDS', 5);
const WARMUP_SECONDS = number('SOAK_WARMUP_SECONDS', Math.min(60, SECONDS / 10));
const RSS_TOLERANCE = number('SOAK_RSS_TOLERANCE', 5);
const FD_SLACK = number('SOAK_FD_SLACK', 2);
const RESULTS = env.SOAK_RESULTS ?? path.join(repo, 'bench/results');
const RESOURCE = 'https://soak.example.test';
const PASSWORD = 'Soak-Meadow-4821';
const MANAGEMENT = 'urn:latch:management';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => process.stderr.write(`soak: ${line}\n`);

// ------------------------------------------------------------------ load ----

const counts = new Map();  // kind -> {good, bad, firstBad}
let stopping = false;

function count(kind, good, why) {
  const c = counts.get(kind) ?? { good: 0, bad: 0, firstBad: null };
  if (good) c.good += 1;
  else {
    c.bad += 1;
    c.firstBad ??= String(why).slice(0, 300);
  }
  counts.set(kind, c);
}

// Runs `step` until the end, `pauseMs` apart; a step that returns is good, one that throws bad.
async function loop(kind, step, pauseMs = 0) {
  while (!stopping) {
    try {
      await step();
      count(kind, true);
    } catch (error) {
      count(kind, false, error.message ?? error);
      await sleep(100);
    }
    if (pauseMs) await sleep(pauseMs);
  }
}

function expect(res, status, what) {
  if (res.status !== status) {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  }
  return res.body;
}

async function codeFlow(server, fx, browser, { password } = {}) {
  const request = oauth.authorizationRequest(server, fx.app);
  let callback;
  if (password) {
    callback = await signInThroughForms(server, request.url, fx.user, browser);
  } else {
    const res = await browser.navigate(String(request.url));
    if (!res.location) throw new Error(`no redirect with the session: ${res.status}`);
    callback = new URL(res.location, server.endpoint);
  }
  const code = oauth.codeFrom(server, callback, request.state);
  return oauth.tokens(await oauth.redeemCode(server, fx.app, { code, verifier: request.verifier }),
    'code');
}

async function ssoStep(server, fx, browser, turn) {
  const tokens = await codeFlow(server, fx, browser);
  expect(await oauth.userinfo(server, tokens.access_token), 200, 'userinfo');
  if (turn % 2 === 0) oauth.tokens(await oauth.refresh(server, fx.app, tokens.refresh_token), 'refresh');
}

async function managementStep(server, fx, n) {
  const api = (route, init) => oauth.managementApi(server, fx.token(), route, init);
  expect(await api('/users?search=soak_&page_size=20'), 200, 'list users');
  const user = expect(await api('/users', {
    method: 'POST', body: { username: `soak_${n}`, customData: { n } },
  }), 200, 'create user');
  expect(await api(`/users/${user.id}/custom-data`, {
    method: 'PATCH', body: { customData: { n, patched: true } },
  }), 200, 'patch custom data');
  expect(await api(`/users/${user.id}`), 200, 'get user');
  expect(await api(`/users/${user.id}`, { method: 'DELETE' }), 204, 'delete user');
  const app = expect(await api('/applications', {
    method: 'POST', body: { name: `soak app ${n}`, type: 'MachineToMachine' },
  }), 200, 'create app');
  expect(await api('/applications?page_size=20'), 200, 'list apps');
  expect(await api(`/applications/${app.id}`, { method: 'DELETE' }), 204, 'delete app');
}

function startLoad(server, fx) {
  let turn = 0;
  const cc = () => loop('client-credentials', async () =>
    oauth.tokens(await oauth.clientCredentials(server, fx.m2m, RESOURCE), 'client credentials'));
  const sso = (browser) => loop('sso', () => ssoStep(server, fx, browser, turn++));
  return Promise.all([
    cc(), cc(),
    ...fx.sessions.map(sso),
    // Argon2id takes tens of ms of a core per sign-in: a few a second, not a core's worth.
    loop('password', () => codeFlow(server, fx, new Browser(server), { password: true }), 200),
    loop('management', () => managementStep(server, fx, turn++)),
  ]);
}

// ------------------------------------------------------------ provisioning ----

async function provision(server) {
  const app = await createUserApp(server, { type: 'traditional', redirectUris: [oauth.CALLBACK] });
  await createResource(server, { indicator: RESOURCE, scopes: ['read'] });
  const m2m = await createApp(server, 'm2m');
  const admin = await createApp(server, 'm2m', ['--management-api']);
  const user = { username: 'soak_user', password: PASSWORD };
  await createUser(server, user);
  await waitUntilClientKnown(server, app, oauth.CALLBACK);
  for (let i = 0; (await oauth.clientCredentials(server, admin, MANAGEMENT, 'all')).status !== 200 ||
    (await oauth.clientCredentials(server, m2m, RESOURCE)).status !== 200; i += 1) {
    if (i > 200) throw new Error('the server did not load the apps');
    await sleep(25);
  }
  // A management token lives an hour: a new one every 20 minutes.
  let token = null;
  let issuedAt = 0;
  const renew = async () => {
    const res = await oauth.clientCredentials(server, admin, MANAGEMENT, 'all');
    token = oauth.tokens(res, 'management token').access_token;
    issuedAt = Date.now();
  };
  await renew();
  const fx = { app, m2m, user, sessions: [], token: () => token };
  fx.renewToken = () => (Date.now() - issuedAt > 20 * 60000 ? renew() : null);
  for (let i = 0; i < 2; i += 1) {
    const browser = new Browser(server);
    await codeFlow(server, fx, browser, { password: true });
    fx.sessions.push(browser);
  }
  return fx;
}

// -------------------------------------------------------------- sampling ----

// The process's open descriptors by what they are: {sockets, files (paths), other}.
function descriptors(pid) {
  const out = { sockets: 0, files: 0, other: 0 };
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target = '';
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;  // closed in between
    }
    if (target.startsWith('socket:')) out.sockets += 1;
    else if (target.startsWith('/')) out.files += 1;
    else out.other += 1;
  }
  return out;
}

function sample(pid, started) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)[1]);
  let requests = 0;
  for (const c of counts.values()) requests += c.good + c.bad;
  return {
    t: (Date.now() - started) / 1000,
    rss: kib('VmRSS'),
    hwm: kib('VmHWM'),
    fds: readdirSync(`/proc/${pid}/fd`).length,
    kinds: descriptors(pid),
    steps: requests,
  };
}

const max = (xs) => Math.max(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const mib = (kib) => (kib / 1024).toFixed(1);

// Least squares slope of RSS over time, KiB per minute.
function slope(samples) {
  const ts = samples.map((s) => s.t);
  const mt = mean(ts);
  const mr = mean(samples.map((s) => s.rss));
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.rss - mr);
    den += (s.t - mt) ** 2;
  }
  return den ? (num / den) * 60 : 0;
}

function verdict(samples) {
  const settled = samples.filter((s) => s.t >= WARMUP_SECONDS);
  const third = Math.floor(settled.length / 3);
  if (third < 1) throw new Error('too few samples after the warm-up: run longer');
  const first = settled.slice(0, third);
  const last = settled.slice(-third);
  const rss = { first: max(first.map((s) => s.rss)), last: max(last.map((s) => s.rss)) };
  const rssMedian = { first: median(first.map((s) => s.rss)), last: median(last.map((s) => s.rss)) };
  const fds = { first: max(first.map((s) => s.fds)), last: max(last.map((s) => s.fds)) };
  return {
    rss,
    rssMedian,
    fds,
    rssFlat: rss.last <= rss.first * (1 + RSS_TOLERANCE / 100),
    fdsFlat: fds.last <= fds.first + FD_SLACK,
    slope: slope(settled),
  };
}

// ---------------------------------------------------------------- report ----

function report({ samples, v, seconds, server }) {
  const total = [...counts.values()].reduce((a, c) => a + c.good, 0);
  const bad = [...counts.values()].reduce((a, c) => a + c.bad, 0);
  const lines = [
    `## Soak (${new Date().toISOString().slice(0, 10)})`,
    '',
    `- ${seconds.toFixed(0)} s of mixed load against one \`latch serve\` on SQLite ` +
      `(${server.binary}), RSS and open descriptors sampled every ${SAMPLE_SECONDS} s; ` +
      `warm-up ${WARMUP_SECONDS} s, then the samples are cut in thirds.`,
    `- Load: ${total} steps (${(total / seconds).toFixed(0)}/s), ${bad} bad:`,
    ...[...counts].map(([kind, c]) => `  ${kind} ${c.good}${c.bad ? `, ${c.bad} bad (first: ${c.firstBad})` : ''}`),
    '',
    '| measure | first third | last third | verdict |',
    '|---|--:|--:|---|',
    `| RSS, highest MiB | ${mib(v.rss.first)} | ${mib(v.rss.last)} | ${v.rssFlat ? 'flat' : '**grew**'} ` +
      `(tolerance ${RSS_TOLERANCE}%) |`,
    `| RSS, median MiB | ${mib(v.rssMedian.first)} | ${mib(v.rssMedian.last)} | |`,
    `| open descriptors, highest | ${v.fds.first} | ${v.fds.last} | ` +
      `${v.fdsFlat ? 'flat' : '**grew**'} (slack ${FD_SLACK}) |`,
    '',
    `Descriptors at the end: ${samples.at(-1).kinds.sockets} sockets, ` +
      `${samples.at(-1).kinds.files} files, ${samples.at(-1).kinds.other} other ` +
      '(eventfds, epoll, pipes).',
    '',
    `RSS after the warm-up: slope ${v.slope.toFixed(1)} KiB/min; start ${mib(samples[0].rss)} MiB, ` +
      `end ${mib(samples.at(-1).rss)} MiB, peak (VmHWM) ${mib(samples.at(-1).hwm)} MiB.`,
    '',
    '| minute | RSS highest MiB | RSS median MiB | descriptors, highest | steps/s |',
    '|--:|--:|--:|--:|--:|',
  ];
  const minutes = Math.ceil(samples.at(-1).t / 60);
  let before = samples[0];
  for (let m = 1; m <= minutes; m += 1) {
    const inside = samples.filter((s) => s.t > (m - 1) * 60 && s.t <= m * 60);
    if (!inside.length) continue;
    const end = inside.at(-1);
    const rate = (end.steps - before.steps) / Math.max(1, end.t - before.t);
    const rss = inside.map((s) => s.rss);
    lines.push(`| ${m} | ${mib(max(rss))} | ${mib(median(rss))} | ` +
      `${max(inside.map((s) => s.fds))} | ${rate.toFixed(0)} |`);
    before = end;
  }
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ main ----

async function main() {
  const server = await startServer({ env: { LATCH_LOG_LEVEL: 'warn' } });
  server.binary = path.relative(repo, binary);
  try {
    const fx = await provision(server);
    log(`latch pid ${server.pid} on ${server.baseUrl}; ${SECONDS} s of load`);
    const started = Date.now();
    const samples = [sample(server.pid, started)];
    const load = startLoad(server, fx);
    while (Date.now() - started < SECONDS * 1000) {
      await sleep(SAMPLE_SECONDS * 1000);
      await fx.renewToken();
      samples.push(sample(server.pid, started));
      const s = samples.at(-1);
      if (Math.round(s.t) % 60 < SAMPLE_SECONDS) {
        log(`${s.t.toFixed(0)} s: RSS ${mib(s.rss)} MiB, ${s.fds} descriptors, ${s.steps} steps`);
      }
    }
    stopping = true;
    await load;
    const seconds = (Date.now() - started) / 1000;
    const v = verdict(samples);
    const text = report({ samples, v, seconds, server });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'soak.md'), text);
    writeFileSync(path.join(RESULTS, 'soak-samples.tsv'),
      ['t_s\trss_kib\thwm_kib\tfds\tsockets\tfiles\tother_fds\tsteps', ...samples.map((s) =>
        `${s.t.toFixed(1)}\t${s.rss}\t${s.hwm}\t${s.fds}\t${s.kinds.sockets}\t${s.kinds.files}\t` +
        `${s.kinds.other}\t${s.steps}`)].join('\n') + '\n');
    process.stdout.write(text);
    const bad = [...counts.values()].some((c) => c.bad > 0);
    return bad ? 2 : (v.rssFlat && v.fdsFlat ? 0 : 1);
  } finally {
    await server.stop();
  }
}

main().then((code) => process.exit(code), (error) => {
  log(error.stack ?? String(error));
  process.exit(2);
});
