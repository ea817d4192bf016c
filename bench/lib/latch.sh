# shellcheck shell=bash
# bench/lib/latch.sh: one `latch serve` process as the bench scripts run it:
# its environment, starting it and waiting for /readyz, and its CLI. Used by
# bench/run's Latch servers (bench/servers/latch.sh), bench/slow-provider/run
# and bench/password-rss/run. Sourced after lib/common.sh.
#
# REQUIRES: LATCH_BIN (the binary).

# What every Latch of the bench gets (latch-pg2's nodes too): warnings only, and no limit on
# sign-in submissions per address: every load generator is one loopback address, and the limit
# (docs/security.md) would refuse the sign-in scenarios' load.
LATCH_BENCH_SETTINGS=(LATCH_LOG_LEVEL=warn LATCH_SIGN_IN_ATTEMPTS_PER_IP=0)

# latch_env PORT ENDPOINT DATA_DIR [DATABASE_URL MASTER_KEY_FILE]: the
# environment of `latch serve` and of the CLI for one node: SQLite in DATA_DIR,
# or the PostgreSQL database at DATABASE_URL with that master key file (Latch
# creates it at its first start). LATCH_* settings set by nobody here (e.g.
# LATCH_THREADS) pass through.
latch_env() {
  export LATCH_DATA_DIR=$3
  export LATCH_PORT=$1
  export LATCH_BIND_ADDRESS=127.0.0.1
  export LATCH_ENDPOINT=$2
  export "${LATCH_BENCH_SETTINGS[@]}"
  unset LATCH_MASTER_KEY
  if [[ -n ${4:-} ]]; then
    export LATCH_DATABASE=$4
    export LATCH_MASTER_KEY_FILE=$5
    # The same pool size as the peer's on PostgreSQL (Logto's default, and Latch's).
    export LATCH_DATABASE_POOL_SIZE=${BENCH_PEER_PG_POOL:-10}
  else
    unset LATCH_DATABASE LATCH_MASTER_KEY_FILE LATCH_DATABASE_POOL_SIZE
  fi
}

latch_cli() { timeout 30 "$LATCH_BIN" "$@"; }

# latch_serve LOGFILE: start `latch serve` in the background with the current
# environment, its output appended to LOGFILE; its pid in LATCH_PID (set before
# anything can fail, for the caller's cleanup).
LATCH_PID=
latch_serve() {
  [[ -x $LATCH_BIN ]] || die "$LATCH_BIN is missing: run make build first"
  "$LATCH_BIN" serve >>"$1" 2>&1 &
  LATCH_PID=$!
}

# latch_wait_ready LOGFILE: wait until that server answers /readyz (its log's
# tail and exit when it ends first or takes too long).
latch_wait_ready() { wait_ready "http://127.0.0.1:$LATCH_PORT/readyz" "$LATCH_PID" "$1"; }
