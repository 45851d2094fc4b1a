//! The peer comparison: SurveyJS's form library next to our first load (section 7).

use anyhow::{Context, Result};
use serde_json::Value;

use super::figures::kb;
use super::report::{Line, Report};
use crate::build;
use crate::root;

/// SurveyJS's form library as shipped on npm (minified), next to our first load.
pub(super) fn surveyjs(report: &mut Report, our_start_br: Option<f64>) -> Result<()> {
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
