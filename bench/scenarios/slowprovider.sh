# shellcheck shell=bash
# bench/scenarios/slowprovider.sh: scenario `slowprovider` (issue #14), run
# once after the servers, Latch only, by its own script bench/slow-provider/run:
# token and code-exchange p99 quiet, then while 50 social sign-ins hang on a
# provider that never answers. Its Markdown section goes into the report.
# Sourced by bench/run.

SCENARIO_RUNS_ON[slowprovider]=once

once_slowprovider() {
  echo
  BENCH_DURATION=$BENCH_DURATION LATCH_BIN=$LATCH_BIN "$BENCH_DIR/slow-provider/run"
}
