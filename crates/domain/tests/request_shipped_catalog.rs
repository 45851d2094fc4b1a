//! The request rules against the shipped catalog: every connectable service can be
//! requested through each channel the catalog names for it, with a DVDV key of a category
//! it names; the others are refused with the code that says why.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use efa_domain::catalog::{Catalog, Channel, EvidenceKind, OfferType};
use efa_domain::land::Land;
use efa_domain::messages::ErrorCode as E;
use efa_domain::request::{ChannelChoice, check_evidence};
use support::{registry, valid_request};

const CATALOG: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn shipped() -> Catalog {
    Catalog::from_json(CATALOG).expect("the shipped catalog loads")
}

/// A valid address for `channel`; for OSCI/XTA a key of `category` if one is given.
fn choice(channel: Channel, category: Option<&str>) -> Option<ChannelChoice> {
    Some(match channel {
        Channel::FitConnect => ChannelChoice::FitConnect {
            destination_id: "36141427-d405-40a4-8f8b-3592d544e85b".into(),
        },
        Channel::OsciXta => ChannelChoice::OsciXta {
            dvdv_key: match category.unwrap_or("wgb") {
                "wgb" => "wgb096630000000".into(),
                "bab" => "bab:09663000".into(),
                other @ ("feb" | "tpg" | "fss") => format!("{other}:096630000000"),
                unknown => panic!(
                    "the catalog names DVDV category `{unknown}`, which DvdvKey does not know"
                ),
            },
        },
        Channel::PdfDownload => ChannelChoice::PdfDownload {
            funktionspostfach: "post@stadt-beispiel.de".into(),
        },
        Channel::Email => ChannelChoice::Email {
            address: "post@stadt-beispiel.de".into(),
        },
    })
}

#[test]
fn every_service_and_listed_channel_is_accepted_or_refused_for_a_stated_reason() {
    let catalog = shipped();
    let mut checked = 0;
    for service in catalog.services() {
        let listed = service.channels.clone().unwrap_or_default();
        let mut options: Vec<(Channel, Option<String>)> = Vec::new();
        for option in &listed {
            match &option.dvdv_categories {
                Some(categories) => {
                    options.extend(categories.iter().map(|c| (option.channel, Some(c.clone()))))
                }
                None => options.push((option.channel, None)),
            }
        }
        if listed.is_empty() {
            // The sources name no channel: any channel is accepted.
            options.extend(Channel::ALL.map(|c| (c, None)));
        }
        for (channel, category) in options {
            let mut r = valid_request();
            r.prerequisites.clear();
            r.services.truncate(1);
            r.services[0].service_id = service.id.clone();
            r.services[0].channel = choice(channel, category.as_deref());
            let errors = r.validate(&catalog, registry()).err().unwrap_or_default();
            let codes: Vec<E> = errors.iter().map(|e| e.code).collect();
            // The fixture is a Bavarian municipality.
            if service.is_connectable_in(Land::Bayern) {
                assert_eq!(codes, vec![], "{} via {channel} {category:?}", service.id);
            } else if service.offer_type == OfferType::LandService {
                assert_eq!(codes, vec![E::ServiceNotOfferedInLand], "{}", service.id);
            } else {
                assert_eq!(codes, vec![E::ServiceNotConnectable], "{}", service.id);
            }
            checked += 1;
        }
        // A channel the catalog does not list is refused where it lists some.
        if let Some(missing) = Channel::ALL
            .into_iter()
            .find(|c| !listed.is_empty() && !listed.iter().any(|o| o.channel == *c))
        {
            let mut r = valid_request();
            r.prerequisites.clear();
            r.services.truncate(1);
            r.services[0].service_id = service.id.clone();
            r.services[0].channel = choice(missing, None);
            let errors = r.validate(&catalog, registry()).unwrap_err();
            assert!(
                errors
                    .iter()
                    .any(|e| e.path == "services[0].channel" && e.code == E::ChannelNotAccepted),
                "{}",
                service.id
            );
        }
    }
    assert!(checked >= catalog.services().len());
}

/// Every evidence field of the shipped catalog has a check, and an empty snapshot entry
/// for each prerequisite is valid while it is open.
#[test]
fn shipped_prerequisites_and_evidence_fields_are_understood() {
    let catalog = shipped();
    let mut r = valid_request();
    r.prerequisites.clear();
    for p in catalog.prerequisites() {
        r.prerequisites.insert(p.id.clone(), Default::default());
        for f in &p.evidence {
            // Text accepts anything reasonable, and so does the OE-ID, whose form only
            // warns (it comes from a single example); the other typed kinds refuse
            // nonsense.
            let nonsense = check_evidence(f.kind, "x");
            assert_eq!(
                nonsense.is_ok(),
                matches!(f.kind, EvidenceKind::Text | EvidenceKind::PvogOeId),
                "{} {}",
                p.id,
                f.id
            );
        }
    }
    r.services.truncate(1);
    r.services[0].service_id = "wohngeld".into();
    assert_eq!(r.validate(&catalog, registry()), Ok(()));
}
