#!/usr/bin/env bash
# Prints the resident memory of an idle release server (budget: under 25 MB): started on a
# fresh data directory, asked for the sign-in page once, then left idle for 5 seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh --build >/dev/null
scripts/build.sh --release >/dev/null 2>&1
data="$(mktemp -d)"
port=3459
target/release/mailwright serve --addr "127.0.0.1:$port" --data-dir "$data" --site-root target/site \
  >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/login" && break
  sleep 0.2
done
rss_first=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
sleep 5
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "RSS after first page: ${rss_first} kB"
echo "RSS idle (5 s later): ${rss_idle} kB  (budget 25600 kB)"
