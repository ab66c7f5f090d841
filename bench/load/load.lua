-- wrk script of bench/load.sh. Environment:
--   LOAD_PATH     the path; {site} and {monitor} are replaced by a random generated website / its monitor
--   LOAD_IDS      file of "websiteId monitorId" lines (written by the data generator)
--   LOAD_HEADER   one request header, "Name: value" (the session cookie or the bearer token)
-- At the end it prints one line: RESULT requests seconds p50_ms p99_ms bad (bad = every answer outside 2xx).
local path = os.getenv("LOAD_PATH")
local header = os.getenv("LOAD_HEADER")
local headers = {}
local name, value = header:match("^([^:]+):%s*(.*)$")
headers[name] = value

local sites, monitors = {}, {}
for line in io.lines(os.getenv("LOAD_IDS")) do
  local s, m = line:match("^(%S+)%s+(%S+)$")
  if s then
    sites[#sites + 1] = s
    monitors[#monitors + 1] = m
  end
end

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  math.randomseed(1000 + id)
end

function request()
  local p = path
  if p:find("{site}", 1, true) or p:find("{monitor}", 1, true) then
    local i = math.random(#sites)
    p = p:gsub("{site}", sites[i]):gsub("{monitor}", monitors[i])
  end
  return wrk.format("GET", p, headers)
end

function response(status, hdrs, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_bad = 0
  for _, t in ipairs(threads) do
    total_bad = total_bad + t:get("bad")
  end
  io.write(string.format("RESULT %d %.3f %.1f %.1f %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, total_bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
