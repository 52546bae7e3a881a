-- A tenant's own CA certificate and the client secret's expiry (SQLite migration 0012).
ALTER TABLE smtp_settings ADD COLUMN ca_certificate TEXT;
ALTER TABLE smtp_settings ADD COLUMN oauth_secret_expires_on TEXT;
ALTER TABLE graph_settings ADD COLUMN secret_expires_on TEXT;

CREATE TABLE secret_expiry_reminder (
    tenant_id TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    reminder TEXT NOT NULL CHECK (reminder IN ('week_before', 'on_the_day')),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, expires_on, reminder)
);
