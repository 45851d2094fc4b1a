//! Property tests of the catalog: serialisation round-trips of every catalog type, valid
//! generated catalogs survive `to_json` / `from_json`, and `from_json` never panics.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use efa_domain::catalog::{
    Availability, AvailabilityEvidence, AvailabilityStatus, BasisComponent, Catalog, CatalogData,
    Category, Channel, ChannelOption, Condition, EvidenceField, EvidenceKind, LeikaKey,
    MunicipalityKind, OfferType, Prerequisite, Provider, Questionnaire, Service,
};
use efa_domain::land::Land;
use efa_domain::route::RouteKind;
use proptest::prelude::*;
use proptest::sample::select;

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

/// Non-empty text with umlauts, quotes and other characters JSON must escape.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-ZäöüÄÖÜß0-9 .,;:„“\"\\\\/–\n\t-]{0,20}".prop_map(|s| format!("T{s}"))
}

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(s)
}

fn url() -> impl Strategy<Value = String> {
    "[a-z0-9/._?=&-]{1,30}".prop_map(|s| format!("https://example.org/{s}"))
}

fn leika() -> impl Strategy<Value = LeikaKey> {
    ("[0-9]{14}", opt(text())).prop_map(|(key, label)| LeikaKey { key, label })
}

fn channel_option() -> impl Strategy<Value = ChannelOption> {
    (
        select(Channel::ALL.to_vec()),
        opt(proptest::collection::vec("[a-z]{3}", 1..3)),
        opt(text()),
    )
        .prop_map(|(channel, dvdv, note)| ChannelOption {
            channel,
            // Valid catalogs only carry DVDV categories for OSCI/XTA.
            dvdv_categories: if channel == Channel::OsciXta {
                dvdv
            } else {
                None
            },
            note,
        })
}

fn evidence_item() -> impl Strategy<Value = AvailabilityEvidence> {
    (
        select(vec![
            AvailabilityStatus::Available,
            AvailabilityStatus::Paused,
            AvailabilityStatus::Indication,
        ]),
        text(),
        proptest::collection::btree_set(url(), 1..3),
    )
        .prop_map(|(status, text, sources)| AvailabilityEvidence {
            status,
            text,
            sources: sources.into_iter().collect(),
        })
}

fn basis() -> impl Strategy<Value = BasisComponent> {
    select(vec![
        BasisComponent::BundId,
        BasisComponent::BayernId,
        BasisComponent::ServicekontoNrw,
        BasisComponent::Landesnutzerkonto,
        BasisComponent::ElsterUnternehmenskonto,
        BasisComponent::OnlineAusweis,
        BasisComponent::EPayBl,
        BasisComponent::EPayment,
        BasisComponent::Portalverbund,
    ])
}

/// A service with id `id` that may reference the prerequisites `p0..p{prerequisites}`.
fn service(id: String, prerequisites: usize) -> impl Strategy<Value = Service> {
    let refs: Vec<String> = (0..prerequisites).map(|i| format!("p{i}")).collect();
    let own = if refs.is_empty() {
        Just(Vec::new()).boxed()
    } else {
        proptest::sample::subsequence(refs, 0..=prerequisites.min(4)).boxed()
    };
    (
        (
            text(),
            text(),
            select(vec![
                OfferType::EfaService,
                OfferType::Pilot,
                OfferType::Project,
                OfferType::FederalService,
                OfferType::LandService,
            ]),
            opt(text()),
            opt("[0-9]{5}"),
            opt(text()),
            opt(select(Land::ALL.to_vec())),
            opt(select(Land::ALL.to_vec())),
            opt(text()),
            opt(text()),
        ),
        (
            opt(proptest::collection::btree_map(
                "[0-9]{14}",
                opt(text()),
                1..4,
            )),
            opt(proptest::collection::vec(
                select(MunicipalityKind::ALL.to_vec()),
                0..3,
            )),
            opt(text()),
            opt(proptest::collection::btree_map(
                select(Channel::ALL.to_vec()),
                channel_option(),
                1..4,
            )),
            opt(proptest::collection::vec(basis(), 0..3)),
            opt(text()),
            opt(evidence_item()),
            opt(evidence_item()),
            own,
            proptest::collection::vec(text(), 0..3),
            proptest::collection::btree_set(url(), 1..3),
        ),
    )
        .prop_map(
            move |(
                (name, description, offer_type, ozg, ozg_id, tf, ff, ul, ptext, platform),
                (leika, levels, authority, channels, basis, standard, by, nrw, own, notes, sources),
            )| Service {
                id: id.clone(),
                name,
                description,
                offer_type,
                ozg_leistung: ozg,
                ozg_id,
                themenfeld: tf,
                provider: Provider {
                    federfuehrendes_land: ff,
                    umsetzendes_land: ul,
                    text: ptext,
                },
                platform,
                leika: leika.map(|m| {
                    m.into_iter()
                        .map(|(key, label)| LeikaKey { key, label })
                        .collect()
                }),
                responsible_levels: levels,
                responsible_authority: authority,
                channels: channels.map(|m| {
                    m.into_iter()
                        .map(|(channel, mut option)| {
                            option.channel = channel;
                            if channel != Channel::OsciXta {
                                option.dvdv_categories = None;
                            }
                            option
                        })
                        .collect()
                }),
                basis_components: basis,
                data_standard: standard.clone(),
                questionnaire: standard.map(|form| Questionnaire {
                    recipient: form.clone(),
                    form,
                    source: sources.iter().next().cloned().unwrap_or_default(),
                }),
                availability: Availability { bayern: by, nrw },
                prerequisites: own,
                notes,
                sources: sources.into_iter().collect(),
            },
        )
}

fn evidence_field(i: usize) -> impl Strategy<Value = EvidenceField> {
    (
        text(),
        select(vec![
            EvidenceKind::FitConnectDestinationId,
            EvidenceKind::DvdvOrganisationsschluessel,
            EvidenceKind::PvogOeId,
            EvidenceKind::Url,
            EvidenceKind::Date,
            EvidenceKind::Text,
            EvidenceKind::Email,
            EvidenceKind::LeitwegId,
            EvidenceKind::Bkz,
        ]),
        proptest::bool::ANY,
    )
        .prop_map(move |(label, kind, optional)| EvidenceField {
            id: format!("feld-{i}"),
            label,
            kind,
            optional,
        })
}

/// Prerequisite `p{i}`; it may depend on earlier ones only, so the graph is acyclic, and
/// its condition may name the services `s0..s{services}`.
fn prerequisite(i: usize, services: usize) -> impl Strategy<Value = Prerequisite> {
    let earlier: Vec<String> = (0..i).map(|j| format!("p{j}")).collect();
    let deps = if earlier.is_empty() {
        Just(Vec::new()).boxed()
    } else {
        proptest::sample::subsequence(earlier, 0..=i.min(3)).boxed()
    };
    let service_ids: Vec<String> = (0..services).map(|j| format!("s{j}")).collect();
    let condition_services = if service_ids.is_empty() {
        Just(Vec::new()).boxed()
    } else {
        proptest::sample::subsequence(service_ids, 0..=services.min(2)).boxed()
    };
    (
        text(),
        text(),
        select(Category::ALL.to_vec()),
        text(),
        opt(url()),
        (
            proptest::collection::vec(select(RouteKind::ALL.to_vec()), 0..3),
            proptest::collection::vec(select(MunicipalityKind::ALL.to_vec()), 0..3),
            proptest::collection::vec(select(Channel::ALL.to_vec()), 0..3),
            condition_services,
        ),
        deps,
        (0usize..4).prop_flat_map(|n| (0..n).map(evidence_field).collect::<Vec<_>>()),
        proptest::collection::btree_set(url(), 1..3),
    )
        .prop_map(
            move |(
                title,
                explanation,
                category,
                how_to,
                official_link,
                (routes, kinds, channels, services),
                depends_on,
                evidence,
                sources,
            )| Prerequisite {
                id: format!("p{i}"),
                title,
                explanation,
                category,
                how_to,
                official_link,
                applies_if: Condition {
                    routes,
                    kinds,
                    channels,
                    services,
                    lands: Vec::new(),
                    except_lands: Vec::new(),
                },
                depends_on,
                evidence,
                sources: sources.into_iter().collect(),
            },
        )
}

/// A valid catalog with up to 6 services and 8 prerequisites.
fn catalog_data() -> impl Strategy<Value = CatalogData> {
    (0usize..6, 0usize..8).prop_flat_map(|(ns, np)| {
        let services: Vec<_> = (0..ns).map(|i| service(format!("s{i}"), np)).collect();
        let prerequisites: Vec<_> = (0..np).map(|i| prerequisite(i, ns)).collect();
        let common: Vec<String> = (0..np).map(|i| format!("p{i}")).collect();
        (
            services,
            prerequisites,
            proptest::sample::subsequence(common, 0..=np),
            "[0-9.]{1,8}",
        )
            .prop_map(|(services, prerequisites, common, version)| CatalogData {
                schema_version: 1,
                catalog_version: version,
                common_prerequisites: common,
                services,
                prerequisites,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn service_round_trips(s in service("x".into(), 3)) {
        let json = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(serde_json::from_str::<Service>(&json).unwrap(), s);
    }

    #[test]
    fn prerequisite_round_trips(p in prerequisite(3, 2)) {
        let json = serde_json::to_string_pretty(&p).unwrap();
        prop_assert_eq!(serde_json::from_str::<Prerequisite>(&json).unwrap(), p);
    }

    #[test]
    fn small_types_round_trip(
        leika in leika(),
        option in channel_option(),
        evidence in evidence_item(),
        field in evidence_field(0),
    ) {
        let back: LeikaKey = serde_json::from_str(&serde_json::to_string(&leika).unwrap()).unwrap();
        prop_assert_eq!(back, leika);
        let back: ChannelOption = serde_json::from_str(&serde_json::to_string(&option).unwrap()).unwrap();
        prop_assert_eq!(back, option);
        let back: AvailabilityEvidence = serde_json::from_str(&serde_json::to_string(&evidence).unwrap()).unwrap();
        prop_assert_eq!(back, evidence);
        let back: EvidenceField = serde_json::from_str(&serde_json::to_string(&field).unwrap()).unwrap();
        prop_assert_eq!(back, field);
    }

    #[test]
    fn valid_catalogs_round_trip_through_the_file_format(data in catalog_data()) {
        let catalog = match Catalog::from_data(data.clone()) {
            Ok(c) => c,
            Err(e) => return Err(TestCaseError::fail(format!("generated catalog invalid: {e}"))),
        };
        let json = catalog.to_json_pretty().unwrap();
        let again = Catalog::from_json(&json).unwrap();
        prop_assert_eq!(&again, &catalog);
        prop_assert_eq!(again.into_data(), data);
    }

    #[test]
    fn from_json_never_panics_on_arbitrary_text(s in "\\PC*") {
        let _ = Catalog::from_json(&s);
    }

    #[test]
    fn from_json_never_panics_on_json_like_text(
        parts in proptest::collection::vec(
            select(vec!["{", "}", "[", "]", ",", ":", "\"id\"", "\"services\"", "null", "1",
                        "\"schema_version\"", "\"prerequisites\"", "true", "\"x\"", "-1e999"]),
            0..60,
        )
    ) {
        let _ = Catalog::from_json(&parts.concat());
    }

    #[test]
    fn from_json_never_panics_on_a_damaged_shipped_catalog(
        cut in 0..SHIPPED.len(),
        len in 0usize..400,
        insert in "\\PC{0,8}",
    ) {
        // Damage the file at a character boundary: remove a span and insert junk.
        let start = (0..=cut).rev().find(|&i| SHIPPED.is_char_boundary(i)).unwrap_or(0);
        let end = (start + len).min(SHIPPED.len());
        let end = (end..=SHIPPED.len()).find(|&i| SHIPPED.is_char_boundary(i)).unwrap_or(SHIPPED.len());
        let damaged = format!("{}{}{}", &SHIPPED[..start], insert, &SHIPPED[end..]);
        let _ = Catalog::from_json(&damaged);
    }

    #[test]
    fn from_json_never_panics_on_edited_values(
        service in 0usize..31,
        field in select(vec!["id", "leika", "channels", "prerequisites", "sources", "availability", "offer_type"]),
        value in select(vec![
            serde_json::json!(null), serde_json::json!(""), serde_json::json!([]),
            serde_json::json!({}), serde_json::json!(["x"]), serde_json::json!(u64::MAX),
            serde_json::json!([{ "key": "1", "label": null }]),
        ]),
    ) {
        let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
        if let Some(s) = v["services"].get_mut(service) {
            s[field] = value;
        }
        let _ = Catalog::from_json(&v.to_string());
    }
}
