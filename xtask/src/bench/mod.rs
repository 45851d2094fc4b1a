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
//!   glue) and PDF generation, natively and in Chromium; the size of the agency's console
//!   module, which only `/verwaltung` loads;
//! - `api`: connection-request intake under load, next to the disk's fsync rate, on SQLite
//!   and on PostgreSQL with one and with two API instances;
//! - `peer`: the size of SurveyJS's form library next to our first load, and the
//!   municipality question both ways in one run: SurveyJS with every Gemeinde, Verband and
//!   Kreis as a dropdown choice, and our municipality step, each cold-loaded in the same
//!   Chromium (time until usable, keystroke → suggestions, bytes until the first
//!   suggestions and once idle); and on the slow profile, navigation → our first
//!   suggestions with the server's search and from the registry alone;
//! - `size`: where the app's wasm size goes, by crate and by function (twiggy).
//!
//! One module per concern: `browser` runs the browser bench and turns its samples into
//! the transfer, tti, municipality and catalog sections; `catalog` repeats the catalog
//! part with a generated catalog; `documents`, `api` (with the load generators in
//! `load`), `peer` and `size` measure their parts; `report` holds the budgets and prints the
//! table; `figures` has the small number helpers. They import one way: `figures` and
//! `report` at the bottom, then `browser` and `load`, then `catalog`, `documents`, `api`,
//! `peer` and `size`, and this module, which parses the options and runs the parts, at the top.

mod api;
mod browser;
mod catalog;
mod documents;
mod figures;
mod load;
mod peer;
mod report;
mod size;

use std::collections::BTreeSet;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use crate::build::{self, Server};
use crate::{human, output_of, root, setup};
use report::Report;

const PARTS: &[&str] = &[
    "transfer",
    "tti",
    "municipality",
    "catalog",
    "documents",
    "api",
    "peer",
    "size",
];

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
        load::oha()?;
        setup::postgresql()?;
    }

    let mut report = Report::default();
    let dist_before = dist_fingerprint();
    let mut our_start_br = None;

    let browser_wanted: Vec<&str> = ["transfer", "tti", "municipality", "catalog", "peer"]
        .into_iter()
        .filter(|p| opts.parts.contains(p))
        .collect();
    let mut side_by_side = None;
    if !browser_wanted.is_empty() {
        let server = Server::start(&["--rate-limit-per-second", "0"])?;
        let result = browser::browser_bench(&server, &browser_wanted, opts.loads, None)?;
        drop(server);
        if let Some(t) = result.get("transfer") {
            our_start_br = Some(browser::transfer_lines(t, &mut report)?);
        }
        if result.get("tti").is_some() {
            browser::tti_lines(&result, opts.loads, &mut report);
        }
        if let Some(m) = result.get("municipality") {
            browser::municipality_lines(m, &mut report);
        }
        side_by_side = result.get("peer").cloned();
        if let Some(c) = result.get("catalog") {
            let lines =
                report.section("4. Catalog search and filters on /leistungen (shipped catalog)");
            browser::catalog_lines(c, lines);
        }
    }
    if opts.parts.contains("catalog") {
        catalog::large_catalog(&mut report)?;
    }
    if opts.parts.contains("documents") {
        documents::pdf_module_size(&mut report)?;
        documents::generation(&mut report)?;
        documents::pdf_in_app(&mut report)?;
        documents::console_module_size(&mut report)?;
    }
    if opts.parts.contains("api") {
        api::sqlite(&mut report)?;
        api::postgres(&mut report)?;
    }
    if opts.parts.contains("peer") {
        peer::surveyjs(&mut report, our_start_br, side_by_side.as_ref())?;
    }
    if opts.parts.contains("size") {
        size::twiggy()?;
        size::app_wasm(&mut report)?;
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
    // The clerk's app: the folder the split wrote, named after its content.
    let wasm = std::fs::read_dir(root().join("dist")).ok().and_then(|rd| {
        rd.flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("efa-onboarding-") && !n.contains('.'))
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
