-- wrk script for GET endpoints (JWKS, discovery, and later userinfo-like reads).
-- The path comes from the URL on wrk's command line. Optional environment:
--   BENCH_EXPECT_STATUS  status counted as good (default 200)
--   BENCH_EXPECT_BODY    text every good body must contain (e.g. "keys")
--   BENCH_LUA_DIR        directory holding common.lua (default bench/lua)

expect_body = os.getenv("BENCH_EXPECT_BODY")
if expect_body == "" then expect_body = nil end

dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
