//! The queries. Every function runs on a connection handed out by [`crate::db::Db`], on
//! the blocking pool.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::audit;
use crate::db::DbError;
use crate::status::Status;
use crate::timeutil;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

/// A catalog service as it was named when the request was submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ServiceRef {
    /// Catalog id of the service.
    pub id: String,
    /// Name of the service in the catalog at submission time.
    pub name: String,
}

/// Everything a submission writes, prepared outside the transaction.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub id: String,
    pub idempotency_key: String,
    pub body_sha256: [u8; 32],
    pub land_iso: String,
    pub ags: String,
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub schema_version: i64,
    pub document: String,
    pub token_sha256: [u8; 32],
    pub received_at: OffsetDateTime,
}

/// What a client learns about its submission.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub id: String,
    pub reference: String,
    pub received_at: String,
    pub token_sha256: Vec<u8>,
    pub body_sha256: Vec<u8>,
}

#[derive(Debug, Clone)]
pub enum SubmitOutcome {
    Created(Receipt),
    /// Same key, same body: the original submission.
    Replayed(Receipt),
    /// Same key, different body.
    KeyReused,
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
        "SELECT id, reference, received_at, status_token_sha256 FROM connection_requests WHERE id = ?1",
        params![request_id],
        |r| {
            Ok(Receipt {
                id: r.get(0)?,
                reference: r.get(1)?,
                received_at: r.get(2)?,
                token_sha256: r.get(3)?,
                body_sha256: body_sha256.clone(),
            })
        },
    )?;
    Ok(Some(SubmitOutcome::Replayed(receipt)))
}

/// Submits a request: idempotency check, reference allocation and all inserts in one
/// `BEGIN IMMEDIATE` transaction. It is committed (and, with `synchronous=FULL`, on
/// disk) before this returns `Created`.
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
             status, schema_version, document, status_token_sha256, received_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
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
    tx.commit()?;
    Ok(SubmitOutcome::Created(Receipt {
        id: new.id.clone(),
        reference,
        received_at,
        token_sha256: new.token_sha256.to_vec(),
        body_sha256: new.body_sha256.to_vec(),
    }))
}

/// One entry of the status history, as the agency sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub status: Status,
    /// Note of the agency for this change; none for the initial entry.
    pub note: Option<String>,
    /// When the change was made (RFC 3339, UTC).
    pub at: String,
    /// The operator account that made the change; none for the submission and for
    /// changes made before operator accounts existed (shared token).
    pub account: Option<String>,
}

/// A stored request.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub reference: String,
    pub land_iso: String,
    pub ags: String,
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub status: Status,
    pub received_at: String,
    pub updated_at: String,
    pub token_sha256: Vec<u8>,
    pub document: Option<String>,
}

const ROW_COLUMNS: &str = "id, reference, land, ags, ars, municipality_name, services, status, \
                           received_at, updated_at, status_token_sha256";

fn row_from(
    r: &rusqlite::Row<'_>,
    with_document: bool,
) -> rusqlite::Result<Result<Row, StoreError>> {
    let services: String = r.get(6)?;
    let status: String = r.get(7)?;
    let document: Option<String> = if with_document {
        Some(r.get(11)?)
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
            document,
        })
    })();
    Ok(parsed)
}

fn history(conn: &Connection, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, note, at, account FROM status_history WHERE request_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (status, note, at, account) = row?;
        let status = Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?;
        out.push(HistoryEntry {
            status,
            note,
            at,
            account,
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
    let sql = format!("SELECT {ROW_COLUMNS}, document FROM connection_requests WHERE id = ?1");
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

/// Filters of the operator list and export; bounds are stored-text timestamps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The Länder of the operator's account (ISO letters); `None` for every Land.
    pub scope: Option<Vec<String>>,
    pub land_iso: Option<String>,
    pub status: Option<Status>,
    pub from: Option<String>,
    pub to_exclusive: Option<String>,
}

impl Filter {
    fn where_clause(&self) -> (String, Vec<String>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        if let Some(scope) = &self.scope {
            // An empty scope must match nothing, not everything.
            let mut marks = Vec::new();
            for l in scope {
                args.push(l.clone());
                marks.push(format!("?{}", args.len()));
            }
            clauses.push(if marks.is_empty() {
                "0".to_owned()
            } else {
                format!("land IN ({})", marks.join(", "))
            });
        }
        if let Some(l) = &self.land_iso {
            args.push(l.clone());
            clauses.push(format!("land = ?{}", args.len()));
        }
        if let Some(s) = self.status {
            args.push(s.as_str().to_owned());
            clauses.push(format!("status = ?{}", args.len()));
        }
        if let Some(f) = &self.from {
            args.push(f.clone());
            clauses.push(format!("received_at >= ?{}", args.len()));
        }
        if let Some(t) = &self.to_exclusive {
            args.push(t.clone());
            clauses.push(format!("received_at < ?{}", args.len()));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (sql, args)
    }
}

/// One page of requests, newest first, with the total number matching the filter.
pub fn list(
    conn: &Connection,
    filter: &Filter,
    limit: u32,
    offset: u64,
    with_document: bool,
) -> Result<(u64, Vec<Row>), StoreError> {
    let (where_sql, args) = filter.where_clause();
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM connection_requests {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {ROW_COLUMNS}, document FROM connection_requests {where_sql}
         ORDER BY received_at DESC, id DESC LIMIT {limit} OFFSET {}",
        i64::try_from(offset).unwrap_or(i64::MAX)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        row_from(r, with_document)
    })?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok((u64::try_from(total).unwrap_or(0), out))
}

/// The last note of a request's history, for the export.
pub fn last_note(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT note FROM status_history WHERE request_id = ?1 AND note IS NOT NULL ORDER BY seq DESC LIMIT 1",
            params![id],
            |r| r.get(0),
        )
        .optional()?)
}

#[derive(Debug, Clone)]
pub enum ChangeOutcome {
    Changed(Box<(Row, Vec<HistoryEntry>)>),
    NotFound,
    Illegal {
        from: Status,
    },
    /// The request changed since the version the operator saw.
    Stale {
        current: Status,
    },
}

/// The version of a request's status: the number of status entries in its history. It
/// grows with every change, so a status that went away and came back is a new version.
pub fn status_version(history: &[HistoryEntry]) -> u64 {
    history.len() as u64
}

/// A status change as an operator asks for it.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub id: &'a str,
    pub to: Status,
    pub note: Option<&'a str>,
    pub at: OffsetDateTime,
    /// With `Some`, only if nobody changed the request since this version.
    pub expected_version: Option<u64>,
    /// The operator account making the change.
    pub account: &'a str,
    /// The Länder of that account (ISO letters); a request of another Land is not found.
    pub scope: &'a [String],
}

/// Moves a request to `to` if the state machine allows it from its current status and,
/// with `expected_version`, if nobody changed it since that version; the checks, the
/// change and its audit entry are one transaction, so concurrent operators cannot both
/// pass and no change goes unrecorded.
pub fn change_status(
    conn: &mut Connection,
    change: &Change<'_>,
) -> Result<ChangeOutcome, StoreError> {
    let Change {
        id,
        to,
        note,
        at,
        expected_version,
        account,
        scope,
    } = *change;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<(String, String)> = tx
        .query_row(
            "SELECT status, land FROM connection_requests WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    // Another Land's request is answered like an unknown one: the account must not even
    // learn that it exists.
    let Some((current, _)) = current.filter(|(_, land)| scope.contains(land)) else {
        return Ok(ChangeOutcome::NotFound);
    };
    let from =
        Status::parse(&current).ok_or_else(|| StoreError::Corrupt(format!("status {current}")))?;
    if let Some(expected) = expected_version
        && status_version(&history(&tx, id)?) != expected
    {
        return Ok(ChangeOutcome::Stale { current: from });
    }
    if !from.can_move_to(to) {
        return Ok(ChangeOutcome::Illegal { from });
    }
    let at_text = timeutil::format_utc(at);
    tx.execute(
        "UPDATE connection_requests SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.as_str(), at_text],
    )?;
    tx.execute(
        "INSERT INTO status_history (request_id, status, note, at, account) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, to.as_str(), note, at_text, account],
    )?;
    audit::record(&tx, at, account, audit::Action::StatusChange, id, 1)?;
    let result = get(&tx, id, true)?;
    tx.commit()?;
    match result {
        Some(r) => Ok(ChangeOutcome::Changed(Box::new(r))),
        None => Err(StoreError::Corrupt(
            "request vanished inside its transaction".to_owned(),
        )),
    }
}
