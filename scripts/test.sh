#!/usr/bin/env bash
# Runs every test: formatting and lints, unit tests, integration tests against a real SMTP
# server (started by the tests), and Playwright end-to-end tests in Debian's Chromium against the
# real server binary. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/setup.sh
echo "[test] cargo fmt --check"
cargo fmt --all -- --check
scripts/build.sh
echo "[test] cargo clippy"
cargo clippy -q -p app -p server --features app/ssr --all-targets -- -D warnings
cargo clippy -q -p frontend -p app --target wasm32-unknown-unknown --features app/hydrate -- -D warnings
echo "[test] unit and integration tests"
cargo test -p app --features ssr
cargo test -p server
echo "[test] end-to-end (Playwright, Debian Chromium)"
(cd end2end && npx playwright test)
echo "[test] page size guard (scripts/bench-size.sh)"
scripts/bench-size.sh
