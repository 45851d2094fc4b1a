-- The PostgreSQL schema: the same tables as the SQLite migrations 0001 to 0003 arrive at,
-- in PostgreSQL's dialect, plus what several instances on one database need (the lease of
-- a mail being sent, the fingerprint of the shared status-token key).
--
-- Times are stored as fixed-width UTC text (2026-03-02T09:00:00.000000Z), exactly as in
-- SQLite: the storage trait passes them as text, text of that form sorts as time, and
-- both engines return byte-identical values. Columns that are compared or sorted use the
-- "C" collation, so the order is the bytes' order whatever locale the database has.

CREATE TABLE connection_requests (
    id                        TEXT COLLATE "C" PRIMARY KEY,     -- UUID v4
    reference                 TEXT COLLATE "C" NOT NULL UNIQUE, -- BY-2026-000042
    land                      TEXT COLLATE "C" NOT NULL,        -- ISO 3166-2 letters of the recipient Land
    ags                       TEXT NOT NULL,
    ars                       TEXT NOT NULL,
    municipality_name         TEXT NOT NULL,                    -- from the registry at submission time
    services                  TEXT NOT NULL,                    -- JSON [{id, name}] from the catalog at submission time
    status                    TEXT COLLATE "C" NOT NULL CHECK (status IN (
                                  'eingegangen', 'in_pruefung', 'rueckfrage', 'angenommen',
                                  'anbindung_laeuft', 'live', 'abgelehnt')),
    schema_version            BIGINT NOT NULL,
    document                  TEXT NOT NULL,                    -- the request as the server understood it, byte for byte
    status_token_sha256       BYTEA NOT NULL CHECK (length(status_token_sha256) = 32),
    received_at               TEXT COLLATE "C" NOT NULL,
    updated_at                TEXT COLLATE "C" NOT NULL,
    fingerprint               TEXT,                             -- of the document as submitted; survives anonymisation
    mail_to                   TEXT,                             -- the Funktionspostfach; NULL once anonymised
    confirmation_code_sha256  BYTEA CHECK (confirmation_code_sha256 IS NULL OR length(confirmation_code_sha256) = 32),
    confirmed_at              TEXT COLLATE "C",                 -- NULL while unconfirmed
    anonymised_at             TEXT COLLATE "C"                  -- NULL while personal data is kept
);

CREATE INDEX connection_requests_by_time ON connection_requests (received_at, id);
CREATE INDEX connection_requests_by_land_status ON connection_requests (land, status, received_at);
CREATE INDEX connection_requests_unconfirmed ON connection_requests (received_at) WHERE confirmed_at IS NULL;
CREATE INDEX connection_requests_closed ON connection_requests (updated_at) WHERE anonymised_at IS NULL;

CREATE TABLE status_history (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  TEXT COLLATE "C" NOT NULL REFERENCES connection_requests (id),
    status      TEXT NOT NULL,
    note        TEXT,
    at          TEXT COLLATE "C" NOT NULL,
    account     TEXT                                            -- NULL for the entry of the submission
);

CREATE INDEX status_history_by_request ON status_history (request_id, seq);

-- Per recipient prefix and Berlin calendar year, the last number handed out. A submission
-- increments its row inside its transaction: the row lock orders concurrent submissions
-- of one Land and year, across instances, and a rolled-back submission takes its number
-- back with it, so numbers are unique and without gaps.
CREATE TABLE reference_sequences (
    prefix      TEXT COLLATE "C" NOT NULL,
    year        INTEGER NOT NULL,
    last_value  BIGINT NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE idempotency_keys (
    key          TEXT COLLATE "C" PRIMARY KEY,
    body_sha256  BYTEA NOT NULL CHECK (length(body_sha256) = 32),
    request_id   TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES connection_requests (id),
    created_at   TEXT NOT NULL
);

-- Never deleted, only revoked, so a name in the audit log always names one account.
CREATE TABLE operator_accounts (
    name          TEXT COLLATE "C" PRIMARY KEY,
    lands         TEXT NOT NULL,                                -- ISO letters, comma-separated, in key order
    token_sha256  BYTEA NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    created_at    TEXT COLLATE "C" NOT NULL,
    revoked_at    TEXT                                          -- NULL while active
);

CREATE TABLE audit_log (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         TEXT COLLATE "C" NOT NULL,
    account    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN (
                   'read', 'list', 'export', 'status_change', 'erase',
                   'retention_unconfirmed', 'retention_anonymise')),
    target     TEXT NOT NULL,                                   -- request id, or the filter used
    row_count  BIGINT NOT NULL CHECK (row_count >= 0),
    detail     TEXT                                             -- the reason of an erasure
);

CREATE INDEX audit_log_by_time ON audit_log (at, seq);

-- Append-only, whatever code or tool issues the statement. Statement-level, so even an
-- UPDATE or DELETE that matches no row is refused, and TRUNCATE (which fires no DELETE
-- trigger) too.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Mails to send, written in the transaction of the submission or status change that
-- causes them (a transactional outbox); the text is composed only when the mail is sent.
-- An instance takes due mails by setting a lease (claimed_until, on the database's clock)
-- and a random claim; until the lease is over no other instance takes them, and only the
-- holder of the claim records the outcome.
CREATE TABLE mail_outbox (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id       TEXT COLLATE "C" NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('confirmation', 'status_change')),
    history_seq      BIGINT,                                    -- the status change a status mail reports
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT COLLATE "C" NOT NULL,
    sent_at          TEXT,                                      -- NULL while pending
    outcome          TEXT,                                      -- 'sent', 'dropped' or the last error
    claimed_until    TIMESTAMPTZ,                               -- NULL while nobody holds it
    claim            TEXT
);

CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at, seq) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_by_request ON mail_outbox (request_id);

-- Facts about the deployment that every instance must agree on; so far the fingerprint
-- of the status-token key (never the key itself).
CREATE TABLE deployment_settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
