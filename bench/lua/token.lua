-- wrk script for the token endpoint: one client_credentials request per call,
-- authenticated with HTTP Basic (client_secret_basic). Environment:
--   BENCH_CLIENT_ID, BENCH_CLIENT_SECRET   the client (required)
--   BENCH_TOKEN_BODY     the form body (default: client_credentials for
--                        https://billing.example.com, scope read:invoices)
--   BENCH_EXPECT_STATUS  status counted as good (default 200)
--   BENCH_LUA_DIR        directory holding common.lua (default bench/lua)
-- Every 200 must carry "access_token"; anything else is counted and the first
-- one is printed by done() so a broken run is visible.

expect_body = '"access_token"'

dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = string.byte(s, i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1 = math.floor(n / 262144) % 64
    local c2 = math.floor(n / 4096) % 64
    local c3 = math.floor(n / 64) % 64
    local c4 = n % 64
    out[#out + 1] = string.sub(b64chars, c1 + 1, c1 + 1)
      .. string.sub(b64chars, c2 + 1, c2 + 1)
      .. (b and string.sub(b64chars, c3 + 1, c3 + 1) or "=")
      .. (c and string.sub(b64chars, c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

-- RFC 6749 section 2.3.1: id and secret are form-urlencoded before Basic.
local function form_encode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(ch)
    return string.format("%%%02X", string.byte(ch))
  end))
end

local id = os.getenv("BENCH_CLIENT_ID")
local secret = os.getenv("BENCH_CLIENT_SECRET")
if not id or id == "" or not secret or secret == "" then
  io.stderr:write("token.lua: BENCH_CLIENT_ID and BENCH_CLIENT_SECRET must be set\n")
  os.exit(2)
end

local body = os.getenv("BENCH_TOKEN_BODY")
if not body or body == "" then
  body = "grant_type=client_credentials"
    .. "&resource=" .. form_encode("https://billing.example.com")
    .. "&scope=" .. form_encode("read:invoices")
end

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Basic " .. base64(form_encode(id) .. ":" .. form_encode(secret))
