//! The shared, read-mostly state every handler and middleware gets. Below the handlers and
//! above storage, catalog and mail, so handlers need not know the router that built it.

use std::sync::Arc;
use std::time::Duration;

use crate::intake::LoadedCatalog;
use crate::mail::Transport;
use crate::rate_limit::RateLimiter;
use crate::retention::Retention;
use crate::static_files::StaticSite;
use crate::storage::Storage;
use crate::token::TokenKey;

/// Shared, read-mostly state of the running server.
#[derive(Debug)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub key: TokenKey,
    pub catalog: LoadedCatalog,
    pub registry: efa_domain::registry::Registry,
    /// Länder whose municipalities this agency takes requests from.
    pub accepted_lands: Vec<efa_domain::land::Land>,
    pub site: StaticSite,
    pub limiter: Option<RateLimiter>,
    /// The stricter limit on submissions and confirmations.
    pub submit_limiter: Option<RateLimiter>,
    /// Permits for requests in flight; none left means 503 at once.
    pub in_flight: Arc<tokio::sync::Semaphore>,
    pub trust_forwarded_for: bool,
    /// Wakes the mail sender after a commit that queued a mail.
    pub mail_wake: Arc<tokio::sync::Notify>,
    pub retention: Retention,
    /// How long the mail sender's claims on outbox entries last.
    pub mail_lease: Duration,
    pub transport: Transport,
    pub mail_from: lettre::message::Mailbox,
    /// As configured; without it, the listening address is used once known.
    pub public_base_url: Option<String>,
    pub body_timeout: Duration,
    /// Most rows one CSV export holds.
    pub export_max_rows: u32,
    pub request_timeout: Duration,
    pub openapi_json: String,
    /// JSON Schema of the connection request, for the shape check.
    pub request_schema: serde_json::Value,
}

pub type SharedState = Arc<AppState>;
