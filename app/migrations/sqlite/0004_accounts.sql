-- Tenants, their users, sign-in sessions and password reset links.

CREATE TABLE tenant (
    -- Short stable identifier; email settings and the audit log are keyed by it.
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenant (id),
    -- One account per address across tenants: the address alone signs in.
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- Argon2id in PHC string format.
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_at TEXT NOT NULL
);

-- Server-side sessions. Only a SHA-256 digest of the cookie value is stored, so a copy of the
-- database does not hand out live sessions. Times are Unix seconds.
CREATE TABLE session (
    id_digest TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX session_user ON session (user_id);

-- Single-use password reset links (digest of the token in the link).
CREATE TABLE password_reset (
    token_digest TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

