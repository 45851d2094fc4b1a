-- The municipality answers the agency's Rückfrage.
--
-- An answer is a status_history entry (rueckfrage → in_pruefung) whose note is the
-- answer and which no operator account made. answered_at marks a request whose answer
-- no operator has acted on yet; the operator list shows those first. The next status
-- change by an operator clears it.

ALTER TABLE status_history ADD COLUMN by_municipality INTEGER NOT NULL DEFAULT 0
    CHECK (by_municipality IN (0, 1));
ALTER TABLE connection_requests ADD COLUMN answered_at TEXT;  -- fixed-width UTC; NULL unless an answer awaits the agency

CREATE INDEX connection_requests_answered ON connection_requests (answered_at) WHERE answered_at IS NOT NULL;
