//! Retention: unconfirmed requests are deleted after `--unconfirmed-days`, requests in a
//! final status have their personal data replaced by a marker `--retention-days` after
//! their last change. Runs at start and then once a day; each run that changed
//! something is in the audit log.

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use crate::storage::{RetentionPolicy, RetentionReport, Storage, StoreError};
use crate::timeutil;

const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, Clone, Copy)]
pub struct Retention {
    pub unconfirmed_days: u32,
    pub closed_days: u32,
}

impl Retention {
    /// The cut-offs of a run at `now`.
    pub fn policy(&self, now: OffsetDateTime) -> RetentionPolicy {
        RetentionPolicy {
            unconfirmed_before: timeutil::format_utc(
                now - time::Duration::days(i64::from(self.unconfirmed_days)),
            ),
            closed_before: timeutil::format_utc(
                now - time::Duration::days(i64::from(self.closed_days)),
            ),
            at: now,
        }
    }

    /// One run at `now`.
    pub async fn run_once(
        &self,
        storage: &dyn Storage,
        now: OffsetDateTime,
    ) -> Result<RetentionReport, StoreError> {
        let report = storage.apply_retention(self.policy(now)).await?;
        if report != RetentionReport::default() {
            tracing::info!(
                deleted_unconfirmed = report.deleted_unconfirmed,
                anonymised = report.anonymised,
                "retention applied"
            );
        }
        Ok(report)
    }

    /// Runs now and then daily until `stop`.
    pub async fn run(
        self,
        storage: Arc<dyn Storage>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        loop {
            if let Err(e) = self.run_once(storage.as_ref(), timeutil::now()).await {
                tracing::warn!(error = %e, "retention run failed; next try in a day");
            }
            tokio::select! {
                () = tokio::time::sleep(EVERY) => {}
                _ = stop.wait_for(|s| *s) => return,
            }
        }
    }
}
