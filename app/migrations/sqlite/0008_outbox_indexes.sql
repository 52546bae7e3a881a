-- The worker's claim and the queue metrics read only these indexes, never the rows with their
-- bodies: with thousands of messages waiting, reading every row on each claim and each metrics
-- scrape cost more than sending them.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox_message (status, run_at, tenant_id, lease_until);
CREATE INDEX outbox_waiting_since ON outbox_message (status, created_at);
