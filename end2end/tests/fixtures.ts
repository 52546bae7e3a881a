import { expect, test as base } from "@playwright/test";

/**
 * Every test runs with the server's Content-Security-Policy on. This fixture listens on every
 * page of the test and fails the test if the browser refused anything under the policy (a
 * script without the nonce, a blocked wasm compile, a frame, a style): the policy must allow
 * everything the app does and nothing more.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: import("@playwright/test").Page) =>
        page.on("console", (m) => {
          if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
        });
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(violations);
      expect(violations, "the browser reported CSP violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
