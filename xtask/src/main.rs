//! The project's tasks, run as `cargo xtask <task>`.
//!
//! `serve` and `test` are the two commands the README promises: each one installs what is
//! missing on a fresh machine, then does its job. Keeping them in Rust (not shell) means the
//! same code runs for every developer and in CI.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

mod bench;
mod build;
mod fonts;
mod pg;
mod registry;
mod scratch;
mod setup;
mod split;

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  serve [--port N] [--data-dir DIR] [-- API-ARGS]
                 install what is missing, build the app in release and run the API, which
                 also serves the app (default http://127.0.0.1:8080, data in ./data)
  test           install what the tests need and run every check and test suite
  api-pg [ARGS]  run the API's tests against a throw-away PostgreSQL server (ARGS go to
                 `cargo test -p efa-api`, e.g. `api-pg --test instances`)
  build          build the app in release into ./dist (precompressed)
  bench [--only transfer,tti,municipality,catalog,documents,api,peer] [--loads N] [--no-build]
                 run the benchmarks and print figures against the budgets
  registry       regenerate public/data/registry.tsv from xtask/data/gemeindeverzeichnis.csv
  fonts          make the PDF fonts in crates/documents/fonts/ again from Debian's Liberation Sans
  setup          install the build tools only
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((t, r)) => (t.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match task {
        "serve" => serve(rest),
        "test" => test(rest),
        "api-pg" => api_tests_on_postgres(rest),
        "build" => build_tools().and_then(|()| build::app()),
        "bench" => bench::run(rest),
        "registry" => registry::run(
            &root().join("xtask/data/gemeindeverzeichnis.csv"),
            &root().join("public/data/registry.tsv"),
        ),
        "fonts" => fonts::run(),
        "setup" => build_tools(),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(anyhow!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `{:#}` prints the whole chain on one line: "what failed: why".
            eprintln!("\nxtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The tools needed to build the app.
fn build_tools() -> Result<()> {
    setup::node()?;
    setup::rust_components()?;
    setup::wasm_target()?;
    setup::wasm_opt()?;
    setup::wasm_bindgen()?;
    setup::trunk()
}

fn serve(args: &[String]) -> Result<()> {
    let mut port = std::env::var("EFA_PORT").unwrap_or_else(|_| "8080".into());
    let mut data_dir = std::env::var("EFA_DATA_DIR").unwrap_or_else(|_| "data".into());
    let mut passthrough = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = it.next().context("--port needs a value")?.clone(),
            "--data-dir" => data_dir = it.next().context("--data-dir needs a value")?.clone(),
            "--" => passthrough.extend(it.by_ref().cloned()),
            other => bail!("unknown option `{other}` for serve\n\n{USAGE}"),
        }
    }
    build_tools()?;
    build::app()?;
    build::api()?;
    let bin = build::api_binary();
    say(&format!(
        "starting the API on http://127.0.0.1:{port} (data in {data_dir})"
    ));
    cmd(Command::new(bin)
        .args(["--port", &port, "--data-dir", &data_dir, "--dist"])
        .arg(root().join("dist"))
        .args(&passthrough)
        .current_dir(root()))
}

/// The API's tests once more, against a throw-away PostgreSQL server that lives as long
/// as they run: each test server makes its own database there (see
/// `crates/api/tests/common`), and the tests of several instances run only here.
fn api_tests_on_postgres(args: &[String]) -> Result<()> {
    let bin = setup::postgresql()?;
    let cluster = pg::Cluster::start(&bin, pg::Durability::Tests)?;
    say(&format!(
        "PostgreSQL ({}) on 127.0.0.1:{}",
        pg::version(&bin),
        cluster.port
    ));
    // Without arguments every test target (the unit tests and the API's integration
    // tests); with them exactly what they select, e.g. `--test instances`.
    let select: &[String] = if args.is_empty() {
        &["--tests".to_owned()]
    } else {
        args
    };
    let result = cmd(cargo()
        .args(["test", "--locked", "-p", "efa-api"])
        .args(select)
        .env("EFA_TEST_POSTGRES", cluster.server_url()));
    drop(cluster);
    result
}

/// One named step of the test run, for the summary.
struct Step {
    name: &'static str,
    took: Duration,
}

fn test(args: &[String]) -> Result<()> {
    if let Some(a) = args.first() {
        bail!("`test` takes no options (got `{a}`)");
    }
    let started = Instant::now();
    let mut steps: Vec<Step> = Vec::new();
    let mut run = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        say(&format!("── {name}"));
        let t = Instant::now();
        f().with_context(|| format!("step `{name}` failed"))?;
        steps.push(Step {
            name,
            took: t.elapsed(),
        });
        Ok(())
    };

    run("set-up: build tools", &mut build_tools)?;
    run(
        "set-up: Chromium, Node packages, pdftotext, PostgreSQL, Python tools",
        &mut || {
            setup::chromium()?;
            setup::poppler()?;
            setup::postgresql()?;
            setup::node()?;
            setup::npm_packages()?;
            setup::python_tools().map(|_| ())
        },
    )?;
    run("cargo fmt --check", &mut || {
        cmd(cargo().args(["fmt", "--all", "--check"]))
    })?;
    run("clippy (host, all targets)", &mut || {
        cmd(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    run("clippy (wasm32-unknown-unknown)", &mut || {
        // The domain library as the app links it; its tests use native-only crates.
        cmd(cargo().args([
            "clippy",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "efa-domain",
            "-p",
            "efa-documents",
            "--lib",
            "--",
            "-D",
            "warnings",
        ]))?;
        cmd(cargo().args([
            "clippy",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "efa-onboarding",
            "--lib",
            "--bins",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The app as `cargo xtask build` builds it, with its lazy routes.
        cmd(cargo().args([
            "clippy",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "efa-onboarding",
            "--features",
            "split",
            "--lib",
            "--bins",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    run(
        "native unit and integration tests (API on SQLite)",
        &mut || cmd(cargo().args(["test", "--workspace", "--locked"])),
    )?;
    run(
        "API integration tests on PostgreSQL (two instances included)",
        &mut || api_tests_on_postgres(&[]),
    )?;
    run("wasm-bindgen-test in headless Chromium", &mut || {
        cmd(cargo()
            .args([
                "test",
                "--locked",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "efa-onboarding",
                // The component tests; `browser_bench` is run by `cargo xtask bench`.
                "--test",
                "web",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
    })?;
    run("release build of app and API", &mut || {
        build::app()?;
        build::api()
    })?;
    run("browser journeys (Playwright + axe-core)", &mut || {
        cmd(Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .arg("journeys/")
            .current_dir(root().join("tests/e2e"))
            .env("EFA_API_BIN", build::api_binary())
            .env("EFA_DIST", root().join("dist")))
    })?;
    run(
        "API conformance to its OpenAPI document (schemathesis)",
        &mut || {
            let bin = setup::python_tools()?;
            build::schemathesis(&bin)
        },
    )?;

    println!(
        "\nxtask test: all steps passed in {}",
        human(started.elapsed())
    );
    for s in &steps {
        println!("  ✓ {:<58} {}", s.name, human(s.took));
    }
    // The plain closing line CI tools read: every step above passed.
    println!("steps: {} passed, 0 failed", steps.len());
    Ok(())
}

// ── small helpers shared by the modules ─────────────────────────────────────────────────

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// The first 8 bytes of a digest in hex: the content hash in the names of `dist/`.
pub fn hex8(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Runs a command with inherited output; an unsuccessful exit is an error.
pub fn cmd(c: &mut Command) -> Result<()> {
    let status = c
        .status()
        .with_context(|| format!("cannot start `{}`", c.get_program().to_string_lossy()))?;
    if !status.success() {
        bail!("`{}` exited with {status}", describe(c));
    }
    Ok(())
}

/// Runs a command and returns its standard output, if it ran successfully.
pub fn output_of(c: &mut Command) -> Option<String> {
    let out = c.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn have(program: &str, version_flag: &str) -> bool {
    Command::new(program)
        .arg(version_flag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

pub fn is_root() -> bool {
    output_of(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0")
}

pub fn say(msg: &str) {
    println!("xtask: {msg}");
}

fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

pub fn human(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 60.0 {
        format!("{}m{:02}s", (secs / 60.0) as u64, (secs % 60.0) as u64)
    } else {
        format!("{secs:.1}s")
    }
}
