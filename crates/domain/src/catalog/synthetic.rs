//! A generated catalog of any size, for benchmarks and load tests only.

use super::model::{
    Availability, CatalogData, Category, ChannelOption, Condition, EvidenceField, EvidenceKind,
    OfferType, Prerequisite, Provider, Service,
};
use super::{CATALOG_SCHEMA_VERSION, Catalog, Channel};
use crate::route::RouteKind;

/// Placeholder source on the reserved `.invalid` domain: the data is made up.
const SYNTHETIC_SOURCE: &str = "https://synthetic.example.invalid/catalog";

/// Builds a valid catalog with `services` synthetic services, for benchmarks.
///
/// **Not real data**: names, ids (`synthetic-service-0042`) and sources are made up, and
/// the source URL is on the reserved `.invalid` domain. Never ship or show it.
///
/// The shape resembles the real catalog so that benchmarks measure realistic work:
/// about one prerequisite per five services (at least 24), dependency chains up to
/// several levels deep (each prerequisite depends only on earlier ones, so the graph is
/// acyclic), route- and channel-specific conditions, 3–6 own prerequisites per service
/// plus four common ones, and two known channels per service. Deterministic: the same
/// `services` always gives the same catalog.
pub fn synthetic(services: usize) -> Catalog {
    let prerequisite_count = (services / 5).max(24);
    let prerequisites: Vec<Prerequisite> = (0..prerequisite_count)
        .map(synthetic_prerequisite)
        .collect();
    let services: Vec<Service> = (0..services)
        .map(|i| synthetic_service(i, prerequisite_count))
        .collect();
    let data = CatalogData {
        schema_version: CATALOG_SCHEMA_VERSION,
        catalog_version: "synthetic".to_owned(),
        common_prerequisites: (0..4).map(prerequisite_id).collect(),
        services,
        prerequisites,
    };
    // Valid by construction (the unit test below checks it), so the checks are skipped:
    // the app's benchmark builds catalogs of thousands of services.
    Catalog::from_valid_data(data)
}

fn prerequisite_id(i: usize) -> String {
    format!("synthetic-prerequisite-{i:05}")
}

fn service_id(i: usize) -> String {
    format!("synthetic-service-{i:05}")
}

fn synthetic_prerequisite(i: usize) -> Prerequisite {
    // Depend on up to two earlier prerequisites; the stride spreads edges over the range.
    let mut depends_on = Vec::new();
    if i >= 1 && !i.is_multiple_of(3) {
        depends_on.push(prerequisite_id(i - 1));
    }
    if i >= 3 && i.is_multiple_of(2) {
        // Always at most i - 2, so never the same edge as above.
        depends_on.push(prerequisite_id((i * 7 + 3) % (i - 1)));
    }
    let routes = match i % 6 {
        0 => vec![RouteKind::BayKommun],
        1 => vec![RouteKind::DNrw],
        2 => vec![RouteKind::Marktplatz, RouteKind::DNrw],
        _ => Vec::new(),
    };
    let channels = match i % 5 {
        0 => vec![Channel::FitConnect],
        1 => vec![Channel::OsciXta],
        _ => Vec::new(),
    };
    Prerequisite {
        id: prerequisite_id(i),
        title: format!("Synthetische Voraussetzung {i}"),
        explanation: "Synthetische Erläuterung für Lasttests.".to_owned(),
        category: if i.is_multiple_of(2) {
            Category::RechtlichOrganisatorisch
        } else {
            Category::Technisch
        },
        how_to: "Synthetische Anleitung.".to_owned(),
        official_link: None,
        applies_if: Condition {
            routes,
            kinds: Vec::new(),
            channels,
            services: Vec::new(),
            lands: Vec::new(),
            except_lands: Vec::new(),
        },
        depends_on,
        evidence: vec![EvidenceField {
            id: "nachweis".to_owned(),
            label: "Nachweis".to_owned(),
            kind: EvidenceKind::Text,
            optional: !i.is_multiple_of(2),
        }],
        sources: vec![SYNTHETIC_SOURCE.to_owned()],
    }
}

fn synthetic_service(i: usize, prerequisite_count: usize) -> Service {
    let own = 3 + i % 4;
    let mut prerequisites: Vec<String> = (0..own)
        // Skip the four common ones; a multiplicative stride spreads services out.
        .map(|k| 4 + (i * 13 + k * 31) % (prerequisite_count - 4))
        .map(prerequisite_id)
        .collect();
    prerequisites.sort();
    prerequisites.dedup();
    Service {
        id: service_id(i),
        name: format!("Synthetischer Dienst {i}"),
        description: "Synthetischer Eintrag für Lasttests.".to_owned(),
        offer_type: OfferType::EfaService,
        ozg_leistung: None,
        ozg_id: None,
        themenfeld: None,
        provider: Provider {
            federfuehrendes_land: None,
            umsetzendes_land: None,
            text: None,
        },
        platform: None,
        leika: None,
        responsible_levels: None,
        responsible_authority: None,
        channels: Some(vec![
            ChannelOption {
                channel: Channel::FitConnect,
                dvdv_categories: None,
                note: None,
            },
            ChannelOption {
                channel: Channel::OsciXta,
                dvdv_categories: None,
                note: None,
            },
        ]),
        basis_components: None,
        data_standard: None,
        questionnaire: None,
        availability: Availability {
            bayern: None,
            nrw: None,
        },
        prerequisites,
        notes: Vec::new(),
        sources: vec![SYNTHETIC_SOURCE.to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_catalogs_are_valid() {
        for n in [0, 1, 5, 50, 500, 5_000] {
            let catalog = synthetic(n);
            assert_eq!(catalog.services().len(), n);
            let data = catalog.into_data();
            let errors = super::super::validate::validate(&data, CATALOG_SCHEMA_VERSION);
            assert!(errors.is_empty(), "n={n}: {errors:?}");
        }
    }

    #[test]
    fn synthetic_is_deterministic() {
        assert_eq!(synthetic(200), synthetic(200));
    }
}
