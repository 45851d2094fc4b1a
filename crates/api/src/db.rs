//! SQLite: one database file, WAL, `synchronous=FULL`, migrations at start.
//!
//! Writes go through a single connection behind a mutex, so writers never contend inside
//! SQLite and every write transaction can be `BEGIN IMMEDIATE` without busy retries.
//! Reads use a small pool of read-only connections, which WAL lets run alongside the
//! writer. All SQLite calls run on tokio's blocking pool, never on an async worker.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::timeutil;

pub const DB_FILE: &str = "efa-api.sqlite3";
const READERS: usize = 4;

/// Migrations in order; a version, once released, never changes.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (
        2,
        "operator accounts",
        include_str!("../migrations/0002_operator_accounts.sql"),
    ),
    (
        3,
        "confirmation, mail outbox, retention",
        include_str!("../migrations/0003_confirmation_mail_retention.sql"),
    ),
    (
        4,
        "answers to a Rückfrage, versions",
        include_str!("../migrations/0004_rueckfrage_answers.sql"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Invalid(String),
    #[error("database task failed")]
    Task,
}

/// Identity of the database file at open time, used by `/readyz` to notice that the file
/// was deleted or replaced underneath the running server (writes would then go to an
/// unlinked file and be lost at the next restart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileIdentity {
    dev: u64,
    ino: u64,
}

fn identity(path: &Path) -> Option<FileIdentity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FileIdentity {
            dev: meta.dev(),
            ino: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(FileIdentity { dev: 0, ino: 0 })
    }
}

#[derive(Debug)]
pub struct Db {
    path: PathBuf,
    identity: Option<FileIdentity>,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

/// A poisoned lock only means an earlier closure panicked; its transaction was rolled
/// back when it unwound, so the connection is still usable.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // synchronous is per connection; FULL makes every commit fsync the WAL, so a 201 is
    // only sent for data that survives power loss.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Erased and deleted personal data is overwritten in the file, not only unlinked
    // from the b-tree, so it cannot be read back from free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

impl Db {
    /// Opens (creating if needed) the database in `data_dir` and applies migrations.
    pub fn open(data_dir: &Path) -> Result<Db, DbError> {
        // The database holds names and contact details: a directory created here is
        // readable by the service user only.
        let mut dir = std::fs::DirBuilder::new();
        dir.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut dir, 0o700);
        dir.create(data_dir).map_err(|source| DbError::Io {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE);
        let mut writer = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mode: String =
            writer.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(DbError::Invalid(format!(
                "journal_mode WAL not available (got {mode})"
            )));
        }
        configure(&writer)?;
        migrate(&mut writer)?;

        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            let conn = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            configure(&conn)?;
            conn.pragma_update(None, "query_only", "ON")?;
            readers.push(Mutex::new(conn));
        }
        Ok(Db {
            identity: identity(&path),
            path,
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the write connection on the calling thread, for the command-line
    /// subcommands, which run outside any async runtime work.
    pub fn write_blocking<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        f(&mut lock(&self.writer))
    }

    /// Runs `f` with the write connection on the blocking pool.
    pub async fn write<T, E, F>(self: &Arc<Self>, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut conn = lock(&db.writer);
            f(&mut conn)
        })
        .await
        .map_err(|_| E::from(DbError::Task))?
    }

    /// Runs `f` with one of the read-only connections on the blocking pool.
    pub async fn read<T, E, F>(self: &Arc<Self>, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&Connection) -> Result<T, E> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let i = db.next_reader.fetch_add(1, Ordering::Relaxed) % db.readers.len().max(1);
            match db.readers.get(i) {
                Some(m) => f(&lock(m)),
                None => f(&lock(&db.writer)),
            }
        })
        .await
        .map_err(|_| E::from(DbError::Task))?
    }

    /// Folds the write-ahead log into the database file and truncates it, so that data
    /// just erased (overwritten in the file by `secure_delete`) no longer lingers in
    /// older log frames.
    pub fn checkpoint(conn: &Connection) -> Result<(), DbError> {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Readiness: the file is still the one that was opened and answers a query.
    pub async fn ready(self: &Arc<Self>) -> Result<(), DbError> {
        let expected = self.identity;
        let path = self.path.clone();
        self.read(move |conn| {
            if identity(&path) != expected {
                return Err(DbError::Invalid(
                    "database file is missing or was replaced".to_owned(),
                ));
            }
            let _: i64 =
                conn.query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))?;
            Ok(())
        })
        .await
    }
}

/// Applies every migration newer than the database, each in its own transaction
/// together with its `schema_migrations` row.
fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY NOT NULL,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         ) STRICT;",
    )?;
    let current: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?;
    let latest = MIGRATIONS.last().map_or(0, |m| m.0);
    if current > latest {
        return Err(DbError::Invalid(format!(
            "schema version {current} is newer than this program knows ({latest}); refusing to start"
        )));
    }
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![version, name, timeutil::format_utc(timeutil::now())],
        )?;
        tx.commit()?;
        tracing::info!(version, name, "applied database migration");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        drop(Db::open(dir.path()).unwrap());
        let db = Db::open(dir.path()).unwrap();
        let conn = lock(&db.writer);
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, MIGRATIONS.len() as i64);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let secure: i64 = conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))
            .unwrap();
        assert_eq!(secure, 1, "secure_delete=ON");
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        drop(Db::open(dir.path()).unwrap());
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (999, 'future', 'x')",
            [],
        )
        .unwrap();
        drop(conn);
        let err = Db::open(dir.path()).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
    }
}
