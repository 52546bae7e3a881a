-- The active email provider of each tenant. No row: provider "None".
CREATE TABLE email_provider (
    tenant_id TEXT PRIMARY KEY NOT NULL,
    provider TEXT NOT NULL,
    -- Incremented on every save; a save names the version it was based on.
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    last_test_at TEXT,
    -- The last test report as JSON (server replies only, never a secret).
    last_test_report TEXT
);

-- Settings of the SMTP provider; deleted with the provider row.
CREATE TABLE smtp_settings (
    tenant_id TEXT PRIMARY KEY NOT NULL REFERENCES email_provider (tenant_id) ON DELETE CASCADE,
    host TEXT NOT NULL,
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security TEXT NOT NULL CHECK (security IN ('starttls', 'tls', 'none')),
    sender_email TEXT NOT NULL,
    sender_name TEXT,
    auth_enabled INTEGER NOT NULL CHECK (auth_enabled IN (0, 1)),
    -- NULL: the sender email is the username.
    username TEXT,
    password TEXT,
    CHECK (auth_enabled = 1 OR (username IS NULL AND password IS NULL))
);
