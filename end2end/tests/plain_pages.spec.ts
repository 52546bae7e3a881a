// The account pages are plain HTML forms: they load no wasm and work with JavaScript off.
import { expect, test } from "./fixtures";
import { ACCOUNT_PASSWORD } from "./accounts";

test.use({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: false });

test("the account pages load no wasm and work without JavaScript", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (request) => {
    if (/\.(wasm|js)(\?|$)/.test(request.url())) wasm.push(request.url());
  });

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // A failed sign-in comes back with the error and the address typed, never the password.
  await page.getByLabel("Email", { exact: true }).fill("second-admin@example.org");
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("second-admin@example.org");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  // Invalid input: the shared rules' message next to the field, which gets the focus.
  await page.getByLabel("Email", { exact: true }).fill("");
  await page.getByRole("button", { name: "Sign in" }).click();
  const email = page.getByLabel("Email", { exact: true });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
  await expect(page.locator("#email-error")).not.toBeEmpty();
  // A reload shows a fresh form: the echo is used once.
  await page.reload();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("");

  // The language menu has its own button without JavaScript.
  await page.getByLabel("Language").selectOption("fr");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Langue").selectOption("en");
  await page.getByRole("button", { name: "Appliquer" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("link", { name: "Forgot password" }).click();
  await page.getByLabel("Email", { exact: true }).fill("nobody@example.org");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("nobody@example.org");

  expect(wasm).toEqual([]);

  // Signing in leads to the settings page (which does load the app).
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill("second-admin@example.org");
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/email$/);
  // Signing out is a form too.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/settings/email");
  await expect(page).toHaveURL(/\/login$/);
});
