# shellcheck shell=bash
# bench/lib/profile.sh: with BENCH_PROFILE=1 (`make bench PROFILE=1`), each measured case runs
# once more under `perf record` (Debian's linux-perf), not counted in the figures, and leaves in
# $RESULTS_DIR/profiles/:
#   SERVER-SCENARIO-cCONNS.svg      a flame graph (bench/tools/flamegraph.mjs)
#   SERVER-SCENARIO-cCONNS.txt      the share of each library, the busiest functions, and the
#                                   time per request by stage (bench/tools/stages.mjs)
#   SERVER-SCENARIO-cCONNS.folded   the folded stacks, for other tools
# Stacks are unwound with DWARF (BENCH_PROFILE_CALLGRAPH, default dwarf,16384): Latch and most
# Debian libraries are built without frame pointers. The peer runs with --perf-basic-prof so
# its JavaScript functions have names. Sourced by bench/run.
#
# REQUIRES: lib/common.sh, lib/load.sh; TMP, RESULTS_DIR, BENCH_DIR, PID, BENCH_DURATION.

BENCH_PROFILE=${BENCH_PROFILE:-0}
BENCH_PROFILE_CALLGRAPH=${BENCH_PROFILE_CALLGRAPH:-dwarf,16384}
BENCH_PROFILE_FREQUENCY=${BENCH_PROFILE_FREQUENCY:-499}

profile_check() {
  [[ $BENCH_PROFILE == 1 ]] || return 0
  command -v perf >/dev/null || die "BENCH_PROFILE=1 needs perf (apt-get install -y linux-perf)"
  rm -rf "$RESULTS_DIR/profiles"
  mkdir -p "$RESULTS_DIR/profiles"
}

# profile_case SERVER SCENARIO CONNS SCRIPT URL [ENV...]: one more load run like measure_once's,
# with the server's processes under perf record for its duration.
profile_case() {
  [[ $BENCH_PROFILE == 1 ]] || return 0
  local server=$1 scenario=$2 conns=$3 script=$4 url=$5
  shift 5
  local name=$server-$scenario-c$conns dir=$RESULTS_DIR/profiles seconds pids perf_pid
  seconds=$(duration_seconds "$BENCH_DURATION")
  pids=$(tr ' ' ',' <<<"${PID[$server]}")
  perf record -q -F "$BENCH_PROFILE_FREQUENCY" --call-graph "$BENCH_PROFILE_CALLGRAPH" \
    -p "$pids" -o "$TMP/$name.perf" -- sleep "$seconds" >"$TMP/$name.perf.log" 2>&1 &
  perf_pid=$!
  wrk_once "$TMP/$name.profile.out" "$BENCH_DURATION" "$conns" "$script" "$url" "$@" \
    || log "$name: the profiled run's load generator failed (the profile is kept)"
  if ! wait "$perf_pid"; then
    log "$name: perf record failed: $(tail -n 3 "$TMP/$name.perf.log")"
    return 0
  fi
  perf script --no-inline -i "$TMP/$name.perf" 2>/dev/null \
    | node "$BENCH_DIR/tools/flamegraph.mjs" --title "$name" --folded "$dir/$name.folded" \
      --summary "$dir/$name.txt" >"$dir/$name.svg"
  # The case's requests per server CPU-second (column 12 of the row measure just kept) turn the
  # stages' shares into microseconds per request.
  { echo; echo "by stage:"; node "$BENCH_DIR/tools/stages.mjs" "$dir/$name.folded" \
      "$(tail -n 1 "$TMP/runs.tsv" | cut -f12)"; } >>"$dir/$name.txt"
  rm -f "$TMP/$name.perf"
  log "profile of $name: $dir/$name.svg"
}
