#!/usr/bin/env bash
# Builds the site into target/site (wasm, js, css, assets) and the `mailwright` server binary.
#   scripts/build.sh            debug server + size-optimised wasm (what the tests use)
#   scripts/build.sh --release  release server + size-optimised wasm
#   scripts/build.sh --site     only the site
# The browser bundle always uses the wasm-release profile (opt-level "z", LTO) and wasm-opt, so
# the page is tested and measured as admins get it. cargo-leptos is not needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mode="${1:-}"
site=target/site
pkg="$site/pkg"
mkdir -p "$pkg"

echo "[build] wasm (profile wasm-release)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
wasm_in=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
stamp="$pkg/.built-from"
if [ ! -f "$stamp" ] || [ "$wasm_in" -nt "$stamp" ]; then
  wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name mailwright "$wasm_in"
  echo "[build] wasm-opt -Oz"
  scripts/wasm-opt/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals "$pkg/mailwright_bg.wasm" -o "$pkg/mailwright_bg.wasm"
  touch "$stamp"
fi
cp style/main.css "$pkg/mailwright.css"
# Names with content digests, brotli and gzip versions, pkg/manifest.json (see the script).
node scripts/assets.mjs "$pkg"
cp -r public/. "$site/"

case "$mode" in
  --site) ;;
  --release) echo "[build] server (release)"; cargo build -p server --release ;;
  *) echo "[build] server (debug)"; cargo build -p server ;;
esac
