# shellcheck shell=bash
# bench/scenarios/userinfo.sh: scenario `userinfo`, GET /oidc/me with wrk and
# lua/userinfo.lua (every 200 must carry "sub") at each of
# BENCH_USERINFO_CONNECTIONS, with a Bearer access token from one sign-in of the
# sign-in scenario's sessions. Sourced by bench/run.

SCENARIO_RUNS_ON[userinfo]=servers

declare -A USERINFO_TOKEN=()  # server name -> opaque access token for /oidc/me

prepare_userinfo() { prepare_signin "$1"; }

# GET /oidc/me with an opaque access token from one sign-in (scope openid
# profile, no resource), taken just before: the peer's in-memory adapter is an
# LRU of 1000 entries, so a token taken before the sign-in run is evicted.
userinfo_token() {
  local server=$1
  run_waited "$TMP/$server-token.out" env "${SIGNIN_ENV[@]}" \
    BENCH_ORIGIN="${BASE[$server]%/oidc}" BENCH_ISSUER="${BASE[$server]}" \
    BENCH_APP_ID="${SPA_ID[$server]}" BENCH_SIGNIN_CONNS=1 \
    timeout 30 node "$BENCH_DIR/tools/signin-load.mjs" token "${SESSIONS[$server]}" \
    || { cat "$TMP/$server-token.out" >&2; die "$server: no access token for userinfo"; }
  USERINFO_TOKEN[$server]=$(tail -n1 "$TMP/$server-token.out")
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    -H "Authorization: Bearer ${USERINFO_TOKEN[$server]}" "${BASE[$server]}/me") == 200 ]] \
    || die "$server: GET /oidc/me with the sign-in's access token is not 200"
}

scenario_userinfo() {
  local server=$1 c
  userinfo_token "$server"
  for c in $BENCH_USERINFO_CONNECTIONS; do
    measure "$server" userinfo "$c" userinfo.lua "${BASE[$server]}/me" \
      BENCH_ACCESS_TOKEN="${USERINFO_TOKEN[$server]}"
  done
}
