import { expect, test } from "./fixtures";
import { ready } from "./helpers";

test("pages run under a Content-Security-Policy that refuses injected scripts", async ({ page, cspViolations }) => {
  const response = await page.goto("/settings/email");
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{22,}' 'wasm-unsafe-eval'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"]).toBe("no-store");
  // The app itself runs: its script carries the nonce and may compile its wasm.
  await ready(page);

  // A script injected into the page (as a cross-site scripting flaw would) does not run.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: boolean };
    w.injected = false;
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return w.injected;
  });
  expect(ran).toBe(false);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.every((v) => /inline script/i.test(v)), cspViolations.join("\n")).toBe(true);
  // Those refusals were this test's point; the fixture checks that nothing else was refused.
  cspViolations.length = 0;
});

test("no other site can frame a page (clickjacking)", async ({ page, baseURL, cspViolations }) => {
  await page.setContent(`<iframe title="framed" src="${baseURL}/login"></iframe>`);
  await expect.poll(() => cspViolations.join("\n")).toContain("frame-ancestors 'none'");
  await expect(page.frameLocator("iframe").getByRole("button", { name: "Sign in" })).toHaveCount(0);
  cspViolations.length = 0;
});
