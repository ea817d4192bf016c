# shellcheck shell=bash
# bench/servers/latch-pg2.sh: server `latch-pg2`, two Latch nodes on one
# PostgreSQL database behind HAProxy, started and stopped by the multi-node
# tests' own helper (tests/multinode/support/cluster.mjs, its `start` command:
# the nodes share the database, the master key file and the balancer's URL as
# their endpoint; HAProxy balances round robin, one thread, keep-alive both
# sides, unwatched: no health checks, retries or request log). The load goes to
# HAProxy; the server's CPU and RSS are both nodes', HAProxy's CPU is apart.
# Sourced by bench/run.
#
# REQUIRES: lib/*.sh, servers/latch.sh; TMP, ROOT, LATCH_BIN, BENCH_PEER_PG_POOL.

SERVER_RUNS[latch-pg2]=pg

HAPROXY_BIN=
need_haproxy() {
  HAPROXY_BIN=$(command -v haproxy || true)
  [[ -n $HAPROXY_BIN || ! -x /usr/sbin/haproxy ]] || HAPROXY_BIN=/usr/sbin/haproxy
  if [[ -z $HAPROXY_BIN && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing haproxy (Debian package)"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq haproxy >/dev/null \
      || { timeout 300 apt-get update -qq >/dev/null \
        && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq haproxy >/dev/null; } \
      || true
    HAPROXY_BIN=$(command -v haproxy || echo /usr/sbin/haproxy)
  fi
  [[ -x $HAPROXY_BIN ]] || die "latch-pg2 needs HAProxy: apt-get install -y haproxy (or BENCH_LATCH_PG=0)"
}

haproxy_version() {
  [[ -n $HAPROXY_BIN ]] || need_haproxy
  "$HAPROXY_BIN" -v 2>/dev/null | awk 'NR == 1 { print $3 }'
}

# HAProxy and the helper's packages (openid-client, jose: tests/js); bench/run
# checks them before any server starts.
latch-pg2_tools() {
  need_haproxy
  npm_ci "$ROOT/tests/js" openid-client
}

latch-pg2_start() {
  local name=latch-pg2 url out deadline
  pg_cluster_start
  url=$(pg_createdb latch_pg2) || die "createdb latch_pg2 failed"
  USES_PG[$name]=1
  DB_NAME[$name]=latch_pg2
  # The nodes get this shell's LATCH_* settings but for those the helper sets.
  PATH=$(dirname "$HAPROXY_BIN"):$PATH LATCH_BINARY=$LATCH_BIN env -u LATCH_MASTER_KEY \
    "${LATCH_BENCH_SETTINGS[@]}" LATCH_DATABASE_POOL_SIZE="$BENCH_PEER_PG_POOL" \
    node "$ROOT/tests/multinode/support/cluster.mjs" start --database "$url" --unwatched \
    >"$TMP/$name.json" 2>"$TMP/$name.log" &
  OWNER_PID[$name]=$!
  deadline=$(( SECONDS + 120 ))
  until [[ -s $TMP/$name.json && -z $(tail -c1 "$TMP/$name.json") ]]; do
    kill -0 "${OWNER_PID[$name]}" 2>/dev/null || { cat "$TMP/$name.log" >&2; die "$name did not start"; }
    (( SECONDS < deadline )) || die "$name did not start within 120 s (see $TMP/$name.log)"
    sleep 0.05
  done
  out=$(<"$TMP/$name.json")
  PID[$name]="$(json_field nodes.0.pid <<<"$out") $(json_field nodes.1.pid <<<"$out")"
  LB_PID[$name]=$(json_field balancer.pid <<<"$out")
  LB_SERVER[$name]=1
  BASE[$name]=$(json_field issuer <<<"$out")
  # The CLI provisions with node a's environment.
  latch_env "$(json_field nodes.0.port <<<"$out")" "$(json_field endpoint <<<"$out")" \
    "$(json_field nodes.0.dataDir <<<"$out")" "$url" "$(json_field env.LATCH_MASTER_KEY_FILE <<<"$out")"
  log "$name: Latch nodes (pids ${PID[$name]}) behind HAProxy $(haproxy_version) at ${BASE[$name]%/oidc} (pid ${LB_PID[$name]})"
  record_idle_rss "$name"
  latch_provision "$name"
}

latch-pg2_describe() {
  latch_describe_pg "two nodes, same database and master key file, behind HAProxy $(haproxy_version) on loopback: roundrobin, keep-alive both sides, one thread; server CPU and RSS are both nodes together"
}

# Two nodes: one node's restart is latch-pg's figure again; not measured.
latch-pg2_ready_time() { :; }
