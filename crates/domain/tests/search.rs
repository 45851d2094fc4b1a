//! Catalog search and filters over the shipped catalog and a large synthetic one.

// Helpers outside `#[test]` fns are test code too; a failure there is a test failure.
#![allow(clippy::expect_used)]

use efa_domain::catalog::{Catalog, Channel, MunicipalityKind, synthetic};
use efa_domain::land::Land;
use efa_domain::search::{ServiceFilter, ServiceIndex, themenfelder, umsetzende_laender};

const CATALOG: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn shipped() -> Catalog {
    Catalog::from_json(CATALOG).expect("the shipped catalog loads")
}

fn names(c: &Catalog, hits: &[usize]) -> Vec<String> {
    hits.iter().map(|&i| c.services()[i].name.clone()).collect()
}

#[test]
fn an_empty_filter_keeps_every_service_in_catalog_order() {
    let c = shipped();
    let idx = ServiceIndex::new(&c);
    let all = idx.filter(&c, &ServiceFilter::default());
    assert_eq!(all, (0..c.services().len()).collect::<Vec<_>>());
}

#[test]
fn text_search_folds_umlauts_and_needs_every_word() {
    let c = shipped();
    let idx = ServiceIndex::new(&c);
    let find = |q: &str| {
        names(
            &c,
            &idx.filter(
                &c,
                &ServiceFilter {
                    text: q.into(),
                    ..Default::default()
                },
            ),
        )
    };
    let wohngeld = find("wohngeld");
    assert!(
        wohngeld.iter().any(|n| n.contains("Wohngeld")),
        "{wohngeld:?}"
    );
    assert_eq!(find("WOHNGELD"), wohngeld, "case is ignored");
    let einb = find("einburgerung");
    assert!(
        einb.iter().any(|n| n.contains("Einbürgerung")),
        "umlaut folding: {einb:?}"
    );
    assert!(
        find("wohngeld einbürgerung").is_empty(),
        "every word must match"
    );
    // A Leika key from the sources finds its service.
    let by_key = find("99108055001000");
    assert_eq!(by_key.len(), 1, "{by_key:?}");
    assert!(by_key[0].contains("Fahrerkarte"), "{by_key:?}");
}

#[test]
fn filters_combine_and_unknown_facts_do_not_hide_services() {
    let c = shipped();
    let idx = ServiceIndex::new(&c);
    let fit = idx.filter(
        &c,
        &ServiceFilter {
            channel: Some(Channel::FitConnect),
            ..Default::default()
        },
    );
    assert!(!fit.is_empty());
    for &i in &fit {
        assert_eq!(
            c.services()[i].offers_channel(Channel::FitConnect),
            Some(true)
        );
    }
    // Responsibility unknown → still listed for a Gemeinde.
    let gemeinde = idx.filter(
        &c,
        &ServiceFilter {
            responsible_for: Some(MunicipalityKind::Gemeinde),
            ..Default::default()
        },
    );
    let unknown_levels = c
        .services()
        .iter()
        .filter(|s| s.responsible_levels.is_none())
        .count();
    assert!(gemeinde.len() >= unknown_levels);
    // Availability evidence exists only for Bayern and NRW; elsewhere nothing is hidden.
    let by = idx.filter(
        &c,
        &ServiceFilter {
            available_in: Some(Land::Bayern),
            ..Default::default()
        },
    );
    assert!(by.len() < c.services().len());
    for &i in &by {
        assert!(c.services()[i].availability.bayern.is_some());
    }
    let he = idx.filter(
        &c,
        &ServiceFilter {
            available_in: Some(Land::Hessen),
            ..Default::default()
        },
    );
    assert_eq!(he.len(), c.services().len());
    let tf = themenfelder(&c);
    assert!(!tf.is_empty());
    let first = idx.filter(
        &c,
        &ServiceFilter {
            themenfeld: Some(tf[0].clone()),
            ..Default::default()
        },
    );
    assert!(!first.is_empty());
    assert!(!umsetzende_laender(&c).is_empty());
}

#[test]
fn search_scales_to_thousands_of_services() {
    let c = synthetic(5_000);
    let idx = ServiceIndex::new(&c);
    let all = idx.filter(&c, &ServiceFilter::default());
    assert_eq!(all.len(), 5_000);
    let some = idx.filter(
        &c,
        &ServiceFilter {
            text: c.services()[4_321].name.clone(),
            ..Default::default()
        },
    );
    assert!(some.contains(&4_321));
}
