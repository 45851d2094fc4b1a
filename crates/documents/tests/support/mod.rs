//! Fixtures and independent PDF readers for the document tests.
//!
//! The PDFs are read back with poppler's `pdftotext` and `pdfinfo`, and their tagging is
//! checked with pikepdf (`tests/check_pdf.py`): readers that share no code with the writer.
//! Every PDF a test reads goes through all three. `cargo xtask test` installs them (Debian
//! package `poppler-utils`; pikepdf into `target/pyenv`); without them the tests fail with a
//! message that says so, rather than passing unseen.

// Helpers outside `#[test]` functions unwrap and panic too: a failure there is a test
// failure, with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::OnceLock;

use efa_domain::catalog::{Catalog, Channel, synthetic};
use efa_domain::readiness::PrereqStatus;
use efa_domain::registry::Registry;
use efa_domain::request::{
    Address, Authority, ChannelChoice, ConnectionRequest, PrerequisiteRecord, ServiceRequest,
};

pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| {
        Catalog::from_json(include_str!("../../../../public/catalog/efa-catalog.json")).unwrap()
    })
}

pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::parse(include_str!("../../../../public/data/registry.tsv")).unwrap())
}

/// The API's valid Würzburg request (Bayern, BayKommun route), with some prerequisites
/// done (with evidence) and one in progress, so that both states are printed.
pub fn wuerzburg() -> ConnectionRequest {
    let mut r: ConnectionRequest =
        serde_json::from_str(include_str!("../../../api/tests/fixtures/wuerzburg.json")).unwrap();
    // A third service with Leika keys, an OSCI/XTA address, OE-ID and BKZ, so that every
    // kind of field is printed.
    let mut third = r.services[0].clone();
    third.service_id = "vms".into();
    third.channel = Some(ChannelChoice::OsciXta {
        dvdv_key: "wgb096630000000".into(),
    });
    third.authority.name = "Straßenverkehrsbehörde".into();
    third.authority.kind = "Untere Straßenverkehrsbehörde".into();
    third.authority.oe_id = "L100012.OE.225060530".into();
    third.authority.bkz = "1234".into();
    third.test_date = String::new();
    r.services.push(third);
    let input = r.readiness_input().unwrap();
    let readiness = efa_domain::readiness::evaluate(catalog(), &input);
    let items: Vec<String> = readiness
        .checklist
        .iter()
        .flat_map(|g| &g.items)
        .map(|i| i.prerequisite.clone())
        .collect();
    assert!(
        items.len() >= 3,
        "the fixture needs a few prerequisites: {items:?}"
    );
    // The first item done with all its evidence, the second in progress.
    let first = catalog().prerequisite(&items[0]).unwrap();
    let evidence = first
        .evidence
        .iter()
        .map(|f| (f.id.clone(), sample_evidence(f.kind)))
        .collect();
    r.prerequisites.insert(
        items[0].clone(),
        PrerequisiteRecord {
            status: PrereqStatus::Erledigt,
            evidence,
        },
    );
    r.prerequisites.insert(
        items[1].clone(),
        PrerequisiteRecord {
            status: PrereqStatus::InArbeit,
            evidence: BTreeMap::new(),
        },
    );
    r.validate(catalog(), registry()).unwrap();
    r
}

/// A valid value for an evidence field of `kind`.
pub fn sample_evidence(kind: efa_domain::catalog::EvidenceKind) -> String {
    use efa_domain::catalog::EvidenceKind as K;
    match kind {
        K::FitConnectDestinationId => "36141427-d405-40a4-8f8b-3592d544e85b",
        K::DvdvOrganisationsschluessel => "wgb096630000000",
        K::PvogOeId => "L100012.OE.225060530",
        K::Url => "https://www.wuerzburg.de/datenschutz",
        K::Date => "2026-02-15",
        K::Text => "Beschluss des Stadtrats vom 12.02.2026",
        K::Email => "digital@stadt-beispiel.de",
        K::LeitwegId => "09663000-1234512345-06",
        K::Bkz => "1234",
    }
    .to_owned()
}

/// The API's valid Kreis Mettmann request (NRW, d-NRW route), nothing done yet.
pub fn mettmann() -> ConnectionRequest {
    let r: ConnectionRequest =
        serde_json::from_str(include_str!("../../../api/tests/fixtures/mettmann.json")).unwrap();
    r.validate(catalog(), registry()).unwrap();
    r
}

/// Würzburg with `n` services of the synthetic catalog, for pagination.
pub fn many_services(n: usize) -> (Catalog, ConnectionRequest) {
    let catalog = synthetic(n);
    let mut r = wuerzburg();
    r.prerequisites.clear();
    let template = r.services[0].authority.clone();
    let template_service = r.services[0].clone();
    r.services = catalog
        .services()
        .iter()
        .enumerate()
        .map(|(i, s)| ServiceRequest {
            service_id: s.id.clone(),
            authority: Authority {
                name: format!("Fachbereich {i} „Bürgerdienste“ der Stadt Würzburg"),
                ..template.clone()
            },
            channel: Some(if i % 2 == 0 {
                ChannelChoice::FitConnect {
                    destination_id: format!("36141427-d405-40a4-8f8b-3592d544{i:04x}"),
                }
            } else {
                ChannelChoice::OsciXta {
                    dvdv_key: "wgb096630000000".into(),
                }
            }),
            fachverfahren: format!("Fachverfahren {i}"),
            vendor: "Hersteller Y".into(),
            test_date: "2026-05-04".into(),
            go_live_date: "2026-06-01".into(),
            ..template_service.clone()
        })
        .collect();
    assert!(
        catalog
            .services()
            .iter()
            .all(|s| s.offers_channel(Channel::FitConnect) == Some(true))
    );
    let _ = Address::default();
    (catalog, r)
}

pub const GENERATED_AT: &str = "2026-03-02T09:30:00Z";
/// [`GENERATED_AT`] as the documents print it (German time, CET).
pub const GENERATED_AT_GERMAN: &str = "02.03.2026, 10:30 Uhr";

/// A PDF as poppler reads it.
#[derive(Debug)]
pub struct Pdf {
    /// `pdftotext -layout` output, one entry per page.
    pub pages: Vec<String>,
    /// `pdfinfo` fields (`Title`, `Author`, `Pages`, …).
    pub info: BTreeMap<String, String>,
    /// `pdftotext -bbox` output (word boxes as XHTML).
    pub bbox: String,
    /// What `check_pdf.py` found: structure elements by type, and the document language.
    pub roles: BTreeMap<String, u64>,
    pub lang: String,
    /// The addresses of the link annotations, in page order.
    pub links: Vec<String>,
}

impl Pdf {
    /// All pages' text with runs of whitespace (line breaks, layout indentation) folded to
    /// one space, for looking up values that may wrap.
    pub fn flat(&self) -> String {
        squash(&self.pages.join(" "))
    }

    /// All pages' text without any whitespace, for values that may be cut inside a word.
    pub fn dense(&self) -> String {
        self.pages.join("").split_whitespace().collect()
    }

    /// The word boxes of `pdftotext -bbox`: (xMin, xMax, text), in points.
    pub fn words(&self) -> Vec<(f32, f32, String)> {
        let attr = |tag: &str, name: &str| -> f32 {
            let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let end = start + tag[start..].find('"').unwrap();
            tag[start..end].parse().unwrap()
        };
        self.bbox
            .split("<word ")
            .skip(1)
            .map(|w| {
                let (tag, rest) = w.split_once('>').unwrap();
                let text = rest.split("</word>").next().unwrap().to_owned();
                (attr(tag, "xMin"), attr(tag, "xMax"), text)
            })
            .collect()
    }

    pub fn page_count(&self) -> usize {
        self.info["Pages"].parse().unwrap()
    }
}

pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}). The document tests read the PDFs with poppler: install \
             it with `apt-get install poppler-utils` (`cargo xtask test` does this)."
        )
    });
    assert!(
        output.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Writes `bytes` to a temporary file and reads it with `pdftotext` and `pdfinfo`.
pub fn read_pdf(bytes: &[u8]) -> Pdf {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    let text = run("pdftotext", &["-layout", "-enc", "UTF-8", path, "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // pdftotext ends every page with a form feed, so the last piece is empty.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    let info: BTreeMap<String, String> = run("pdfinfo", &["-enc", "UTF-8", path])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let bbox = run("pdftotext", &["-bbox", "-enc", "UTF-8", path, "-"]);
    assert_eq!(
        info.get("Tagged").map(String::as_str),
        Some("yes"),
        "pdfinfo does not see a tagged PDF: {info:?}"
    );
    let (roles, lang, links) = check_tagging(path);
    Pdf {
        pages,
        info,
        bbox,
        roles,
        lang,
        links,
    }
}

/// The Python of `target/pyenv`, where `cargo xtask test` installs pikepdf.
pub fn python() -> std::path::PathBuf {
    std::env::var_os("EFA_PYTHON").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pyenv/bin/python"),
        Into::into,
    )
}

/// Runs `tests/check_pdf.py` (pikepdf) on the file and fails with its findings.
fn check_tagging(path: &str) -> (BTreeMap<String, u64>, String, Vec<String>) {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check_pdf.py");
    let python = python();
    let output = Command::new(&python)
        .arg(&script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}). The document tests check the tagging with pikepdf: \
                 `cargo xtask test` installs it into target/pyenv (or set EFA_PYTHON to a \
                 Python that has pikepdf).",
                python.display()
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "check_pdf.py printed no report ({e}): {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let problems = report["problems"].as_array().unwrap();
    assert!(
        output.status.success() && problems.is_empty(),
        "the PDF's tagging has problems: {problems:#?}"
    );
    let roles = report["roles"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    let links = report["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    (roles, report["lang"].as_str().unwrap().to_owned(), links)
}
