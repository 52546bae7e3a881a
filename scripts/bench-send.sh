#!/usr/bin/env bash
# Prints what a test send through Mailwright adds to the bare SMTP exchange (budget: +20%),
# with a release server. See scripts/bench_send.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh >/dev/null
scripts/build.sh --release >/dev/null 2>&1
exec .venv/bin/python scripts/bench_send.py target/release/mailwright "${1:-30}"
