//! Readiness rules, table-driven on a small purpose-built catalog, plus scenarios on the
//! shipped catalog.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use std::collections::BTreeMap;

use efa_domain::catalog::{Catalog, Category, Channel, MunicipalityKind, OfferType};
use efa_domain::land::Land;
use efa_domain::readiness::{
    BlockReason, ItemState, PrereqStatus, Readiness, ReadinessInput, ServiceReadiness, evaluate,
};
use efa_domain::route::RouteKind;
use serde_json::{Value, json};

fn service(id: &str, channels: Value, prerequisites: &[&str]) -> Value {
    json!({
        "id": id, "name": id, "description": "Test", "offer_type": "efa-service",
        "ozg_leistung": null, "ozg_id": null, "themenfeld": null,
        "provider": { "federfuehrendes_land": null, "umsetzendes_land": null, "text": null },
        "platform": null, "leika": null, "responsible_levels": null,
        "responsible_authority": null, "channels": channels, "basis_components": null,
        "data_standard": null, "questionnaire": null, "availability": { "bayern": null, "nrw": null },
        "prerequisites": prerequisites, "notes": [], "sources": ["https://example.org/q"]
    })
}

fn channel_list(channels: &[&str]) -> Value {
    Value::Array(
        channels
            .iter()
            .map(|c| json!({ "channel": c, "dvdv_categories": null, "note": null }))
            .collect(),
    )
}

fn prerequisite(id: &str, category: &str, applies_if: Value, depends_on: &[&str]) -> Value {
    json!({
        "id": id, "title": id, "explanation": "Test", "category": category,
        "how_to": "Test", "official_link": null, "applies_if": applies_if,
        "depends_on": depends_on, "evidence": [], "sources": ["https://example.org/q"]
    })
}

/// Prerequisites in catalog order (which breaks ties in next actions):
/// `vertrag-by` (BY), `vertrag-nrw` (NRW), `elster`, `dse` (always), `cert` (OSCI),
/// `dvdv` (OSCI, needs cert), `vpki` (FIT-Connect), `fit` (FIT-Connect, needs elster and
/// vpki), `kreis-only` (Landkreis), `nur-s2` (service s2), `golive` (needs both contracts).
///
/// Services: `s1` only OSCI known (implicit channel), `s2` FIT-Connect or OSCI, `s3`
/// channels unknown, `s4` a pilot, `s5` paused in NRW with PDF only.
fn fixture() -> Catalog {
    let rt = "rechtlich-organisatorisch";
    let t = "technisch";
    let mut s5 = service("s5", channel_list(&["pdf-download"]), &[]);
    s5["availability"]["nrw"] = json!({
        "status": "paused", "text": "In NRW pausiert.", "sources": ["https://example.org/q"]
    });
    let mut s4 = service("s4", Value::Null, &[]);
    s4["offer_type"] = json!("pilot");
    let v = json!({
        "schema_version": 1,
        "catalog_version": "test",
        "common_prerequisites": ["vertrag-by", "vertrag-nrw", "dse", "dvdv", "fit", "golive"],
        "services": [
            service("s1", channel_list(&["osci-xta"]), &["kreis-only"]),
            service("s2", channel_list(&["fit-connect", "osci-xta"]), &["nur-s2"]),
            service("s3", Value::Null, &[]),
            s4,
            s5,
        ],
        "prerequisites": [
            prerequisite("vertrag-by", rt, json!({ "routes": ["baykommun"] }), &[]),
            prerequisite("vertrag-nrw", rt, json!({ "routes": ["d-nrw"] }), &[]),
            prerequisite("elster", rt, json!({}), &[]),
            prerequisite("dse", rt, json!({}), &[]),
            prerequisite("cert", t, json!({ "channels": ["osci-xta"] }), &[]),
            prerequisite("dvdv", t, json!({ "channels": ["osci-xta"] }), &["cert"]),
            prerequisite("vpki", t, json!({ "channels": ["fit-connect"] }), &[]),
            prerequisite("fit", t, json!({ "channels": ["fit-connect"] }), &["elster", "vpki"]),
            prerequisite("kreis-only", rt, json!({ "kinds": ["landkreis"] }), &[]),
            prerequisite("nur-s2", rt, json!({ "services": ["s2"] }), &[]),
            prerequisite("golive", rt, json!({}), &["vertrag-by", "vertrag-nrw"]),
        ]
    });
    Catalog::from_json(&v.to_string()).unwrap()
}

struct Case<'a> {
    land: Land,
    kind: Option<MunicipalityKind>,
    services: &'a [&'a str],
    channels: &'a [(&'a str, Channel)],
    statuses: &'a [(&'a str, PrereqStatus)],
}

impl Case<'_> {
    fn new<'a>(land: Land, services: &'a [&'a str]) -> Case<'a> {
        Case {
            land,
            kind: None,
            services,
            channels: &[],
            statuses: &[],
        }
    }

    fn input(&self) -> ReadinessInput {
        ReadinessInput {
            land: self.land,
            kind: self.kind,
            services: self.services.iter().map(|s| (*s).to_owned()).collect(),
            channels: self
                .channels
                .iter()
                .map(|(s, c)| ((*s).to_owned(), *c))
                .collect(),
            statuses: self
                .statuses
                .iter()
                .map(|(p, s)| ((*p).to_owned(), *s))
                .collect(),
        }
    }

    fn run(&self, catalog: &Catalog) -> Readiness {
        evaluate(catalog, &self.input())
    }
}

fn ids(r: &Readiness) -> Vec<&str> {
    r.checklist
        .iter()
        .flat_map(|g| &g.items)
        .map(|i| i.prerequisite.as_str())
        .collect()
}

fn next(r: &Readiness) -> Vec<&str> {
    r.next_actions
        .iter()
        .map(|a| a.prerequisite.as_str())
        .collect()
}

#[test]
fn checklist_per_context() {
    let c = fixture();
    // (description, case, expected checklist ids: legal group first, catalog order)
    let table: Vec<(&str, Case, Vec<&str>)> = vec![
        (
            "Bayern, implicit OSCI channel",
            Case::new(Land::Bayern, &["s1"]),
            vec!["vertrag-by", "dse", "kreis-only", "golive", "cert", "dvdv"],
        ),
        (
            "NRW takes the NRW contract instead",
            Case::new(Land::NordrheinWestfalen, &["s1"]),
            vec!["vertrag-nrw", "dse", "kreis-only", "golive", "cert", "dvdv"],
        ),
        (
            "other Länder take neither route-specific contract",
            Case::new(Land::Hessen, &["s1"]),
            vec!["dse", "kreis-only", "golive", "cert", "dvdv"],
        ),
        (
            "a Gemeinde does not get the Landkreis item",
            Case {
                kind: Some(MunicipalityKind::Gemeinde),
                ..Case::new(Land::Hessen, &["s1"])
            },
            vec!["dse", "golive", "cert", "dvdv"],
        ),
        (
            "a Landkreis does",
            Case {
                kind: Some(MunicipalityKind::Landkreis),
                ..Case::new(Land::Hessen, &["s1"])
            },
            vec!["dse", "kreis-only", "golive", "cert", "dvdv"],
        ),
        (
            "FIT-Connect pulls in its dependencies, incl. one without own condition",
            Case {
                channels: &[("s2", Channel::FitConnect)],
                ..Case::new(Land::Hessen, &["s2"])
            },
            vec!["elster", "dse", "nur-s2", "golive", "vpki", "fit"],
        ),
        (
            "without a channel, channel items are left out",
            Case::new(Land::Hessen, &["s2"]),
            vec!["dse", "nur-s2", "golive"],
        ),
        (
            "a chosen channel counts even when the catalog knows none",
            Case {
                channels: &[("s3", Channel::OsciXta)],
                ..Case::new(Land::Hessen, &["s3"])
            },
            vec!["dse", "golive", "cert", "dvdv"],
        ),
        (
            "a pilot adds nothing",
            Case::new(Land::Bayern, &["s4"]),
            vec![],
        ),
        (
            "PDF needs no channel items",
            Case::new(Land::Bayern, &["s5"]),
            vec!["vertrag-by", "dse", "golive"],
        ),
    ];
    for (name, case, expected) in table {
        let r = case.run(&c);
        assert_eq!(ids(&r), expected, "{name}");
    }
}

#[test]
fn shared_prerequisites_appear_once_with_all_services() {
    let c = fixture();
    let case = Case {
        channels: &[("s2", Channel::OsciXta), ("s3", Channel::OsciXta)],
        ..Case::new(Land::Bayern, &["s3", "s1", "s2", "s5"])
    };
    let r = case.run(&c);
    let dvdv = r.item("dvdv").unwrap();
    assert_eq!(dvdv.services, vec!["s1", "s2", "s3"]);
    let dse = r.item("dse").unwrap();
    assert_eq!(dse.services, vec!["s1", "s2", "s3", "s5"]);
    assert_eq!(r.item("nur-s2").unwrap().services, vec!["s2"]);
    let all = ids(&r);
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(all.len(), unique.len());
}

#[test]
fn checklist_is_grouped_by_category() {
    let c = fixture();
    let r = Case::new(Land::Bayern, &["s1"]).run(&c);
    assert_eq!(r.checklist.len(), 2);
    assert_eq!(r.checklist[0].category, Category::RechtlichOrganisatorisch);
    assert_eq!(r.checklist[1].category, Category::Technisch);
    let technical: Vec<&str> = r.checklist[1]
        .items
        .iter()
        .map(|i| i.prerequisite.as_str())
        .collect();
    assert_eq!(technical, vec!["cert", "dvdv"]);
    assert_eq!(r.item_count(), 6);
}

#[test]
fn derived_state_follows_dependencies() {
    let c = fixture();
    // (status of cert, status of dvdv, expected dvdv state, expected blocked_by)
    let table = [
        (
            None,
            None,
            ItemState::KannNochNichtBegonnenWerden,
            vec!["cert"],
        ),
        (
            Some(PrereqStatus::InArbeit),
            None,
            ItemState::KannNochNichtBegonnenWerden,
            vec!["cert"],
        ),
        (Some(PrereqStatus::Erledigt), None, ItemState::Offen, vec![]),
        (
            Some(PrereqStatus::NichtZutreffend),
            None,
            ItemState::Offen,
            vec![],
        ),
        (
            None,
            Some(PrereqStatus::InArbeit),
            ItemState::InArbeit,
            vec!["cert"],
        ),
        (
            Some(PrereqStatus::Erledigt),
            Some(PrereqStatus::InArbeit),
            ItemState::InArbeit,
            vec![],
        ),
        (
            None,
            Some(PrereqStatus::Erledigt),
            ItemState::Erledigt,
            vec!["cert"],
        ),
        (
            None,
            Some(PrereqStatus::NichtZutreffend),
            ItemState::NichtZutreffend,
            vec!["cert"],
        ),
    ];
    for (cert, dvdv, state, blocked_by) in table {
        let mut statuses = Vec::new();
        if let Some(s) = cert {
            statuses.push(("cert", s));
        }
        if let Some(s) = dvdv {
            statuses.push(("dvdv", s));
        }
        let case = Case {
            statuses: &statuses,
            ..Case::new(Land::Hessen, &["s1"])
        };
        let r = case.run(&c);
        let item = r.item("dvdv").unwrap();
        assert_eq!(item.state, state, "cert={cert:?} dvdv={dvdv:?}");
        assert_eq!(item.blocked_by, blocked_by, "cert={cert:?} dvdv={dvdv:?}");
        assert_eq!(item.status, dvdv.unwrap_or_default());
    }
}

#[test]
fn dependencies_that_do_not_apply_do_not_block() {
    let c = fixture();
    let by = Case::new(Land::Bayern, &["s1"]).run(&c);
    assert_eq!(by.item("golive").unwrap().blocked_by, vec!["vertrag-by"]);
    let nrw = Case::new(Land::NordrheinWestfalen, &["s1"]).run(&c);
    assert_eq!(nrw.item("golive").unwrap().blocked_by, vec!["vertrag-nrw"]);
    let he = Case::new(Land::Hessen, &["s1"]).run(&c);
    assert!(he.item("golive").unwrap().blocked_by.is_empty());
    assert_eq!(he.item("golive").unwrap().state, ItemState::Offen);
}

#[test]
fn service_readiness_table() {
    let c = fixture();
    let done: Vec<(&str, PrereqStatus)> = [
        "vertrag-by",
        "vertrag-nrw",
        "elster",
        "dse",
        "cert",
        "dvdv",
        "vpki",
        "fit",
        "kreis-only",
        "nur-s2",
        "golive",
    ]
    .into_iter()
    .map(|p| (p, PrereqStatus::Erledigt))
    .collect();
    let fit = Channel::FitConnect;
    let osci = Channel::OsciXta;
    let table: Vec<(&str, Case, &str, ServiceReadiness)> = vec![
        (
            "all done",
            Case {
                statuses: &done,
                ..Case::new(Land::Bayern, &["s1"])
            },
            "s1",
            ServiceReadiness::Bereit,
        ),
        (
            "open items in catalog order",
            Case::new(Land::Bayern, &["s1"]),
            "s1",
            ServiceReadiness::OffenePunkte {
                open: vec![
                    "vertrag-by".into(),
                    "dse".into(),
                    "cert".into(),
                    "dvdv".into(),
                    "kreis-only".into(),
                    "golive".into(),
                ],
            },
        ),
        (
            "no channel chosen among two",
            Case {
                statuses: &done,
                ..Case::new(Land::Bayern, &["s2"])
            },
            "s2",
            ServiceReadiness::Blockiert {
                reasons: vec![BlockReason::ChannelNotChosen {
                    known: vec![fit, osci],
                }],
                open: vec![],
            },
        ),
        (
            "no channel known and none chosen",
            Case::new(Land::Hessen, &["s3"]),
            "s3",
            ServiceReadiness::Blockiert {
                reasons: vec![BlockReason::ChannelNotChosen { known: vec![] }],
                open: vec!["dse".into(), "golive".into()],
            },
        ),
        (
            "chosen channel not known for the service",
            Case {
                statuses: &done,
                channels: &[("s1", Channel::FitConnect)],
                ..Case::new(Land::Bayern, &["s1"])
            },
            "s1",
            ServiceReadiness::Blockiert {
                reasons: vec![BlockReason::ChannelNotKnownForService {
                    chosen: fit,
                    known: vec![osci],
                }],
                open: vec![],
            },
        ),
        (
            "pilot",
            Case::new(Land::Bayern, &["s4"]),
            "s4",
            ServiceReadiness::Blockiert {
                reasons: vec![BlockReason::NotConnectable {
                    offer_type: OfferType::Pilot,
                }],
                open: vec![],
            },
        ),
        (
            "paused in NRW",
            Case {
                statuses: &done,
                ..Case::new(Land::NordrheinWestfalen, &["s5"])
            },
            "s5",
            ServiceReadiness::Blockiert {
                reasons: vec![BlockReason::PausedInLand {
                    land: Land::NordrheinWestfalen,
                    text: "In NRW pausiert.".into(),
                }],
                open: vec![],
            },
        ),
        (
            "not paused in Bayern",
            Case {
                statuses: &done,
                ..Case::new(Land::Bayern, &["s5"])
            },
            "s5",
            ServiceReadiness::Bereit,
        ),
        (
            "not applicable counts as fulfilled",
            Case {
                statuses: &[
                    ("vertrag-by", PrereqStatus::NichtZutreffend),
                    ("dse", PrereqStatus::Erledigt),
                    ("golive", PrereqStatus::NichtZutreffend),
                ],
                ..Case::new(Land::Bayern, &["s5"])
            },
            "s5",
            ServiceReadiness::Bereit,
        ),
    ];
    for (name, case, service, expected) in table {
        let r = case.run(&c);
        assert_eq!(r.service(service), Some(&expected), "{name}");
    }
}

#[test]
fn channel_used_is_reported() {
    let c = fixture();
    let r = Case {
        channels: &[("s2", Channel::FitConnect)],
        ..Case::new(Land::Bayern, &["s1", "s2", "s3"])
    }
    .run(&c);
    let channels: Vec<(&str, Option<Channel>)> = r
        .services
        .iter()
        .map(|s| (s.service.as_str(), s.channel))
        .collect();
    assert_eq!(
        channels,
        vec![
            ("s1", Some(Channel::OsciXta)),
            ("s2", Some(Channel::FitConnect)),
            ("s3", None)
        ]
    );
}

#[test]
fn next_actions_respect_dependencies_and_catalog_order() {
    let c = fixture();
    type Row<'a> = (&'a str, Case<'a>, Vec<(&'a str, bool)>);
    let table: Vec<Row> = vec![
        (
            "OSCI in Bayern",
            Case::new(Land::Bayern, &["s1"]),
            vec![
                ("vertrag-by", true),
                ("dse", true),
                ("cert", true),
                ("dvdv", false),
                ("kreis-only", true),
                ("golive", false),
            ],
        ),
        (
            "FIT-Connect: elster and vpki before fit",
            Case {
                channels: &[("s2", Channel::FitConnect)],
                ..Case::new(Land::Hessen, &["s2"])
            },
            vec![
                ("elster", true),
                ("dse", true),
                ("vpki", true),
                ("fit", false),
                ("nur-s2", true),
                ("golive", true),
            ],
        ),
        (
            "fulfilled items drop out and unblock",
            Case {
                statuses: &[
                    ("cert", PrereqStatus::Erledigt),
                    ("vertrag-by", PrereqStatus::InArbeit),
                ],
                ..Case::new(Land::Bayern, &["s1"])
            },
            vec![
                ("vertrag-by", true),
                ("dse", true),
                ("dvdv", true),
                ("kreis-only", true),
                ("golive", false),
            ],
        ),
    ];
    for (name, case, expected) in table {
        let r = case.run(&c);
        let got: Vec<(&str, bool)> = r
            .next_actions
            .iter()
            .map(|a| (a.prerequisite.as_str(), a.can_start))
            .collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn a_dependency_late_in_the_catalog_still_comes_first() {
    // `early` depends on `late`, which comes after it in the file.
    let p = |id: &str, deps: &[&str]| prerequisite(id, "technisch", json!({}), deps);
    let v = json!({
        "schema_version": 1, "catalog_version": "t",
        "common_prerequisites": ["early", "middle"],
        "services": [service("x", channel_list(&["email"]), &[])],
        "prerequisites": [p("early", &["late"]), p("middle", &[]), p("late", &[])]
    });
    let c = Catalog::from_json(&v.to_string()).unwrap();
    let r = Case::new(Land::Hessen, &["x"]).run(&c);
    assert_eq!(next(&r), vec!["middle", "late", "early"]);
    assert_eq!(
        r.item("early").unwrap().state,
        ItemState::KannNochNichtBegonnenWerden
    );
}

#[test]
fn unknown_and_repeated_input_is_tolerated() {
    let c = fixture();
    let case = Case {
        statuses: &[("gibt-es-nicht", PrereqStatus::Erledigt)],
        channels: &[("auch-nicht", Channel::Email)],
        ..Case::new(Land::Bayern, &["zz", "s1", "aa", "s1", "zz"])
    };
    let r = case.run(&c);
    assert_eq!(r.unknown_services, vec!["aa", "zz"]);
    assert_eq!(r.services.len(), 1);
    assert_eq!(r.route, RouteKind::BayKommun);
    assert_eq!(r, Case::new(Land::Bayern, &["s1", "zz", "aa"]).run(&c));
}

#[test]
fn nothing_selected() {
    let c = fixture();
    let r = Case::new(Land::Bayern, &[]).run(&c);
    assert_eq!(r.item_count(), 0);
    assert!(r.services.is_empty());
    assert!(r.next_actions.is_empty());
    assert!(!r.all_ready());
}

#[test]
fn block_reasons_explain_in_german() {
    let cases = [
        (
            BlockReason::ChannelNotChosen {
                known: vec![Channel::FitConnect, Channel::OsciXta],
            },
            "Bitte einen Übertragungsweg wählen: FIT-Connect, OSCI/XTA mit DVDV-Eintrag.",
        ),
        (
            BlockReason::NotConnectable {
                offer_type: OfferType::Project,
            },
            "Kein anschließbares Angebot: EfA-Umsetzungsprojekt, aktueller Stand unbekannt.",
        ),
        (
            BlockReason::PausedInLand {
                land: Land::NordrheinWestfalen,
                text: "Seit 1.1.2023 pausiert.".into(),
            },
            "In Nordrhein-Westfalen pausiert: Seit 1.1.2023 pausiert.",
        ),
    ];
    for (reason, text) in cases {
        assert_eq!(reason.text_de(), text);
    }
}

#[test]
fn readiness_input_and_output_serialise() {
    let json = json!({
        "land": "05",
        "kind": "kreisfreie-stadt",
        "services": ["s1"],
        "channels": { "s1": "osci-xta" },
        "statuses": { "cert": "in-arbeit" }
    });
    let input: ReadinessInput = serde_json::from_value(json).unwrap();
    assert_eq!(input.statuses["cert"], PrereqStatus::InArbeit);
    let r = evaluate(&fixture(), &input);
    let out = serde_json::to_value(&r).unwrap();
    assert_eq!(out["route"], "d-nrw");
    assert_eq!(out["services"][0]["readiness"]["state"], "offene-punkte");
    let back: Readiness = serde_json::from_value(out).unwrap();
    assert_eq!(back, r);
    // Minimal input: channels and statuses may be left out.
    let minimal: ReadinessInput =
        serde_json::from_value(json!({ "land": "09", "services": [] })).unwrap();
    assert_eq!(minimal.kind, None);
    assert!(
        serde_json::from_value::<ReadinessInput>(json!({
            "land": "09", "services": [], "typo": 1
        }))
        .is_err()
    );
}

// ---------------------------------------------------------------------------------------
// Scenarios on the shipped catalog.

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn shipped() -> Catalog {
    Catalog::from_json(SHIPPED).unwrap()
}

fn input(land: Land, services: &[&str], channels: &[(&str, Channel)]) -> ReadinessInput {
    ReadinessInput {
        land,
        kind: Some(MunicipalityKind::Gemeinde),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        channels: channels
            .iter()
            .map(|(s, c)| ((*s).to_owned(), *c))
            .collect::<BTreeMap<_, _>>(),
        statuses: BTreeMap::new(),
    }
}

#[test]
fn bavarian_ewa_takes_the_baykommun_route() {
    let c = shipped();
    let r = evaluate(
        &c,
        &input(Land::Bayern, &["ewa"], &[("ewa", Channel::FitConnect)]),
    );
    let list = ids(&r);
    for id in [
        "elster-unternehmenskonto",
        "unterschriftsberechtigung",
        "baykommun-registrierung",
        "baykommun-bestellung",
        "baykommun-vertrag",
        "digitalumlage",
        "bayernportal-verlinkung",
        "ewa-baykommun-anbindungsprozess",
        "fit-connect-zustellpunkt",
        "vpki-zertifikat",
        "pvog-eintrag",
        "dataport-anbindungsfragebogen",
    ] {
        assert!(list.contains(&id), "{id} missing: {list:?}");
    }
    for id in [
        "dnrw-rahmenvereinbarung",
        "dnrw-einzelabruf",
        "marktplatz-zugang",
        "avv-oder-art-26",
        "dvdv-eintrag",
        "vsm-eintrag",
    ] {
        assert!(!list.contains(&id), "{id} should not apply: {list:?}");
    }
    // The contract chain runs in order.
    let order = next(&r);
    let pos = |id: &str| order.iter().position(|x| *x == id).unwrap();
    assert!(pos("elster-unternehmenskonto") < pos("baykommun-registrierung"));
    assert!(pos("baykommun-registrierung") < pos("baykommun-bestellung"));
    assert!(pos("baykommun-bestellung") < pos("baykommun-vertrag"));
    assert!(pos("vpki-zertifikat") < pos("fit-connect-zustellpunkt"));
    assert!(pos("fit-connect-zustellpunkt") < pos("pvog-eintrag"));
}

#[test]
fn nrw_einbuergerung_uses_osci_and_dataclearing() {
    let c = shipped();
    let r = evaluate(
        &c,
        &input(Land::NordrheinWestfalen, &["einbuergerung"], &[]),
    );
    // Only OSCI is known for Einbürgerung, so it is used without a choice.
    assert_eq!(r.services[0].channel, Some(Channel::OsciXta));
    let list = ids(&r);
    for id in [
        "dnrw-rahmenvereinbarung",
        "dnrw-einzelabruf",
        "vsm-eintrag",
        "zertifikat-osci",
        "dvdv-eintrag",
        "dataclearing-nrw",
        "einbuergerung-nachnutzungsanfrage",
        "epaybl-mandant",
    ] {
        assert!(list.contains(&id), "{id} missing: {list:?}");
    }
    assert!(!list.contains(&"pvog-eintrag"));
    assert!(!list.contains(&"fit-connect-zustellpunkt"));
    assert_eq!(
        r.item("dvdv-eintrag").unwrap().state,
        ItemState::KannNochNichtBegonnenWerden
    );
}

#[test]
fn nrw_wohngeld_is_blocked_as_paused() {
    let c = shipped();
    let r = evaluate(
        &c,
        &input(
            Land::NordrheinWestfalen,
            &["wohngeld"],
            &[("wohngeld", Channel::OsciXta)],
        ),
    );
    match r.service("wohngeld").unwrap() {
        ServiceReadiness::Blockiert { reasons, open } => {
            assert!(matches!(reasons[0], BlockReason::PausedInLand { .. }));
            assert!(open.contains(&"dnrw-einzelabruf".to_owned()));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn five_nrw_services_share_one_einzelabruf_item() {
    let c = shipped();
    let services = [
        "sozialplattform-hlu",
        "sozialplattform-grundsicherung",
        "sozialplattform-wbs",
        "sozialplattform-wohngeld",
        "sozialplattform-but",
    ];
    let channels: Vec<(&str, Channel)> =
        services.iter().map(|s| (*s, Channel::FitConnect)).collect();
    let r = evaluate(&c, &input(Land::NordrheinWestfalen, &services, &channels));
    let item = r.item("dnrw-einzelabruf").unwrap();
    assert_eq!(item.services.len(), 5);
    assert_eq!(r.item("avv-oder-art-26").unwrap().services.len(), 5);
    assert_eq!(
        ids(&r)
            .iter()
            .filter(|id| **id == "dnrw-einzelabruf")
            .count(),
        1
    );
}

#[test]
fn other_laender_take_the_marktplatz_route() {
    let c = shipped();
    let r = evaluate(
        &c,
        &input(Land::Hessen, &["uvo"], &[("uvo", Channel::PdfDownload)]),
    );
    assert_eq!(r.route, RouteKind::Marktplatz);
    let list = ids(&r);
    assert!(list.contains(&"marktplatz-zugang"));
    assert!(list.contains(&"marktplatz-nachnutzungsvertrag"));
    assert!(list.contains(&"avv-oder-art-26"));
    assert!(!list.contains(&"baykommun-registrierung"));
    // PDF download needs no vendor, certificate or directory-of-services entry.
    assert!(!list.contains(&"fachverfahren-beauftragt"));
    assert!(!list.contains(&"dvdv-eintrag"));
}
