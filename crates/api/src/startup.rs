//! Why the server could not start. A module of its own so that loading the catalog and
//! opening the database can report start-up errors without depending on the router.

/// Why the server could not start; each message names the setting or file at fault.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("invalid configuration:\n  - {}", .0.join("\n  - "))]
    Config(Vec<String>),
    #[error("catalog {source_name} is invalid:\n  - {}", .errors.join("\n  - "))]
    Catalog {
        source_name: String,
        errors: Vec<String>,
    },
    #[error("registry is invalid: {0}")]
    Registry(String),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error(transparent)]
    Pg(#[from] crate::postgres::PgError),
    #[error(transparent)]
    Key(#[from] crate::token::KeyError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
}
