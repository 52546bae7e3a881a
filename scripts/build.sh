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

# One bundle per admin page, each with that page's islands only (frontend's features), so a page
# loads none of the others' code. Each is split at its #[lazy] functions (wasm-split-cli: the
# linker's relocations tell it which code only a lazy function reaches), so the Email provider
# page's editor is a module of its own, fetched after the page is interactive. Each page's files
# go to target/bundles/<page>/ (scripts/assets.mjs publishes them into pkg):
# mailwright-<page>.js and _bg.wasm, __wasm_split.js (which loads the lazy modules) and one
# .wasm per lazy module.
wasm_in=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
wasm_opt=(scripts/wasm-opt/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)
for page in email tokens deliveries; do
  echo "[build] wasm for $page (profile wasm-release)"
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release --features "$page"
  # Cargo keeps each feature set's build, but the output file is the last one built: compare
  # contents, not times.
  out="target/bundles/$page"
  stamp="$out/.built-from"
  digest="$(sha256sum "$wasm_in" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    rm -rf "$out" && mkdir -p "$out"
    wasm-split-cli "$wasm_in" "$out" --target web --out-name "mailwright-$page"
    # The lazy modules call into the main one through the exports the linker made: keep them.
    wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$out" \
      --out-name "mailwright-$page" "$out/mailwright-$page.wasm"
    rm "$out/mailwright-$page.wasm"
    echo "[build] wasm-opt -Oz ($page)"
    for wasm in "$out"/*.wasm; do
      "${wasm_opt[@]}" "$wasm" -o "$wasm" 2> >(grep -v "unknown name subsection" >&2)
    done
    echo "$digest" > "$stamp"
  fi
done
cp style/main.css "$pkg/mailwright.css"
# Names with content digests, brotli and gzip versions, pkg/manifest.json (see the script).
node scripts/assets.mjs "$pkg" target/bundles
cp -r public/. "$site/"

case "$mode" in
  --site) ;;
  --release) echo "[build] server (release)"; cargo build -p server --release ;;
  *) echo "[build] server (debug)"; cargo build -p server ;;
esac
