-- Connection requests and everything that must change together with them.
--
-- A submission is one transaction that writes connection_requests, its first
-- status_history row, the next reference_sequences value and the idempotency_keys row.
-- A crash therefore leaves either all of them or none.

CREATE TABLE connection_requests (
    id                  TEXT PRIMARY KEY NOT NULL,      -- UUID v4
    reference           TEXT NOT NULL UNIQUE,           -- BY-2026-000042
    land                TEXT NOT NULL,                  -- ISO 3166-2 letters of the recipient Land
    ags                 TEXT NOT NULL,                  -- Amtlicher Gemeindeschlüssel, 8 digits
    ars                 TEXT NOT NULL,                  -- Amtlicher Regionalschlüssel, 12 digits
    municipality_name   TEXT NOT NULL,                  -- from the registry at submission time
    services            TEXT NOT NULL,                  -- JSON [{id, name}] from the catalog at submission time
    status              TEXT NOT NULL CHECK (status IN (
                            'eingegangen', 'in_pruefung', 'rueckfrage', 'angenommen',
                            'anbindung_laeuft', 'live', 'abgelehnt')),
    schema_version      INTEGER NOT NULL,
    document            TEXT NOT NULL,                  -- the ConnectionRequest as the server understood it
    status_token_sha256 BLOB NOT NULL CHECK (length(status_token_sha256) = 32),
    received_at         TEXT NOT NULL,                  -- fixed-width UTC, sorts as text
    updated_at          TEXT NOT NULL
) STRICT;

CREATE INDEX connection_requests_by_time ON connection_requests (received_at, id);
CREATE INDEX connection_requests_by_land_status ON connection_requests (land, status, received_at);

CREATE TABLE status_history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  TEXT NOT NULL REFERENCES connection_requests (id),
    status      TEXT NOT NULL,
    note        TEXT,
    at          TEXT NOT NULL
) STRICT;

CREATE INDEX status_history_by_request ON status_history (request_id, seq);

-- Per recipient prefix and Berlin calendar year, the last number handed out.
CREATE TABLE reference_sequences (
    prefix      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last_value  INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
) STRICT;

CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY NOT NULL,
    body_sha256  BLOB NOT NULL CHECK (length(body_sha256) = 32),
    request_id   TEXT NOT NULL UNIQUE REFERENCES connection_requests (id),
    created_at   TEXT NOT NULL
) STRICT;
