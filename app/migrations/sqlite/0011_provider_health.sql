-- The background health check: each tenant's last result, and every change between healthy and
-- failing. Times are Unix milliseconds.
CREATE TABLE provider_health (
    tenant_id TEXT PRIMARY KEY NOT NULL,
    -- When a check last started (an instance claims a check by moving this forward).
    checked_at INTEGER NOT NULL,
    healthy INTEGER NOT NULL CHECK (healthy IN (0, 1)),
    -- Since when it has been healthy or failing.
    since INTEGER NOT NULL,
    -- While failing: the failure (JSON of the same SendFailure a test email reports).
    failure TEXT
);

CREATE TABLE provider_health_change (
    tenant_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    healthy INTEGER NOT NULL CHECK (healthy IN (0, 1)),
    -- The failure's cause while failing ("AuthRejected"...), NULL when it became healthy.
    cause TEXT
);
CREATE INDEX provider_health_change_by_tenant ON provider_health_change (tenant_id, at);
