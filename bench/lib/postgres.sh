# shellcheck shell=bash
# bench/lib/postgres.sh: the one throw-away PostgreSQL cluster that every
# server on PostgreSQL shares (a database each), started on first use through
# scripts/pg-cluster with PostgreSQL's default settings (--durable: fsync and
# synchronous_commit on, as a stock Logto database) and deleted on exit; psql on
# it; and its CPU time (postmaster and every backend). Sourced by bench/run.
#
# REQUIRES: ROOT, PG_BIN, TMP, BENCH_KEEP_TMP, FACT (lib/servers.sh).

PG_DIR=               # the cluster's directory (data, socket, server.log)
PG_PORT=
declare -A DB_NAME=() # server name -> its database in the cluster

pg_cluster_start() {
  local url
  [[ -z $PG_DIR ]] || return 0
  [[ -x $PG_BIN/initdb ]] || die "$PG_BIN/initdb is missing: apt-get install -y postgresql-15 (or BENCH_PEER_PG=0 BENCH_LATCH_PG=0)"
  # Not under $TMP: as root, pg-cluster hands the directory to an unprivileged user.
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/latch-bench-pg.XXXXXX")
  url=$(PG_BIN=$PG_BIN "$ROOT/scripts/pg-cluster" start "$PG_DIR" --durable) \
    || die "PostgreSQL did not start (scripts/pg-cluster)"
  PG_PORT=${url##*:}
  PG_PORT=${PG_PORT%%/*}
  FACT[pg.version]=$("$PG_BIN/postgres" --version | awk '{ print $3 }')
  log "PostgreSQL ${FACT[pg.version]} on 127.0.0.1:$PG_PORT (cluster in $PG_DIR)"
}

# pg_sql DATABASE [psql arguments...]: psql on the cluster, stops at the first error.
pg_sql() {
  local db=$1
  shift
  "$PG_BIN/psql" "postgres://postgres@127.0.0.1:$PG_PORT/$db" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# pg_createdb NAME: a new database in the cluster; prints its URL.
pg_createdb() {
  pg_sql postgres -c "CREATE DATABASE $1" >&2 || return 1
  echo "postgres://postgres@127.0.0.1:$PG_PORT/$1"
}

# One full checkpoint before a server on PostgreSQL is measured, so that what
# the previous server (or the bulk load) left dirty is not written during its runs.
pg_checkpoint() { pg_sql postgres -c CHECKPOINT >/dev/null || die "CHECKPOINT failed"; }

pg_cluster_stop() {
  [[ -n $PG_DIR && -d $PG_DIR ]] || return 0
  if [[ $BENCH_KEEP_TMP == 1 && -n $TMP && -d $TMP ]]; then
    cp "$PG_DIR/server.log" "$TMP/postgres.log" 2>/dev/null || true
  fi
  PG_BIN=$PG_BIN "$ROOT/scripts/pg-cluster" stop "$PG_DIR" || true
  PG_DIR=
}

# CPU ticks of the whole cluster: the postmaster (with its reaped children:
# cutime+cstime) plus every live child (backends, checkpointer, walwriter...).
pg_cpu_ticks() {
  local pm stat fields total=0 p
  pm=$(head -n1 "$PG_DIR/data/postmaster.pid")
  stat=$(<"/proc/$pm/stat"); stat=${stat##*) }
  read -r -a fields <<<"$stat"
  total=$(( fields[11] + fields[12] + fields[13] + fields[14] ))
  local kids=
  kids=$(<"/proc/$pm/task/$pm/children") 2>/dev/null || true
  for p in $kids; do
    [[ -r /proc/$p/stat ]] || continue
    total=$(( total + $(cpu_ticks "$p" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
