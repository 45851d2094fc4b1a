-- Personal operator accounts, each scoped to Länder, and the audit trail of what they
-- did. Replaces the single shared operator token of the configuration.

-- An account is never deleted, only revoked, so a name in the audit log or the status
-- history always names exactly one account.
CREATE TABLE operator_accounts (
    name          TEXT PRIMARY KEY NOT NULL,
    lands         TEXT NOT NULL,                    -- ISO letters, comma-separated, in key order
    token_sha256  BLOB NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    created_at    TEXT NOT NULL,                    -- fixed-width UTC
    revoked_at    TEXT                              -- NULL while active
) STRICT;

-- Which account made a status change; NULL for the entry written by the submission.
ALTER TABLE status_history ADD COLUMN account TEXT;

-- Every operator read, list, export and status change. Append-only: the triggers below
-- refuse UPDATE and DELETE, whatever code or tool issues them.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,                       -- fixed-width UTC
    account    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('read', 'list', 'export', 'status_change')),
    target     TEXT NOT NULL,                       -- request id, or the filter used
    row_count  INTEGER NOT NULL CHECK (row_count >= 0)
) STRICT;

CREATE INDEX audit_log_by_time ON audit_log (at, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
