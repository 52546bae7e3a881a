-- The background health check (SQLite migration 0011). Unix milliseconds.
CREATE TABLE provider_health (
    tenant_id TEXT PRIMARY KEY,
    checked_at BIGINT NOT NULL,
    healthy BOOLEAN NOT NULL,
    since BIGINT NOT NULL,
    failure TEXT
);

CREATE TABLE provider_health_change (
    tenant_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    healthy BOOLEAN NOT NULL,
    cause TEXT
);
CREATE INDEX provider_health_change_by_tenant ON provider_health_change (tenant_id, at);
