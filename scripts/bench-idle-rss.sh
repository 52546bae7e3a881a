#!/usr/bin/env bash
# Prints the resident memory of a release server: idle (budget 25 MB), 30 s after 50 sign-ins
# made 10 at a time (budget 40 MB), and its peak while 200 sign-ins arrive at once (budget
# 150 MB). See scripts/bench_memory.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh --build >/dev/null
scripts/build.sh --release >/dev/null 2>&1
exec python3 scripts/bench_memory.py target/release/mailwright
