// The C++ Bookstore sample (examples/bookstore, built as build/bookstore next to the latch
// binary, or $BOOKSTORE_BINARY) as a child process, for the tests that drive it over HTTP.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

import { binary as latchBinary } from './server.mjs';

export const bookstoreBinary = path.resolve(
  process.env.BOOKSTORE_BINARY ?? path.join(path.dirname(latchBinary), 'bookstore'),
);

// A port that was free a moment ago (the sample takes a fixed PORT).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts the sample on `port` against `endpoint` with the app's credentials and `env` (more
// variables: BOOKSTORE_API_RESOURCE, BOOKSTORE_ORGANIZATIONS, ...); resolves once it printed its
// banner with {url, stop, log}: stop() resolves with its exit code, log() with its output.
export async function startBookstore({ endpoint, appId, appSecret, port, env = {} }) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bookstoreBinary, [], {
    env: {
      PATH: process.env.PATH,
      LATCH_ENDPOINT: endpoint,
      LATCH_APP_ID: appId,
      LATCH_APP_SECRET: appSecret,
      PORT: String(port),
      BOOKSTORE_BASE_URL: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve(code ?? signal);
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const banner = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('no "Bookstore listening on" line in 10 s')),
      10000,
    );
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(`Bookstore listening on http://localhost:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then((code) => reject(new Error(`bookstore exited (${code}) before listening`)));
  });
  try {
    await banner;
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- bookstore log ---\n${log}`, { cause: error });
  }
  return { url, stop, log: () => log };
}
