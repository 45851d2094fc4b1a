//! What the API stores, as one trait, so that handlers never know the database engine.
//!
//! The types here are the engine-neutral shapes of stored requests, history, filters
//! and outcomes; [`Storage`] is everything the server asks of a database. The SQLite
//! engine implements it in [`crate::sqlite`], the PostgreSQL engine in
//! [`crate::postgres`]; both pass the same integration tests, and no handler knows which
//! one it talks to.

use time::OffsetDateTime;
use tokio::sync::mpsc;

use efa_domain::land::Land;

use crate::audit::{Action, Entry};
use crate::db::DbError;
use crate::problem::Problem;
use efa_domain::status::Status;
pub use efa_domain::wire::{HistoryEntry, ServiceRef};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The engine failed (I/O, lock, constraint); the message is for the log only.
    #[error("database: {0}")]
    Backend(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The worker that ran the query went away.
    #[error("database task failed")]
    Task,
}

impl From<DbError> for StoreError {
    fn from(e: DbError) -> StoreError {
        match e {
            DbError::Task => StoreError::Task,
            other => StoreError::Backend(other.to_string()),
        }
    }
}

/// Why an account operation failed. Declared here rather than in [`crate::accounts`]
/// because the [`Storage`] trait returns it, and the account queries sit above storage.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("account name {0:?}: 1 to 64 characters, only letters, digits and . - _ @ are allowed")]
    InvalidName(String),
    #[error("an account named {0:?} already exists (names are never reused, even once revoked)")]
    NameTaken(String),
    #[error("no account named {0:?}")]
    Unknown(String),
    #[error("the account {0:?} is already revoked")]
    AlreadyRevoked(String),
    #[error(
        "Länder {0:?}: expected ISO letters (BY, NW) or two-digit keys (09, 05), comma-separated, or `all`"
    )]
    InvalidLands(String),
    #[error("no randomness available for the token")]
    Random,
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A stored account, as listed by `accounts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAccount {
    pub name: String,
    /// In key order, without duplicates.
    pub lands: Vec<Land>,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A failed query is the server's fault and says nothing the caller could fix: it is
/// logged with its cause and answered with a 503 that asks to try again later, so that
/// handlers can pass store errors on with `?`.
impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        tracing::error!(error = %e, "storage error");
        Problem::unavailable(
            "Die Daten konnten gerade nicht gelesen oder gespeichert werden. Bitte später erneut versuchen.",
        )
    }
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
    /// Short fingerprint of the document, as its PDF prints it.
    pub fingerprint: String,
    /// The request's Funktionspostfach, where the confirmation mail goes.
    pub mail_to: String,
    pub token_sha256: [u8; 32],
    pub confirmation_code_sha256: [u8; 32],
    pub received_at: OffsetDateTime,
}

/// What a client learns about its submission.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub id: String,
    pub reference: String,
    pub received_at: String,
    pub confirmed_at: Option<String>,
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
    pub fingerprint: Option<String>,
    pub confirmed_at: Option<String>,
    pub anonymised_at: Option<String>,
    /// Set while an answer of the municipality awaits the agency.
    pub answered_at: Option<String>,
    /// The current version (1 as submitted); `document` and `fingerprint` are this one.
    pub version: u32,
    pub document: Option<String>,
}

/// Filters of the operator list and export; bounds are stored-text timestamps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The Länder of the operator's account (ISO letters); `None` for every Land.
    pub scope: Option<Vec<String>>,
    pub land_iso: Option<String>,
    pub status: Option<Status>,
    pub confirmed: Option<bool>,
    pub from: Option<String>,
    pub to_exclusive: Option<String>,
    /// Free text, found in the reference, the municipality's name, its AGS or its ARS.
    pub text: Option<String>,
}

/// A page of the operator list with what the console shows around it.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Requests matching the filter.
    pub total: u64,
    pub rows: Vec<Row>,
    /// Per status, requests matching every filter except the status; statuses without
    /// any are missing.
    pub counts: Vec<(Status, u64)>,
}

/// A `LIKE` pattern that finds `text` anywhere, with `%`, `_` and the escape character
/// itself taken literally (the clauses say `ESCAPE '\'`).
fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// `text` with the first letter of every word in capitals.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c.is_whitespace() || c == '-';
    }
    out
}

impl Filter {
    /// The query counting requests per status under every filter except the status
    /// (`SELECT status, count`), and its arguments.
    pub fn counts_query(&self, mark: impl Fn(usize) -> String) -> (String, Vec<String>) {
        let unstatused = Filter {
            status: None,
            ..self.clone()
        };
        let (where_sql, args) = unstatused.where_clause(mark);
        (
            format!(
                "SELECT r.status, COUNT(*) FROM connection_requests r {where_sql} GROUP BY r.status"
            ),
            args,
        )
    }

    /// The `WHERE` clause of the filter over `connection_requests r`, and its arguments
    /// (all text), with `mark(n)` writing the engine's n-th placeholder (`?1`, `$1`). The
    /// SQL is the same for SQLite and PostgreSQL.
    pub fn where_clause(&self, mark: impl Fn(usize) -> String) -> (String, Vec<String>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        if let Some(scope) = &self.scope {
            // An empty scope must match nothing, not everything.
            let mut marks = Vec::new();
            for l in scope {
                args.push(l.clone());
                marks.push(mark(args.len()));
            }
            clauses.push(if marks.is_empty() {
                "1 = 0".to_owned()
            } else {
                format!("r.land IN ({})", marks.join(", "))
            });
        }
        if let Some(l) = &self.land_iso {
            args.push(l.clone());
            clauses.push(format!("r.land = {}", mark(args.len())));
        }
        if let Some(s) = self.status {
            args.push(s.as_str().to_owned());
            clauses.push(format!("r.status = {}", mark(args.len())));
        }
        match self.confirmed {
            Some(true) => clauses.push("r.confirmed_at IS NOT NULL".to_owned()),
            Some(false) => clauses.push("r.confirmed_at IS NULL".to_owned()),
            None => {}
        }
        if let Some(f) = &self.from {
            args.push(f.clone());
            clauses.push(format!("r.received_at >= {}", mark(args.len())));
        }
        if let Some(t) = &self.to_exclusive {
            args.push(t.clone());
            clauses.push(format!("r.received_at < {}", mark(args.len())));
        }
        if let Some(text) = &self.text {
            // `lower()` folds only ASCII letters in SQLite (and in a PostgreSQL database
            // with the C locale), so the typed text is folded here in full and the name is
            // also compared with the text in title case: "überlingen" still finds
            // "Überlingen", whose "Ü" the database would not fold.
            let lower = text.to_lowercase();
            args.push(contains_pattern(&lower));
            let folded = mark(args.len());
            args.push(contains_pattern(&title_case(&lower)));
            let titled = mark(args.len());
            // Keys are written without spaces; a key typed in groups still finds them.
            let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            args.push(contains_pattern(&digits));
            let key = mark(args.len());
            clauses.push(format!(
                "(lower(r.reference) LIKE {folded} ESCAPE '\\' \
                 OR lower(r.municipality_name) LIKE {folded} ESCAPE '\\' \
                 OR r.municipality_name LIKE {titled} ESCAPE '\\' \
                 OR r.ags LIKE {key} ESCAPE '\\' OR r.ars LIKE {key} ESCAPE '\\')"
            ));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (sql, args)
    }
}

/// What replaces personal data when a request is anonymised or erased.
pub const ERASED: &str = "[gelöscht]";
/// The account name retention runs are audited under.
pub const RETENTION_ACCOUNT: &str = "system:retention";

/// The personal parts of a stored request document replaced by [`ERASED`]: contact
/// names, functions, e-mail addresses and phone numbers, the Funktionspostfach, the
/// authorities' e-mail and phone, and every free-text note. What identifies the request
/// for the agency's files (municipality, services, channels, dates) stays.
pub fn anonymised_document(document: &str) -> String {
    use serde_json::Value;
    let Ok(mut doc) = serde_json::from_str::<Value>(document) else {
        // Unreadable: nothing of it can be kept safely.
        return Value::Null.to_string();
    };
    let marker = || Value::String(ERASED.to_owned());
    let blank = |v: &mut Value| {
        if v.as_str().is_some_and(|s| !s.is_empty()) {
            *v = marker();
        }
    };
    if let Some(contacts) = doc.get_mut("contacts").and_then(Value::as_object_mut) {
        for (key, contact) in contacts.iter_mut() {
            if key == "funktionspostfach" {
                blank(contact);
                continue;
            }
            if let Some(c) = contact.as_object_mut() {
                for field in ["name", "function", "email", "phone"] {
                    if let Some(v) = c.get_mut(field) {
                        blank(v);
                    }
                }
            }
        }
    }
    if let Some(v) = doc.get_mut("notes") {
        blank(v);
    }
    if let Some(services) = doc.get_mut("services").and_then(Value::as_array_mut) {
        for s in services {
            if let Some(a) = s.get_mut("authority").and_then(Value::as_object_mut) {
                for field in ["email", "phone"] {
                    if let Some(v) = a.get_mut(field) {
                        blank(v);
                    }
                }
            }
            // The vendor's contact person (schema version 3).
            if let Some(c) = s.get_mut("vendor_contact").and_then(Value::as_object_mut) {
                for field in ["name", "function", "email", "phone"] {
                    if let Some(v) = c.get_mut(field) {
                        blank(v);
                    }
                }
            }
        }
    }
    doc.to_string()
}

/// One row of the CSV export: the request with its document and its last note, read
/// in the same query.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub row: Row,
    pub last_note: Option<String>,
}

/// What an export stream yields: rows, then whether the row cap cut the export short.
#[derive(Debug)]
pub enum ExportItem {
    Row(Box<ExportRow>),
    /// The last item: `true` when more rows matched than the cap allowed.
    End {
        truncated: bool,
    },
    Failed(StoreError),
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

/// A new version of a request, submitted by the municipality in answer to a Rückfrage
/// and prepared (validated) outside the transaction. The status token was checked before.
#[derive(Debug, Clone)]
pub struct NewVersion {
    pub id: String,
    pub idempotency_key: String,
    pub body_sha256: [u8; 32],
    /// The municipality the version is for: it must be the request's.
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub schema_version: i64,
    pub document: String,
    pub fingerprint: String,
    /// The Funktionspostfach of the new version, where mails go from now on.
    pub mail_to: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub enum VersionOutcome {
    /// Stored as the next version; the request is back in `in_pruefung`.
    Created(Box<(Row, Vec<HistoryEntry>)>),
    /// The key was used before for this very body and request: the state as it is.
    Replayed(Box<(Row, Vec<HistoryEntry>)>),
    /// The key was used before for another body or request.
    KeyReused,
    NotFound,
    NotAsked {
        current: Status,
    },
    /// The version names another municipality than the request.
    OtherMunicipality,
}

/// A version of a request that a newer one replaced.
#[derive(Debug, Clone)]
pub struct StoredVersion {
    pub version: u32,
    pub fingerprint: Option<String>,
    pub submitted_at: String,
    pub document: Option<String>,
}

/// Every version of a request, oldest first: the replaced ones as stored, then the
/// current one from the request itself (submitted with the submission for version 1,
/// else with the history entry that names it).
pub fn version_infos(
    row: &Row,
    history: &[HistoryEntry],
    old: &[StoredVersion],
) -> Vec<efa_domain::wire::VersionInfo> {
    use efa_domain::wire::VersionInfo;
    let mut out: Vec<VersionInfo> = old
        .iter()
        .map(|v| VersionInfo {
            version: v.version,
            fingerprint: v.fingerprint.clone(),
            submitted_at: v.submitted_at.clone(),
        })
        .collect();
    let submitted_at = history
        .iter()
        .find(|h| h.version == Some(row.version))
        .map_or_else(|| row.received_at.clone(), |h| h.at.clone());
    out.push(VersionInfo {
        version: row.version,
        fingerprint: row.fingerprint.clone(),
        submitted_at,
    });
    out
}

/// The SQL that copies a request's current version into `request_versions` before a
/// newer one replaces it, with `mark` the engine's first placeholder (the request id).
/// The version's submission time is that of the history entry that submitted it, or the
/// request's for version 1.
pub fn version_archive_sql(mark: &str) -> String {
    format!(
        "INSERT INTO request_versions
             (request_id, version, schema_version, document, fingerprint, submitted_at)
         SELECT r.id, r.version, r.schema_version, r.document, r.fingerprint,
                COALESCE((SELECT h.at FROM status_history h
                          WHERE h.request_id = r.id AND h.version = r.version
                          ORDER BY h.seq LIMIT 1), r.received_at)
         FROM connection_requests r WHERE r.id = {mark}"
    )
}

/// What an answer does to a request, decided from its status and history inside the
/// engine's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerStep {
    /// The agency waits for an answer: record it.
    Record,
    /// The last entry is this very answer (sent twice, e.g. after a lost response).
    Repeat,
    /// Nothing is asked.
    Refuse,
}

pub fn answer_step(current: Status, history: &[HistoryEntry], text: &str) -> AnswerStep {
    if current == Status::Rueckfrage {
        AnswerStep::Record
    } else if history
        .last()
        .is_some_and(|h| h.by_municipality && h.note.as_deref() == Some(text))
    {
        AnswerStep::Repeat
    } else {
        AnswerStep::Refuse
    }
}

/// The ordering of the operator list: answers awaiting the agency first, then newest
/// first. The same SQL for both engines.
pub const LIST_ORDER: &str =
    "ORDER BY (r.answered_at IS NULL), r.answered_at, r.received_at DESC, r.id DESC";

/// A status change as an operator asks for it.
#[derive(Debug, Clone)]
pub struct Change {
    pub id: String,
    pub to: Status,
    pub note: Option<String>,
    pub at: OffsetDateTime,
    /// With `Some`, only if nobody changed the request since this version.
    pub expected_version: Option<u64>,
    /// The operator account making the change.
    pub account: String,
    /// The Länder of that account (ISO letters); a request of another Land is not found.
    pub scope: Vec<String>,
}

/// The municipality's answer to a Rückfrage. The status token was checked before.
#[derive(Debug, Clone)]
pub struct Answer {
    pub id: String,
    /// Trimmed, checked text.
    pub text: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub enum AnswerOutcome {
    /// Recorded: the request is back in `in_pruefung`.
    Answered(Box<(Row, Vec<HistoryEntry>)>),
    /// The same answer was recorded before (a repeated send): nothing changed.
    Repeated(Box<(Row, Vec<HistoryEntry>)>),
    NotFound,
    /// The agency is not waiting for an answer.
    NotAsked {
        current: Status,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Confirmed {
        reference: String,
    },
    AlreadyConfirmed {
        reference: String,
    },
    /// Unknown id, wrong code, or the request is gone.
    NotFound,
}

#[derive(Debug, Clone)]
pub enum EraseOutcome {
    Erased(Box<(Row, Vec<HistoryEntry>)>),
    NotFound,
}

/// An erasure of one request's personal data, as an operator asks for it.
#[derive(Debug, Clone)]
pub struct Erasure {
    pub id: String,
    pub account: String,
    pub scope: Vec<String>,
    pub reason: String,
    pub at: OffsetDateTime,
}

/// What a retention run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionReport {
    /// Unconfirmed requests deleted with all their data.
    pub deleted_unconfirmed: u64,
    /// Closed requests whose personal data was replaced by the marker.
    pub anonymised: u64,
}

/// The cut-off times of a retention run (fixed-width UTC text).
#[derive(Debug, Clone)]
pub struct RetentionPolicy {
    /// Unconfirmed requests received before this are deleted.
    pub unconfirmed_before: String,
    /// Requests in a final status last changed before this are anonymised.
    pub closed_before: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Confirmation,
    StatusChange,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Confirmation => "confirmation",
            MailKind::StatusChange => "status_change",
        }
    }

    pub fn parse(s: &str) -> Option<MailKind> {
        match s {
            "confirmation" => Some(MailKind::Confirmation),
            "status_change" => Some(MailKind::StatusChange),
            _ => None,
        }
    }
}

/// A mail waiting in the outbox, with what is needed to write it now.
#[derive(Debug, Clone)]
pub struct PendingMail {
    pub seq: i64,
    /// The claim this sender holds on the mail, for an engine shared by several
    /// instances: recording the outcome needs it, so a sender whose claim ran out (and
    /// was taken over by another instance) cannot overwrite what that one recorded.
    /// `None` where one instance owns the database.
    pub claim: Option<String>,
    pub kind: MailKind,
    pub attempts: u32,
    pub request_id: String,
    /// `None` when the request was deleted or anonymised since: the mail is dropped.
    pub request: Option<MailRequest>,
}

/// The parts of a request a mail shows.
#[derive(Debug, Clone)]
pub struct MailRequest {
    pub reference: String,
    pub municipality_name: String,
    pub land_iso: String,
    pub services: Vec<ServiceRef>,
    pub mail_to: String,
    pub received_at: String,
    /// For status mails: the change it reports.
    pub change: Option<HistoryEntry>,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone)]
pub enum Delivery {
    Sent,
    /// The request is gone or anonymised: nothing to send, ever.
    Dropped,
    /// Try again at `retry_at` (fixed-width UTC text).
    Failed {
        error: String,
        retry_at: String,
    },
}

/// An operator account as the server knows it after authentication.
#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    pub lands: Vec<efa_domain::land::Land>,
}

/// Everything the server asks of its database. Every method is one transaction.
#[async_trait::async_trait]
pub trait Storage: Send + Sync + std::fmt::Debug {
    /// The submission stored under an idempotency key, if any (as `Replayed`); callers
    /// compare `body_sha256` to tell a replay from a reuse of the key.
    async fn lookup_key(&self, key: &str) -> Result<Option<SubmitOutcome>, StoreError>;

    /// Idempotency check, reference allocation, all inserts and the confirmation mail
    /// in the outbox, in one transaction, durable before this returns `Created`.
    async fn submit(&self, new: NewRequest) -> Result<SubmitOutcome, StoreError>;

    /// A request with its history, or `None`.
    async fn get(
        &self,
        id: &str,
        with_document: bool,
    ) -> Result<Option<(Row, Vec<HistoryEntry>)>, StoreError>;

    /// Confirms a request if `code_sha256` is its unused confirmation code.
    async fn confirm(
        &self,
        id: &str,
        code_sha256: [u8; 32],
        at: OffsetDateTime,
    ) -> Result<ConfirmOutcome, StoreError>;

    /// One page, newest first, with the number of requests matching the filter and the
    /// counts per status.
    async fn list(&self, filter: Filter, limit: u32, offset: u64) -> Result<Listing, StoreError>;

    /// Streams up to `max_rows` requests, newest first, with documents and last notes;
    /// the last item says whether the cap cut it short.
    async fn export(
        &self,
        filter: Filter,
        max_rows: u32,
    ) -> Result<mpsc::Receiver<ExportItem>, StoreError>;

    /// Checks and change, its history entry, its audit entry and its status mail in the
    /// outbox, in one transaction.
    async fn change_status(&self, change: Change) -> Result<ChangeOutcome, StoreError>;

    /// Replaces the request's personal data by the marker now, with its audit entry.
    /// Records the municipality's answer to a Rückfrage and moves the request back to
    /// `in_pruefung`, marked as answered for the operator list; no mail (the municipality
    /// wrote it itself) and no audit entry (the audit log records operator actions; the
    /// answer is in the history).
    async fn answer(&self, answer: Answer) -> Result<AnswerOutcome, StoreError>;

    /// The request id and body hash a version's idempotency key was used for, if any.
    async fn lookup_version_key(&self, key: &str) -> Result<Option<(String, Vec<u8>)>, StoreError>;

    /// Stores the next version of a request in `rueckfrage` (the current one moves to the
    /// replaced versions), moves it back to `in_pruefung` with a history entry of the
    /// municipality, and marks it answered; the key check, all writes and no mail, in one
    /// transaction.
    async fn submit_version(&self, new: NewVersion) -> Result<VersionOutcome, StoreError>;

    /// The versions of a request that newer ones replaced, oldest first.
    async fn old_versions(
        &self,
        id: &str,
        with_documents: bool,
    ) -> Result<Vec<StoredVersion>, StoreError>;

    async fn erase(&self, erasure: Erasure) -> Result<EraseOutcome, StoreError>;

    /// Deletes expired unconfirmed requests and anonymises old closed ones; each part
    /// that did something is audited.
    async fn apply_retention(&self, policy: RetentionPolicy)
    -> Result<RetentionReport, StoreError>;

    /// Appends an audit entry.
    async fn audit(
        &self,
        at: OffsetDateTime,
        account: &str,
        action: Action,
        target: &str,
        rows: u64,
    ) -> Result<(), StoreError>;

    /// Audit entries at or after `since` (fixed-width UTC), oldest first.
    async fn audit_entries(&self, since: Option<String>) -> Result<Vec<Entry>, StoreError>;

    /// The active operator account with this token, if any.
    async fn authenticate(&self, token: &str) -> Result<Option<Account>, StoreError>;

    /// Takes up to `limit` mails due at `now` (fixed-width UTC), oldest first, for
    /// sending. An engine that several instances share claims them for `lease`: no other
    /// instance takes them until the lease has run out, so two instances never send the
    /// same mail at the same time. The sender must record the outcome within the lease.
    async fn due_mails(
        &self,
        now: &str,
        limit: u32,
        lease: std::time::Duration,
    ) -> Result<Vec<PendingMail>, StoreError>;

    /// Records how sending a mail ended, if `claim` still holds it. Returns `false` when
    /// the claim was lost (ran out and was taken by another sender): nothing is recorded.
    async fn mail_done(
        &self,
        seq: i64,
        claim: Option<String>,
        delivery: Delivery,
        at: &str,
    ) -> Result<bool, StoreError>;

    /// Creates an operator account and returns its token, which is stored nowhere (only
    /// its SHA-256 is).
    async fn add_account(
        &self,
        name: &str,
        lands: &[efa_domain::land::Land],
    ) -> Result<String, AccountError>;

    /// Every operator account, oldest first.
    async fn accounts(&self) -> Result<Vec<StoredAccount>, AccountError>;

    /// Revokes an operator account; its token is refused from the next request on.
    async fn revoke_account(&self, name: &str) -> Result<(), AccountError>;

    /// The database answers and is the one that was opened.
    async fn ready(&self) -> Result<(), StoreError>;

    /// The engine's name as `/readyz` reports it: `sqlite` or `postgresql`.
    fn engine(&self) -> &'static str;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymisation_replaces_personal_data_and_keeps_the_rest() {
        let doc = serde_json::json!({
            "schema_version": 1,
            "municipality": {"name": "Markt Au", "ags": "09189111"},
            "contacts": {
                "vertretung": {"name": "Anna Berg", "function": "Bürgermeisterin", "email": "a@au.de", "phone": "0861 1"},
                "digitalisierung": null,
                "funktionspostfach": "post@au.de"
            },
            "services": [{"service_id": "wohngeld", "authority": {"name": "Landratsamt", "email": "w@lra.de", "phone": ""}}],
            "notes": "Bitte Frau Berg anrufen",
        })
        .to_string();
        let out: serde_json::Value = serde_json::from_str(&anonymised_document(&doc)).unwrap();
        assert_eq!(out["contacts"]["vertretung"]["name"], ERASED);
        assert_eq!(out["contacts"]["vertretung"]["email"], ERASED);
        assert_eq!(out["contacts"]["vertretung"]["phone"], ERASED);
        assert_eq!(out["contacts"]["funktionspostfach"], ERASED);
        assert_eq!(out["contacts"]["digitalisierung"], serde_json::Value::Null);
        assert_eq!(out["notes"], ERASED);
        assert_eq!(out["services"][0]["authority"]["email"], ERASED);
        // An empty field stays empty: there was nothing to erase.
        assert_eq!(out["services"][0]["authority"]["phone"], "");
        assert_eq!(out["services"][0]["authority"]["name"], "Landratsamt");
        assert_eq!(out["municipality"]["name"], "Markt Au");
        assert!(!out.to_string().contains("Berg"));
        assert_eq!(anonymised_document("not json"), "null");
    }

    #[test]
    fn an_empty_scope_matches_nothing_and_marks_follow_the_engine() {
        let f = Filter {
            scope: Some(Vec::new()),
            status: Some(Status::Live),
            ..Filter::default()
        };
        let (sql, args) = f.where_clause(|n| format!("${n}"));
        assert_eq!(sql, "WHERE 1 = 0 AND r.status = $1");
        assert_eq!(args, vec!["live".to_owned()]);
        let f = Filter {
            scope: Some(vec!["BY".into(), "NW".into()]),
            confirmed: Some(false),
            ..Filter::default()
        };
        let (sql, _) = f.where_clause(|n| format!("?{n}"));
        assert_eq!(sql, "WHERE r.land IN (?1, ?2) AND r.confirmed_at IS NULL");
        assert_eq!(Filter::default().where_clause(|n| n.to_string()).0, "");
    }

    #[test]
    fn free_text_is_taken_literally() {
        assert_eq!(contains_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
        assert_eq!(title_case("bad über-see"), "Bad Über-See");
        let f = Filter {
            text: Some("09 6 63".into()),
            ..Filter::default()
        };
        let (sql, args) = f.where_clause(|n| format!("?{n}"));
        assert!(sql.contains("r.ags LIKE ?3 ESCAPE '\\'"), "{sql}");
        assert_eq!(args, vec!["%09 6 63%", "%09 6 63%", "%09663%"]);
    }
}
