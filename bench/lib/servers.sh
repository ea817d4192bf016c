# shellcheck shell=bash
# bench/lib/servers.sh: the servers' life in bench/run: which servers run by
# default and which scenarios each runs, one server's turn (start, prepare and
# measure its scenarios, stop, time restarts), stopping, idle RSS and the
# start-to-ready timer. The servers themselves are in bench/servers/*.sh: each
# defines NAME_start, NAME_describe and NAME_ready_time and says in
# SERVER_RUNS[NAME] which scenarios it runs (see server_scenarios). Sourced by
# bench/run.
#
# REQUIRES: lib/common.sh, lib/accounting.sh, lib/postgres.sh; TMP, BENCH_*,
# SCENARIO_RUNS_ON (bench/scenarios/*.sh).

declare -A SERVER_RUNS=() # server name -> all | pg | scale (see server_scenarios)
declare -A PID=()         # server name -> pids of its running processes (several
                          # for latch-pg2: its two Latch nodes)
declare -A OWNER_PID=()   # server name -> the process that started and stops the
                          # others, when not this shell (latch-pg2's cluster.mjs)
declare -A LB_PID=()      # server name -> HAProxy's pid (latch-pg2) while it runs
declare -A LB_SERVER=()   # server name -> 1 when it has a load balancer (kept after stop)
declare -A USES_PG=()     # server name -> 1 when its state is in the PostgreSQL cluster
declare -A BASE=()        # server name -> issuer URL (http://127.0.0.1:PORT/oidc)
declare -A FACT=()        # "server.key" -> value (idle RSS, ready times, versions)
RAN=()                    # the servers started so far, in order

has_scenario() { [[ " $BENCH_SCENARIOS " == *" $1 "* ]]; }

# The scenarios server NAME runs, of BENCH_SCENARIOS: a scenario that runs on
# "servers" runs on every server whose SERVER_RUNS is "all", and on the "pg"
# ones when it is in BENCH_PG_SCENARIOS; a "scale" scenario only on the "scale"
# servers; a "once" scenario on none (run_once_scenarios runs it).
server_scenarios() {
  local name=$1 s out=()
  for s in $BENCH_SCENARIOS; do
    case ${SCENARIO_RUNS_ON[$s]}:${SERVER_RUNS[$name]} in
      servers:all | scale:scale) ;;
      servers:pg) [[ " $BENCH_PG_SCENARIOS " == *" $s "* ]] || continue ;;
      *) continue ;;
    esac
    out+=("$s")
  done
  echo "${out[*]}"
}

# The servers to run when BENCH_SERVERS is not set.
default_servers() {
  local out=() pg=0
  [[ -x $PG_BIN/initdb ]] && pg=1
  [[ $BENCH_ONLY == peer ]] || out+=(latch)
  [[ $BENCH_ONLY == latch ]] || out+=(peer)
  [[ $BENCH_ONLY == latch || $BENCH_PEER_PG != 1 ]] || out+=(peer-pg)
  [[ $BENCH_ONLY == peer || $BENCH_LATCH_PG != 1 ]] || out+=(latch-pg latch-pg2)
  if [[ $BENCH_ONLY != peer ]] && has_scenario scale; then
    [[ " $BENCH_SCALE_BACKENDS " != *" sqlite "* ]] || out+=(latch-scale)
    [[ " $BENCH_SCALE_BACKENDS " != *" postgres "* || $pg == 0 ]] || out+=(latch-pg-scale)
  fi
  echo "${out[*]}"
}

# Start, prepare, measure every scenario, stop, then time restarts.
bench_server() {
  local name=$1 s scenarios
  scenarios=$(server_scenarios "$name")
  RAN+=("$name")
  "${name}_start"
  # After the start: a server on PostgreSQL names the cluster's version.
  FACT[$name.describe]=$("${name}_describe")
  check_token "$name"
  for s in $scenarios; do
    if declare -F "prepare_$s" >/dev/null; then "prepare_$s" "$name"; fi
  done
  [[ -z ${USES_PG[$name]:-} ]] || pg_checkpoint
  for s in $scenarios; do "scenario_$s" "$name"; done
  FACT[$name.peak_rss_kb]=$(mem_kb_sum "${PID[$name]}" VmHWM)
  stop_server "$name"
  "${name}_ready_time"
}

# stop_server NAME: TERM the process that owns NAME's processes (if any) and
# wait for it, then TERM every process of NAME and its HAProxy, KILL what is
# left after 10 s.
stop_server() {
  local name=$1 owner=${OWNER_PID[$1]:-} pids="${PID[$1]:-} ${LB_PID[$1]:-}" pid i
  if [[ -n $owner ]]; then
    kill -TERM "$owner" 2>/dev/null || true
    wait "$owner" 2>/dev/null || true
  fi
  [[ -n ${pids// /} ]] || return 0
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    for (( i = 0; i < 100; i++ )); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  unset "PID[$name]" "LB_PID[$name]" "OWNER_PID[$name]"
}

record_idle_rss() {
  local name=$1
  sleep 1
  FACT[$name.idle_rss_kb]=$(mem_kb_sum "${PID[$name]}" VmRSS)
  log "$name idle RSS $(calc %.1f "${FACT[$name.idle_rss_kb]} / 1024") MiB"
}

# time_ready NAME URL COMMAND...: BENCH_READY_RUNS starts of COMMAND (the
# server stopped, its data kept), each timed from spawn to the first 200 from
# URL by tools/ready-time.mjs; best, median and every run into FACT.
time_ready() {
  local name=$1 url=$2 logfile=$TMP/$1-restarts.log json
  shift 2
  if ! run_waited "$TMP/ready.json" timeout 120 node "$BENCH_DIR/tools/ready-time.mjs" \
    "$url" "$BENCH_READY_RUNS" "$logfile" -- "$@"; then
    cat "$TMP/ready.json" >&2
    tail -n 20 "$logfile" >&2 || true
    die "$name start-to-ready measurement failed"
  fi
  json=$(<"$TMP/ready.json")
  FACT[$name.ready_best_ms]=$(json_num "$json" best)
  FACT[$name.ready_median_ms]=$(json_num "$json" median)
  FACT[$name.ready_runs]=$(json_num "$json" runs)
  log "$name start-to-ready: best ${FACT[$name.ready_best_ms]} ms, median ${FACT[$name.ready_median_ms]} ms"
}
