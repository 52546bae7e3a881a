#!/usr/bin/env bash
# Prints, per page, what it loads before it is interactive (document, css, js, wasm) raw,
# gzipped and brotli'd, against its budget (/settings/email 190 KB gzipped in every language;
# sign-in, forgot and reset password, setup 30 KB), and the bytes Chromium receives on a first
# and a second visit of /settings/email. Exits non-zero when a page is over its guard (see
# GUARD in scripts/bench_pages.mjs). Uses the debug server: the pages are the same in release.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh >/dev/null
scripts/build.sh >/dev/null 2>&1
exec node scripts/bench_pages.mjs size target/debug/mailwright
