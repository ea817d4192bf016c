// Starts the real `latch` binary for node tests exactly as tests/support/TestServer does: a fresh
// temp data dir, port 0 on 127.0.0.1, the "Latch listening on" banner read from stdout, then
// /readyz. Also runs the CLI against the same data dir, so tests provision as an operator would.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = process.env.LATCH_ROOT ?? path.resolve(here, '../../..');
export const binary = path.resolve(process.env.LATCH_BINARY ?? path.join(root, 'build/latch'));

// npm packages live in tests/js/node_modules, which node does not search from tests/interop:
// resolve them from tests/js/package.json instead.
const requireFromJs = createRequire(path.join(root, 'tests/js/package.json'));
export async function importPackage(name) {
  return import(pathToFileURL(requireFromJs.resolve(name)).href);
}

// Polls `condition` (sync or async) until it is truthy or `timeoutMs` passes; returns its last
// answer. For changes the server picks up from the database (about every 250 ms).
export async function eventually(condition, { timeoutMs = 3000, intervalMs = 25 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await condition();
    if (answer || Date.now() >= deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function environment(dataDir, changes) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('LATCH_')) env[name] = value;
  }
  Object.assign(env, {
    LATCH_DATA_DIR: dataDir,
    LATCH_PORT: '0',
    LATCH_BIND_ADDRESS: '127.0.0.1',
    LATCH_LOG_LEVEL: 'info',
  });
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === null) delete env[name];
    else env[name] = value;
  }
  return env;
}

function exitCode(code, signal) {
  return code ?? 128 + (constants.signals[signal] ?? 0);
}

// Resolves with {port, endpoint} from the banner, or rejects when the process ends first.
function readBanner(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('no "listening" line in time')), timeoutMs);
    let port = 0;
    lines.on('line', (line) => {
      const listening = /^Latch listening on .*:(\d+)$/.exec(line);
      const endpoint = /endpoint:\s*(\S+)/.exec(line);
      if (listening) port = Number(listening[1]);
      if (endpoint && port) {
        clearTimeout(timer);
        resolve({ port, endpoint: endpoint[1] });
      }
    });
    child.on('exit', () => {
      clearTimeout(timer); // or it keeps the test process alive for timeoutMs
      reject(new Error('the server exited before listening'));
    });
  });
}

async function waitReady(baseUrl, timeoutMs) {
  const ready = await eventually(
    async () => {
      try {
        return (await fetch(`${baseUrl}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    { timeoutMs },
  );
  if (!ready) throw new Error('/readyz did not answer 200');
}

// Spawns `latch serve` in `dir` (its data in dir/data) with `env` (changes, as startServer
// takes them) and waits for nothing: {child, fullEnv, exited (resolves with the exit code),
// log() (stderr so far)}. A test process that ends first takes the server with it.
export function spawnServer({ dir, env = {}, args = [] }) {
  const fullEnv = environment(path.join(dir, 'data'), env);
  const child = spawn(binary, ['serve', ...args], {
    cwd: dir,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let log = '';
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve(exitCode(code, signal));
    });
    child.on('error', () => resolve(-1));
  });
  return { child, fullEnv, exited, log: () => log };
}

// Starts a server. Options: env (changes; undefined removes a variable), args (after `serve`),
// timeoutMs, dir (a directory an earlier server ran in: a restart on the same data dir and
// master key; stop() then leaves it, otherwise a fresh temp dir that stop() removes). The
// returned object stops the server with stop().
export async function startServer({ env = {}, args = [], timeoutMs = 60000, dir: given } = {}) {
  const dir = given ?? (await mkdtemp(path.join(tmpdir(), 'latch-interop-')));
  const dataDir = path.join(dir, 'data');
  const { child, fullEnv, exited, log } = spawnServer({ dir, env, args });
  const server = {
    dir,
    dataDir,
    pid: child.pid,
    log,
    exited,
    // Runs `latch <args>` with the server's environment; resolves with {code, stdout, stderr}.
    cli: (cliArgs) => runCli(cliArgs, { cwd: dir, env: fullEnv }),
    cliJson: async (cliArgs) => {
      const result = await runCli(cliArgs, { cwd: dir, env: fullEnv });
      if (result.code !== 0) throw new Error(`latch ${cliArgs.join(' ')}: ${result.stderr}`);
      return JSON.parse(result.stdout);
    },
    // Sends `signal` (SIGKILL: a crash) and resolves with the exit code; stop() still cleans up.
    kill: (signal = 'SIGKILL') => {
      child.kill(signal);
      return exited;
    },
    // SIGTERM, up to `timeoutMs` to exit (then SIGKILL); resolves with the exit code.
    stop: async (timeoutMs = 10000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      if (!given) await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
  try {
    const { port, endpoint } = await readBanner(child, timeoutMs);
    Object.assign(server, {
      port,
      endpoint,
      issuer: `${endpoint}/oidc`,
      baseUrl: `http://127.0.0.1:${port}`,
    });
    await waitReady(server.baseUrl, timeoutMs);
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- ${binary} log ---\n${log()}`, { cause: error });
  }
  return server;
}

// Runs `file args` (60 s at most by default); resolves with {code, stdout, stderr}, code -1 when
// it could not run or was killed.
export function runProgram(file, args, { cwd, env, timeout = 60000 } = {}) {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: code === -1 && !stderr ? String(error) : stderr });
    });
  });
}

function runCli(args, { cwd, env }) {
  return runProgram(binary, args, { cwd, env });
}
