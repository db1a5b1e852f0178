-- wrk script: print one JSON line with throughput, errors and latency percentiles (µs).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "bytes": %d}\n',
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.bytes))
end
