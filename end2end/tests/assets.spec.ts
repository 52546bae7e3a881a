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
  // The page's wasm, then its lazy modules (fetched once the page is interactive), all from the
  // page's bundle directory, named after its content.
  for (const entry of first) {
    expect(entry.encoding).toBe("br");
    expect(entry.url).toMatch(/\/pkg\/email\.[0-9a-f]{16}\/[a-z0-9_-]+\.wasm$/);
  }
  expect(first.some((e) => e.url.endsWith("/mailwright-email_bg.wasm"))).toBe(true);
  expect(first.some((e) => /\/split_provider_editor\.wasm$/.test(e.url))).toBe(true);
  wasm.clear();

  await openEmailProviderPage(page);
  const second = [...wasm.values()];
  expect(second.length).toBeGreaterThan(0);
  for (const entry of second) {
    expect(entry.fromCache).toBe(true);
    expect(entry.bytes).toBe(0);
  }
});

test("a part whose module cannot be fetched says so, and opens when tried again", async ({ page }) => {
  // As after a server update that removed the page's modules, or a dropped connection.
  await page.route("**/split_provider_editor.wasm", (route) => route.abort("connectionreset"));
  await openEmailProviderPage(page);
  await page.getByRole("button", { name: "Edit" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This part of the page could not be loaded." });
  await expect(alert).toBeVisible();
  // The rest of the page still works (the wasm did not stop): the audit log's own module and
  // entries arrive.
  const auditLog = page.getByRole("region", { name: "Audit log" });
  await expect(auditLog.getByRole("table").or(auditLog.getByText("Nothing has been changed or tested yet."))).toBeVisible();

  await page.unroute("**/split_provider_editor.wasm");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("radiogroup", { name: "Email provider" })).toBeVisible();
  await expect(alert).toHaveCount(0);
});
