//! Configuration by command-line flags and environment variables.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use efa_domain::land::Land;

use crate::rate_limit::{MAX_PER_SECOND, MIN_PER_SECOND};

/// Receives connection requests (Anschlussanträge) for EfA online services, stores them
/// in SQLite or PostgreSQL and serves the built EfA-Onboarding app.
#[derive(Clone, Parser)]
#[command(name = "efa-api", version)]
pub struct Config {
    /// TCP port to listen on (0 picks a free port; the URL is printed at start).
    #[arg(long, env = "EFA_PORT", default_value_t = 8080)]
    pub port: u16,

    /// Address to bind to.
    #[arg(long, env = "EFA_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Directory for the SQLite database and the status-token key (also of the
    /// subcommands, before or after their name); with `--database-url` only for the
    /// mail folder `outbox/` when no SMTP server is set.
    #[arg(long, env = "EFA_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// PostgreSQL instead of SQLite, for several instances on one database:
    /// `postgres://user:password@host:5432/dbname` (also of the subcommands). Without it
    /// the SQLite file in the data directory is used.
    #[arg(long, env = "EFA_DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Most connections this instance keeps open to PostgreSQL (1 to 1000).
    #[arg(long, env = "EFA_DATABASE_MAX_CONNECTIONS", default_value_t = 16)]
    pub database_max_connections: u32,

    /// File with the 32-byte key of status tokens and confirmation codes. Required with
    /// `--database-url`: every instance on the database needs the same key, so it is
    /// never generated then. Without it, SQLite uses `status-token.key` in the data
    /// directory and creates it on first start.
    #[arg(long, env = "EFA_TOKEN_KEY_FILE")]
    pub token_key_file: Option<PathBuf>,

    /// Seconds a mail taken from the outbox stays reserved for the instance sending it
    /// (5 to 3600). If that instance dies, another one sends the mail once this time is
    /// over; each delivery must end well within it.
    #[arg(long, env = "EFA_MAIL_LEASE_SECS", default_value_t = crate::mail::DEFAULT_LEASE_SECS)]
    pub mail_lease_secs: u64,

    /// Directory of the built app (index.html, hashed assets, .br/.gz siblings).
    #[arg(long, env = "EFA_DIST", default_value = "./dist")]
    pub dist: PathBuf,

    /// Catalog JSON to serve and validate against instead of the shipped one.
    #[arg(long, env = "EFA_CATALOG")]
    pub catalog: Option<PathBuf>,

    /// Origins allowed to call the API cross-origin (comma-separated). Without any,
    /// no CORS headers are sent and only same-origin use works.
    #[arg(
        long = "allowed-origin",
        env = "EFA_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allowed_origins: Vec<String>,

    /// Länder whose municipalities this agency takes requests from: ISO letters (BY,NW)
    /// or two-digit keys (09,05), comma-separated, or `all` (the default). A request
    /// from another Land is refused with 422 naming the agency that takes it.
    #[arg(long, env = "EFA_ACCEPTED_LANDS", default_value = "all")]
    pub accepted_lands: String,

    /// Sustained requests per second allowed per client address: 0 switches the rate
    /// limit off, otherwise 0.01 to 1000000. The limit is kept per API instance.
    #[arg(long, env = "EFA_RATE_LIMIT_PER_SECOND", default_value_t = 20.0)]
    pub rate_limit_per_second: f64,

    /// Requests a client may send in a burst before the sustained rate applies.
    #[arg(long, env = "EFA_RATE_LIMIT_BURST", default_value_t = 600)]
    pub rate_limit_burst: u32,

    /// Submissions and confirmations per minute allowed per client address, sustained
    /// (stricter than reads: a municipality submits a few requests, not hundreds); 0
    /// switches this limit off, otherwise 0.6 (one per 100 seconds) to 60000.
    #[arg(long, env = "EFA_SUBMIT_RATE_LIMIT_PER_MINUTE", default_value_t = 6.0)]
    pub submit_rate_limit_per_minute: f64,

    /// Submissions and confirmations a client may send in a burst.
    #[arg(long, env = "EFA_SUBMIT_RATE_LIMIT_BURST", default_value_t = 30)]
    pub submit_rate_limit_burst: u32,

    /// Requests handled at the same time; more are answered at once with 503 and
    /// `Retry-After` instead of queueing until they time out. Health probes do not count.
    #[arg(long, env = "EFA_MAX_CONCURRENT_REQUESTS", default_value_t = 256)]
    pub max_concurrent_requests: u32,

    /// Take the client address for rate limiting from the last `X-Forwarded-For` entry
    /// (only behind a reverse proxy that sets it).
    #[arg(long, env = "EFA_TRUST_FORWARDED_FOR", default_value_t = false)]
    pub trust_forwarded_for: bool,

    /// Seconds a request may take to be handled before it is answered with 503.
    #[arg(long, env = "EFA_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Seconds a client may take to send a request body before it is answered with 408.
    #[arg(long, env = "EFA_BODY_TIMEOUT_SECS", default_value_t = 15)]
    pub body_timeout_secs: u64,

    /// Seconds to wait for in-flight requests after SIGTERM/SIGINT.
    #[arg(long, env = "EFA_SHUTDOWN_GRACE_SECS", default_value_t = 30)]
    pub shutdown_grace_secs: u64,

    /// Most rows one CSV export holds (the newest); the response says when it was cut.
    #[arg(long, env = "EFA_EXPORT_MAX_ROWS", default_value_t = 100_000)]
    pub export_max_rows: u32,

    /// SMTP server for the mails to municipalities, e.g. `smtp://relay.example:25`,
    /// `smtp://relay.example:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@relay.example:465`. Without it, mails are written as
    /// `.eml` files to `outbox/` in the data directory.
    #[arg(long, env = "EFA_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Sender of those mails, e.g. `EfA-Onboarding Bayern <noreply@baykommun.example>`.
    #[arg(
        long,
        env = "EFA_MAIL_FROM",
        default_value = "EfA-Onboarding <noreply@localhost>"
    )]
    pub mail_from: String,

    /// Address of the app as municipalities reach it, for the links in mails, e.g.
    /// `https://onboarding.example.de`. Default: the address this server listens on.
    #[arg(long, env = "EFA_PUBLIC_BASE_URL")]
    pub public_base_url: Option<String>,

    /// Days an unconfirmed request is kept before it is deleted with all its data
    /// (1 to 365).
    #[arg(long, env = "EFA_UNCONFIRMED_DAYS", default_value_t = 14)]
    pub unconfirmed_days: u32,

    /// Days after the last change of a request in a final status (live, abgelehnt)
    /// until its personal data is replaced by a marker (1 to 3650).
    #[arg(long, env = "EFA_RETENTION_DAYS", default_value_t = 365)]
    pub retention_days: u32,

    /// Log output format.
    #[arg(long, env = "EFA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

// By hand, so that the database password never reaches a log or an error message.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("port", &self.port)
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database", &self.database_engine())
            .field("token_key_file", &self.token_key_file)
            .field("dist", &self.dist)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// The engine the configuration selects: `postgresql` with a database URL, else
    /// `sqlite`.
    pub fn database_engine(&self) -> &'static str {
        if self.database_url.is_some() {
            "postgresql"
        } else {
            "sqlite"
        }
    }

    /// The Länder whose requests are accepted, in key order.
    pub fn accepted_lands(&self) -> Result<Vec<Land>, String> {
        crate::accounts::parse_lands(&self.accepted_lands)
            .map_err(|_| format!("accepted lands {:?}: expected ISO letters (BY,NW) or two-digit keys (09,05), comma-separated, or `all`", self.accepted_lands))
    }

    /// Origins with blanks and empty entries removed.
    pub fn allowed_origins(&self) -> Vec<String> {
        self.allowed_origins
            .iter()
            .map(|o| o.trim().trim_end_matches('/').to_owned())
            .filter(|o| !o.is_empty())
            .collect()
    }

    /// Checks that do not need the file system; each problem is reported precisely.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut errors = Vec::new();
        if let Err(e) = self.accepted_lands() {
            errors.push(e);
        }
        for origin in self.allowed_origins() {
            let ok = (origin.starts_with("http://") || origin.starts_with("https://"))
                && origin.split("://").nth(1).is_some_and(|rest| {
                    !rest.is_empty()
                        && !rest.contains('/')
                        && rest.chars().all(|c| c.is_ascii_graphic())
                });
            if !ok {
                errors.push(format!(
                    "allowed origin {origin:?}: expected scheme://host[:port], e.g. https://onboarding.example.de"
                ));
            }
        }
        let rate = self.rate_limit_per_second;
        let sensible = rate == 0.0 || (MIN_PER_SECOND..=MAX_PER_SECOND).contains(&rate);
        if !rate.is_finite() || !sensible {
            errors.push(format!(
                "rate limit per second: must be 0 (off) or from {MIN_PER_SECOND} to {MAX_PER_SECOND}"
            ));
        }
        if self.rate_limit_per_second > 0.0 && self.rate_limit_burst == 0 {
            errors
                .push("rate limit burst: must be at least 1 while the rate limit is on".to_owned());
        }
        let submit = self.submit_rate_limit_per_minute / 60.0;
        let sensible = submit == 0.0 || (MIN_PER_SECOND..=1000.0).contains(&submit);
        if !submit.is_finite() || !sensible {
            errors.push(
                "submit rate limit per minute: must be 0 (off) or from 0.6 to 60000".to_owned(),
            );
        }
        if submit > 0.0 && self.submit_rate_limit_burst == 0 {
            errors.push(
                "submit rate limit burst: must be at least 1 while the limit is on".to_owned(),
            );
        }
        if !(1..=1_000_000).contains(&self.export_max_rows) {
            errors.push("export max rows: must be from 1 to 1000000".to_owned());
        }
        if self.max_concurrent_requests == 0 {
            errors.push("max concurrent requests: must be at least 1".to_owned());
        }
        if !(1..=365).contains(&self.unconfirmed_days) {
            errors.push("unconfirmed days: must be from 1 to 365".to_owned());
        }
        if !(1..=3650).contains(&self.retention_days) {
            errors.push("retention days: must be from 1 to 3650".to_owned());
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            errors.push(format!(
                "mail from {:?}: expected an address such as noreply@example.de or Name <noreply@example.de>",
                self.mail_from
            ));
        }
        if let Some(url) = &self.smtp_url
            && crate::mail::Transport::new(Some(url), std::path::Path::new(".")).is_err()
        {
            errors.push(
                "smtp url: expected smtp://host[:port], smtp://host?tls=required or smtps://[user:password@]host[:port]".to_owned(),
            );
        }
        if let Some(base) = &self.public_base_url {
            let trimmed = base.trim_end_matches('/');
            let ok = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
                && trimmed.split("://").nth(1).is_some_and(|rest| {
                    !rest.is_empty()
                        && rest.chars().all(|c| c.is_ascii_graphic())
                        && !rest.contains(['#', '?'])
                });
            if !ok {
                errors.push(format!(
                    "public base url {base:?}: expected scheme://host[:port][/path], e.g. https://onboarding.example.de"
                ));
            }
        }
        if let Some(url) = &self.database_url {
            // The URL itself is not repeated: it may hold the password.
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
                || url.parse::<tokio_postgres::Config>().is_err()
            {
                errors.push(
                    "database url: expected postgres://user:password@host[:port]/dbname".to_owned(),
                );
            }
            if self.token_key_file.is_none() {
                errors.push(
                    "token key file: required with --database-url, so that every instance uses the same key (create one with `head -c 32 /dev/urandom > FILE`)".to_owned(),
                );
            }
        }
        if !(1..=1000).contains(&self.database_max_connections) {
            errors.push("database max connections: must be from 1 to 1000".to_owned());
        }
        if !(5..=3600).contains(&self.mail_lease_secs) {
            errors.push("mail lease secs: must be from 5 to 3600".to_owned());
        }
        if self.request_timeout_secs == 0 || self.body_timeout_secs == 0 {
            errors.push("timeouts: must be at least 1 second".to_owned());
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
