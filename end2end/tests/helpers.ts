import { APIRequestContext, expect, Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The password the SMTP test server accepts (its default). */
export const SMTP_PASSWORD = "correct horse battery staple";

export interface MicrosoftApp {
  client_id: string;
  secret: string;
  secret_id: string;
}

export interface SmtpInfo {
  ports: { starttls: number; tls: number; plain: number; untrusted: number; wrongname: number; expired: number; selfsigned: number; xoauth2: number };
  ca_file: string;
  mail_dir: string;
  user: string;
  /** The Microsoft identity platform + Graph stand-in. */
  ms: {
    base_url: string;
    fixtures: {
      tenant_id: string;
      tenant_domain: string;
      apps: { sender: MicrosoftApp; expired: MicrosoftApp; no_permission: MicrosoftApp };
      mailboxes: { ok: string; inactive: string; throttled: string; busy: string; smtp_disabled: string };
    };
  };
}

export function smtp(): SmtpInfo {
  return JSON.parse(process.env.SMTP_INFO!);
}

export interface StoredMessage {
  queue_id: string;
  listener: string;
  mail_from: string;
  rcpt_tos: string[];
  auth_user: string | null;
  tls: boolean;
  data: string;
}

export function storedMessages(): StoredMessage[] {
  const dir = smtp().mail_dir;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")));
}

/** The account pages are plain forms that load no wasm: usable once loaded. */
const PLAIN_PAGES = ["/login", "/forgot-password", "/reset-password", "/setup"];

/** Waits until the page can be used: hydrated when it loads the wasm, loaded for a plain page. */
export async function ready(page: Page) {
  const path = new URL(page.url()).pathname;
  if (PLAIN_PAGES.includes(path)) {
    await page.waitForLoadState("domcontentloaded");
    await expect(page.locator("script[type=module][src], link[rel=modulepreload]")).toHaveCount(0);
  } else {
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  }
}

/** Opens the Email provider page and waits until it is hydrated (interactive). */
export async function openEmailProviderPage(page: Page) {
  await page.goto("/settings/email");
  await ready(page);
}

/** Back to "no provider" through the public server functions, as the signed-in admin. */
export async function deleteSettings(request: APIRequestContext) {
  const current = await request.post("/api/email-provider/get", { data: {} });
  expect(current.status()).toBe(200);
  const based_on = (await current.json()).version;
  const response = await request.post("/api/email-provider/delete", { data: { based_on } });
  expect(response.status()).toBe(200);
}

/** The Graph messages the stand-in accepted. */
export async function graphMessages(): Promise<any[]> {
  return (await fetch(`${smtp().ms.base_url}/_stand-in/sent`)).json();
}

export async function editProvider(page: Page, provider: "None" | "SMTP" | "Microsoft 365") {
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("radiogroup", { name: "Email provider" }).getByRole("radio", { name: provider }).check();
}

export interface SmtpValues {
  host?: string;
  security?: "StartTLS" | "SSL/TLS" | "None";
  port?: string;
  senderEmail?: string;
  senderName?: string;
  password?: string;
}

export async function fillSmtpForm(page: Page, v: SmtpValues) {
  if (v.host !== undefined) await page.getByLabel("SMTP server", { exact: true }).fill(v.host);
  if (v.security !== undefined) await page.getByLabel("Security", { exact: true }).selectOption({ label: v.security });
  if (v.port !== undefined) await page.getByLabel("Port", { exact: true }).fill(v.port);
  if (v.senderEmail !== undefined) await page.getByLabel("Sender email", { exact: true }).fill(v.senderEmail);
  if (v.senderName !== undefined) await page.getByLabel("Sender name", { exact: true }).fill(v.senderName);
  if (v.password !== undefined) await page.getByLabel("Password", { exact: true }).fill(v.password);
}

/** Saves an SMTP configuration through the page, from any state. */
export async function saveSmtp(page: Page, values: SmtpValues) {
  await openEmailProviderPage(page);
  await editProvider(page, "SMTP");
  await fillSmtpForm(page, values);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

/** Saves a working StartTLS configuration through the page. */
export async function saveStartTls(page: Page, password = SMTP_PASSWORD) {
  await saveSmtp(page, {
    host: "localhost",
    security: "StartTLS",
    port: String(smtp().ports.starttls),
    senderEmail: smtp().user,
    senderName: "Mailwright Reports",
    password,
  });
}

export interface MicrosoftValues {
  senderEmail?: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
}

/** Fills the Microsoft 365 form (or, with `smtpLabels`, the OAuth fields of the SMTP form). */
export async function fillMicrosoftFields(page: Page, v: MicrosoftValues, smtpLabels = false) {
  const tenant = smtpLabels ? "Directory (tenant) ID" : "Tenant ID";
  const client = smtpLabels ? "Application (client) ID" : "Client ID";
  if (v.senderEmail !== undefined) await page.getByLabel("Sender email", { exact: true }).fill(v.senderEmail);
  if (v.tenantId !== undefined) await page.getByLabel(tenant, { exact: true }).fill(v.tenantId);
  if (v.clientId !== undefined) await page.getByLabel(client, { exact: true }).fill(v.clientId);
  if (v.clientSecret !== undefined) await page.getByLabel("Client secret", { exact: true }).fill(v.clientSecret);
}

/** The stand-in's working app and mailbox, with `secret` instead of its secret if given. */
export function workingMicrosoft365(secret?: string): MicrosoftValues {
  const f = smtp().ms.fixtures;
  return {
    senderEmail: f.mailboxes.ok,
    tenantId: f.tenant_id,
    clientId: f.apps.sender.client_id,
    clientSecret: secret ?? f.apps.sender.secret,
  };
}
