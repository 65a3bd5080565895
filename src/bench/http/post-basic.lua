-- wrk script for wrk-bench.sh: POST with no body (Content-Length: 0; see BENCH_BODY) and HTTP BASIC for
-- BENCH_USER / BENCH_PASSWORD (default alice / alice-password), or BENCH_BEARER's access token. Counts responses outside 2xx
-- (wrk's own error count only sees status >= 400) and prints machine-readable lines at the end:
--   bench requests N | bench rps X | bench p50_ms X | bench p99_ms X | bench non2xx N | bench socket_errors N
-- Defining response() makes wrk parse every response; that costs wrk some CPU, equally for
-- every target.

local function base64(text)
  local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  local out = {}
  for i = 1, #text, 3 do
    local a, b, c = text:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
    for k = 1, 4 do
      local index = math.floor(n / 2 ^ (6 * (4 - k))) % 64
      out[#out + 1] = k <= chars and alphabet:sub(index + 1, index + 1) or "="
    end
  end
  return table.concat(out)
end

local user = os.getenv("BENCH_USER") or "alice"
local password = os.getenv("BENCH_PASSWORD") or "alice-password"

wrk.method = "POST"
-- BENCH_BODY (optional): a JSON body, e.g. a delegate naming the customer {"externalId":"alice"}.
wrk.body = os.getenv("BENCH_BODY") or ""
if wrk.body ~= "" then
  wrk.headers["Content-Type"] = "application/json"
end
-- BENCH_BEARER (optional): a pre-issued access token, sent instead of the BASIC credentials.
-- BENCH_BEARER_FILE (optional): access tokens one a line, sent in turn (real logins: each caller
-- its own token), each thread starting at its own place in the list.
local bearer = os.getenv("BENCH_BEARER")
local bearer_file = os.getenv("BENCH_BEARER_FILE")
local tokens = {}
if bearer_file and bearer_file ~= "" then
  for line in io.lines(bearer_file) do
    if line ~= "" then tokens[#tokens + 1] = "Bearer " .. line end
  end
  assert(#tokens > 0, "no access token in " .. bearer_file)
end
if #tokens > 0 then
  local next_token = 0
  function init(args)
    -- thread_number: set by setup() below, 1, 2, …: the threads start half the list apart.
    next_token = ((thread_number or 1) - 1) * math.floor(#tokens / 2) % #tokens
  end
  function request()
    next_token = next_token % #tokens + 1
    wrk.headers["Authorization"] = tokens[next_token]
    return wrk.format()
  end
elseif bearer and bearer ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. bearer
else
  wrk.headers["Authorization"] = "Basic " .. base64(user .. ":" .. password)
end

-- BENCH_ORIGIN (optional): the Origin a browser page on another origin sends (CORS).
local origin = os.getenv("BENCH_ORIGIN")
if origin and origin ~= "" then
  wrk.headers["Origin"] = origin
end

-- Each thread has its own Lua state: count there, add up in done() through setup()'s handles.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total_non2xx = 0
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format("bench requests %d\n", summary.requests))
  io.write(string.format("bench rps %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("bench p50_ms %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("bench p99_ms %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("bench non2xx %d\n", total_non2xx))
  io.write(string.format("bench socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
end
