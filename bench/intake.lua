-- wrk script of the desk's intake benchmark: POST /api/cases/online with a unique Idempotency-Key and a varying phone
-- per request.
-- Token comes from the environment (WL_TOKEN); prints one line "RESULT c=... rps=... p50=... p95=... p99=... errors=..."
local counter = 0
local threads = {}
local token = os.getenv("WL_TOKEN")
-- WL_PREFER=minimal: send "Prefer: return=minimal" (the answer is the case's number, version and state only)
local minimal = os.getenv("WL_PREFER") == "minimal"
local prefix

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = "wrk-" .. tid .. "-" .. os.time() .. "-" .. math.random(1, 1000000000) .. "-"
  math.randomseed(os.time() + tid)
end

function request()
  counter = counter + 1
  local phone = "13" .. string.format("%09d", math.random(0, 999999999))
  local body = '{"channel":"WECHAT","category":"COMPLAINT","topic":"TEMPERATURE","citizenName":"压测用户",'
    .. '"citizenPhone":"' .. phone .. '","address":"东城区胜利街263号滨江花园四期小区24号楼2单元203室",'
    .. '"demand":"室温只有14度，达不到18度标准，要求尽快处理"}'
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = prefix .. counter,
  }
  if minimal then
    headers["Prefer"] = "return=minimal"
  end
  return wrk.format("POST", "/api/cases/online", headers, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms "
    .. "socket_errors=%d non2xx3xx=%d\n",
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
