//! `cargo xtask bench`: measures the release build and prints figures next to the budgets.
//!
//! Budgets are checked here and only here, never as timed assertions in tests: timings on a
//! shared two-core machine vary, and a flaky test teaches people to ignore failures.

use std::path::Path;
use std::process::Command;

use crate::build::{self, Server};
use crate::{Result, cmd, root, say, setup};

/// One line of the report.
struct Line {
    what: String,
    figure: String,
    budget: Option<(f64, f64, &'static str)>, // (value, limit, unit)
}

impl Line {
    fn print(&self) {
        let verdict = match self.budget {
            Some((v, limit, unit)) if v <= limit => format!("pass (≤ {limit} {unit})"),
            Some((_, limit, unit)) => format!("FAIL (> {limit} {unit})"),
            None => String::new(),
        };
        println!("  {:<52} {:>28}  {}", self.what, self.figure, verdict);
    }
}

pub fn run(args: &[String]) -> Result<()> {
    if let Some(a) = args.first() {
        return Err(format!("`bench` takes no options (got `{a}`)"));
    }
    crate::build_tools()?;
    build::app()?;
    build::api()?;
    setup::chromium()?;
    setup::node()?;
    setup::npm_packages()?;

    let mut lines = Vec::new();
    first_load(&root().join("dist"), &mut lines)?;
    println!("\nFirst-load transfer (release build, as the API serves it)");
    for l in &lines {
        l.print();
    }

    say("browser figures (headless Chromium)");
    let server = Server::start(&[])?;
    cmd(Command::new("node")
        .arg("bench/browser.mjs")
        .current_dir(root().join("tests/e2e"))
        .env("EFA_BASE_URL", &server.base))?;
    Ok(())
}

/// Sizes of what the browser downloads to show the start page: index.html and everything it
/// references from `dist/` (the JS glue, the wasm, the CSS).
fn first_load(dist: &Path, lines: &mut Vec<Line>) -> Result<()> {
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e} (build the app first)"))?;
    let mut files = vec![dist.join("index.html")];
    if let Ok(entries) = std::fs::read_dir(dist) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let referenced = index.contains(&name) && name != "index.html";
            let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("").to_string();
            if referenced && ["js", "wasm", "css"].contains(&ext.as_str()) {
                files.push(e.path());
            }
        }
    }
    let (mut raw_t, mut gz_t, mut br_t) = (0usize, 0usize, 0usize);
    for f in &files {
        let data = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let (gz, br) = (build::gzip_bytes(&data)?.len(), build::brotli_bytes(&data)?.len());
        raw_t += data.len();
        gz_t += gz;
        br_t += br;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let is_wasm = name.ends_with(".wasm");
        lines.push(Line {
            what: format!("  {name}"),
            figure: format!("{} / {} / {}", kb(data.len()), kb(gz), kb(br)),
            budget: is_wasm.then_some((br as f64 / 1000.0, 120.0, "KB br")),
        });
    }
    lines.push(Line {
        what: "start page total (raw / gzip / brotli)".into(),
        figure: format!("{} / {} / {}", kb(raw_t), kb(gz_t), kb(br_t)),
        budget: Some((br_t as f64 / 1000.0, 150.0, "KB br")),
    });
    let registry = dist.join("data/registry.tsv");
    if let Ok(data) = std::fs::read(&registry) {
        let br = build::brotli_bytes(&data)?.len();
        lines.push(Line {
            what: "municipality registry asset (loaded lazily)".into(),
            figure: format!("{} / {} / {}", kb(data.len()), kb(build::gzip_bytes(&data)?.len()), kb(br)),
            budget: Some((br as f64 / 1000.0, 200.0, "KB br")),
        });
    }
    Ok(())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}
