//! Installs what the project needs on a fresh machine, and only what is missing.
//!
//! Everything comes through a package registry (the Rust, Debian, npm and Python package
//! registries): nothing here
//! downloads a prebuilt binary, and Trunk is configured to run offline so that it never tries
//! either.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{cmd, have, is_root, output_of, root, say};

/// The Trunk release this project is built with. 0.22 needs a newer rustc than we pin.
pub const TRUNK_VERSION: &str = "0.21.14";

/// The wasm-bindgen version locked in `Cargo.lock`. The CLI must match it exactly, or the
/// generated JS glue does not fit the compiled wasm.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock; run `cargo generate-lockfile`")
}

pub fn wasm_target() -> Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    say("installing the Rust target wasm32-unknown-unknown");
    cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

pub fn rust_components() -> Result<()> {
    for (tool, component) in [("rustfmt", "rustfmt"), ("cargo-clippy", "clippy")] {
        if !have(tool, "--version") {
            say(&format!("installing the Rust component {component}"));
            cmd(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

pub fn trunk() -> Result<()> {
    let version = output_of(Command::new("trunk").arg("--version")).unwrap_or_default();
    if version.trim() == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    say(&format!(
        "installing trunk {TRUNK_VERSION} from the Rust package registry (takes a few minutes once)"
    ));
    cmd(Command::new("cargo").args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))
}

pub fn wasm_bindgen() -> Result<()> {
    let wanted = wasm_bindgen_version()?;
    let found = output_of(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner =
        output_of(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(wanted.as_str())
        && runner.split_whitespace().nth(1) == Some(wanted.as_str())
    {
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {wanted} (matches Cargo.lock)"
    ));
    // Not `--locked`: the CLI's own lock file names a dependency version that is no longer
    // in the Rust package registry, so a locked install fails.
    cmd(Command::new("cargo").args(["install", "--force", &format!("wasm-bindgen-cli@{wanted}")]))
}

/// wasm-opt from the npm package `binaryen` (pinned in `xtask/node/package-lock.json`).
///
/// Not Debian's binaryen 108: it renumbers tables when a module has two (the function table
/// and wasm-bindgen's externref table) and exports the wrong one, which breaks the app at
/// start with "WebAssembly.Table.set(): Argument 1 is invalid".
pub fn wasm_opt() -> Result<()> {
    let dir = root().join("xtask/node");
    if npm_tree_fresh(&dir) && wasm_opt_dir().join("wasm-opt").exists() {
        return Ok(());
    }
    node()?;
    say("installing wasm-opt (npm package binaryen) with npm ci");
    cmd(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}

/// The folder holding the project's `wasm-opt`; put first on `PATH` for Trunk.
pub fn wasm_opt_dir() -> std::path::PathBuf {
    root().join("xtask/node/node_modules/.bin")
}

/// Whether `node_modules` in `dir` was installed from the current lock file.
fn npm_tree_fresh(dir: &Path) -> bool {
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => match (l.modified(), s.modified()) {
            (Ok(l), Ok(s)) => s >= l,
            _ => false,
        },
        _ => false,
    }
}

pub fn chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    apt(
        &["chromium", "chromium-driver"],
        "headless Chromium and chromedriver",
    )
}

/// The PostgreSQL server binaries (`initdb`, `pg_ctl`) for the API's tests and benchmarks
/// on PostgreSQL; returns their folder. Debian's `postgresql` package; its own cluster,
/// if the package starts one, is not used: the tasks run throw-away servers of their own.
pub fn postgresql() -> Result<std::path::PathBuf> {
    if let Some(bin) = crate::pg::find_bin() {
        return Ok(bin);
    }
    apt(&["postgresql"], "the PostgreSQL server")?;
    crate::pg::find_bin()
        .context("postgresql is installed, but no /usr/lib/postgresql/*/bin/initdb")
}

pub fn poppler() -> Result<()> {
    if have("pdftotext", "-v") {
        return Ok(());
    }
    apt(&["poppler-utils"], "pdftotext")
}

pub fn node() -> Result<()> {
    let version = output_of(Command::new("node").arg("--version")).unwrap_or_default();
    let major: u32 = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major >= 20 && have("npm", "--version") {
        return Ok(());
    }
    bail!(
        "Node.js 20 or newer with npm is required for the browser tests; install it (e.g. `apt-get install nodejs npm` on a recent Debian) and run again"
    )
}

/// `npm ci` in the browser-test folder, from the committed lock file. Skipped when the
/// installed tree already matches the lock file.
pub fn npm_packages() -> Result<()> {
    let dir = root().join("tests/e2e");
    if npm_tree_fresh(&dir) {
        return Ok(());
    }
    say("installing the browser-test packages with npm ci");
    cmd(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}

/// The source of the PDF fonts (`cargo xtask fonts`): Debian's Liberation Sans.
pub fn liberation_fonts() -> Result<()> {
    if Path::new("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf").exists() {
        return Ok(());
    }
    apt(&["fonts-liberation2"], "Liberation Sans")
}

/// A Python virtual environment under `target/pyenv` with, from the Python package
/// registry at pinned versions: the API conformance checker (schemathesis), the SMTP
/// server the API's tests deliver mail to (aiosmtpd), the PDF reader that checks the
/// documents' tagging (pikepdf, `crates/documents/tests/check_pdf.py`) and fontTools
/// (`cargo xtask fonts`). Returns the schemathesis binary.
pub fn python_tools() -> Result<std::path::PathBuf> {
    const PACKAGES: [(&str, &str); 4] = [
        ("schemathesis", "4.32.5"),
        ("aiosmtpd", "1.4.6"),
        ("pikepdf", "10.17.0"),
        ("fonttools", "4.68.0"),
    ];
    let venv = root().join("target/pyenv");
    let python = venv.join("bin/python");
    let bin = venv.join("bin/schemathesis");
    let installed = |name: &str, version: &str| {
        output_of(
            Command::new(&python)
                .args(["-m", "pip", "show", "--disable-pip-version-check"])
                .arg(name),
        )
        .is_some_and(|out| {
            out.lines()
                .any(|l| l.trim() == format!("Version: {version}"))
        })
    };
    let missing: Vec<String> = PACKAGES
        .iter()
        .filter(|(n, v)| !installed(n, v))
        .map(|(n, v)| format!("{n}=={v}"))
        .collect();
    if missing.is_empty() {
        return Ok(bin);
    }
    say(&format!(
        "installing {} from the Python package registry into target/pyenv",
        missing.join(", ")
    ));
    if !python.exists() {
        cmd(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    cmd(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(&missing))?;
    Ok(bin)
}

/// Installs Debian packages when we are root; otherwise says exactly what to install.
fn apt(packages: &[&str], what: &str) -> Result<()> {
    if !is_root() || !have("apt-get", "--version") {
        bail!(
            "{what} is missing. Install the Debian packages: sudo apt-get install -y {}",
            packages.join(" ")
        );
    }
    say(&format!(
        "installing {what} (Debian: {})",
        packages.join(" ")
    ));
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .envs(env);
    if cmd(&mut install).is_ok() {
        return Ok(());
    }
    // A fresh machine has no package lists yet.
    cmd(Command::new("apt-get").args(["update", "-qq"]).envs(env))?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .envs(env);
    cmd(&mut install)
}
