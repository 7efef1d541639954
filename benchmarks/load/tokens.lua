-- Sends GET <path>?t=<token>, walking through the tokens in $TOKEN_FILE: with one token every request repeats it,
-- with many each request carries a different one (each wrk thread starts at its own offset). A line "{token}\t{cookie}"
-- (the continuation host's "continued" mode) sends the cookie too.
local requests = {}
local next_request = 0

function setup(thread)
  thread:set("thread_index", (thread_count or 0))
  thread_count = (thread_count or 0) + 1
end

function init(args)
  for line in io.lines(os.getenv("TOKEN_FILE")) do
    local token, cookie = line:match("^([^\t]*)\t(.*)$")
    if token then
      requests[#requests + 1] = wrk.format("GET", wrk.path .. "?t=" .. token, { Cookie = cookie })
    else
      requests[#requests + 1] = wrk.format("GET", wrk.path .. "?t=" .. line)
    end
  end
  next_request = (thread_index or 0) * 7919
end

function request()
  next_request = next_request + 1
  return requests[(next_request % #requests) + 1]
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %.1f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.errors.status, errors,
    summary.requests))
end
