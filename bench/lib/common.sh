# shellcheck shell=bash
# bench/lib/common.sh: the shell helpers every bench script shares (bench/run,
# bench/slow-provider/run, bench/password-rss/run): messages, arithmetic, ports,
# JSON fields, the BENCH line of the load generators, waiting for a server and
# the commit being measured. Sourced; defines functions and nothing else runs.
#
# REQUIRES: ROOT (the checkout). LOG_NAME prefixes messages (default "bench").

LOG_NAME=${LOG_NAME:-bench}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-15}

log() { printf '%s: %s\n' "$LOG_NAME" "$*" >&2; }
die() { printf '%s: error: %s\n' "$LOG_NAME" "$*" >&2; exit 1; }

# calc FORMAT EXPRESSION: awk arithmetic, e.g. calc %.1f "3 / 2".
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }

# Seconds in a wrk duration ("10s", "2m", "1h", "15").
duration_seconds() {
  local d=$1
  case $d in
    *s) echo "${d%s}" ;;
    *m) echo $(( ${d%m} * 60 )) ;;
    *h) echo $(( ${d%h} * 3600 )) ;;
    *) echo "$d" ;;
  esac
}

free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# Pick a field from JSON on stdin: the first of the given names (dotted paths
# like nodes.0.pid) whose value is a non-empty string or a number.
json_field() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const pick = (o, k) => k.split(".").reduce((x, p) => (x == null ? x : x[p]), o);
    for (const k of process.argv.slice(1)) {
      const v = pick(j, k);
      if ((typeof v === "string" && v) || typeof v === "number") { console.log(v); process.exit(0); }
    }
    console.error(`none of ${process.argv.slice(1).join(", ")} in ${JSON.stringify(j)}`);
    process.exit(1);' "$@"
}

# json_num JSON KEY: a value of JSON, arrays joined with ", ".
json_num() {
  node -e 'const v = JSON.parse(process.argv[1])[process.argv[2]];
    console.log(Array.isArray(v) ? v.join(", ") : v);' "$1" "$2"
}

# bench_value FILE KEY: KEY of the last "BENCH key=value ..." line in FILE (the
# summary every load generator prints: wrk's lua/common.lua, tools/*.mjs).
bench_value() { grep '^BENCH ' "$1" | tail -n1 | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }

# bench_failures FILE: bad answers and socket errors (but write errors) of that line.
bench_failures() {
  local k n=0
  for k in bad_status bad_body err_connect err_read err_timeout; do
    n=$(( n + $(bench_value "$1" "$k") ))
  done
  echo "$n"
}

# VmRSS or VmHWM of a process, in kB.
mem_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# run_waited OUTFILE COMMAND...: run COMMAND in the background with its output
# in OUTFILE and wait for it. Unlike $(...), `wait` lets a trapped INT/TERM
# through at once, and the caller's cleanup can stop the command (FG_PID).
FG_PID=
run_waited() {
  local outfile=$1 rc=0
  shift
  "$@" >"$outfile" 2>&1 &
  FG_PID=$!
  wait "$FG_PID" || rc=$?
  FG_PID=
  return "$rc"
}

# Wait until URL answers 200 while PID lives; fail with the log's tail.
wait_ready() {
  local url=$1 pid=$2 logfile=$3 deadline
  deadline=$(( SECONDS + READY_TIMEOUT_S ))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$logfile" >&2 || true
      die "server (pid $pid) exited before $url answered"
    fi
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true) == 200 ]]; then
      return 0
    fi
    sleep 0.02
  done
  tail -n 20 "$logfile" >&2 || true
  die "$url did not answer 200 within ${READY_TIMEOUT_S}s"
}

# The checkout's short commit, "+changes" when src/ has uncommitted changes.
latch_revision() {
  local rev
  rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null) ]]; then rev="$rev+changes"; fi
  echo "$rev"
}

# npm_ci DIR PACKAGE: `npm ci` in DIR unless PACKAGE is installed there already.
npm_ci() {
  [[ ! -d $1/node_modules/$2 ]] || return 0
  log "installing ${1#"$ROOT"/} (npm ci)"
  (cd "$1" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) >&2 \
    || die "npm ci in ${1#"$ROOT"/} failed"
}
