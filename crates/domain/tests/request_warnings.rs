//! Warnings of request validation: values the catalog cannot confirm are accepted and
//! marked, never refused; malformed values are still errors. Every message names the
//! service whose field it is.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use efa_domain::catalog::Catalog;
use efa_domain::messages::{ErrorCode as E, FieldWarning, Lang, WarningCode as W};
use efa_domain::readiness::PrereqStatus;
use efa_domain::request::{ChannelChoice, ConnectionRequest, PrerequisiteRecord};
use support::{registry, valid_request};

const CATALOG: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn shipped() -> Catalog {
    Catalog::from_json(CATALOG).expect("the shipped catalog loads")
}

/// A valid request of the shipped catalog (from Würzburg) for each (service, DVDV key),
/// delivered over OSCI/XTA.
fn osci_request(services: &[(&str, &str)]) -> ConnectionRequest {
    let mut r = valid_request();
    r.prerequisites.clear();
    let template = r.services[0].clone();
    r.services = services
        .iter()
        .map(|(id, key)| {
            let mut s = template.clone();
            s.service_id = (*id).to_owned();
            s.channel = Some(ChannelChoice::OsciXta {
                dvdv_key: (*key).to_owned(),
            });
            s
        })
        .collect();
    r
}

type Warned = (String, W, Option<String>, String, Vec<String>);

/// A row of the key table: service, key, errors, warning (code, category found,
/// categories the catalog names).
type KeyRow<'a> = (
    &'a str,
    &'a str,
    &'a [E],
    Option<(W, &'a str, &'a [&'a str])>,
);

/// A row of the evidence table: (service, key of its channel), evidence key, warnings
/// (service, code, categories the catalog names).
type EvidenceRow<'a> = (
    &'a [(&'a str, &'a str)],
    &'a str,
    &'a [(&'a str, W, &'a [&'a str])],
);

fn warned(list: &[FieldWarning]) -> Vec<Warned> {
    list.iter()
        .map(|w| {
            (
                w.path.clone(),
                w.code,
                w.service.clone(),
                w.found.clone(),
                w.expected.clone(),
            )
        })
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The DVDV key of a service's channel. Columns: service, key, errors, warning (code,
/// category found, categories the catalog names).
#[test]
fn dvdv_keys_of_unnamed_categories_warn_and_malformed_keys_fail() {
    let table: [KeyRow; 13] = [
        // Einbürgerung and UVO use OSCI, but no source names their DVDV category.
        (
            "einbuergerung",
            "sta096630000000",
            &[],
            Some((W::DvdvCategoryUnknownForService, "sta", &[])),
        ),
        (
            "einbuergerung",
            "STA:09663000",
            &[],
            Some((W::DvdvCategoryUnknownForService, "sta", &[])),
        ),
        (
            "einbuergerung",
            "wgb096630000000",
            &[],
            Some((W::DvdvCategoryUnknownForService, "wgb", &[])),
        ),
        (
            "uvo",
            "sta:096630000000",
            &[],
            Some((W::DvdvCategoryUnknownForService, "sta", &[])),
        ),
        // Where the catalog names categories, another one warns with what was expected.
        ("wohngeld", "wgb096630000000", &[], None),
        (
            "wohngeld",
            "bab:09663000",
            &[],
            Some((W::DvdvCategoryNotNamed, "bab", &["wgb"])),
        ),
        (
            "wohngeld",
            "sta096630000000",
            &[],
            Some((W::DvdvCategoryNotNamed, "sta", &["wgb"])),
        ),
        ("fahrerkarte", "tpg:096630000000", &[], None),
        (
            "fahrerkarte",
            "wgb096630000000",
            &[],
            Some((W::DvdvCategoryNotNamed, "wgb", &["feb", "tpg", "fss"])),
        ),
        ("baugenehmigung-bauantrag", "bab:09663000", &[], None),
        // The form rules stay: a malformed key is an error and nothing else.
        ("einbuergerung", "sta0966", &[E::DvdvFormat], None),
        ("wohngeld", "wgb0966300000", &[E::DvdvWgbFormat], None),
        ("einbuergerung", "", &[E::Required], None),
    ];
    let catalog = shipped();
    for (service, key, errors, warning) in table {
        let r = osci_request(&[(service, key)]);
        let checked = r.check(&catalog, registry());
        let codes: Vec<E> = checked.errors.iter().map(|e| e.code).collect();
        assert_eq!(codes, errors, "{service} {key}");
        let path = "services[0].channel.dvdv_key".to_owned();
        let expected: Vec<Warned> = warning
            .into_iter()
            .map(|(code, found, named)| {
                (
                    path.clone(),
                    code,
                    Some(service.to_owned()),
                    found.to_owned(),
                    strings(named),
                )
            })
            .collect();
        assert_eq!(warned(&checked.warnings), expected, "{service} {key}");
        // Warnings alone never make the request invalid.
        assert_eq!(r.validate(&catalog, registry()).is_ok(), errors.is_empty());
    }
}

/// The message names the service whose field it is and what was expected, in both
/// languages, and never talks about another service.
#[test]
fn warning_messages_name_the_service_whose_field_it_is() {
    let catalog = shipped();
    let r = osci_request(&[("einbuergerung", "sta096630000000")]);
    let w = &r.check(&catalog, registry()).warnings[0];
    let de = w.message(Lang::De, &catalog);
    assert!(de.starts_with("„Antrag auf Einbürgerung“: "), "{de}");
    assert!(de.contains("Kategorie sta"), "{de}");
    assert!(de.contains("keine Quelle eine DVDV-Kategorie"), "{de}");
    assert!(!de.contains("Wohngeld"), "{de}");
    assert!(de.contains("trotzdem abgesendet"), "{de}");
    let en = w.message(Lang::En, &catalog);
    assert!(en.starts_with("“Antrag auf Einbürgerung”: "), "{en}");
    assert!(en.contains("category sta"), "{en}");

    let r = osci_request(&[("wohngeld", "bab:09663000")]);
    let w = &r.check(&catalog, registry()).warnings[0];
    let de = w.message(Lang::De, &catalog);
    assert!(
        de.starts_with("„Wohngeld (Mietzuschuss / Lastenzuschuss) – EfA Wohngeld“: "),
        "{de}"
    );
    assert!(de.contains("Kategorie bab"), "{de}");
    assert!(de.contains("nennt für diese Leistung wgb"), "{de}");
}

/// The DVDV key in the prerequisites' evidence concerns every service delivered over
/// OSCI/XTA; each service it does not fit gets its own warning.
#[test]
fn dvdv_evidence_warns_per_osci_service() {
    let path = "prerequisites.dvdv-eintrag.evidence.organisationsschluessel";
    let table: [EvidenceRow; 4] = [
        (
            &[
                ("einbuergerung", "sta096630000000"),
                ("wohngeld", "wgb096630000000"),
            ],
            "wgb096630000000",
            &[("einbuergerung", W::DvdvCategoryUnknownForService, &[])],
        ),
        (
            &[
                ("einbuergerung", "sta096630000000"),
                ("wohngeld", "wgb096630000000"),
            ],
            "sta096630000000",
            &[
                ("einbuergerung", W::DvdvCategoryUnknownForService, &[]),
                ("wohngeld", W::DvdvCategoryNotNamed, &["wgb"]),
            ],
        ),
        (&[("wohngeld", "wgb096630000000")], "wgb096630000000", &[]),
        // UVO over OSCI/XTA: no source names its category either.
        (
            &[("uvo", "sta096630000000")],
            "wgb096630000000",
            &[("uvo", W::DvdvCategoryUnknownForService, &[])],
        ),
    ];
    let catalog = shipped();
    for (services, key, expected) in table {
        let mut r = osci_request(services);
        r.prerequisites.insert(
            "dvdv-eintrag".into(),
            PrerequisiteRecord {
                status: PrereqStatus::Erledigt,
                evidence: [("organisationsschluessel".to_owned(), key.to_owned())].into(),
            },
        );
        let checked = r.check(&catalog, registry());
        assert_eq!(checked.errors, vec![], "{services:?} {key}");
        let found = key.get(..3).unwrap();
        let evidence: Vec<Warned> = warned(&checked.warnings)
            .into_iter()
            .filter(|w| w.0 == path)
            .collect();
        let want: Vec<Warned> = expected
            .iter()
            .map(|(service, code, named)| {
                (
                    path.to_owned(),
                    *code,
                    Some((*service).to_owned()),
                    found.to_owned(),
                    strings(named),
                )
            })
            .collect();
        assert_eq!(evidence, want, "{services:?} {key}");
    }
    // PDF download needs no DVDV key: its service gets no warning.
    let mut r = valid_request();
    r.prerequisites.clear();
    r.services.truncate(1);
    r.services[0].service_id = "uvo".into();
    r.services[0].channel = Some(ChannelChoice::PdfDownload {
        funktionspostfach: "post@stadt-beispiel.de".into(),
    });
    r.prerequisites.insert(
        "dvdv-eintrag".into(),
        PrerequisiteRecord {
            status: PrereqStatus::InArbeit,
            evidence: [(
                "organisationsschluessel".to_owned(),
                "sta096630000000".to_owned(),
            )]
            .into(),
        },
    );
    let checked = r.check(&catalog, registry());
    assert_eq!((checked.errors, checked.warnings), (vec![], vec![]));
    // A malformed key in the evidence is still an error.
    r.prerequisites.insert(
        "dvdv-eintrag".into(),
        PrerequisiteRecord {
            status: PrereqStatus::InArbeit,
            evidence: [("organisationsschluessel".to_owned(), "sta-1".to_owned())].into(),
        },
    );
    let errors = r.validate(&catalog, registry()).unwrap_err();
    assert_eq!(errors[0].path, path);
    assert_eq!(errors[0].code, E::DvdvFormat);
}

/// The OE-ID's form comes from a single example, so a different form only warns; an
/// unsafe text is still an error. Columns: value, error, warns.
#[test]
fn oe_ids_unlike_the_example_warn() {
    let table: [(&str, Option<E>, bool); 6] = [
        ("L100012.OE.225060530", None, false),
        (" L100012.OE.1 ", None, false),
        ("L100012-OE-225060530", None, true),
        ("9876543", None, true),
        ("Hessen/OE/4711", None, true),
        ("L100012.OE.\u{202e}1", Some(E::ControlCharacters), false),
    ];
    let catalog = shipped();
    for (value, error, warns) in table {
        // In a service's authority: the warning names the service.
        let mut r = osci_request(&[("wohngeld", "wgb096630000000")]);
        r.services[0].authority.oe_id = value.to_owned();
        let checked = r.check(&catalog, registry());
        let errors: Vec<(String, E)> = checked
            .errors
            .iter()
            .map(|e| (e.path.clone(), e.code))
            .collect();
        let path = "services[0].authority.oe_id";
        assert_eq!(
            errors,
            error
                .map(|e| (path.to_owned(), e))
                .into_iter()
                .collect::<Vec<_>>(),
            "{value:?}"
        );
        let w: Vec<Warned> = warned(&checked.warnings);
        let expected: Vec<Warned> = warns
            .then(|| {
                (
                    path.to_owned(),
                    W::PvogOeIdUnusual,
                    Some("wohngeld".to_owned()),
                    value.trim().to_owned(),
                    strings(&["L100012.OE.225060530"]),
                )
            })
            .into_iter()
            .collect();
        assert_eq!(w, expected, "{value:?}");

        // In the PVOG evidence: the same rule, for no single service.
        let mut r = osci_request(&[("wohngeld", "wgb096630000000")]);
        r.prerequisites.insert(
            "pvog-eintrag".into(),
            PrerequisiteRecord {
                status: PrereqStatus::Erledigt,
                evidence: [("oe-id".to_owned(), value.to_owned())].into(),
            },
        );
        let checked = r.check(&catalog, registry());
        assert_eq!(checked.errors.is_empty(), error.is_none(), "{value:?}");
        assert_eq!(
            checked
                .warnings
                .iter()
                .map(|w| (w.path.as_str(), w.code, w.service.clone()))
                .collect::<Vec<_>>(),
            if warns {
                vec![(
                    "prerequisites.pvog-eintrag.evidence.oe-id",
                    W::PvogOeIdUnusual,
                    None,
                )]
            } else {
                vec![]
            },
            "{value:?}"
        );
    }
    let w = FieldWarning {
        path: "prerequisites.pvog-eintrag.evidence.oe-id".into(),
        code: W::PvogOeIdUnusual,
        service: None,
        found: "9876543".into(),
        expected: strings(&["L100012.OE.225060530"]),
    };
    let de = w.message(Lang::De, &shipped());
    assert!(de.starts_with("Die OE-ID hat nicht die Form"), "{de}");
}

#[test]
fn warning_codes_and_texts() {
    let catalog = shipped();
    let mut seen = std::collections::HashSet::new();
    for code in W::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        for lang in [Lang::De, Lang::En] {
            let w = FieldWarning {
                path: "services[0].channel.dvdv_key".into(),
                code,
                service: Some("einbuergerung".into()),
                found: "sta".into(),
                expected: vec![],
            };
            let text = w.message(lang, &catalog);
            assert!(text.ends_with('.'), "{code} {lang:?}: {text}");
            assert!(seen.insert(text), "duplicate text for {code}");
        }
    }
    let w = FieldWarning {
        path: "services[0].channel.dvdv_key".into(),
        code: W::DvdvCategoryNotNamed,
        service: Some("wohngeld".into()),
        found: "bab".into(),
        expected: strings(&["wgb"]),
    };
    assert_eq!(
        serde_json::to_value(&w).unwrap(),
        serde_json::json!({
            "path": "services[0].channel.dvdv_key",
            "code": "dvdv_category_not_named",
            "service": "wohngeld",
            "found": "bab",
            "expected": ["wgb"]
        })
    );
}

/// The form errors of a DVDV key can stand at any service's field (a clerk of the
/// Einbürgerungsbehörde may try the wgb form from the hint), so they speak of categories
/// and never of another service.
#[test]
fn dvdv_form_errors_name_categories_not_services() {
    let services = [
        "Wohngeld",
        "housing benefit",
        "Fahrtenschreiber",
        "tachograph",
        "Bauaufsicht",
        "building authority",
    ];
    for code in [
        E::DvdvWgbFormat,
        E::DvdvFahrtenschreiberFormat,
        E::DvdvBabFormat,
        E::DvdvFormat,
    ] {
        for lang in [Lang::De, Lang::En] {
            let text = efa_domain::messages::message(code, lang);
            for s in services {
                assert!(!text.contains(s), "{code} {lang:?}: {text}");
            }
        }
    }
    let catalog = shipped();
    let r = osci_request(&[("einbuergerung", "wgb0966300000")]);
    let errors = r.validate(&catalog, registry()).unwrap_err();
    assert_eq!(errors[0].code, E::DvdvWgbFormat);
    assert!(errors[0].message(Lang::De).contains("der Kategorie wgb"));
}
