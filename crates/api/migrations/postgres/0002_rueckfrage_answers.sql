-- The municipality answers the agency's Rückfrage, with a text or with a new version of
-- its request (as SQLite's migration 0004).
--
-- An answer is a status_history entry (rueckfrage → in_pruefung) that no operator
-- account made (by_municipality); a text answer is its note, a new version its version
-- number. answered_at marks a request whose answer no operator has acted on yet; the
-- operator list shows those first. The next status change by an operator clears it.
--
-- connection_requests.document, fingerprint and schema_version always hold the current
-- version (version); each version it replaced moves to request_versions, so nothing a
-- municipality submitted is overwritten.

ALTER TABLE status_history ADD COLUMN by_municipality BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE status_history ADD COLUMN version BIGINT;
ALTER TABLE connection_requests ADD COLUMN answered_at TEXT COLLATE "C";
ALTER TABLE connection_requests ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);

CREATE INDEX connection_requests_answered ON connection_requests (answered_at) WHERE answered_at IS NOT NULL;

CREATE TABLE request_versions (
    request_id      TEXT COLLATE "C" NOT NULL REFERENCES connection_requests (id),
    version         BIGINT NOT NULL CHECK (version >= 1),
    schema_version  BIGINT NOT NULL,
    document        TEXT NOT NULL,
    fingerprint     TEXT,
    submitted_at    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (request_id, version)
);

CREATE TABLE version_keys (
    key          TEXT COLLATE "C" PRIMARY KEY,
    body_sha256  BYTEA NOT NULL CHECK (length(body_sha256) = 32),
    request_id   TEXT COLLATE "C" NOT NULL REFERENCES connection_requests (id),
    version      BIGINT NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL
);

CREATE INDEX version_keys_by_request ON version_keys (request_id);
