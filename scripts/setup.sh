#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently: each step checks first and
# returns at once when its tool is already there. Only package registries are used.
#   scripts/setup.sh          everything: build tools and test tools
#   scripts/setup.sh --build  only what building and running the server needs
set -euo pipefail
only_build=false
[ "${1:-}" = "--build" ] && only_build=true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen version in Cargo.lock
WASM_SPLIT_VERSION=0.2.4       # reads what wasm_split_helpers (in Cargo.lock) writes
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
log() { printf '[setup] %s\n' "$*"; }
# npm ci in $1 unless its node_modules already matches its package-lock.json.
npm_ci() {
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    log "npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lockfile pins a webpki-roots version the registry no longer has.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

# Splits each browser bundle at its #[lazy] functions (the one Leptos's cargo-leptos uses).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 1 minute)"
  cargo install --locked wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary
fi

# binaryen's wasm-opt from npm: Debian's binaryen 108 breaks hydration.
npm_ci scripts/wasm-opt
if $only_build; then
  log "build tools ready"
  exit 0
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# PostgreSQL: the second backend, in a throwaway cluster (scripts/pg.sh).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt+=(postgresql)
# systemd-analyze checks the service unit (server/tests/deploy.rs).
command -v systemd-analyze >/dev/null || need_apt+=(systemd)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
# Debian's package may start its own "main" cluster on port 5432 when installed; the tests use
# throwaway clusters of their own (scripts/pg.sh), so one started by this install is stopped.
if [[ " ${need_apt[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
  pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }' |
    while read -r version cluster; do
      log "stopping the PostgreSQL cluster $version/$cluster the package started"
      $SUDO pg_ctlcluster "$version" "$cluster" stop || true
    done
fi

# Python: the SMTP server the tests send to (aiosmtpd, real TLS and AUTH), its test CA (trustme),
# and the OpenAPI validator the API document is checked with.
if ! .venv/bin/python -c 'import aiosmtpd, trustme, openapi_spec_validator' 2>/dev/null; then
  log "creating .venv with aiosmtpd, trustme and openapi-spec-validator"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/smtp-test-server/requirements.txt
fi

# Playwright drives Debian's Chromium; it never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm_ci end2end
log "tools ready"
