//! The documents part: the PDF module's size (5a), PDF generation natively with the
//! documents crate's criterion benchmarks and in Chromium (5), and the first PDF in the
//! app, module loading included (5b).

use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::Value;

use super::browser::browser_bench;
use super::figures::{items, kb, ms_stats};
use super::report::{CONSOLE_BR_KB, Line, PDF_50_SERVICES_MS, PDF_MODULE_BR_KB, Report};
use crate::build::{self, Server};
use crate::{root, say};

/// The PDF module in `dist/` (content-hashed `efa-pdf-*`): raw and brotli, as the API
/// serves it precompressed.
pub(super) fn pdf_module_size(report: &mut Report) -> Result<()> {
    module_size(
        report,
        "5a. PDF module (loaded on the pages with documents)",
        "efa-pdf-",
        "PDF module, wasm + JS (fonts included)",
        PDF_MODULE_BR_KB,
    )
}

/// The agency's console in `dist/` (`efa-console-*`), which only `/verwaltung` loads: a
/// clerk never downloads it, so it is outside the clerk's first load (section 1), and the
/// journeys check on the wire that neither side loads the other's module.
pub(super) fn console_module_size(report: &mut Report) -> Result<()> {
    module_size(
        report,
        "5c. Console module (loaded only under /verwaltung, never by a clerk)",
        "efa-console-",
        "console, wasm + JS",
        CONSOLE_BR_KB,
    )
}

/// Every `dist/{prefix}*.wasm` and `.js`, raw and brotli, and their sum against `budget_kb`.
fn module_size(
    report: &mut Report,
    section: &str,
    prefix: &str,
    total_label: &str,
    budget_kb: f64,
) -> Result<()> {
    let lines = report.section(section);
    let dist = root().join("dist");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dist)
        .with_context(|| dist.display().to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(prefix) && (n.ends_with(".wasm") || n.ends_with(".js"))
            })
        })
        .collect();
    files.sort();
    if files.is_empty() {
        lines.push(Line::new(
            format!("  {total_label}"),
            format!("not available (no dist/{prefix}* files; run without --no-build)"),
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
            format!("  {total_label}"),
            format!("{} raw, {} brotli", kb(raw as f64), kb(br as f64)),
        )
        .with_budget(br as f64 / 1000.0, budget_kb, "KB"),
    );
    Ok(())
}

/// PDF generation, timed by the documents crate's own criterion benchmarks when they exist.
pub(super) fn generation(report: &mut Report) -> Result<()> {
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
pub(super) fn pdf_in_app(report: &mut Report) -> Result<()> {
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
