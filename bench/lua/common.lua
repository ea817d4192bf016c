-- Shared by the Latch benchmark's wrk scripts (loaded with dofile).
--
-- Counts responses whose status is not the expected one (and, when the
-- scenario sets `expect_body`, 200 responses whose body lacks that text), keeps
-- the first bad response as a sample, and prints one machine-readable line
-- from done() that bench/run parses:
--
--   BENCH requests=N duration_us=N rps=F bytes=N p50_us=N p90_us=N p99_us=N
--         max_us=N bad_status=N bad_body=N err_connect=N err_read=N
--         err_write=N err_status=N err_timeout=N
-- (bytes: all response bytes read, headers included)
--
-- wrk runs this file once per thread (each thread has its own Lua state) and
-- once more in the main state, where setup() and done() run; done() sums the
-- per-thread counters with thread:get().

expect_status = tonumber(os.getenv("BENCH_EXPECT_STATUS") or "200")
expect_body = expect_body or nil

bad_status = 0
bad_body = 0
sample = ""

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= expect_status then
    bad_status = bad_status + 1
    if sample == "" then
      sample = tostring(status) .. " " .. string.sub(body or "", 1, 200)
    end
  elseif expect_body and not string.find(body or "", expect_body, 1, true) then
    bad_body = bad_body + 1
    if sample == "" then
      sample = "200 without " .. expect_body .. ": " .. string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local nstatus, nbody, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    nstatus = nstatus + (thread:get("bad_status") or 0)
    nbody = nbody + (thread:get("bad_body") or 0)
    local s = thread:get("sample") or ""
    if first == "" and s ~= "" then first = s end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "bad_status=%d bad_body=%d err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.requests / seconds, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    nstatus, nbody, e.connect, e.read, e.write, e.status, e.timeout))
  if nstatus + nbody > 0 then
    io.write(string.format("BENCH-BAD %d responses were not %d%s; first: %s\n",
      nstatus + nbody, expect_status, expect_body and (" with " .. expect_body) or "",
      (string.gsub(first, "[\r\n]", " "))))
  end
end
