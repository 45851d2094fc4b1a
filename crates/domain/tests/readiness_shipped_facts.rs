//! Readiness on the shipped catalog for the corrected facts: dependencies that hold per
//! service.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use std::collections::BTreeMap;

use efa_domain::catalog::{Catalog, Channel, MunicipalityKind};
use efa_domain::land::Land;
use efa_domain::readiness::{ItemState, PrereqStatus, Readiness, ReadinessInput, evaluate};

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

const FIT: Option<Channel> = Some(Channel::FitConnect);
const OSCI: Option<Channel> = Some(Channel::OsciXta);

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
