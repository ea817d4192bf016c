# shellcheck shell=bash
# bench/lib/docs.sh: --update-docs: the report into docs/benchmarks.md between
# its bench:latest markers, and one row into each of its history tables (token,
# sign-in, PostgreSQL, scale) when the run has the figures for it. A missing
# docs/benchmarks.md starts from lib/benchmarks-skeleton.md. Sourced by bench/run.
#
# REQUIRES: lib/report.sh (cell, ms, mib), lib/report-sections.sh (total_rate),
# servers (latch_describe, peer_version); TMP, DOCS_FILE, FACT, SCALE.

# One row for the sign-in history table in docs/benchmarks.md (empty when the
# run had no sign-in or userinfo rows for both servers).
history_signin_row() {
  local n=$BENCH_SIGNIN_CONNS u lr pr lc pc ul up
  u=$(awk '{ print $1 }' <<<"$BENCH_USERINFO_CONNECTIONS")
  lr=$(cell latch signin "$n" 6); pr=$(cell peer signin "$n" 6)
  lc=$(cell latch signin "$n" 12); pc=$(cell peer signin "$n" 12)
  ul=$(cell latch userinfo "$u" 12); up=$(cell peer userinfo "$u" 12)
  [[ -n $lr && -n $pr ]] || return 0
  printf '| %s | %s | %s | %s | %.0f | %.0f | %s× | %.0f | %.0f | %s× | %s | %s | %s |\n' \
    "$(date -u +%F)" "${FACT[latch.describe]}" "$(peer_version)" "$n" "$lr" "$pr" \
    "$(calc %.1f "$lr / $pr")" "$lc" "$pc" "$(calc %.1f "$lc / $pc")" \
    "$(ms "$(cell latch signin "$n" 7)")" "$(ms "$(cell latch signin "$n" 8)")" \
    "$( [[ -n $ul && -n $up ]] && calc %.1f× "$ul / $up" || echo –)"
}

# One row for the history table in docs/benchmarks.md.
history_row() {
  local c64 lr pr lc pc
  c64=$(awk '{ print $1 }' <<<"$BENCH_TOKEN_CONNECTIONS")
  lr=$(cell latch token "$c64" 6); pr=$(cell peer token "$c64" 6)
  lc=$(cell latch token "$c64" 12); pc=$(cell peer token "$c64" 12)
  printf '| %s | %s | %s | %s | %.0f | %.0f | %s× | %s× | %s | %s | %s |\n' \
    "$(date -u +%F)" "${FACT[latch.describe]}" "$(peer_version)" "$c64" "$lr" "$pr" \
    "$(calc %.1f "$lr / $pr")" "$(calc %.1f "$lc / $pc")" "$(ms "$(cell latch token "$c64" 8)")" \
    "$(mib "${FACT[latch.idle_rss_kb]}")" "${FACT[latch.ready_median_ms]}"
}

# One row for the PostgreSQL history table: requests per total CPU-second
# (server + PostgreSQL + HAProxy) for token and sign-in (empty without
# latch-pg or latch-pg2 rows).
history_pg_row() {
  local c64 n s row
  c64=$(awk '{ print $1 }' <<<"$BENCH_TOKEN_CONNECTIONS")
  n=$BENCH_SIGNIN_CONNS
  [[ -n $(cell latch-pg token "$c64" 4)$(cell latch-pg2 token "$c64" 4)$(cell latch-pg signin "$n" 4)$(cell latch-pg2 signin "$n" 4) ]] \
    || return 0
  row="| $(date -u +%F) | $(latch_describe) | $c64 |"
  for s in latch latch-pg latch-pg2 peer-pg; do row+=" $(total_rate "$s" token "$c64" | sed 's/^$/–/') |"; done
  row+=" $n |"
  for s in latch latch-pg latch-pg2 peer-pg; do row+=" $(total_rate "$s" signin "$n" | sed 's/^$/–/') |"; done
  for s in latch-pg latch-pg2 peer-pg; do
    row+=" $( [[ -n $(cell "$s" signin "$n" 8) ]] && ms "$(cell "$s" signin "$n" 8)" || echo –) |"
  done
  echo "$row"
}

# One row for the scale history table (empty without scale rows); the search
# at the last (largest) of BENCH_SCALE_SEARCH_CONNECTIONS.
history_scale_row() {
  local s scen col row c v
  c=$(awk '{ print $NF }' <<<"$BENCH_SCALE_SEARCH_CONNECTIONS")
  grep -qE '^(latch-scale|latch-pg-scale)'$'\t' "$TMP/runs.tsv" || return 0
  row="| $(date -u +%F) | $(latch_describe) | $BENCH_SCALE_USERS | $c |"
  for scen in "search $c 7" "search $c 8" "signin $BENCH_SIGNIN_CONNS 8" "password-signin $BENCH_SCALE_LOGIN_CONNS 8"; do
    read -r scen n col <<<"$scen"
    for s in latch-scale latch-pg-scale; do
      v=$(cell "$s" "$scen" "$n" "$col")
      row+=" $( [[ -n $v ]] && ms "$v" || echo –) |"
    done
  done
  for s in latch-scale latch-pg-scale; do row+=" ${SCALE[$s.load_s]:-–} |"; done
  echo "$row"
}

update_docs() {
  local report_file=$1 row_file=$TMP/history-row.md
  mkdir -p "$(dirname "$DOCS_FILE")"
  [[ -f $DOCS_FILE ]] || cp "$BENCH_DIR/lib/benchmarks-skeleton.md" "$DOCS_FILE"
  if ! grep -q '<!-- bench:latest:begin -->' "$DOCS_FILE" \
    || ! grep -q '<!-- bench:history:end -->' "$DOCS_FILE"; then
    die "$DOCS_FILE lacks the bench:latest / bench:history markers"
  fi
  history_row >"$row_file"
  history_signin_row >"$TMP/signin-row.md"
  history_pg_row >"$TMP/pg-row.md"
  history_scale_row >"$TMP/scale-row.md"
  local marker file
  for marker in signin pg scale; do
    file=$TMP/$marker-row.md
    if [[ -s $file ]] && ! grep -q "<!-- bench:$marker-history:end -->" "$DOCS_FILE"; then
      log "$DOCS_FILE has no bench:$marker-history markers: that history row not written"
    fi
  done
  awk -v report="$report_file" -v row="$row_file" -v srow="$TMP/signin-row.md" \
    -v prow="$TMP/pg-row.md" -v xrow="$TMP/scale-row.md" '
    /<!-- bench:history:end -->/ { while ((getline l < row) > 0) print l; print; next }
    /<!-- bench:signin-history:end -->/ { while ((getline l < srow) > 0) print l; print; next }
    /<!-- bench:pg-history:end -->/ { while ((getline l < prow) > 0) print l; print; next }
    /<!-- bench:scale-history:end -->/ { while ((getline l < xrow) > 0) print l; print; next }
    /<!-- bench:latest:begin -->/ { print; while ((getline l < report) > 0) print l; skip = 1; next }
    /<!-- bench:latest:end -->/ { skip = 0 }
    !skip { print }' "$DOCS_FILE" >"$TMP/benchmarks.md"
  cp "$TMP/benchmarks.md" "$DOCS_FILE"
  log "updated ${DOCS_FILE#"$ROOT"/}"
}
