//! The command line: without a subcommand `efa-api` runs the server with the flags of
//! [`Config`]; `operators …` manages operator accounts and `audit` prints the audit log,
//! both against the server's database (`--database-url`, else the SQLite file in
//! `--data-dir`), also while the server runs.

use std::io::Write;

use clap::{Parser, Subcommand};

use crate::accounts::{self, AccountError};
use crate::app::open_storage;
use crate::config::Config;
use crate::startup::StartupError;
use crate::storage::StoreError;
use crate::timeutil::DateBound;

/// Receives connection requests (Anschlussanträge) for EfA online services, stores them
/// in SQLite or PostgreSQL and serves the built EfA-Onboarding app. Without a subcommand
/// it runs the server.
#[derive(Debug, Clone, Parser)]
#[command(name = "efa-api", version)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Manage the personal accounts of the operator endpoints.
    #[command(subcommand)]
    Operators(OperatorsCommand),
    /// Print the audit log, oldest first, one tab-separated line per entry: time (UTC),
    /// account, action, request id or filter, number of requests.
    Audit {
        /// Only entries from this Berlin calendar day (YYYY-MM-DD) on.
        #[arg(long)]
        since: Option<String>,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum OperatorsCommand {
    /// Create an account and print its token once (the database keeps only its hash).
    Add {
        /// 1–64 letters, digits and . - _ @; unique, never reused.
        name: String,
        /// Länder the account may see: ISO letters (BY,NW) or two-digit keys (09,05),
        /// comma-separated, or `all`.
        #[arg(long)]
        lands: String,
    },
    /// List the accounts: name, Länder, created (UTC), `active` or `revoked <time>`.
    List,
    /// Revoke an account; its token is refused from then on.
    Revoke {
        /// Name of the account.
        name: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Open(#[from] StartupError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Config(String),
    #[error("--since {0:?}: expected a calendar day YYYY-MM-DD")]
    Since(String),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// Runs a subcommand against the database of `config`. `out` receives what a script
/// would capture (the token, the lists); `note` receives explanations for the person at
/// the terminal.
pub async fn run(
    command: &Command,
    config: &Config,
    out: &mut (dyn Write + Send),
    note: &mut (dyn Write + Send),
) -> Result<(), CliError> {
    // Checked before the database is opened (and a data directory perhaps created).
    let since = match command {
        Command::Audit { since: Some(day) } => Some(since_bound(day)?),
        _ => None,
    };
    if let Command::Operators(OperatorsCommand::Add { name, lands }) = command {
        accounts::check_name(name)?;
        accounts::parse_lands(lands)?;
    }
    if let Some(url) = &config.database_url
        && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
    {
        return Err(CliError::Config(
            "database url: expected postgres://user:password@host[:port]/dbname".to_owned(),
        ));
    }
    let storage = open_storage(config, None).await?;
    match command {
        Command::Operators(OperatorsCommand::Add { name, lands }) => {
            let lands = accounts::parse_lands(lands)?;
            let token = storage.add_account(name, &lands).await?;
            writeln!(
                note,
                "Created operator account {name:?} for the Länder {}. Its token follows; it is \
                 shown only this once, so hand it over securely now:",
                accounts::format_lands(&lands)
            )?;
            writeln!(out, "{token}")?;
        }
        Command::Operators(OperatorsCommand::List) => {
            for a in storage.accounts().await? {
                let state = a
                    .revoked_at
                    .as_deref()
                    .map_or_else(|| "active".to_owned(), |at| format!("revoked {at}"));
                writeln!(
                    out,
                    "{}\t{}\t{}\t{state}",
                    a.name,
                    accounts::format_lands(&a.lands),
                    a.created_at
                )?;
            }
        }
        Command::Operators(OperatorsCommand::Revoke { name }) => {
            storage.revoke_account(name).await?;
            writeln!(note, "Revoked operator account {name:?}.")?;
        }
        Command::Audit { .. } => {
            let entries = storage.audit_entries(since).await?;
            for e in entries {
                writeln!(out, "{}", e.line())?;
            }
        }
    }
    Ok(())
}

/// The start of a Berlin calendar day as stored-text UTC.
fn since_bound(day: &str) -> Result<String, CliError> {
    let is_day = day.len() == 10 && day.bytes().filter(|b| *b == b'-').count() == 2;
    is_day
        .then(|| DateBound::parse(day).and_then(DateBound::lower).ok())
        .flatten()
        .ok_or_else(|| CliError::Since(day.to_owned()))
}
