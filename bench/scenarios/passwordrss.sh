# shellcheck shell=bash
# bench/scenarios/passwordrss.sh: scenario `passwordrss` (issue #14), run once
# after the servers, Latch only, by its own script bench/password-rss/run: peak
# RSS of `latch serve` under 200 concurrent password sign-ins. Its Markdown
# section goes into the report. Sourced by bench/run.

SCENARIO_RUNS_ON[passwordrss]=once

once_passwordrss() {
  echo
  echo "### Peak RSS under concurrent password sign-ins ($(date -u +%F))"
  echo
  LATCH_BIN=$LATCH_BIN "$BENCH_DIR/password-rss/run"
}
