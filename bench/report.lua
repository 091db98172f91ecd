-- wrk script for bench/run.py: one JSON line with what the benchmark reports.

-- With BENCH_UNIQUE_SUFFIX set, every request gets a number of its own appended to the URL
-- (which ends in "fbclid="), as every click on a link shared on Facebook does.
if os.getenv("BENCH_UNIQUE_SUFFIX") then
  local counter = 0
  setup = function(thread)
    counter = counter + 1
    thread:set("thread_id", counter)
  end
  request = function()
    requests_made = (requests_made or 0) + 1
    return wrk.format(nil, wrk.path .. "IwAR" .. thread_id .. "x" .. requests_made)
  end
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
