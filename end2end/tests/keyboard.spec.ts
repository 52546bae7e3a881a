// The whole admin journey with the keyboard only (no mouse, no click): sign in, edit SMTP, a
// failed save that puts focus on the first field in error, save, send a test email, read the
// result; a dialog takes focus, keeps it inside and gives it back.
import { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ready, smtp, SMTP_PASSWORD } from "./helpers";
import { ACCOUNT_PASSWORD, langAdmin } from "./accounts";
import { contextFor, texts } from "./i18n";

/** Presses Tab until `target` has focus (at most 60 times). */
async function tabTo(page: Page, target: Locator, backwards = false) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

test("sign in, configure SMTP, send a test email and read the result with the keyboard", async ({ browser }) => {
  const t = texts("en");
  const context = await contextFor(browser, "en");
  const page = await context.newPage();
  await page.goto("/login");
  await ready(page);
  await typeInto(page, page.getByLabel(t["account.label_email"], { exact: true }), langAdmin("en"));
  await typeInto(page, page.getByLabel(t["account.label_password"], { exact: true }), ACCOUNT_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/email$/);
  await ready(page);

  await tabTo(page, page.getByRole("button", { name: t["edit"], exact: true }));
  await page.keyboard.press("Enter");
  const smtpRadio = page.getByRole("radio", { name: t["provider_smtp"] });
  await tabTo(page, page.getByRole("radiogroup", { name: t["provider_legend"] }).getByRole("radio", { checked: true }));
  for (let i = 0; i < 3 && !(await smtpRadio.isChecked()); i++) await page.keyboard.press("ArrowDown");
  await expect(smtpRadio).toBeChecked();

  // Saving with the server name empty: focus lands on it, marked invalid and described.
  const host = page.getByLabel(t["label_host"], { exact: true });
  await tabTo(page, host);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await typeInto(page, page.getByLabel(t["label_sender_email"], { exact: true }), smtp().user);
  await tabTo(page, page.getByRole("button", { name: t["save"], exact: true }));
  await page.keyboard.press("Enter");
  await expect(host).toBeFocused();
  await expect(host).toHaveAttribute("aria-invalid", "true");
  await expect(host).toHaveAccessibleDescription(new RegExp(t["field_errors.required"].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

  await page.keyboard.type("localhost");
  await typeInto(page, page.getByLabel(t["label_port"], { exact: true }), String(smtp().ports.starttls));
  await typeInto(page, page.getByLabel(t["label_password"], { exact: true }), SMTP_PASSWORD);
  await page.keyboard.press("Enter"); // submits the form
  await expect(page.getByRole("status").filter({ hasText: t["saved_notice"] })).toBeVisible();

  const panel = page.getByRole("region", { name: t["test_heading"] });
  await typeInto(page, panel.getByLabel(t["label_recipient"], { exact: true }), "keyboard@example.org");
  await tabTo(page, panel.getByRole("button", { name: t["send_test"], exact: true }));
  await page.keyboard.press("Enter");
  const result = panel.getByRole("status").filter({ hasText: t["test_accepted"].split("{ms}")[0] });
  await expect(result).toBeVisible();
  await expect(result).toContainText("250");

  // The delete confirmation: focus inside, Tab stays inside, Escape closes and returns focus.
  await tabTo(page, page.getByRole("button", { name: t["edit"], exact: true }), true);
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("radiogroup", { name: t["provider_legend"] }).getByRole("radio", { checked: true }));
  const none = page.getByRole("radio", { name: t["provider_none"] });
  for (let i = 0; i < 3 && !(await none.isChecked()); i++) await page.keyboard.press("ArrowUp");
  await expect(none).toBeChecked();
  const save = page.getByRole("button", { name: t["save"], exact: true });
  await tabTo(page, save);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: t["confirm_delete_title"] });
  await expect(dialog).toBeVisible();
  const cancel = dialog.getByRole("button", { name: t["cancel"], exact: true });
  const confirm = dialog.getByRole("button", { name: t["confirm_delete"], exact: true });
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(save).toBeFocused();
  await context.close();
});
