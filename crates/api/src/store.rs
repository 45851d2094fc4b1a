//! The SQLite queries behind [`crate::storage::Storage`]. Every function runs on a
//! connection handed out by [`crate::db::Db`], on the blocking pool; nothing outside the
//! SQLite engine ([`crate::sqlite`]) calls them.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use time::OffsetDateTime;

use crate::audit;
use crate::storage::{
    Answer, AnswerOutcome, AnswerStep, Change, ChangeOutcome, ConfirmOutcome, Delivery, ERASED,
    EraseOutcome, Erasure, ExportItem, ExportRow, Filter, HistoryEntry, LIST_ORDER, Listing,
    MailKind, MailRequest, NewRequest, NewVersion, PendingMail, RETENTION_ACCOUNT, Receipt,
    RetentionPolicy, RetentionReport, Row, StoreError, StoredVersion, SubmitOutcome,
    VersionOutcome, anonymised_document, answer_step, status_version, version_archive_sql,
};
use crate::timeutil;
use efa_domain::status::Status;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Backend(e.to_string())
    }
}

/// The submission stored under an idempotency key, if any. Callers compare
/// `body_sha256` to tell a replay from a reuse of the key.
pub fn lookup_key(conn: &Connection, key: &str) -> Result<Option<SubmitOutcome>, StoreError> {
    let existing: Option<(Vec<u8>, String)> = conn
        .query_row(
            "SELECT body_sha256, request_id FROM idempotency_keys WHERE key = ?1",
            params![key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((body_sha256, request_id)) = existing else {
        return Ok(None);
    };
    let receipt = conn.query_row(
        "SELECT id, reference, received_at, status_token_sha256, confirmed_at
         FROM connection_requests WHERE id = ?1",
        params![request_id],
        |r| {
            Ok(Receipt {
                id: r.get(0)?,
                reference: r.get(1)?,
                received_at: r.get(2)?,
                token_sha256: r.get(3)?,
                confirmed_at: r.get(4)?,
                body_sha256: body_sha256.clone(),
            })
        },
    )?;
    Ok(Some(SubmitOutcome::Replayed(receipt)))
}

fn enqueue_mail(
    conn: &Connection,
    request_id: &str,
    kind: MailKind,
    history_seq: Option<i64>,
    at: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO mail_outbox (request_id, kind, history_seq, created_at, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![request_id, kind.as_str(), history_seq, at],
    )?;
    Ok(())
}

/// Submits a request: idempotency check, reference allocation, all inserts and the
/// confirmation mail in the outbox in one `BEGIN IMMEDIATE` transaction. It is committed
/// (and, with `synchronous=FULL`, on disk) before this returns `Created`.
pub fn submit(conn: &mut Connection, new: &NewRequest) -> Result<SubmitOutcome, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again inside the write transaction: a concurrent request with the same key
    // may have committed since the caller's lookup.
    if let Some(outcome) = lookup_key(&tx, &new.idempotency_key)? {
        return Ok(match outcome {
            SubmitOutcome::Replayed(r) if r.body_sha256 == new.body_sha256.as_slice() => {
                SubmitOutcome::Replayed(r)
            }
            _ => SubmitOutcome::KeyReused,
        });
    }

    let year = timeutil::berlin_year(new.received_at);
    let seq: i64 = tx.query_row(
        "INSERT INTO reference_sequences (prefix, year, last_value) VALUES (?1, ?2, 1)
         ON CONFLICT (prefix, year) DO UPDATE SET last_value = last_value + 1
         RETURNING last_value",
        params![new.land_iso, year],
        |r| r.get(0),
    )?;
    let reference = format!("{}-{year:04}-{seq:06}", new.land_iso);
    let received_at = timeutil::format_utc(new.received_at);
    let services =
        serde_json::to_string(&new.services).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "INSERT INTO connection_requests (id, reference, land, ags, ars, municipality_name, services,
             status, schema_version, document, status_token_sha256, received_at, updated_at,
             fingerprint, mail_to, confirmation_code_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, ?15)",
        params![
            new.id,
            reference,
            new.land_iso,
            new.ags,
            new.ars,
            new.municipality_name,
            services,
            Status::Eingegangen.as_str(),
            new.schema_version,
            new.document,
            new.token_sha256.as_slice(),
            received_at,
            new.fingerprint,
            new.mail_to,
            new.confirmation_code_sha256.as_slice(),
        ],
    )?;
    tx.execute(
        "INSERT INTO status_history (request_id, status, note, at) VALUES (?1, ?2, NULL, ?3)",
        params![new.id, Status::Eingegangen.as_str(), received_at],
    )?;
    tx.execute(
        "INSERT INTO idempotency_keys (key, body_sha256, request_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![new.idempotency_key, new.body_sha256.as_slice(), new.id, received_at],
    )?;
    enqueue_mail(&tx, &new.id, MailKind::Confirmation, None, &received_at)?;
    tx.commit()?;
    Ok(SubmitOutcome::Created(Receipt {
        id: new.id.clone(),
        reference,
        received_at,
        confirmed_at: None,
        token_sha256: new.token_sha256.to_vec(),
        body_sha256: new.body_sha256.to_vec(),
    }))
}

const ROW_COLUMNS: &str = "r.id, r.reference, r.land, r.ags, r.ars, r.municipality_name, \
                           r.services, r.status, r.received_at, r.updated_at, \
                           r.status_token_sha256, r.fingerprint, r.confirmed_at, r.anonymised_at, \
                           r.answered_at, r.version";
/// Index of the first column after [`ROW_COLUMNS`].
const AFTER_ROW: usize = 16;

fn row_from(
    r: &rusqlite::Row<'_>,
    with_document: bool,
) -> rusqlite::Result<Result<Row, StoreError>> {
    let services: String = r.get(6)?;
    let status: String = r.get(7)?;
    let document: Option<String> = if with_document {
        Some(r.get(AFTER_ROW)?)
    } else {
        None
    };
    let parsed = (|| {
        Ok(Row {
            id: r.get(0)?,
            reference: r.get(1)?,
            land_iso: r.get(2)?,
            ags: r.get(3)?,
            ars: r.get(4)?,
            municipality_name: r.get(5)?,
            services: serde_json::from_str(&services)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            status: Status::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
            received_at: r.get(8)?,
            updated_at: r.get(9)?,
            token_sha256: r.get(10)?,
            fingerprint: r.get(11)?,
            confirmed_at: r.get(12)?,
            anonymised_at: r.get(13)?,
            answered_at: r.get(14)?,
            version: r.get(15)?,
            document,
        })
    })();
    Ok(parsed)
}

fn history(conn: &Connection, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, note, at, account, by_municipality, version FROM status_history
         WHERE request_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, bool>(4)?,
            r.get::<_, Option<u32>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (status, note, at, account, by_municipality, version) = row?;
        let status = Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?;
        out.push(HistoryEntry {
            status,
            note,
            at,
            account,
            by_municipality,
            version,
        });
    }
    Ok(out)
}

/// A request with its history, or `None`.
pub fn get(
    conn: &Connection,
    id: &str,
    with_document: bool,
) -> Result<Option<(Row, Vec<HistoryEntry>)>, StoreError> {
    let sql =
        format!("SELECT {ROW_COLUMNS}, r.document FROM connection_requests r WHERE r.id = ?1");
    let row = conn
        .query_row(&sql, params![id], |r| row_from(r, with_document))
        .optional()?;
    match row {
        None => Ok(None),
        Some(row) => {
            let row = row?;
            let h = history(conn, &row.id)?;
            Ok(Some((row, h)))
        }
    }
}

/// One page of requests, newest first, with the total number matching the filter.
pub fn list(
    conn: &Connection,
    filter: &Filter,
    limit: u32,
    offset: u64,
) -> Result<Listing, StoreError> {
    let (where_sql, args) = filter.where_clause(|n| format!("?{n}"));
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM connection_requests r {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM connection_requests r {where_sql}
         {LIST_ORDER} LIMIT {limit} OFFSET {}",
        i64::try_from(offset).unwrap_or(i64::MAX)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        row_from(r, false)
    })?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    let (counts_sql, counts_args) = filter.counts_query(|n| format!("?{n}"));
    let mut stmt = conn.prepare(&counts_sql)?;
    let mut counts = Vec::new();
    let mut found = stmt.query(rusqlite::params_from_iter(counts_args.iter()))?;
    while let Some(r) = found.next()? {
        let status: String = r.get(0)?;
        let n: i64 = r.get(1)?;
        if let Some(s) = Status::parse(&status) {
            counts.push((s, u64::try_from(n).unwrap_or(0)));
        }
    }
    Ok(Listing {
        total: u64::try_from(total).unwrap_or(0),
        rows: out,
        counts,
    })
}

/// Streams the export: one query (the last note is a correlated subquery on the
/// history's index, not a query per row), each row handed to `send` as it is read.
/// One row more than the cap is read to tell whether the export was cut. `send`
/// returns `false` when the client went away; reading stops then.
pub fn export(
    conn: &Connection,
    filter: &Filter,
    max_rows: u32,
    send: &mut dyn FnMut(ExportItem) -> bool,
) -> Result<(), StoreError> {
    let (where_sql, args) = filter.where_clause(|n| format!("?{n}"));
    let sql = format!(
        "SELECT {ROW_COLUMNS}, r.document,
             (SELECT h.note FROM status_history h
              WHERE h.request_id = r.id AND h.note IS NOT NULL ORDER BY h.seq DESC LIMIT 1)
         FROM connection_requests r {where_sql}
         ORDER BY r.received_at DESC, r.id DESC LIMIT {}",
        u64::from(max_rows) + 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    let mut n: u32 = 0;
    while let Some(r) = rows.next()? {
        if n == max_rows {
            send(ExportItem::End { truncated: true });
            return Ok(());
        }
        let row = row_from(r, true)??;
        let last_note: Option<String> = r.get(AFTER_ROW + 1)?;
        if !send(ExportItem::Row(Box::new(ExportRow { row, last_note }))) {
            return Ok(());
        }
        n += 1;
    }
    send(ExportItem::End { truncated: false });
    Ok(())
}

/// Moves a request to `to` if the state machine allows it from its current status and,
/// with `expected_version`, if nobody changed it since that version; the checks, the
/// change, its audit entry and its status mail are one transaction, so concurrent
/// operators cannot both pass and no change goes unrecorded or unannounced.
pub fn change_status(conn: &mut Connection, change: &Change) -> Result<ChangeOutcome, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<(String, String, Option<String>)> = tx
        .query_row(
            "SELECT status, land, mail_to FROM connection_requests WHERE id = ?1",
            params![change.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    // Another Land's request is answered like an unknown one: the account must not even
    // learn that it exists.
    let Some((current, _, mail_to)) = current.filter(|(_, land, _)| change.scope.contains(land))
    else {
        return Ok(ChangeOutcome::NotFound);
    };
    let from =
        Status::parse(&current).ok_or_else(|| StoreError::Corrupt(format!("status {current}")))?;
    if let Some(expected) = change.expected_version
        && status_version(&history(&tx, &change.id)?) != expected
    {
        return Ok(ChangeOutcome::Stale { current: from });
    }
    if !from.can_move_to(change.to) {
        return Ok(ChangeOutcome::Illegal { from });
    }
    let at_text = timeutil::format_utc(change.at);
    tx.execute(
        // The operator acted, so an answer no longer waits for the agency.
        "UPDATE connection_requests SET status = ?2, updated_at = ?3, answered_at = NULL
         WHERE id = ?1",
        params![change.id, change.to.as_str(), at_text],
    )?;
    tx.execute(
        "INSERT INTO status_history (request_id, status, note, at, account) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![change.id, change.to.as_str(), change.note, at_text, change.account],
    )?;
    let history_seq = tx.last_insert_rowid();
    audit::record(
        &tx,
        change.at,
        &change.account,
        audit::Action::StatusChange,
        &change.id,
        1,
        None,
    )?;
    if mail_to.is_some() {
        enqueue_mail(
            &tx,
            &change.id,
            MailKind::StatusChange,
            Some(history_seq),
            &at_text,
        )?;
    }
    let result = get(&tx, &change.id, true)?;
    tx.commit()?;
    match result {
        Some(r) => Ok(ChangeOutcome::Changed(Box::new(r))),
        None => Err(StoreError::Corrupt(
            "request vanished inside its transaction".to_owned(),
        )),
    }
}

/// Records the municipality's answer to a Rückfrage ([`crate::storage::Storage::answer`]).
pub fn answer(conn: &mut Connection, answer: &Answer) -> Result<AnswerOutcome, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some((row, history)) = get(&tx, &answer.id, false)? else {
        return Ok(AnswerOutcome::NotFound);
    };
    match answer_step(row.status, &history, &answer.text) {
        AnswerStep::Refuse => {
            return Ok(AnswerOutcome::NotAsked {
                current: row.status,
            });
        }
        AnswerStep::Repeat => return Ok(AnswerOutcome::Repeated(Box::new((row, history)))),
        AnswerStep::Record => {}
    }
    let at_text = timeutil::format_utc(answer.at);
    let to = Status::InPruefung;
    tx.execute(
        "UPDATE connection_requests SET status = ?2, updated_at = ?3, answered_at = ?3
         WHERE id = ?1",
        params![answer.id, to.as_str(), at_text],
    )?;
    tx.execute(
        "INSERT INTO status_history (request_id, status, note, at, account, by_municipality)
         VALUES (?1, ?2, ?3, ?4, NULL, 1)",
        params![answer.id, to.as_str(), answer.text, at_text],
    )?;
    let result = get(&tx, &answer.id, false)?;
    tx.commit()?;
    match result {
        Some(r) => Ok(AnswerOutcome::Answered(Box::new(r))),
        None => Err(StoreError::Corrupt(
            "request vanished inside its transaction".to_owned(),
        )),
    }
}

/// The request id and body hash a version's idempotency key was used for.
pub fn lookup_version_key(
    conn: &Connection,
    key: &str,
) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT request_id, body_sha256 FROM version_keys WHERE key = ?1",
            params![key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Stores the next version of a request ([`crate::storage::Storage::submit_version`]).
pub fn submit_version(
    conn: &mut Connection,
    new: &NewVersion,
) -> Result<VersionOutcome, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again inside the write transaction, as for submissions.
    if let Some((request_id, body)) = lookup_version_key(&tx, &new.idempotency_key)? {
        if request_id != new.id || body != new.body_sha256.as_slice() {
            return Ok(VersionOutcome::KeyReused);
        }
        return Ok(match get(&tx, &new.id, false)? {
            Some(r) => VersionOutcome::Replayed(Box::new(r)),
            None => VersionOutcome::NotFound,
        });
    }
    let Some((row, _)) = get(&tx, &new.id, false)? else {
        return Ok(VersionOutcome::NotFound);
    };
    if row.status != Status::Rueckfrage {
        return Ok(VersionOutcome::NotAsked {
            current: row.status,
        });
    }
    if row.ars != new.ars {
        return Ok(VersionOutcome::OtherMunicipality);
    }
    let at = timeutil::format_utc(new.at);
    let next = row.version + 1;
    let services =
        serde_json::to_string(&new.services).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(&version_archive_sql("?1"), params![new.id])?;
    tx.execute(
        "UPDATE connection_requests SET version = ?2, schema_version = ?3, document = ?4,
             fingerprint = ?5, services = ?6, municipality_name = ?7, mail_to = ?8,
             status = ?9, updated_at = ?10, answered_at = ?10
         WHERE id = ?1",
        params![
            new.id,
            next,
            new.schema_version,
            new.document,
            new.fingerprint,
            services,
            new.municipality_name,
            new.mail_to,
            Status::InPruefung.as_str(),
            at
        ],
    )?;
    tx.execute(
        "INSERT INTO status_history (request_id, status, note, at, account, by_municipality, version)
         VALUES (?1, ?2, NULL, ?3, NULL, 1, ?4)",
        params![new.id, Status::InPruefung.as_str(), at, next],
    )?;
    tx.execute(
        "INSERT INTO version_keys (key, body_sha256, request_id, version, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            new.idempotency_key,
            new.body_sha256.as_slice(),
            new.id,
            next,
            at
        ],
    )?;
    let result = get(&tx, &new.id, false)?;
    tx.commit()?;
    match result {
        Some(r) => Ok(VersionOutcome::Created(Box::new(r))),
        None => Err(StoreError::Corrupt(
            "request vanished inside its transaction".to_owned(),
        )),
    }
}

/// The versions of a request that newer ones replaced, oldest first.
pub fn old_versions(
    conn: &Connection,
    id: &str,
    with_documents: bool,
) -> Result<Vec<StoredVersion>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, fingerprint, submitted_at, document FROM request_versions
         WHERE request_id = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(StoredVersion {
            version: r.get(0)?,
            fingerprint: r.get(1)?,
            submitted_at: r.get(2)?,
            document: if with_documents {
                Some(r.get(3)?)
            } else {
                None
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Confirms a request with its code. The code is single use: its hash is cleared when
/// it is used.
pub fn confirm(
    conn: &mut Connection,
    id: &str,
    code_sha256: &[u8; 32],
    at: OffsetDateTime,
) -> Result<ConfirmOutcome, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: Option<(String, Option<Vec<u8>>, Option<String>)> = tx
        .query_row(
            "SELECT reference, confirmation_code_sha256, confirmed_at FROM connection_requests WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((reference, stored, confirmed_at)) = found else {
        return Ok(ConfirmOutcome::NotFound);
    };
    if confirmed_at.is_some() {
        return Ok(ConfirmOutcome::AlreadyConfirmed { reference });
    }
    let matches = stored.is_some_and(|h| crate::token::hash_eq(&h, code_sha256));
    if !matches {
        return Ok(ConfirmOutcome::NotFound);
    }
    tx.execute(
        "UPDATE connection_requests SET confirmed_at = ?2, confirmation_code_sha256 = NULL WHERE id = ?1",
        params![id, timeutil::format_utc(at)],
    )?;
    tx.commit()?;
    Ok(ConfirmOutcome::Confirmed { reference })
}

/// Anonymises one request inside the caller's transaction.
fn anonymise(tx: &Connection, id: &str, at: &str) -> Result<(), StoreError> {
    let document: String = tx.query_row(
        "SELECT document FROM connection_requests WHERE id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE connection_requests SET document = ?2, mail_to = NULL,
             confirmation_code_sha256 = NULL, anonymised_at = ?3 WHERE id = ?1",
        params![id, anonymised_document(&document), at],
    )?;
    tx.execute(
        "UPDATE status_history SET note = ?2 WHERE request_id = ?1 AND note IS NOT NULL",
        params![id, ERASED],
    )?;
    // Replaced versions hold the same personal data.
    let old: Vec<(u32, String)> = {
        let mut stmt =
            tx.prepare("SELECT version, document FROM request_versions WHERE request_id = ?1")?;
        let rows = stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (version, document) in old {
        tx.execute(
            "UPDATE request_versions SET document = ?3 WHERE request_id = ?1 AND version = ?2",
            params![id, version, anonymised_document(&document)],
        )?;
    }
    // A mail not yet sent would only go out without its data: it is dropped.
    tx.execute(
        "UPDATE mail_outbox SET sent_at = ?2, outcome = 'dropped' WHERE request_id = ?1 AND sent_at IS NULL",
        params![id, at],
    )?;
    Ok(())
}

pub fn erase(conn: &mut Connection, erasure: &Erasure) -> Result<EraseOutcome, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let land: Option<String> = tx
        .query_row(
            "SELECT land FROM connection_requests WHERE id = ?1",
            params![erasure.id],
            |r| r.get(0),
        )
        .optional()?;
    if !land.is_some_and(|l| erasure.scope.contains(&l)) {
        return Ok(EraseOutcome::NotFound);
    }
    let at = timeutil::format_utc(erasure.at);
    anonymise(&tx, &erasure.id, &at)?;
    audit::record(
        &tx,
        erasure.at,
        &erasure.account,
        audit::Action::Erase,
        &erasure.id,
        1,
        Some(&erasure.reason),
    )?;
    let result = get(&tx, &erasure.id, true)?;
    tx.commit()?;
    match result {
        Some(r) => Ok(EraseOutcome::Erased(Box::new(r))),
        None => Err(StoreError::Corrupt(
            "request vanished inside its transaction".to_owned(),
        )),
    }
}

/// Deletes unconfirmed requests received before the cut-off with everything that
/// belongs to them, and anonymises requests in a final status last changed before the
/// other cut-off. One transaction; each part that changed something is audited.
pub fn apply_retention(
    conn: &mut Connection,
    policy: &RetentionPolicy,
) -> Result<RetentionReport, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let at = timeutil::format_utc(policy.at);

    let expired: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM connection_requests WHERE confirmed_at IS NULL AND received_at < ?1",
        )?;
        let ids = stmt.query_map(params![policy.unconfirmed_before], |r| r.get(0))?;
        ids.collect::<Result<_, _>>()?
    };
    for id in &expired {
        for sql in [
            "DELETE FROM mail_outbox WHERE request_id = ?1",
            "DELETE FROM idempotency_keys WHERE request_id = ?1",
            "DELETE FROM version_keys WHERE request_id = ?1",
            "DELETE FROM request_versions WHERE request_id = ?1",
            "DELETE FROM status_history WHERE request_id = ?1",
            "DELETE FROM connection_requests WHERE id = ?1",
        ] {
            tx.execute(sql, params![id])?;
        }
    }

    let finals: Vec<String> = Status::ALL
        .into_iter()
        .filter(|s| s.is_terminal())
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let closed: Vec<String> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT id FROM connection_requests
             WHERE anonymised_at IS NULL AND status IN ({}) AND updated_at < ?1",
            finals.join(", ")
        ))?;
        let ids = stmt.query_map(params![policy.closed_before], |r| r.get(0))?;
        ids.collect::<Result<_, _>>()?
    };
    for id in &closed {
        anonymise(&tx, id, &at)?;
    }

    let report = RetentionReport {
        deleted_unconfirmed: expired.len() as u64,
        anonymised: closed.len() as u64,
    };
    if report.deleted_unconfirmed > 0 {
        audit::record(
            &tx,
            policy.at,
            RETENTION_ACCOUNT,
            audit::Action::RetentionUnconfirmed,
            &format!("received_before={}", policy.unconfirmed_before),
            report.deleted_unconfirmed,
            None,
        )?;
    }
    if report.anonymised > 0 {
        audit::record(
            &tx,
            policy.at,
            RETENTION_ACCOUNT,
            audit::Action::RetentionAnonymise,
            &format!("closed_before={}", policy.closed_before),
            report.anonymised,
            None,
        )?;
    }
    tx.commit()?;
    Ok(report)
}

/// Mails due now, oldest first, each with the request data it needs (read now, so an
/// anonymised or deleted request yields `request: None`).
pub fn due_mails(conn: &Connection, now: &str, limit: u32) -> Result<Vec<PendingMail>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.seq, o.kind, o.attempts, o.request_id, o.history_seq,
                r.reference, r.municipality_name, r.land, r.services, r.mail_to, r.received_at
         FROM mail_outbox o LEFT JOIN connection_requests r ON r.id = o.request_id
         WHERE o.sent_at IS NULL AND o.next_attempt_at <= ?1
         ORDER BY o.next_attempt_at, o.seq LIMIT ?2",
    )?;
    type Raw = (
        i64,
        String,
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let raws: Vec<Raw> = stmt
        .query_map(params![now, limit], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(raws.len());
    for (
        seq,
        kind,
        attempts,
        request_id,
        history_seq,
        reference,
        name,
        land,
        services,
        mail_to,
        received_at,
    ) in raws
    {
        let kind = MailKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("mail kind {kind}")))?;
        let change = match history_seq {
            None => None,
            Some(h) => conn
                .query_row(
                    "SELECT status, note, at, account, by_municipality, version FROM status_history
                     WHERE seq = ?1",
                    params![h],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, bool>(4)?,
                            r.get::<_, Option<u32>>(5)?,
                        ))
                    },
                )
                .optional()?
                .and_then(|(status, note, at, account, by_municipality, version)| {
                    Some(HistoryEntry {
                        status: Status::parse(&status)?,
                        note,
                        at,
                        account,
                        by_municipality,
                        version,
                    })
                }),
        };
        let request = match (reference, name, land, services, mail_to, received_at) {
            (
                Some(reference),
                Some(municipality_name),
                Some(land_iso),
                Some(services),
                Some(mail_to),
                Some(received_at),
            ) => Some(MailRequest {
                reference,
                municipality_name,
                land_iso,
                services: serde_json::from_str(&services).unwrap_or_default(),
                mail_to,
                received_at,
                change,
            }),
            _ => None,
        };
        out.push(PendingMail {
            seq,
            claim: None,
            kind,
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            request_id,
            request,
        });
    }
    Ok(out)
}

pub fn mail_done(
    conn: &Connection,
    seq: i64,
    delivery: &Delivery,
    at: &str,
) -> Result<(), StoreError> {
    match delivery {
        Delivery::Sent | Delivery::Dropped => {
            let outcome = if matches!(delivery, Delivery::Sent) {
                "sent"
            } else {
                "dropped"
            };
            conn.execute(
                "UPDATE mail_outbox SET sent_at = ?2, outcome = ?3, attempts = attempts + 1 WHERE seq = ?1",
                params![seq, at, outcome],
            )?;
        }
        Delivery::Failed { error, retry_at } => {
            conn.execute(
                "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?2, outcome = ?3 WHERE seq = ?1",
                params![seq, retry_at, error],
            )?;
        }
    }
    Ok(())
}
