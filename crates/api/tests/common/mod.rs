//! Shared test support: an in-process server on a real socket with a real database (a
//! SQLite file in a temporary directory, or a fresh database on the PostgreSQL server
//! that `EFA_TEST_POSTGRES` names), a raw HTTP/1.1 client for requests that reqwest would
//! normalise, and valid connection-request fixtures built with the domain crate.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use clap::Parser;
use efa_api::{App, Config, accounts};
use efa_domain::catalog::{Catalog, Channel};
use efa_domain::ident::Ags;
use efa_domain::land::Land;
use efa_domain::registry::Registry;
use efa_domain::request::{Address, ChannelChoice, ConnectionRequest};
use serde_json::Value;

pub mod smtp;

/// The PostgreSQL server the tests run against, as `postgres://user@host:port` (without
/// a database); unset, they run against SQLite. `cargo xtask test` runs the API's tests
/// once without it and once with a throw-away server of its own.
pub fn postgres_server() -> Option<String> {
    std::env::var("EFA_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
}

pub fn is_postgres() -> bool {
    postgres_server().is_some()
}

/// Connects to a database of the test server, for checks that look behind the API.
pub async fn pg_connect(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
}

/// A new, empty database on the test server; returns its URL.
pub async fn create_pg_database(server: &str) -> String {
    let admin = pg_connect(&format!("{server}/postgres")).await;
    let name = format!("efa_test_{}", uuid::Uuid::new_v4().simple());
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    format!("{server}/{name}")
}

/// Where a test directory keeps the URL of its PostgreSQL database, so that a restart on
/// the same directory uses the same database.
const DATABASE_URL_FILE: &str = "database-url";
/// The status-token key file of a test directory on PostgreSQL (outside the data
/// directory, as a deployment would keep it).
const KEY_FILE: &str = "status-token.key";

/// The flags that select the test directory's database: none for SQLite (the data
/// directory holds it), `--database-url` and `--token-key-file` for PostgreSQL, whose
/// database and key are made on first use and then kept with the directory.
pub async fn database_args(dir: &std::path::Path) -> Vec<String> {
    let Some(server) = postgres_server() else {
        return Vec::new();
    };
    let url_file = dir.join(DATABASE_URL_FILE);
    let url = match std::fs::read_to_string(&url_file) {
        Ok(url) => url,
        Err(_) => {
            let url = create_pg_database(&server).await;
            std::fs::write(&url_file, &url).unwrap();
            url
        }
    };
    let key = dir.join(KEY_FILE);
    if !key.exists() {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).unwrap();
        std::fs::write(&key, bytes).unwrap();
    }
    vec![
        "--database-url".into(),
        url,
        "--token-key-file".into(),
        key.display().to_string(),
    ]
}

/// Only the `--database-url` part of [`database_args`], for the subcommands.
pub async fn database_url_args(dir: &std::path::Path) -> Vec<String> {
    database_args(dir).await.into_iter().take(2).collect()
}

/// Name of the operator account every test server has, with every Land.
pub const OPERATOR: &str = "test";
/// Where the test server keeps that account's token, so that a restart on the same
/// directory can use the account again (the database holds only its hash).
const TOKEN_FILE: &str = "test-operator-token";

pub struct Server {
    pub base: String,
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    pub app: App,
    operator_token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Server {
    /// A server with default limits and the operator account [`OPERATOR`].
    pub async fn start() -> Server {
        Server::start_with(&[]).await
    }

    /// A server with exactly these extra flags (data and dist dirs are always set) and
    /// the operator account [`OPERATOR`] for every Land.
    pub async fn start_with(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Server::start_in(dir, extra).await
    }

    pub async fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let data = dir.path().join("data");
        let dist = dir.path().join("dist");
        let mut args: Vec<String> = vec![
            "efa-api".into(),
            "--data-dir".into(),
            data.display().to_string(),
            "--dist".into(),
            dist.display().to_string(),
        ];
        args.extend(database_args(dir.path()).await);
        // Tests submit hundreds of requests from one address; the stricter submission
        // limit is tested where a test asks for it.
        if !extra.iter().any(|a| a.starts_with("--submit-rate-limit")) {
            args.extend(["--submit-rate-limit-per-minute".into(), "0".into()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let config = Config::try_parse_from(args).unwrap();
        let app = App::build(&config).await.unwrap();
        // Created the way `efa-api operators add test --lands all` creates it.
        let token_file = dir.path().join(TOKEN_FILE);
        let operator_token = match std::fs::read_to_string(&token_file) {
            Ok(t) => t,
            Err(_) => {
                let t = app
                    .state
                    .storage
                    .add_account(OPERATOR, &Land::ALL)
                    .await
                    .unwrap();
                std::fs::write(&token_file, &t).unwrap();
                t
            }
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let served = app.clone();
        let task = tokio::spawn(async move {
            efa_api::serve(listener, &served, async move {
                let _ = rx.await;
            })
            .await
        });
        Server {
            base: format!("http://{addr}"),
            addr,
            dir,
            app,
            operator_token,
            stop: Some(tx),
            task: Some(task),
        }
    }

    /// The token of the operator account [`OPERATOR`].
    pub fn operator_token(&self) -> &str {
        &self.operator_token
    }

    /// Creates another operator account, as `efa-api operators add` does, and returns
    /// its token.
    pub async fn add_operator(&self, name: &str, lands: &str) -> String {
        let lands = accounts::parse_lands(lands).unwrap();
        self.app
            .state
            .storage
            .add_account(name, &lands)
            .await
            .unwrap()
    }

    /// Revokes an operator account, as `efa-api operators revoke` does.
    pub async fn revoke_operator(&self, name: &str) {
        self.app.state.storage.revoke_account(name).await.unwrap();
    }

    /// The whole audit log, as `efa-api audit` reads it.
    pub async fn audit_log(&self) -> Vec<efa_api::audit::Entry> {
        self.app.state.storage.audit_entries(None).await.unwrap()
    }

    /// The URL of the server's PostgreSQL database, if it runs on one.
    pub fn database_url(&self) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join(DATABASE_URL_FILE)).ok()
    }

    /// Runs one SQL statement on the server's database behind the API's back, as an
    /// administrator with a database tool would; the error message if it is refused.
    pub async fn sql(&self, sql: &str) -> Result<u64, String> {
        match self.database_url() {
            Some(url) => pg_connect(&url).await.execute(sql, &[]).await.map_err(|e| {
                e.as_db_error()
                    .map_or_else(|| e.to_string(), |db| db.message().to_owned())
            }),
            None => rusqlite::Connection::open(self.data_dir().join("efa-api.sqlite3"))
                .unwrap()
                .execute(sql, [])
                .map(|n| n as u64)
                .map_err(|e| e.to_string()),
        }
    }

    /// Whether `needle` is anywhere in what the database holds. SQLite: the bytes of its
    /// file and write-ahead log, including free pages. PostgreSQL: every live row of every
    /// table as text (its files keep old row versions until VACUUM reuses their space;
    /// see the README on erasure).
    pub async fn stored_anywhere(&self, needle: &str) -> bool {
        let needle = needle.as_bytes();
        let found = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        match self.database_url() {
            Some(url) => {
                let c = pg_connect(&url).await;
                let tables: Vec<String> = c
                    .query(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
                        &[],
                    )
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.get(0))
                    .collect();
                assert!(tables.len() >= 8, "{tables:?}");
                for table in tables {
                    let text: Option<String> = c
                        .query_one(
                            &format!("SELECT string_agg(t::text, E'\n') FROM {table} t"),
                            &[],
                        )
                        .await
                        .unwrap()
                        .get(0);
                    if text.is_some_and(|t| found(t.as_bytes())) {
                        return true;
                    }
                }
                false
            }
            None => {
                let db = std::fs::read(self.data_dir().join("efa-api.sqlite3")).unwrap();
                let wal =
                    std::fs::read(self.data_dir().join("efa-api.sqlite3-wal")).unwrap_or_default();
                found(&db) || found(&wal)
            }
        }
    }

    /// Makes the database unreachable for the server, as a lost file or a database
    /// server that went away would: SQLite's data directory is moved aside; the
    /// PostgreSQL database refuses connections and its open ones are ended.
    pub async fn take_database_away(&self) {
        match self.database_url() {
            Some(url) => {
                let name = url.rsplit('/').next().unwrap().to_owned();
                let admin = pg_connect(&format!("{}/postgres", postgres_server().unwrap())).await;
                admin
                    .batch_execute(&format!(
                        "ALTER DATABASE {name} ALLOW_CONNECTIONS false;
                         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';"
                    ))
                    .await
                    .unwrap();
            }
            None => std::fs::rename(self.data_dir(), self.dir.path().join("data-weg")).unwrap(),
        }
    }

    /// Undoes [`Server::take_database_away`].
    pub async fn bring_database_back(&self) {
        match self.database_url() {
            Some(url) => {
                let name = url.rsplit('/').next().unwrap().to_owned();
                let admin = pg_connect(&format!("{}/postgres", postgres_server().unwrap())).await;
                admin
                    .batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
                    .await
                    .unwrap();
            }
            None => std::fs::rename(self.dir.path().join("data-weg"), self.data_dir()).unwrap(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn dist_dir(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    /// Stops the server and hands back its directory, e.g. to restart on the same data.
    pub async fn stop(mut self) -> tempfile::TempDir {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
        }
        let dir = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.dir, dir)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

pub fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// POSTs a submission with a fresh Idempotency-Key.
pub async fn submit(server: &Server, body: &Value) -> reqwest::Response {
    submit_with_key(server, body, &new_key()).await
}

pub async fn submit_with_key(server: &Server, body: &Value, key: &str) -> reqwest::Response {
    client()
        .post(server.url("/api/v1/connection-requests"))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

pub async fn operator_get(server: &Server, path: &str) -> reqwest::Response {
    client()
        .get(server.url(path))
        .bearer_auth(server.operator_token())
        .send()
        .await
        .unwrap()
}

pub async fn set_status(
    server: &Server,
    id: &str,
    status: &str,
    note: Option<&str>,
) -> reqwest::Response {
    client()
        .post(server.url(&format!("/api/v1/operator/connection-requests/{id}/status")))
        .bearer_auth(server.operator_token())
        .json(&serde_json::json!({ "status": status, "note": note }))
        .send()
        .await
        .unwrap()
}

/// The status code of a plain GET of `path`.
pub async fn get_status(server: &Server, path: &str) -> u16 {
    client()
        .get(server.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// The municipality's view of a request: its status URL with its status token, both
/// from the receipt `created`.
pub async fn public_status(server: &Server, created: &Value) -> Value {
    let r = client()
        .get(server.url(created["status_url"].as_str().unwrap()))
        .bearer_auth(created["status_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// The seconds of a `Retry-After` header.
pub fn retry_after(resp: &reqwest::Response) -> u64 {
    resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

pub async fn assert_healthy(server: &Server) {
    let r = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200, "server must stay up");
}

/// Asserts the response is a problem with `status` and returns its JSON.
pub async fn problem(resp: reqwest::Response, status: u16) -> Value {
    let got = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = resp.text().await.unwrap();
    assert_eq!(got, status, "body: {text}");
    assert_eq!(ct, "application/problem+json", "body: {text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["status"], status);
    assert!(v["type"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(v["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(v["detail"].as_str().is_some_and(|t| !t.is_empty()));
    v
}

/// Sends raw bytes as one HTTP/1.1 request and returns the status code and the whole
/// answer (the connection is closed by `Connection: close`).
pub fn raw_request(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

pub fn raw_get(addr: SocketAddr, path: &str) -> (u16, String) {
    raw_request(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

// ── fixtures ─────────────────────────────────────────────────────────────────────────────

pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::parse(include_str!("../../../../public/data/registry.tsv")).unwrap())
}

pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| {
        Catalog::from_json(include_str!("../../../../public/catalog/efa-catalog.json")).unwrap()
    })
}

/// Two connectable services of the shipped catalog: one that accepts PDF download and
/// one more, each with a channel it accepts. Chosen from the catalog rather than named,
/// so the fixtures follow catalog edits.
fn pick_services() -> Vec<(String, ChannelChoice)> {
    let cat = catalog();
    let connectable = || {
        cat.services()
            .iter()
            .filter(|s| s.offer_type.is_connectable())
    };
    let mut picked = Vec::new();
    if let Some(s) = connectable().find(|s| s.offers_channel(Channel::PdfDownload) == Some(true)) {
        picked.push((
            s.id.clone(),
            ChannelChoice::PdfDownload {
                funktionspostfach: "antraege@stadt-beispiel.de".into(),
            },
        ));
    }
    if let Some(s) = connectable()
        .filter(|s| picked.iter().all(|(id, _)| id != &s.id))
        .find(|s| s.offers_channel(Channel::Email) != Some(false))
    {
        picked.push((
            s.id.clone(),
            ChannelChoice::Email {
                address: "fachamt@stadt-beispiel.de".into(),
            },
        ));
    }
    assert!(
        !picked.is_empty(),
        "the shipped catalog has no connectable service for the fixtures"
    );
    picked
}

/// A complete, valid request for the registry entry with this AGS.
pub fn request_for(ags: &str, street: &str, plz: &str, ort: &str) -> ConnectionRequest {
    let entry = registry().by_ags(&Ags::parse(ags).unwrap()).unwrap();
    let mut r = efa_domain::sample::request("2026-03-02T09:00:00+01:00");
    r.updated_at = "2026-03-02T10:30:00+01:00".into();
    r.set_municipality(entry);
    let address = Address {
        street: street.into(),
        plz: plz.into(),
        ort: ort.into(),
    };
    r.municipality.address = address.clone();
    r.services = pick_services()
        .into_iter()
        .map(|(id, channel)| {
            efa_domain::sample::service(&id, channel, &address, entry.ars().as_str())
        })
        .collect();
    r.notes = "Bitte Rückruf vor Terminabstimmung.\nDanke!".into();
    if let Err(errors) = r.validate(catalog(), registry()) {
        panic!("fixture for {ags} is invalid: {errors:?}");
    }
    r
}

/// Stadt Würzburg (kreisfreie Stadt, Bayern): AGS 09663000, ARS 096630000000.
pub fn wuerzburg_request() -> ConnectionRequest {
    let r = request_for("09663000", "Rückermainstraße 2", "97070", "Würzburg");
    assert_eq!(r.municipality.ars, "096630000000");
    r
}

pub fn wuerzburg() -> Value {
    serde_json::to_value(wuerzburg_request()).unwrap()
}

/// Kreis Mettmann (Nordrhein-Westfalen), a Kreis entry: AGS 05158000.
pub fn mettmann() -> Value {
    serde_json::to_value(request_for(
        "05158000",
        "Düsseldorfer Straße 26",
        "40822",
        "Mettmann",
    ))
    .unwrap()
}

/// Minimal RFC 4180 reader for checking the export: rows of cells, CRLF line ends, quoted
/// cells may hold commas, quotes and line breaks.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut cell)),
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                _ => cell.push(c),
            }
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(cell.is_empty() && row.is_empty(), "last line without CRLF");
    rows
}

/// `value` percent-encoded for a query string (`+` and `:` included).
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
