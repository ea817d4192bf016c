# shellcheck shell=bash
# bench/scenarios/signin.sh: scenario `signin`, sign-in completions with an
# existing browser session (SSO) by tools/signin-load.mjs: BENCH_SIGNIN_CONNS
# workers, each signed in once through the server's own pages beforehand
# (prepare_signin), then GET /oidc/auth -> code -> POST /oidc/token with PKCE
# again and again. Also the SPA client and sessions the userinfo and scale
# scenarios reuse. Sourced by bench/run.
#
# REQUIRES: REDIRECT_URI, SIGNIN_USER, SIGNIN_PASSWORD (bench/run).

SCENARIO_RUNS_ON[signin]=servers

declare -A SPA_ID=()   # server name -> the SPA client id of the sign-in scenario
declare -A SESSIONS=() # server name -> file of signed-in browser sessions
SIGNIN_ENV=(BENCH_REDIRECT_URI="$REDIRECT_URI" BENCH_USERNAME="$SIGNIN_USER"
  BENCH_PASSWORD="$SIGNIN_PASSWORD")

# Sign-in completions with an existing browser session (SSO): see
# bench/tools/signin-load.mjs. Latch keeps everything in SQLite, the peer in
# memory.
scenario_signin() {
  local server=$1
  measure "$server" signin "$BENCH_SIGNIN_CONNS" signin-load.mjs "${BASE[$server]%/oidc}" \
    "${SIGNIN_ENV[@]}" BENCH_APP_ID="${SPA_ID[$server]}" BENCH_ISSUER="${BASE[$server]}" \
    BENCH_SESSIONS="${SESSIONS[$server]}"
}

# The SPA client and the test account (Latch: CLI; the peer has them built in),
# then BENCH_SIGNIN_CONNS browsers signed in through the server's own pages.
prepare_signin() {
  local server=$1 out
  [[ -z ${SESSIONS[$server]:-} ]] || return 0
  if [[ $server == latch* ]]; then
    latch_spa "$server"
    out=$(latch_cli user create --username "$SIGNIN_USER" --password "$SIGNIN_PASSWORD" --json) \
      || die "latch user create failed: $out"
  else
    SPA_ID[$server]=$PEER_SPA_ID
  fi
  signin_sessions "$server"
}

# latch_spa SERVER: the public SPA client of the sign-in scenarios (CLI).
latch_spa() {
  local out
  out=$(latch_cli app create --name bench-web --type spa --redirect-uri "$REDIRECT_URI" --json) \
    || die "latch app create (spa) failed: $out"
  SPA_ID[$1]=$(json_field id appId client_id clientId <<<"$out") || die "latch app create: no id"
}

# signin_sessions SERVER [VAR=value...]: BENCH_SIGNIN_CONNS browsers signed in
# through the server's pages (as SIGNIN_USER, or as the VAR=value say), saved
# for scenario_signin.
signin_sessions() {
  local server=$1
  shift
  SESSIONS[$server]=$TMP/$server-sessions.json
  if ! run_waited "$TMP/$server-login.out" env "${SIGNIN_ENV[@]}" \
    BENCH_ORIGIN="${BASE[$server]%/oidc}" BENCH_ISSUER="${BASE[$server]}" \
    BENCH_APP_ID="${SPA_ID[$server]}" BENCH_SIGNIN_CONNS="$BENCH_SIGNIN_CONNS" "$@" \
    timeout 120 node "$BENCH_DIR/tools/signin-load.mjs" login "${SESSIONS[$server]}"; then
    cat "$TMP/$server-login.out" >&2
    die "$server: signing the benchmark browsers in failed (BENCH_LOGIN_DEBUG=1 shows each step)"
  fi
  log "$server: $BENCH_SIGNIN_CONNS browser sessions signed in (app ${SPA_ID[$server]})"
}
