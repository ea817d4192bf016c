# shellcheck shell=bash
# bench/servers/peer.sh: the peer, npm oidc-provider (bench/peer/server.mjs):
# server `peer` in memory and server `peer-pg` on PostgreSQL
# (bench/peer/pg-adapter.mjs, pg pool of BENCH_PEER_PG_POOL). Its clients and
# test account are built in and configured through the environment. Sourced by
# bench/run.
#
# REQUIRES: lib/*.sh; TMP, PEER_DIR, RESOURCE, SCOPE, REDIRECT_URI, SIGNIN_USER,
# SIGNIN_PASSWORD, BENCH_PEER_PG_POOL.

SERVER_RUNS[peer]=all
SERVER_RUNS[peer-pg]=pg

PEER_SPA_ID=bench-web  # the peer's built-in public client of the sign-in scenario

peer_version() {
  node -p 'require(process.argv[1]).version' "$PEER_DIR/node_modules/oidc-provider/package.json"
}

peer_install() { npm_ci "$PEER_DIR" oidc-provider; }

peer_env() {
  if [[ -z $CLIENT_ID ]]; then
    CLIENT_ID=bench-$(random_hex 8)
    CLIENT_SECRET=$(random_hex 24)
  fi
  export PORT=$1 HOST=127.0.0.1 NODE_ENV=production
  export PEER_CLIENT_ID=$CLIENT_ID PEER_CLIENT_SECRET=$CLIENT_SECRET
  export PEER_RESOURCE=$RESOURCE PEER_SCOPE=$SCOPE
  export PEER_SPA_CLIENT_ID=$PEER_SPA_ID PEER_REDIRECT_URI=$REDIRECT_URI
  export PEER_USERNAME=$SIGNIN_USER PEER_PASSWORD=$SIGNIN_PASSWORD
  unset PEER_DATABASE_URL
}

# peer_spawn NAME: start server.mjs (with the environment set) as server NAME.
peer_spawn() {
  local name=$1
  BASE[$name]=http://127.0.0.1:$PORT/oidc
  local flags=()
  [[ $BENCH_PROFILE != 1 ]] || flags=(--perf-basic-prof)  # names of JS functions for perf
  node "${flags[@]}" "$PEER_DIR/server.mjs" >>"$TMP/$name.log" 2>&1 &
  PID[$name]=$!
  wait_ready "${BASE[$name]}/.well-known/openid-configuration" "${PID[$name]}" "$TMP/$name.log"
  log "$name ready on port $PORT (pid ${PID[$name]})"
  record_idle_rss "$name"
}

# peer_time_ready NAME: start-to-ready of server.mjs with the current environment.
peer_time_ready() {
  time_ready "$1" "http://127.0.0.1:$PORT/oidc/.well-known/openid-configuration" \
    node "$PEER_DIR/server.mjs"
}

peer_describe() {
  echo "oidc-provider $(peer_version) on Node.js $(node --version) (NODE_ENV=production, one process)"
}

peer_start() {
  peer_install
  peer_env "$(free_port)"
  peer_spawn peer
}

peer_ready_time() { peer_time_ready peer; }

peer-pg_describe() {
  echo "the same peer with the PostgreSQL adapter (\`bench/peer/pg-adapter.mjs\`, one \`oidc_model_instances\` table like Logto's, pg pool of $BENCH_PEER_PG_POOL) on a local PostgreSQL ${FACT[pg.version]:-15} cluster over TCP loopback (default settings: fsync and synchronous_commit on)"
}

peer-pg_start() {
  peer_install
  pg_cluster_start
  pg_createdb bench >/dev/null || die "createdb bench failed"
  USES_PG[peer-pg]=1
  DB_NAME[peer-pg]=bench
  peer_env "$(free_port)"
  export PEER_DATABASE_URL=postgresql://postgres@127.0.0.1:$PG_PORT/bench
  export PEER_DATABASE_POOL=$BENCH_PEER_PG_POOL
  peer_spawn peer-pg
}

peer-pg_ready_time() { peer_time_ready peer-pg; }
