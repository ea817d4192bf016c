# shellcheck shell=bash
# bench/servers/latch.sh: the servers that are one Latch node: `latch` (SQLite,
# fresh data directory), `latch-pg` (PostgreSQL), and the scale scenario's
# `latch-scale` (SQLite) and `latch-pg-scale` (PostgreSQL), each provisioned
# with the CLI for the token scenario. Two nodes: servers/latch-pg2.sh. Sourced
# by bench/run.
#
# REQUIRES: lib/*.sh; TMP, ROOT, LATCH_BIN, RESOURCE, SCOPE, BENCH_PEER_PG_POOL,
# BENCH_SCALE_USERS.

SERVER_RUNS[latch]=all
SERVER_RUNS[latch-pg]=pg
SERVER_RUNS[latch-scale]=scale
SERVER_RUNS[latch-pg-scale]=scale

CLIENT_ID=      # the token scenario's machine-to-machine client (the peer's: peer_env)
CLIENT_SECRET=

# Also server latch's NAME_describe.
latch_describe() {
  local version
  version=$(timeout 5 "$LATCH_BIN" --version 2>/dev/null | head -n1 || true)
  echo "${version:+$version, }commit $(latch_revision), ${LATCH_BIN#"$ROOT"/}"
}

latch_describe_pg() {
  echo "$(latch_describe), on PostgreSQL ${FACT[pg.version]:-15} over TCP loopback ($1; Latch's pool: at most $BENCH_PEER_PG_POOL connections per node)"
}

# latch_spawn NAME LOGNAME: start `latch serve` with the current environment as
# one more process of server NAME; wait until it answers /readyz.
latch_spawn() {
  local name=$1
  latch_serve "$TMP/$2.log"
  PID[$name]="${PID[$name]:-}${PID[$name]:+ }$LATCH_PID"
  latch_wait_ready "$TMP/$2.log"
  log "$name: Latch ready on port $LATCH_PORT (pid $LATCH_PID)"
}

# latch_provision NAME: the machine-to-machine app and the API resource of the
# token scenario, made with the CLI (the environment of the server's last node).
latch_provision() {
  local name=$1 out
  out=$(latch_cli app create --name bench --type m2m --json) || die "latch app create failed: $out"
  CLIENT_ID=$(json_field id appId client_id clientId <<<"$out") || die "latch app create: no id"
  CLIENT_SECRET=$(json_field secret appSecret client_secret clientSecret <<<"$out") \
    || die "latch app create: no secret"
  out=$(latch_cli resource create --name Billing --indicator "$RESOURCE" --scope "$SCOPE" --json) \
    || die "latch resource create failed: $out"
  # An app's scopes come from its roles, as in Logto (the peer's client is given the scope in
  # its configuration).
  out=$(latch_cli role create --name bench-billing --type m2m --scope "$RESOURCE:$SCOPE" --json) \
    || die "latch role create failed: $out"
  out=$(latch_cli role assign bench-billing --app "$CLIENT_ID") || die "latch role assign failed: $out"
  log "$name: provisioned app $CLIENT_ID, resource $RESOURCE and a role with $SCOPE"
}

# latch_single NAME [DATABASE]: server NAME is one Latch node, on SQLite in a
# data directory of its own, or on DATABASE (created) in the PostgreSQL cluster.
latch_single() {
  local name=$1 db=${2:-} port url
  port=$(free_port)
  if [[ -n $db ]]; then
    pg_cluster_start
    url=$(pg_createdb "$db") || die "createdb $db failed"
    USES_PG[$name]=1
    DB_NAME[$name]=$db
    latch_env "$port" "http://127.0.0.1:$port" "$TMP/$name-data" "$url" "$TMP/$name.master.key"
  else
    latch_env "$port" "http://127.0.0.1:$port" "$TMP/$name-data"
  fi
  BASE[$name]=http://127.0.0.1:$port/oidc
  latch_spawn "$name" "$name"
  record_idle_rss "$name"
  latch_provision "$name"
}

# latch_time_ready NAME: start-to-ready of one node with the existing database
# (the server was stopped before) and the environment of its last node.
latch_time_ready() { time_ready "$1" "http://127.0.0.1:$LATCH_PORT/readyz" "$LATCH_BIN" serve; }

latch_start() { latch_single latch; }
latch_ready_time() { latch_time_ready latch; }

latch-pg_start() { latch_single latch-pg latch_pg; }
latch-pg_describe() { latch_describe_pg "one node"; }
latch-pg_ready_time() { latch_time_ready latch-pg; }

latch-scale_start() { latch_single latch-scale; }
latch-scale_describe() { echo "$(latch_describe), SQLite, $BENCH_SCALE_USERS users bulk-loaded"; }
latch-scale_ready_time() { latch_time_ready latch-scale; }

latch-pg-scale_start() { latch_single latch-pg-scale latch_pg_scale; }
latch-pg-scale_describe() { latch_describe_pg "one node, $BENCH_SCALE_USERS users bulk-loaded"; }
latch-pg-scale_ready_time() { latch_time_ready latch-pg-scale; }
