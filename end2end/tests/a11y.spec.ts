// axe-core finds no violations on any page or state, in each of the five languages.
import AxeBuilder from "@axe-core/playwright";
import { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ready, SMTP_PASSWORD, workingMicrosoft365 } from "./helpers";
import { Lang, LANGS, langAdmin } from "./accounts";
import { configureSmtp, contextFor, sendTest, signIn, texts } from "./i18n";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function scan(page: Page, state: string) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map(
    (v) => `${state}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe violations in state "${state}"`).toEqual([]);
  expect(result.passes.length, "axe checked something").toBeGreaterThan(10);
}

async function hydrated(page: Page, path: string) {
  await page.goto(path);
  await ready(page);
}

async function openTranscript(page: Page, lang: Lang) {
  await page.getByText(texts(lang)["transcript_heading"]).click();
}

for (const lang of LANGS) {
  test(`${lang}: every page and state passes axe`, async ({ browser }) => {
    test.setTimeout(120_000);
    const t = texts(lang);
    const context = await contextFor(browser, lang);
    const page = await context.newPage();

    await hydrated(page, "/login");
    await scan(page, "sign-in");
    await page.getByLabel(t["account.label_email"], { exact: true }).fill(langAdmin(lang));
    await page.getByLabel(t["account.label_password"], { exact: true }).fill("not the password");
    await page.getByRole("button", { name: t["account.sign_in"], exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: t["error_sign_in_failed"] })).toBeVisible();
    await scan(page, "sign-in failed");
    await hydrated(page, "/forgot-password");
    await scan(page, "forgot password");
    await hydrated(page, "/reset-password?token=not-a-token");
    await scan(page, "reset password");
    await hydrated(page, "/setup");
    await scan(page, "setup");

    await signIn(page, lang, langAdmin(lang));
    await scan(page, "summary and audit log");

    await page.getByRole("button", { name: t["edit"], exact: true }).click();
    const providers = page.getByRole("radiogroup", { name: t["provider_legend"] });
    await providers.getByRole("radio", { name: t["provider_smtp"] }).check();
    await page.getByRole("button", { name: t["save"], exact: true }).click();
    await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
    await scan(page, "SMTP editor with field errors");
    await providers.getByRole("radio", { name: t["provider_microsoft365"] }).check();
    await page.getByRole("button", { name: t["save"], exact: true }).click();
    await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
    await scan(page, "Microsoft 365 editor with field errors");
    await page.getByRole("button", { name: t["cancel"], exact: true }).click();

    await configureSmtp(page, lang, "not the password");
    await sendTest(page, lang, langAdmin(lang));
    await expect(page.getByRole("alert").filter({ hasText: t["causes.auth_rejected.cause"] })).toBeVisible();
    await openTranscript(page, lang);
    await scan(page, "failed test with transcript");
    await configureSmtp(page, lang, SMTP_PASSWORD);
    await sendTest(page, lang, langAdmin(lang));
    await expect(page.getByRole("status").filter({ hasText: t["test_accepted"].split("{ms}")[0] })).toBeVisible();
    await openTranscript(page, lang);
    await scan(page, "accepted test with transcript");

    await page.getByRole("button", { name: t["edit"], exact: true }).click();
    await providers.getByRole("radio", { name: t["provider_microsoft365"] }).check();
    const m = workingMicrosoft365();
    await page.getByLabel(t["label_sender_email"], { exact: true }).fill(m.senderEmail!);
    await page.getByLabel(t["label_tenant_id"], { exact: true }).fill(m.tenantId!);
    await page.getByLabel(t["label_client_id"], { exact: true }).fill(m.clientId!);
    await page.getByLabel(t["label_client_secret"], { exact: true }).fill(m.clientSecret!);
    await page.getByRole("button", { name: t["save"], exact: true }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await scan(page, "replace confirmation");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    await providers.getByRole("radio", { name: t["provider_none"] }).check();
    await page.getByRole("button", { name: t["save"], exact: true }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await scan(page, "delete confirmation");
    await page.getByRole("alertdialog").getByRole("button", { name: t["cancel"], exact: true }).click();

    await hydrated(page, "/settings/tokens");
    await scan(page, "API tokens");
    await hydrated(page, "/settings/deliveries");
    await scan(page, "delivery log");
    await context.close();
  });
}
