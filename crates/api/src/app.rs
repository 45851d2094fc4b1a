//! Start-up, the router and its middleware.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::config::Config;
use crate::db::Db;
use crate::intake::{load_catalog, load_registry};
use crate::mail::{LetterContext, Mailer, Transport};
use crate::postgres::PgStorage;
use crate::problem::Problem;
use crate::rate_limit::RateLimiter;
use crate::retention::Retention;
use crate::sqlite::SqliteStorage;
use crate::static_files::StaticSite;
use crate::storage::Storage;
use crate::token::TokenKey;
use crate::{handlers, municipalities, openapi, operator};

pub use crate::startup::StartupError;
pub use crate::state::{AppState, SharedState};

/// A configured server, ready to be served on a listener.
#[derive(Debug, Clone)]
pub struct App {
    pub state: SharedState,
    allowed_origins: Vec<String>,
}

/// Opens the database the configuration names: PostgreSQL with `--database-url`, else
/// the SQLite file in the data directory. With `key`, a shared PostgreSQL database checks
/// that every instance uses the same status-token key; the subcommands need no key.
pub async fn open_storage(
    config: &Config,
    key: Option<&TokenKey>,
) -> Result<Arc<dyn Storage>, StartupError> {
    Ok(match &config.database_url {
        Some(url) => {
            let fingerprint = key.map(TokenKey::fingerprint);
            Arc::new(
                PgStorage::open(url, config.database_max_connections, fingerprint.as_deref())
                    .await?,
            )
        }
        None => Arc::new(SqliteStorage::new(Db::open(&config.data_dir)?)),
    })
}

impl App {
    /// Validates the configuration, loads catalog and registry, opens the database and
    /// the token key. Nothing is served until all of that succeeded.
    pub async fn build(config: &Config) -> Result<App, StartupError> {
        config.check().map_err(StartupError::Config)?;
        let catalog = load_catalog(config.catalog.as_deref())?;
        let registry = load_registry()?;
        let (storage, key) = match &config.token_key_file {
            Some(path) => {
                let key = TokenKey::load(path)?;
                (open_storage(config, Some(&key)).await?, key)
            }
            None => {
                // SQLite only (the configuration check requires the file with
                // PostgreSQL): the key lives next to the database, which creates the
                // data directory first.
                let storage = open_storage(config, None).await?;
                (storage, TokenKey::load_or_create(&config.data_dir)?)
            }
        };
        let mail_from = config
            .mail_from
            .parse()
            .map_err(|_| StartupError::Config(vec![format!("mail from {:?}", config.mail_from)]))?;
        let state = AppState {
            storage,
            key,
            catalog,
            registry,
            accepted_lands: config
                .accepted_lands()
                .map_err(|e| StartupError::Config(vec![e]))?,
            site: StaticSite::new(config.dist.clone()),
            limiter: RateLimiter::new(config.rate_limit_per_second, config.rate_limit_burst),
            submit_limiter: RateLimiter::new(
                config.submit_rate_limit_per_minute / 60.0,
                config.submit_rate_limit_burst,
            ),
            in_flight: Arc::new(tokio::sync::Semaphore::new(
                usize::try_from(config.max_concurrent_requests).unwrap_or(usize::MAX),
            )),
            trust_forwarded_for: config.trust_forwarded_for,
            mail_wake: Arc::new(tokio::sync::Notify::new()),
            retention: Retention {
                unconfirmed_days: config.unconfirmed_days,
                closed_days: config.retention_days,
            },
            mail_lease: Duration::from_secs(config.mail_lease_secs),
            transport: Transport::new(config.smtp_url.as_deref(), &config.data_dir)?,
            mail_from,
            public_base_url: config
                .public_base_url
                .as_deref()
                .map(|u| u.trim_end_matches('/').to_owned()),
            body_timeout: Duration::from_secs(config.body_timeout_secs),
            export_max_rows: config.export_max_rows,
            request_timeout: Duration::from_secs(config.request_timeout_secs),
            openapi_json: openapi::json(),
            request_schema: crate::intake::request_json_schema()
                .unwrap_or(serde_json::Value::Bool(true)),
        };
        Ok(App {
            state: Arc::new(state),
            allowed_origins: config.allowed_origins(),
        })
    }

    pub fn router(&self) -> Router {
        let state = Arc::clone(&self.state);
        // Per method router rather than on the whole router: a wrong method or path must
        // still be a 405 or 404, not a 401.
        let operator_auth =
            middleware::from_fn_with_state(Arc::clone(&state), operator::authenticate);
        let api = Router::new()
            .route("/healthz", get(handlers::healthz))
            .route("/readyz", get(handlers::readyz))
            .route("/api/v1/openapi.json", get(handlers::openapi))
            // The catalog is ~100 KB of JSON and every clerk loads it: compress it (brotli
            // or gzip, as the browser accepts) — about 17 KB on the wire instead of 108 KB.
            .route(
                "/api/v1/catalog",
                get(handlers::catalog).layer(tower_http::compression::CompressionLayer::new()),
            )
            .route("/api/v1/municipalities", get(municipalities::search))
            .route("/api/v1/connection-requests", post(handlers::submit))
            .route(
                "/api/v1/connection-requests/{id}",
                get(handlers::request_status),
            )
            .route(
                "/api/v1/connection-requests/{id}/confirmation",
                post(handlers::confirm),
            )
            .route(
                "/api/v1/connection-requests/{id}/answer",
                post(handlers::answer_rueckfrage),
            )
            .route(
                "/api/v1/connection-requests/{id}/versions",
                post(handlers::submit_version),
            )
            .route(
                "/api/v1/connection-requests/{id}/document",
                get(handlers::request_document),
            )
            .route(
                "/api/v1/operator/connection-requests",
                get(operator::list).route_layer(operator_auth.clone()),
            )
            .route(
                "/api/v1/operator/connection-requests.csv",
                get(operator::export_csv).route_layer(operator_auth.clone()),
            )
            .route(
                "/api/v1/operator/connection-requests/{id}",
                get(operator::fetch)
                    .delete(operator::erase)
                    .route_layer(operator_auth.clone()),
            )
            .route(
                "/api/v1/operator/connection-requests/{id}/versions/{version}",
                get(operator::fetch_version).route_layer(operator_auth.clone()),
            )
            .route(
                "/api/v1/operator/connection-requests/{id}/compare",
                get(operator::compare_versions).route_layer(operator_auth.clone()),
            )
            .route(
                "/api/v1/operator/me",
                get(operator::me).route_layer(operator_auth.clone()),
            )
            .route(
                "/api/v1/operator/connection-requests/{id}/status",
                post(operator::change_status).route_layer(operator_auth),
            )
            .route("/api", any(api_not_found))
            .route("/api/", any(api_not_found))
            .route("/api/{*rest}", any(api_not_found))
            .method_not_allowed_fallback(method_not_allowed)
            .fallback(static_site)
            .with_state(Arc::clone(&state));

        let cors = (!self.allowed_origins.is_empty()).then(|| {
            let origins: Vec<HeaderValue> = self
                .allowed_origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok())
                .collect();
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([
                    header::CONTENT_TYPE,
                    header::AUTHORIZATION,
                    header::IF_NONE_MATCH,
                    header::IF_MATCH,
                    HeaderName::from_static("idempotency-key"),
                ])
                .expose_headers([header::ETAG, header::LOCATION, header::RETRY_AFTER])
                .max_age(Duration::from_secs(600))
        });

        // Layers run outside-in in reverse order of these calls: security headers wrap
        // everything (so even panics and 429s carry them), then panic catching, logging,
        // CORS (so browsers can read 429s and 503s), the cap on requests in flight, the
        // rate limits and finally the timeout.
        let mut router = api
            .layer(middleware::from_fn_with_state(Arc::clone(&state), timeout))
            .layer(middleware::from_fn_with_state(
                Arc::clone(&state),
                rate_limit,
            ))
            .layer(middleware::from_fn_with_state(
                Arc::clone(&state),
                concurrency_cap,
            ));
        if let Some(cors) = cors {
            router = router.layer(cors);
        }
        router
            .layer(middleware::from_fn(access_log))
            .layer(CatchPanicLayer::custom(|_| {
                Problem::internal().into_response()
            }))
            .layer(middleware::from_fn_with_state(state, security_headers))
    }
}

/// Serves the app on `listener` until `shutdown` completes, then lets in-flight requests
/// finish and closes idle connections.
///
/// Own accept loop instead of `axum::serve`, because that one sets no timer on hyper:
/// without it a client could hold a connection forever by trickling header bytes. Here
/// the request head must arrive within the body timeout.
pub async fn serve(
    listener: TcpListener,
    app: &App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = app.router();
    let header_timeout = app.state.body_timeout;
    let (stop_workers, workers_stop) = tokio::sync::watch::channel(false);
    let workers = start_workers(app, &listener, workers_stop);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, remote) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                // A connection reset before accept or a full file table passes; back off
                // instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(remote));
                router.clone().oneshot(req.map(axum::body::Body::new))
            });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // Resets and timeouts end connections all the time; not worth more than debug.
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed with error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    let _ = stop_workers.send(true);
    for w in workers {
        let _ = w.await;
    }
    Ok(())
}

/// The mail sender and the retention runs, for as long as the server serves.
fn start_workers(
    app: &App,
    listener: &TcpListener,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let state = &app.state;
    let public_base_url = state.public_base_url.clone().unwrap_or_else(|| {
        listener
            .local_addr()
            .map_or_else(|_| "http://localhost".to_owned(), |a| format!("http://{a}"))
    });
    let mailer = Mailer {
        storage: Arc::clone(&state.storage),
        transport: state.transport.clone(),
        from: state.mail_from.clone(),
        key: state.key.clone(),
        context: LetterContext {
            public_base_url,
            unconfirmed_days: state.retention.unconfirmed_days,
        },
        wake: Arc::clone(&state.mail_wake),
        lease: state.mail_lease,
    };
    vec![
        tokio::spawn(mailer.run(stop.clone())),
        tokio::spawn(state.retention.run(Arc::clone(&state.storage), stop)),
    ]
}

async fn api_not_found() -> Problem {
    Problem::not_found()
}

async fn method_not_allowed() -> Problem {
    Problem::method_not_allowed()
}

async fn static_site(
    State(state): State<SharedState>,
    method: Method,
    headers: HeaderMap,
    req: Request,
) -> Response {
    state.site.serve(&method, req.uri().path(), &headers).await
}

async fn security_headers(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, state.site.csp());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

/// The address a client is counted under for rate limiting.
fn client_ip(state: &AppState, req: &Request) -> IpAddr {
    if state.trust_forwarded_for {
        // The proxy appends the address it saw; earlier entries are client-supplied.
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|s| s.trim().parse::<IpAddr>().ok());
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
}

fn is_probe(path: &str) -> bool {
    path == "/healthz" || path == "/readyz"
}

/// Requests that create, confirm or answer something: the stricter limit applies to them.
fn is_submission(method: &Method, path: &str) -> bool {
    method == Method::POST
        && path.starts_with("/api/v1/connection-requests")
        && (path == "/api/v1/connection-requests"
            || path.ends_with("/confirmation")
            || path.ends_with("/answer")
            || path.ends_with("/versions"))
}

async fn rate_limit(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    // Health probes come from the orchestrator and must never be throttled.
    let path = req.uri().path();
    if is_probe(path) {
        return next.run(req).await;
    }
    let ip = client_ip(&state, &req);
    let now = Instant::now();
    let submission = is_submission(req.method(), path);
    let limited = state
        .limiter
        .as_ref()
        .and_then(|l| l.check(ip, now).err())
        .or_else(|| {
            submission
                .then_some(state.submit_limiter.as_ref())
                .flatten()
                .and_then(|l| l.check(ip, now).err())
        });
    if let Some(wait) = limited {
        tracing::warn!(submission, "request rate limited");
        return Problem::too_many_requests(wait.as_secs_f64().ceil().max(1.0) as u64)
            .into_response();
    }
    next.run(req).await
}

/// At most `--max-concurrent-requests` requests are handled at once; one more is
/// answered at once with 503 and `Retry-After`, instead of piling up until every
/// request times out. Health probes are always answered.
async fn concurrency_cap(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    if is_probe(req.uri().path()) {
        return next.run(req).await;
    }
    let Ok(_permit) = Arc::clone(&state.in_flight).try_acquire_owned() else {
        tracing::warn!("request refused: too many requests in flight");
        return Problem::overloaded().into_response();
    };
    next.run(req).await
}

async fn timeout(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(state.request_timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            tracing::warn!("request timed out");
            Problem::processing_timeout().into_response()
        }
    }
}

/// One line per request: method, route template (never the concrete path or query, which
/// could carry personal data), status and duration. No bodies, no headers, no addresses.
async fn access_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("static", |p| p.as_str())
        .to_owned();
    let started = Instant::now();
    let resp = next.run(req).await;
    let status = resp.status().as_u16();
    let ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    match status {
        500 | 501 | 502 | 504.. => tracing::error!(%method, route, status, ms, "request"),
        // 503 means "try again" (timeouts, database busy, app not built): worth a look,
        // not an alarm.
        503 | 429 => tracing::warn!(%method, route, status, ms, "request"),
        _ => tracing::info!(%method, route, status, ms, "request"),
    }
    resp
}
