// Makes the browser bundles cacheable and small on the wire. For each file in the pkg directory
// (the stylesheet, and each admin page's js and wasm) it writes a copy whose name carries a digest of its content
// (so it can be cached for a year: a new build has new names), a brotli (quality 11) and a gzip
// (level 9) version of that copy for the server to send to clients that accept them, and
// manifest.json, which tells the server the names to put in the page. Copies left by earlier
// builds are removed. Node's own zlib does the compression: no tool to install.
//
// Usage: node scripts/assets.mjs target/site/pkg
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const pkg = process.argv[2];
const pages = ["email", "tokens", "deliveries"];

/** Writes the digest-named copy of `file` and its compressed versions; returns its name. */
function publish(file) {
  const content = readFileSync(join(pkg, file));
  const digest = createHash("sha256").update(content).digest("hex").slice(0, 16);
  const dot = file.lastIndexOf(".");
  const hashed = `${file.slice(0, dot)}.${digest}${file.slice(dot)}`;
  writeFileSync(join(pkg, hashed), content);
  writeFileSync(
    join(pkg, `${hashed}.br`),
    brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
  );
  writeFileSync(join(pkg, `${hashed}.gz`), gzipSync(content, { level: 9 }));
  return hashed;
}

const manifest = { css: publish("mailwright.css"), pages: {} };
for (const page of pages) {
  manifest.pages[page] = {
    js: publish(`mailwright-${page}.js`),
    wasm: publish(`mailwright-${page}_bg.wasm`),
  };
}

const names = [manifest.css, ...Object.values(manifest.pages).flatMap((p) => [p.js, p.wasm])];
const current = new Set(names.flatMap((f) => [f, `${f}.br`, `${f}.gz`]));
const isHashed = /^mailwright(-[a-z]+)?(_bg)?\.[0-9a-f]{16}\.(js|wasm|css)(\.br|\.gz)?$/;
for (const file of readdirSync(pkg)) {
  if (isHashed.test(file) && !current.has(file)) unlinkSync(join(pkg, file));
}
writeFileSync(join(pkg, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
