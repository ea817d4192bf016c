# shellcheck shell=bash
# bench/lib/report-sections.sh: the report's sections that compare servers:
# Latch / peer ratios, the servers on PostgreSQL (one and two Latch nodes, the
# peer) with their total CPU (server + PostgreSQL + HAProxy), and the scale
# scenario. Called by report() (lib/report.sh). Sourced by bench/run.
#
# REQUIRES: lib/report.sh (cell, ms), scenarios/scale.sh (SCALE); TMP, RAN, FACT,
# USES_PG, LB_SERVER.

# The Latch/peer table: one row per scenario and connection count.
report_ratios() {
  local scen conns lr pr lc pc
  echo
  echo "### Latch / peer"
  echo
  echo "| scenario | conns | req/s ratio | req per server CPU-s ratio |"
  echo "|---|--:|--:|--:|"
  while IFS=$'\t' read -r scen conns; do
    lr=$(cell latch "$scen" "$conns" 6); pr=$(cell peer "$scen" "$conns" 6)
    lc=$(cell latch "$scen" "$conns" 12); pc=$(cell peer "$scen" "$conns" 12)
    [[ -n $lr && -n $pr ]] || continue
    printf '| %s | %s | %s× | %s× |\n' "$scen" "$conns" \
      "$(calc %.1f "$pr > 0 ? $lr / $pr : 0")" "$(calc %.1f "$pc > 0 ? $lc / $pc : 0")"
  done < <(awk -F'\t' '$1 == "latch" { print $2 "\t" $3 }' "$TMP/runs.tsv")
}

# total_rate SERVER SCENARIO CONNS: requests per total CPU-second (server +
# PostgreSQL + HAProxy); empty when that run is not there.
total_rate() {
  local n c d l
  n=$(cell "$1" "$2" "$3" 4); [[ -n $n ]] || return 0
  c=$(cell "$1" "$2" "$3" 10); d=$(cell "$1" "$2" "$3" 20); l=$(cell "$1" "$2" "$3" 21)
  calc %.0f "$c + ${d:-0} + ${l:-0} > 0 ? $n / ($c + ${d:-0} + ${l:-0}) : 0"
}

# ratio A B: "A/B×" to two decimals, or – when either is missing.
ratio() { if [[ -n $1 && -n $2 ]]; then calc %.2f× "$2 > 0 ? $1 / $2 : 0"; else echo –; fi; }

# The servers on PostgreSQL next to Latch on SQLite and the peer in memory,
# for the scenarios the servers on PostgreSQL run. "Total CPU" is the server's
# processes (both nodes of latch-pg2) + the PostgreSQL cluster (column 20) +
# HAProxy (column 21): what the deployment pays for the requests.
report_pg() {
  local scen conns s rps cpu db lb per total ptotal pgtotal pgrps vs_peer vs_pg vs_pg_rps
  echo
  echo "### On PostgreSQL: Latch with one and two nodes, the peer"
  echo
  echo "The servers on PostgreSQL share one throw-away PostgreSQL ${FACT[pg.version]:-15} cluster (default settings: fsync and synchronous_commit on; TCP loopback; a database each, one server at a time). \"Server CPU\" is the server's own processes (latch-pg2: both Latch nodes); the cluster's CPU (postmaster and every backend, utime+stime) and HAProxy's are apart, and \"total\" is all three: what the deployment spends. Ratios are per total CPU-second against the peer measured in this run (in memory: its total is its own CPU), and requests/s against peer-pg. Everything shares the machine's cores with the load generator."
  echo
  echo "| scenario | conns | server | req/s | p50 ms | p99 ms | server CPU s | PostgreSQL CPU s | HAProxy CPU s | req per server CPU-s | req per total CPU-s | ÷ peer, per total CPU-s | ÷ peer-pg, per total CPU-s | ÷ peer-pg, req/s |"
  echo "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  while IFS=$'\t' read -r scen conns; do
    ptotal=$(total_rate peer "$scen" "$conns")
    pgtotal=$(total_rate peer-pg "$scen" "$conns")
    pgrps=$(cell peer-pg "$scen" "$conns" 6)
    for s in latch latch-pg latch-pg2 peer peer-pg; do
      rps=$(cell "$s" "$scen" "$conns" 6)
      [[ -n $rps ]] || continue
      cpu=$(cell "$s" "$scen" "$conns" 10); db=$(cell "$s" "$scen" "$conns" 20)
      lb=$(cell "$s" "$scen" "$conns" 21); per=$(cell "$s" "$scen" "$conns" 12)
      total=$(total_rate "$s" "$scen" "$conns")
      vs_peer=–; vs_pg=–; vs_pg_rps=–
      [[ $s == peer ]] || vs_peer=$(ratio "$total" "$ptotal")
      if [[ $s != peer-pg ]]; then
        vs_pg=$(ratio "$total" "$pgtotal")
        vs_pg_rps=$(ratio "$rps" "$pgrps")
      fi
      printf '| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$scen" "$conns" "$s" "$rps" "$(ms "$(cell "$s" "$scen" "$conns" 7)")" \
        "$(ms "$(cell "$s" "$scen" "$conns" 8)")" "$cpu" \
        "$( [[ -n ${USES_PG[$s]:-} ]] && echo "$db" || echo –)" \
        "$( [[ -n ${LB_SERVER[$s]:-} ]] && echo "$lb" || echo –)" "$per" "$total" \
        "$vs_peer" "$vs_pg" "$vs_pg_rps"
    done
  done < <(awk -F'\t' '$1 ~ /^(latch-pg|latch-pg2|peer-pg)$/ && !seen[$2 "\t" $3]++ { print $2 "\t" $3 }' "$TMP/runs.tsv")
}

# The scale scenario: how the users were loaded, then its rows.
report_scale() {
  local s row
  echo
  echo "### Scale: $BENCH_SCALE_USERS users"
  echo
  echo "A fresh Latch per backend; after it migrated its schema, $BENCH_SCALE_USERS users are written with one SQL statement straight into its \`users\` table (\`sqlite3\` with a recursive CTE, \`psql\` with \`generate_series\`; usernames user0000000 .., emails userNNNNNNN@example.com, one password hash for all, copied from a user made with \`latch user create\`). PostgreSQL then gets \`VACUUM (ANALYZE) users\`; SQLite gets no ANALYZE (Latch never runs it) and a WAL checkpoint. Then, with the server otherwise idle:"
  echo
  echo "- \`search\`: wrk (connections: ${BENCH_SCALE_SEARCH_CONNECTIONS// /, }), \`GET /api/users?search=TERM&page=1&page_size=20\` with a management API token (client credentials, \`urn:latch:management\`, scope \`all\`); TERM is \"user\" and the first $BENCH_SCALE_SEARCH_DIGITS digits of a random loaded user's number (a prefix of usernames and emails), so each search matches and lists 20 of them; wrk's timeout ${BENCH_SCALE_TIMEOUT}. Measured last, after the sign-ins; \"requests\" 0 means none finished within the run."
  echo "- \`signin\`: the sign-in scenario (completions with an existing browser session, $BENCH_SIGNIN_CONNS workers) where each worker signed in once, through the pages, as a different random user of the $BENCH_SCALE_USERS."
  echo "- \`password-signin\`: $BENCH_SCALE_LOGIN_CONNS workers signing in again and again through the pages with username and password as random users of the $BENCH_SCALE_USERS, a new cookie jar each time (no session): GET /oidc/auth → sign-in page → POST identifier and password → code → token. Each includes one Argon2id verification (m=19 MiB, t=2) on the server."
  echo
  for s in "${RAN[@]}"; do
    [[ -n ${SCALE[$s.load_s]:-} ]] || continue
    echo "- $s: loaded in ${SCALE[$s.load_s]} s; database ${SCALE[$s.db_mib]} MiB after the load; the first search (\`user00001\`, by hand with curl) took ${SCALE[$s.first_search_ms]} ms."
  done
  echo
  echo "| server | scenario | conns | requests | req/s | p50 ms | p99 ms | max ms | server CPU s | PostgreSQL CPU s | req per (server + PostgreSQL) CPU-s | bad |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  while IFS=$'\t' read -r -a row; do
    [[ ${row[0]} == latch-scale || ${row[0]} == latch-pg-scale ]] || continue
    local p50=– p99=– max=–
    if (( row[3] > 0 )); then p50=$(ms "${row[6]}"); p99=$(ms "${row[7]}"); max=$(ms "${row[8]}"); fi
    printf '| %s | %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |\n' "${row[0]}" "${row[1]}" \
      "${row[2]}" "${row[3]}" "${row[5]}" "$p50" "$p99" "$max" \
      "${row[9]}" "$( [[ -n ${USES_PG[${row[0]}]:-} ]] && echo "${row[19]}" || echo –)" \
      "$(calc %.0f "${row[9]} + ${row[19]} > 0 ? ${row[3]} / (${row[9]} + ${row[19]}) : 0")" \
      "$(( row[14] + row[15] ))"
  done <"$TMP/runs.tsv"
}
