// The accounts global-setup.ts creates with the CLI (tenant "acme").
export const ADMIN_EMAIL = "admin@example.org";
export const ACCOUNT_PASSWORD = "e2e passphrase for everyone";
export const ACCOUNTS: Record<string, "admin" | "member"> = {
  [ADMIN_EMAIL]: "admin",
  "member@example.org": "member",
  // Used by tests that sign in, fail, or reset a password, so the admin's session is untouched.
  "second-admin@example.org": "admin",
  "locked@example.org": "member",
  "forgetful@example.org": "member",
};

/** The five languages, each with its own tenant and admin (created by global-setup.ts). */
export const LANGS = ["en", "fr", "es", "de", "ja"] as const;
export type Lang = (typeof LANGS)[number];
/** The browser locale each language's tests use (regions fall back to the language). */
export const LOCALES: Record<Lang, string> = { en: "en-US", fr: "fr-FR", es: "es-ES", de: "de-DE", ja: "ja-JP" };
export const langTenant = (lang: Lang) => `intl-${lang}`;
export const langAdmin = (lang: Lang) => `admin-${lang}@example.org`;
/** A member per language tenant, for password reset emails. */
export const langMember = (lang: Lang) => `member-${lang}@example.org`;
