#!/usr/bin/env bash
# Prints how fast the outbox drains to Postfix's smtp-sink beside smtp-source (target: at least
# 0.8 of its rate) and how many messages a second the API accepts, on SQLite and on PostgreSQL
# (one and two instances). Release build; installs
# Postfix's tools (smtp-sink, smtp-source) from Debian if missing. See scripts/bench_outbox.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh --build >/dev/null
if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postfix >/dev/null
fi
export PATH="$PATH:/usr/sbin"
scripts/build.sh --release >/dev/null 2>&1
# PostgreSQL figures beside SQLite's, on a throwaway cluster (scripts/pg.sh).
pg_dir="$(mktemp -d -u "${TMPDIR:-/tmp}/mailwright-bench-pg.XXXXXX")"
trap 'scripts/pg.sh stop "$pg_dir"' EXIT
MAILWRIGHT_BENCH_POSTGRES="$(scripts/pg.sh start "$pg_dir")" python3 scripts/bench_outbox.py target/release/mailwright
