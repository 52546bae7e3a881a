#!/usr/bin/env bash
# Prints the size of what the Email provider page ships to the browser: the release wasm, js and
# css, raw and gzipped (gzip -9), against the 190 KB gzipped budget.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh --build >/dev/null
scripts/build.sh --site >/dev/null 2>&1
pkg=target/site/pkg
total=0
printf '%-22s %10s %10s\n' file raw gzip
for f in mailwright_bg.wasm mailwright.js mailwright.css; do
  raw=$(wc -c <"$pkg/$f")
  gz=$(gzip -9 -c "$pkg/$f" | wc -c)
  total=$((total + gz))
  printf '%-22s %10d %10d\n' "$f" "$raw" "$gz"
done
budget=$((190 * 1024))
printf '%-22s %10s %10d\n' total "" "$total"
if [ "$total" -le "$budget" ]; then
  echo "within the 190 KB budget ($budget bytes) by $((budget - total)) bytes"
else
  echo "OVER the 190 KB budget ($budget bytes) by $((total - budget)) bytes"
fi
