# shellcheck shell=bash
# bench/scenarios/token.sh: scenario `token`, client credentials token issuance
# (POST /oidc/token, HTTP Basic, JWT access token for RESOURCE, ES256) with wrk
# and lua/token.lua at each of BENCH_TOKEN_CONNECTIONS. Also check_token, run on
# every server before its scenarios. Sourced by bench/run.

SCENARIO_RUNS_ON[token]=servers

scenario_token() {
  local server=$1 c
  for c in $BENCH_TOKEN_CONNECTIONS; do
    measure "$server" token "$c" token.lua "${BASE[$server]}/token"
  done
}

# One token by hand before any load, so a misconfiguration fails loudly. Latch
# caches clients and resources for a moment, so what the CLI just created may
# take a little while to be seen: retry for up to 5 s (and say how long it took).
check_token() {
  local server=$1 body start=$SECONDS tries=0
  while :; do
    tries=$(( tries + 1 ))
    body=$(curl -s --max-time 5 -u "$CLIENT_ID:$CLIENT_SECRET" \
      --data-urlencode grant_type=client_credentials \
      --data-urlencode "resource=$RESOURCE" --data-urlencode "scope=$SCOPE" \
      "${BASE[$server]}/token") || true
    if token_ok "$body" 2>"$TMP/token-check.err"; then break; fi
    (( tries > 1 )) || cp "$TMP/token-check.err" "$TMP/token-check.first"
    if (( SECONDS - start >= 5 )); then
      cat "$TMP/token-check.err" >&2
      die "$server: the token endpoint does not issue the expected ES256 JWT"
    fi
    sleep 0.1
  done
  if (( tries > 1 )); then
    log "$server: first good token after $tries tries, $(( SECONDS - start ))s; the first answer: $(head -c 200 "$TMP/token-check.first")"
  fi
}

# token_ok BODY: is BODY a token response with an ES256 JWT for the resource?
token_ok() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const [body, aud, scope] = process.argv.slice(1);
    let t;
    try { t = JSON.parse(body); } catch { t = {}; }
    const parts = (t.access_token || "").split(".");
    if (parts.length !== 3) { console.error(`no JWT access token: ${body}`); process.exit(1); }
    const h = JSON.parse(Buffer.from(parts[0], "base64url"));
    const p = JSON.parse(Buffer.from(parts[1], "base64url"));
    const audOk = [].concat(p.aud).includes(aud);
    const scopeOk = (p.scope || "").split(" ").includes(scope);
    if (h.alg !== "ES256" || !audOk || !scopeOk) {
      console.error(`unexpected token: header ${JSON.stringify(h)} payload ${JSON.stringify(p)}`);
      process.exit(1);
    }' "$1" "$RESOURCE" "$SCOPE"
}
