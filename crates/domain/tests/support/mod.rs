//! Shared fixtures for the request tests: a small test catalog, the real registry and a
//! request that passes validation.
//!
//! The catalog is made up for the tests (its sources are on the reserved `.invalid`
//! domain); it covers every channel and every evidence kind.

#![allow(dead_code)]

use std::sync::OnceLock;

use efa_domain::catalog::Catalog;
use efa_domain::readiness::PrereqStatus;
use efa_domain::registry::Registry;
use efa_domain::request::{
    Address, ChannelChoice, ConnectionRequest, Contact, Embedding, EmbeddingMode,
    PrerequisiteRecord,
};
use efa_domain::sample;

pub const ASSET: &str = include_str!("../../../../public/data/registry.tsv");

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::parse(ASSET).unwrap())
}

const SRC: &str = "https://fixture.example.invalid/source";

fn service(id: &str, offer_type: &str, channels: &str) -> String {
    format!(
        r#"{{
        "id": "{id}", "name": "Testleistung {id}", "description": "Nur für Tests.",
        "offer_type": "{offer_type}", "ozg_leistung": null, "ozg_id": null, "themenfeld": null,
        "provider": {{ "federfuehrendes_land": null, "umsetzendes_land": null, "text": null }},
        "platform": null, "leika": null, "responsible_levels": null, "responsible_authority": null,
        "channels": {channels}, "basis_components": null, "data_standard": null, "questionnaire": null,
        "availability": {{ "bayern": null, "nrw": null }},
        "prerequisites": [], "notes": [], "sources": ["{SRC}"]
    }}"#
    )
}

fn prerequisite(id: &str, evidence: &str) -> String {
    format!(
        r#"{{
        "id": "{id}", "title": "Test {id}", "explanation": "Nur für Tests.",
        "category": "technisch", "how_to": "Nur für Tests.", "official_link": null,
        "applies_if": {{}}, "depends_on": [], "evidence": {evidence}, "sources": ["{SRC}"]
    }}"#
    )
}

fn field(id: &str, kind: &str, optional: bool) -> String {
    format!(r#"{{ "id": "{id}", "label": "Feld {id}", "kind": "{kind}", "optional": {optional} }}"#)
}

pub fn catalog_json() -> String {
    let osci_wgb = r#"[
        { "channel": "fit-connect", "dvdv_categories": null, "note": null },
        { "channel": "osci-xta", "dvdv_categories": ["wgb"], "note": null }
    ]"#;
    let services = [
        service("test-wohngeld", "efa-service", osci_wgb),
        service("test-bau", "efa-service", "null"),
        service(
            "test-pdf",
            "efa-service",
            r#"[{ "channel": "pdf-download", "dvdv_categories": null, "note": null }, { "channel": "email", "dvdv_categories": null, "note": null }]"#,
        ),
        service("test-pilot", "pilot", "null"),
    ];
    let every_kind = format!(
        "[{}]",
        [
            field("destination-id", "fit-connect-destination-id", true),
            field("dvdv", "dvdv-organisationsschluessel", true),
            field("oe-id", "pvog-oe-id", true),
            field("url", "url", true),
            field("datum", "date", true),
            field("notiz", "text", true),
            field("mail", "email", true),
            field("leitweg", "leitweg-id", true),
            field("bkz", "bkz", true),
        ]
        .join(",")
    );
    let prerequisites = [
        prerequisite(
            "zustellpunkt",
            &format!(
                "[{}]",
                field("destination-id", "fit-connect-destination-id", false)
            ),
        ),
        prerequisite(
            "datenschutzerklaerung",
            &format!("[{}]", field("url", "url", false)),
        ),
        prerequisite("alles", &every_kind),
        prerequisite("ohne-nachweis", "[]"),
    ];
    format!(
        r#"{{ "schema_version": 1, "catalog_version": "test", "common_prerequisites": [],
        "services": [{}], "prerequisites": [{}] }}"#,
        services.join(","),
        prerequisites.join(",")
    )
}

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_json(&catalog_json()).unwrap())
}

fn address() -> Address {
    Address {
        street: "Beispielstraße 1".into(),
        plz: "97070".into(),
        ort: "Würzburg".into(),
    }
}

/// A request from Würzburg for two services of the test catalog that passes validation:
/// OSCI/XTA (a Fachverfahren) and the PDF download (none).
pub fn valid_request() -> ConnectionRequest {
    let mut r = sample::request("2026-03-02T09:00:00+01:00");
    r.updated_at = "2026-03-03T10:30:00+01:00".into();
    let entry = registry().find_key("09663000").unwrap();
    r.set_municipality(entry);
    r.municipality.address = address();
    let osci = ChannelChoice::OsciXta {
        dvdv_key: "wgb096630000000".into(),
    };
    let pdf = ChannelChoice::PdfDownload {
        funktionspostfach: "wohngeld@stadt-beispiel.de".into(),
    };
    let mut wohngeld = sample::service("test-wohngeld", osci, &address(), "096630000000");
    wohngeld.authority.oe_id = "L100012.OE.225060530".into();
    let mut download = sample::service("test-pdf", pdf, &address(), "096630000000");
    download.fachverfahren = String::new();
    download.vendor = String::new();
    download.test_date = String::new();
    download.vendor_contact = Contact::default();
    download.embedding = Embedding {
        mode: Some(EmbeddingMode::Link),
        domains: Vec::new(),
    };
    r.services = vec![wohngeld, download];
    r.prerequisites.insert(
        "datenschutzerklaerung".into(),
        PrerequisiteRecord {
            status: PrereqStatus::Erledigt,
            evidence: [(
                "url".to_string(),
                "https://www.stadt-beispiel.de/datenschutz".to_string(),
            )]
            .into(),
        },
    );
    r.prerequisites.insert(
        "zustellpunkt".into(),
        PrerequisiteRecord {
            status: PrereqStatus::InArbeit,
            evidence: Default::default(),
        },
    );
    r
}
