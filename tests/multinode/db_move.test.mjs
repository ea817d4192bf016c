// Issue #8, `latch db export` / `latch db import`: a deployment moves from SQLite to PostgreSQL
// and back without loss. The rows read back identical at every step, and what the data stands
// for keeps working on the new database: the signing keys (same kids), a refresh token and an
// opaque access token issued before the move, an app's secret, a user's password. Import is all
// or nothing and refuses to overwrite a deployment in use unless told to.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { createUser, createUserApp, waitUntilClientKnown } from '../interop/support/browser.mjs';
import { clientCredentials, createApp, createResource } from '../interop/support/provisioning.mjs';
import { binary, eventually, runProgram, startServer } from '../interop/support/server.mjs';
import {
  client,
  configureAt,
  jwksOf,
  signIn,
  startPostgres,
  userinfoAt,
} from './support/cluster.mjs';

const TIMEOUT = 90000;
const CALLBACK = 'http://127.0.0.1:3000/callback';
const USER = { username: 'mover', password: 'Harbor-Lantern-5512' };
// The master key travels with the data (the secrets in it are sealed with it).
const MASTER_KEY = randomBytes(32).toString('base64');

let postgres;
let dir;

before(
  async () => {
    postgres = await startPostgres();
    dir = await mkdtemp(path.join(tmpdir(), 'latch-db-move-'));
  },
  { timeout: TIMEOUT },
);

after(async () => {
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// `latch ARGS` against `database` (a postgres:// URL, or a fresh SQLite data dir when omitted).
async function latch(args, { database, dataDir } = {}) {
  const env = { ...process.env, LATCH_MASTER_KEY: MASTER_KEY, LATCH_LOG_LEVEL: 'warn' };
  for (const name of Object.keys(env)) {
    if (name.startsWith('LATCH_') && name !== 'LATCH_MASTER_KEY' && name !== 'LATCH_LOG_LEVEL') {
      delete env[name];
    }
  }
  env.LATCH_DATA_DIR = dataDir ?? (await mkdtemp(path.join(dir, 'data-')));
  if (database) env.LATCH_DATABASE = database;
  return runProgram(binary, args, { env });
}

// The tables of an export file, each as its column list and its rows sorted (row order within a
// table is not part of the contract), without the header (it carries the export time).
async function contents(file) {
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const header = JSON.parse(lines[0]);
  assert.equal(header.format, 'latch-export');
  const tables = {};
  let current;
  for (const line of lines.slice(1)) {
    const value = JSON.parse(line);
    if (Array.isArray(value)) current.rows.push(JSON.stringify(value));
    else if (value.table) tables[value.table] = current = { columns: value.columns, rows: [] };
    else assert.equal(value.end, true);
  }
  for (const table of Object.values(tables)) table.rows.sort();
  return tables;
}

const rowCount = (tables, name) => tables[name].rows.length;

test(
  'a SQLite deployment moves to PostgreSQL and back without loss',
  { timeout: TIMEOUT },
  async () => {
    // A deployment on SQLite with some of everything: users, apps, an API with scopes, rotated
    // keys, a signed-in session with its grant and tokens.
    const sqlite = await startServer({ env: { LATCH_MASTER_KEY: MASTER_KEY } });
    let tokens;
    let kids;
    let app;
    let m2m;
    const file = path.join(dir, 'from-sqlite.jsonl');
    try {
      const user = await createUser(sqlite, { ...USER, email: 'mover@example.com' });
      app = await createUserApp(sqlite, { type: 'traditional', redirectUris: [CALLBACK] });
      m2m = await createApp(sqlite, 'm2m');
      await createResource(sqlite, {
        indicator: 'https://api.example.com',
        scopes: ['read:books', 'write:books'],
      });
      const [{ kid: rotated }] = await sqlite.cliJson([
        'keys',
        'rotate',
        '--alg',
        'ES256',
        '--json',
      ]);
      await waitUntilClientKnown(sqlite, app, CALLBACK);
      tokens = await signIn(sqlite, await configureAt(sqlite, app), CALLBACK, USER, {
        scope: 'openid profile offline_access',
      });
      assert.equal(tokens.claims().sub, user.id);
      // The node picks the CLI's rotation up from the database (within 250 ms on SQLite).
      kids = await eventually(async () => {
        const published = (await jwksOf(sqlite)).keys.map((key) => key.kid).sort();
        return published.includes(rotated) && published;
      });
      assert.ok(kids, `the rotated key ${rotated} never reached the JWKS`);

      const exported = await sqlite.cli(['db', 'export', file]);
      assert.equal(exported.code, 0, exported.stderr);
    } finally {
      await sqlite.stop();
    }
    const original = await contents(file);
    assert.equal(rowCount(original, 'users'), 1);
    assert.ok(rowCount(original, 'signing_keys') >= 5, 'every alg, plus the rotated ES256 key');
    assert.ok(rowCount(original, 'refresh_tokens') >= 1);
    assert.ok(original.scopes.rows.some((row) => row.includes('"read:books"')));

    // Into PostgreSQL, and straight back out: the same rows.
    const imported = await latch(['db', 'import', file], { database: postgres.url });
    assert.equal(imported.code, 0, imported.stderr);
    const fromPostgres = path.join(dir, 'from-postgres.jsonl');
    const reexported = await latch(['db', 'export', fromPostgres], { database: postgres.url });
    assert.equal(reexported.code, 0, reexported.stderr);
    assert.deepEqual(await contents(fromPostgres), original);

    // Served from PostgreSQL, the deployment carries on where it stopped.
    const node = await startServer({
      env: { LATCH_MASTER_KEY: MASTER_KEY, LATCH_DATABASE: postgres.url },
    });
    try {
      assert.deepEqual((await jwksOf(node)).keys.map((key) => key.kid).sort(), kids);
      // Issued on SQLite, redeemed on PostgreSQL.
      assert.equal((await userinfoAt(node, tokens.access_token)).body.sub, tokens.claims().sub);
      const config = await configureAt(node, app);
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
      assert.equal(refreshed.claims().sub, tokens.claims().sub);
      // The app secret (sealed with the master key) and the password hash came along.
      const granted = await clientCredentials(node, m2m, {
        resource: 'https://api.example.com',
        scope: 'read:books',
      });
      assert.equal(granted.status, 200, await granted.clone().text());
      const again = await signIn(node, config, CALLBACK, USER);
      assert.equal(again.claims().sub, tokens.claims().sub);
    } finally {
      assert.equal(await node.stop(), 0);
    }

    // And from PostgreSQL back into a fresh SQLite database: the same rows again.
    const sqliteDir = await mkdtemp(path.join(dir, 'back-'));
    const back = await latch(['db', 'import', fromPostgres], { dataDir: sqliteDir });
    assert.equal(back.code, 0, back.stderr);
    const roundTrip = path.join(dir, 'round-trip.jsonl');
    const last = await latch(['db', 'export', roundTrip], { dataDir: sqliteDir });
    assert.equal(last.code, 0, last.stderr);
    assert.deepEqual(await contents(roundTrip), original);
  },
);

test(
  'import is all or nothing, and does not overwrite a deployment in use unless told to',
  { timeout: TIMEOUT },
  async () => {
    const source = await mkdtemp(path.join(dir, 'source-'));
    assert.equal(
      (
        await latch(['user', 'create', '--username', 'kept', '--password', 'Kettle-Window-8841'], {
          dataDir: source,
        })
      ).code,
      0,
    );
    const file = path.join(dir, 'small.jsonl');
    assert.equal((await latch(['db', 'export', file], { dataDir: source })).code, 0);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');

    const target = await mkdtemp(path.join(dir, 'target-'));
    const users = async () => (await latch(['user', 'list', '--json'], { dataDir: target })).stdout;
    const refused = async (text, message) => {
      const broken = path.join(dir, 'broken.jsonl');
      await writeFile(broken, text);
      const result = await latch(['db', 'import', broken], { dataDir: target });
      assert.notEqual(result.code, 0, 'the broken file was imported');
      assert.match(result.stderr, message);
      assert.deepEqual(JSON.parse(await users()), [], 'a failed import left rows behind');
    };
    // Cut short: every row arrived but the end line did not.
    await refused(`${lines.slice(0, -1).join('\n')}\n`, /cut short/);
    await refused(`${lines.join('\n')}\n["stray"]\n`, /after the end line/);
    await refused(
      lines.map((line) => line.replace('"table":"users"', '"table":"nope"')).join('\n'),
      /unknown table nope/,
    );
    await refused(
      lines.join('\n').replace('"schemaVersion":', '"schemaVersion":1'),
      /another schema version/,
    );
    await refused('{"hello":"world"}\n', /not a file made by latch db export/);

    assert.equal((await latch(['db', 'import', file], { dataDir: target })).code, 0);
    assert.equal(JSON.parse(await users()).length, 1);
    const twice = await latch(['db', 'import', file], { dataDir: target });
    assert.notEqual(twice.code, 0);
    assert.match(twice.stderr, /already holds users or applications/);
    const replaced = await latch(['db', 'import', '--replace', file], { dataDir: target });
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.equal(JSON.parse(await users()).length, 1);
  },
);
