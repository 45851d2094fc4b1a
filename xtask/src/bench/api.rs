//! The API part: connection-request intake under load on SQLite (section 6, next to the
//! disk's fsync rate) and on PostgreSQL with one and two instances (6b).

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::figures::percentile;
use super::load::{LOAD_SECONDS, drive, oha_run, post_once};
use super::report::{Line, PG_P99_MS, Report};
use crate::build::Server;
use crate::scratch::temp_dir;
use crate::{pg, root, say, setup};

/// Concurrency levels of the SQLite runs.
const CONCURRENCY: &[usize] = &[1, 16, 64];
/// Concurrency levels of the PostgreSQL runs (one and two instances).
const PG_CONCURRENCY: &[usize] = &[16, 64];

/// The intake on SQLite, fresh keys with the own driver and replays with oha, between two
/// measurements of the data directory's raw fsync rate.
pub(super) fn sqlite(report: &mut Report) -> Result<()> {
    let body = std::fs::read(root().join("crates/api/tests/fixtures/wuerzburg.json"))
        .context("crates/api/tests/fixtures/wuerzburg.json")?;
    let server = Server::start(&[
        "--rate-limit-per-second",
        "0",
        "--submit-rate-limit-per-minute",
        "0",
    ])?;
    let addr = server.base.trim_start_matches("http://").to_string();

    say("measuring the raw fsync rate of the data directory");
    let fsync_before = fsync_rate(server.data_dir(), Duration::from_secs(2))?;

    let mut rows = Vec::new();
    for &c in CONCURRENCY {
        say(&format!(
            "intake with fresh idempotency keys, concurrency {c}, {LOAD_SECONDS} s"
        ));
        rows.push((
            format!("  new requests, c={c} (own driver)"),
            drive(std::slice::from_ref(&addr), &body, c, &format!("fresh-{c}"))?,
        ));
    }
    let fsync_after = fsync_rate(server.data_dir(), Duration::from_secs(2))?;

    // The replay path: one stored request, then the same key and body again and again.
    let replay_key = "bench-replay-0001";
    let first = post_once(&addr, &body, replay_key)?;
    if first != 201 {
        bail!("the first replay submission answered {first}, expected 201");
    }
    let mut replays = Vec::new();
    let dir = temp_dir("efa-bench-oha")?;
    let body_file = dir.path().join("body.json");
    std::fs::write(&body_file, &body)?;
    for &c in CONCURRENCY {
        say(&format!(
            "replays of one stored request (oha), concurrency {c}, {LOAD_SECONDS} s"
        ));
        replays.push((
            format!("  replays, c={c} (oha)"),
            oha_run(&server.base, &body_file, replay_key, c)?,
        ));
    }
    drop(server);

    let lines = report.section(format!(
        "6. API: POST /api/v1/connection-requests, release build, fresh SQLite (WAL, synchronous=FULL), rate limits off, {LOAD_SECONDS} s per level"
    ));
    // Every 201 is one SQLite commit with one fsync of the WAL, and SQLite has no group
    // commit: the disk's fsync rate bounds the intake rate at any concurrency.
    lines.push(Line::new(
        "  raw fsync rate of the data dir, before the load",
        format!(
            "{} (4 KiB pwrite + fdatasync, 2 s)",
            fsync_before.describe()
        ),
    ));
    lines.push(Line::new(
        "  raw fsync rate of the data dir, after the load",
        format!(
            "{} (the physical bound; it varies on a shared disk)",
            fsync_after.describe()
        ),
    ));
    for (what, r) in rows.iter().chain(&replays) {
        lines.push(Line::new(what.clone(), r.describe()));
    }
    Ok(())
}

/// The same intake on PostgreSQL: a throw-away server on the same disk with its default
/// durability (every commit flushed), one API instance and then two on one database,
/// the load spread evenly over them.
pub(super) fn postgres(report: &mut Report) -> Result<()> {
    let body = std::fs::read(root().join("crates/api/tests/fixtures/wuerzburg.json"))
        .context("crates/api/tests/fixtures/wuerzburg.json")?;
    let bin = setup::postgresql()?;
    let cluster = pg::Cluster::start(&bin, pg::Durability::Full)?;
    let keys = temp_dir("efa-bench-key")?;
    let key = keys.path().join("status-token.key");
    let mut random = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut random))
        .context("/dev/urandom")?;
    std::fs::write(&key, random).with_context(|| key.display().to_string())?;
    let key = key.display().to_string();

    let mut rows = Vec::new();
    for instances in [1usize, 2] {
        let url = cluster.create_database(&format!("bench_{instances}"))?;
        let args = [
            "--rate-limit-per-second",
            "0",
            "--submit-rate-limit-per-minute",
            "0",
            "--database-url",
            &url,
            "--token-key-file",
            &key,
        ];
        let servers = (0..instances)
            .map(|_| Server::start(&args))
            .collect::<Result<Vec<_>>>()?;
        let addrs: Vec<String> = servers
            .iter()
            .map(|s| s.base.trim_start_matches("http://").to_string())
            .collect();
        for &c in PG_CONCURRENCY {
            say(&format!(
                "intake on PostgreSQL, {instances} instance(s), concurrency {c}, {LOAD_SECONDS} s"
            ));
            let r = drive(&addrs, &body, c, &format!("pg{instances}-{c}"))?;
            rows.push((instances, c, r));
        }
    }
    drop(cluster);

    let lines = report.section(format!(
        "6b. API on PostgreSQL ({}, throw-away server on the same disk, fsync and synchronous_commit on): the same POST, fresh database, {LOAD_SECONDS} s per level",
        pg::version(&bin).trim_start_matches("postgres (PostgreSQL) ")
    ));
    for (instances, c, r) in rows {
        let what = match instances {
            1 => format!("  new requests, 1 instance, c={c}"),
            n => format!("  new requests, {n} instances, c={c}"),
        };
        lines.push(Line::new(what, r.describe()).with_budget(r.p99_ms, PG_P99_MS, "ms p99"));
    }
    // Said with the figures, so nobody reads the second instance's figures as its gain.
    lines.push(Line::new(
        "  (both instances share this machine's cores with the database and the load",
        "generator: the 2-instance lines show the cost of coordinating, not the gain of a second machine)",
    ));
    Ok(())
}

/// The disk's raw durable-write rate: write one 4 KiB block (a WAL frame's size) and
/// fdatasync, in a loop, for `time`.
struct Fsync {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

impl Fsync {
    fn describe(&self) -> String {
        format!(
            "{:.0}/s · p50 {:.2} ms · p99 {:.2} ms",
            self.per_second, self.p50_ms, self.p99_ms
        )
    }
}

fn fsync_rate(dir: &Path, time: Duration) -> Result<Fsync> {
    use std::os::unix::fs::FileExt;
    let path = dir.join("fsync-probe");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .read(true)
        .write(true)
        .open(&path)
        .with_context(|| path.display().to_string())?;
    let block = vec![0x5au8; 4096];
    file.write_all_at(&vec![0u8; 4096 * 256], 0)?;
    file.sync_all()?;
    let start = Instant::now();
    let mut lat = Vec::new();
    while start.elapsed() < time {
        let t = Instant::now();
        file.write_all_at(&block, (lat.len() as u64 % 256) * 4096)?;
        file.sync_data()?;
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&path);
    Ok(Fsync {
        per_second: lat.len() as f64 / secs,
        p50_ms: percentile(&lat, 0.5),
        p99_ms: percentile(&lat, 0.99),
    })
}
