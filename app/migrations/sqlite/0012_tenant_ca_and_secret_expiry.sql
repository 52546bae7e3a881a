-- A tenant's own CA certificate (PEM) for its SMTP server, and the client secret's expiry date
-- (YYYY-MM-DD) of Microsoft OAuth 2.0 on SMTP and of Microsoft 365.
ALTER TABLE smtp_settings ADD COLUMN ca_certificate TEXT;
ALTER TABLE smtp_settings ADD COLUMN oauth_secret_expires_on TEXT;
ALTER TABLE graph_settings ADD COLUMN secret_expires_on TEXT;

-- The expiry reminder emails sent: one row per tenant, expiry date and reminder, claimed before
-- the emails are queued so that each goes out once, from any instance.
CREATE TABLE secret_expiry_reminder (
    tenant_id TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    reminder TEXT NOT NULL CHECK (reminder IN ('week_before', 'on_the_day')),
    -- Unix milliseconds.
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, expires_on, reminder)
);
