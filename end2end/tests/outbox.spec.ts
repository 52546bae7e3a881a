import { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { deleteSettings, editProvider, ready, saveStartTls, SMTP_PASSWORD, storedMessages } from "./helpers";

// Each test starts from "no provider" (earlier files leave Microsoft 365 active).
test.beforeEach(async ({ request }) => {
  await deleteSettings(request);
});

/** Creates a token on the API tokens page and returns it (it is shown once). */
async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/settings/tokens");
  await ready(page);
  await page.getByLabel("Token name", { exact: true }).fill(name);
  await page.getByLabel("Scope", { exact: true }).selectOption({ label: "Send messages and read their status" });
  await page.getByRole("button", { name: "Create token" }).click();
  const field = page.getByLabel("New token", { exact: true });
  await expect(field).toHaveValue(/^mw_/);
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  return field.inputValue();
}

async function postMessage(request: APIRequestContext, token: string, to: string, subject: string): Promise<string> {
  const response = await request.post("/api/v1/messages", {
    headers: { authorization: `Bearer ${token}` },
    data: { to: [to], subject, text: "Sent by the e2e tests.", category: "alert" },
  });
  expect(response.status()).toBe(202);
  return (await response.json()).id;
}

async function statusOf(request: APIRequestContext, token: string, id: string): Promise<string> {
  const response = await request.get(`/api/v1/messages/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()).status;
}

test("an admin creates a token, a message posted with it is sent and shows in the delivery log", async ({ page, request }) => {
  await saveStartTls(page);
  const token = await createToken(page, "Alert service");
  const id = await postMessage(request, token, "ops@example.org", "Disk almost full on db-1");
  await expect.poll(() => statusOf(request, token, id)).toBe("sent");
  expect(storedMessages().some((m) => m.rcpt_tos.includes("ops@example.org") && m.data.includes("Disk almost full on db-1"))).toBe(true);

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Delivery log" }).click();
  await expect(page).toHaveURL(/\/settings\/deliveries$/);
  await ready(page);
  const row = page.getByRole("row").filter({ hasText: "Disk almost full on db-1" });
  await expect(row).toContainText("Accepted by the provider");
  await expect(row).toContainText("ops@example.org");
  await expect(row).toContainText("Alert");

  // Search by recipient.
  await page.getByLabel("Recipient", { exact: true }).fill("nobody-like-this");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No messages match.")).toBeVisible();
});

test("a broken configuration pauses sending: every admin page shows the banner and the messages wait", async ({ page, request }) => {
  // The check after the save finds the wrong password and pauses sending before any message.
  await saveStartTls(page, "a wrong password");
  const token = await createToken(page, "Report scheduler");
  await page.goto("/settings/tokens");
  const banner = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Sending is paused" }) });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("535");
  await expect(banner.getByRole("link", { name: "Open the email provider settings" })).toHaveAttribute("href", "/settings/email");

  // A message accepted meanwhile waits, with no attempt.
  const id = await postMessage(request, token, "finance@example.org", "Monthly revenue report");
  await page.goto("/settings/deliveries");
  await ready(page);
  await expect(page.getByRole("heading", { name: "Sending is paused" })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Queued" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Monthly revenue report" })).toContainText("Queued");
  expect(await statusOf(request, token, id)).toBe("queued");

  // The admin fixes the password: sending resumes by itself and the banner goes.
  await saveStartTls(page);
  await expect.poll(() => statusOf(request, token, id)).toBe("sent");
  await page.goto("/settings/deliveries");
  await ready(page);
  await expect(page.getByRole("heading", { name: "Sending is paused" })).toHaveCount(0);
  // The summary keeps the history of the background check.
  await page.goto("/settings/email");
  await ready(page);
  const summary = page.getByRole("region", { name: "Active configuration" });
  await expect(summary).toContainText("Background check");
  await summary.getByText("Changes").click();
  await expect(summary.locator(".health-history")).toContainText("healthy again");
  await expect(summary.locator(".health-history")).toContainText("failing: The server rejected the username or password.");
});

test("a revoked token stops working at once", async ({ page, request }) => {
  const token = await createToken(page, "Old integration");
  await page.getByRole("button", { name: "Revoke Old integration" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token revoked." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Old integration" })).toHaveCount(0);
  const response = await request.post("/api/v1/messages", {
    headers: { authorization: `Bearer ${token}` },
    data: { to: ["a@example.org"], subject: "x", text: "x", category: "other" },
  });
  expect(response.status()).toBe(401);
});

test("the SMTP sending limit is checked as typed and shown once saved", async ({ page }) => {
  await saveStartTls(page);
  await editProvider(page, "SMTP");
  const limit = page.getByLabel("Sending limit (messages per minute)", { exact: true });
  await limit.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a whole number of messages per minute between 1 and 100,000")).toBeVisible();
  await limit.fill("120");
  await page.getByLabel("Password", { exact: true }).fill(SMTP_PASSWORD);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Active configuration" })).toContainText("120");
  await expect(page.getByRole("region", { name: "Audit log" }).getByRole("row").nth(1)).toContainText("Sending limit (messages per minute)");
});
