#!/usr/bin/env bash
# Builds Mailwright in release mode and serves it on http://127.0.0.1:3000 with its SQLite
# database under ./data. Extra arguments go to `mailwright serve` (see --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh --build
scripts/build.sh --release
exec target/release/mailwright serve --site-root target/site "$@"
