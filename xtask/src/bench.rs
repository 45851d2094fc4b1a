//! `cargo xtask bench`: measures the release build and prints figures next to the budgets.
//!
//! Budgets are checked here and only here, never as timed assertions in tests: timings on a
//! shared two-core machine vary, and a flaky test teaches people to ignore failures.
//!
//! What it measures (each part can be chosen with `--only`):
//! - `transfer`: bytes of everything Chromium downloads to show the start page (until its
//!   load event), then in the background while the clerk reads it (the app), and up to the
//!   municipality step, and what the API serves for each of them as identity, gzip and
//!   brotli;
//! - `tti`: navigation start → the start action is usable, and the click on it → the app
//!   has drawn the next step; cold loads, on localhost and with a slow network and a four
//!   times slower CPU;
//! - `municipality`: registry download and keystroke → suggestions on `/kommune`;
//! - `catalog`: search and filter latency on `/leistungen`, shipped and 5,000 services;
//! - `documents`: the size of the PDF module (its wasm with the embedded fonts, and its JS
//!   glue) and PDF generation, natively and in Chromium;
//! - `api`: connection-request intake under load, next to the disk's fsync rate, on SQLite
//!   and on PostgreSQL with one and with two API instances;
//! - `peer`: the size of SurveyJS's form library next to our first load.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;

use crate::build::{self, Server};
use crate::scratch::temp_dir;
use crate::{cmd, human, output_of, pg, root, say, setup};

const PARTS: &[&str] = &[
    "transfer",
    "tti",
    "municipality",
    "catalog",
    "documents",
    "api",
    "peer",
];

/// Budgets, in one place.
const START_PAGE_BR_KB: f64 = 150.0;
const WASM_BR_KB: f64 = 120.0;
const REGISTRY_BR_KB: f64 = 200.0;
const TTI_MEDIAN_MS: f64 = 300.0;
const MUNICIPALITY_P95_MS: f64 = 8.0;
const CATALOG_P95_MS: f64 = 16.0;
/// The PDF module as the browser downloads it (wasm with the embedded fonts, plus its JS).
const PDF_MODULE_BR_KB: f64 = 200.0;
/// Anschlussantrag and Offene Punkte for 50 services, generated in Chromium (median).
const PDF_50_SERVICES_MS: f64 = 300.0;

/// Services in the generated catalog for the large-catalog run.
const LARGE_CATALOG: usize = 5_000;
/// Seconds of load per concurrency level.
const LOAD_SECONDS: u64 = 5;
const CONCURRENCY: &[usize] = &[1, 16, 64];
/// Concurrency levels of the PostgreSQL runs (one and two instances).
const PG_CONCURRENCY: &[usize] = &[16, 64];
/// p99 of a submission on PostgreSQL, at any of those levels: a clerk's "Absenden"
/// should answer within half a second even while 64 others submit.
const PG_P99_MS: f64 = 500.0;
/// The oha release installed for the replay run.
const OHA_VERSION: &str = "1.16.0";

struct Options {
    parts: BTreeSet<&'static str>,
    loads: u32,
    build: bool,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        parts: PARTS.iter().copied().collect(),
        loads: 20,
        build: true,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--only" => {
                let list = it
                    .next()
                    .context("--only needs a comma-separated list of parts")?;
                o.parts = BTreeSet::new();
                for p in list.split(',') {
                    let known = PARTS.iter().find(|k| **k == p.trim()).with_context(|| {
                        format!("unknown bench part `{p}`; known: {}", PARTS.join(", "))
                    })?;
                    o.parts.insert(known);
                }
            }
            "--loads" => {
                let n = it.next().context("--loads needs a number")?;
                o.loads = n
                    .parse()
                    .map_err(|_| anyhow!("--loads: not a number: {n}"))?;
            }
            "--no-build" => o.build = false,
            other => {
                bail!(
                    "unknown option `{other}` for bench\n\nusage: cargo xtask bench [--only {}] [--loads N] [--no-build]",
                    PARTS.join(",")
                );
            }
        }
    }
    Ok(o)
}

/// A verdict against a budget: the measured value must not exceed the limit.
#[derive(Clone, Copy)]
struct Budget {
    value: f64,
    limit: f64,
    unit: &'static str,
}

/// One line of the report.
struct Line {
    what: String,
    figure: String,
    budget: Option<Budget>,
}

impl Line {
    fn new(what: impl Into<String>, figure: impl Into<String>) -> Line {
        Line {
            what: what.into(),
            figure: figure.into(),
            budget: None,
        }
    }

    fn with_budget(mut self, value: f64, limit: f64, unit: &'static str) -> Line {
        self.budget = Some(Budget { value, limit, unit });
        self
    }

    fn verdict(&self) -> String {
        match self.budget {
            Some(b) if b.value <= b.limit => format!("pass (≤ {} {})", b.limit, b.unit),
            Some(b) => format!("FAIL (> {} {})", b.limit, b.unit),
            None => String::new(),
        }
    }
}

struct Section {
    title: String,
    lines: Vec<Line>,
}

#[derive(Default)]
struct Report {
    sections: Vec<Section>,
}

impl Report {
    fn section(&mut self, title: impl Into<String>) -> &mut Vec<Line> {
        self.sections.push(Section {
            title: title.into(),
            lines: Vec::new(),
        });
        let last = self.sections.len() - 1;
        &mut self.sections[last].lines
    }

    /// One line per figure: what, the verdict (if it has a budget), the figure.
    fn print(&self) {
        let lines = || self.sections.iter().flat_map(|s| &s.lines);
        let what_w = lines().map(|l| l.what.chars().count()).max().unwrap_or(0);
        let verdict_w = lines()
            .map(|l| l.verdict().chars().count())
            .max()
            .unwrap_or(0);
        for s in &self.sections {
            println!("\n{}", s.title);
            for l in &s.lines {
                println!(
                    "  {:<what_w$}  {:<verdict_w$}  {}",
                    l.what,
                    l.verdict(),
                    l.figure
                );
            }
        }
        // Each judged line with the number of its section ("4b."), so that the summary
        // tells the shipped and the generated catalog apart.
        let judged: Vec<(&str, &Line)> = self
            .sections
            .iter()
            .flat_map(|s| {
                let number = s.title.split_whitespace().next().unwrap_or("");
                s.lines.iter().map(move |l| (number, l))
            })
            .filter(|(_, l)| l.budget.is_some())
            .collect();
        let failed: Vec<&(&str, &Line)> = judged
            .iter()
            .filter(|(_, l)| l.budget.is_some_and(|b| b.value > b.limit))
            .collect();
        println!(
            "\nbudgets: {} passed, {} failed",
            judged.len() - failed.len(),
            failed.len()
        );
        for (number, l) in failed {
            println!("  FAIL  {number} {}: {}", l.what.trim(), l.figure);
        }
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let opts = options(args)?;
    let started = Instant::now();
    if opts.build {
        crate::build_tools()?;
        build::app()?;
        build::api()?;
    }
    let browser_parts = ["transfer", "tti", "municipality", "catalog", "documents"];
    if browser_parts.iter().any(|p| opts.parts.contains(p)) || opts.parts.contains("peer") {
        setup::chromium()?;
        setup::node()?;
        setup::npm_packages()?;
    }
    if opts.parts.contains("api") {
        oha()?;
        setup::postgresql()?;
    }

    let mut report = Report::default();
    let dist_before = dist_fingerprint();
    let mut our_start_br = None;

    let browser_wanted: Vec<&str> = ["transfer", "tti", "municipality", "catalog"]
        .into_iter()
        .filter(|p| opts.parts.contains(p))
        .collect();
    if !browser_wanted.is_empty() {
        let server = Server::start(&["--rate-limit-per-second", "0"])?;
        let result = browser_bench(&server, &browser_wanted, opts.loads, None)?;
        drop(server);
        if let Some(t) = result.get("transfer") {
            our_start_br = Some(transfer_lines(t, &mut report)?);
        }
        if result.get("tti").is_some() {
            tti_lines(&result, opts.loads, &mut report);
        }
        if let Some(m) = result.get("municipality") {
            municipality_lines(m, &mut report);
        }
        if let Some(c) = result.get("catalog") {
            let lines =
                report.section("4. Catalog search and filters on /leistungen (shipped catalog)");
            catalog_lines(c, lines);
        }
    }
    if opts.parts.contains("catalog") {
        large_catalog(&mut report)?;
    }
    if opts.parts.contains("documents") {
        pdf_module_size(&mut report)?;
        documents(&mut report)?;
        pdf_in_app(&mut report)?;
    }
    if opts.parts.contains("api") {
        api(&mut report)?;
        api_postgres(&mut report)?;
    }
    if opts.parts.contains("peer") {
        peer(&mut report, our_start_br)?;
    }

    println!("\n═══ cargo xtask bench ═══");
    println!("{}", environment());
    report.print();
    if dist_fingerprint() != dist_before {
        println!(
            "\nwarning: dist/ changed while the bench ran; the figures may mix two builds. Run again."
        );
    }
    println!("\nbench took {}", human(started.elapsed()));
    Ok(())
}

fn environment() -> String {
    let rev = output_of(
        Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(root()),
    )
    .unwrap_or_default();
    let dirty = output_of(
        Command::new("git")
            .args(["status", "--porcelain"])
            .current_dir(root()),
    )
    .is_some_and(|s| !s.trim().is_empty());
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let wasm = dist_file(&root().join("dist"), "_bg.wasm").map(|p| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    format!(
        "commit {}{} · {} CPUs ({cpu}) · {}",
        rev.trim(),
        if dirty { " (work tree modified)" } else { "" },
        cpus,
        wasm.unwrap_or_else(|| "no wasm in dist/".into())
    )
}

/// Names and sizes of the hashed assets in dist/, to notice a rebuild under our feet.
fn dist_fingerprint() -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = std::fs::read_dir(root().join("dist"))
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    Some((
                        e.file_name().to_string_lossy().into_owned(),
                        e.metadata().ok()?.len(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn dist_file(dist: &Path, suffix: &str) -> Option<PathBuf> {
    std::fs::read_dir(dist)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
}

// ── browser part ─────────────────────────────────────────────────────────────────────────

fn browser_bench(
    server: &Server,
    parts: &[&str],
    loads: u32,
    queries: Option<&str>,
) -> Result<Value> {
    let out = temp_dir("efa-bench")?;
    let file = out.path().join("browser.json");
    let mut c = Command::new("node");
    c.arg("bench/browser.mjs")
        .current_dir(root().join("tests/e2e"))
        .env("EFA_BASE_URL", &server.base)
        .env("EFA_BENCH_OUT", &file)
        .env("EFA_BENCH_PARTS", parts.join(","))
        .env("EFA_BENCH_LOADS", loads.to_string());
    if let Some(q) = queries {
        c.env("EFA_BENCH_CATALOG_QUERIES", q);
    }
    cmd(&mut c)?;
    let text = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
    serde_json::from_str(&text).context("bench/browser.mjs wrote unreadable JSON")
}

fn num(v: &Value, key: &str) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN)
}

/// The array under `key`, or none (a part that did not run leaves it out).
fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Returns our start page's brotli total in bytes (for the peer comparison).
fn transfer_lines(t: &Value, report: &mut Report) -> Result<f64> {
    let lines = report.section(
        "1. First-load transfer (release build as the API serves it: raw / gzip / brotli; wire = bytes Chromium received, with its encoding)",
    );
    let entries = |key: &str| -> Result<Vec<&Value>> {
        Ok(t.get(key)
            .and_then(Value::as_array)
            .context("transfer: missing entries")?
            .iter()
            .collect())
    };
    let start = entries("start")?;
    let after_load = |e: &&Value| e.get("afterLoad").and_then(Value::as_bool) == Some(true);
    let shown: Vec<&Value> = start.iter().copied().filter(|e| !after_load(e)).collect();
    let background: Vec<&Value> = start.iter().copied().filter(after_load).collect();
    let municipality = entries("municipality")?;
    let later: Vec<&Value> = municipality
        .iter()
        .copied()
        .filter(|e| !is_start_asset(e.get("path").and_then(Value::as_str).unwrap_or("?"), t))
        .collect();

    let shown_br = transfer_group(
        lines,
        "start page, until its load event (what it takes to show and use it)",
        &shown,
        &shown,
        Some(START_PAGE_BR_KB),
    );
    transfer_group(
        lines,
        "start page and the app's background download after the load event, while the clerk reads",
        &start,
        &background,
        None,
    );
    transfer_group(
        lines,
        "up to the municipality step (cumulative)",
        &municipality,
        &later,
        None,
    );
    let sent = start
        .first()
        .and_then(|e| e.get("acceptEncoding"))
        .and_then(Value::as_str)
        .unwrap_or("?");
    lines.push(Line::new(
        "  Accept-Encoding sent by Chromium",
        sent.to_string(),
    ));
    Ok(shown_br)
}

/// A total over `all` (with a budget in KB brotli, if any), then one line per entry of
/// `listed` (the ones not listed in an earlier group). Returns the brotli total in bytes.
fn transfer_group(
    lines: &mut Vec<Line>,
    title: &str,
    all: &[&Value],
    listed: &[&Value],
    budget_kb: Option<f64>,
) -> f64 {
    let (mut raw, mut gz, mut br, mut wire) = (0.0, 0.0, 0.0, 0.0);
    for e in all {
        raw += num(e, "raw");
        gz += num(e, "gzip");
        br += num(e, "br");
        let w = num(e, "wire");
        if w.is_finite() {
            wire += w;
        }
    }
    let mut total = Line::new(
        format!("  {title}: {} requests", all.len()),
        format!("{} / {} / {}  wire {}", kb(raw), kb(gz), kb(br), kb(wire)),
    );
    if let Some(limit) = budget_kb {
        total = total.with_budget(br / 1000.0, limit, "KB br");
    }
    lines.push(total);
    for e in listed {
        let path = e.get("path").and_then(Value::as_str).unwrap_or("?");
        let (r, g, b, w) = (num(e, "raw"), num(e, "gzip"), num(e, "br"), num(e, "wire"));
        let enc = e.get("wireEncoding").and_then(Value::as_str).unwrap_or("?");
        let possible = num(e, "brPossible");
        let uncompressed = e.get("brEncoding").and_then(Value::as_str) == Some("identity");
        let mut l = Line::new(
            format!("    {}", short(path)),
            format!(
                "{} / {} / {}  wire {} ({enc}){}",
                kb(r),
                kb(g),
                kb(b),
                kb(w),
                if uncompressed {
                    format!(" — sent uncompressed; brotli would be {}", kb(possible))
                } else {
                    String::new()
                }
            ),
        );
        if path.ends_with(".wasm") {
            l = l.with_budget(b / 1000.0, WASM_BR_KB, "KB br");
        }
        if path.ends_with("/data/registry.tsv") {
            l = l.with_budget(b / 1000.0, REGISTRY_BR_KB, "KB br");
        }
        lines.push(l);
    }
    br
}

fn is_start_asset(path: &str, t: &Value) -> bool {
    items(t, "start")
        .iter()
        .any(|e| e.get("path").and_then(Value::as_str) == Some(path))
}

/// Hashed file names are long; keep the part that says what it is.
fn short(path: &str) -> String {
    if path.chars().count() > 40 {
        format!("{}…", path.chars().take(39).collect::<String>())
    } else {
        path.to_string()
    }
}

/// Nearest-rank percentile of unsorted samples.
fn percentile(values: &[f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn ms_stats(values: &[f64]) -> String {
    format!(
        "median {:.1} ms · p95 {:.1} ms · max {:.1} ms (n={})",
        percentile(values, 0.5),
        percentile(values, 0.95),
        percentile(values, 1.0),
        values.len()
    )
}

fn tti_lines(result: &Value, loads: u32, report: &mut Report) {
    let lines = report.section(
        "2. Time to interactive: navigation start → \"Starten\" usable (the start-up script has taken over the static start page); then click → the app has drawn the overview. Cold loads, new context each",
    );
    let later = (loads / 4).max(1);
    let runs = |key: &str| items(result, key);
    for (key, idle_key, what, budget) in [
        ("tti", "ttiIdle", "localhost", true),
        (
            "ttiThrottled",
            "ttiThrottledIdle",
            "400 kbit/s, 400 ms RTT, CPU ÷4",
            false,
        ),
    ] {
        let early = runs(key);
        let tti: Vec<f64> = early.iter().map(|r| num(r, "tti")).collect();
        let fcp: Vec<f64> = early.iter().map(|r| num(r, "fcp")).collect();
        let mut line = Line::new(
            format!("  {what}, {loads} cold loads: \"Starten\" usable"),
            ms_stats(&tti),
        );
        if budget {
            line = line.with_budget(percentile(&tti, 0.5), TTI_MEDIAN_MS, "ms median");
        }
        lines.push(line);
        lines.push(Line::new("    first contentful paint", ms_stats(&fcp)));
        let click: Vec<f64> = early.iter().map(|r| num(r, "clickToApp")).collect();
        lines.push(Line::new(
            "    click at once → overview drawn by the app",
            ms_stats(&click),
        ));
        let idle: Vec<f64> = runs(idle_key)
            .iter()
            .map(|r| num(r, "clickToApp"))
            .collect();
        lines.push(Line::new(
            format!("    click after the background download ({later} loads) → overview"),
            ms_stats(&idle),
        ));
    }
}

/// Per-interaction samples: (to the DOM update, for those that changed the DOM; to the end of
/// the app's handling, for all).
fn interactions<'a>(samples: impl Iterator<Item = &'a Value>) -> (Vec<f64>, Vec<f64>) {
    let (mut dom, mut handled) = (Vec::new(), Vec::new());
    for s in samples {
        if let Some(ms) = s.get("domMs").and_then(Value::as_f64) {
            dom.push(ms);
        }
        handled.push(num(s, "handledMs"));
    }
    (dom, handled)
}

fn query_samples(q: &Value) -> impl Iterator<Item = &Value> {
    items(q, "samples").iter()
}

/// The per-query lines and the two summary lines of a typing benchmark.
fn typing_lines(
    lines: &mut Vec<Line>,
    queries: &[Value],
    end_key: &str,
    end_label: &str,
    what: &str,
    budget: f64,
) {
    for q in queries {
        let (dom, handled) = interactions(query_samples(q));
        let name = q.get("query").and_then(Value::as_str).unwrap_or("?");
        lines.push(Line::new(
            format!(
                "    \"{name}\" ({} {end_label} at the end)",
                num(q, end_key)
            ),
            format!(
                "DOM median {:.1} · max {:.1} ms; handled max {:.1} ms",
                percentile(&dom, 0.5),
                percentile(&dom, 1.0),
                percentile(&handled, 1.0)
            ),
        ));
    }
    let (dom, handled) = interactions(queries.iter().flat_map(query_samples));
    lines.push(
        Line::new(
            format!(
                "  keystroke → {what} in the DOM ({} of {} keystrokes changed it)",
                dom.len(),
                handled.len()
            ),
            ms_stats(&dom),
        )
        .with_budget(percentile(&dom, 0.95), budget, "ms p95"),
    );
    lines.push(Line::new(
        "  keystroke → app done, main thread free (all keystrokes)",
        ms_stats(&handled),
    ));
}

fn municipality_lines(m: &Value, report: &mut Report) {
    let lines = report.section(
        "3. Municipality search on /kommune (full registry; keystroke → listbox updated, measured in the page)",
    );
    let loads = items(m, "loads");
    let fetch: Vec<f64> = loads.iter().map(|l| num(l, "fetchMs")).collect();
    let ready: Vec<f64> = loads.iter().map(|l| num(l, "readyMs")).collect();
    if let Some(first) = loads.first() {
        lines.push(Line::new(
            format!("  registry download, {} cold loads", loads.len()),
            format!(
                "median {:.0} ms, {} on the wire → {} decoded",
                percentile(&fetch, 0.5),
                kb(num(first, "encoded")),
                kb(num(first, "decoded"))
            ),
        ));
    }
    lines.push(Line::new(
        "  request start → search ready (download + parse)",
        format!(
            "median {:.0} ms · max {:.0} ms",
            percentile(&ready, 0.5),
            percentile(&ready, 1.0)
        ),
    ));
    let queries = items(m, "keystrokes");
    typing_lines(
        lines,
        queries,
        "suggestions",
        "suggestions",
        "suggestions",
        MUNICIPALITY_P95_MS,
    );
}

fn catalog_lines(c: &Value, lines: &mut Vec<Line>) {
    lines.push(Line::new(
        format!(
            "  page load → list of {} services rendered",
            num(c, "services")
        ),
        format!("{:.0} ms", num(c, "firstRenderMs")),
    ));
    let queries = items(c, "queries");
    typing_lines(
        lines,
        queries,
        "shown",
        "services",
        "results",
        CATALOG_P95_MS,
    );
    let (dom, handled) = interactions(items(c, "filters").iter());
    lines.push(
        Line::new(
            "  filter change (channel) → results in the DOM",
            ms_stats(&dom),
        )
        .with_budget(percentile(&dom, 0.95), CATALOG_P95_MS, "ms p95"),
    );
    lines.push(Line::new(
        "  filter change → app done, main thread free",
        ms_stats(&handled),
    ));
}

/// The same catalog page with a generated catalog of 5,000 services, served by the API
/// with `--catalog`.
fn large_catalog(report: &mut Report) -> Result<()> {
    say(&format!("generating a catalog of {LARGE_CATALOG} services"));
    let dir = temp_dir("efa-bench-catalog")?;
    let file = dir.path().join("catalog.json");
    let json = efa_domain::catalog::synthetic(LARGE_CATALOG)
        .to_json_pretty()
        .context("cannot serialise the generated catalog")?;
    std::fs::write(&file, json).with_context(|| file.display().to_string())?;
    let path = file.to_string_lossy().into_owned();
    let server = Server::start(&["--rate-limit-per-second", "0", "--catalog", &path])?;
    // "dienst 4711" keeps all 5,000 for seven keystrokes, then narrows to 2,084, 199, 15, 1;
    // typed five times, so the p95 rests on 20 list changes.
    let result = browser_bench(
        &server,
        &["catalog"],
        0,
        Some(r#"["dienst 4711", "dienst 4711", "dienst 4711", "dienst 4711", "dienst 4711"]"#),
    )?;
    let lines = report.section(format!(
        "4b. Catalog search and filters on /leistungen (generated catalog, {LARGE_CATALOG} services)"
    ));
    if let Some(c) = result.get("catalog") {
        catalog_lines(c, lines);
    }
    Ok(())
}

// ── documents ────────────────────────────────────────────────────────────────────────────

/// The PDF module in `dist/` (content-hashed `efa-pdf-*`): raw and brotli, as the API
/// serves it precompressed.
fn pdf_module_size(report: &mut Report) -> Result<()> {
    let lines = report.section("5a. PDF module (loaded on the pages with documents)");
    let dist = root().join("dist");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dist)
        .with_context(|| dist.display().to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with("efa-pdf-") && (n.ends_with(".wasm") || n.ends_with(".js"))
            })
        })
        .collect();
    files.sort();
    if files.is_empty() {
        lines.push(Line::new(
            "  PDF module",
            "not available (no dist/efa-pdf-* files; run without --no-build)",
        ));
        return Ok(());
    }
    let (mut raw, mut br) = (0usize, 0usize);
    for f in &files {
        let data = std::fs::read(f).with_context(|| f.display().to_string())?;
        let compressed = build::brotli_bytes(&data)?.len();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        lines.push(Line::new(
            format!("  {name}"),
            format!(
                "{} raw, {} brotli",
                kb(data.len() as f64),
                kb(compressed as f64)
            ),
        ));
        raw += data.len();
        br += compressed;
    }
    lines.push(
        Line::new(
            "  PDF module, wasm + JS (fonts included)",
            format!("{} raw, {} brotli", kb(raw as f64), kb(br as f64)),
        )
        .with_budget(br as f64 / 1000.0, PDF_MODULE_BR_KB, "KB"),
    );
    Ok(())
}

/// PDF generation, timed by the documents crate's own criterion benchmarks when they exist.
fn documents(report: &mut Report) -> Result<()> {
    let lines = report.section("5. Documents: PDF generation for 1, 10 and 50 services");
    let manifest = root().join("crates/documents/Cargo.toml");
    let benches = root().join("crates/documents/benches");
    if !manifest.exists() {
        lines.push(Line::new(
            "  PDF generation",
            "not available (crates/documents does not exist yet)",
        ));
        return Ok(());
    }
    if !benches.is_dir() {
        lines.push(Line::new(
            "  PDF generation",
            "not available (crates/documents has no benches/)",
        ));
        return Ok(());
    }
    let text =
        std::fs::read_to_string(&manifest).with_context(|| manifest.display().to_string())?;
    let name = text
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("name = \"")
                .map(|n| n.trim_end_matches('"').to_string())
        })
        .context("crates/documents/Cargo.toml has no package name")?;
    say(&format!("running the criterion benchmarks of {name}"));
    // The API's optimised profile: its dependencies are built already. Shorter runs than
    // criterion's defaults: the figures are for a table, not for spotting a 1 % change.
    let mut bench_targets: Vec<String> = std::fs::read_dir(&benches)
        .with_context(|| benches.display().to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    bench_targets.sort();
    let mut c = crate::cargo();
    c.args(["bench", "--locked", "--profile", "server", "-p", &name]);
    for b in &bench_targets {
        c.args(["--bench", b]);
    }
    let out = c
        .args(["--", "--noplot"])
        .args(["--warm-up-time", "1", "--measurement-time", "2"])
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot run cargo bench")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let found = criterion_times(&stdout);
    if !out.status.success() || found.is_empty() {
        lines.push(Line::new(
            "  PDF generation",
            "not available (its benchmark did not run or printed no times)",
        ));
        return Ok(());
    }
    for (id, time) in found {
        lines.push(Line::new(
            format!("  {id}"),
            format!("{time} (native, criterion mean estimate)"),
        ));
    }
    browser_documents(lines)
}

/// The first PDF as a clerk gets it: click on "Prüfen" → download, including loading the
/// PDF module (at once, and after its preload on that page).
fn pdf_in_app(report: &mut Report) -> Result<()> {
    let server = Server::start(&["--rate-limit-per-second", "0"])?;
    let result = browser_bench(&server, &["pdf"], 0, None)?;
    drop(server);
    let lines = report.section("5b. Documents in the app: first PDF on \"Prüfen\", click → download (loads the PDF module)");
    let Some(p) = result.get("pdf") else {
        return Ok(());
    };
    let series =
        |key: &str| -> Vec<f64> { items(p, key).iter().filter_map(Value::as_f64).collect() };
    for (key, what) in [
        ("atOnce", "  localhost, clicked at once"),
        ("preloaded", "  localhost, after the preload"),
        (
            "throttledAtOnce",
            "  400 kbit/s, 400 ms RTT, CPU ÷4, clicked at once",
        ),
        (
            "throttledPreloaded",
            "  400 kbit/s, 400 ms RTT, CPU ÷4, after the preload",
        ),
    ] {
        lines.push(Line::new(what, ms_stats(&series(key))));
    }
    Ok(())
}

/// The same generation in headless Chromium: the app's `browser_bench` wasm test, built in
/// release, prints one `BENCH pdf services=N median_ms=X max_ms=Y` line per size.
fn browser_documents(lines: &mut Vec<Line>) -> Result<()> {
    say("timing PDF generation in headless Chromium (release wasm)");
    let out = crate::cargo()
        .args([
            "test",
            "--locked",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args([
            "-p",
            "efa-onboarding",
            "--test",
            "browser_bench",
            "--",
            "--nocapture",
        ])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot run the browser benchmark")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut found = 0;
    for line in stdout.lines() {
        let Some(rest) = line.trim().strip_prefix("BENCH pdf ") else {
            continue;
        };
        let field = |key: &str| {
            rest.split_whitespace()
                .find_map(|kv| kv.strip_prefix(key))
                .and_then(|v| v.parse::<f64>().ok())
        };
        let (Some(n), Some(median), Some(max)) =
            (field("services="), field("median_ms="), field("max_ms="))
        else {
            continue;
        };
        found += 1;
        let line = Line::new(
            format!("  browser: Anschlussantrag + Offene Punkte, {n} services"),
            format!("median {median:.2} ms · max {max:.2} ms (n=15)"),
        );
        // The budget is for 50 services; smaller sizes are context.
        lines.push(if n as u32 == 50 {
            line.with_budget(median, PDF_50_SERVICES_MS, "ms")
        } else {
            line
        });
    }
    if !out.status.success() || found == 0 {
        lines.push(Line::new(
            "  browser: PDF generation",
            "not available (the browser benchmark did not run)",
        ));
    }
    Ok(())
}

/// `(benchmark id, middle estimate)` from criterion's text output.
fn criterion_times(out: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut last_id = String::new();
    for line in out.lines() {
        let trimmed = line.trim();
        if let Some(pos) = trimmed.find("time:") {
            let id = trimmed[..pos].trim();
            let id = if id.is_empty() {
                last_id.clone()
            } else {
                id.to_string()
            };
            let inside = trimmed[pos + 5..]
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']');
            let parts: Vec<&str> = inside.split_whitespace().collect();
            if parts.len() >= 4 {
                found.push((id, format!("{} {}", parts[2], parts[3])));
            }
        } else if !trimmed.is_empty() && !line.starts_with(' ') {
            last_id = trimmed.to_string();
        }
    }
    found
}

// ── API under load ───────────────────────────────────────────────────────────────────────

/// oha from crates.io, for the replay run; only the bench needs it.
fn oha() -> Result<()> {
    let found = output_of(Command::new("oha").arg("--version")).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(OHA_VERSION) {
        return Ok(());
    }
    say(&format!(
        "installing oha {OHA_VERSION} from crates.io (HTTP load generator, takes a few minutes once)"
    ));
    cmd(Command::new("cargo").args(["install", "--locked", &format!("oha@{OHA_VERSION}")]))
}

fn api(report: &mut Report) -> Result<()> {
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
fn api_postgres(report: &mut Report) -> Result<()> {
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

struct LoadResult {
    ok: u64,
    errors: u64,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
}

impl LoadResult {
    fn describe(&self) -> String {
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
fn drive(addrs: &[String], body: &[u8], concurrency: usize, label: &str) -> Result<LoadResult> {
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

fn post_once(addr: &str, body: &[u8], key: &str) -> Result<u16> {
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

fn oha_run(base: &str, body_file: &Path, key: &str, concurrency: usize) -> Result<LoadResult> {
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

// ── peer ─────────────────────────────────────────────────────────────────────────────────

/// SurveyJS's form library as shipped on npm (minified), next to our first load.
fn peer(report: &mut Report, our_start_br: Option<f64>) -> Result<()> {
    let nm = root().join("tests/e2e/node_modules");
    let files = [
        nm.join("survey-core/survey.core.min.js"),
        nm.join("survey-js-ui/survey-js-ui.min.js"),
        nm.join("survey-core/survey-core.min.css"),
    ];
    let version = |pkg: &str| -> String {
        std::fs::read_to_string(nm.join(pkg).join("package.json"))
            .ok()
            .and_then(|s| serde_json::from_str::<Value>(&s).ok())
            .and_then(|v| v.get("version").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| "?".into())
    };
    let lines = report.section(format!(
        "7. Peer: SurveyJS form library (npm survey-core {} + survey-js-ui {}, minified JS + CSS)",
        version("survey-core"),
        version("survey-js-ui")
    ));
    let (mut raw, mut gz, mut br) = (0usize, 0usize, 0usize);
    for f in &files {
        let data = std::fs::read(f)
            .with_context(|| format!("{} (run npm ci in tests/e2e)", f.display()))?;
        let (g, b) = (
            build::gzip_bytes(&data)?.len(),
            build::brotli_bytes(&data)?.len(),
        );
        raw += data.len();
        gz += g;
        br += b;
        let name = f
            .strip_prefix(&nm)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        lines.push(Line::new(
            format!("    {name}"),
            format!(
                "{} / {} / {}",
                kb(data.len() as f64),
                kb(g as f64),
                kb(b as f64)
            ),
        ));
    }
    lines.push(Line::new(
        "  SurveyJS total (raw / gzip / brotli)",
        format!("{} / {} / {}", kb(raw as f64), kb(gz as f64), kb(br as f64)),
    ));
    if let Some(ours) = our_start_br {
        lines.push(Line::new(
            "  our start page (brotli) ÷ SurveyJS (brotli)",
            format!("{} ÷ {} = {:.2}", kb(ours), kb(br as f64), ours / br as f64),
        ));
    }
    Ok(())
}

fn kb(bytes: f64) -> String {
    if bytes.is_finite() {
        format!("{:.1} KB", bytes / 1000.0)
    } else {
        "–".into()
    }
}
