-- Microsoft OAuth 2.0 (XOAUTH2) on SMTP, and the Microsoft 365 (Graph) provider.

-- The SMTP secret is a password or, for Microsoft OAuth 2.0, the app's client secret.
ALTER TABLE smtp_settings RENAME COLUMN password TO secret;
ALTER TABLE smtp_settings ADD COLUMN auth_type TEXT NOT NULL DEFAULT 'password'
    CHECK (auth_type IN ('password', 'microsoft_oauth'));
ALTER TABLE smtp_settings ADD COLUMN oauth_tenant_id TEXT;
ALTER TABLE smtp_settings ADD COLUMN oauth_client_id TEXT;

-- Settings of the Microsoft 365 provider; deleted with the provider row.
CREATE TABLE graph_settings (
    tenant_id TEXT PRIMARY KEY NOT NULL REFERENCES email_provider (tenant_id) ON DELETE CASCADE,
    sender_email TEXT NOT NULL,
    -- The Microsoft Entra directory (tenant) ID, not Mailwright's tenant.
    directory_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL
);
