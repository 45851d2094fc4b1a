//! The real binary under SIGKILL and SIGTERM.
//!
//! Crash: a few hundred logical submissions are sent concurrently, each retried with its
//! own Idempotency-Key until it is acknowledged, while the server is killed with SIGKILL
//! twice and restarted. Afterwards every acknowledged request is stored exactly once with
//! the acknowledged reference, nothing else is stored twice, and the reference numbers
//! have no gaps (allocation is part of the submission's transaction).
//!
//! Confirmations run alongside: a confirmer reads each confirmation mail as it lands in
//! the outbox folder and confirms the request through the API, retrying across the
//! crashes. In the end every request has exactly one confirmation mail queued, was
//! delivered (at least once, and a repeat carries the same Message-ID), and is confirmed.
//!
//! Shutdown: SIGTERM while a request is still being received; the request is finished
//! and stored, then the process exits cleanly.
//!
//! Both run against SQLite or, with `EFA_TEST_POSTGRES`, against PostgreSQL.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;
use tokio::sync::RwLock;

const LOGICAL_SUBMISSIONS: usize = 240;
const CONCURRENCY: usize = 12;

/// Creates an operator account for every Land with the binary's own subcommand and
/// returns the token it printed. `db`: the flags of [`database_args`].
fn add_operator(data: &Path, db: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_efa-api"))
        .arg("--data-dir")
        .arg(data)
        .args(db.iter().take(2))
        .args(["operators", "add", "crash-test", "--lands", "all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Starts the binary and returns it with the address it printed.
fn spawn_server(data: &Path, db: &[String], port: u16) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_efa-api"))
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .arg("--data-dir")
        .arg(data)
        .args(db)
        // On PostgreSQL the mails a killed instance had claimed wait for their lease to
        // run out (60 s by default) before they are sent again; short here, so the
        // test needs no long wait.
        .args(["--mail-lease-secs", "5"])
        .arg("--dist")
        .arg(data.join("kein-dist"))
        .args(["--rate-limit-per-second", "0"])
        .args(["--submit-rate-limit-per-minute", "0"])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .trim()
        .strip_prefix("efa-api listening on ")
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    (child, base)
}

fn port_of(base: &str) -> u16 {
    base.rsplit(':').next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_submission_survives_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = database_args(dir.path()).await;
    let operator_token = add_operator(&data, &db);
    let (child, base) = spawn_server(&data, &db, 0);
    let port = port_of(&base);
    let base = Arc::new(RwLock::new(base));
    let deadline = Instant::now() + Duration::from_secs(40);

    // Each logical submission: its key and a body that differs from all others.
    let jobs: Vec<(String, Value)> = (0..LOGICAL_SUBMISSIONS)
        .map(|i| {
            let mut body = if i % 3 == 0 { mettmann() } else { wuerzburg() };
            body["notes"] = Value::String(format!("Absturztest Nr. {i}"));
            (new_key(), body)
        })
        .collect();
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(AtomicUsize::new(0));
    let failed_attempts = Arc::new(AtomicUsize::new(0));
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();

    let confirmer = tokio::spawn(confirm_from_outbox(
        data.join("outbox"),
        base.clone(),
        http.clone(),
        deadline,
    ));

    let mut workers = Vec::new();
    for _ in 0..CONCURRENCY {
        let (jobs, next, acked, base, http) = (
            jobs.clone(),
            next.clone(),
            acked.clone(),
            base.clone(),
            http.clone(),
        );
        let failed_attempts = failed_attempts.clone();
        workers.push(tokio::spawn(async move {
            let mut results: Vec<(usize, Value)> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((key, body)) = jobs.get(i) else {
                    break;
                };
                let mut answers = Vec::new();
                while Instant::now() < deadline {
                    let url = format!("{}/api/v1/connection-requests", base.read().await);
                    match http
                        .post(url)
                        .header("idempotency-key", key)
                        .json(body)
                        .send()
                        .await
                    {
                        Ok(r) if r.status() == 201 => {
                            if let Ok(v) = r.json::<Value>().await {
                                answers.push(v);
                                acked.fetch_add(1, Ordering::SeqCst);
                                // A second ask with the same key must agree with the first
                                // answer, even across a crash in between.
                                if answers.len() == 2 || i % 5 != 0 {
                                    break;
                                }
                            }
                        }
                        Ok(r) => {
                            let status = r.status().as_u16();
                            assert!(status == 503 || status == 500, "unexpected {status}");
                            failed_attempts.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(30)).await;
                        }
                        Err(_) => {
                            failed_attempts.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(30)).await;
                        }
                    }
                }
                if let Some(first) = answers.first() {
                    for a in &answers {
                        assert_eq!(a["id"], first["id"], "a replay must return the original");
                        assert_eq!(a["reference"], first["reference"]);
                        assert_eq!(a["status_token"], first["status_token"]);
                    }
                    results.push((i, first.clone()));
                }
            }
            results
        }));
    }

    // Kill twice while the submissions are in full flow, restart on the same port.
    let mut child = child;
    for kill_at in [LOGICAL_SUBMISSIONS / 4, LOGICAL_SUBMISSIONS / 2] {
        while acked.load(Ordering::SeqCst) < kill_at && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let (c, b) = spawn_server(&data, &db, port);
        child = c;
        *base.write().await = b;
    }

    let mut acknowledged: HashMap<usize, Value> = HashMap::new();
    for w in workers {
        for (i, v) in w.await.unwrap() {
            acknowledged.insert(i, v);
        }
    }
    assert!(Instant::now() < deadline, "the run must finish in time");
    assert_eq!(
        acknowledged.len(),
        LOGICAL_SUBMISSIONS,
        "every submission was acknowledged in the end"
    );
    // With a dozen clients sending without pause, the kills hit requests in flight.
    assert!(
        failed_attempts.load(Ordering::SeqCst) > 0,
        "the crashes interrupted nothing"
    );

    // Every request confirmed through its mail, across the crashes.
    let mails = confirmer.await.unwrap();
    let ids: HashSet<&str> = acknowledged
        .values()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    let mailed: HashSet<&str> = mails.values().map(String::as_str).collect();
    assert_eq!(
        mailed, ids,
        "every acknowledged request got its confirmation mail"
    );

    // What the operator sees.
    let base_url = base.read().await.clone();
    let confirmed: Value = client()
        .get(format!(
            "{base_url}/api/v1/operator/connection-requests?confirmed=true&limit=1"
        ))
        .bearer_auth(&operator_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        confirmed["total"], LOGICAL_SUBMISSIONS,
        "every request confirmed"
    );
    let list: Value = client()
        .get(format!(
            "{base_url}/api/v1/operator/connection-requests?limit=500"
        ))
        .bearer_auth(&operator_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(
        list["total"], LOGICAL_SUBMISSIONS,
        "no duplicates, nothing lost"
    );
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for item in items {
        assert!(
            seen.insert(
                item["id"].as_str().unwrap(),
                item["reference"].as_str().unwrap()
            )
            .is_none()
        );
    }
    for v in acknowledged.values() {
        let id = v["id"].as_str().unwrap();
        assert_eq!(
            seen.get(id),
            Some(&v["reference"].as_str().unwrap()),
            "acknowledged {id} is stored as acknowledged"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // The database itself: one row per logical submission, gap-free numbering, and
    // every request has its idempotency row and its first history entry.
    let stored = Stored::open(&data, &db).await;
    stored.check_integrity();
    let notes = stored
        .texts(
            "SELECT json_extract(document, '$.notes') FROM connection_requests",
            "SELECT document::json->>'notes' FROM connection_requests",
            None,
        )
        .await;
    assert_eq!(
        notes.iter().collect::<HashSet<_>>().len(),
        notes.len(),
        "each logical submission once"
    );
    let orphans = stored
        .counts(
            "SELECT COUNT(*) FROM connection_requests c
             WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.request_id = c.id)
                OR NOT EXISTS (SELECT 1 FROM status_history h WHERE h.request_id = c.id)",
        )
        .await;
    assert_eq!(orphans, [0]);
    // The outbox row is written with the submission: exactly one per request, all sent.
    let outbox = stored
        .counts(
            "SELECT COUNT(*), COUNT(DISTINCT request_id), COUNT(*) FILTER (WHERE sent_at IS NULL)
             FROM mail_outbox WHERE kind = 'confirmation'",
        )
        .await;
    assert_eq!(
        outbox,
        [LOGICAL_SUBMISSIONS as i64, LOGICAL_SUBMISSIONS as i64, 0]
    );
    for prefix in ["BY", "NW"] {
        let sql = "SELECT reference FROM connection_requests WHERE land = $1 ORDER BY reference";
        let refs = stored.texts(sql, sql, Some(prefix)).await;
        for (n, r) in refs.iter().enumerate() {
            assert!(
                r.starts_with(&format!("{prefix}-")) && r.ends_with(&format!("-{:06}", n + 1)),
                "gap at {r}"
            );
        }
    }
}

/// The database behind the server, read directly.
enum Stored {
    Sqlite(rusqlite::Connection),
    Postgres(tokio_postgres::Client),
}

impl Stored {
    async fn open(data: &Path, db: &[String]) -> Stored {
        match db.get(1) {
            Some(url) => Stored::Postgres(pg_connect(url).await),
            None => {
                Stored::Sqlite(rusqlite::Connection::open(data.join("efa-api.sqlite3")).unwrap())
            }
        }
    }

    /// SQLite's own check of its file; PostgreSQL's files are not the API's to check.
    fn check_integrity(&self) {
        if let Stored::Sqlite(conn) = self {
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(check, "ok");
        }
    }

    /// The first column of every row, as text; `sqlite` and `pg` are the query in each
    /// dialect, `arg` its one parameter.
    async fn texts(&self, sqlite: &str, pg: &str, arg: Option<&str>) -> Vec<String> {
        match self {
            Stored::Sqlite(conn) => {
                let mut stmt = conn.prepare(sqlite).unwrap();
                stmt.query_map(rusqlite::params_from_iter(arg), |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            Stored::Postgres(client) => {
                let rows = match arg {
                    Some(a) => client.query(pg, &[&a]).await,
                    None => client.query(pg, &[]).await,
                };
                rows.unwrap().iter().map(|r| r.get(0)).collect()
            }
        }
    }

    /// The one row of a query of counts, in both dialects alike.
    async fn counts(&self, sql: &str) -> Vec<i64> {
        match self {
            Stored::Sqlite(conn) => {
                let mut stmt = conn.prepare(sql).unwrap();
                let n = stmt.column_count();
                stmt.query_row([], |r| (0..n).map(|i| r.get(i)).collect())
                    .unwrap()
            }
            Stored::Postgres(client) => {
                let row = client.query_one(sql, &[]).await.unwrap();
                (0..row.len()).map(|i| row.get(i)).collect()
            }
        }
    }
}

/// Reads confirmation mails from the outbox folder as they appear and confirms each
/// request, retrying through crashes, until `LOGICAL_SUBMISSIONS` are confirmed or the
/// deadline passes. Returns Message-ID → request id; a mail written twice (a crash
/// between delivery and marking it sent) must repeat its Message-ID.
async fn confirm_from_outbox(
    outbox: std::path::PathBuf,
    base: Arc<RwLock<String>>,
    http: reqwest::Client,
    deadline: Instant,
) -> HashMap<String, String> {
    let mut by_message_id: HashMap<String, String> = HashMap::new();
    let mut done: HashSet<String> = HashSet::new();
    let mut seen_files: HashSet<std::path::PathBuf> = HashSet::new();
    while done.len() < LOGICAL_SUBMISSIONS && Instant::now() < deadline + Duration::from_secs(20) {
        let mut fresh = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&outbox) {
            for e in entries.filter_map(Result::ok) {
                let path = e.path();
                if path.extension().is_some_and(|x| x == "eml") && seen_files.insert(path.clone()) {
                    fresh.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        if fresh.is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        }
        for mail in fresh {
            let message_id = mail
                .lines()
                .find_map(|l| l.strip_prefix("Message-ID: "))
                .unwrap()
                .to_owned();
            let (id, code) = common::smtp::confirmation_link(&mail);
            if let Some(earlier) = by_message_id.insert(message_id.clone(), id.clone()) {
                assert_eq!(earlier, id, "{message_id} names one request");
            }
            while !done.contains(&id) && Instant::now() < deadline + Duration::from_secs(20) {
                let url = format!(
                    "{}/api/v1/connection-requests/{id}/confirmation",
                    base.read().await
                );
                match http
                    .post(url)
                    .json(&serde_json::json!({ "code": code }))
                    .send()
                    .await
                {
                    // 409: an earlier attempt was committed, its answer lost in a crash.
                    Ok(r) if r.status() == 200 || r.status() == 409 => {
                        done.insert(id.clone());
                    }
                    Ok(r) => {
                        let status = r.status().as_u16();
                        assert!(
                            status == 503 || status == 500,
                            "confirmation: unexpected {status}"
                        );
                        tokio::time::sleep(Duration::from_millis(30)).await;
                    }
                    Err(_) => tokio::time::sleep(Duration::from_millis(30)).await,
                }
            }
        }
    }
    by_message_id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_request_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = database_args(dir.path()).await;
    let operator_token = add_operator(&data, &db);
    let (mut child, base) = spawn_server(&data, &db, 0);
    let addr: std::net::SocketAddr = base.trim_start_matches("http://").parse().unwrap();
    let body = serde_json::to_vec(&wuerzburg()).unwrap();
    let pid = child.id().to_string();

    let answer = tokio::task::spawn_blocking(move || {
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        let head = format!(
            "POST /api/v1/connection-requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Idempotency-Key: sigterm-1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        c.write_all(head.as_bytes()).unwrap();
        let (first, rest) = body.split_at(body.len() / 2);
        c.write_all(first).unwrap();
        c.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(300));
        c.write_all(rest).unwrap();
        let mut buf = Vec::new();
        let _ = c.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");

    let started = Instant::now();
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");

    let (mut child, base) = spawn_server(&data, &db, 0);
    let list: Value = client()
        .get(format!("{base}/api/v1/operator/connection-requests"))
        .bearer_auth(&operator_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    child.kill().unwrap();
    child.wait().unwrap();
}
