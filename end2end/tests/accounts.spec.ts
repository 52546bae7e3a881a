import { APIRequestContext, Page, request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ADMIN_STATE } from "../playwright.config";
import { ACCOUNT_PASSWORD } from "./accounts";
import { deleteSettings, ready, smtp, SMTP_PASSWORD, storedMessages } from "./helpers";

// These tests start signed out; they sign in (or use the admin's API session) themselves.
test.use({ storageState: { cookies: [], origins: [] } });

async function adminApi(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
}

/** Saves SMTP through the API as the admin: the tenant's provider for reset emails. */
async function saveSmtpAsAdmin(api: APIRequestContext, senderName = "Mailwright") {
  const based_on = (await (await api.post("/api/email-provider/get", { data: {} })).json()).version;
  const response = await api.post("/api/email-provider/smtp", {
    data: {
      based_on,
      form: {
        host: "localhost",
        port: String(smtp().ports.starttls),
        security: "StartTls",
        sender_email: smtp().user,
        sender_name: senderName,
        auth_enabled: true,
        username_same_as_sender: true,
        username: "",
        password: SMTP_PASSWORD,
      },
    },
  });
  expect(response.status()).toBe(200);
}

async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await ready(page);
}

async function signIn(page: Page, email: string, password = ACCOUNT_PASSWORD) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an anonymous visitor is sent to sign in, signs in, and signs out", async ({ page, context }) => {
  await page.goto("/settings/email");
  await expect(page).toHaveURL(/\/login$/);
  await ready(page);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Settings" })).toHaveCount(0);

  await signIn(page, "second-admin@example.org", "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  // An unknown address gets exactly the same answer.
  await signIn(page, "nobody@example.org", "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();

  await signIn(page, "second-admin@example.org");
  await expect(page).toHaveURL(/\/settings\/email$/);
  await expect(page.getByRole("heading", { name: "Email provider", level: 1 })).toBeVisible();
  await expect(page.locator(".user-menu")).toContainText("second-admin@example.org · Acme");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Email provider" })).toBeVisible();

  const [cookie] = (await context.cookies()).filter((c) => c.name === "mw_session");
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("mw_session");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/settings/email");
  await expect(page).toHaveURL(/\/login$/);
});

test("members never see email settings", async ({ page }) => {
  await openHydrated(page, "/login");
  await signIn(page, "member@example.org");
  await expect(page).toHaveURL(/\/settings\/email$/);
  await expect(page.getByRole("alert")).toContainText("Only tenant admins can see or change email settings.");
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
  // Not even the way there: the settings link is for admins.
  await expect(page.locator(".user-menu")).toContainText("member@example.org · Acme");
  await expect(page.getByRole("navigation", { name: "Settings" })).toHaveCount(0);
  const api = await page.request.post("/api/email-provider/get", { data: {} });
  expect(api.status()).toBe(403);
});

test("failed sign-ins lock the account for a while", async ({ page }) => {
  await openHydrated(page, "/login");
  for (let n = 0; n < 5; n++) {
    await signIn(page, "locked@example.org", `wrong ${n}`);
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  }
  await signIn(page, "locked@example.org");
  await expect(page.getByRole("alert")).toContainText("Too many failed attempts. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login$/);
});

/** The reset link in the newest message to `email`. */
function resetLink(email: string): string | undefined {
  const message = storedMessages()
    .filter((m) => m.rcpt_tos.includes(email))
    .pop();
  if (!message) return undefined;
  let data = message.data;
  if (/Content-Transfer-Encoding: quoted-printable/i.test(data)) {
    data = data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }
  return /http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(data)?.[0];
}

test("Forgot password sends a single-use link through the tenant's provider", async ({ page, baseURL }) => {
  const api = await adminApi(baseURL!);
  await deleteSettings(api);
  await saveSmtpAsAdmin(api);

  await openHydrated(page, "/login");
  await page.getByRole("link", { name: "Forgot password" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email", { exact: true }).fill("nobody@example.org");
  await page.getByRole("button", { name: "Send reset link" }).click();
  const unknownAnswer = await page.getByRole("status").textContent();
  expect(unknownAnswer).toContain("If an account exists for nobody@example.org");

  await openHydrated(page, "/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill("forgetful@example.org");
  await page.getByRole("button", { name: "Send reset link" }).click();
  // The same words whether or not the address has an account.
  await expect(page.getByRole("status")).toHaveText(unknownAnswer!.replace("nobody@example.org", "forgetful@example.org"));

  await expect.poll(() => resetLink("forgetful@example.org"), { timeout: 15_000 }).toBeTruthy();
  const link = resetLink("forgetful@example.org")!;
  const message = storedMessages().filter((m) => m.rcpt_tos.includes("forgetful@example.org")).pop()!;
  expect(message.tls).toBe(true);
  expect(message.data).toContain("Subject: Set a new Mailwright password");
  expect(storedMessages().some((m) => m.rcpt_tos.includes("nobody@example.org"))).toBe(false);

  await openHydrated(page, link.replace(/^http:\/\/127\.0\.0\.1:\d+/, ""));
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("my brand new passphrase");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed.");

  // Used once: the same link is refused.
  await openHydrated(page, link.replace(/^http:\/\/127\.0\.0\.1:\d+/, ""));
  await page.getByLabel("New password", { exact: true }).fill("another new passphrase");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert")).toContainText("This link is invalid, was already used, or has expired.");

  await openHydrated(page, "/login");
  await signIn(page, "forgetful@example.org", ACCOUNT_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, "forgetful@example.org", "my brand new passphrase");
  await expect(page).toHaveURL(/\/settings\/email$/);
  await deleteSettings(api);
});

test("two admins editing: the second save is refused and names who changed it", async ({ browser, baseURL }) => {
  const api = await adminApi(baseURL!);
  await deleteSettings(api);
  await saveSmtpAsAdmin(api);

  // The admin opens the editor...
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  await openHydrated(page, "/settings/email");
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Sender name", { exact: true }).fill("Reports from the admin");

  // ...while the second admin saves a change.
  const second = await browser.newContext();
  const other = await second.newPage();
  await openHydrated(other, "/login");
  await signIn(other, "second-admin@example.org");
  await expect(other).toHaveURL(/\/settings\/email$/);
  await other.getByRole("button", { name: "Edit" }).click();
  await other.getByLabel("Sender name", { exact: true }).fill("Reports from the second admin");
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "changed by" })).toContainText(
    // The time is in the reader's locale and time zone, with the zone named.
    /These settings were changed by second-admin@example\.org at .*\d{4}.*\d{2}:\d{2}:\d{2}.* while you were editing\. Reload the page/,
  );
  const saved = await (await api.post("/api/email-provider/get", { data: {} })).json();
  expect(saved.provider.Smtp.settings.sender_name).toBe("Reports from the second admin");
  await admin.close();
  await second.close();
  await deleteSettings(api);
});
