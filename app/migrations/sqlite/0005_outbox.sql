-- Sending for the platform: API tokens, the outbox and its delivery log, paused tenants.

-- Tokens other parts of the platform send with. Only a SHA-256 digest of the token is stored.
-- Times are Unix seconds.
CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenant (id),
    name TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    -- 'send', or 'send read' (read: GET /api/v1/messages/{id}).
    scope TEXT NOT NULL CHECK (scope IN ('send', 'send read')),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_used_at INTEGER,
    expires_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX api_token_tenant ON api_token (tenant_id);

-- One row per accepted message. The body (JSON of the request) is deleted once the message is
-- sent or has failed; the row itself is the delivery record, purged after the retention period.
-- Times are Unix milliseconds.
CREATE TABLE outbox_message (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL,
    -- The caller's Idempotency-Key and a digest of the request it came with.
    idempotency_key TEXT,
    request_digest TEXT NOT NULL,
    category TEXT NOT NULL,
    -- Every recipient (to, cc, bcc), lower case, one per line: the delivery log searches it.
    recipients TEXT NOT NULL,
    recipient_count INTEGER NOT NULL,
    subject TEXT NOT NULL,
    body TEXT,
    -- The RFC 5322 Message-ID, the same on every attempt.
    message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'deferred', 'failed')),
    -- When the message may be sent (again).
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    -- While 'sending': when the claim lapses and another worker may take the message.
    lease_until INTEGER,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX outbox_due ON outbox_message (status, run_at);
CREATE INDEX outbox_tenant_created ON outbox_message (tenant_id, created_at);
-- The API counts a tenant's waiting messages on every request (the 10,000 limit).
CREATE INDEX outbox_tenant_status ON outbox_message (tenant_id, status);

-- One row per attempt, with what the provider said.
CREATE TABLE delivery_attempt (
    message_id TEXT NOT NULL REFERENCES outbox_message (id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'deferred', 'failed')),
    -- The provider's reply on success (SMTP queue id, Graph request-id) or the failure (JSON of
    -- the same SendFailure a test send reports).
    reply TEXT,
    failure TEXT,
    PRIMARY KEY (message_id, n)
);

-- Tenants whose sending is paused because their configuration is broken (JSON SendFailure).
CREATE TABLE sending_pause (
    tenant_id TEXT PRIMARY KEY NOT NULL,
    since INTEGER NOT NULL,
    failure TEXT NOT NULL
);
