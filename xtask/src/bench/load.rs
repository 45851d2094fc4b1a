//! Load generators for the API part: an own closed-loop driver that posts new requests,
//! and oha for the replay path.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;

use super::figures::{num, percentile};
use crate::{cmd, output_of, say};

/// Seconds of load per concurrency level.
pub(super) const LOAD_SECONDS: u64 = 5;

/// The oha release installed for the replay run.
pub(super) const OHA_VERSION: &str = "1.16.0";

/// oha from the Rust package registry, for the replay run; only the bench needs it.
pub(super) fn oha() -> Result<()> {
    let found = output_of(Command::new("oha").arg("--version")).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(OHA_VERSION) {
        return Ok(());
    }
    say(&format!(
        "installing oha {OHA_VERSION} from the Rust package registry (HTTP load generator, takes a few minutes once)"
    ));
    cmd(Command::new("cargo").args(["install", "--locked", &format!("oha@{OHA_VERSION}")]))
}

pub(super) struct LoadResult {
    pub(super) ok: u64,
    pub(super) errors: u64,
    pub(super) seconds: f64,
    pub(super) p50_ms: f64,
    pub(super) p99_ms: f64,
}

impl LoadResult {
    pub(super) fn describe(&self) -> String {
        format!(
            "{:.0} req/s · p50 {:.2} ms · p99 {:.2} ms · {} ok, {} failed",
            self.ok as f64 / self.seconds,
            self.p50_ms,
            self.p99_ms,
            self.ok,
            self.errors
        )
    }
}

/// A closed-loop load driver: `concurrency` threads, each with one keep-alive HTTP/1.1
/// connection, posting the body with a fresh Idempotency-Key per request until the time is
/// up. Written here because oha sends the same headers with every request, which would only
/// exercise the replay path. With several addresses (instances), thread `t` talks to
/// address `t mod n`, as a round-robin load balancer spreads connections.
pub(super) fn drive(
    addrs: &[String],
    body: &[u8],
    concurrency: usize,
    label: &str,
) -> Result<LoadResult> {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut handles = Vec::new();
    for t in 0..concurrency {
        let addr = addrs
            .get(t % addrs.len().max(1))
            .context("no address to load")?;
        let (addr, body, stop, label) = (
            addr.to_string(),
            body.to_vec(),
            stop.clone(),
            label.to_string(),
        );
        handles.push(std::thread::spawn(move || -> Result<(Vec<f64>, u64)> {
            let mut conn = Conn::open(&addr)?;
            let mut lat = Vec::new();
            let mut errors = 0;
            let mut seq = 0u64;
            while !stop.load(Ordering::Relaxed) {
                seq += 1;
                let key = format!("bench-{label}-{t}-{seq}-{}", std::process::id());
                let t0 = Instant::now();
                match conn.post(&body, &key) {
                    Ok(201) => lat.push(t0.elapsed().as_secs_f64() * 1000.0),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        conn = Conn::open(&addr)?;
                    }
                }
            }
            Ok((lat, errors))
        }));
    }
    std::thread::sleep(Duration::from_secs(LOAD_SECONDS));
    stop.store(true, Ordering::Relaxed);
    let mut lat = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().map_err(|_| anyhow!("a load thread panicked"))??;
        lat.extend(l);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(LoadResult {
        ok: lat.len() as u64,
        errors,
        seconds,
        p50_ms: percentile(&lat, 0.5),
        p99_ms: percentile(&lat, 0.99),
    })
}

pub(super) fn post_once(addr: &str, body: &[u8], key: &str) -> Result<u16> {
    Conn::open(addr)?.post(body, key)
}

/// One keep-alive HTTP/1.1 connection to the API.
struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    host: String,
}

impl Conn {
    fn open(addr: &str) -> Result<Conn> {
        let s = TcpStream::connect(addr).with_context(|| format!("connect {addr}"))?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        let writer = s.try_clone()?;
        Ok(Conn {
            reader: BufReader::new(s),
            writer,
            host: addr.to_string(),
        })
    }

    /// Posts a connection request; returns the status after reading the whole answer.
    fn post(&mut self, body: &[u8], key: &str) -> Result<u16> {
        let head = format!(
            "POST /api/v1/connection-requests HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n",
            self.host,
            body.len()
        );
        let mut req = head.into_bytes();
        req.extend_from_slice(body);
        self.writer.write_all(&req)?;
        self.read_response()
    }

    fn read_response(&mut self) -> Result<u16> {
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {line:?}"))?;
        let (mut length, mut chunked) = (0usize, false);
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v
                    .trim()
                    .parse()
                    .map_err(|_| anyhow!("bad content-length {l:?}"))?;
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                    .map_err(|_| anyhow!("bad chunk size {line:?}"))?;
                let mut skip = vec![0u8; size + 2];
                self.reader.read_exact(&mut skip)?;
                if size == 0 {
                    break;
                }
            }
        } else {
            let mut skip = vec![0u8; length];
            self.reader.read_exact(&mut skip)?;
        }
        Ok(status)
    }
}

pub(super) fn oha_run(
    base: &str,
    body_file: &Path,
    key: &str,
    concurrency: usize,
) -> Result<LoadResult> {
    let url = format!("{base}/api/v1/connection-requests");
    let out = Command::new("oha")
        .args(["--no-tui", "--output-format", "json", "-m", "POST", "-w"])
        .args([
            "-c",
            &concurrency.to_string(),
            "-z",
            &format!("{LOAD_SECONDS}s"),
        ])
        .args([
            "-H",
            &format!("Idempotency-Key: {key}"),
            "-T",
            "application/json",
            "-D",
        ])
        .arg(body_file)
        .arg(&url)
        .output()
        .context("cannot run oha")?;
    if !out.status.success() {
        bail!("oha failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let v: Value = serde_json::from_slice(&out.stdout).context("oha printed unreadable JSON")?;
    let codes = v
        .get("statusCodeDistribution")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    // A replay answers with the original status, 201.
    let ok: u64 = codes
        .iter()
        .filter(|(code, _)| code.starts_with('2'))
        .filter_map(|(_, n)| n.as_u64())
        .sum();
    let all: u64 = codes.values().filter_map(Value::as_u64).sum();
    let errors = all - ok
        + v.get("errorDistribution")
            .and_then(Value::as_object)
            .map_or(0, |m| m.values().filter_map(Value::as_u64).sum());
    let summary = v.get("summary").cloned().unwrap_or(Value::Null);
    let lp = v.get("latencyPercentiles").cloned().unwrap_or(Value::Null);
    Ok(LoadResult {
        ok,
        errors,
        seconds: num(&summary, "total"),
        p50_ms: num(&lp, "p50") * 1000.0,
        p99_ms: num(&lp, "p99") * 1000.0,
    })
}
