# shellcheck shell=bash
# bench/lib/report.sh: the Markdown report of bench/run (bench/results/latest.md
# and, with --update-docs, the latest section of docs/benchmarks.md): what ran
# and how, one row per measured case from $TMP/runs.tsv, the servers' memory and
# start-to-ready, then the sections of lib/report-sections.sh, the once-run
# scenarios' Markdown and the targets. Sourced by bench/run.
#
# REQUIRES: lib/*.sh, the servers and scenarios; TMP, RAN, FACT, BUSY_START.

mib() { calc %.1f "$1 / 1024"; }
mib_or_dash() { if [[ -n $1 ]]; then mib "$1"; else echo –; fi; }
ms() { calc %.2f "$1 / 1000"; }

# Value of column N (1-based, see measure) for SERVER SCENARIO CONNS.
cell() {
  awk -F'\t' -v s="$1" -v n="$2" -v c="$3" -v k="$4" \
    '$1 == s && $2 == n && $3 == c { print $k; exit }' "$TMP/runs.tsv"
}

machine_line() {
  local model kernel
  model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  kernel=$(uname -r)
  echo "$(nproc) × ${model:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $kernel"
}

# One row of the targets table: DESCRIPTION MEASURED MET(1|0). Counts misses.
target() {
  local verdict=met
  if [[ $3 != 1 ]]; then verdict="**missed**"; MISSED=$(( MISSED + 1 )); fi
  printf '| %s | %s | %s |\n' "$1" "$2" "$verdict"
}

# Writes the report to stdout. Sets MISSED to the number of missed targets (so
# run it in this shell, with a redirection, not in $(...)).
MISSED=0
report() {
  report_intro
  report_runs
  report_servers
  if [[ -n ${FACT[latch.describe]:-} && -n ${FACT[peer.describe]:-} ]]; then report_ratios; fi
  if grep -qE '^(peer-pg|latch-pg|latch-pg2)'$'\t' "$TMP/runs.tsv"; then report_pg; fi
  if grep -qE '^(latch-scale|latch-pg-scale)'$'\t' "$TMP/runs.tsv"; then report_scale; fi
  [[ ! -s $TMP/standalone.md ]] || cat "$TMP/standalone.md"
  [[ -z ${FACT[latch.describe]:-} ]] || report_targets
}

# The heading, the machine, the load and every server that ran.
report_intro() {
  local s repeat=""
  echo "## Latest results ($(date -u +%F))"
  echo
  echo "- Machine: $(machine_line); load generator and server share the cores; ${BUSY_START} cores busy with other work at the start (\"other CPU s\" below: what else ran during a run)."
  (( BENCH_REPEAT > 1 )) && repeat=" (median of $BENCH_REPEAT runs by requests per server CPU-second)"
  echo "- Load: $(wrk --version 2>&1 | head -n1 | awk '{ print $1, $2 }'), $BENCH_THREADS thread(s), ${BENCH_DURATION} per run${repeat} after ${BENCH_WARMUP} warm-up, keep-alive connections to 127.0.0.1."
  for s in "${RAN[@]}"; do
    echo "- ${s^}: ${FACT[$s.describe]}"
  done
  echo "- Token request: client_credentials, client_secret_basic, resource=$RESOURCE, scope=$SCOPE; answer: ES256 JWT access token."
  if has_scenario signin; then
    echo "- Sign-in (\`signin\`): one row = one completion with an existing browser session, by \`bench/tools/signin-load.mjs\` (Node.js, $BENCH_SIGNIN_CONNS workers, one session cookie and one keep-alive connection each): GET /oidc/auth (public SPA client, response_type=code, scope=openid profile, PKCE S256) → redirect with code, state, iss → POST /oidc/token (authorization_code, code_verifier, no secret) → 200 with access_token and ES256 id_token, all checked. \"req/s\" is completions/s, latencies are per completion (two requests), bytes are per completion; \"wrk CPU s\" is the Node.js load generator's. Latch keeps sessions, grants, codes and tokens in its database (SQLite in WAL mode, or PostgreSQL); the peer in memory (peer-pg: in PostgreSQL)."
  fi
  if has_scenario userinfo; then
    echo "- Userinfo: GET /oidc/me with a Bearer opaque access token from one sign-in (scope openid profile, no resource)."
  fi
}

# One row per measured case (the columns of $TMP/runs.tsv: see measure_once).
report_runs() {
  local row
  echo
  echo "| scenario | server | conns | req/s | p50 ms | p99 ms | server CPU s | server cores busy | req per server CPU-s | wrk CPU s | other CPU s | RSS end MiB | RSS peak MiB | bytes/response | bad |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  while IFS=$'\t' read -r -a row; do
    printf '| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "${row[1]}" "${row[0]}" "${row[2]}" "${row[5]}" "$(ms "${row[6]}")" "$(ms "${row[7]}")" \
      "${row[9]}" "${row[10]}" "${row[11]}" "${row[16]}" "${row[17]}" "$(mib "${row[12]}")" \
      "$(mib "${row[13]}")" "${row[18]}" "$(( row[14] + row[15] ))"
  done <"$TMP/runs.tsv"
}

# Idle and peak RSS and start-to-ready of every server that ran.
report_servers() {
  local s
  echo
  echo "| server | idle RSS MiB | peak RSS MiB | start to ready, best ms | median ms | all starts ms |"
  echo "|---|--:|--:|--:|--:|---|"
  for s in "${RAN[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s |\n' "$s" "$(mib_or_dash "${FACT[$s.idle_rss_kb]:-}")" \
      "$(mib_or_dash "${FACT[$s.peak_rss_kb]:-}")" "${FACT[$s.ready_best_ms]:-–}" \
      "${FACT[$s.ready_median_ms]:-–}" "${FACT[$s.ready_runs]:-–}"
  done
  echo
  echo "Latch's start-to-ready is with an existing database (\`GET /readyz\`; the scale servers: with all their users; latch-pg2: not measured, one node's is latch-pg's); the peer's is until its discovery document answers (it has no database to open). latch-pg2's RSS is both nodes together. Bytes/response include headers; JWKS and discovery documents differ in size between the two (Latch publishes more keys and metadata)."
}

# The targets from the issue; counts misses in MISSED.
report_targets() {
  local c64 lc pc ratio p99 idle ready
  echo
  echo "### Targets"
  echo
  echo "| target | measured | verdict |"
  echo "|---|--:|---|"
  c64=$(awk '{ print $1 }' <<<"$BENCH_TOKEN_CONNECTIONS")
  lc=$(cell latch token "$c64" 12); pc=$(cell peer token "$c64" 12)
  if [[ -n $lc && -n $pc ]]; then
    ratio=$(calc %.1f "$pc > 0 ? $lc / $pc : 0")
    target "token req per server CPU-s ≥ 8× the peer's ($c64 conns)" "${ratio}×" \
      "$(calc %d "$ratio >= 8")"
  fi
  if [[ -n $lc ]]; then
    p99=$(ms "$(cell latch token "$c64" 8)")
    target "token p99 < 5 ms at $c64 connections" "$p99 ms" "$(calc %d "$p99 < 5")"
  fi
  lc=$(cell latch signin "$BENCH_SIGNIN_CONNS" 12); pc=$(cell peer signin "$BENCH_SIGNIN_CONNS" 12)
  if [[ -n $lc && -n $pc ]]; then
    ratio=$(calc %.1f "$pc > 0 ? $lc / $pc : 0")
    target "sign-in completions per server CPU-s ≥ 10× the peer's (Latch on SQLite, peer in memory)" \
      "${ratio}×" "$(calc %d "$ratio >= 10")"
  fi
  idle=$(mib "${FACT[latch.idle_rss_kb]}")
  target "idle RSS ≤ 20 MiB" "$idle MiB" "$(calc %d "$idle <= 20")"
  ready=${FACT[latch.ready_median_ms]}
  target "ready ≤ 100 ms after start, existing database (median of $BENCH_READY_RUNS)" "$ready ms" \
    "$(calc %d "$ready <= 100")"
}
