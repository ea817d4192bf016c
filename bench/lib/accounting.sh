# shellcheck shell=bash
# bench/lib/accounting.sh: CPU time and memory, read from /proc: a process's
# utime+stime, the whole machine's busy time, the load generator's own CPU (this
# shell's waited-for children), RSS; and the waits for a quiet machine or an
# idle server before a measured run. Sourced by bench/run.
#
# REQUIRES: CLK_TCK, TMP, BENCH_QUIET_WAIT; PID and USES_PG (lib/servers.sh) and
# pg_cpu_ticks (lib/postgres.sh) for wait_server_idle.

# utime+stime of a process, in clock ticks. Field 2 (comm) may hold spaces, so
# cut at the last ')' first; utime and stime are fields 14 and 15.
cpu_ticks() {
  local stat fields
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }
  read -r -a fields <<<"$stat"
  echo $(( fields[11] + fields[12] ))
}

# Busy time of the whole machine (all CPUs, everything but idle and iowait), in
# clock ticks; minus server and wrk it shows what else ran during a measurement.
machine_busy_ticks() {
  awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

# cpu_ticks and mem_kb summed over a list of pids ("PID1 PID2").
cpu_ticks_sum() {
  local p total=0
  for p in $1; do total=$(( total + $(cpu_ticks "$p") )); done
  echo "$total"
}
mem_kb_sum() {
  local p total=0
  for p in $1; do total=$(( total + $(mem_kb "$p" "$2") )); done
  echo "$total"
}

# CPU seconds (user+sys) used so far by this shell's waited-for children, into
# CHILD_CPU_S; the load generator's cost is the difference around its run. Not
# a $(...) function: `times` in a subshell would see the subshell's children.
CHILD_CPU_S=0
children_cpu_s() {
  times >"$TMP/times"
  CHILD_CPU_S=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] }
    printf "%.2f", s }' "$TMP/times")
}

# Cores busy over one second (machine_busy_ticks), e.g. before the first run.
machine_busy_cores() {
  local b0 b1
  b0=$(machine_busy_ticks); sleep 1; b1=$(machine_busy_ticks)
  calc %.2f "($b1 - $b0) / $CLK_TCK"
}

# Wait up to BENCH_QUIET_WAIT seconds until the machine has been idle for a
# second (under 0.1 of a core busy; the servers are idle between runs).
wait_quiet() {
  local deadline=$(( SECONDS + BENCH_QUIET_WAIT )) busy
  (( BENCH_QUIET_WAIT > 0 )) || return 0
  while :; do
    busy=$(machine_busy_cores)
    [[ $(calc %d "$busy < 0.1") == 1 ]] && return 0
    if (( SECONDS >= deadline )); then
      log "machine still busy ($busy cores) after ${BENCH_QUIET_WAIT}s; measuring anyway"
      return 0
    fi
  done
}

# Wait (up to 60 s) until SERVER (and the PostgreSQL cluster when it uses it)
# stays under a tenth of a core for half a second: a request the load generator
# gave up on (a slow search at the end of the warm-up, say) is still being
# served after wrk has gone, and would count in the next run.
wait_server_idle() {
  local server=$1 deadline=$(( SECONDS + 60 )) t0 t1 db0=0 db1=0 busy waited=0
  while :; do
    t0=$(cpu_ticks_sum "${PID[$server]}")
    [[ -z ${USES_PG[$server]:-} ]] || db0=$(pg_cpu_ticks)
    sleep 0.5
    t1=$(cpu_ticks_sum "${PID[$server]}")
    [[ -z ${USES_PG[$server]:-} ]] || db1=$(pg_cpu_ticks)
    busy=$(calc %.2f "($t1 - $t0 + $db1 - $db0) / $CLK_TCK / 0.5")
    [[ $(calc %d "$busy < 0.1") == 0 ]] || break
    waited=1
    if (( SECONDS >= deadline )); then
      log "$server still busy ($busy cores) after 60 s; measuring anyway"
      break
    fi
  done
  (( waited == 0 )) || log "$server: waited for requests left over from before to finish"
}
