//! Properties of readiness: independent of the order and repetition of selected
//! services, next actions are a dependency order of exactly the unfulfilled items, and the
//! derived state is consistent with the stored status.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use std::collections::{BTreeMap, BTreeSet};

use efa_domain::catalog::{Catalog, Channel, MunicipalityKind, synthetic};
use efa_domain::land::Land;
use efa_domain::readiness::{ItemState, PrereqStatus, Readiness, ReadinessInput, evaluate};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn shipped() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_json(SHIPPED).unwrap())
}

fn synthetic_catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| synthetic(120))
}

fn any_status() -> impl Strategy<Value = PrereqStatus> {
    select(PrereqStatus::ALL.to_vec())
}

fn any_channel() -> impl Strategy<Value = Channel> {
    select(Channel::ALL.to_vec())
}

fn any_kind() -> impl Strategy<Value = Option<MunicipalityKind>> {
    proptest::option::of(select(MunicipalityKind::ALL.to_vec()))
}

/// A random input over `catalog`: a subset of its services (plus an unknown id and a
/// repetition now and then), channels for some of them, statuses for some prerequisites.
fn any_input(catalog: &'static Catalog) -> impl Strategy<Value = ReadinessInput> {
    let service_ids: Vec<String> = catalog.services().iter().map(|s| s.id.clone()).collect();
    let prerequisite_ids: Vec<String> = catalog
        .prerequisites()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let max_services = service_ids.len().min(50);
    (
        select(Land::ALL.to_vec()),
        any_kind(),
        subsequence(service_ids.clone(), 0..=max_services),
        proptest::bool::ANY,
        proptest::collection::vec((select(service_ids), any_channel()), 0..10),
        proptest::collection::vec((select(prerequisite_ids), any_status()), 0..40),
    )
        .prop_map(|(land, kind, mut services, extra, channels, statuses)| {
            if extra {
                services.push("unbekannter-dienst".to_owned());
                if let Some(first) = services.first().cloned() {
                    services.push(first);
                }
            }
            ReadinessInput {
                land,
                kind,
                services,
                channels: channels.into_iter().collect::<BTreeMap<_, _>>(),
                statuses: statuses.into_iter().collect::<BTreeMap<_, _>>(),
            }
        })
}

/// An input together with a shuffled copy of its service list.
fn input_and_permutation(
    catalog: &'static Catalog,
) -> impl Strategy<Value = (ReadinessInput, ReadinessInput)> {
    any_input(catalog).prop_flat_map(|input| {
        let services = input.services.clone();
        (Just(input), Just(services).prop_shuffle()).prop_map(|(input, shuffled)| {
            let mut other = input.clone();
            other.services = shuffled;
            (input, other)
        })
    })
}

fn check_invariants(catalog: &Catalog, input: &ReadinessInput, r: &Readiness) {
    let items: Vec<_> = r.checklist.iter().flat_map(|g| &g.items).collect();

    // Deduplicated, and each item in the group of its category.
    let ids: BTreeSet<&str> = items.iter().map(|i| i.prerequisite.as_str()).collect();
    assert_eq!(ids.len(), items.len());
    for group in &r.checklist {
        for item in &group.items {
            let p = catalog.prerequisite(&item.prerequisite).unwrap();
            assert_eq!(p.category, group.category);
        }
    }

    // Services of an item are selected, known, and in catalog order.
    for item in &items {
        assert!(!item.services.is_empty());
        for s in &item.services {
            assert!(input.services.contains(s));
        }
        let positions: Vec<usize> = item
            .services
            .iter()
            .map(|s| catalog.service_position(s).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    // Derived state matches stored status and blockers. An item cannot be started only
    // when it waits for every service that needs it; it waits for some services exactly
    // when something blocks it.
    for item in &items {
        let waits_for_all = !item.blocked_for.is_empty() && item.blocked_for == item.services;
        assert_eq!(item.blocked_for.is_empty(), item.blocked_by.is_empty());
        assert!(item.blocked_for.iter().all(|s| item.services.contains(s)));
        let stored = input
            .statuses
            .get(&item.prerequisite)
            .copied()
            .unwrap_or_default();
        assert_eq!(item.status, stored);
        let expected = match stored {
            PrereqStatus::Offen if waits_for_all => ItemState::KannNochNichtBegonnenWerden,
            PrereqStatus::Offen => ItemState::Offen,
            PrereqStatus::InArbeit => ItemState::InArbeit,
            PrereqStatus::Erledigt => ItemState::Erledigt,
            PrereqStatus::NichtZutreffend => ItemState::NichtZutreffend,
        };
        assert_eq!(item.state, expected);
        for b in &item.blocked_by {
            assert!(ids.contains(b.as_str()));
            let blocker = r.item(b).unwrap();
            assert!(!blocker.state.is_fulfilled());
        }
    }

    // Next actions: exactly the unfulfilled items, each after everything it waits on.
    let unfulfilled: BTreeSet<&str> = items
        .iter()
        .filter(|i| !i.state.is_fulfilled())
        .map(|i| i.prerequisite.as_str())
        .collect();
    let actions: Vec<&str> = r
        .next_actions
        .iter()
        .map(|a| a.prerequisite.as_str())
        .collect();
    assert_eq!(
        actions.iter().copied().collect::<BTreeSet<_>>(),
        unfulfilled
    );
    assert_eq!(actions.len(), unfulfilled.len());
    for (i, action) in r.next_actions.iter().enumerate() {
        let item = r.item(&action.prerequisite).unwrap();
        assert_eq!(
            action.can_start,
            item.blocked_for.len() < item.services.len()
        );
        assert_eq!(action.state, item.state);
        for b in &item.blocked_by {
            let j = actions.iter().position(|a| a == b).unwrap();
            assert!(j < i, "{b} must come before {}", action.prerequisite);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn shipped_readiness_ignores_selection_order((a, b) in input_and_permutation(shipped())) {
        prop_assert_eq!(evaluate(shipped(), &a), evaluate(shipped(), &b));
    }

    #[test]
    fn synthetic_readiness_ignores_selection_order(
        (a, b) in input_and_permutation(synthetic_catalog())
    ) {
        prop_assert_eq!(evaluate(synthetic_catalog(), &a), evaluate(synthetic_catalog(), &b));
    }

    #[test]
    fn shipped_readiness_invariants(input in any_input(shipped())) {
        let r = evaluate(shipped(), &input);
        check_invariants(shipped(), &input, &r);
    }

    #[test]
    fn synthetic_readiness_invariants(input in any_input(synthetic_catalog())) {
        let r = evaluate(synthetic_catalog(), &input);
        check_invariants(synthetic_catalog(), &input, &r);
    }

    #[test]
    fn readiness_is_deterministic(input in any_input(shipped())) {
        prop_assert_eq!(evaluate(shipped(), &input), evaluate(shipped(), &input));
    }
}
