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
