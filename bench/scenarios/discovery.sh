# shellcheck shell=bash
# bench/scenarios/discovery.sh: scenario `discovery`, GET the OpenID Provider
# configuration with wrk and lua/get.lua (every 200 must carry "issuer") at each
# of BENCH_GET_CONNECTIONS. Sourced by bench/run.

SCENARIO_RUNS_ON[discovery]=servers

scenario_discovery() {
  local server=$1 c
  for c in $BENCH_GET_CONNECTIONS; do
    measure "$server" discovery "$c" get.lua \
      "${BASE[$server]}/.well-known/openid-configuration" BENCH_EXPECT_BODY='"issuer"'
  done
}
