# shellcheck shell=bash
# bench/lib/load.sh: the load generators and one measured case. wrk with a Lua
# script of bench/lua, or a Node.js generator of bench/tools (TOOL.mjs[:MODE]);
# both print the same "BENCH key=value ..." line. `measure` warms up, runs,
# reads the server's (and PostgreSQL's and HAProxy's) CPU and RSS around the run
# and appends one row to $TMP/runs.tsv (its columns: see measure_once). Sourced
# by bench/run.
#
# REQUIRES: lib/common.sh, lib/accounting.sh, lib/servers.sh (PID, LB_PID,
# USES_PG), lib/postgres.sh (pg_cpu_ticks); BENCH_DIR, LUA_DIR, TMP, CLK_TCK,
# BENCH_THREADS, BENCH_WARMUP, BENCH_DURATION, BENCH_REPEAT, BENCH_QUIET_WAIT;
# CLIENT_ID and CLIENT_SECRET (the token scenario's client).

BAD_TOTAL=0   # bad answers and socket errors over every run
WRK_TIMEOUT=  # wrk's --timeout for the next measure (default 5s)

# wrk_once OUTFILE DURATION CONNECTIONS LUA_SCRIPT URL [VAR=value...]
# Extra VAR=value arguments go to the Lua script's environment. A script
# "TOOL.mjs[:MODE]" is a Node.js load generator in bench/tools run in MODE
# (default run), with URL the origin. WRK_TIMEOUT: wrk's --timeout (5s).
wrk_once() {
  local outfile=$1 duration=$2 conns=$3 script=$4 url=$5
  shift 5
  local threads=$BENCH_THREADS limit timeout=${WRK_TIMEOUT:-5s} mode=run
  (( threads > conns )) && threads=$conns
  limit=$(( $(duration_seconds "$duration") + $(duration_seconds "$timeout") + 30 ))
  if [[ $script == *.mjs || $script == *.mjs:* ]]; then
    [[ $script != *:* ]] || { mode=${script#*:}; script=${script%%:*}; }
    run_waited "$outfile" env BENCH_ORIGIN="$url" BENCH_DURATION="$duration" \
      BENCH_SIGNIN_CONNS="$conns" "$@" timeout "$limit" node "$BENCH_DIR/tools/$script" "$mode"
    return
  fi
  run_waited "$outfile" env BENCH_LUA_DIR="$LUA_DIR" BENCH_CLIENT_ID="$CLIENT_ID" \
    BENCH_CLIENT_SECRET="$CLIENT_SECRET" "$@" \
    timeout "$limit" wrk -t"$threads" -c"$conns" -d"$duration" --timeout "$timeout" \
    -s "$LUA_DIR/$script" "$url"
}

# measure SERVER SCENARIO CONNECTIONS LUA_SCRIPT URL [VAR=value...]
# Appends one row to $TMP/runs.tsv: with BENCH_REPEAT > 1, the run with the
# median requests per server CPU-second.
measure() {
  local server=$1 scenario=$2 conns=$3 script=$4 url=$5 i
  shift 5

  wait_quiet
  if [[ $(duration_seconds "$BENCH_WARMUP") != 0 ]]; then
    wrk_once "$TMP/warmup.out" "$BENCH_WARMUP" "$conns" "$script" "$url" "$@" \
      || { cat "$TMP/warmup.out" >&2; die "$server $scenario: warm-up failed"; }
  fi
  : >"$TMP/repeats.tsv"
  local noisy retries=0 limit
  limit=$(calc %.2f "0.1 * $(duration_seconds "$BENCH_DURATION")")
  for (( i = 1; i <= BENCH_REPEAT; i++ )); do
    wait_server_idle "$server"
    measure_once "$server" "$scenario" "$conns" "$script" "$url" "$@"
    # With BENCH_QUIET_WAIT, a run during which something else used more than
    # a tenth of a core is dropped and done again (three times at most).
    noisy=$(tail -n1 "$TMP/repeats.tsv" | awk -F'\t' -v l="$limit" '{ print ($18 > l) ? 1 : 0 }')
    if [[ $noisy == 1 ]] && (( BENCH_QUIET_WAIT > 0 && retries < 3 )); then
      retries=$(( retries + 1 ))
      log "something else used CPU during that run; measuring again"
      sed -i '$d' "$TMP/repeats.tsv"
      i=$(( i - 1 ))
      wait_quiet
    fi
  done
  sort -t$'\t' -k12,12n "$TMP/repeats.tsv" \
    | sed -n "$(( (BENCH_REPEAT + 1) / 2 ))p" >>"$TMP/runs.tsv"
  profile_case "$server" "$scenario" "$conns" "$script" "$url" "$@"
}

# One measured wrk run; appends its row to $TMP/repeats.tsv.
measure_once() {
  local server=$1 scenario=$2 conns=$3 script=$4 url=$5
  shift 5
  local pids=${PID[$server]} lb=${LB_PID[$server]:-} out line tok cpu0 cpu1 wrk0 wrk1 all0 all1
  local rss hwm db0=0 db1=0 lb0=0 lb1=0 p
  local -A r=() node0=()

  children_cpu_s
  wrk0=$CHILD_CPU_S
  all0=$(machine_busy_ticks)
  cpu0=$(cpu_ticks_sum "$pids")
  for p in $pids; do node0[$p]=$(cpu_ticks "$p"); done
  [[ -z ${USES_PG[$server]:-} ]] || db0=$(pg_cpu_ticks)
  [[ -z $lb ]] || lb0=$(cpu_ticks "$lb")
  local outfile=$TMP/$server-$scenario-c$conns.out
  wrk_once "$outfile" "$BENCH_DURATION" "$conns" "$script" "$url" "$@" \
    || { cat "$outfile" >&2; die "$server $scenario: the load generator failed"; }
  cpu1=$(cpu_ticks_sum "$pids")
  [[ -z ${USES_PG[$server]:-} ]] || db1=$(pg_cpu_ticks)
  [[ -z $lb ]] || lb1=$(cpu_ticks "$lb")
  all1=$(machine_busy_ticks)
  children_cpu_s
  wrk1=$CHILD_CPU_S
  rss=$(mem_kb_sum "$pids" VmRSS)
  hwm=$(mem_kb_sum "$pids" VmHWM)
  out=$(<"$outfile")

  line=$(grep '^BENCH ' <<<"$out" | tail -n1) || true
  [[ -n $line ]] || { printf '%s\n' "$out" >&2; die "$server $scenario: no BENCH line from wrk"; }
  # shellcheck disable=SC2086 # split the key=value words
  for tok in ${line#BENCH }; do r[${tok%%=*}]=${tok#*=}; done
  if grep -q '^BENCH-BAD ' <<<"$out"; then
    grep '^BENCH-BAD ' <<<"$out" | sed "s/^BENCH-BAD /bench: $server $scenario c$conns: /" >&2
  fi

  local bad=$(( r[bad_status] + r[bad_body] ))
  local errors=$(( r[err_connect] + r[err_read] + r[err_write] + r[err_timeout] ))
  BAD_TOTAL=$(( BAD_TOTAL + bad + errors ))
  local cpu_s per_cpu cores wrk_cpu other_cpu db_cpu lb_cpu
  db_cpu=$(calc %.2f "($db1 - $db0) / $CLK_TCK")
  lb_cpu=$(calc %.2f "($lb1 - $lb0) / $CLK_TCK")
  cpu_s=$(calc %.2f "($cpu1 - $cpu0) / $CLK_TCK")
  cores=$(calc %.2f "$cpu_s / (${r[duration_us]} / 1e6)")
  per_cpu=$(calc %.0f "$cpu_s > 0 ? ${r[requests]} / $cpu_s : 0")
  wrk_cpu=$(calc %.2f "$wrk1 - $wrk0")
  other_cpu=$(calc %.2f "($all1 - $all0) / $CLK_TCK - $cpu_s - $wrk_cpu - $db_cpu - $lb_cpu")
  other_cpu=${other_cpu#-}  # tick rounding can make an idle machine's figure -0.01

  # server scenario conns requests duration_s rps p50_us p99_us max_us cpu_s cores
  # per_cpu rss_kb hwm_kb bad errors wrk_cpu_s other_cpu_s bytes_per_response
  # db_cpu_s (servers on PostgreSQL: the cluster's CPU seconds; 0 otherwise)
  # lb_cpu_s (latch-pg2: HAProxy's CPU seconds; 0 otherwise)
  # cpu_s, cores, per_cpu, rss_kb and hwm_kb are over all the server's processes
  # (both Latch nodes of latch-pg2).
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$server" "$scenario" "$conns" "${r[requests]}" "$(calc %.1f "${r[duration_us]} / 1e6")" \
    "${r[rps]}" "${r[p50_us]}" "${r[p99_us]}" "${r[max_us]}" "$cpu_s" "$cores" "$per_cpu" \
    "$rss" "$hwm" "$bad" "$errors" "$wrk_cpu" "$other_cpu" \
    "$(calc %.0f "${r[requests]} > 0 ? ${r[bytes]} / ${r[requests]} : 0")" "$db_cpu" \
    "$lb_cpu" >>"$TMP/repeats.tsv"

  log "$(printf '%-5s %-9s c=%-3s %9s req/s  p50 %6.2f ms  p99 %6.2f ms  server CPU %5ss (%s cores)  %7s req/CPU-s  RSS %s MiB  bad %s  errors %s' \
    "$server" "$scenario" "$conns" "${r[rps]}" "$(calc %.3f "${r[p50_us]} / 1000")" \
    "$(calc %.3f "${r[p99_us]} / 1000")" "$cpu_s" "$cores" "$per_cpu" \
    "$(calc %.1f "$rss / 1024")" "$bad" "$errors")"
  if [[ -n ${USES_PG[$server]:-} || -n $lb ]]; then
    local nodes=""
    if [[ $pids == *" "* ]]; then
      for p in $pids; do nodes+=" $(calc %.2f "($(cpu_ticks "$p") - ${node0[$p]}) / $CLK_TCK")s"; done
      nodes="  nodes' CPU:$nodes"
    fi
    log "$(printf '%-5s %-9s c=%-3s PostgreSQL CPU %5ss  HAProxy CPU %5ss  %7s req per (server + PostgreSQL + HAProxy) CPU-s%s' \
      "$server" "$scenario" "$conns" "$db_cpu" "$lb_cpu" \
      "$(calc %.0f "$cpu_s + $db_cpu + $lb_cpu > 0 ? ${r[requests]} / ($cpu_s + $db_cpu + $lb_cpu) : 0")" \
      "$nodes")"
  fi
}
