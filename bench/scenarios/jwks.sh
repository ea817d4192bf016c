# shellcheck shell=bash
# bench/scenarios/jwks.sh: scenario `jwks`, GET /oidc/jwks with wrk and
# lua/get.lua (every 200 must carry "keys") at each of BENCH_GET_CONNECTIONS.
# Sourced by bench/run.

SCENARIO_RUNS_ON[jwks]=servers

scenario_jwks() {
  local server=$1 c
  for c in $BENCH_GET_CONNECTIONS; do
    measure "$server" jwks "$c" get.lua "${BASE[$server]}/jwks" BENCH_EXPECT_BODY='"keys"'
  done
}
