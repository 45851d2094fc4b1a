//! The catalog page with a generated catalog of 5,000 services (section 4b).

use anyhow::{Context, Result};

use super::browser::{browser_bench, catalog_lines};
use super::report::Report;
use crate::build::Server;
use crate::say;
use crate::scratch::temp_dir;

/// Services in the generated catalog for the large-catalog run.
const LARGE_CATALOG: usize = 5_000;

/// The same catalog page with a generated catalog of 5,000 services, served by the API
/// with `--catalog`.
pub(super) fn large_catalog(report: &mut Report) -> Result<()> {
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
