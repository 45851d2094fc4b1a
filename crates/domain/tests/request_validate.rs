//! Validation of connection requests: a valid request passes, and each kind of problem is
//! reported at the right path with the right code — all of them at once.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use efa_domain::catalog::Channel;
use efa_domain::messages::{ErrorCode as E, FieldError, Lang};
use efa_domain::readiness::{PrereqStatus, evaluate};
use efa_domain::registry::EntryKind;
use efa_domain::request::{
    ChannelChoice, ConnectionRequest, Contact, PrerequisiteRecord, TextRule, check_text,
};
use efa_domain::route::RouteKind;
use support::{catalog, registry, valid_request};

fn errors(r: &ConnectionRequest) -> Vec<(String, E)> {
    match r.validate(catalog(), registry()) {
        Ok(()) => Vec::new(),
        Err(list) => list.into_iter().map(|e| (e.path, e.code)).collect(),
    }
}

fn has(list: &[(String, E)], path: &str, code: E) -> bool {
    list.iter().any(|(p, c)| p == path && *c == code)
}

/// Asserts that exactly the given problems are reported.
fn assert_errors(r: &ConnectionRequest, expected: &[(&str, E)]) {
    let mut got = errors(r);
    got.sort();
    let mut want: Vec<(String, E)> = expected.iter().map(|(p, c)| (p.to_string(), *c)).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn the_valid_request_passes() {
    assert_eq!(errors(&valid_request()), vec![]);
}

#[test]
fn set_municipality_fills_registry_fields_and_route() {
    let r = valid_request();
    let m = &r.municipality;
    assert_eq!(
        (m.ags.as_str(), m.ars.as_str(), m.name.as_str()),
        ("09663000", "096630000000", "Würzburg")
    );
    assert_eq!(m.kind, Some(EntryKind::KreisfreieStadt));
    assert_eq!(m.kreis.as_deref(), Some("Würzburg"));
    assert_eq!(r.route, Some(RouteKind::BayKommun));
    assert_eq!(r.schema_version, efa_domain::SCHEMA_VERSION);
}

#[test]
fn an_empty_request_reports_every_missing_field_at_once() {
    let r = ConnectionRequest::new("2026-03-02T09:00:00Z");
    let list = errors(&r);
    for (path, code) in [
        ("municipality.ags", E::Required),
        ("municipality.ars", E::Required),
        ("municipality.name", E::Required),
        ("municipality.land", E::Required),
        ("municipality.kind", E::Required),
        ("municipality.address.street", E::Required),
        ("municipality.address.plz", E::Required),
        ("municipality.address.ort", E::Required),
        ("contacts.vertretung.name", E::Required),
        ("contacts.vertretung.function", E::Required),
        ("contacts.vertretung.email", E::Required),
        ("contacts.fachlich.phone", E::Required),
        ("contacts.technisch.email", E::Required),
        ("contacts.funktionspostfach", E::Required),
        ("services", E::NoServices),
        ("route", E::Required),
        ("declarations.authorised", E::DeclarationRequired),
        ("declarations.information_correct", E::DeclarationRequired),
        (
            "declarations.data_protection_acknowledged",
            E::DeclarationRequired,
        ),
    ] {
        assert!(has(&list, path, code), "missing {path} {code}: {list:?}");
    }
    // Optional fields are not reported.
    assert!(
        !list
            .iter()
            .any(|(p, _)| p.starts_with("contacts.digitalisierung")
                || p.starts_with("contacts.datenschutz"))
    );
    assert!(!has(&list, "contacts.vertretung.phone", E::Required));
    assert!(!has(&list, "notes", E::Required));
    assert_eq!(list.len(), 23, "{list:#?}");
}

#[test]
fn municipality_must_match_the_registry() {
    let mut r = valid_request();
    r.municipality.ags = "09663001".into();
    r.municipality.ars = "096630000001".into();
    assert_errors(&r, &[("municipality.ags", E::AgsNotInRegistry)]);

    let mut r = valid_request();
    r.municipality.ars = "096630000001".into();
    assert_errors(&r, &[("municipality.ars", E::ArsAgsMismatch)]);

    // Consistent with the AGS, but the registry has other Verband digits.
    let mut r = valid_request();
    r.municipality.ars = "096631234000".into();
    assert_errors(&r, &[("municipality.ars", E::ArsRegistryMismatch)]);

    let mut r = valid_request();
    r.municipality.name = "Wuerzburg".into();
    r.municipality.kind = Some(EntryKind::Stadt);
    r.municipality.kreis = Some("Würzburg, Landkreis".into());
    r.municipality.land = Some(efa_domain::land::Land::Hessen);
    r.route = Some(RouteKind::Marktplatz);
    assert_errors(
        &r,
        &[
            ("municipality.name", E::NameRegistryMismatch),
            ("municipality.kind", E::KindRegistryMismatch),
            ("municipality.kreis", E::KreisRegistryMismatch),
            ("municipality.land", E::LandRegistryMismatch),
        ],
    );

    let mut r = valid_request();
    r.municipality.ags = "0966300".into();
    r.municipality.ars = "9663".into();
    r.municipality.address.plz = "9707".into();
    assert_errors(
        &r,
        &[
            ("municipality.ags", E::AgsWrongLength),
            ("municipality.ars", E::ArsWrongLength),
            ("municipality.address.plz", E::PlzInvalid),
        ],
    );
}

#[test]
fn a_landkreis_and_a_verbandsgemeinde_member_are_valid_applicants() {
    for key in ["09184000", "07131002"] {
        let mut r = valid_request();
        r.set_municipality(registry().find_key(key).unwrap());
        assert_eq!(errors(&r), vec![], "{key}");
    }
    let mut r = valid_request();
    r.set_municipality(registry().find_key("05315000").unwrap());
    assert_eq!(r.route, Some(RouteKind::DNrw));
    r.route = Some(RouteKind::BayKommun);
    assert_errors(&r, &[("route", E::RouteLandMismatch)]);
}

/// Version 2: a Gemeindeverband applies by its ARS alone. Version 1 documents stay valid
/// as they are, but cannot leave the AGS empty.
#[test]
fn a_gemeindeverband_applies_by_ars_without_ags() {
    for (ars, name, kind) in [
        ("034595402000", "Bersenbrück", EntryKind::Samtgemeinde),
        ("071315002000", "Altenahr", EntryKind::Verbandsgemeinde),
        ("010515166000", "Marne-Nordsee", EntryKind::Amt),
    ] {
        let mut r = valid_request();
        r.set_municipality(registry().find_key(ars).unwrap());
        assert_eq!(r.schema_version, efa_domain::SCHEMA_VERSION);
        assert_eq!(r.municipality.ags, "");
        assert_eq!(
            (r.municipality.name.as_str(), r.municipality.kind),
            (name, Some(kind))
        );
        assert_eq!(errors(&r), vec![], "{name}");
        assert!(r.municipality.ags_shown(Lang::De).starts_with("keiner"));
        // A version-1 document must name an AGS.
        r.schema_version = 1;
        assert!(has(&errors(&r), "municipality.ags", E::Required), "{name}");
    }
    // A version-1 request of a Gemeinde is still accepted unchanged.
    let mut r = valid_request();
    assert_eq!(r.municipality.ags_shown(Lang::De), "09663000");
    r.schema_version = 1;
    assert_eq!(errors(&r), vec![]);
    r.schema_version = 4;
    assert_errors(&r, &[("schema_version", E::SchemaVersionUnsupported)]);

    // Only a Gemeindeverband may go without its AGS.
    let mut r = valid_request();
    r.municipality.ags = String::new();
    assert_errors(&r, &[("municipality.ags", E::Required)]);
    // An ARS of no Verband.
    let mut r = valid_request();
    r.set_municipality(registry().find_key("034595402000").unwrap());
    r.municipality.ars = "034595499000".into();
    assert_errors(&r, &[("municipality.ars", E::ArsNotInRegistry)]);
}

#[test]
fn contacts() {
    let mut r = valid_request();
    r.contacts.vertretung.email = "erika.beispiel".into();
    r.contacts.fachlich.phone = "12".into();
    r.contacts.technisch.phone = "030 123 Durchwahl".into();
    r.contacts.digitalisierung = Some(Contact {
        name: "Dora Digital".into(),
        ..Contact::default()
    });
    r.contacts.datenschutz = Some(Contact {
        name: "Daniel Datenschutz".into(),
        email: "datenschutz@stadt-beispiel.de".into(),
        ..Contact::default()
    });
    r.contacts.funktionspostfach = "poststelle@localhost".into();
    assert_errors(
        &r,
        &[
            ("contacts.vertretung.email", E::EmailInvalid),
            ("contacts.fachlich.phone", E::PhoneTooShort),
            ("contacts.technisch.phone", E::PhoneInvalid),
            ("contacts.digitalisierung.email", E::Required),
            ("contacts.funktionspostfach", E::EmailInvalid),
        ],
    );
}

#[test]
fn services_are_checked_against_the_catalog() {
    let mut r = valid_request();
    let template = r.services[0].clone();
    r.services.push(template.clone()); // duplicate
    let mut unknown = template.clone();
    unknown.service_id = "gibt-es-nicht".into();
    r.services.push(unknown);
    let mut pilot = template.clone();
    pilot.service_id = "test-pilot".into();
    r.services.push(pilot);
    let mut wrong_channel = template.clone();
    wrong_channel.service_id = "test-pdf".into();
    r.services.push(wrong_channel); // test-pdf does not list osci-xta
    let mut unknown_channels = template;
    unknown_channels.service_id = "test-bau".into();
    unknown_channels.channel = Some(ChannelChoice::OsciXta {
        dvdv_key: "bab:09663000".into(),
    });
    r.services.push(unknown_channels); // channels unknown: any channel, any category
    assert_errors(
        &r,
        &[
            ("services[2].service_id", E::DuplicateService),
            ("services[3].service_id", E::UnknownService),
            ("services[4].service_id", E::ServiceNotConnectable),
            ("services[5].service_id", E::DuplicateService),
            ("services[5].channel", E::ChannelNotAccepted),
        ],
    );
}

#[test]
fn channel_addresses_are_typed() {
    let mut r = valid_request();
    // A well-formed key of a category the catalog does not name for the service is not
    // an error (it is a warning, see request_warnings.rs); a malformed key is.
    r.services[0].channel = Some(ChannelChoice::OsciXta {
        dvdv_key: "bab:09663000".into(),
    });
    assert_errors(&r, &[]);
    r.services[0].channel = Some(ChannelChoice::OsciXta {
        dvdv_key: "xyz:1".into(),
    });
    assert_errors(&r, &[("services[0].channel.dvdv_key", E::DvdvFormat)]);
    r.services[0].channel = Some(ChannelChoice::OsciXta {
        dvdv_key: "bab:0966300".into(),
    });
    assert_errors(&r, &[("services[0].channel.dvdv_key", E::DvdvBabFormat)]);
    r.services[0].channel = Some(ChannelChoice::FitConnect {
        destination_id: "not-a-uuid".into(),
    });
    assert_errors(
        &r,
        &[(
            "services[0].channel.destination_id",
            E::DestinationIdInvalid,
        )],
    );
    r.services[0].channel = Some(ChannelChoice::empty(Channel::FitConnect));
    assert_errors(&r, &[("services[0].channel.destination_id", E::Required)]);
    r.services[0].channel = None;
    assert_errors(&r, &[("services[0].channel", E::Required)]);
    r.services[1].channel = Some(ChannelChoice::Email {
        address: "wohngeld(at)stadt.de".into(),
    });
    r.services[0].channel = Some(ChannelChoice::PdfDownload {
        funktionspostfach: "x".into(),
    });
    assert_errors(
        &r,
        &[
            ("services[0].channel", E::ChannelNotAccepted),
            ("services[0].channel.funktionspostfach", E::EmailInvalid),
            ("services[1].channel.address", E::EmailInvalid),
        ],
    );
}

#[test]
fn fachverfahren_is_required_where_the_channel_delivers_into_one() {
    let mut r = valid_request();
    r.services[0].fachverfahren = " ".into();
    r.services[0].vendor = String::new();
    r.services[1].fachverfahren = String::new(); // PDF: optional
    assert_errors(
        &r,
        &[
            ("services[0].fachverfahren", E::Required),
            ("services[0].vendor", E::Required),
        ],
    );
}

#[test]
fn dates() {
    let mut r = valid_request();
    r.services[0].test_date = "2026-06-02".into();
    r.services[0].go_live_date = "2026-06-01".into();
    assert_errors(&r, &[("services[0].go_live_date", E::GoLiveBeforeTest)]);
    r.services[0].test_date = "2026-06-01".into();
    assert_errors(&r, &[]);
    r.services[0].test_date = "01.06.2026".into();
    r.services[1].go_live_date = String::new();
    assert_errors(
        &r,
        &[
            ("services[0].test_date", E::DateInvalid),
            ("services[1].go_live_date", E::Required),
        ],
    );
}

#[test]
fn authority() {
    let mut r = valid_request();
    let a = &mut r.services[1].authority;
    // An OE-ID unlike the one known example only warns; an unsafe text is still an error.
    a.oe_id = "L100012-OE-225060530".into();
    a.bkz = "12345".into();
    a.email = String::new();
    a.address.street = "x".repeat(201);
    r.services[0].authority.oe_id = "L100012.OE.\u{7}".into();
    assert_errors(
        &r,
        &[
            ("services[0].authority.oe_id", E::ControlCharacters),
            ("services[1].authority.bkz", E::BkzInvalid),
            ("services[1].authority.email", E::Required),
            ("services[1].authority.address.street", E::TooLong),
        ],
    );
}

#[test]
fn prerequisite_evidence_is_typed_by_its_kind() {
    let mut r = valid_request();
    let evidence = [
        ("destination-id", "36141427-d405-40a4-8f8b-3592d544e85"),
        ("dvdv", "wgb1"),
        ("oe-id", "L1.OE.1"),
        ("url", "www.beispiel.de"),
        ("datum", "2026-02-30"),
        ("notiz", "Zeile 1\nZeile 2\u{7}"),
        ("mail", "a@b"),
        ("leitweg", "04011000-1234512345-07"),
        ("bkz", "12"),
        ("gibt-es-nicht", "x"),
    ];
    r.prerequisites.insert(
        "alles".into(),
        PrerequisiteRecord {
            status: PrereqStatus::InArbeit,
            evidence: evidence
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        },
    );
    r.prerequisites
        .insert("unbekannt".into(), PrerequisiteRecord::default());
    assert_errors(
        &r,
        &[
            (
                "prerequisites.alles.evidence.destination-id",
                E::DestinationIdInvalid,
            ),
            ("prerequisites.alles.evidence.dvdv", E::DvdvWgbFormat),
            ("prerequisites.alles.evidence.url", E::UrlScheme),
            ("prerequisites.alles.evidence.datum", E::DateInvalid),
            ("prerequisites.alles.evidence.notiz", E::ControlCharacters),
            ("prerequisites.alles.evidence.mail", E::EmailInvalid),
            (
                "prerequisites.alles.evidence.leitweg",
                E::LeitwegCheckDigits,
            ),
            ("prerequisites.alles.evidence.bkz", E::BkzInvalid),
            (
                "prerequisites.alles.evidence.gibt-es-nicht",
                E::UnknownEvidenceField,
            ),
            ("prerequisites.unbekannt", E::UnknownPrerequisite),
        ],
    );
    // Valid values of every kind pass; multi-line text is fine in free-text evidence.
    let good = [
        ("destination-id", "36141427-d405-40a4-8f8b-3592d544e85b"),
        ("dvdv", "wgb096630000000"),
        ("oe-id", "L100012.OE.225060530"),
        ("url", "https://www.stadt-beispiel.de/datenschutz"),
        ("datum", "2026-02-28"),
        ("notiz", "Zeile 1\r\nZeile 2"),
        ("mail", "a@b.de"),
        ("leitweg", "04011000-1234512345-06"),
        ("bkz", "1234"),
    ];
    let mut r = valid_request();
    r.prerequisites.insert(
        "alles".into(),
        PrerequisiteRecord {
            status: PrereqStatus::Erledigt,
            evidence: good
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        },
    );
    assert_errors(&r, &[]);
}

#[test]
fn done_prerequisites_need_their_required_evidence() {
    let mut r = valid_request();
    r.prerequisites.get_mut("zustellpunkt").unwrap().status = PrereqStatus::Erledigt;
    assert_errors(
        &r,
        &[(
            "prerequisites.zustellpunkt.evidence.destination-id",
            E::Required,
        )],
    );
    r.prerequisites.get_mut("zustellpunkt").unwrap().status = PrereqStatus::NichtZutreffend;
    assert_errors(&r, &[]);
}

#[test]
fn texts_have_limits_and_no_control_characters() {
    let mut r = valid_request();
    r.contacts.vertretung.name = "Erika\tBeispiel".into();
    r.contacts.vertretung.function = "Bürger\u{202E}meisterin".into();
    r.contacts.fachlich.name = "Max\nMuster".into();
    r.notes = "ä".repeat(2_001);
    r.services[0].vendor = "v".repeat(200);
    assert_errors(
        &r,
        &[
            ("contacts.vertretung.name", E::ControlCharacters),
            ("contacts.vertretung.function", E::ControlCharacters),
            ("contacts.fachlich.name", E::ControlCharacters),
            ("notes", E::TooLong),
        ],
    );
    r.notes = "Bitte Rückruf.\nDanke!".into();
    r.contacts.vertretung.name = "Erika Beispiel".into();
    r.contacts.vertretung.function = "Bürgermeisterin".into();
    r.contacts.fachlich.name = "Max Muster".into();
    assert_errors(&r, &[]);

    assert_eq!(check_text("", TextRule::REQUIRED_SHORT), Err(E::Required));
    assert_eq!(check_text("", TextRule::OPTIONAL_SHORT), Ok(()));
    assert_eq!(
        check_text("a\u{200B}b", TextRule::OPTIONAL_LONG),
        Err(E::ControlCharacters)
    );
    assert_eq!(
        check_text(&"ß".repeat(200), TextRule::REQUIRED_SHORT),
        Ok(())
    );
}

#[test]
fn timestamps_and_version() {
    let mut r = valid_request();
    r.updated_at = "2026-03-02T08:59:59+01:00".into();
    assert_errors(&r, &[("updated_at", E::UpdatedBeforeCreated)]);
    r.updated_at = "2026-03-02T08:00:00Z".into(); // 09:00 +01:00, the same instant
    assert_errors(&r, &[]);
    r.created_at = "gestern".into();
    r.schema_version = efa_domain::SCHEMA_VERSION + 1;
    assert_errors(
        &r,
        &[
            ("created_at", E::TimestampInvalid),
            ("schema_version", E::SchemaVersionUnsupported),
        ],
    );
}

#[test]
fn too_many_items_are_refused_without_checking_each() {
    let mut r = valid_request();
    let one = r.services[0].clone();
    r.services = vec![one; 101];
    assert_errors(&r, &[("services", E::TooManyItems)]);
}

#[test]
fn field_errors_serialise_for_the_api_and_read_for_the_app() {
    let mut r = valid_request();
    r.services[0].channel = Some(ChannelChoice::FitConnect {
        destination_id: "x".into(),
    });
    let list = r.validate(catalog(), registry()).unwrap_err();
    let json = serde_json::to_string(&list).unwrap();
    assert_eq!(
        json,
        r#"[{"path":"services[0].channel.destination_id","code":"destination_id_invalid"}]"#
    );
    let back: Vec<FieldError> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, list);
    assert!(
        list[0]
            .message(Lang::De)
            .starts_with("Geben Sie die Destination-ID")
    );
}

#[test]
fn fingerprint_is_short_stable_and_content_bound() {
    let r = valid_request();
    let f = r.fingerprint();
    assert_eq!(f.len(), 16);
    assert!(
        f.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert_eq!(r.clone().fingerprint(), f);
    let back: ConnectionRequest =
        serde_json::from_str(&serde_json::to_string_pretty(&r).unwrap()).unwrap();
    assert_eq!(back.fingerprint(), f);
    let mut changed = r.clone();
    changed.notes = "x".into();
    assert_ne!(changed.fingerprint(), f);
}

#[test]
fn unknown_json_fields_are_rejected() {
    let json = serde_json::to_value(valid_request()).unwrap();
    let mut extra = json.clone();
    extra["surprise"] = true.into();
    assert!(serde_json::from_value::<ConnectionRequest>(extra).is_err());
    let mut nested = json.clone();
    nested["services"][0]["channel"]["extra"] = "x".into();
    assert!(serde_json::from_value::<ConnectionRequest>(nested).is_err());
    let mut nested = json;
    nested["contacts"]["vertretung"]["fax"] = "x".into();
    assert!(serde_json::from_value::<ConnectionRequest>(nested).is_err());
}

#[test]
fn the_json_form_is_as_documented() {
    let json = serde_json::to_value(valid_request()).unwrap();
    assert_eq!(json["municipality"]["land"], "09");
    assert_eq!(json["municipality"]["kind"], "kreisfreie_stadt");
    assert_eq!(json["route"], "baykommun");
    assert_eq!(
        json["services"][0]["channel"],
        serde_json::json!({"kind": "osci-xta", "dvdv_key": "wgb096630000000"})
    );
    assert_eq!(json["prerequisites"]["zustellpunkt"]["status"], "in-arbeit");
}

#[test]
fn readiness_input_follows_the_request() {
    let r = valid_request();
    let input = r.readiness_input().unwrap();
    assert_eq!(input.land, efa_domain::land::Land::Bayern);
    assert_eq!(input.channels.get("test-wohngeld"), Some(&Channel::OsciXta));
    assert_eq!(
        input.statuses.get("datenschutzerklaerung"),
        Some(&PrereqStatus::Erledigt)
    );
    let readiness = evaluate(catalog(), &input);
    assert_eq!(readiness.route, RouteKind::BayKommun);
    assert!(
        ConnectionRequest::new("2026-01-01T00:00:00Z")
            .readiness_input()
            .is_none()
    );
}

#[test]
fn adopting_another_services_office_keeps_the_kind() {
    let r = valid_request();
    let from = r.services[0].authority.clone();
    let mut to = efa_domain::request::Authority {
        kind: "Ausländerbehörde".into(),
        name: "alt".into(),
        ..Default::default()
    };
    to.adopt(&from);
    assert_eq!(to.kind, "Ausländerbehörde");
    assert_eq!(
        (
            &to.name,
            &to.oe_id,
            &to.bkz,
            &to.address,
            &to.email,
            &to.phone
        ),
        (
            &from.name,
            &from.oe_id,
            &from.bkz,
            &from.address,
            &from.email,
            &from.phone
        )
    );
}
