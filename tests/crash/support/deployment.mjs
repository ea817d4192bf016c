// One Latch deployment that a test crashes and restarts: `latch serve` on one database (SQLite in
// its data dir, or PostgreSQL) and one port, killed with SIGKILL and started again on the same
// data dir, master key, database and port, as a supervisor restarts a crashed service. Each
// start is an *incarnation*; a request knows the incarnation it began in, so a failed request is
// laid at a kill's door only when that incarnation was killed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { spawnServer, startServer } from '../../interop/support/server.mjs';

// Thrown by Deployment.attempt when a request failed because the server it went to was killed.
export class Interrupted extends Error {
  constructor(cause) {
    super(`interrupted by a kill: ${cause?.cause?.code ?? cause?.message ?? cause}`, { cause });
  }
}

// fetch() rejects with a TypeError when the connection fails or breaks (undici: "fetch failed"
// before the answer, "terminated" while reading its body); anything else is the test's own.
const isNetworkError = (error) =>
  error instanceof TypeError && ['fetch failed', 'terminated'].includes(error.message);

// Lines of a server log that point at a durability or start-up problem.
const TROUBLE =
  /database is locked|SQLITE_BUSY|malformed|corrupt|migration \d+:|cannot create signing keys/i;

// A small deterministic generator (mulberry32): the same seed gives the same numbers.
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Deployment {
  #dir;
  #env;
  #server = null;
  #incarnation = 0;
  #killed = new Set(); // incarnations killed so far
  #up = Promise.resolve();
  #release = () => {};
  #logs = []; // the logs of the processes that ended, oldest first

  // `env`: the server's environment changes (startServer's), e.g. LATCH_DATABASE.
  // Every sign-in of the load comes from 127.0.0.1, so the per-address limit on sign-in
  // submissions (300 a minute by default) is off: this test is about crashes, not that limit.
  constructor(dir, env) {
    this.#dir = dir;
    this.#env = { LATCH_SIGN_IN_ATTEMPTS_PER_IP: '0', ...env };
  }

  static async create(env = {}) {
    return new Deployment(await mkdtemp(path.join(tmpdir(), 'latch-crash-')), env);
  }

  get server() {
    return this.#server;
  }
  get incarnation() {
    return this.#incarnation;
  }
  get baseUrl() {
    return this.#server.baseUrl;
  }
  get endpoint() {
    return this.#server.endpoint;
  }
  get issuer() {
    return this.#server.issuer;
  }

  // Resolves when a server is up (at once unless it was killed and is not back yet).
  ready() {
    return this.#up;
  }

  // Starts a server on a fresh database that is killed `delayMs` after the spawn, wherever its
  // start-up is then (opening the database, migrating, creating keys, listening). Resolves with
  // the tail of its log; rejects when it ended on its own (a start-up error).
  async crashAtStartup(delayMs) {
    const proc = spawnServer({ dir: this.#dir, env: this.#env });
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), delayMs);
    const code = await proc.exited;
    clearTimeout(timer);
    this.#logs.push(proc.log());
    if (code !== 137) throw new Error(`the server exited with ${code} at start:\n${proc.log()}`);
    return proc.log().trim().split('\n').at(-1) ?? '';
  }

  // Starts (or, after kill(), restarts) the server: on the same port once it has one. Resolves
  // with the milliseconds from the spawn to /readyz answering 200.
  async start() {
    const began = Date.now();
    const port = this.#server ? { LATCH_PORT: String(this.#server.port) } : {};
    this.#server = await startServer({ env: { ...this.#env, ...port }, dir: this.#dir });
    if (this.#killed.has(this.#incarnation)) this.#incarnation += 1;
    this.#release();
    return Date.now() - began;
  }

  // SIGKILL: the server dies without a goodbye. Requests fail until start() brings it back.
  async kill() {
    this.#killed.add(this.#incarnation);
    this.#up = new Promise((resolve) => {
      this.#release = resolve;
    });
    const code = await this.#server.kill('SIGKILL');
    this.#logs.push(this.#server.log());
    return code;
  }

  // Runs `request` (a function making one or more requests to the server); when it fails for
  // the network and a kill happened since it began, throws Interrupted instead.
  async attempt(request) {
    const began = this.#incarnation;
    try {
      return await request();
    } catch (error) {
      if (isNetworkError(error) && [...this.#killed].some((n) => n >= began)) {
        throw new Interrupted(error);
      }
      throw error;
    }
  }

  cliJson(args) {
    return this.#server.cliJson(args);
  }

  // The lines of every process's log so far that point at trouble (see TROUBLE).
  troubleLines() {
    const running = this.#server && !this.#killed.has(this.#incarnation);
    const logs = [...this.#logs, ...(running ? [this.#server.log()] : [])];
    return logs.flatMap((log) => log.split('\n')).filter((line) => TROUBLE.test(line));
  }

  // SIGTERM to the running server; resolves with its exit code, the directory removed.
  async stop() {
    const code = this.#server ? await this.#server.stop() : null;
    await rm(this.#dir, { recursive: true, force: true });
    return code;
  }
}
