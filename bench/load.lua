-- Mixed queries for wrk against `vigie serve` (see bench/load.sh).
local queries = {
  "q=arm%C3%A9e", "q=Segou", "q=%22coup+d%27%C3%89tat%22", "q=massacre&sort=date",
  "q=wagner+drones", "q=", "q=&actor=wagner", "q=&place=mopti", "q=tu%C3%A9s&from=2022&to=2022",
  "q=Wagnr", "q=massac*", "q=casques+bleus", "q=FAMa&place=kidal", "q=Al-Qa%C3%AFda",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?" .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("requests/s %.1f  latency p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
