//! Readiness on the shipped catalog for the corrected facts: dependencies that hold per
//! service, FITKO's production access, Schleswig-Holstein's OZG-Shop, offer types that
//! depend on the Land, and the route steps that follow the channels in use.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use std::collections::BTreeMap;

use efa_domain::catalog::{Catalog, Channel, MunicipalityKind, OfferType};
use efa_domain::land::Land;
use efa_domain::readiness::{
    BlockReason, ItemState, PrereqStatus, Readiness, ReadinessInput, ServiceReadiness, evaluate,
};
use efa_domain::route::route_for;

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn catalog() -> Catalog {
    Catalog::from_json(SHIPPED).unwrap()
}

fn run(land: Land, services: &[(&str, Option<Channel>)], done: &[&str]) -> Readiness {
    let input = ReadinessInput {
        land,
        kind: Some(MunicipalityKind::KreisfreieStadt),
        services: services.iter().map(|(s, _)| (*s).to_owned()).collect(),
        channels: services
            .iter()
            .filter_map(|(s, c)| c.map(|c| ((*s).to_owned(), c)))
            .collect(),
        statuses: done
            .iter()
            .map(|p| ((*p).to_owned(), PrereqStatus::Erledigt))
            .collect::<BTreeMap<_, _>>(),
    };
    evaluate(&catalog(), &input)
}

fn on_list(r: &Readiness) -> Vec<&str> {
    r.checklist
        .iter()
        .flat_map(|g| &g.items)
        .map(|i| i.prerequisite.as_str())
        .collect()
}

/// A selection: service ids with their chosen channel (`None`: not chosen).
type Selection<'a> = &'a [(&'a str, Option<Channel>)];

const FIT: Option<Channel> = Some(Channel::FitConnect);
const OSCI: Option<Channel> = Some(Channel::OsciXta);
const PDF: Option<Channel> = Some(Channel::PdfDownload);

/// What Dataport's questionnaire waits for besides the channel's address.
const QUESTIONNAIRE_BASICS: &[&str] =
    &["pvog-eintrag", "datenschutzerklaerung", "kontakte-support"];

/// A shared item waits for a dependency only for the services that dependency holds for.
/// Columns: selection, prerequisites already done, item, expected state, `blocked_by`,
/// `blocked_for`.
#[test]
fn dependencies_hold_per_service() {
    type Row<'a> = (
        &'a [(&'a str, Option<Channel>)],
        &'a [&'a str],
        &'a str,
        ItemState,
        &'a [&'a str],
        &'a [&'a str],
    );
    let zustellpunkt = "fit-connect-zustellpunkt";
    let table: [Row; 6] = [
        // Only a FIT-Connect service: the PVOG entry waits for the destination.
        (
            &[("ewa", FIT)],
            &[],
            "pvog-eintrag",
            ItemState::KannNochNichtBegonnenWerden,
            &[zustellpunkt],
            &["ewa"],
        ),
        // Add a service delivered over OSCI/XTA: its PVOG entry can be made now.
        (
            &[("ewa", FIT), ("wohngeld", OSCI)],
            &[],
            "pvog-eintrag",
            ItemState::Offen,
            &[zustellpunkt],
            &["ewa"],
        ),
        // Only OSCI/XTA: nothing to wait for.
        (
            &[("wohngeld", OSCI)],
            &[],
            "pvog-eintrag",
            ItemState::Offen,
            &[],
            &[],
        ),
        // The destination done: no wait either.
        (
            &[("ewa", FIT), ("wohngeld", OSCI)],
            &[zustellpunkt],
            "pvog-eintrag",
            ItemState::Offen,
            &[],
            &[],
        ),
        // Dataport's questionnaire waits for the DVDV entry (OSCI) and for the destination
        // (FIT-Connect): each service waits for its own, so it cannot start at all.
        (
            &[("ewa", FIT), ("wohngeld", OSCI)],
            QUESTIONNAIRE_BASICS,
            "dataport-anbindungsfragebogen",
            ItemState::KannNochNichtBegonnenWerden,
            &["dvdv-eintrag", zustellpunkt],
            &["wohngeld", "ewa"],
        ),
        // With the DVDV entry done, it still waits for the destination, for eWA only.
        (
            &[("ewa", FIT), ("wohngeld", OSCI)],
            &[
                "pvog-eintrag",
                "datenschutzerklaerung",
                "kontakte-support",
                "dvdv-eintrag",
            ],
            "dataport-anbindungsfragebogen",
            ItemState::Offen,
            &[zustellpunkt],
            &["ewa"],
        ),
    ];
    for (services, done, id, state, blocked_by, blocked_for) in table {
        let r = run(Land::Bayern, services, done);
        let item = r
            .item(id)
            .unwrap_or_else(|| panic!("{id} for {services:?}"));
        let what = format!("{id} for {services:?}, done {done:?}");
        assert_eq!(item.state, state, "{what}");
        assert_eq!(item.blocked_by, blocked_by, "{what}");
        assert_eq!(item.blocked_for, blocked_for, "{what}");
        let action = r
            .next_actions
            .iter()
            .find(|a| a.prerequisite == id)
            .unwrap();
        assert_eq!(
            action.can_start,
            state != ItemState::KannNochNichtBegonnenWerden,
            "{what}"
        );
    }
}

/// FITKO's first production step is on the checklist wherever FIT-Connect is used, and
/// the destination waits for it.
#[test]
fn fit_connect_production_starts_with_fitko_access() {
    let access = "fit-connect-produktivzugang";
    for land in [Land::Bayern, Land::NordrheinWestfalen, Land::Hessen] {
        let r = run(
            land,
            &[("sozialplattform-hlu", FIT), ("wohngeld", FIT)],
            &[],
        );
        let list = on_list(&r);
        assert!(list.contains(&access), "{land}: {list:?}");
        let destination = r.item("fit-connect-zustellpunkt").unwrap();
        assert!(
            destination.blocked_by.contains(&access.to_owned()),
            "{land}"
        );
        let order: Vec<&str> = r
            .next_actions
            .iter()
            .map(|a| a.prerequisite.as_str())
            .collect();
        let pos = |id: &str| order.iter().position(|x| *x == id).unwrap();
        assert!(pos(access) < pos("fit-connect-zustellpunkt"), "{land}");
    }
    let r = run(Land::Hessen, &[("wohngeld", OSCI)], &[]);
    assert!(!on_list(&r).contains(&access));
}

/// Schleswig-Holstein's checklist has the OZG-Shop and neither Marktplatz access nor a
/// per-service Nachnutzungsvertrag; the other Länder of the route keep both.
#[test]
fn schleswig_holstein_needs_no_nachnutzungsvertrag_per_service() {
    let table = [
        (Land::SchleswigHolstein, true),
        (Land::Hamburg, false),
        (Land::Hessen, false),
        (Land::Thueringen, false),
    ];
    for (land, sh) in table {
        let r = run(land, &[("uvo", PDF), ("ehe-online", PDF)], &[]);
        let list = on_list(&r);
        assert_eq!(list.contains(&"ozg-shop-sh"), sh, "{land}: {list:?}");
        for id in ["marktplatz-zugang", "marktplatz-nachnutzungsvertrag"] {
            assert_eq!(list.contains(&id), !sh, "{land}: {id}");
        }
        let golive = r.item("go-live-termin").unwrap();
        let waits_for = if sh {
            "ozg-shop-sh"
        } else {
            "marktplatz-nachnutzungsvertrag"
        };
        assert_eq!(golive.blocked_by, vec![waits_for.to_owned()], "{land}");
        // Every step of the Land's route that tracks a checklist item finds it there.
        for step in route_for(land).steps {
            for p in step.prerequisites {
                if *p != "avv-oder-art-26" {
                    assert!(list.contains(p), "{land}: step {} tracks {p}", step.id);
                }
            }
        }
    }
}

/// Offer types decide connectability per Land: a Land's own service only where a source
/// shows it offered, a Bund service nowhere.
#[test]
fn offer_types_block_where_no_offer_is_shown() {
    let gewerbe = "gewerbeanzeige-wsp-nrw";
    let table = [
        (gewerbe, Land::NordrheinWestfalen, None),
        (
            gewerbe,
            Land::Bayern,
            Some(BlockReason::NotOfferedInLand { land: Land::Bayern }),
        ),
        (
            gewerbe,
            Land::Hessen,
            Some(BlockReason::NotOfferedInLand { land: Land::Hessen }),
        ),
        (
            "i-kfz",
            Land::NordrheinWestfalen,
            Some(BlockReason::NotConnectable {
                offer_type: OfferType::FederalService,
            }),
        ),
        (
            "elterngeld-digital",
            Land::Bayern,
            Some(BlockReason::NotConnectable {
                offer_type: OfferType::FederalService,
            }),
        ),
    ];
    for (id, land, reason) in table {
        let r = run(land, &[(id, PDF)], &[]);
        let readiness = r.service(id).unwrap();
        match (&reason, readiness) {
            (None, ServiceReadiness::Blockiert { reasons, .. }) => {
                assert!(
                    !reasons.iter().any(|r| matches!(
                        r,
                        BlockReason::NotOfferedInLand { .. } | BlockReason::NotConnectable { .. }
                    )),
                    "{id} in {land}: {reasons:?}"
                );
            }
            (None, _) => {}
            (Some(expected), ServiceReadiness::Blockiert { reasons, .. }) => {
                assert_eq!(&reasons[0], expected, "{id} in {land}");
                // Nothing to prepare for an offer that is not there.
                assert_eq!(r.item_count(), 0, "{id} in {land}");
            }
            (Some(_), other) => panic!("{id} in {land}: {other:?}"),
        }
        if reason.is_none() {
            assert!(r.item_count() > 0, "{id} in {land}");
        }
    }
    assert_eq!(
        BlockReason::NotOfferedInLand { land: Land::Bayern }.text_de(),
        "Für Bayern ist kein Angebot belegt: Die Quellen zeigen den Dienst nur als Onlinedienst eines anderen Landes."
    );
}

/// The route shows the DVDV and DataClearing steps of NRW only where a service is
/// delivered over OSCI/XTA.
#[test]
fn route_steps_follow_the_channels_in_use() {
    let nrw = route_for(Land::NordrheinWestfalen);
    let table: [(Selection, &[Channel], bool); 4] = [
        (
            &[("sozialplattform-hlu", FIT)],
            &[Channel::FitConnect],
            false,
        ),
        // Only OSCI/XTA is known for Einbürgerung, so it is in use without a choice.
        (&[("einbuergerung", None)], &[Channel::OsciXta], true),
        (
            &[
                ("sozialplattform-hlu", FIT),
                ("baugenehmigung-bauantrag", OSCI),
            ],
            &[Channel::FitConnect, Channel::OsciXta],
            true,
        ),
        (&[("sozialplattform-wbs", None)], &[], false),
    ];
    for (services, channels, osci_steps) in table {
        let r = run(Land::NordrheinWestfalen, services, &[]);
        assert_eq!(r.channels_in_use(), channels, "{services:?}");
        let ids: Vec<&str> = nrw
            .steps_for(&r.channels_in_use())
            .iter()
            .map(|s| s.id)
            .collect();
        for id in ["dvdv-zertifikat", "dataclearing-nrw"] {
            assert_eq!(ids.contains(&id), osci_steps, "{services:?}: {id}");
        }
        for id in ["rahmenvereinbarung", "einzelabruf", "vsm-eintrag"] {
            assert!(ids.contains(&id), "{services:?}: {id}");
        }
    }
}
