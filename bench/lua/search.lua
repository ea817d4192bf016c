-- wrk script for the scale scenario's user search through the management API:
-- GET <url path>?search=TERM&page=1&page_size=20 with a Bearer management
-- token, TERM = "user" and the first BENCH_SCALE_SEARCH_DIGITS digits of a
-- random user's 7-digit number among the BENCH_SCALE_USERS bulk-loaded ones
-- (user0000000 ..), so every search matches (5 digits: up to 100 users, the
-- first 20 returned). Environment:
--   BENCH_ACCESS_TOKEN         management API access token (required)
--   BENCH_SCALE_USERS          how many users were loaded (required)
--   BENCH_SCALE_SEARCH_DIGITS  digits after "user" in the term (default 5)
--   BENCH_LUA_DIR              directory holding common.lua (default bench/lua)
-- Every 200 must be a non-empty list (carry "username"); anything else is
-- counted and the first one printed by done().

expect_body = '"username"'

dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

local token = os.getenv("BENCH_ACCESS_TOKEN")
local users = tonumber(os.getenv("BENCH_SCALE_USERS") or "")
local digits = tonumber(os.getenv("BENCH_SCALE_SEARCH_DIGITS") or "5")
if not token or token == "" or not users or users < 1 then
  io.stderr:write("search.lua: BENCH_ACCESS_TOKEN and BENCH_SCALE_USERS must be set\n")
  os.exit(2)
end

-- Each thread gets its own seed (setup numbers the threads in the main state).
local base_setup = setup
local thread_count = 0
function setup(thread)
  base_setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

local path
local headers = { ["Accept"] = "application/json", ["Authorization"] = "Bearer " .. token }

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0) * 7919)
  path = wrk.path
end

function request()
  local n = string.format("%07d", math.random(0, users - 1))
  local term = "user" .. string.sub(n, 1, digits)
  return wrk.format("GET", path .. "?search=" .. term .. "&page=1&page_size=20", headers)
end
