import { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { deleteSettings, editProvider, fillMicrosoftFields, fillSmtpForm, graphMessages, openEmailProviderPage, ready, saveStartTls, smtp, SMTP_PASSWORD, storedMessages, saveSmtp, workingMicrosoft365 } from "./helpers";
import { ACCOUNT_PASSWORD, ADMIN_EMAIL } from "./accounts";

test.beforeEach(async ({ request }) => {
  await deleteSettings(request);
});

async function getProvider(page: Page) {
  return (await page.request.post("/api/email-provider/get", { data: {} })).json();
}

/** Saves Microsoft 365 through the page, from no provider (no confirmation needed). */
async function saveMicrosoft365(page: Page, secret?: string, testAfterSave = false) {
  await openEmailProviderPage(page);
  await editProvider(page, "Microsoft 365");
  await fillMicrosoftFields(page, workingMicrosoft365(secret));
  if (testAfterSave) await page.getByLabel("Send a test email after saving").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

test("switching SMTP -> Microsoft 365 -> None asks first and keeps only the active provider", async ({ page }) => {
  await saveStartTls(page);
  const ms = smtp().ms.fixtures;

  await editProvider(page, "Microsoft 365");
  await expect(page.getByLabel("SMTP server", { exact: true })).toHaveCount(0);
  await fillMicrosoftFields(page, workingMicrosoft365());
  await page.getByRole("button", { name: "Save" }).click();
  const replace = page.getByRole("alertdialog", { name: "Replace SMTP with Microsoft 365?" });
  await expect(replace).toBeVisible();
  await expect(replace).toContainText("The SMTP settings and their saved credentials will be deleted");
  await replace.getByRole("button", { name: "Cancel" }).click();
  await expect(replace).toHaveCount(0);
  expect((await getProvider(page)).provider).toHaveProperty("Smtp");

  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Replace and save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const summary = page.getByRole("region", { name: "Active configuration" });
  await expect(summary).toContainText("Microsoft 365");
  await expect(summary).toContainText(ms.tenant_id);
  await expect(summary).toContainText(ms.apps.sender.client_id);
  await expect(summary).not.toContainText("localhost");
  const api = await (await page.request.post("/api/email-provider/get", { data: {} })).text();
  expect(JSON.parse(api).provider).toHaveProperty("Microsoft365");
  expect(api).not.toContain(ms.apps.sender.secret);
  expect(api).not.toContain(SMTP_PASSWORD);
  await page.reload();
  await ready(page);
  expect(await page.content()).not.toContain(ms.apps.sender.secret);

  // Editing keeps the saved secret ("Saved" placeholder) and needs no confirmation.
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Client secret", { exact: true })).toHaveAttribute("placeholder", "Saved");
  await expect(page.getByLabel("Tenant ID", { exact: true })).toHaveValue(ms.tenant_id);

  await page.getByRole("radiogroup", { name: "Email provider" }).getByRole("radio", { name: "None" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete the email settings?" });
  await expect(remove).toContainText("The Microsoft 365 settings and their saved credentials will be deleted");
  await remove.getByRole("button", { name: "Delete settings" }).click();
  await expect(page.getByText("No email provider is configured")).toBeVisible();
  expect((await getProvider(page)).provider).toBe("None");
});

test("fields follow the provider and the authentication type; Microsoft IDs are checked as typed", async ({ page }) => {
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  const authType = page.getByLabel("Authentication type", { exact: true });
  await expect(authType).toHaveValue("password");
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Client secret", { exact: true })).toHaveCount(0);

  await authType.selectOption({ label: "Microsoft OAuth 2.0" });
  await expect(page.getByLabel("Directory (tenant) ID", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Application (client) ID", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Client secret", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Same as sender email")).toHaveCount(0);
  await authType.selectOption({ label: "Username and password" });
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();

  const radios = page.getByRole("radiogroup", { name: "Email provider" });
  await radios.getByRole("radio", { name: "Microsoft 365" }).check();
  await expect(page.getByLabel("SMTP server", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Authentication type", { exact: true })).toHaveCount(0);
  for (const label of ["Sender email", "Tenant ID", "Client ID", "Client secret"]) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByText("Mail.Send", { exact: false }).first()).toBeAttached();

  const cases: [string, string, RegExp][] = [
    ["Tenant ID", "contoso", /tenant ID as a GUID/],
    ["Client ID", "my-app", /Application \(client\) ID: a GUID/],
    ["Client secret", smtp().ms.fixtures.apps.sender.secret_id, /This is the secret's ID/],
  ];
  for (const [label, value, message] of cases) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(value);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleErrorMessage(message);
  }
  await page.getByLabel("Tenant ID", { exact: true }).fill(smtp().ms.fixtures.tenant_domain);
  await expect(page.getByLabel("Tenant ID", { exact: true })).toHaveAttribute("aria-invalid", "false");

  await radios.getByRole("radio", { name: "SMTP" }).check();
  await expect(page.getByLabel("SMTP server", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Tenant ID", { exact: true })).toHaveCount(0);
});

test("the server refuses a secret ID and a malformed tenant, and saves nothing", async ({ request }) => {
  const f = smtp().ms.fixtures;
  const response = await request.post("/api/email-provider/microsoft365", {
    data: {
      form: {
        sender_email: f.mailboxes.ok,
        app: { tenant_id: "contoso", client_id: f.apps.sender.client_id, client_secret: f.apps.sender.secret_id },
      },
    },
  });
  expect(response.status()).toBe(422);
  expect(await response.json()).toEqual({ Invalid: { TenantId: "TenantIdInvalid", ClientSecret: "ClientSecretIsId" } });
  const saved = await (await request.post("/api/email-provider/get", { data: {} })).json();
  expect(saved.provider).toBe("None");
});

test("a Graph test email is sent after saving and shows at the stand-in", async ({ page }) => {
  const before = (await graphMessages()).length;
  await saveMicrosoft365(page, undefined, true);
  const panel = page.getByRole("region", { name: "Send test email" });
  const result = panel.getByRole("status").filter({ hasText: "Accepted by the server" });
  await expect(result).toBeVisible();
  await expect(result).toContainText("202 Accepted, request-id");

  const messages = await graphMessages();
  expect(messages.length).toBe(before + 1);
  const sent = messages[messages.length - 1];
  const sender = smtp().ms.fixtures.mailboxes.ok;
  expect(await result.textContent()).toContain(sent.request_id);
  expect(sent.upn.toLowerCase()).toBe(sender);
  expect(sent.body.message.subject).toBe("Test email from Mailwright Administration");
  // The recipient was pre-filled with the signed-in admin's address.
  expect(sent.body.message.toRecipients[0].emailAddress.address).toBe(ADMIN_EMAIL);
  expect(sent.body.message.body.content).toContain("Microsoft 365");
  expect(JSON.stringify(sent)).not.toContain(smtp().ms.fixtures.apps.sender.secret);

  await page.reload();
  await expect(page.getByRole("region", { name: "Active configuration" })).toContainText("accepted by the server");
});

test("a wrong client secret is explained: token request, AADSTS7000215, trace ID", async ({ page }) => {
  const wrong = "wrong~secret.value-123";
  await saveMicrosoft365(page, wrong);
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByRole("button", { name: "Send test email" }).click();
  const alert = panel.getByRole("alert").filter({ hasText: "The test email was not sent" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Getting a token from Microsoft");
  await expect(alert).toContainText("AADSTS7000215");
  await expect(alert).toContainText("Often the secret's ID was pasted instead of its Value.");
  await expect(alert).toContainText("Request ID");
  await expect(alert).not.toContainText(wrong);
});

test("SMTP with Microsoft OAuth 2.0 signs in with XOAUTH2 and the message arrives", async ({ page }) => {
  const f = smtp().ms.fixtures;
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  await fillSmtpForm(page, {
    host: "localhost",
    security: "StartTLS",
    port: String(smtp().ports.xoauth2),
    senderEmail: f.mailboxes.ok,
  });
  await page.getByLabel("Authentication type", { exact: true }).selectOption({ label: "Microsoft OAuth 2.0" });
  await fillMicrosoftFields(page, { tenantId: f.tenant_id, clientId: f.apps.sender.client_id, clientSecret: f.apps.sender.secret }, true);
  await page.getByLabel("Send a test email after saving").check();
  await page.getByRole("button", { name: "Save" }).click();
  const result = page.getByRole("region", { name: "Send test email" }).getByRole("status").filter({ hasText: "Accepted by the server" });
  await expect(result).toBeVisible();
  // Sent as the mailbox, to the signed-in admin (the pre-filled recipient).
  const message = storedMessages().find((m) => m.listener === "xoauth2" && m.rcpt_tos.includes(ADMIN_EMAIL));
  expect(message).toBeDefined();
  expect(message!.auth_user).toBe(f.mailboxes.ok);
  expect(message!.tls).toBe(true);
  const summary = page.getByRole("region", { name: "Active configuration" });
  await expect(summary).toContainText("Microsoft OAuth 2.0");
  await expect(summary).toContainText(f.apps.sender.client_id);
});

test("the page hydrates and runs without browser errors or warnings", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await saveMicrosoft365(page);
  await page.reload();
  await ready(page);
  await editProvider(page, "SMTP");
  await page.getByLabel("Authentication type", { exact: true }).selectOption({ label: "Microsoft OAuth 2.0" });
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("region", { name: "Send test email" }).getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accepted by the server" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Audit log" }).getByRole("row").nth(1)).toContainText("Test email to");
  expect(problems).toEqual([]);
});

test("no secret in plain text in the server log or the data directory", async ({ page }) => {
  // Runs last in this file: by now secrets were saved, kept, replaced, rejected and used.
  await saveMicrosoft365AndSend(page);
  // Account passwords too: set with the CLI, typed at sign-in, and chosen through a reset link.
  const secrets = [
    smtp().ms.fixtures.apps.sender.secret,
    "wrong~secret.value-123",
    SMTP_PASSWORD,
    ACCOUNT_PASSWORD,
    "my brand new passphrase",
  ];
  const log = readFileSync(process.env.MAILWRIGHT_SERVER_LOG!, "utf8");
  expect(log).toContain("Microsoft 365 settings saved");
  // The database, its WAL and the key file, byte by byte.
  const dataDir = process.env.MAILWRIGHT_DATA_DIR!;
  const files = readdirSync(dataDir);
  expect(files).toContain("mailwright.db");
  expect(files).toContain("secret.key");
  for (const secret of secrets) {
    expect(log).not.toContain(secret);
    for (const file of files) {
      expect(readFileSync(path.join(dataDir, file)).includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
    }
  }
});

async function saveMicrosoft365AndSend(page: Page) {
  await saveMicrosoft365(page);
  await page.getByRole("region", { name: "Send test email" }).getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accepted by the server" })).toBeVisible();
}

test("a password on smtp.office365.com gets the basic-authentication notice and a way to Microsoft 365", async ({ page }) => {
  await saveSmtp(page, {
    host: "smtp.office365.com",
    security: "StartTLS",
    port: "587",
    senderEmail: "reports@contoso.example",
    password: SMTP_PASSWORD,
  });
  const summary = page.getByRole("region", { name: "Active configuration" });
  const notice = summary.getByRole("note");
  await expect(notice).toContainText("Microsoft is retiring basic authentication");
  await notice.getByRole("button", { name: "Switch to Microsoft 365" }).click();
  await expect(page.getByRole("radio", { name: "Microsoft 365" })).toBeChecked();
  await expect(page.getByLabel("Sender email", { exact: true })).toHaveValue("reports@contoso.example");
  // The form lists the app registration steps.
  await page.getByText("How to set up Microsoft 365").click();
  await expect(page.locator(".setup-steps")).toContainText("Mail.Send");
});

test("other SMTP servers get no basic-authentication notice", async ({ page }) => {
  await saveStartTls(page);
  const summary = page.getByRole("region", { name: "Active configuration" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("note")).toHaveCount(0);
});

test("535 5.7.139 (SMTP AUTH disabled) is explained and offers Microsoft 365", async ({ page }) => {
  await saveSmtp(page, {
    host: "localhost",
    security: "StartTLS",
    port: String(smtp().ports.xoauth2),
    senderEmail: "reports@contoso.example",
    password: SMTP_PASSWORD,
  });
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByRole("button", { name: "Check connection" }).click();
  const failed = panel.getByRole("alert").filter({ hasText: "The connection check failed" });
  await expect(failed).toContainText("SMTP AUTH is disabled");
  await expect(failed).toContainText("535");
  await failed.getByRole("note").getByRole("button", { name: "Switch to Microsoft 365" }).click();
  await expect(page.getByRole("radio", { name: "Microsoft 365" })).toBeChecked();
  await expect(page.getByLabel("Sender email", { exact: true })).toHaveValue("reports@contoso.example");
});

/** The date `days` days from today (UTC, as the server counts), as a date input takes it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function saveExpiry(page: Page, date: string) {
  await openEmailProviderPage(page);
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Secret expires on", { exact: true }).fill(date);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

test("a client secret expiring within 30 days puts a banner on every admin page until a later date is saved", async ({ page }) => {
  await saveMicrosoft365(page);
  const soon = page.getByRole("alert").filter({ hasText: "The client secret expires soon" });
  await expect(soon).toHaveCount(0);

  await saveExpiry(page, inDays(12));
  await page.reload();
  await ready(page);
  await expect(soon).toContainText(`expires on ${inDays(12)}`);
  await expect(soon).toContainText("Certificates & secrets");
  await expect(soon.getByRole("link", { name: "Open the email provider settings" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Active configuration" })).toContainText(inDays(12));
  for (const other of ["/settings/tokens", "/settings/deliveries"]) {
    await page.goto(other);
    await ready(page);
    await expect(soon).toBeVisible();
  }

  // A new secret valid for a year: no warning, and the secret itself was kept (no retyping).
  await saveExpiry(page, inDays(365));
  await page.reload();
  await ready(page);
  await expect(page.getByRole("region", { name: "Active configuration" })).toContainText(inDays(365));
  await expect(page.getByRole("alert").filter({ hasText: "client secret" })).toHaveCount(0);

  await saveExpiry(page, inDays(-2));
  await page.reload();
  await ready(page);
  await expect(page.getByRole("alert").filter({ hasText: "The client secret has expired" })).toContainText(`expired on ${inDays(-2)}`);
});

test("the expiry date is the same field on the SMTP form with Microsoft OAuth 2.0", async ({ page }) => {
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  await page.getByLabel("Authentication type").selectOption({ label: "Microsoft OAuth 2.0" });
  const field = page.getByLabel("Secret expires on", { exact: true });
  await expect(field).toHaveAttribute("type", "date");
  await expect(page.locator("#ms-secret-expires-on-help")).toContainText("Certificates & secrets");
});
