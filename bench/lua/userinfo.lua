-- wrk script for the userinfo endpoint (GET /oidc/me) with one opaque access
-- token as a Bearer credential. Environment:
--   BENCH_ACCESS_TOKEN   the token (required; bench/run gets it from one
--                        sign-in, scope "openid profile", no resource)
--   BENCH_EXPECT_STATUS  status counted as good (default 200)
--   BENCH_LUA_DIR        directory holding common.lua (default bench/lua)
-- Every 200 must carry "sub".

expect_body = '"sub"'

dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

local token = os.getenv("BENCH_ACCESS_TOKEN")
if not token or token == "" then
  io.stderr:write("userinfo.lua: BENCH_ACCESS_TOKEN must be set\n")
  os.exit(2)
end

wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
