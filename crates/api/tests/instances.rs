//! Several API instances on one PostgreSQL database, as the real binaries behind a load
//! balancer. Runs when `EFA_TEST_POSTGRES` names a PostgreSQL server (`cargo xtask test`
//! starts one); without it each test says that it was skipped.
//!
//! The main test: two instances, a few hundred submissions from concurrent clients whose
//! retries go to the other instance, some keys sent to both instances at the same moment,
//! and one instance killed with SIGKILL and restarted half-way. Afterwards every
//! acknowledged request is stored exactly once under its acknowledged reference, the
//! references are unique and without gaps, and every confirmation mail reached the real
//! SMTP server: one distinct Message-ID per request. A mail delivered again under the
//! same Message-ID (possible only when the kill lands between the SMTP server's
//! acceptance and the outbox update) is counted and reported. Each request is then
//! confirmed through the instance that did not submit it (the instances share the
//! status-token key), and operators on both instances race for the same status change.
//!
//! Beside it: instances started together (one migration run, the shared key enforced),
//! and two storage engines on one database claiming mails and running retention at the
//! same moment.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::smtp::{Smtp, confirmation_link};
use common::*;
use serde_json::{Value, json};
use tokio::sync::RwLock;

const LOGICAL_SUBMISSIONS: usize = 300;
const CONCURRENCY: usize = 16;
/// The address both instances put into their links and Message-IDs, as a load
/// balancer's name would be.
const PUBLIC: &str = "https://onboarding.example.de";

fn skipped() -> bool {
    if is_postgres() {
        return false;
    }
    eprintln!("skipped: EFA_TEST_POSTGRES names no PostgreSQL server (cargo xtask test sets it)");
    true
}

/// Starts the binary on `port` (0: any) with the database flags `db` and these extra
/// flags; returns it with the address it printed, or its error output if it stopped.
fn spawn(data: &Path, db: &[String], port: u16, extra: &[&str]) -> Result<(Child, String), String> {
    // The log goes to a file, not a pipe nobody reads while the server runs.
    std::fs::create_dir_all(data).unwrap();
    let log = data.with_extension("log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_efa-api"))
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .arg("--data-dir")
        .arg(data)
        .args(db)
        .arg("--dist")
        .arg(data.join("kein-dist"))
        .args(["--rate-limit-per-second", "0"])
        .args(["--submit-rate-limit-per-minute", "0"])
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        // Appended, so a restart keeps what the killed process wrote.
        .stderr(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)
                .unwrap(),
        )
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    match line.trim().strip_prefix("efa-api listening on ") {
        Some(base) => Ok((child, base.trim_end_matches('/').to_owned())),
        None => {
            child.wait().unwrap();
            Err(std::fs::read_to_string(&log).unwrap())
        }
    }
}

/// A started binary, killed when dropped, so a failed assertion leaves no server behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn add_operator(data: &Path, db: &[String], name: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_efa-api"))
        .arg("--data-dir")
        .arg(data)
        .args(db.iter().take(2))
        .args(["operators", "add", name, "--lands", "all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn port_of(base: &str) -> u16 {
    base.rsplit(':').next().unwrap().parse().unwrap()
}

fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    mail.lines().find_map(|l| l.strip_prefix(name))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_serve_one_database_through_a_crash() {
    if skipped() {
        return;
    }
    let smtp = Smtp::start();
    let smtp_url = smtp.url();
    let dir = tempfile::tempdir().unwrap();
    let db = database_args(dir.path()).await;
    let (data_a, data_b) = (dir.path().join("a"), dir.path().join("b"));
    let flags = [
        "--smtp-url",
        &smtp_url,
        "--public-base-url",
        PUBLIC,
        // A mail that the killed instance had claimed is sent by the others after this.
        "--mail-lease-secs",
        "5",
    ];
    let operator_a = add_operator(&data_a, &db, "anna");
    let operator_b = add_operator(&data_b, &db, "bernd");
    let (child_a, base_a) = spawn(&data_a, &db, 0, &flags).unwrap();
    let mut child_a = Running(child_a);
    let (child_b, base_b) = spawn(&data_b, &db, 0, &flags).unwrap();
    let _child_b = Running(child_b);
    let port_a = port_of(&base_a);
    let bases = Arc::new([RwLock::new(base_a.clone()), RwLock::new(base_b.clone())]);
    let deadline = Instant::now() + Duration::from_secs(90);

    let jobs: Arc<Vec<(String, Value)>> = Arc::new(
        (0..LOGICAL_SUBMISSIONS)
            .map(|i| {
                let mut body = if i % 3 == 0 { mettmann() } else { wuerzburg() };
                body["notes"] = Value::String(format!("Zwei Instanzen, Nr. {i}"));
                (new_key(), body)
            })
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(AtomicUsize::new(0));
    let failed_attempts = Arc::new(AtomicUsize::new(0));
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();

    let mut workers = Vec::new();
    for w in 0..CONCURRENCY {
        let (jobs, next, acked, failed, bases, http) = (
            jobs.clone(),
            next.clone(),
            acked.clone(),
            failed_attempts.clone(),
            bases.clone(),
            http.clone(),
        );
        workers.push(tokio::spawn(async move {
            let post = |instance: usize, key: String, body: Value| {
                let (bases, http) = (bases.clone(), http.clone());
                async move {
                    let url = format!(
                        "{}/api/v1/connection-requests",
                        bases[instance % 2].read().await
                    );
                    let r = http
                        .post(url)
                        .header("idempotency-key", key)
                        .json(&body)
                        .send()
                        .await;
                    match r {
                        Ok(r) if r.status() == 201 => r.json::<Value>().await.ok(),
                        Ok(r) => {
                            let status = r.status().as_u16();
                            assert!(status == 503 || status == 500, "unexpected {status}");
                            None
                        }
                        Err(_) => None,
                    }
                }
            };
            let mut results: Vec<(usize, Value)> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((key, body)) = jobs.get(i) else {
                    break;
                };
                let mut answers: Vec<Value> = Vec::new();
                let mut attempt = w + i;
                while answers.is_empty() && Instant::now() < deadline {
                    if i % 7 == 0 {
                        // The same key at both instances at the same moment: one stores
                        // it, the other answers with that very receipt.
                        let (x, y) = tokio::join!(
                            post(0, key.clone(), body.clone()),
                            post(1, key.clone(), body.clone())
                        );
                        answers.extend(x.into_iter().chain(y));
                    } else if let Some(v) = post(attempt, key.clone(), body.clone()).await {
                        answers.push(v);
                    }
                    if answers.is_empty() {
                        failed.fetch_add(1, Ordering::SeqCst);
                        // The retry goes to the other instance.
                        attempt += 1;
                        tokio::time::sleep(Duration::from_millis(30)).await;
                    }
                }
                if answers.is_empty() {
                    continue;
                }
                acked.fetch_add(1, Ordering::SeqCst);
                if i % 5 == 0 {
                    // Asked again at the other instance, the answer must be the same.
                    while Instant::now() < deadline {
                        if let Some(v) = post(attempt + 1, key.clone(), body.clone()).await {
                            answers.push(v);
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(30)).await;
                    }
                }
                let first = answers[0].clone();
                for a in &answers {
                    assert_eq!(a["id"], first["id"], "a replay must return the original");
                    assert_eq!(a["reference"], first["reference"]);
                    assert_eq!(a["status_token"], first["status_token"]);
                }
                results.push((i, first));
            }
            results
        }));
    }

    // Instance A dies while submissions are in full flow and comes back on its port.
    while acked.load(Ordering::SeqCst) < LOGICAL_SUBMISSIONS / 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child_a.0.kill().unwrap(); // SIGKILL
    child_a.0.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (c, b) = spawn(&data_a, &db, port_a, &flags).unwrap();
    let _restarted_a = Running(c);
    *bases[0].write().await = b;

    let mut acknowledged: HashMap<usize, Value> = HashMap::new();
    for w in workers {
        for (i, v) in w.await.unwrap() {
            acknowledged.insert(i, v);
        }
    }
    assert!(
        Instant::now() < deadline,
        "the submissions must finish in time"
    );
    assert_eq!(
        acknowledged.len(),
        LOGICAL_SUBMISSIONS,
        "every submission acknowledged"
    );
    assert!(
        failed_attempts.load(Ordering::SeqCst) > 0,
        "the crash interrupted nothing"
    );
    let ids: HashSet<String> = acknowledged
        .values()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), LOGICAL_SUBMISSIONS, "one request per submission");
    let references: HashSet<&str> = acknowledged
        .values()
        .map(|v| v["reference"].as_str().unwrap())
        .collect();
    assert_eq!(references.len(), LOGICAL_SUBMISSIONS, "references unique");

    // Every confirmation mail arrives; count the deliveries per Message-ID.
    let started = Instant::now();
    let (by_message_id, deliveries) = loop {
        let mut by_message_id: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut deliveries: BTreeMap<String, usize> = BTreeMap::new();
        for mail in smtp.messages() {
            if !mail.contains("/bestaetigen/") {
                continue;
            }
            let message_id = header(&mail, "Message-ID: ").unwrap().to_owned();
            let (id, code) = confirmation_link(&mail);
            if let Some((earlier, _)) = by_message_id.insert(message_id.clone(), (id.clone(), code))
            {
                assert_eq!(earlier, id, "{message_id} names one request");
            }
            *deliveries.entry(message_id).or_default() += 1;
        }
        let mailed: HashSet<&String> = by_message_id.values().map(|(id, _)| id).collect();
        if mailed.len() == ids.len() {
            break (by_message_id, deliveries);
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} of {} confirmation mails arrived",
            mailed.len(),
            ids.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(
        by_message_id.len(),
        LOGICAL_SUBMISSIONS,
        "one distinct Message-ID per request: no mail was queued or sent twice as a different mail"
    );
    let repeated: Vec<(&String, &usize)> = deliveries.iter().filter(|(_, n)| **n > 1).collect();
    let duplicates: usize = repeated.iter().map(|(_, n)| **n - 1).sum();
    println!(
        "two instances: {LOGICAL_SUBMISSIONS} requests, {} confirmation mails delivered, {} distinct Message-IDs, {duplicates} repeated deliveries {repeated:?}, {} failed attempts",
        deliveries.values().sum::<usize>(),
        by_message_id.len(),
        failed_attempts.load(Ordering::SeqCst)
    );
    if duplicates > 0 {
        // What the instances said about mail, to tell a crash's repeat from another cause.
        for log in [data_a.with_extension("log"), data_b.with_extension("log")] {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            for line in text.lines().filter(|l| l.contains("mail")) {
                println!("{}: {line}", log.display());
            }
        }
    }
    // A repeat needs the kill to land between the SMTP server's "250 OK" and the outbox
    // update of that one mail; each instance sends one mail at a time.
    assert!(duplicates <= 1, "repeated deliveries: {repeated:?}");

    // Each request confirmed through the instance that did not submit it... or either:
    // the code in the mail was derived by whichever instance sent it.
    let submitted_at: HashMap<String, usize> = acknowledged
        .iter()
        .map(|(i, v)| (v["id"].as_str().unwrap().to_owned(), *i))
        .collect();
    let base = [bases[0].read().await.clone(), bases[1].read().await.clone()];
    for (id, code) in by_message_id.values() {
        let at = &base[(submitted_at[id] + 1) % 2];
        let r = client()
            .post(format!("{at}/api/v1/connection-requests/{id}/confirmation"))
            .json(&json!({ "code": code }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "confirming {id}");
    }
    let confirmed: Value = client()
        .get(format!(
            "{}/api/v1/operator/connection-requests?confirmed=true&limit=1",
            base[1]
        ))
        .bearer_auth(&operator_b)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["total"], LOGICAL_SUBMISSIONS);

    // Two operators on different instances change the same request from the same
    // version at the same moment: one change wins, the other is told it is stale.
    let mut raced: Vec<&String> = ids.iter().collect();
    raced.sort();
    for id in raced.into_iter().take(12) {
        let path = format!("/api/v1/operator/connection-requests/{id}");
        let etag = client()
            .get(format!("{}{path}", base[0]))
            .bearer_auth(&operator_a)
            .send()
            .await
            .unwrap()
            .headers()["etag"]
            .to_str()
            .unwrap()
            .to_owned();
        let change = |at: &str, token: &str| {
            client()
                .post(format!("{at}{path}/status"))
                .bearer_auth(token)
                .header("if-match", &etag)
                .json(&json!({ "status": "in_pruefung" }))
                .send()
        };
        let (x, y) = tokio::join!(change(&base[0], &operator_a), change(&base[1], &operator_b));
        let mut codes = [x.unwrap().status().as_u16(), y.unwrap().status().as_u16()];
        codes.sort_unstable();
        assert_eq!(codes, [200, 412], "{id}");
        let d: Value = client()
            .get(format!("{}{path}", base[1]))
            .bearer_auth(&operator_b)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            d["history"].as_array().unwrap().len(),
            2,
            "{id}: one change"
        );
    }

    // The database behind them.
    let pg = pg_connect(&db[1]).await;
    let count = |sql: &'static str| {
        let pg = &pg;
        async move { pg.query_one(sql, &[]).await.unwrap().get::<_, i64>(0) }
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM connection_requests").await,
        LOGICAL_SUBMISSIONS as i64
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM idempotency_keys").await,
        LOGICAL_SUBMISSIONS as i64
    );
    assert_eq!(
        count("SELECT COUNT(DISTINCT document::json->>'notes') FROM connection_requests").await,
        LOGICAL_SUBMISSIONS as i64,
        "each logical submission once"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'confirmation' AND outcome = 'sent'")
            .await,
        LOGICAL_SUBMISSIONS as i64,
        "one outbox row per request, each recorded as sent"
    );
    for prefix in ["BY", "NW"] {
        let refs: Vec<String> = pg
            .query(
                "SELECT reference FROM connection_requests WHERE land = $1 ORDER BY reference",
                &[&prefix],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert!(!refs.is_empty());
        for (n, r) in refs.iter().enumerate() {
            assert!(r.ends_with(&format!("-{:06}", n + 1)), "gap at {r}");
        }
    }
    for v in acknowledged.values() {
        let stored: String = pg
            .query_one(
                "SELECT reference FROM connection_requests WHERE id = $1",
                &[&v["id"].as_str().unwrap()],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(stored, v["reference"].as_str().unwrap());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_started_together_migrate_once_and_must_share_the_key() {
    if skipped() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = database_args(dir.path()).await;
    let data: Vec<_> = (0..3).map(|i| dir.path().join(format!("d{i}"))).collect();

    // Three instances on a new database at the same moment.
    let starts: Vec<_> = data
        .iter()
        .map(|d| {
            let (d, db) = (d.clone(), db.clone());
            std::thread::spawn(move || spawn(&d, &db, 0, &[]))
        })
        .collect();
    let mut children = Vec::new();
    for s in starts {
        let (child, base) = s.join().unwrap().unwrap();
        children.push(Running(child));
        assert_eq!(get_ready(&base).await["database"], "postgresql");
    }
    let pg = pg_connect(&db[1]).await;
    let migrations: i64 = pg
        .query_one("SELECT COUNT(*) FROM schema_migrations", &[])
        .await
        .unwrap()
        .get(0);
    // Two migrations: the schema and the answers to a Rückfrage; each applied once
    // although three instances started together.
    assert_eq!(migrations, 2, "each migration applied once");

    // An instance with a key of its own would write confirmation codes the others
    // cannot check: it is refused.
    let other_key = dir.path().join("anderer.key");
    std::fs::write(&other_key, [7u8; 32]).unwrap();
    let mut wrong = db.clone();
    wrong[3] = other_key.display().to_string();
    let err = spawn(&data[0], &wrong, 0, &[]).unwrap_err();
    assert!(err.contains("status-token key differs"), "{err}");

    // PostgreSQL without a configured key does not start either, and says why.
    let err = spawn(&data[0], &db[..2], 0, &[]).unwrap_err();
    assert!(err.contains("token key file"), "{err}");
    // A key file that is not there is never made up.
    let mut missing = db.clone();
    missing[3] = dir.path().join("fehlt.key").display().to_string();
    let err = spawn(&data[0], &missing, 0, &[]).unwrap_err();
    assert!(err.contains("not found"), "{err}");
    assert!(!dir.path().join("fehlt.key").exists());
    // The URL, which may hold a password, is never repeated in an error.
    let err = spawn(
        &data[0],
        &[
            "--database-url".into(),
            "mysql://geheim@localhost/x".into(),
            "--token-key-file".into(),
            db[3].clone(),
        ],
        0,
        &[],
    )
    .unwrap_err();
    assert!(
        err.contains("database url") && !err.contains("geheim"),
        "{err}"
    );
    drop(children);
}

async fn get_ready(base: &str) -> Value {
    let r = client().get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// A request as the intake would hand it to storage, numbered `i`.
fn new_request(i: usize) -> efa_api::storage::NewRequest {
    let sha = |s: &str| efa_api::token::sha256(s.as_bytes());
    efa_api::storage::NewRequest {
        id: uuid::Uuid::new_v4().to_string(),
        idempotency_key: format!("speicher-{i}"),
        body_sha256: sha(&format!("body {i}")),
        land_iso: "BY".into(),
        ags: "09663000".into(),
        ars: "096630000000".into(),
        municipality_name: "Würzburg".into(),
        services: Vec::new(),
        schema_version: 1,
        document: "{}".into(),
        fingerprint: "0123456789abcdef".into(),
        mail_to: "poststelle@stadt-beispiel.de".into(),
        token_sha256: sha(&format!("token {i}")),
        confirmation_code_sha256: sha(&format!("code {i}")),
        received_at: efa_api::timeutil::now(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_claims_and_retention_runs_never_overlap_between_instances() {
    use efa_api::postgres::PgStorage;
    use efa_api::storage::{Delivery, RetentionPolicy, Storage};
    if skipped() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = database_args(dir.path()).await;
    // Two engines on one database, as two instances hold them.
    let a = PgStorage::open(&db[1], 4, None).await.unwrap();
    let b = PgStorage::open(&db[1], 4, None).await.unwrap();
    for i in 0..30 {
        a.submit(new_request(i)).await.unwrap();
    }
    let now = efa_api::timeutil::now() + time::Duration::minutes(1);
    let now = efa_api::timeutil::format_utc(now);
    let lease = Duration::from_secs(60);

    // Both claim at the same moment: every mail goes to exactly one of them.
    let (x, y) = tokio::join!(a.due_mails(&now, 20, lease), b.due_mails(&now, 20, lease));
    let (x, y) = (x.unwrap(), y.unwrap());
    let xs: HashSet<i64> = x.iter().map(|m| m.seq).collect();
    let ys: HashSet<i64> = y.iter().map(|m| m.seq).collect();
    assert!(xs.is_disjoint(&ys), "{xs:?} {ys:?}");
    assert_eq!(xs.len() + ys.len(), 30);
    assert!(x.iter().chain(&y).all(|m| m.request.is_some()));
    // While the leases hold, nobody takes them again.
    assert!(a.due_mails(&now, 50, lease).await.unwrap().is_empty());
    assert!(b.due_mails(&now, 50, lease).await.unwrap().is_empty());

    // Only the holder of a claim records the outcome.
    let m = &x[0];
    let other = Some("eine-andere-instanz".to_owned());
    assert!(
        !b.mail_done(m.seq, other, Delivery::Sent, &now)
            .await
            .unwrap()
    );
    assert!(
        a.mail_done(m.seq, m.claim.clone(), Delivery::Sent, &now)
            .await
            .unwrap()
    );
    assert!(
        !a.mail_done(m.seq, m.claim.clone(), Delivery::Sent, &now)
            .await
            .unwrap()
    );

    // A claim that ran out (its instance died) goes to another instance, and the old
    // holder can no longer record anything for those mails.
    let failed = Delivery::Failed {
        error: "Testfehler".into(),
        retry_at: now.clone(),
    };
    for m in &y {
        assert!(
            b.mail_done(m.seq, m.claim.clone(), failed.clone(), &now)
                .await
                .unwrap()
        );
    }
    let short = a
        .due_mails(&now, 50, Duration::from_millis(200))
        .await
        .unwrap();
    // Due again: the failed ones (their retry time has come); the rest of `x` is still
    // claimed by `a`.
    assert_eq!(short.len(), y.len());
    tokio::time::sleep(Duration::from_millis(400)).await;
    let taken = b.due_mails(&now, 50, lease).await.unwrap();
    assert_eq!(taken.len(), short.len(), "expired claims are taken again");
    let stale = &short[0];
    assert!(
        !a.mail_done(stale.seq, stale.claim.clone(), Delivery::Sent, &now)
            .await
            .unwrap()
    );

    // Retention started on both at once runs once: every expired request is deleted
    // by one of them, and one audit entry records it.
    let policy = || RetentionPolicy {
        unconfirmed_before: now.clone(),
        closed_before: "0000".into(),
        at: efa_api::timeutil::now(),
    };
    let (ra, rb) = tokio::join!(a.apply_retention(policy()), b.apply_retention(policy()));
    let deleted = ra.unwrap().deleted_unconfirmed + rb.unwrap().deleted_unconfirmed;
    assert_eq!(deleted, 30);
    let runs: Vec<_> = a
        .audit_entries(None)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "retention_unconfirmed")
        .collect();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(runs[0].row_count, 30);
}
