//! The PostgreSQL engine of [`Storage`], for several API instances on one database.
//!
//! Connections come from a pool (deadpool over tokio-postgres, no TLS: the database is
//! reached on the same host or a private network). Migrations in `migrations/postgres/`
//! are applied at start in one transaction under a transaction-scoped advisory lock, so
//! instances that start together apply them once and never see half a schema.
//!
//! What makes several instances correct, statement by statement:
//! - a submission takes a transaction-scoped advisory lock on its idempotency key before
//!   it looks the key up, so the same key sent to two instances at once is stored once
//!   and the later one answers with the original receipt;
//! - reference numbers come from a row per Land and year that the submission increments
//!   in its transaction (row lock, no gaps, no duplicates, a unique index behind it);
//! - a status change, confirmation or erasure locks its request row (`FOR UPDATE`)
//!   before it checks anything, so preconditions hold against operators on other
//!   instances;
//! - only one instance runs retention at a time (`pg_try_advisory_xact_lock`);
//! - mails are claimed with `FOR UPDATE SKIP LOCKED` and a lease (`claimed_until`), so no
//!   two instances send one mail at the same time.

use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use efa_domain::land::Land;
use futures_util::StreamExt;
use time::OffsetDateTime;
use tokio::sync::mpsc;
use tokio_postgres::types::ToSql;
use tokio_postgres::{GenericClient, NoTls};

use crate::accounts::{self, AccountError};
use crate::audit::{Action, Entry};
use crate::storage::{
    Account, Change, ChangeOutcome, ConfirmOutcome, Delivery, EraseOutcome, Erasure, ExportItem,
    ExportRow, Filter, HistoryEntry, Listing, MailKind, MailRequest, NewRequest, PendingMail,
    Receipt, RetentionPolicy, RetentionReport, Row, Storage, StoreError, SubmitOutcome,
    status_version,
};
use crate::storage::{
    Answer, AnswerOutcome, AnswerStep, ERASED, LIST_ORDER, NewVersion, RETENTION_ACCOUNT,
    StoredAccount, StoredVersion, VersionOutcome, anonymised_document, answer_step,
    version_archive_sql,
};
use crate::timeutil;
use crate::token::sha256;
use efa_domain::status::Status;

/// Migrations in order; a version, once released, never changes.
const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "schema",
        include_str!("../migrations/postgres/0001_schema.sql"),
    ),
    (
        2,
        "answers to a Rückfrage, versions",
        include_str!("../migrations/postgres/0002_rueckfrage_answers.sql"),
    ),
];

/// Advisory lock keys (the single-bigint key space; idempotency keys use the two-int
/// space, which never overlaps with it). "efa_migr" and "efa_rete" in ASCII.
const MIGRATION_LOCK: i64 = 0x6566_615f_6d69_6772;
const RETENTION_LOCK: i64 = 0x6566_615f_7265_7465;
/// The first half of the two-int advisory lock of an idempotency key.
const KEY_LOCK_SPACE: i32 = 1;
/// The advisory lock space of the idempotency keys of new versions.
const VERSION_KEY_LOCK_SPACE: i32 = 2;

/// How long a request waits for a free connection before it fails (and is answered 503).
const POOL_WAIT: Duration = Duration::from_secs(10);
/// How long opening one connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Rows buffered between the database and the HTTP response of an export.
const EXPORT_BUFFER: usize = 64;

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> StoreError {
        // The driver's Display says "db error"; the server's message is in the source.
        match e.as_db_error() {
            Some(db) => StoreError::Backend(format!("{}: {}", db.code().code(), db.message())),
            None => StoreError::Backend(e.to_string()),
        }
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(e: deadpool_postgres::PoolError) -> StoreError {
        StoreError::Backend(format!("connection pool: {e}"))
    }
}

impl From<tokio_postgres::Error> for AccountError {
    fn from(e: tokio_postgres::Error) -> AccountError {
        AccountError::Store(e.into())
    }
}

impl From<deadpool_postgres::PoolError> for AccountError {
    fn from(e: deadpool_postgres::PoolError) -> AccountError {
        AccountError::Store(e.into())
    }
}

/// Why the PostgreSQL database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error("database url: {0}")]
    Url(String),
    #[error("PostgreSQL: {0}")]
    Store(#[from] StoreError),
    #[error("PostgreSQL: {0}")]
    Invalid(String),
}

impl From<tokio_postgres::Error> for PgError {
    fn from(e: tokio_postgres::Error) -> PgError {
        PgError::Store(e.into())
    }
}

impl From<deadpool_postgres::PoolError> for PgError {
    fn from(e: deadpool_postgres::PoolError) -> PgError {
        PgError::Store(e.into())
    }
}

#[derive(Debug, Clone)]
pub struct PgStorage {
    pool: Pool,
}

impl PgStorage {
    /// Connects, applies the migrations and, with `key_fingerprint`, checks that the
    /// database was first used with the same status-token key (or records it, on the
    /// first start). The subcommands pass none: accounts and audit need no key.
    pub async fn open(
        url: &str,
        max_connections: u32,
        key_fingerprint: Option<&str>,
    ) -> Result<PgStorage, PgError> {
        let mut config = tokio_postgres::Config::from_str(url)
            // The driver's message never repeats the URL, so no password reaches a log.
            .map_err(|e| PgError::Url(e.to_string()))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("efa-api");
        }
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                // A connection whose server went away is closed and replaced at its next
                // checkout, without a query per checkout.
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(usize::try_from(max_connections).unwrap_or(16))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .recycle_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(|e| PgError::Invalid(e.to_string()))?;
        let storage = PgStorage { pool };
        storage.migrate(key_fingerprint).await?;
        Ok(storage)
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        Ok(self.pool.get().await?)
    }

    /// Applies every migration newer than the database in one transaction, holding an
    /// advisory lock that ends with it: a second instance starting at the same moment
    /// waits, then finds the schema complete. A database newer than this program is
    /// refused, as with SQLite.
    async fn migrate(&self, key_fingerprint: Option<&str>) -> Result<(), PgError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    INTEGER PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at TEXT NOT NULL
             )",
        )
        .await?;
        let current: i32 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )
            .await?
            .get(0);
        let latest = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > latest {
            return Err(PgError::Invalid(format!(
                "schema version {current} is newer than this program knows ({latest}); refusing to start"
            )));
        }
        for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                &[&version, &name, &timeutil::format_utc(timeutil::now())],
            )
            .await?;
            tracing::info!(version, name, "applied database migration");
        }
        if let Some(fingerprint) = key_fingerprint {
            tx.execute(
                "INSERT INTO deployment_settings (name, value) VALUES ('status_token_key', $1)
                 ON CONFLICT (name) DO NOTHING",
                &[&fingerprint],
            )
            .await?;
            let stored: String = tx
                .query_one(
                    "SELECT value FROM deployment_settings WHERE name = 'status_token_key'",
                    &[],
                )
                .await?
                .get(0);
            if stored != fingerprint {
                return Err(PgError::Invalid(
                    "the status-token key differs from the one this database was first used with; \
                     every instance needs the same --token-key-file"
                        .to_owned(),
                ));
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

type Params<'a> = Vec<&'a (dyn ToSql + Sync)>;

/// The submission stored under an idempotency key (one parameter, the key).
const LOOKUP_KEY: &str = "SELECT k.body_sha256, r.id, r.reference, r.received_at, \
                                 r.status_token_sha256, r.confirmed_at \
                          FROM idempotency_keys k JOIN connection_requests r ON r.id = k.request_id \
                          WHERE k.key = $1";

fn replayed(r: &tokio_postgres::Row) -> Result<SubmitOutcome, StoreError> {
    Ok(SubmitOutcome::Replayed(Receipt {
        body_sha256: r.try_get(0)?,
        id: r.try_get(1)?,
        reference: r.try_get(2)?,
        received_at: r.try_get(3)?,
        token_sha256: r.try_get(4)?,
        confirmed_at: r.try_get(5)?,
    }))
}

/// Everything a submission writes, as one statement: the next number of its Land and
/// year, the request with its reference, its first history entry, its idempotency key
/// and its confirmation mail. The counter row stays locked until the commit; doing all
/// the writes in one statement, right before the commit, keeps that lock short. The
/// reference is formatted as `format!("{land}-{year:04}-{n:06}")` would.
const SUBMIT: &str = "WITH seq AS (
         INSERT INTO reference_sequences (prefix, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (prefix, year)
         DO UPDATE SET last_value = reference_sequences.last_value + 1
         RETURNING last_value),
     req AS (
         INSERT INTO connection_requests (id, reference, land, ags, ars, municipality_name,
             services, status, schema_version, document, status_token_sha256, received_at,
             updated_at, fingerprint, mail_to, confirmation_code_sha256)
         SELECT $3,
                $1 || '-' || lpad($2::text, greatest(4, length($2::text)), '0') || '-'
                   || lpad(seq.last_value::text, greatest(6, length(seq.last_value::text)), '0'),
                $1, $4, $5, $6, $7, 'eingegangen', $8, $9, $10, $11, $11, $12, $13, $14
         FROM seq
         RETURNING id, reference),
     history AS (
         INSERT INTO status_history (request_id, status, note, at)
         SELECT id, 'eingegangen', NULL, $11 FROM req),
     key AS (
         INSERT INTO idempotency_keys (key, body_sha256, request_id, created_at)
         SELECT $15, $16, id, $11 FROM req),
     mail AS (
         INSERT INTO mail_outbox (request_id, kind, history_seq, created_at, next_attempt_at)
         SELECT id, 'confirmation', NULL, $11, $11 FROM req)
     SELECT reference FROM req";

async fn enqueue_mail(
    c: &impl GenericClient,
    request_id: &str,
    kind: MailKind,
    history_seq: Option<i64>,
    at: &str,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO mail_outbox (request_id, kind, history_seq, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $4)",
        &[&request_id, &kind.as_str(), &history_seq, &at],
    )
    .await?;
    Ok(())
}

const ROW_COLUMNS: &str = "r.id, r.reference, r.land, r.ags, r.ars, r.municipality_name, \
                           r.services, r.status, r.received_at, r.updated_at, \
                           r.status_token_sha256, r.fingerprint, r.confirmed_at, r.anonymised_at, \
                           r.answered_at, r.version";
/// Index of the first column after [`ROW_COLUMNS`].
const AFTER_ROW: usize = 16;

fn row_from(r: &tokio_postgres::Row, with_document: bool) -> Result<Row, StoreError> {
    let services: String = r.try_get(6)?;
    let status: String = r.try_get(7)?;
    Ok(Row {
        id: r.try_get(0)?,
        reference: r.try_get(1)?,
        land_iso: r.try_get(2)?,
        ags: r.try_get(3)?,
        ars: r.try_get(4)?,
        municipality_name: r.try_get(5)?,
        services: serde_json::from_str(&services)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        status: Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
        received_at: r.try_get(8)?,
        updated_at: r.try_get(9)?,
        token_sha256: r.try_get(10)?,
        fingerprint: r.try_get(11)?,
        confirmed_at: r.try_get(12)?,
        anonymised_at: r.try_get(13)?,
        answered_at: r.try_get(14)?,
        version: version_number(r.try_get(15)?)?,
        document: if with_document {
            Some(r.try_get(AFTER_ROW)?)
        } else {
            None
        },
    })
}

fn history_entry(r: &tokio_postgres::Row) -> Result<HistoryEntry, StoreError> {
    let status: String = r.try_get(0)?;
    Ok(HistoryEntry {
        status: Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
        note: r.try_get(1)?,
        at: r.try_get(2)?,
        account: r.try_get(3)?,
        by_municipality: r.try_get(4)?,
        version: r
            .try_get::<_, Option<i64>>(5)?
            .map(version_number)
            .transpose()?,
    })
}

/// A stored version number (BIGINT, at least 1).
fn version_number(v: i64) -> Result<u32, StoreError> {
    u32::try_from(v)
        .ok()
        .filter(|v| *v >= 1)
        .ok_or_else(|| StoreError::Corrupt(format!("version {v}")))
}

async fn history(c: &impl GenericClient, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
    c.query(
        "SELECT status, note, at, account, by_municipality, version FROM status_history
         WHERE request_id = $1 ORDER BY seq",
        &[&id],
    )
    .await?
    .iter()
    .map(history_entry)
    .collect()
}

async fn get(
    c: &impl GenericClient,
    id: &str,
    with_document: bool,
) -> Result<Option<(Row, Vec<HistoryEntry>)>, StoreError> {
    let sql =
        format!("SELECT {ROW_COLUMNS}, r.document FROM connection_requests r WHERE r.id = $1");
    let Some(row) = c.query_opt(&sql, &[&id]).await? else {
        return Ok(None);
    };
    let row = row_from(&row, with_document)?;
    let h = history(c, &row.id).await?;
    Ok(Some((row, h)))
}

fn params(args: &[String]) -> Params<'_> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

async fn record_audit(
    c: &impl GenericClient,
    at: OffsetDateTime,
    account: &str,
    action: Action,
    target: &str,
    row_count: u64,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO audit_log (at, account, action, target, row_count, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &timeutil::format_utc(at),
            &account,
            &action.as_str(),
            &target,
            &i64::try_from(row_count).unwrap_or(i64::MAX),
            &detail,
        ],
    )
    .await?;
    Ok(())
}

/// Anonymises one request inside the caller's transaction (see
/// [`crate::store::anonymised_document`] for what is replaced).
async fn anonymise(c: &impl GenericClient, id: &str, at: &str) -> Result<(), StoreError> {
    let document: String = c
        .query_one(
            "SELECT document FROM connection_requests WHERE id = $1",
            &[&id],
        )
        .await?
        .try_get(0)?;
    c.execute(
        "UPDATE connection_requests SET document = $2, mail_to = NULL,
             confirmation_code_sha256 = NULL, anonymised_at = $3 WHERE id = $1",
        &[&id, &anonymised_document(&document), &at],
    )
    .await?;
    c.execute(
        "UPDATE status_history SET note = $2 WHERE request_id = $1 AND note IS NOT NULL",
        &[&id, &ERASED],
    )
    .await?;
    // Replaced versions hold the same personal data.
    let old = c
        .query(
            "SELECT version, document FROM request_versions WHERE request_id = $1",
            &[&id],
        )
        .await?;
    for r in &old {
        let version: i64 = r.try_get(0)?;
        let document: String = r.try_get(1)?;
        c.execute(
            "UPDATE request_versions SET document = $3 WHERE request_id = $1 AND version = $2",
            &[&id, &version, &anonymised_document(&document)],
        )
        .await?;
    }
    // A mail not yet sent would only go out without its data: it is dropped.
    c.execute(
        "UPDATE mail_outbox SET sent_at = $2, outcome = 'dropped', claimed_until = NULL, claim = NULL
         WHERE request_id = $1 AND sent_at IS NULL",
        &[&id, &at],
    )
    .await?;
    Ok(())
}

fn account_from(r: &tokio_postgres::Row) -> Result<StoredAccount, StoreError> {
    Ok(StoredAccount {
        name: r.try_get(0)?,
        lands: accounts::lands_from_stored(r.try_get(1)?),
        created_at: r.try_get(2)?,
        revoked_at: r.try_get(3)?,
    })
}

#[async_trait::async_trait]
impl Storage for PgStorage {
    async fn lookup_key(&self, key: &str) -> Result<Option<SubmitOutcome>, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(LOOKUP_KEY).await?;
        client
            .query_opt(&stmt, &[&key])
            .await?
            .as_ref()
            .map(replayed)
            .transpose()
    }

    async fn submit(&self, new: NewRequest) -> Result<SubmitOutcome, StoreError> {
        let mut client = self.client().await?;
        // Prepared once per connection: each statement below is then one round trip.
        let lock = client
            .prepare_cached("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .await?;
        let lookup = client.prepare_cached(LOOKUP_KEY).await?;
        let insert = client.prepare_cached(SUBMIT).await?;
        let tx = client.transaction().await?;
        // Whoever holds the key's lock decides; a second submission with the same key,
        // on this instance or another, waits here and then finds the first one stored
        // (the lookup is a statement of its own, so it sees what committed meanwhile).
        tx.execute(&lock, &[&KEY_LOCK_SPACE, &new.idempotency_key])
            .await?;
        if let Some(found) = tx.query_opt(&lookup, &[&new.idempotency_key]).await? {
            return Ok(match replayed(&found)? {
                SubmitOutcome::Replayed(r) if r.body_sha256 == new.body_sha256.as_slice() => {
                    SubmitOutcome::Replayed(r)
                }
                _ => SubmitOutcome::KeyReused,
            });
        }
        let year = timeutil::berlin_year(new.received_at);
        let received_at = timeutil::format_utc(new.received_at);
        let services =
            serde_json::to_string(&new.services).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let reference: String = tx
            .query_one(
                &insert,
                &[
                    &new.land_iso,
                    &year,
                    &new.id,
                    &new.ags,
                    &new.ars,
                    &new.municipality_name,
                    &services,
                    &new.schema_version,
                    &new.document,
                    &new.token_sha256.as_slice(),
                    &received_at,
                    &new.fingerprint,
                    &new.mail_to,
                    &new.confirmation_code_sha256.as_slice(),
                    &new.idempotency_key,
                    &new.body_sha256.as_slice(),
                ],
            )
            .await?
            .try_get(0)?;
        // With the server's default synchronous_commit=on, this returns once the commit
        // is flushed to the server's write-ahead log.
        tx.commit().await?;
        Ok(SubmitOutcome::Created(Receipt {
            id: new.id.clone(),
            reference,
            received_at,
            confirmed_at: None,
            token_sha256: new.token_sha256.to_vec(),
            body_sha256: new.body_sha256.to_vec(),
        }))
    }

    async fn get(
        &self,
        id: &str,
        with_document: bool,
    ) -> Result<Option<(Row, Vec<HistoryEntry>)>, StoreError> {
        let mut client = self.client().await?;
        // One snapshot for the row and its history, so the status and its version (the
        // history's length, the ETag) never come from two different moments.
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let found = get(&*tx, id, with_document).await?;
        tx.commit().await?;
        Ok(found)
    }

    async fn confirm(
        &self,
        id: &str,
        code_sha256: [u8; 32],
        at: OffsetDateTime,
    ) -> Result<ConfirmOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let found = tx
            .query_opt(
                "SELECT reference, confirmation_code_sha256, confirmed_at
                 FROM connection_requests WHERE id = $1 FOR UPDATE",
                &[&id],
            )
            .await?;
        let Some(found) = found else {
            return Ok(ConfirmOutcome::NotFound);
        };
        let reference: String = found.try_get(0)?;
        let stored: Option<Vec<u8>> = found.try_get(1)?;
        let confirmed_at: Option<String> = found.try_get(2)?;
        if confirmed_at.is_some() {
            return Ok(ConfirmOutcome::AlreadyConfirmed { reference });
        }
        if !stored.is_some_and(|h| crate::token::hash_eq(&h, &code_sha256)) {
            return Ok(ConfirmOutcome::NotFound);
        }
        tx.execute(
            "UPDATE connection_requests SET confirmed_at = $2, confirmation_code_sha256 = NULL
             WHERE id = $1",
            &[&id, &timeutil::format_utc(at)],
        )
        .await?;
        tx.commit().await?;
        Ok(ConfirmOutcome::Confirmed { reference })
    }

    async fn list(&self, filter: Filter, limit: u32, offset: u64) -> Result<Listing, StoreError> {
        let client = self.client().await?;
        let (where_sql, args) = filter.where_clause(|n| format!("${n}"));
        let params = params(&args);
        let total: i64 = client
            .query_one(
                &format!("SELECT COUNT(*) FROM connection_requests r {where_sql}"),
                &params,
            )
            .await?
            .try_get(0)?;
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM connection_requests r {where_sql}
             {LIST_ORDER} LIMIT {limit} OFFSET {}",
            i64::try_from(offset).unwrap_or(i64::MAX)
        );
        let rows = client
            .query(&sql, &params)
            .await?
            .iter()
            .map(|r| row_from(r, false))
            .collect::<Result<Vec<_>, _>>()?;
        let (counts_sql, counts_args) = filter.counts_query(|n| format!("${n}"));
        let counts_params = self::params(&counts_args);
        let mut counts = Vec::new();
        for r in client.query(&counts_sql, &counts_params).await? {
            let status: String = r.try_get(0)?;
            let n: i64 = r.try_get(1)?;
            if let Some(s) = Status::parse(&status) {
                counts.push((s, u64::try_from(n).unwrap_or(0)));
            }
        }
        Ok(Listing {
            total: u64::try_from(total).unwrap_or(0),
            rows,
            counts,
        })
    }

    async fn export(
        &self,
        filter: Filter,
        max_rows: u32,
    ) -> Result<mpsc::Receiver<ExportItem>, StoreError> {
        let (tx, rx) = mpsc::channel(EXPORT_BUFFER);
        let client = self.client().await?;
        // One query, streamed: rows are read as the client downloads them, the bounded
        // channel holding the database reader back for a slow client. One row more than
        // the cap is read to tell whether the export was cut.
        tokio::spawn(async move {
            let result: Result<(), StoreError> = async {
                let (where_sql, args) = filter.where_clause(|n| format!("${n}"));
                let sql = format!(
                    "SELECT {ROW_COLUMNS}, r.document,
                         (SELECT h.note FROM status_history h
                          WHERE h.request_id = r.id AND h.note IS NOT NULL
                          ORDER BY h.seq DESC LIMIT 1)
                     FROM connection_requests r {where_sql}
                     ORDER BY r.received_at DESC, r.id DESC LIMIT {}",
                    u64::from(max_rows) + 1
                );
                let stream = client.query_raw(&sql, params(&args)).await?;
                let mut stream = std::pin::pin!(stream);
                let mut n: u32 = 0;
                while let Some(r) = stream.next().await {
                    let r = r?;
                    if n == max_rows {
                        let _ = tx.send(ExportItem::End { truncated: true }).await;
                        return Ok(());
                    }
                    let row = row_from(&r, true)?;
                    let last_note: Option<String> = r.try_get(AFTER_ROW + 1)?;
                    if tx
                        .send(ExportItem::Row(Box::new(ExportRow { row, last_note })))
                        .await
                        .is_err()
                    {
                        // The client went away.
                        return Ok(());
                    }
                    n += 1;
                }
                let _ = tx.send(ExportItem::End { truncated: false }).await;
                Ok(())
            }
            .await;
            if let Err(e) = result {
                let _ = tx.send(ExportItem::Failed(e)).await;
            }
        });
        Ok(rx)
    }

    async fn change_status(&self, change: Change) -> Result<ChangeOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // The row lock makes a concurrent change of the same request, from any instance,
        // wait until this one committed; it then checks against what this one wrote.
        let current = tx
            .query_opt(
                "SELECT status, land, mail_to FROM connection_requests WHERE id = $1 FOR UPDATE",
                &[&change.id],
            )
            .await?;
        let Some(current) = current else {
            return Ok(ChangeOutcome::NotFound);
        };
        let status: String = current.try_get(0)?;
        let land: String = current.try_get(1)?;
        let mail_to: Option<String> = current.try_get(2)?;
        // Another Land's request is answered like an unknown one.
        if !change.scope.contains(&land) {
            return Ok(ChangeOutcome::NotFound);
        }
        let from = Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?;
        if let Some(expected) = change.expected_version
            && status_version(&history(&*tx, &change.id).await?) != expected
        {
            return Ok(ChangeOutcome::Stale { current: from });
        }
        if !from.can_move_to(change.to) {
            return Ok(ChangeOutcome::Illegal { from });
        }
        let at_text = timeutil::format_utc(change.at);
        tx.execute(
            // The operator acted, so an answer no longer waits for the agency.
            "UPDATE connection_requests SET status = $2, updated_at = $3, answered_at = NULL
             WHERE id = $1",
            &[&change.id, &change.to.as_str(), &at_text],
        )
        .await?;
        let history_seq: i64 = tx
            .query_one(
                "INSERT INTO status_history (request_id, status, note, at, account)
                 VALUES ($1, $2, $3, $4, $5) RETURNING seq",
                &[
                    &change.id,
                    &change.to.as_str(),
                    &change.note,
                    &at_text,
                    &change.account,
                ],
            )
            .await?
            .try_get(0)?;
        record_audit(
            &*tx,
            change.at,
            &change.account,
            Action::StatusChange,
            &change.id,
            1,
            None,
        )
        .await?;
        if mail_to.is_some() {
            enqueue_mail(
                &*tx,
                &change.id,
                MailKind::StatusChange,
                Some(history_seq),
                &at_text,
            )
            .await?;
        }
        let result = get(&*tx, &change.id, true).await?;
        tx.commit().await?;
        match result {
            Some(r) => Ok(ChangeOutcome::Changed(Box::new(r))),
            None => Err(StoreError::Corrupt(
                "request vanished inside its transaction".to_owned(),
            )),
        }
    }

    async fn answer(&self, answer: Answer) -> Result<AnswerOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // The row lock orders the answer against an operator's change from any instance.
        let locked = tx
            .query_opt(
                "SELECT 1 FROM connection_requests WHERE id = $1 FOR UPDATE",
                &[&answer.id],
            )
            .await?;
        if locked.is_none() {
            return Ok(AnswerOutcome::NotFound);
        }
        let Some((row, history)) = get(&*tx, &answer.id, false).await? else {
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
            "UPDATE connection_requests SET status = $2, updated_at = $3, answered_at = $3
             WHERE id = $1",
            &[&answer.id, &to.as_str(), &at_text],
        )
        .await?;
        tx.execute(
            "INSERT INTO status_history (request_id, status, note, at, account, by_municipality)
             VALUES ($1, $2, $3, $4, NULL, true)",
            &[&answer.id, &to.as_str(), &answer.text, &at_text],
        )
        .await?;
        let result = get(&*tx, &answer.id, false).await?;
        tx.commit().await?;
        match result {
            Some(r) => Ok(AnswerOutcome::Answered(Box::new(r))),
            None => Err(StoreError::Corrupt(
                "request vanished inside its transaction".to_owned(),
            )),
        }
    }

    async fn lookup_version_key(&self, key: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT request_id, body_sha256 FROM version_keys WHERE key = $1",
                &[&key],
            )
            .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    async fn submit_version(&self, new: NewVersion) -> Result<VersionOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // The key's lock orders concurrent sends of one version (from any instance),
        // the row lock the version against an operator's change.
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&VERSION_KEY_LOCK_SPACE, &new.idempotency_key],
        )
        .await?;
        let locked = tx
            .query_opt(
                "SELECT 1 FROM connection_requests WHERE id = $1 FOR UPDATE",
                &[&new.id],
            )
            .await?;
        let known = tx
            .query_opt(
                "SELECT request_id, body_sha256 FROM version_keys WHERE key = $1",
                &[&new.idempotency_key],
            )
            .await?;
        if let Some(k) = known {
            let request_id: String = k.try_get(0)?;
            let body: Vec<u8> = k.try_get(1)?;
            if request_id != new.id || body != new.body_sha256.as_slice() {
                return Ok(VersionOutcome::KeyReused);
            }
            return Ok(match get(&*tx, &new.id, false).await? {
                Some(r) => VersionOutcome::Replayed(Box::new(r)),
                None => VersionOutcome::NotFound,
            });
        }
        if locked.is_none() {
            return Ok(VersionOutcome::NotFound);
        }
        let Some((row, _)) = get(&*tx, &new.id, false).await? else {
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
        let next = i64::from(row.version) + 1;
        let services =
            serde_json::to_string(&new.services).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.execute(&version_archive_sql("$1"), &[&new.id]).await?;
        tx.execute(
            "UPDATE connection_requests SET version = $2, schema_version = $3, document = $4,
                 fingerprint = $5, services = $6, municipality_name = $7, mail_to = $8,
                 status = $9, updated_at = $10, answered_at = $10
             WHERE id = $1",
            &[
                &new.id,
                &next,
                &new.schema_version,
                &new.document,
                &new.fingerprint,
                &services,
                &new.municipality_name,
                &new.mail_to,
                &Status::InPruefung.as_str(),
                &at,
            ],
        )
        .await?;
        tx.execute(
            "INSERT INTO status_history (request_id, status, note, at, account, by_municipality, version)
             VALUES ($1, $2, NULL, $3, NULL, true, $4)",
            &[&new.id, &Status::InPruefung.as_str(), &at, &next],
        )
        .await?;
        tx.execute(
            "INSERT INTO version_keys (key, body_sha256, request_id, version, created_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &new.idempotency_key,
                &new.body_sha256.as_slice(),
                &new.id,
                &next,
                &at,
            ],
        )
        .await?;
        let result = get(&*tx, &new.id, false).await?;
        tx.commit().await?;
        match result {
            Some(r) => Ok(VersionOutcome::Created(Box::new(r))),
            None => Err(StoreError::Corrupt(
                "request vanished inside its transaction".to_owned(),
            )),
        }
    }

    async fn old_versions(
        &self,
        id: &str,
        with_documents: bool,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT version, fingerprint, submitted_at, document FROM request_versions
                 WHERE request_id = $1 ORDER BY version",
                &[&id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredVersion {
                    version: version_number(r.try_get(0)?)?,
                    fingerprint: r.try_get(1)?,
                    submitted_at: r.try_get(2)?,
                    document: if with_documents {
                        Some(r.try_get(3)?)
                    } else {
                        None
                    },
                })
            })
            .collect()
    }

    async fn erase(&self, erasure: Erasure) -> Result<EraseOutcome, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let land: Option<String> = tx
            .query_opt(
                "SELECT land FROM connection_requests WHERE id = $1 FOR UPDATE",
                &[&erasure.id],
            )
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
        if !land.is_some_and(|l| erasure.scope.contains(&l)) {
            return Ok(EraseOutcome::NotFound);
        }
        let at = timeutil::format_utc(erasure.at);
        anonymise(&*tx, &erasure.id, &at).await?;
        record_audit(
            &*tx,
            erasure.at,
            &erasure.account,
            Action::Erase,
            &erasure.id,
            1,
            Some(&erasure.reason),
        )
        .await?;
        let result = get(&*tx, &erasure.id, true).await?;
        tx.commit().await?;
        match result {
            Some(r) => Ok(EraseOutcome::Erased(Box::new(r))),
            None => Err(StoreError::Corrupt(
                "request vanished inside its transaction".to_owned(),
            )),
        }
    }

    async fn apply_retention(
        &self,
        policy: RetentionPolicy,
    ) -> Result<RetentionReport, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // Every instance runs retention daily; one run at a time does the work, and the
        // others find the lock taken and leave (their turn comes a day later).
        let ours: bool = tx
            .query_one("SELECT pg_try_advisory_xact_lock($1)", &[&RETENTION_LOCK])
            .await?
            .try_get(0)?;
        if !ours {
            return Ok(RetentionReport::default());
        }
        let at = timeutil::format_utc(policy.at);

        let expired: Vec<String> = tx
            .query(
                "SELECT id FROM connection_requests
                 WHERE confirmed_at IS NULL AND received_at < $1 FOR UPDATE",
                &[&policy.unconfirmed_before],
            )
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        for id in &expired {
            for sql in [
                "DELETE FROM mail_outbox WHERE request_id = $1",
                "DELETE FROM idempotency_keys WHERE request_id = $1",
                "DELETE FROM version_keys WHERE request_id = $1",
                "DELETE FROM request_versions WHERE request_id = $1",
                "DELETE FROM status_history WHERE request_id = $1",
                "DELETE FROM connection_requests WHERE id = $1",
            ] {
                tx.execute(sql, &[id]).await?;
            }
        }

        let finals: Vec<String> = Status::ALL
            .into_iter()
            .filter(|s| s.is_terminal())
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        let closed: Vec<String> = tx
            .query(
                &format!(
                    "SELECT id FROM connection_requests
                     WHERE anonymised_at IS NULL AND status IN ({}) AND updated_at < $1
                     FOR UPDATE",
                    finals.join(", ")
                ),
                &[&policy.closed_before],
            )
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        for id in &closed {
            anonymise(&*tx, id, &at).await?;
        }

        let report = RetentionReport {
            deleted_unconfirmed: expired.len() as u64,
            anonymised: closed.len() as u64,
        };
        if report.deleted_unconfirmed > 0 {
            record_audit(
                &*tx,
                policy.at,
                RETENTION_ACCOUNT,
                Action::RetentionUnconfirmed,
                &format!("received_before={}", policy.unconfirmed_before),
                report.deleted_unconfirmed,
                None,
            )
            .await?;
        }
        if report.anonymised > 0 {
            record_audit(
                &*tx,
                policy.at,
                RETENTION_ACCOUNT,
                Action::RetentionAnonymise,
                &format!("closed_before={}", policy.closed_before),
                report.anonymised,
                None,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    async fn audit(
        &self,
        at: OffsetDateTime,
        account: &str,
        action: Action,
        target: &str,
        rows: u64,
    ) -> Result<(), StoreError> {
        let client = self.client().await?;
        record_audit(&**client, at, account, action, target, rows, None).await
    }

    async fn audit_entries(&self, since: Option<String>) -> Result<Vec<Entry>, StoreError> {
        let client = self.client().await?;
        client
            .query(
                "SELECT at, account, action, target, row_count, detail FROM audit_log
                 WHERE $1::text IS NULL OR at >= $1 ORDER BY seq",
                &[&since],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(Entry {
                    at: r.try_get(0)?,
                    account: r.try_get(1)?,
                    action: r.try_get(2)?,
                    target: r.try_get(3)?,
                    row_count: u64::try_from(r.try_get::<_, i64>(4)?).unwrap_or(0),
                    detail: r.try_get(5)?,
                })
            })
            .collect()
    }

    async fn authenticate(&self, token: &str) -> Result<Option<Account>, StoreError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT name, lands, created_at, revoked_at, token_sha256 FROM operator_accounts",
                &[],
            )
            .await?
            .iter()
            .map(|r| Ok((account_from(r)?, r.try_get::<_, Vec<u8>>(4)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(accounts::match_token(rows, token).map(|a| Account {
            name: a.name,
            lands: a.lands,
        }))
    }

    async fn due_mails(
        &self,
        now: &str,
        limit: u32,
        lease: Duration,
    ) -> Result<Vec<PendingMail>, StoreError> {
        let client = self.client().await?;
        let claim = uuid::Uuid::new_v4().to_string();
        // SKIP LOCKED: a row another instance is claiming right now is left to it; a row
        // claimed and committed since this statement began is re-checked against the
        // lease and left too. The lease runs on the database's clock, the one clock all
        // instances share.
        let rows = client
            .query(
                "WITH claimed AS (
                     UPDATE mail_outbox o
                     SET claimed_until = clock_timestamp() + make_interval(secs => $3), claim = $4
                     WHERE o.seq IN (
                         SELECT seq FROM mail_outbox
                         WHERE sent_at IS NULL AND next_attempt_at <= $1
                           AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                         ORDER BY next_attempt_at, seq
                         LIMIT $2
                         FOR UPDATE SKIP LOCKED)
                     RETURNING o.seq, o.kind, o.attempts, o.request_id, o.history_seq,
                               o.next_attempt_at)
                 SELECT c.seq, c.kind, c.attempts, c.request_id,
                        r.reference, r.municipality_name, r.land, r.services, r.mail_to,
                        r.received_at, h.status, h.note, h.at, h.account, h.by_municipality,
                        h.version
                 FROM claimed c
                 LEFT JOIN connection_requests r ON r.id = c.request_id
                 LEFT JOIN status_history h ON h.seq = c.history_seq
                 ORDER BY c.next_attempt_at, c.seq",
                &[&now, &i64::from(limit), &lease.as_secs_f64(), &claim],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let kind: String = r.try_get(1)?;
            let kind = MailKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("mail kind {kind}")))?;
            let change = match r.try_get::<_, Option<String>>(10)? {
                None => None,
                Some(status) => Status::parse(&status).map(|status| {
                    Ok::<_, StoreError>(HistoryEntry {
                        status,
                        note: r.try_get(11)?,
                        at: r.try_get(12)?,
                        account: r.try_get(13)?,
                        by_municipality: r.try_get::<_, Option<bool>>(14)?.unwrap_or(false),
                        version: r
                            .try_get::<_, Option<i64>>(15)?
                            .map(version_number)
                            .transpose()?,
                    })
                }),
            }
            .transpose()?;
            let text = |i: usize| r.try_get::<_, Option<String>>(i);
            let request = match (text(4)?, text(5)?, text(6)?, text(7)?, text(8)?, text(9)?) {
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
                seq: r.try_get(0)?,
                claim: Some(claim.clone()),
                kind,
                attempts: u32::try_from(r.try_get::<_, i32>(2)?).unwrap_or(0),
                request_id: r.try_get(3)?,
                request,
            });
        }
        Ok(out)
    }

    async fn mail_done(
        &self,
        seq: i64,
        claim: Option<String>,
        delivery: Delivery,
        at: &str,
    ) -> Result<bool, StoreError> {
        let client = self.client().await?;
        // Only the holder of the claim records an outcome: a sender whose lease ran out
        // and was taken over must not mark as failed what another instance sent.
        let changed = match &delivery {
            Delivery::Sent | Delivery::Dropped => {
                let outcome = if matches!(delivery, Delivery::Sent) {
                    "sent"
                } else {
                    "dropped"
                };
                client
                    .execute(
                        "UPDATE mail_outbox SET sent_at = $2, outcome = $3, attempts = attempts + 1,
                             claimed_until = NULL, claim = NULL
                         WHERE seq = $1 AND claim IS NOT DISTINCT FROM $4",
                        &[&seq, &at, &outcome, &claim],
                    )
                    .await?
            }
            Delivery::Failed { error, retry_at } => {
                client
                    .execute(
                        "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $2,
                             outcome = $3, claimed_until = NULL, claim = NULL
                         WHERE seq = $1 AND claim IS NOT DISTINCT FROM $4",
                        &[&seq, &retry_at, &error, &claim],
                    )
                    .await?
            }
        };
        Ok(changed == 1)
    }

    async fn add_account(&self, name: &str, lands: &[Land]) -> Result<String, AccountError> {
        accounts::check_name(name)?;
        if lands.is_empty() {
            return Err(AccountError::InvalidLands(String::new()));
        }
        let token = accounts::new_token()?;
        let client = self.client().await?;
        let inserted = client
            .execute(
                "INSERT INTO operator_accounts (name, lands, token_sha256, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING",
                &[
                    &name,
                    &accounts::stored_lands(lands),
                    &sha256(token.as_bytes()).as_slice(),
                    &timeutil::format_utc(timeutil::now()),
                ],
            )
            .await?;
        if inserted == 0 {
            return Err(AccountError::NameTaken(name.to_owned()));
        }
        Ok(token)
    }

    async fn accounts(&self) -> Result<Vec<StoredAccount>, AccountError> {
        let client = self.client().await?;
        Ok(client
            .query(
                "SELECT name, lands, created_at, revoked_at FROM operator_accounts
                 ORDER BY created_at, name",
                &[],
            )
            .await?
            .iter()
            .map(account_from)
            .collect::<Result<_, _>>()?)
    }

    async fn revoke_account(&self, name: &str) -> Result<(), AccountError> {
        let client = self.client().await?;
        let revoked = client
            .execute(
                "UPDATE operator_accounts SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL",
                &[&name, &timeutil::format_utc(timeutil::now())],
            )
            .await?;
        if revoked == 1 {
            return Ok(());
        }
        let exists = client
            .query_opt("SELECT 1 FROM operator_accounts WHERE name = $1", &[&name])
            .await?
            .is_some();
        Err(if exists {
            AccountError::AlreadyRevoked(name.to_owned())
        } else {
            AccountError::Unknown(name.to_owned())
        })
    }

    async fn ready(&self) -> Result<(), StoreError> {
        let client = self.client().await?;
        client
            .query_one("SELECT COUNT(*) FROM schema_migrations", &[])
            .await?;
        Ok(())
    }

    fn engine(&self) -> &'static str {
        "postgresql"
    }
}
