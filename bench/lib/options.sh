# bench/run: Latch and its peer, npm oidc-provider (the engine under Logto),
# side by side on loopback, one server at a time, with wrk as the load
# generator. Called by `make bench` (after `make build`); not part of `make test`.
#
#   bench/run                 run everything, print a Markdown report, write
#                             bench/results/latest.md
#   bench/run --update-docs   the same, then write the report into
#                             docs/benchmarks.md (latest section + history row)
#   bench/run --help
#
# Environment (all optional):
#   BENCH_ONLY=latch|peer        run only one side (no ratios then)
#   BENCH_DURATION=10s           measured time per run (wrk syntax: 10s, 1m)
#   BENCH_WARMUP=2s              warm-up before each measured run (0 = none)
#   BENCH_REPEAT=1               measured runs per case; the report keeps the
#                                run with the median requests per CPU-second
#   BENCH_THREADS=1              wrk threads (the load generator shares the cores)
#   BENCH_TOKEN_CONNECTIONS="64 8"   connection counts for the token scenario
#   BENCH_GET_CONNECTIONS=64     connection counts for JWKS and discovery
#   BENCH_USERINFO_CONNECTIONS=64   connection counts for userinfo
#   BENCH_SIGNIN_CONNS=16        sign-in workers (one browser session and one
#                                keep-alive connection each)
#   BENCH_SCENARIOS="token jwks discovery signin userinfo scale slowprovider passwordrss"
#                                which scenarios to run (bench/scenarios); slowprovider
#                                and passwordrss are scripts of their own, run
#                                once after the servers (bench/slow-provider/run:
#                                token p99 quiet vs. with 50 sign-ins hung on a
#                                provider; bench/password-rss/run: peak RSS under
#                                200 concurrent password sign-ins)
#   BENCH_READY_RUNS=5           restarts for the start-to-ready measurement
#   BENCH_QUIET_WAIT=0           before each run, wait up to this many seconds for
#                                the machine to go idle (a build running, say),
#                                and redo (up to 3 times) a run during which
#                                other processes used over 0.1 core
#   BENCH_STRICT=1               exit 1 when a target is missed (default: report only)
#   BENCH_KEEP_TMP=1             keep the temporary directory (logs, data)
#   BENCH_PROFILE=1              (make bench PROFILE=1) run each case once more under perf
#                                and write flame graphs to bench/results/profiles/
#                                (lib/profile.sh)
#   BENCH_PEER_PG=1              also run the peer on PostgreSQL, as Logto runs
#                                it (server "peer-pg", BENCH_PG_SCENARIOS only);
#                                default 1 when /usr/lib/postgresql/15/bin/initdb
#                                exists and the peer runs.
#   BENCH_PEER_PG_POOL=10        pg pool size of peer-pg (Logto's default is 10)
#   BENCH_LATCH_PG=1             also run Latch on PostgreSQL (BENCH_PG_SCENARIOS
#                                only): server "latch-pg", one node, and server
#                                "latch-pg2", two nodes on the same database
#                                behind HAProxy (round robin, keep-alive; the
#                                load goes to HAProxy). Default 1 when initdb
#                                exists and Latch runs; latch-pg2 needs haproxy
#                                (installed with apt-get when missing and root).
#   BENCH_PG_SCENARIOS="token signin"   what peer-pg, latch-pg and latch-pg2 run
#                                (of BENCH_SCENARIOS)
#   BENCH_SCALE_USERS=1000000    the scale scenario ("scale" in BENCH_SCENARIOS):
#                                a fresh Latch gets this many users bulk-loaded
#                                with SQL (user0000000 .. , emails
#                                user0000000@example.com, one password), then
#                                user search by prefix through the management
#                                API (wrk), sign-in completions as random users
#                                of those (SSO), and password sign-ins as random
#                                users. Servers "latch-scale" (SQLite) and
#                                "latch-pg-scale" (PostgreSQL, one node).
#   BENCH_SCALE_BACKENDS="sqlite postgres"   which of the two scale servers run
#   BENCH_SCALE_SEARCH_CONNECTIONS="1 4"   wrk connection counts for the user
#                                search (1: the latency of one search alone)
#   BENCH_SCALE_SEARCH_DIGITS=5  the search term is "user" and the first N of a
#                                random user's 7 digits (5: 100 matches each)
#   BENCH_SCALE_LOGIN_CONNS=4    password sign-in workers (each sign-in is one
#                                Argon2id verification, tens of ms of CPU)
#   BENCH_SCALE_TIMEOUT=30s      wrk's per-request timeout for the user search
#   BENCH_SERVERS="latch peer peer-pg latch-pg latch-pg2 latch-scale latch-pg-scale"
#                                the servers to run, in this order; the default
#                                follows BENCH_ONLY, BENCH_PEER_PG, BENCH_LATCH_PG,
#                                BENCH_SCENARIOS and BENCH_SCALE_BACKENDS
#   LATCH_BIN=build/latch        the Latch binary
#   SOAK_SECONDS=600             bench/soak, run last: one Latch on SQLite under mixed
#                                load this long, RSS and descriptors sampled (0: skip)
#
# What is measured, per server and run: requests/s, p50/p99 latency (wrk's
# histogram), the server's CPU seconds during the run (utime+stime of the server
# process from /proc/PID/stat, before and after), requests per server CPU-second
# (the fair rate on a 2-core machine where wrk takes a core), the load
# generator's own CPU seconds, and RSS (VmRSS at the end, VmHWM so far). Per
# server: idle RSS after start and before load, and start-to-ready time (from
# spawn to the first 200, polled every 2 ms, best and median of N starts; for
# Latch with the existing database).
#
# Servers with several processes: latch-pg2's "server" CPU and RSS are both
# Latch nodes together; HAProxy's CPU is a column of its own, and so is the
# PostgreSQL cluster's (postmaster and every backend) for every server on
# PostgreSQL. One cluster (scripts/pg-cluster --durable: PostgreSQL's default
# settings, fsync and synchronous_commit on) serves peer-pg, latch-pg, latch-pg2
# and latch-pg-scale, each in a database of its own, one server at a time; it is
# deleted on exit. latch-pg2's two nodes and HAProxy are started and stopped by
# the multi-node tests' helper (tests/multinode/support/cluster.mjs start); the
# nodes share one master key file.
#
# The signin scenario is driven by bench/tools/signin-load.mjs instead of wrk
# (same BENCH line; "requests" are completed sign-ins: /oidc/auth with the
# session cookie -> code -> /oidc/token with PKCE -> access and ID token).
# Each worker signs in once through the server's own pages before any
# measurement (prepare_signin); if that breaks because the sign-in pages
# changed, run with BENCH_LOGIN_DEBUG=1 and see signin-load.mjs's header.
#
# Adding a scenario: write bench/scenarios/NAME.sh, add NAME to SCENARIOS in
# bench/run, and in the file set SCENARIO_RUNS_ON[NAME] and write what it runs:
#   servers  `scenario_NAME SERVER` on every server but the scale ones (on
#            those on PostgreSQL when NAME is in BENCH_PG_SCENARIOS), and, if it
#            needs data, `prepare_NAME SERVER` (once, after the server is up);
#            it calls `measure SERVER NAME CONNECTIONS LUA_SCRIPT URL [VAR=value...]`
#   scale    the same, only on latch-scale and latch-pg-scale
#   once     `once_NAME`, run once after the servers (not with BENCH_ONLY=peer),
#            prints a Markdown section for the report (a script of its own).
# Adding a server: write bench/servers/NAME.sh (or add to one) with NAME_start,
# NAME_describe and NAME_ready_time and SERVER_RUNS[NAME] (all, pg or scale)
# like the others, and add it to default_servers (bench/lib/servers.sh).
# The layout is in bench/README.md.

# bench/lib/options.sh: bench/run's settings: the text above (bench/run --help
# prints it), their defaults, and the fixed configuration both sides share.
# Sourced by bench/run first.
#
# REQUIRES: ROOT, SCENARIOS (the scenario list of bench/run).
# shellcheck shell=bash

BENCH_ONLY=${BENCH_ONLY:-}
BENCH_DURATION=${BENCH_DURATION:-10s}
BENCH_WARMUP=${BENCH_WARMUP:-2s}
BENCH_REPEAT=${BENCH_REPEAT:-1}
BENCH_THREADS=${BENCH_THREADS:-1}
BENCH_TOKEN_CONNECTIONS=${BENCH_TOKEN_CONNECTIONS:-64 8}
BENCH_GET_CONNECTIONS=${BENCH_GET_CONNECTIONS:-64}
BENCH_USERINFO_CONNECTIONS=${BENCH_USERINFO_CONNECTIONS:-64}
BENCH_SIGNIN_CONNS=${BENCH_SIGNIN_CONNS:-16}
BENCH_SCENARIOS=${BENCH_SCENARIOS:-$SCENARIOS}
BENCH_READY_RUNS=${BENCH_READY_RUNS:-5}
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
BENCH_STRICT=${BENCH_STRICT:-0}
BENCH_KEEP_TMP=${BENCH_KEEP_TMP:-0}
LATCH_BIN=${LATCH_BIN:-$ROOT/build/latch}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ -x $PG_BIN/initdb ]]; then BENCH_PEER_PG=${BENCH_PEER_PG:-1}; else BENCH_PEER_PG=${BENCH_PEER_PG:-0}; fi
BENCH_PEER_PG_POOL=${BENCH_PEER_PG_POOL:-10}
if [[ -x $PG_BIN/initdb ]]; then BENCH_LATCH_PG=${BENCH_LATCH_PG:-1}; else BENCH_LATCH_PG=${BENCH_LATCH_PG:-0}; fi
# The scenarios that the servers on PostgreSQL run (of BENCH_SCENARIOS).
BENCH_PG_SCENARIOS=${BENCH_PG_SCENARIOS:-token signin}
BENCH_SCALE_USERS=${BENCH_SCALE_USERS:-1000000}
BENCH_SCALE_BACKENDS=${BENCH_SCALE_BACKENDS:-sqlite postgres}
BENCH_SCALE_SEARCH_CONNECTIONS=${BENCH_SCALE_SEARCH_CONNECTIONS:-1 4}
BENCH_SCALE_SEARCH_DIGITS=${BENCH_SCALE_SEARCH_DIGITS:-5}
BENCH_SCALE_LOGIN_CONNS=${BENCH_SCALE_LOGIN_CONNS:-4}
BENCH_SCALE_TIMEOUT=${BENCH_SCALE_TIMEOUT:-30s}
BENCH_SERVERS=${BENCH_SERVERS:-}

RESOURCE=https://billing.example.com
SCOPE=read:invoices
# The sign-in scenario's public SPA client and test account, same on both sides.
REDIRECT_URI=http://127.0.0.1:9/cb
SIGNIN_USER=bench
SIGNIN_PASSWORD='bench password 1'
