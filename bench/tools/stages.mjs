// Where a request's CPU time goes, by stage, from a profile's folded stacks (flamegraph.mjs
// --folded): each sample is given to the first stage whose pattern matches a frame of its stack,
// so a sample in the kernel under a SQLite call counts as the database, and one under the
// HTTP threads' socket calls as the network. With the scenario's requests per server CPU-second,
// the shares become microseconds per request. Prints a Markdown table (issue 23).
//
// Usage: node stages.mjs FOLDED [REQUESTS_PER_CPU_SECOND]
import { readFileSync } from 'node:fs';

const [folded, perCpu] = process.argv.slice(2);
if (!folded) {
  console.error('usage: stages.mjs FOLDED [REQUESTS_PER_CPU_SECOND]');
  process.exit(2);
}

// In order: the first that matches a frame of a sample's stack takes the sample. Latch's names
// are matched at the start of a frame: template arguments name Latch's types everywhere.
const STAGES = [
  ['audit log (the queue writing rows)', /^latch::oidc::AuditQueue/],
  ['signature (ES256)', /sign_jwt|SigningKeyPair::sign|PreparedKey::sign/],
  ['claims script', /ClaimsCustomizer::(apply|finish)|\bjs::|JS_/],
  ['database (SQLite, PostgreSQL)', /^latch::storage::|^sqlite3|libpq|^PQ[a-z]/],
  ['client authentication', /^latch::oidc::(authenticate_|client_auth|ClientAuth)/],
  [
    'network (sockets, epoll)',
    /sock_|tcp_|sendmsg|recvmsg|writev|readv|epoll|__sys_(send|recv)|ip_(output|rcv)|net_rx/,
  ],
  [
    'request parsing (headers, form, URL)',
    /read_request_header|parse_form|parse_token|percent_decode|basic_parser|boost::urls/,
  ],
  ['token building (claims, JSON, base64url)', /jwt_access_token|boost::json|crypto::.*encode/],
  ["the grant's own logic", /^latch::oidc::/],
  ['thread hops and wakeups', /futex|finish_task_switch|^__schedule|^schedule(_|$)|try_to_wake_up|pthread_cond/],
  ['memory (malloc, free)', /^mi_|malloc|free|operator new|operator delete|_mi_/],
  ['HTTP server (Beast, Asio, routing, response)', /^latch::http::|^boost::beast|^boost::asio/],
];

const totals = new Map(STAGES.map(([name]) => [name, 0]));
totals.set('other', 0);
let total = 0;
for (const line of readFileSync(folded, 'utf8').split('\n')) {
  const cut = line.lastIndexOf(' ');
  if (cut < 0) continue;
  const count = Number(line.slice(cut + 1));
  const frames = line.slice(0, cut).split(';');
  const stage = STAGES.find(([, pattern]) => frames.some((f) => pattern.test(f)));
  const name = stage ? stage[0] : 'other';
  totals.set(name, totals.get(name) + count);
  total += count;
}

const microseconds = perCpu ? 1e6 / Number(perCpu) : 0;
const header = microseconds
  ? '| stage | share | µs per request |\n|---|---:|---:|'
  : '| stage | share |\n|---|---:|';
const rows = [...totals]
  .filter(([, n]) => n > 0)
  .sort((a, b) => b[1] - a[1])
  .map(([name, n]) => {
    const share = n / Math.max(total, 1);
    const cells = [name, `${(100 * share).toFixed(1)}%`];
    if (microseconds) cells.push((share * microseconds).toFixed(1));
    return `| ${cells.join(' | ')} |`;
  });
const footer = microseconds
  ? `| all (${Math.round(Number(perCpu))} requests per server CPU-second) | 100% | ${microseconds.toFixed(1)} |`
  : '';
console.log([header, ...rows, footer].filter(Boolean).join('\n'));
