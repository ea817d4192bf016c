// Issue #14, "Trust first": a crash loses nothing. On SQLite and on PostgreSQL, `latch serve` is
// killed with SIGKILL at random moments (a fixed seed, printed) while a fresh database is being
// set up and then, KILLS times, under a load of sign-ins, token requests, registrations and user
// and app creation; each time it is started again on the same database, with no manual step.
// After each restart, everything a client received before the kill must still hold: access
// tokens open userinfo or verify against /oidc/jwks, ID tokens verify, refresh tokens and codes
// redeem once; every user and app whose creation the client saw is there and whole. At the end,
// no user or app is half written, and none exists whose creation was refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  Browser,
  createUser,
  createUserApp,
  signInThroughForms,
  waitUntilClientKnown,
} from '../interop/support/browser.mjs';
import { createApp, createResource } from '../interop/support/provisioning.mjs';
import { eventually } from '../interop/support/server.mjs';
import { startPostgres } from '../multinode/support/cluster.mjs';
import { Deployment, seededRandom } from './support/deployment.mjs';
import { Load, PASSWORD, RESOURCE, SIGN_IN_WORKERS } from './support/load.mjs';
import {
  authorizationRequest,
  CALLBACK,
  clientCredentials,
  codeFrom,
  redeemCode,
  tokens,
} from '../interop/support/oauth.mjs';
import {
  verifyEvidence,
  verifyNothingHalfWritten,
  verifyUncertainGrants,
} from './support/verify.mjs';

const SEED = Number(process.env.LATCH_CRASH_SEED ?? 20261206);
const KILLS = Number(process.env.LATCH_CRASH_KILLS ?? 5);
const STARTUP_KILLS = 3;
const STARTUP_KILL_MAX_MS = 600; // a fresh start (migrations, four signing keys) takes about this
const LOAD_BEFORE_KILL_MS = [1500, 4500]; // load time before each kill, picked at random
const TIMEOUT_MS = 90000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Apps, the API resource, the sign-in workers' users and browser sessions, a management token.
async function provision(dep) {
  const app = await createUserApp(dep, { type: 'traditional', redirectUris: [CALLBACK] });
  await createResource(dep, { indicator: RESOURCE, scopes: ['read'] });
  const m2m = await createApp(dep, 'm2m');
  const admin = await createApp(dep, 'm2m', ['--management-api']);
  await waitUntilClientKnown(dep, app, CALLBACK);
  const loaded = await eventually(
    async () =>
      (await clientCredentials(dep, m2m, RESOURCE)).status === 200 &&
      (await clientCredentials(dep, admin, 'urn:latch:management', 'all')).status === 200,
  );
  assert.ok(loaded, 'the server did not load the apps and the resource');
  const managementToken = tokens(
    await clientCredentials(dep, admin, 'urn:latch:management', 'all'),
    'management token',
  ).access_token;
  const workers = [];
  for (let i = 0; i < SIGN_IN_WORKERS; i += 1) {
    const user = await createUser(dep, { username: `worker_${i}`, password: PASSWORD });
    const browser = new Browser(dep);
    const request = authorizationRequest(dep, app);
    const callback = await signInThroughForms(
      dep,
      request.url,
      { username: user.username, password: PASSWORD },
      browser,
    );
    const code = codeFrom(dep, callback, request.state);
    tokens(await redeemCode(dep, app, { code, verifier: request.verifier }), 'first sign-in');
    workers.push({ user: { ...user, password: PASSWORD }, browser });
  }
  return { app, m2m, managementToken, workers };
}

// Kills the server during start-up on a fresh database, STARTUP_KILLS times, then starts it.
async function crashWhileSettingUp(t, dep, random) {
  for (let i = 1; i <= STARTUP_KILLS; i += 1) {
    const delay = Math.floor(random() * STARTUP_KILL_MAX_MS);
    const last = await dep.crashAtStartup(delay);
    t.diagnostic(`start-up kill ${i} at ${delay} ms; its last log line: ${last || '(none)'}`);
  }
  t.diagnostic(`then up in ${await dep.start()} ms`);
}

// One kill under load, the restart, and the checks of what clients held before it.
async function killAndCheck(t, { dep, fx, load, random, kill }) {
  const [least, most] = LOAD_BEFORE_KILL_MS;
  const wait = Math.floor(least + random() * (most - least));
  await sleep(wait);
  const n = dep.incarnation;
  assert.ok(
    await eventually(() => load.completed(n) > 0, { timeoutMs: 15000 }),
    `no sign-in completed in incarnation ${n}: the load did not resume`,
  );
  const code = await dep.kill();
  assert.equal(code, 137, 'SIGKILL');
  const upMs = await dep.start();
  const items = load.take(dep.incarnation);
  const problems = [
    ...(await verifyEvidence(dep, fx, items)),
    ...(await verifyUncertainGrants(dep, fx, load.uncertain.grants)),
  ];
  t.diagnostic(
    `kill ${kill} after ${wait} ms of load (${load.completed(n)} sign-ins in that ` +
      `run); up again in ${upMs} ms; ${items.length} things clients held checked, ` +
      `${problems.length} problems`,
  );
  assert.deepEqual(problems.slice(0, 20), [], `after kill ${kill}`);
}

async function crashUnderLoad(t, env) {
  const random = seededRandom(SEED);
  t.diagnostic(`seed ${SEED} (LATCH_CRASH_SEED=${SEED} repeats this schedule), ${KILLS} kills`);
  const dep = await Deployment.create(env);
  let load;
  try {
    await crashWhileSettingUp(t, dep, random);
    const fx = await provision(dep);
    load = new Load(dep, fx, SEED);
    load.start();
    for (let kill = 1; kill <= KILLS; kill += 1) {
      await killAndCheck(t, { dep, fx, load, random, kill });
    }
    const last = dep.incarnation;
    assert.ok(
      await eventually(() => load.completed(last) > 0, { timeoutMs: 15000 }),
      'the load did not resume after the last restart',
    );
    await load.stop();
    const kinds = {};
    for (const item of load.evidence) kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
    t.diagnostic(
      `evidence: ${JSON.stringify(kinds)}; ${load.interrupted} steps cut by kills; ` +
        `uncertain: ${load.uncertain.users.size} users, ${load.uncertain.apps.size} apps`,
    );
    assert.deepEqual(load.failures.slice(0, 10), [], 'the load failed where no kill explains it');

    // Everything once more on the last incarnation, and the whole database.
    const again = await verifyEvidence(
      dep,
      fx,
      load.evidence.filter((item) => !item.revoked),
    );
    const whole = await verifyNothingHalfWritten(dep, fx, load);
    t.diagnostic(`${whole.users} users and ${whole.apps} apps in the database`);
    assert.deepEqual([...again, ...whole.problems].slice(0, 20), []);
    assert.deepEqual(dep.troubleLines(), [], 'the server logs show trouble');
    assert.equal(await dep.stop(), 0, 'the last server stops cleanly on SIGTERM');
  } finally {
    await load?.stop();
    await dep.stop();
  }
}

test(
  'SQLite: SIGKILLs at start-up and under load lose nothing a client was given',
  { timeout: TIMEOUT_MS },
  (t) => crashUnderLoad(t, {}),
);

test(
  'PostgreSQL: SIGKILLs at start-up and under load lose nothing a client was given',
  { timeout: TIMEOUT_MS },
  async (t) => {
    const database = await startPostgres();
    try {
      await crashUnderLoad(t, { LATCH_DATABASE: database.url });
    } finally {
      await database.stop();
    }
  },
);
