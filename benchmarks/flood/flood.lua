-- wrk script of benchmarks/flood/run.sh: floods one token-issuing endpoint as CUSTOMERS customers (each request as a
-- random one of customer-1..customer-CUSTOMERS, signed in by the load host's flood scheme) and prints the count of each
-- response status on one line, "STATUS 200=n 429=m ...".
--   METHOD=POST TARGET_PATH=/api/sys/users/token/refresh CUSTOMERS=1000 wrk -t1 -c32 -d60s -s flood.lua http://127.0.0.1:5191
local customers = tonumber(os.getenv("CUSTOMERS") or "1")
local method = os.getenv("METHOD") or "GET"
local path = os.getenv("TARGET_PATH") or "/api/auth/media/customer"
local threads = {}
counts = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format(method, path, { ["Authorization"] = "Bearer customer-" .. math.random(1, customers) })
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local line = "STATUS"
  for status, count in pairs(total) do
    line = line .. " " .. status .. "=" .. count
  end
  io.write(line .. " errors=" .. (summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout) .. "\n")
end
