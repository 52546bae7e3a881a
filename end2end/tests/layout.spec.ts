// Long German words and Japanese text fit: at 360 px and 1280 px, in every language, no element
// is wider than the viewport. Screenshots of each page go to the test output.
import { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LANGS, langAdmin } from "./accounts";
import { contextFor, signIn, texts } from "./i18n";
import { ready } from "./helpers";

async function assertFits(page: Page, state: string) {
  const overflowing = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 1 || r.left < -1);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? "").trim().slice(0, 50)}`);
  });
  expect(overflowing, `elements wider than the viewport (${state})`).toEqual([]);
}

for (const lang of LANGS) {
  for (const width of [360, 1280]) {
    test(`${lang} at ${width} px: pages fit the viewport`, async ({ browser }, info) => {
      const t = texts(lang);
      const context = await contextFor(browser, lang);
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const shot = async (name: string) => {
        await assertFits(page, name);
        await page.screenshot({ path: info.outputPath(`${lang}-${width}-${name}.png`), fullPage: true });
      };
      await page.goto("/login");
      await ready(page);
      await shot("sign-in");
      await page.goto("/forgot-password");
      await shot("forgot-password");
      await signIn(page, lang, langAdmin(lang));
      await shot("settings");
      await page.getByRole("button", { name: t["edit"], exact: true }).click();
      await page.getByRole("radiogroup", { name: t["provider_legend"] }).getByRole("radio", { name: t["provider_smtp"] }).check();
      // A field error showing (a long one in most languages).
      await page.getByLabel(t["label_host"], { exact: true }).fill("smtp.example.com:587");
      await expect(page.getByText(t["field_errors.host_has_port"])).toBeVisible();
      await shot("smtp-editor");
      await page.getByRole("radiogroup", { name: t["provider_legend"] }).getByRole("radio", { name: t["provider_microsoft365"] }).check();
      await shot("microsoft365-editor");
      await page.getByRole("button", { name: t["cancel"], exact: true }).click();
      await page.goto("/settings/tokens");
      await shot("tokens");
      await page.goto("/settings/deliveries");
      await shot("deliveries");
      await context.close();
    });
  }
}
