// The catalog as the server has it (`mailwright catalog`): tests find elements by the texts of
// the language they run in, never by CSS selectors.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Browser, expect, Page } from "@playwright/test";
import { ACCOUNT_PASSWORD, Lang, LOCALES } from "./accounts";
import { ready, smtp } from "./helpers";

const root = path.resolve(__dirname, "../..");
let catalogs: Record<Lang, Record<string, string>> | undefined;

/** The texts of `lang` by path, e.g. `texts("fr")["account.sign_in"]`. */
export function texts(lang: Lang): Record<string, string> {
  if (!catalogs) {
    const binary = process.env.MAILWRIGHT_BIN ?? path.join(root, "target/debug/mailwright");
    catalogs = JSON.parse(execFileSync(binary, ["catalog"]).toString());
  }
  return new Proxy(catalogs![lang], {
    get: (target, name: string) => {
      if (!(name in target)) throw new Error(`no text ${name}`);
      return target[name];
    },
  });
}

/** A browser context asking for `lang`, signed out. */
export async function contextFor(browser: Browser, lang: Lang) {
  return browser.newContext({ locale: LOCALES[lang], storageState: { cookies: [], origins: [] } });
}

/** Signs in through the page, in `lang`, and waits for the settings page to be interactive. */
export async function signIn(page: Page, lang: Lang, email: string) {
  const t = texts(lang);
  await page.goto("/login");
  await ready(page);
  await page.getByLabel(t["account.label_email"], { exact: true }).fill(email);
  await page.getByLabel(t["account.label_password"], { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByRole("button", { name: t["account.sign_in"], exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/email$/);
  await ready(page);
}

/** Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset, encoding, text) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** The decoded Subject of a stored message's data (headers may be folded). */
export function subjectOf(data: string): string {
  const headers = data.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = headers.split(/\r?\n/).find((l) => /^subject:/i.test(l)) ?? "";
  return decodeHeader(line.replace(/^subject:\s*/i, ""));
}

/** Saves SMTP (StartTLS to the test server) through the page, in `lang`. */
export async function configureSmtp(page: Page, lang: Lang, password: string) {
  const t = texts(lang);
  await page.getByRole("button", { name: t["edit"], exact: true }).click();
  await page.getByRole("radiogroup", { name: t["provider_legend"] }).getByRole("radio", { name: t["provider_smtp"] }).check();
  await page.getByLabel(t["label_host"], { exact: true }).fill("localhost");
  await page.getByLabel(t["label_security"], { exact: true }).selectOption({ label: t["security_starttls"] });
  await page.getByLabel(t["label_port"], { exact: true }).fill(String(smtp().ports.starttls));
  await page.getByLabel(t["label_sender_email"], { exact: true }).fill(smtp().user);
  await page.getByLabel(t["label_password"], { exact: true }).fill(password);
  await page.getByRole("button", { name: t["save"], exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: t["saved_notice"] })).toBeVisible();
}

/** Sends a test email from the page; returns the test panel. */
export async function sendTest(page: Page, lang: Lang, recipient: string) {
  const t = texts(lang);
  const panel = page.getByRole("region", { name: t["test_heading"] });
  await panel.getByLabel(t["label_recipient"], { exact: true }).fill(recipient);
  await panel.getByRole("button", { name: t["send_test"], exact: true }).click();
  return panel;
}
