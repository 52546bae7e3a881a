// Makes the browser bundles cacheable and small on the wire. It publishes the stylesheet and
// each admin page's bundle under names that carry a digest of their content (so they can be
// cached for a year: a new build has new names), writes a brotli (quality 11) and a gzip (level
// 9) version of each published file for the server to send to clients that accept them, and
// writes manifest.json, which tells the server the names to put in the page. Copies left by
// earlier builds are removed. Node's own zlib does the compression: no tool to install.
//
// A page's bundle (<bundles>/<page>/, see scripts/build.sh) is published as a whole, in a directory
// named after the digest of all its files (pkg/<page>.<digest>/): its module, its loader of lazy
// modules and those modules import one another by relative names, which therefore stay as
// they are.
//
// Usage: node scripts/assets.mjs target/site/pkg target/bundles
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [pkg, bundles] = process.argv.slice(2);
const pages = ["email", "tokens", "deliveries"];

const digestOf = (...contents) => {
  const hash = createHash("sha256");
  for (const content of contents) hash.update(content);
  return hash.digest("hex").slice(0, 16);
};

/** Writes `content` to `path` with its brotli and gzip versions beside it. */
function writeCompressed(path, content) {
  writeFileSync(path, content);
  const brotli = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
}

/** Publishes `file` as `<name>.<digest>.<ext>`; returns that name. */
function publishFile(file) {
  const content = readFileSync(join(pkg, file));
  const dot = file.lastIndexOf(".");
  const hashed = `${file.slice(0, dot)}.${digestOf(content)}${file.slice(dot)}`;
  writeCompressed(join(pkg, hashed), content);
  return hashed;
}

/** Publishes the directory `page` as `<page>.<digest>/`; returns the page's manifest entry. */
function publishPage(page) {
  const files = readdirSync(join(bundles, page))
    .filter((f) => /\.(js|wasm)$/.test(f))
    .sort();
  const contents = files.map((f) => readFileSync(join(bundles, page, f)));
  const dir = `${page}.${digestOf(...files.flatMap((f, i) => [f, contents[i]]))}`;
  rmSync(join(pkg, dir), { recursive: true, force: true });
  mkdirSync(join(pkg, dir));
  files.forEach((f, i) => writeCompressed(join(pkg, dir, f), contents[i]));
  const main = `mailwright-${page}`;
  const mainJs = contents[files.indexOf(`${main}.js`)].toString();
  return {
    js: `${dir}/${main}.js`,
    wasm: `${dir}/${main}_bg.wasm`,
    // The modules the page's module imports (the lazy modules' loader), so the page can ask
    // for them at once instead of after its module has been read.
    imports: files
      .filter((f) => f.endsWith(".js") && f !== `${main}.js` && mainJs.includes(`"./${f}"`))
      .map((f) => `${dir}/${f}`),
    // Fetched after the page is interactive, when its code first needs them.
    lazy: files
      .filter((f) => f.endsWith(".wasm") && f !== `${main}_bg.wasm`)
      .map((f) => `${dir}/${f}`),
  };
}

const manifest = { css: publishFile("mailwright.css"), pages: {} };
for (const page of pages) manifest.pages[page] = publishPage(page);

// Earlier builds' copies: digest-named stylesheets and page directories not in this manifest.
const current = new Set([
  manifest.css,
  `${manifest.css}.br`,
  `${manifest.css}.gz`,
  ...Object.values(manifest.pages).map((p) => p.js.split("/")[0]),
]);
const isPublished = /^(mailwright\.[0-9a-f]{16}\.css(\.br|\.gz)?|[a-z]+\.[0-9a-f]{16})$/;
for (const entry of readdirSync(pkg)) {
  if (isPublished.test(entry) && !current.has(entry)) {
    rmSync(join(pkg, entry), { recursive: true, force: true });
  }
}
writeFileSync(join(pkg, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
