//! The audit trail: who read, listed, exported or changed which connection requests.
//!
//! Append-only. This module only inserts and selects; the database refuses UPDATE and
//! DELETE on `audit_log` with triggers (migration 0002), so not even a mistake elsewhere
//! or a hand-written SQL statement can rewrite history.

use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::timeutil;

/// What an operator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Fetched one request with its document.
    Read,
    /// Listed requests.
    List,
    /// Exported requests as CSV.
    Export,
    /// Changed the status of a request.
    StatusChange,
    /// Erased a request's personal data (with the reason as detail).
    Erase,
    /// Retention deleted unconfirmed requests past their deadline.
    RetentionUnconfirmed,
    /// Retention replaced the personal data of old closed requests by the marker.
    RetentionAnonymise,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::List => "list",
            Action::Export => "export",
            Action::StatusChange => "status_change",
            Action::Erase => "erase",
            Action::RetentionUnconfirmed => "retention_unconfirmed",
            Action::RetentionAnonymise => "retention_anonymise",
        }
    }
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Fixed-width UTC.
    pub at: String,
    pub account: String,
    pub action: String,
    /// The request id, or the filter of a list or export.
    pub target: String,
    /// Requests the action returned or changed.
    pub row_count: u64,
    /// The reason of an erasure; none otherwise.
    pub detail: Option<String>,
}

/// Appends an entry; inside the caller's transaction where there is one, so that a
/// status change and its audit entry are committed together or not at all.
pub fn record(
    conn: &Connection,
    at: OffsetDateTime,
    account: &str,
    action: Action,
    target: &str,
    row_count: u64,
    detail: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, account, action, target, row_count, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            timeutil::format_utc(at),
            account,
            action.as_str(),
            target,
            i64::try_from(row_count).unwrap_or(i64::MAX),
            detail
        ],
    )?;
    Ok(())
}

/// Entries at or after `since` (fixed-width UTC text; `None` for all), oldest first.
pub fn entries(conn: &Connection, since: Option<&str>) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT at, account, action, target, row_count, detail FROM audit_log
         WHERE ?1 IS NULL OR at >= ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![since], |r| {
        Ok(Entry {
            at: r.get(0)?,
            account: r.get(1)?,
            action: r.get(2)?,
            target: r.get(3)?,
            row_count: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
            detail: r.get(5)?,
        })
    })?;
    rows.collect()
}

impl Entry {
    /// One tab-separated line: time, account, action, target, row count and, for an
    /// erasure, its reason. Targets are ids or filters built by the server, which
    /// contain no tabs or line breaks; a reason's line breaks and tabs print as spaces,
    /// so every entry stays one line.
    pub fn line(&self) -> String {
        let mut line = format!(
            "{}\t{}\t{}\t{}\t{}",
            self.at, self.account, self.action, self.target, self.row_count
        );
        if let Some(d) = &self.detail {
            line.push('\t');
            line.extend(d.chars().map(|c| if c.is_control() { ' ' } else { c }));
        }
        line
    }
}
