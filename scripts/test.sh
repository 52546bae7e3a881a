#!/usr/bin/env bash
# Runs every test: formatting and lints, unit tests, integration tests against a real SMTP
# server (started by the tests), and Playwright end-to-end tests in Debian's Chromium against the
# real server binary; then the store, service and several-instance tests and the settings and
# accounts specs again on PostgreSQL, in a throwaway cluster on 127.0.0.1 (scripts/pg.sh).
# Installs what it needs first (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/setup.sh
echo "[test] cargo fmt --check"
cargo fmt --all -- --check
scripts/build.sh
echo "[test] cargo clippy"
cargo clippy -q -p app -p server --features app/ssr --all-targets -- -D warnings
cargo clippy -q -p frontend -p app --target wasm32-unknown-unknown \
  --features app/hydrate,frontend/email,frontend/tokens,frontend/deliveries -- -D warnings
echo "[test] unit and integration tests"
cargo test -p app --features ssr
cargo test -p server
echo "[test] end-to-end (Playwright, Debian Chromium)"
(cd end2end && npx playwright test)
echo "[test] PostgreSQL: a throwaway cluster"
pg_dir="$(mktemp -d -u "${TMPDIR:-/tmp}/mailwright-pg.XXXXXX")"
trap 'scripts/pg.sh stop "$pg_dir"' EXIT
pg_url="$(scripts/pg.sh start "$pg_dir")"
echo "[test] PostgreSQL: store, service and several-instance tests"
# Each test makes its own database on the cluster (app::store::scratch).
export MAILWRIGHT_TEST_POSTGRES="$pg_url"
cargo test -p app --features ssr --test audit_log --test secret_expiry --test shared_limits
cargo test -p server --test authorization --test concurrency --test copy_database \
  --test durability --test first_start --test outbox --test plain_forms --test provider_health \
  --test sessions \
  --test several_instances
unset MAILWRIGHT_TEST_POSTGRES
echo "[test] PostgreSQL: end-to-end settings and accounts specs"
(
  export DATABASE_URL="$(scripts/pg.sh createdb "$pg_url" e2e)"
  export MAILWRIGHT_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
  cd end2end && npx playwright test tests/accounts.spec.ts tests/email_provider.spec.ts
)
scripts/pg.sh stop "$pg_dir"
trap - EXIT
echo "[test] page size guard (scripts/bench-size.sh)"
scripts/bench-size.sh
