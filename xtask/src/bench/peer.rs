//! The peer comparison (section 7): SurveyJS's form library next to our first load, and
//! the municipality question asked both ways in one browser run.

use anyhow::{Context, Result};
use serde_json::Value;

use super::figures::{kb, percentile};
use super::report::{FIRST_CLERK_BR_KB, Line, Report};
use crate::build;
use crate::root;

/// SurveyJS's form library as shipped on npm (minified), next to our first load.
pub(super) fn surveyjs(
    report: &mut Report,
    our_start_br: Option<f64>,
    side_by_side: Option<&Value>,
) -> Result<()> {
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
    if let Some(runs) = side_by_side {
        municipality_question(lines, runs)?;
    }
    Ok(())
}

/// One side of the municipality question over its cold loads.
struct Side {
    usable_ms: Vec<f64>,
    keystroke_ms: Vec<f64>,
    /// Until the first suggestions were painted.
    bytes_until_suggestions: f64,
    /// Everything, once the page is idle after all queries.
    bytes: f64,
}

fn side(runs: &Value, key: &str) -> Result<Side> {
    let loads = runs
        .get(key)
        .and_then(Value::as_array)
        .with_context(|| format!("no `{key}` runs in the side-by-side result"))?;
    let numbers = |v: &Value, field: &str| -> Vec<f64> {
        v.get(field)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let mut s = Side {
        usable_ms: Vec::new(),
        keystroke_ms: Vec::new(),
        bytes_until_suggestions: 0.0,
        bytes: 0.0,
    };
    for load in loads {
        s.usable_ms
            .extend(load.get("usableMs").and_then(Value::as_f64));
        s.keystroke_ms.extend(numbers(load, "domMs"));
        // Every cold load receives the same files; the largest guards against a load that
        // was cut short.
        let bytes = |field: &str| load.get(field).and_then(Value::as_f64).unwrap_or(0.0);
        s.bytes = s.bytes.max(bytes("bytes"));
        s.bytes_until_suggestions = s
            .bytes_until_suggestions
            .max(bytes("bytesUntilSuggestions"));
    }
    Ok(s)
}

/// The municipality question both ways: SurveyJS with every entry of the registry as a
/// dropdown choice, and our municipality step, each cold-loaded in the same Chromium.
fn municipality_question(lines: &mut Vec<Line>, runs: &Value) -> Result<()> {
    let ours = side(runs, "ours")?;
    let theirs = side(runs, "surveyjs")?;
    let median = |v: &[f64]| percentile(v, 0.5);
    let p95 = |v: &[f64]| percentile(v, 0.95);
    lines.push(Line::new(
        format!(
            "  the municipality question, {} cold loads each (ours ÷ SurveyJS)",
            runs.get("ours")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        ),
        "",
    ));
    lines.push(Line::new(
        "    navigation → combobox usable, median",
        format!(
            "{:.0} ms ÷ {:.0} ms = {:.2}",
            median(&ours.usable_ms),
            median(&theirs.usable_ms),
            median(&ours.usable_ms) / median(&theirs.usable_ms)
        ),
    ));
    for (what, f) in [("median", &median as &dyn Fn(&[f64]) -> f64), ("p95", &p95)] {
        lines.push(Line::new(
            format!("    keystroke → suggestions painted, {what}"),
            format!(
                "{:.1} ms ÷ {:.1} ms = {:.3}",
                f(&ours.keystroke_ms),
                f(&theirs.keystroke_ms),
                f(&ours.keystroke_ms) / f(&theirs.keystroke_ms)
            ),
        ));
    }
    for (what, o, t) in [
        (
            "    bytes until the first suggestions were painted (wire, each request started until then counted whole)",
            ours.bytes_until_suggestions,
            theirs.bytes_until_suggestions,
        ),
        (
            "    bytes once the page is idle after all queries (wire)",
            ours.bytes,
            theirs.bytes,
        ),
    ] {
        lines.push(Line::new(
            what,
            format!("{} ÷ {} = {:.2}", kb(o), kb(t), o / t),
        ));
    }
    let throttled = |key: &str| -> Vec<f64> {
        runs.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let (server, registry) = (throttled("throttledServer"), throttled("throttledRegistry"));
    if !server.is_empty() && !registry.is_empty() {
        lines.push(Line::new(
            format!(
                "  ours on the slow profile, one key typed as soon as the combobox is there: navigation → first suggestions, median of {}",
                server.len()
            ),
            format!(
                "{:.2} s with the server's search, {:.2} s from the registry alone",
                median(&server) / 1000.0,
                median(&registry) / 1000.0
            ),
        ));
    }
    lines.push(
        Line::new(
            "  a first-time clerk on the municipality step, received until suggestions (wire)",
            kb(ours.bytes_until_suggestions),
        )
        .with_budget(
            ours.bytes_until_suggestions / 1000.0,
            FIRST_CLERK_BR_KB,
            "KB",
        ),
    );
    Ok(())
}
