// Start-to-ready timer for bench/run.
//
//   node ready-time.mjs URL COUNT LOG -- COMMAND [ARGS...]
//
// COUNT times: spawn COMMAND (environment inherited, output appended to LOG),
// poll URL every 2 ms with a fresh loopback connection until it answers 200,
// record the milliseconds from just before spawn() to that answer, then stop the
// process (SIGTERM, SIGKILL after 5 s) and wait for it to exit. A bash loop of
// curl calls cannot do this: each curl costs several milliseconds to start.
//
// Prints one JSON line: {"runs":[ms,...],"best":ms,"median":ms}.
// Exits non-zero if a start does not become ready within 15 s.

import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import http from 'node:http';

const sep = process.argv.indexOf('--');
const [url, countArg, logPath] = process.argv.slice(2, sep);
const command = process.argv.slice(sep + 1);
if (sep < 0 || !url || !countArg || !logPath || command.length === 0) {
  console.error('usage: ready-time.mjs URL COUNT LOG -- COMMAND [ARGS...]');
  process.exit(2);
}
const count = Number.parseInt(countArg, 10);
const pollMs = 2;
const giveUpMs = 15_000;

// The process under test, while one runs; stopped if this script is stopped.
let current = null;
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    if (current) current.kill('SIGKILL');
    process.exit(1);
  });
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function probe() {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function stop(child, exited) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

async function once() {
  const log = openSync(logPath, 'a');
  const start = process.hrtime.bigint();
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', log, log] });
  current = child;
  const exited = new Promise((resolve) => { child.on('exit', resolve); });
  let ready = null;
  while (child.exitCode === null && child.signalCode === null) {
    if (await probe()) {
      ready = Number(process.hrtime.bigint() - start) / 1e6;
      break;
    }
    if (Number(process.hrtime.bigint() - start) / 1e6 > giveUpMs) break;
    await sleep(pollMs);
  }
  await stop(child, exited);
  current = null;
  if (ready === null) {
    throw new Error(`${command.join(' ')} did not answer 200 at ${url} (exit ${child.exitCode ?? child.signalCode})`);
  }
  return ready;
}

const runs = [];
try {
  for (let i = 0; i < count; i += 1) {
    runs.push(await once());
    await sleep(200); // let the port and the OS settle between starts
  }
} catch (err) {
  console.error(`ready-time: ${err.message}`);
  process.exit(1);
}

const sorted = [...runs].sort((a, b) => a - b);
const round = (x) => Math.round(x * 10) / 10;
const median = sorted.length % 2
  ? sorted[(sorted.length - 1) / 2]
  : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(JSON.stringify({ runs: runs.map(round), best: round(sorted[0]), median: round(median) }));
