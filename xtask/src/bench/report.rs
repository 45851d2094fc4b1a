//! The report: sections of lines, each a figure and, where there is one, its verdict
//! against a budget; and the budgets themselves.

/// Budgets, in one place.
pub(super) const START_PAGE_BR_KB: f64 = 150.0;
/// The app's main wasm module, which every clerk waits for after "Starten".
pub(super) const WASM_BR_KB: f64 = 250.0;
pub(super) const REGISTRY_BR_KB: f64 = 200.0;
/// Everything a first-time clerk receives until the municipality combobox answers a
/// keystroke with suggestions (the app, its styles and the registry, as sent).
pub(super) const FIRST_CLERK_BR_KB: f64 = 300.0;
pub(super) const TTI_MEDIAN_MS: f64 = 300.0;
/// "Starten" clicked as soon as it is usable on the slow profile (400 kbit/s, 400 ms RTT,
/// CPU ÷4) → the app has drawn the overview, median: the wait a clerk on a poor line
/// meets first.
pub(super) const THROTTLED_START_MEDIAN_MS: f64 = 6000.0;
pub(super) const MUNICIPALITY_P95_MS: f64 = 8.0;
pub(super) const CATALOG_P95_MS: f64 = 16.0;
/// The PDF module as the browser downloads it (wasm with the embedded fonts, plus its JS).
pub(super) const PDF_MODULE_BR_KB: f64 = 200.0;
/// The agency's console as its browser downloads it (wasm plus JS), once per release
/// (immutable cache) on office lines. It carries the catalog model, the readiness rules
/// and the request rendering of the clerk's review page (measured: 298 KB wasm + 7.7 KB
/// JS brotli); the budget keeps it below the clerk's app.
pub(super) const CONSOLE_BR_KB: f64 = 320.0;
/// Anschlussantrag and Offene Punkte for 50 services, generated in Chromium (median).
pub(super) const PDF_50_SERVICES_MS: f64 = 300.0;
/// p99 of a submission on PostgreSQL, at any concurrency level of those runs: a clerk's
/// "Absenden" should answer within half a second even while 64 others submit.
pub(super) const PG_P99_MS: f64 = 500.0;

/// A verdict against a budget: the measured value must not exceed the limit.
#[derive(Clone, Copy)]
struct Budget {
    value: f64,
    limit: f64,
    unit: &'static str,
}

/// One line of the report.
pub(super) struct Line {
    what: String,
    figure: String,
    budget: Option<Budget>,
}

impl Line {
    pub(super) fn new(what: impl Into<String>, figure: impl Into<String>) -> Line {
        Line {
            what: what.into(),
            figure: figure.into(),
            budget: None,
        }
    }

    pub(super) fn with_budget(mut self, value: f64, limit: f64, unit: &'static str) -> Line {
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
pub(super) struct Report {
    sections: Vec<Section>,
}

impl Report {
    pub(super) fn section(&mut self, title: impl Into<String>) -> &mut Vec<Line> {
        self.sections.push(Section {
            title: title.into(),
            lines: Vec::new(),
        });
        let last = self.sections.len() - 1;
        &mut self.sections[last].lines
    }

    /// One line per figure: what, the verdict (if it has a budget), the figure.
    pub(super) fn print(&self) {
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
