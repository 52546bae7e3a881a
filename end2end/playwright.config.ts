import { defineConfig } from "@playwright/test";
import path from "node:path";

// One server and one database for the whole run: tests run one at a time, in file order.
export const PORT = Number(process.env.MAILWRIGHT_E2E_PORT ?? 3457);
/** The signed-in admin's cookie, written by global-setup.ts: tests run as the admin. */
export const ADMIN_STATE = path.join(__dirname, ".tmp", "admin-session.json");

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    storageState: ADMIN_STATE,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
