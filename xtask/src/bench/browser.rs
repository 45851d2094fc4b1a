//! The browser part: `tests/e2e/bench/browser.mjs` drives Chromium against a running API
//! and writes its samples as JSON; this turns them into the report's sections 1–4
//! (transfer, time to interactive, municipality search, catalog search).

use std::process::Command;

use anyhow::{Context, Result};
use serde_json::Value;

use super::figures::{items, kb, ms_stats, num, percentile};
use super::report::{
    CATALOG_P95_MS, Line, MUNICIPALITY_P95_MS, REGISTRY_BR_KB, Report, START_PAGE_BR_KB,
    THROTTLED_START_MEDIAN_MS, TTI_MEDIAN_MS, WASM_BR_KB,
};
use crate::build::Server;
use crate::scratch::temp_dir;
use crate::{cmd, root};

pub(super) fn browser_bench(
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

/// Returns our start page's brotli total in bytes (for the peer comparison).
pub(super) fn transfer_lines(t: &Value, report: &mut Report) -> Result<f64> {
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
        // The app's main module; the pages' modules (`module_*`, `chunk_*`) load later.
        if path.ends_with("_bg.wasm") {
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

/// Hashed file names are long; keep the parts that say what it is: the beginning and, for
/// a file in the app's hashed folder, its name.
fn short(path: &str) -> String {
    let chars: Vec<char> = path.chars().collect();
    if chars.len() <= 40 {
        return path.to_string();
    }
    let head: String = chars[..20].iter().collect();
    let tail: String = chars[chars.len() - 19..].iter().collect();
    format!("{head}…{tail}")
}

pub(super) fn tti_lines(result: &Value, loads: u32, report: &mut Report) {
    let lines = report.section(
        "2. Time to interactive: navigation start → \"Starten\" usable (the start-up script has taken over the static start page); then click → the app has drawn the overview. Cold loads, new context each",
    );
    let later = (loads / 4).max(1);
    let runs = |key: &str| items(result, key);
    // Budgets as (on "Starten" usable, on the click at once → overview), medians. On the
    // slow line the budget is on the wait after the click: "Starten" is plain HTML, usable
    // early there too.
    for (key, idle_key, what, (usable_budget, click_budget)) in [
        ("tti", "ttiIdle", "localhost", (Some(TTI_MEDIAN_MS), None)),
        (
            "ttiThrottled",
            "ttiThrottledIdle",
            "400 kbit/s, 400 ms RTT, CPU ÷4",
            (None, Some(THROTTLED_START_MEDIAN_MS)),
        ),
    ] {
        let early = runs(key);
        let tti: Vec<f64> = early.iter().map(|r| num(r, "tti")).collect();
        let fcp: Vec<f64> = early.iter().map(|r| num(r, "fcp")).collect();
        let mut line = Line::new(
            format!("  {what}, {loads} cold loads: \"Starten\" usable"),
            ms_stats(&tti),
        );
        if let Some(limit) = usable_budget {
            line = line.with_budget(percentile(&tti, 0.5), limit, "ms median");
        }
        lines.push(line);
        lines.push(Line::new("    first contentful paint", ms_stats(&fcp)));
        let click: Vec<f64> = early.iter().map(|r| num(r, "clickToApp")).collect();
        let mut line = Line::new(
            "    click at once → overview drawn by the app",
            ms_stats(&click),
        );
        if let Some(limit) = click_budget {
            line = line.with_budget(percentile(&click, 0.5), limit, "ms median");
        }
        lines.push(line);
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

pub(super) fn municipality_lines(m: &Value, report: &mut Report) {
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

pub(super) fn catalog_lines(c: &Value, lines: &mut Vec<Line>) {
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
