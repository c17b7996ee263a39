-- wrk script for the booking_throughput benchmark: POST /api/v1/bookings/, each request a
-- different agent's different block. ENTRIES names a file of "token program start end" lines;
-- thread n of N takes lines n, n+N, n+2N, ... so no two requests ever send the same block.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(os.getenv("WRK_THREADS"))
  entries = {}
  local n = 0
  for line in io.lines(os.getenv("ENTRIES")) do
    if n % nthreads == id then
      table.insert(entries, line)
    end
    n = n + 1
  end
  next_entry = 1
  statuses = {}
end

function request()
  local line = entries[next_entry]
  next_entry = next_entry % #entries + 1
  local token, program, start, finish = line:match("(%S+) (%S+) (%S+) (%S+)")
  local body = string.format('{"program": %s, "start": "%s", "end": "%s"}', program, start, finish)
  local headers = {
    ["Authorization"] = "Token " .. token,
    ["Content-Type"] = "application/json",
  }
  return wrk.format("POST", "/api/v1/bookings/", headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    for status, count in pairs(seen) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  for status, count in pairs(counts) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("seconds %.3f\n", summary.duration / 1e6))
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%d %.2f\n", p, latency:percentile(p) / 1000))
  end
end
