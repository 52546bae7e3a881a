// Every language end to end, by its translated labels: sign in, configure SMTP, a test email that
// arrives with the translated subject, a wrong password explained; the language menu; reset
// emails in the user's language.
import { expect, test } from "./fixtures";
import { ready, SMTP_PASSWORD, storedMessages } from "./helpers";
import { LANGS, langAdmin, langMember } from "./accounts";
import { configureSmtp, contextFor, sendTest, signIn, subjectOf, texts } from "./i18n";

for (const lang of LANGS) {
  test(`${lang}: configure SMTP, a wrong password explained, a test email in ${lang}`, async ({ browser }) => {
    const t = texts(lang);
    const context = await contextFor(browser, lang);
    const page = await context.newPage();
    await signIn(page, lang, langAdmin(lang));
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { name: t["page_title"], level: 1 })).toBeVisible();

    // A wrong password: the failure is explained in this language.
    await configureSmtp(page, lang, "not the password");
    let panel = await sendTest(page, lang, langAdmin(lang));
    const failure = panel.getByRole("alert");
    await expect(failure).toContainText(t["steps.authentication"]);
    await expect(failure).toContainText(t["causes.auth_rejected.cause"]);
    await expect(failure).toContainText(t["causes.auth_rejected.fix"]);

    // The right password: the test email arrives with the subject in this language.
    await configureSmtp(page, lang, SMTP_PASSWORD);
    const recipient = `test-${lang}@example.org`;
    panel = await sendTest(page, lang, recipient);
    const accepted = t["test_accepted"].split("{ms}")[0];
    await expect(panel.getByRole("status").filter({ hasText: accepted })).toBeVisible();
    const message = storedMessages().find((m) => m.rcpt_tos.includes(recipient))!;
    expect(subjectOf(message.data)).toBe(t["test_subject"]);
    if (lang !== "en") expect(subjectOf(message.data)).not.toBe(texts("en")["test_subject"]);
    await context.close();
  });
}

test("the language chosen in the header follows the user to a new browser", async ({ browser }) => {
  const [en, fr] = [texts("en"), texts("fr")];
  const first = await contextFor(browser, "en");
  const page = await first.newPage();
  await signIn(page, "en", langAdmin("en"));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel(en["language_label"], { exact: true }).selectOption({ label: "Français" });
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: fr["page_title"], level: 1 })).toBeVisible();
  await ready(page);
  await expect(page.getByLabel(fr["language_label"], { exact: true })).toHaveValue("fr");
  await page.getByRole("button", { name: fr["account.sign_out"], exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: fr["account.sign_in_title"] })).toBeVisible();
  await first.close();

  // A new browser that asks for English: the saved choice wins once signed in.
  const second = await contextFor(browser, "en");
  const again = await second.newPage();
  await signIn(again, "en", langAdmin("en"));
  await expect(again.locator("html")).toHaveAttribute("lang", "fr");
  await expect(again.getByRole("heading", { name: fr["page_title"], level: 1 })).toBeVisible();
  // Back to English for the other tests of this admin.
  await again.getByLabel(fr["language_label"], { exact: true }).selectOption({ label: "English" });
  await expect(again.locator("html")).toHaveAttribute("lang", "en");
  await second.close();
});

test("a choice made on the sign-in page is kept until sign-in", async ({ browser }) => {
  const context = await contextFor(browser, "en");
  const page = await context.newPage();
  await page.goto("/login");
  await ready(page);
  await page.getByLabel(texts("en")["language_label"], { exact: true }).selectOption({ label: "日本語" });
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { name: texts("ja")["account.sign_in_title"] })).toBeVisible();
  await signIn(page, "ja", langMember("ja").replace("member", "admin"));
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await context.close();
});

async function resetEmail(recipient: string) {
  await expect.poll(() => storedMessages().some((m) => m.rcpt_tos.includes(recipient)), { timeout: 15_000 }).toBe(true);
  return storedMessages().filter((m) => m.rcpt_tos.includes(recipient)).pop()!;
}

test("a reset email is in the user's language, else the asking browser's", async ({ browser }) => {
  // The German member chose German (the German tenant's SMTP was configured above).
  const member = langMember("de");
  const chooser = await contextFor(browser, "en");
  const page = await chooser.newPage();
  await page.request.post("/api/auth/sign-in", { data: { form: { email: member, password: "e2e passphrase for everyone" } } });
  await page.request.post("/api/auth/language", { data: { lang: "de" } });
  await chooser.close();

  const asker = await contextFor(browser, "en");
  const forgot = await asker.newPage();
  const en = texts("en");
  await forgot.goto("/forgot-password");
  await ready(forgot);
  await forgot.getByLabel(en["account.label_email"], { exact: true }).fill(member);
  await forgot.getByRole("button", { name: en["account.send_reset_link"], exact: true }).click();
  const german = await resetEmail(member);
  expect(subjectOf(german.data)).toBe(texts("de")["account.reset_email_subject"]);
  await asker.close();

  // The Spanish member never chose: the email follows the browser that asked (Spanish).
  const spanishMember = langMember("es");
  const spanish = await contextFor(browser, "es");
  const page2 = await spanish.newPage();
  const es = texts("es");
  await page2.goto("/forgot-password");
  await ready(page2);
  await page2.getByLabel(es["account.label_email"], { exact: true }).fill(spanishMember);
  await page2.getByRole("button", { name: es["account.send_reset_link"], exact: true }).click();
  const email = await resetEmail(spanishMember);
  expect(subjectOf(email.data)).toBe(es["account.reset_email_subject"]);
  await spanish.close();
});
