-- Confirmed submissions, the mail outbox and retention.
--
-- A request is confirmed when someone with access to its Funktionspostfach used the
-- link of the confirmation mail. Unconfirmed requests are deleted after a configurable
-- number of days; requests in a final status have their personal data replaced by a
-- marker after a configurable number of days (anonymised_at).

ALTER TABLE connection_requests ADD COLUMN fingerprint TEXT;              -- of the document as submitted; survives anonymisation
ALTER TABLE connection_requests ADD COLUMN mail_to TEXT;                  -- the Funktionspostfach; NULL once anonymised
ALTER TABLE connection_requests ADD COLUMN confirmation_code_sha256 BLOB  -- NULL once used or anonymised
    CHECK (confirmation_code_sha256 IS NULL OR length(confirmation_code_sha256) = 32);
ALTER TABLE connection_requests ADD COLUMN confirmed_at TEXT;             -- fixed-width UTC; NULL while unconfirmed
ALTER TABLE connection_requests ADD COLUMN anonymised_at TEXT;            -- fixed-width UTC; NULL while personal data is kept

-- Requests that arrived before confirmations existed count as confirmed: nobody could
-- have confirmed them, and deleting them now would lose real work.
UPDATE connection_requests SET confirmed_at = received_at;

CREATE INDEX connection_requests_unconfirmed ON connection_requests (received_at) WHERE confirmed_at IS NULL;
CREATE INDEX connection_requests_closed ON connection_requests (updated_at) WHERE anonymised_at IS NULL;

-- Mails to send, written in the same transaction as the submission or status change
-- that causes them (a transactional outbox). The text is composed only when the mail
-- is sent, from the request as it is then: no address, note or code is stored here.
CREATE TABLE mail_outbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id       TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('confirmation', 'status_change')),
    history_seq      INTEGER,                       -- the status change a status mail reports
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    sent_at          TEXT,                          -- NULL while pending
    outcome          TEXT                           -- 'sent', 'dropped' (request gone) or the last error
) STRICT;

CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at, seq) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_by_request ON mail_outbox (request_id);

-- The audit log gains the actions of erasure and retention and a detail (the reason
-- of an erasure). SQLite cannot change a CHECK constraint in place: the table is
-- rebuilt with every row copied, inside this migration's transaction. DROP TABLE does
-- not fire the DELETE trigger; the triggers are created anew for the new table.
CREATE TABLE audit_log_v3 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    account    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN (
                   'read', 'list', 'export', 'status_change', 'erase',
                   'retention_unconfirmed', 'retention_anonymise')),
    target     TEXT NOT NULL,
    row_count  INTEGER NOT NULL CHECK (row_count >= 0),
    detail     TEXT
) STRICT;

INSERT INTO audit_log_v3 (seq, at, account, action, target, row_count)
    SELECT seq, at, account, action, target, row_count FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_v3 RENAME TO audit_log;

CREATE INDEX audit_log_by_time ON audit_log (at, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
