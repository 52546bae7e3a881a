// The bundle goes over the wire compressed, and a second visit takes it from the browser's cache.
import { expect, test } from "./fixtures";
import { openEmailProviderPage } from "./helpers";

test("the wasm arrives brotli-compressed once and comes from the cache on the next visit", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const wasm = new Map<string, { url: string; encoding?: string; fromCache: boolean; bytes: number }>();
  cdp.on("Network.responseReceived", (event) => {
    if (!event.response.url.endsWith(".wasm")) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    wasm.set(event.requestId, {
      url: event.response.url,
      encoding: headers["content-encoding"] as string | undefined,
      fromCache: Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache),
      bytes: 0,
    });
  });
  cdp.on("Network.requestServedFromCache", (event) => {
    const entry = wasm.get(event.requestId);
    if (entry) entry.fromCache = true;
  });
  cdp.on("Network.loadingFinished", (event) => {
    const entry = wasm.get(event.requestId);
    if (entry) entry.bytes = event.encodedDataLength;
  });

  await openEmailProviderPage(page);
  const first = [...wasm.values()].filter((e) => !e.fromCache);
  expect(first.length).toBeGreaterThan(0);
  for (const entry of first) {
    expect(entry.encoding).toBe("br");
    expect(entry.url).toMatch(/\/pkg\/mailwright-email_bg\.[0-9a-f]{16}\.wasm$/);
  }
  wasm.clear();

  await openEmailProviderPage(page);
  const second = [...wasm.values()];
  expect(second.length).toBeGreaterThan(0);
  for (const entry of second) {
    expect(entry.fromCache).toBe(true);
    expect(entry.bytes).toBe(0);
  }
});
