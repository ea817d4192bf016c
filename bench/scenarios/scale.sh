# shellcheck shell=bash
# bench/scenarios/scale.sh: scenario `scale`, run only by the servers
# latch-scale and latch-pg-scale (a fresh Latch each, nothing else measured):
# prepare_scale bulk-loads BENCH_SCALE_USERS users with SQL, then scenario_scale
# measures sign-in completions as random users of those, password sign-ins as
# random users, and user search by prefix through the management API (wrk,
# lua/search.lua). Sourced by bench/run.
#
# REQUIRES: scenarios/signin.sh (sessions, SPA client), lib/postgres.sh (pg_sql).

SCENARIO_RUNS_ON[scale]=scale

declare -A SCALE=()  # "server.key" -> load time, sizes, ... of the scale scenario
MGMT_TOKEN=          # management API access token of the scale server being measured

# The users are written with SQL straight into Latch's `users` table, after
# Latch migrated the schema, the way the repositories write them: id "u" and 11
# digits (12 characters like Latch's ids), username user0000000 .. (7 digits)
# and username_lower the same, primary_email userNNNNNNN@example.com and
# email_lower the same (ASCII lower case already), name "Scale User N",
# created_at = updated_at one millisecond apart ending now, and one password
# hash for all: that of a user made with `latch user create` (SIGNIN_PASSWORD),
# so every one of them can sign in. Other columns keep their defaults
# (profile, custom_data and identities '{}', no user_identities rows). When a
# migration adds a column the repository fills, fill it here too.
prepare_scale() {
  local server=$1 n=$BENCH_SCALE_USERS out hash t0 t1 db file
  (( n >= 1000 && n <= 10000000 )) || die "BENCH_SCALE_USERS must be 1000 .. 10000000"
  out=$(latch_cli user create --username scale_template --password "$SIGNIN_PASSWORD" --json) \
    || die "latch user create failed: $out"
  local lookup="SELECT password_hash FROM users WHERE username_lower = 'scale_template'"
  if [[ -n ${USES_PG[$server]:-} ]]; then
    db=${DB_NAME[$server]}
    hash=$(pg_sql "$db" -c "$lookup") || die "reading the template user failed"
  else
    file=$LATCH_DATA_DIR/latch.db
    command -v sqlite3 >/dev/null || die "the scale scenario needs the sqlite3 CLI (apt-get install -y sqlite3)"
    hash=$(sqlite3 -cmd '.timeout 10000' "$file" "$lookup") || die "reading the template user failed"
  fi
  [[ $hash =~ ^\$argon2id\$[A-Za-z0-9\$=,+/.-]+$ ]] || die "unexpected password hash: $hash"

  local created_end=$(( $(date +%s) * 1000 ))
  log "$server: loading $n users"
  t0=$(date +%s%N)
  if [[ -n ${USES_PG[$server]:-} ]]; then
    # After the insert, VACUUM ANALYZE: what autovacuum would do on its own a
    # little later, done now so that it does not run during the measurements.
    pg_sql "$db" -v n="$n" -v hash="$hash" -v t_end="$created_end" >"$TMP/$server-load.out" 2>&1 <<'SQL' \
      || { cat "$TMP/$server-load.out" >&2; die "$server: loading the users failed"; }
INSERT INTO users (id, username, username_lower, primary_email, email_lower, name,
                   password_hash, created_at, updated_at)
SELECT 'u' || lpad(i::text, 11, '0'), 'user' || lpad(i::text, 7, '0'),
       'user' || lpad(i::text, 7, '0'), 'user' || lpad(i::text, 7, '0') || '@example.com',
       'user' || lpad(i::text, 7, '0') || '@example.com', 'Scale User ' || i,
       :'hash', :t_end - :n + i, :t_end - :n + i
FROM generate_series(0, :n - 1) AS i;
VACUUM (ANALYZE) users;
SQL
    SCALE[$server.db_mib]=$(pg_sql "$db" -c "SELECT round(pg_database_size(current_database()) / 1048576.0)")
  else
    # No ANALYZE: Latch never runs it, so the planner sees what a deployment
    # that grew to this size sees. The WAL is checkpointed into the database.
    sqlite3 -bail "$file" >"$TMP/$server-load.out" 2>&1 <<SQL \
      || { cat "$TMP/$server-load.out" >&2; die "$server: loading the users failed"; }
.timeout 30000
BEGIN IMMEDIATE;
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $n - 1)
INSERT INTO users (id, username, username_lower, primary_email, email_lower, name,
                   password_hash, created_at, updated_at)
SELECT printf('u%011d', i), printf('user%07d', i), printf('user%07d', i),
       printf('user%07d@example.com', i), printf('user%07d@example.com', i), 'Scale User ' || i,
       '$hash', $created_end - $n + i, $created_end - $n + i
FROM seq;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
    SCALE[$server.db_mib]=$(calc %.0f "$(stat -c %s "$file") / 1048576")
  fi
  t1=$(date +%s%N)
  SCALE[$server.load_s]=$(calc %.1f "($t1 - $t0) / 1e9")
  log "$server: $n users loaded in ${SCALE[$server.load_s]} s (database ${SCALE[$server.db_mib]} MiB)"

  scale_management_token "$server"
  scale_check_search "$server"
  latch_spa "$server"
  signin_sessions "$server" BENCH_USER_COUNT="$n"
}

# A machine-to-machine app with the management API (scope all) and its token
# (client credentials for urn:latch:management), in MGMT_TOKEN.
scale_management_token() {
  local server=$1 out id secret body start=$SECONDS
  out=$(latch_cli app create --name bench-admin --type m2m --management-api --json) \
    || die "latch app create --management-api failed: $out"
  id=$(json_field id <<<"$out") || die "latch app create: no id"
  secret=$(json_field secret <<<"$out") || die "latch app create: no secret"
  while :; do
    body=$(curl -s --max-time 5 -u "$id:$secret" --data-urlencode grant_type=client_credentials \
      --data-urlencode resource=urn:latch:management --data-urlencode scope=all \
      "${BASE[$server]}/token") || true
    MGMT_TOKEN=$(json_field access_token <<<"$body" 2>/dev/null) && break
    (( SECONDS - start < 5 )) || die "$server: no management API token: $body"
    sleep 0.1
  done
}

# One search by hand: "user00001" must find users user0000100 .. user0000199.
scale_check_search() {
  local server=$1 url out total
  url="${BASE[$server]%/oidc}/api/users?search=user00001&page=1&page_size=20"
  out=$(curl -s -D "$TMP/search.headers" -o "$TMP/search.json" -w '%{http_code} %{time_total}' \
    --max-time 120 -H "Authorization: Bearer $MGMT_TOKEN" "$url") || die "$server: GET $url failed"
  total=$(awk -F': *' 'tolower($1) == "total-number" { print $2 + 0 }' "$TMP/search.headers")
  [[ ${out%% *} == 200 && $total == 100 ]] \
    || die "$server: GET $url: $out, Total-Number ${total:-none} (expected 200 and 100): $(head -c 300 "$TMP/search.json")"
  SCALE[$server.first_search_ms]=$(calc %.1f "${out#* } * 1000")
  log "$server: the first search took ${SCALE[$server.first_search_ms]} ms (Total-Number $total)"
}

# Sign-ins first, the search last (measure waits for the server to be idle
# between runs anyway: a slow search keeps it busy after wrk gave up on it).
scenario_scale() {
  local server=$1 origin=${BASE[$1]%/oidc} c
  scenario_signin "$server"
  measure "$server" password-signin "$BENCH_SCALE_LOGIN_CONNS" signin-load.mjs:password "$origin" \
    "${SIGNIN_ENV[@]}" BENCH_APP_ID="${SPA_ID[$server]}" BENCH_ISSUER="${BASE[$server]}" \
    BENCH_USER_COUNT="$BENCH_SCALE_USERS"
  WRK_TIMEOUT=$BENCH_SCALE_TIMEOUT
  for c in $BENCH_SCALE_SEARCH_CONNECTIONS; do
    measure "$server" search "$c" search.lua "$origin/api/users" \
      BENCH_ACCESS_TOKEN="$MGMT_TOKEN" BENCH_SCALE_USERS="$BENCH_SCALE_USERS" \
      BENCH_SCALE_SEARCH_DIGITS="$BENCH_SCALE_SEARCH_DIGITS"
  done
  WRK_TIMEOUT=
}
