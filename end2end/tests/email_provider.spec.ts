import { expect, test } from "./fixtures";
import { readFileSync } from "node:fs";
import path from "node:path";
import { deleteSettings, editProvider, fillSmtpForm, openEmailProviderPage, ready, saveSmtp, saveStartTls, smtp, SMTP_PASSWORD, storedMessages } from "./helpers";
import { ADMIN_EMAIL } from "./accounts";

test.beforeEach(async ({ request }) => {
  await deleteSettings(request);
});

test("Same as sender email hides and shows Username", async ({ page }) => {
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  const same = page.getByLabel("Same as sender email");
  await expect(same).toBeChecked();
  await expect(page.getByLabel("Username", { exact: true })).toHaveCount(0);
  await same.uncheck();
  await expect(page.getByLabel("Username", { exact: true })).toBeVisible();
  await same.check();
  await expect(page.getByLabel("Username", { exact: true })).toHaveCount(0);

  // Authentication off hides every credential field.
  await page.getByLabel("SMTP authentication").uncheck();
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Same as sender email")).toHaveCount(0);
});

test("Port follows Security until the admin types a port", async ({ page }) => {
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  const port = page.getByLabel("Port", { exact: true });
  await expect(port).toHaveValue("587");
  await page.getByLabel("Security", { exact: true }).selectOption({ label: "SSL/TLS" });
  await expect(port).toHaveValue("465");
  await page.getByLabel("Security", { exact: true }).selectOption({ label: "None" });
  await expect(port).toHaveValue("25");
  await port.fill("2525");
  await page.getByLabel("Security", { exact: true }).selectOption({ label: "StartTLS" });
  await expect(port).toHaveValue("2525");
});

test("field errors appear next to the field as the admin types", async ({ page }) => {
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  const cases: [string, string, string][] = [
    ["Port", "99999", "Enter a port between 1 and 65535."],
    ["Port", "58x", "Enter the port as a number, for example 587."],
    ["SMTP server", "smtp.example.com:587", "Enter only the server name here and the port in the Port field."],
    ["SMTP server", "smtp://mail.example.com", "Enter only the server name, without smtp:// or https://."],
    ["Sender email", "reports", "Enter an email address such as name@example.com."],
    ["Sender email", `${"a".repeat(65)}@example.com`, "The part before @ can be at most 64 characters long."],
  ];
  for (const [label, value, message] of cases) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(value);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleErrorMessage(message);
  }
  await page.getByLabel("Port", { exact: true }).fill("587");
  await expect(page.getByLabel("Port", { exact: true })).toHaveAttribute("aria-invalid", "false");

  // Username is required once "Same as sender email" is unchecked; Save shows every error.
  await page.getByLabel("Same as sender email").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Username", { exact: true })).toHaveAccessibleErrorMessage("This field is required.");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleErrorMessage("Enter the password.");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toHaveCount(0);
});

test("the server validates again and never trusts the browser", async ({ request }) => {
  const response = await request.post("/api/email-provider/smtp", {
    data: {
      form: {
        host: "smtp.example.com\r\nRCPT TO:<x@evil.test>",
        port: "0",
        security: "StartTls",
        sender_email: "a@b",
        sender_name: "",
        auth_enabled: true,
        username_same_as_sender: true,
        username: "",
        password: "",
      },
    },
  });
  expect(response.status()).toBe(422);
  expect(await response.json()).toEqual({
    Invalid: { Host: "LineBreak", Port: "PortOutOfRange", SenderEmail: "AddressDomainInvalid", Password: "PasswordRequired" },
  });
  const saved = await (await request.post("/api/email-provider/get", { data: {} })).json();
  expect(saved.provider).toBe("None");

  // A body that is not the expected shape is a 400 with no internals, never a 500.
  for (const data of ['{"form": 42}', "not json", '{"form": {"host": "x"}}']) {
    const bad = await request.post("/api/email-provider/smtp", {
      headers: { "content-type": "application/json" },
      data,
    });
    expect(bad.status(), data).toBe(400);
  }
});

test("save, reload: values shown, password shown as Saved and never sent to the browser", async ({ page, request }) => {
  await saveStartTls(page);
  await page.reload();
  await ready(page);
  const summary = page.getByRole("region", { name: "Active configuration" });
  await expect(summary).toContainText("SMTP");
  await expect(summary).toContainText("localhost");
  await expect(summary).toContainText(String(smtp().ports.starttls));
  await expect(summary).toContainText(smtp().user);
  await expect(summary).toContainText("Mailwright Reports");
  await expect(summary).toContainText("Saved");

  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("SMTP server", { exact: true })).toHaveValue("localhost");
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue(String(smtp().ports.starttls));
  await expect(page.getByLabel("Security", { exact: true })).toHaveValue("starttls");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("placeholder", "Saved");

  const html = await (await request.get("/settings/email")).text();
  expect(html).toContain(smtp().user);
  expect(html).not.toContain(SMTP_PASSWORD);
  expect(await page.content()).not.toContain(SMTP_PASSWORD);
  const api = await (await request.post("/api/email-provider/get", { data: {} })).text();
  expect(api).toContain('"secret_saved":true');
  expect(api).not.toContain(SMTP_PASSWORD);
});

test("a blank password keeps the saved one; a new server needs it typed again", async ({ page }) => {
  await saveStartTls(page);
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Sender name", { exact: true }).fill("Reports Team");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("SMTP server", { exact: true }).fill("127.0.0.1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleErrorMessage(/enter the password again/);
});

test("a test email arrives at the SMTP server", async ({ page }) => {
  await saveStartTls(page);
  const before = storedMessages().length;
  const panel = page.getByRole("region", { name: "Send test email" });
  // Pre-filled with the signed-in admin's own address.
  await expect(panel.getByLabel("Recipient")).toHaveValue(ADMIN_EMAIL);
  await panel.getByLabel("Recipient").fill("admin@example.org");
  await panel.getByRole("button", { name: "Send test email" }).click();
  const result = panel.getByRole("status").filter({ hasText: "Accepted by the server" });
  await expect(result).toBeVisible();
  await expect(result).toContainText("250");

  const messages = storedMessages();
  expect(messages.length).toBe(before + 1);
  const message = messages.find((m) => result && m.rcpt_tos.includes("admin@example.org"))!;
  expect(await result.textContent()).toContain(message.queue_id);
  expect(message.tls).toBe(true);
  expect(message.auth_user).toBe(smtp().user);
  expect(message.data).toContain("Subject: Test email from Mailwright Administration");
  expect(message.data).toContain(`From: "Mailwright Reports" <${smtp().user}>`);
  expect(message.data).toMatch(/Message-ID: <[^>]+@example\.test>/);
  expect(message.data).toMatch(/\nDate: \w{3}, \d{1,2} \w{3} \d{4} /);
  expect(message.data).toContain(`Port: ${smtp().ports.starttls}`);
  expect(message.data).not.toContain(SMTP_PASSWORD);
  // The transcript: the whole session, decrypted after STARTTLS, with the credentials blanked.
  await panel.getByText("Transcript (passwords, secrets and tokens blanked)").click();
  const transcript = panel.locator(".transcript pre");
  await expect(transcript).toContainText("C: STARTTLS");
  await expect(transcript).toContainText("* TLS established (STARTTLS)");
  await expect(transcript).toContainText(/C: AUTH (PLAIN|LOGIN) \*{8}/);
  await expect(transcript).toContainText("C: RCPT TO:<admin@example.org>");
  await expect(transcript).toContainText(new RegExp(`S: 250 .*${message.queue_id}`));
  expect(await transcript.textContent()).not.toContain(SMTP_PASSWORD);
  expect(await transcript.textContent()).not.toContain(Buffer.from(SMTP_PASSWORD).toString("base64"));
  // The summary shows the last test at once, and after a reload.
  await expect(page.getByRole("region", { name: "Active configuration" })).toContainText("accepted by the server");

  await page.reload();
  await expect(page.getByRole("region", { name: "Active configuration" })).toContainText("accepted by the server");
});

test("a wrong password is explained with the step and the server's code", async ({ page }) => {
  await saveStartTls(page, "not the password");
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByRole("button", { name: "Send test email" }).click();
  const alert = panel.getByRole("alert").filter({ hasText: "The test email was not sent" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Authentication");
  await expect(alert).toContainText("535");
  await expect(alert).toContainText("The server rejected the username or password.");
  await expect(alert).not.toContainText("not the password");
  await panel.getByText("Transcript (passwords, secrets and tokens blanked)").click();
  await expect(panel.locator(".transcript pre")).toContainText("S: 535");
  expect(await panel.locator(".transcript pre").textContent()).not.toContain("not the password");
});

test("Check connection signs in and sends nothing; a wrong password is explained", async ({ page }) => {
  await saveStartTls(page);
  const before = storedMessages().length;
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByRole("button", { name: "Check connection" }).click();
  const passed = panel.getByRole("status").filter({ hasText: "The connection works" });
  await expect(passed).toBeVisible();
  await expect(passed).toContainText("No email was sent.");
  await expect(passed).toContainText("221");
  expect(storedMessages().length).toBe(before);

  await saveStartTls(page, "not the password");
  await panel.getByRole("button", { name: "Check connection" }).click();
  const failed = panel.getByRole("alert").filter({ hasText: "The connection check failed" });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText("No email was sent.");
  await expect(failed).toContainText("Authentication");
  await expect(failed).toContainText("535");
  await expect(failed).toContainText("The server rejected the username or password.");
  await expect(failed).not.toContainText("not the password");
  expect(storedMessages().length).toBe(before);
});

test("a certificate for another name is shown with its names, issuer and fingerprint", async ({ page }) => {
  await saveSmtp(page, {
    host: "localhost",
    security: "SSL/TLS",
    port: String(smtp().ports.wrongname),
    senderEmail: smtp().user,
    password: SMTP_PASSWORD,
  });
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByRole("button", { name: "Check connection" }).click();
  const failed = panel.getByRole("alert").filter({ hasText: "The connection check failed" });
  await expect(failed).toContainText("The server's certificate is for a different host name.");
  const certificate = failed.getByRole("region", { name: "Certificate the server sent" });
  await expect(certificate).toContainText("other.example");
  await expect(certificate).toContainText("trustme");
  await expect(certificate).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(certificate).toContainText(/Valid from \d{4}-\d{2}-\d{2}T/);
});

test("a tenant's own CA certificate makes its server trusted; a server certificate is refused next to the field", async ({ page }) => {
  const dir = path.dirname(smtp().ca_file);
  const pem = (name: string) => readFileSync(path.join(dir, name), "utf8");
  await saveSmtp(page, {
    host: "localhost",
    security: "SSL/TLS",
    port: String(smtp().ports.untrusted),
    senderEmail: smtp().user,
    password: SMTP_PASSWORD,
  });
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByRole("button", { name: "Check connection" }).click();
  await expect(panel.getByRole("alert").filter({ hasText: "The connection check failed" })).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).click();
  const field = page.getByLabel("CA certificate", { exact: true });
  await field.fill(pem("self-signed.pem"));
  await page.getByLabel("Password", { exact: true }).fill(SMTP_PASSWORD);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#smtp-ca-certificate-error")).toHaveText(
    "This is a server's certificate, not a certificate authority's. Paste the certificate of the authority that issued the server's certificate.",
  );

  await field.fill(pem("stranger-ca.pem"));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const summary = page.getByRole("region", { name: "Active configuration" });
  await expect(summary).toContainText("trustme");
  await expect(summary).toContainText(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);

  const before = storedMessages().length;
  await panel.getByRole("button", { name: "Send test email" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Accepted by the server" })).toBeVisible();
  expect(storedMessages().filter((m) => m.listener === "untrusted").length).toBeGreaterThan(0);
  expect(storedMessages().length).toBe(before + 1);

  // Clearing the field removes the CA (the password must be typed again: trust changed).
  await page.getByRole("button", { name: "Edit" }).click();
  await field.fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#smtp-password-error")).not.toBeEmpty();
});

test("None + Save deletes the settings after a confirmation", async ({ page, request }) => {
  await saveStartTls(page);
  await editProvider(page, "None");
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete the email settings?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  let saved = await (await request.post("/api/email-provider/get", { data: {} })).json();
  expect(saved.provider).toHaveProperty("Smtp");

  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "deleted" })).toBeVisible();
  await expect(page.getByText("No email provider is configured")).toBeVisible();
  saved = await (await request.post("/api/email-provider/get", { data: {} })).json();
  expect(saved.provider).toBe("None");
  await page.reload();
  await expect(page.getByText("No email provider is configured")).toBeVisible();
});

test("the audit log records activation, changes, tests and deletion, newest first", async ({ page, request }) => {
  await saveStartTls(page);
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Sender name", { exact: true }).fill("Reports Team");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const panel = page.getByRole("region", { name: "Send test email" });
  await panel.getByLabel("Recipient").fill("admin@example.org");
  await panel.getByRole("button", { name: "Send test email" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Accepted by the server" })).toBeVisible();
  await editProvider(page, "None");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete settings" }).click();
  await expect(page.getByText("No email provider is configured")).toBeVisible();

  const log = page.getByRole("region", { name: "Audit log" });
  const rows = log.getByRole("row");
  await expect(rows.nth(1)).toContainText("SMTP settings deleted");
  await expect(rows.nth(2)).toContainText("Test email to admin@example.org: accepted");
  await expect(rows.nth(3)).toContainText("SMTP settings saved");
  await expect(rows.nth(3)).toContainText("Sender name: Mailwright Reports → Reports Team");
  await expect(rows.nth(4)).toContainText("SMTP activated");
  await expect(rows.nth(4)).toContainText("Password or client secret: changed");
  await expect(rows.nth(4)).toContainText(`Port: (empty) → ${smtp().ports.starttls}`);
  for (const n of [1, 2, 3, 4]) await expect(rows.nth(n)).toContainText(ADMIN_EMAIL);
  await expect(log).not.toContainText(SMTP_PASSWORD);

  // The same after a reload, and through the API (never with a secret).
  await page.reload();
  await expect(page.getByRole("region", { name: "Audit log" }).getByRole("row").nth(1)).toContainText("SMTP settings deleted");
  const api = await (await request.post("/api/email-provider/audit", { data: { request: { before: null } } })).text();
  expect(JSON.parse(api).entries.length).toBeGreaterThanOrEqual(4);
  expect(api).not.toContain(SMTP_PASSWORD);
});

test("the server log never contains a password", async ({ page }) => {
  // Runs last: by now passwords were saved, kept, rejected and used for test sends.
  await saveStartTls(page, "a-password-that-must-not-be-logged");
  await page.getByRole("region", { name: "Send test email" }).getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The test email was not sent" })).toBeVisible();
  const log = readFileSync(process.env.MAILWRIGHT_SERVER_LOG!, "utf8");
  expect(log).toContain("SMTP settings saved");
  expect(log).not.toContain(SMTP_PASSWORD);
  expect(log).not.toContain("a-password-that-must-not-be-logged");
});
