//! What the API stores, as one trait, so that handlers never know the database engine.
//!
//! The types here are the engine-neutral shapes of stored requests, history, filters
//! and outcomes; [`Storage`] is everything the server asks of a database. The SQLite
//! engine implements it in [`crate::sqlite`], the PostgreSQL engine in
//! [`crate::postgres`]; both pass the same integration tests, and no handler knows which
//! one it talks to.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tokio::sync::mpsc;
use utoipa::ToSchema;

use crate::audit::{Action, Entry};
use crate::status::Status;

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
    pub fingerprint: Option<String>,
    pub confirmed_at: Option<String>,
    pub anonymised_at: Option<String>,
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

    /// One page, newest first, with the number of requests matching the filter.
    async fn list(
        &self,
        filter: Filter,
        limit: u32,
        offset: u64,
    ) -> Result<(u64, Vec<Row>), StoreError>;

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
    ) -> Result<String, crate::accounts::AccountError>;

    /// Every operator account, oldest first.
    async fn accounts(
        &self,
    ) -> Result<Vec<crate::accounts::Account>, crate::accounts::AccountError>;

    /// Revokes an operator account; its token is refused from the next request on.
    async fn revoke_account(&self, name: &str) -> Result<(), crate::accounts::AccountError>;

    /// The database answers and is the one that was opened.
    async fn ready(&self) -> Result<(), StoreError>;

    /// The engine's name as `/readyz` reports it: `sqlite` or `postgresql`.
    fn engine(&self) -> &'static str;
}
