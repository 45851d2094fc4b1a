//! The SQLite engine of [`Storage`]: [`crate::db`] hands out connections,
//! [`crate::store`] holds the queries, this module runs them on the blocking pool.

use std::sync::Arc;

use efa_domain::land::Land;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use crate::audit::{self, Action, Entry};
use crate::db::Db;
use crate::storage::{
    Account, Answer, AnswerOutcome, Change, ChangeOutcome, ConfirmOutcome, Delivery, EraseOutcome,
    Erasure, ExportItem, Filter, HistoryEntry, Listing, NewRequest, NewVersion, PendingMail,
    RetentionPolicy, RetentionReport, Row, Storage, StoreError, StoredAccount, StoredVersion,
    SubmitOutcome, VersionOutcome,
};
use crate::{accounts, store};

/// Rows buffered between the database reader and the HTTP response of an export.
const EXPORT_BUFFER: usize = 64;

#[derive(Debug, Clone)]
pub struct SqliteStorage {
    db: Arc<Db>,
}

impl SqliteStorage {
    pub fn new(db: Db) -> SqliteStorage {
        SqliteStorage { db: Arc::new(db) }
    }

    pub fn db(&self) -> &Arc<Db> {
        &self.db
    }
}

fn account_error(e: accounts::AccountError) -> StoreError {
    StoreError::Backend(e.to_string())
}

#[async_trait::async_trait]
impl Storage for SqliteStorage {
    async fn lookup_key(&self, key: &str) -> Result<Option<SubmitOutcome>, StoreError> {
        let key = key.to_owned();
        self.db.read(move |c| store::lookup_key(c, &key)).await
    }

    async fn submit(&self, new: NewRequest) -> Result<SubmitOutcome, StoreError> {
        self.db.write(move |c| store::submit(c, &new)).await
    }

    async fn get(
        &self,
        id: &str,
        with_document: bool,
    ) -> Result<Option<(Row, Vec<HistoryEntry>)>, StoreError> {
        let id = id.to_owned();
        self.db
            .read(move |c| store::get(c, &id, with_document))
            .await
    }

    async fn confirm(
        &self,
        id: &str,
        code_sha256: [u8; 32],
        at: OffsetDateTime,
    ) -> Result<ConfirmOutcome, StoreError> {
        let id = id.to_owned();
        self.db
            .write(move |c| store::confirm(c, &id, &code_sha256, at))
            .await
    }

    async fn list(&self, filter: Filter, limit: u32, offset: u64) -> Result<Listing, StoreError> {
        self.db
            .read(move |c| store::list(c, &filter, limit, offset))
            .await
    }

    async fn export(
        &self,
        filter: Filter,
        max_rows: u32,
    ) -> Result<mpsc::Receiver<ExportItem>, StoreError> {
        let (tx, rx) = mpsc::channel(EXPORT_BUFFER);
        let db = Arc::clone(&self.db);
        // The reader holds one read connection while the client downloads; the bounded
        // channel makes it wait for a slow client instead of buffering the whole export.
        tokio::spawn(async move {
            let failed = tx.clone();
            let result = db
                .read(move |c| {
                    store::export(c, &filter, max_rows, &mut |item| {
                        tx.blocking_send(item).is_ok()
                    })
                })
                .await;
            if let Err(e) = result {
                let _ = failed.send(ExportItem::Failed(e)).await;
            }
        });
        Ok(rx)
    }

    async fn change_status(&self, change: Change) -> Result<ChangeOutcome, StoreError> {
        self.db
            .write(move |c| store::change_status(c, &change))
            .await
    }

    async fn answer(&self, answer: Answer) -> Result<AnswerOutcome, StoreError> {
        self.db.write(move |c| store::answer(c, &answer)).await
    }

    async fn lookup_version_key(&self, key: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let key = key.to_owned();
        self.db
            .read(move |c| store::lookup_version_key(c, &key))
            .await
    }

    async fn submit_version(&self, new: NewVersion) -> Result<VersionOutcome, StoreError> {
        self.db.write(move |c| store::submit_version(c, &new)).await
    }

    async fn old_versions(
        &self,
        id: &str,
        with_documents: bool,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        let id = id.to_owned();
        self.db
            .read(move |c| store::old_versions(c, &id, with_documents))
            .await
    }

    async fn erase(&self, erasure: Erasure) -> Result<EraseOutcome, StoreError> {
        self.db
            .write(move |c| {
                let outcome = store::erase(c, &erasure)?;
                Db::checkpoint(c)?;
                Ok(outcome)
            })
            .await
    }

    async fn apply_retention(
        &self,
        policy: RetentionPolicy,
    ) -> Result<RetentionReport, StoreError> {
        self.db
            .write(move |c| {
                let report = store::apply_retention(c, &policy)?;
                if report != RetentionReport::default() {
                    Db::checkpoint(c)?;
                }
                Ok(report)
            })
            .await
    }

    async fn audit(
        &self,
        at: OffsetDateTime,
        account: &str,
        action: Action,
        target: &str,
        rows: u64,
    ) -> Result<(), StoreError> {
        let account = account.to_owned();
        let target = target.to_owned();
        self.db
            .write(move |c| {
                audit::record(c, at, &account, action, &target, rows, None)
                    .map_err(StoreError::from)
            })
            .await
    }

    async fn audit_entries(&self, since: Option<String>) -> Result<Vec<Entry>, StoreError> {
        self.db
            .read(move |c| audit::entries(c, since.as_deref()).map_err(StoreError::from))
            .await
    }

    async fn authenticate(&self, token: &str) -> Result<Option<Account>, StoreError> {
        let token = token.to_owned();
        let found = self
            .db
            .read(move |c| accounts::authenticate(c, &token).map_err(account_error))
            .await?;
        Ok(found.map(|a| Account {
            name: a.name,
            lands: a.lands,
        }))
    }

    // One instance owns a SQLite file and runs one sender, so nothing needs claiming:
    // the lease is not stored, and every outcome is recorded.
    async fn due_mails(
        &self,
        now: &str,
        limit: u32,
        _lease: std::time::Duration,
    ) -> Result<Vec<PendingMail>, StoreError> {
        let now = now.to_owned();
        self.db
            .read(move |c| store::due_mails(c, &now, limit))
            .await
    }

    async fn mail_done(
        &self,
        seq: i64,
        _claim: Option<String>,
        delivery: Delivery,
        at: &str,
    ) -> Result<bool, StoreError> {
        let at = at.to_owned();
        self.db
            .write(move |c| store::mail_done(c, seq, &delivery, &at))
            .await?;
        Ok(true)
    }

    async fn add_account(
        &self,
        name: &str,
        lands: &[Land],
    ) -> Result<String, accounts::AccountError> {
        let (name, lands) = (name.to_owned(), lands.to_vec());
        self.db
            .write(move |c| accounts::add(c, &name, &lands))
            .await
    }

    async fn accounts(&self) -> Result<Vec<StoredAccount>, accounts::AccountError> {
        self.db.read(accounts::list).await
    }

    async fn revoke_account(&self, name: &str) -> Result<(), accounts::AccountError> {
        let name = name.to_owned();
        self.db.write(move |c| accounts::revoke(c, &name)).await
    }

    async fn ready(&self) -> Result<(), StoreError> {
        self.db.ready().await.map_err(StoreError::from)
    }

    fn engine(&self) -> &'static str {
        "sqlite"
    }
}
