-- Every change and every test of a tenant's email settings. Entries are only ever added: the
-- app has no statement that changes or deletes them, and these triggers refuse it anyway.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    -- The action as JSON (field names and non-secret values; secrets only as "changed").
    action TEXT NOT NULL
);
CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log entries cannot be changed');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log entries cannot be deleted');
END;
