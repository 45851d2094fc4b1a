//! Property tests of the connection request: JSON round trips, and `validate` never panics,
//! whatever any field contains.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use efa_domain::land::Land;
use efa_domain::readiness::PrereqStatus;
use efa_domain::registry::EntryKind;
use efa_domain::request::{
    Address, Authority, ChannelChoice, ConnectionRequest, Contact, Contacts, Declarations,
    Embedding, EmbeddingMode, Municipality, PrerequisiteRecord, ServiceRequest,
};
use efa_domain::route::RouteKind;
use proptest::prelude::*;
use proptest::sample::select;
use support::{catalog, registry, valid_request};

/// Any text, or text shaped like the values the fields expect.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just(String::new()),
        "[0-9]{0,14}",
        "[a-zA-Z0-9.@:\\-]{0,24}",
        "[ \t\n\u{a0}\u{202e}ä]{0,4}",
    ]
}

fn texts(n: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), n)
}

fn address(t: &mut impl Iterator<Item = String>) -> Address {
    Address {
        street: t.next().unwrap_or_default(),
        plz: t.next().unwrap_or_default(),
        ort: t.next().unwrap_or_default(),
    }
}

fn contact(t: &mut impl Iterator<Item = String>) -> Contact {
    Contact {
        name: t.next().unwrap_or_default(),
        function: t.next().unwrap_or_default(),
        email: t.next().unwrap_or_default(),
        phone: t.next().unwrap_or_default(),
    }
}

fn channel(kind: u8, value: String) -> Option<ChannelChoice> {
    match kind {
        0 => None,
        1 => Some(ChannelChoice::FitConnect {
            destination_id: value,
        }),
        2 => Some(ChannelChoice::OsciXta { dvdv_key: value }),
        3 => Some(ChannelChoice::PdfDownload {
            funktionspostfach: value,
        }),
        _ => Some(ChannelChoice::Email { address: value }),
    }
}

fn service() -> impl Strategy<Value = ServiceRequest> {
    (
        texts(24),
        0u8..5,
        prop_oneof![
            Just("test-wohngeld".to_string()),
            Just("test-pilot".to_string()),
            text()
        ],
    )
        .prop_map(|(t, kind, id)| {
            let mut t = t.into_iter();
            ServiceRequest {
                service_id: id,
                authority: Authority {
                    name: t.next().unwrap_or_default(),
                    kind: t.next().unwrap_or_default(),
                    oe_id: t.next().unwrap_or_default(),
                    bkz: t.next().unwrap_or_default(),
                    address: address(&mut t),
                    email: t.next().unwrap_or_default(),
                    phone: t.next().unwrap_or_default(),
                    area: vec![t.next().unwrap_or_default(), t.next().unwrap_or_default()],
                },
                channel: channel(kind, t.next().unwrap_or_default()),
                fachverfahren: t.next().unwrap_or_default(),
                vendor: t.next().unwrap_or_default(),
                test_date: t.next().unwrap_or_default(),
                go_live_date: t.next().unwrap_or_default(),
                vendor_contact: contact(&mut t),
                embedding: Embedding {
                    mode: EmbeddingMode::ALL.get(usize::from(kind)).copied(),
                    domains: vec![t.next().unwrap_or_default()],
                },
            }
        })
}

fn prerequisites() -> impl Strategy<Value = BTreeMap<String, PrerequisiteRecord>> {
    let id = prop_oneof![
        Just("alles".to_string()),
        Just("zustellpunkt".to_string()),
        text()
    ];
    let field = prop_oneof![
        Just("url".to_string()),
        Just("datum".to_string()),
        Just("leitweg".to_string()),
        text()
    ];
    let record = (
        select(PrereqStatus::ALL.to_vec()),
        proptest::collection::btree_map(field, text(), 0..4),
    )
        .prop_map(|(status, evidence)| PrerequisiteRecord { status, evidence });
    proptest::collection::btree_map(id, record, 0..4)
}

fn request() -> impl Strategy<Value = ConnectionRequest> {
    (
        texts(30),
        proptest::option::of(select(EntryKind::ALL.to_vec())),
        proptest::option::of(select(Land::ALL.to_vec())),
        proptest::option::of(select(RouteKind::ALL.to_vec())),
        proptest::collection::vec(service(), 0..4),
        prerequisites(),
        any::<[bool; 5]>(),
        any::<u32>(),
    )
        .prop_map(
            |(t, kind, land, route, services, prerequisites, flags, version)| {
                let mut t = t.into_iter();
                ConnectionRequest {
                    schema_version: if flags[4] { 1 } else { version },
                    municipality: Municipality {
                        ars: t.next().unwrap_or_default(),
                        ags: t.next().unwrap_or_default(),
                        name: t.next().unwrap_or_default(),
                        kind,
                        land,
                        kreis: if flags[3] { t.next() } else { None },
                        address: address(&mut t),
                        leitweg_id: t.next().unwrap_or_default(),
                    },
                    contacts: Contacts {
                        vertretung: contact(&mut t),
                        digitalisierung: if flags[0] {
                            Some(contact(&mut t))
                        } else {
                            None
                        },
                        fachlich: contact(&mut t),
                        technisch: contact(&mut t),
                        datenschutz: if flags[1] {
                            Some(contact(&mut t))
                        } else {
                            None
                        },
                        funktionspostfach: t.next().unwrap_or_default(),
                    },
                    services,
                    route,
                    prerequisites,
                    declarations: Declarations {
                        authorised: flags[0],
                        information_correct: flags[1],
                        data_protection_acknowledged: flags[2],
                    },
                    notes: t.next().unwrap_or_default(),
                    created_at: t.next().unwrap_or_default(),
                    updated_at: t.next().unwrap_or_default(),
                }
            },
        )
}

/// Sets one of the request's text fields, chosen by `which`, to `value`.
fn set_field(r: &mut ConnectionRequest, which: usize, value: String) {
    let s = &mut r.services[0];
    let slot: &mut String = match which % 24 {
        0 => &mut r.municipality.ags,
        1 => &mut r.municipality.ars,
        2 => &mut r.municipality.name,
        3 => &mut r.municipality.address.plz,
        4 => &mut r.contacts.vertretung.email,
        5 => &mut r.contacts.fachlich.phone,
        6 => &mut r.contacts.funktionspostfach,
        7 => &mut s.service_id,
        8 => &mut s.authority.oe_id,
        9 => &mut s.authority.bkz,
        10 => &mut s.authority.email,
        11 => &mut s.authority.phone,
        12 => &mut s.fachverfahren,
        13 => &mut s.test_date,
        14 => &mut s.go_live_date,
        15 => &mut r.notes,
        16 => &mut r.created_at,
        17 => &mut r.updated_at,
        18 => match &mut s.channel {
            Some(ChannelChoice::OsciXta { dvdv_key }) => dvdv_key,
            _ => &mut r.notes,
        },
        19 => &mut r.contacts.technisch.name,
        20 => &mut r.municipality.address.street,
        21 => &mut s.authority.address.plz,
        22 => &mut s.vendor,
        _ => r
            .prerequisites
            .get_mut("datenschutzerklaerung")
            .and_then(|p| p.evidence.get_mut("url"))
            .unwrap(),
    };
    *slot = value;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip(r in request()) {
        let json = serde_json::to_string(&r).unwrap();
        let back: ConnectionRequest = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &r);
        prop_assert_eq!(back.fingerprint(), r.fingerprint());
    }

    #[test]
    fn validate_never_panics_on_arbitrary_requests(r in request()) {
        let _ = r.validate(catalog(), registry());
        let _ = r.readiness_input();
    }

    #[test]
    fn validate_never_panics_on_one_bad_field(which in 0usize..24, value in text()) {
        let mut r = valid_request();
        set_field(&mut r, which, value.clone());
        match r.validate(catalog(), registry()) {
            Ok(()) => {}
            // A single bad field yields errors only about that field (or the pair it is
            // checked with: AGS/ARS, test/go-live date, created/updated).
            Err(list) => prop_assert!(list.len() <= 3, "{:?} for {:?}", list, value),
        }
    }
}
