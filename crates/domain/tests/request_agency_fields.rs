//! Schema version 3: what an agency needs per service (domain.md §6.9). The area of
//! responsibility of each Organisationseinheit, a contact at the Fachverfahren's vendor,
//! the embedding, and the Leitweg-ID where the route's agency asks for it. Older
//! documents stay valid without them and keep their bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use efa_domain::messages::{ErrorCode as E, WarningCode};
use efa_domain::request::{
    ConnectionRequest, Contact, Embedding, EmbeddingMode, LEGACY_LEITWEG_EVIDENCE,
    PrerequisiteRecord, join_entries, split_entries,
};
use support::{catalog, registry, valid_request};

fn errors(r: &ConnectionRequest) -> Vec<(String, E)> {
    r.check(catalog(), registry())
        .errors
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect()
}

fn warnings(r: &ConnectionRequest) -> Vec<(String, WarningCode)> {
    r.check(catalog(), registry())
        .warnings
        .into_iter()
        .map(|w| (w.path, w.code))
        .collect()
}

/// The problems a row of a table expects: (field below the row's path, code).
type Expected = &'static [(&'static str, E)];

fn with_area(area: &[&str]) -> ConnectionRequest {
    let mut r = valid_request();
    r.services[0].authority.area = area.iter().map(|s| s.to_string()).collect();
    r
}

#[test]
fn the_area_is_ars_of_the_registry_or_plz() {
    const PATH: &str = "services[0].authority.area";
    let table: &[(&[&str], Option<E>)] = &[
        // Real entries: Stadt Würzburg, Samtgemeinde Bersenbrück, Verbandsgemeinde Altenahr,
        // Amt Marne-Nordsee (SH), Halle (Saale), Landkreis Würzburg.
        (&["096630000000"], None),
        (&["034595402000"], None),
        (&["071315002000"], None),
        (&["010515166000"], None),
        (&["150020000000"], None),
        (&["096790000000", "97070", "97072"], None),
        (&["97070"], None),
        // A trailing separator while typing leaves a blank entry, which is ignored.
        (&["097070", ""], Some(E::AreaEntryInvalid)),
        (&["97070", ""], None),
        (&[], Some(E::Required)),
        (&["", "  "], Some(E::Required)),
        (&["1234"], Some(E::AreaEntryInvalid)),
        (&["97O70"], Some(E::AreaEntryInvalid)),
        (&["Würzburg"], Some(E::AreaEntryInvalid)),
        (&["09663000"], Some(E::AreaEntryInvalid)),
        (&["099999999999"], Some(E::AreaNotInRegistry)),
        (&["171234567890"], Some(E::AreaEntryInvalid)),
    ];
    for (area, expected) in table {
        let got = errors(&with_area(area));
        let want: Vec<(String, E)> = expected.iter().map(|c| (PATH.to_owned(), *c)).collect();
        assert_eq!(got, want, "{area:?}");
    }
    let many: Vec<String> = (0..=efa_domain::request::MAX_LIST)
        .map(|_| "97070".into())
        .collect();
    let mut r = valid_request();
    r.services[0].authority.area = many;
    assert_eq!(errors(&r), [(PATH.to_owned(), E::TooManyItems)]);
}

#[test]
fn typed_lists_split_at_commas_semicolons_and_spaces_and_read_back_as_typed() {
    let table: &[(&str, &[&str], &str)] = &[
        ("", &[], ""),
        ("97070", &["97070"], "97070"),
        ("97070,", &["97070", ""], "97070, "),
        ("97070, ", &["97070", ""], "97070, "),
        ("97070 97072", &["97070", "97072"], "97070, 97072"),
        (
            "97070;97072,,  97074",
            &["97070", "97072", "97074"],
            "97070, 97072, 97074",
        ),
        (
            " www.wuerzburg.de ",
            &["www.wuerzburg.de", ""],
            "www.wuerzburg.de, ",
        ),
    ];
    for (typed, entries, shown) in table {
        let list = split_entries(typed);
        assert_eq!(list, *entries, "{typed:?}");
        assert_eq!(join_entries(&list), *shown, "{typed:?}");
        // What the field shows splits into the same entries: no jumping under the cursor.
        assert_eq!(split_entries(shown), list, "{typed:?}");
    }
}

#[test]
fn the_vendor_contact_is_required_where_the_channel_delivers_into_a_fachverfahren() {
    // services[0] uses OSCI/XTA, services[1] the PDF download.
    let table: &[(usize, Contact, Expected)] = &[
        (
            0,
            Contact::default(),
            &[("name", E::Required), ("email", E::Required)],
        ),
        (
            0,
            Contact {
                name: "Vera Vertrieb".into(),
                email: "vera@".into(),
                phone: "12".into(),
                ..Contact::default()
            },
            &[("email", E::EmailInvalid), ("phone", E::PhoneTooShort)],
        ),
        (
            0,
            Contact {
                name: "Vera Vertrieb".into(),
                email: "vera.vertrieb@beispiel-gmbh.de".into(),
                ..Contact::default()
            },
            &[],
        ),
        (1, Contact::default(), &[]),
        (
            1,
            Contact {
                email: "kein-at".into(),
                ..Contact::default()
            },
            &[("email", E::EmailInvalid)],
        ),
    ];
    for (i, contact, expected) in table {
        let mut r = valid_request();
        r.services[*i].vendor_contact = contact.clone();
        let want: Vec<(String, E)> = expected
            .iter()
            .map(|(f, c)| (format!("services[{i}].vendor_contact.{f}"), *c))
            .collect();
        assert_eq!(errors(&r), want, "{i} {contact:?}");
    }
}

#[test]
fn the_embedding_needs_a_mode_and_for_snippet_and_extension_the_domains() {
    let table: &[(Option<EmbeddingMode>, &[&str], Expected)] = &[
        (None, &[], &[("mode", E::Required)]),
        (Some(EmbeddingMode::Link), &[], &[]),
        (
            Some(EmbeddingMode::Snippet),
            &[],
            &[("domains", E::Required)],
        ),
        (
            Some(EmbeddingMode::Extension),
            &[""],
            &[("domains", E::Required)],
        ),
        (
            Some(EmbeddingMode::Snippet),
            &["www.wuerzburg.de", "service.wuerzburg.de"],
            &[],
        ),
        (
            Some(EmbeddingMode::Snippet),
            &["https://www.wuerzburg.de"],
            &[("domains", E::HostNameInvalid)],
        ),
        (
            Some(EmbeddingMode::Extension),
            &["www.wuerzburg.de/buergerservice"],
            &[("domains", E::HostNameInvalid)],
        ),
        (
            Some(EmbeddingMode::Link),
            &["localhost"],
            &[("domains", E::HostNameInvalid)],
        ),
    ];
    for (mode, domains, expected) in table {
        let mut r = valid_request();
        r.services[0].embedding = Embedding {
            mode: *mode,
            domains: domains.iter().map(|d| d.to_string()).collect(),
        };
        let want: Vec<(String, E)> = expected
            .iter()
            .map(|(f, c)| (format!("services[0].embedding.{f}"), *c))
            .collect();
        assert_eq!(errors(&r), want, "{mode:?} {domains:?}");
    }
}

#[test]
fn the_leitweg_id_is_checked_and_missed_only_where_the_route_asks() {
    // (registry key, Leitweg-ID, error, warned)
    let table: &[(&str, &str, Option<E>, bool)] = &[
        // Bayern (BayKommun) and NRW (d-NRW) do not ask for it.
        ("09663000", "", None, false),
        ("05315000", "", None, false),
        // Niedersachsen (EfA-Marktplatz) asks; missing is a warning, never a blocker.
        ("034595402000", "", None, true),
        ("034595402000", "04011000-1234512345-06", None, false),
        (
            "034595402000",
            "04011000-1234512345-07",
            Some(E::LeitwegCheckDigits),
            false,
        ),
        // Schleswig-Holstein's Kommunen use the OZG-Shop, which does not ask.
        ("010515166000", "", None, false),
        // Given anyway in Bayern: checked all the same.
        ("09663000", "991-33333TEST-33", None, false),
    ];
    for (key, leitweg, error, warned) in table {
        let mut r = valid_request();
        r.set_municipality(registry().find_key(key).unwrap());
        r.municipality.leitweg_id = leitweg.to_string();
        let want: Vec<(String, E)> = error
            .iter()
            .map(|c| ("municipality.leitweg_id".to_owned(), *c))
            .collect();
        assert_eq!(errors(&r), want, "{key} {leitweg}");
        let missing = warnings(&r).contains(&(
            "municipality.leitweg_id".to_owned(),
            WarningCode::LeitwegIdMissing,
        ));
        assert_eq!(missing, *warned, "{key} {leitweg}");
    }
}

/// A document of version 1 or 2 has none of the new fields: it stays valid, serialises
/// to the same bytes (so its fingerprint does not change) and keeps a Leitweg-ID it
/// carried as EfA-Marktplatz evidence.
#[test]
fn older_versions_stay_valid_and_keep_their_bytes() {
    let mut r = valid_request();
    r.set_municipality(registry().find_key("034595402000").unwrap());
    for s in &mut r.services {
        s.authority.area.clear();
        s.vendor_contact = Contact::default();
        s.embedding = Embedding::default();
    }
    let v3_errors = errors(&r);
    assert!(
        v3_errors
            .iter()
            .any(|(p, c)| p == "services[0].authority.area" && *c == E::Required)
    );
    assert!(
        v3_errors
            .iter()
            .any(|(p, c)| p == "services[0].embedding.mode" && *c == E::Required)
    );
    r.schema_version = 2;
    assert_eq!(errors(&r), vec![]);
    // No field of version 3 is written.
    let json = serde_json::to_string(&r).unwrap();
    for field in [
        "\"area\"",
        "\"vendor_contact\"",
        "\"embedding\"",
        "\"leitweg_id\"",
    ] {
        assert!(!json.contains(field), "{field} in {json}");
    }
    let back: ConnectionRequest = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    assert_eq!(back.fingerprint(), r.fingerprint());

    // The Leitweg-ID as evidence of the EfA-Marktplatz prerequisite, as version 2 kept it.
    let (prerequisite, field) = LEGACY_LEITWEG_EVIDENCE;
    let mut legacy = r.clone();
    legacy.prerequisites.insert(
        prerequisite.into(),
        PrerequisiteRecord {
            evidence: [(field.to_string(), "04011000-1234512345-06".to_string())].into(),
            ..PrerequisiteRecord::default()
        },
    );
    // Checked against the shipped catalog, whose EfA-Marktplatz prerequisite no longer
    // has the field: accepted (and checked) before version 3, unknown from version 3.
    let shipped = efa_domain::catalog::Catalog::from_json(include_str!(
        "../../../public/catalog/efa-catalog.json"
    ))
    .unwrap();
    let found = |r: &ConnectionRequest| {
        r.check(&shipped, registry())
            .errors
            .into_iter()
            .filter(|e| e.path.starts_with("prerequisites.marktplatz-zugang"))
            .map(|e| (e.path, e.code))
            .collect::<Vec<_>>()
    };
    let path = format!("prerequisites.{prerequisite}.evidence.{field}");
    assert_eq!(found(&legacy), []);
    assert_eq!(legacy.leitweg_id(), "04011000-1234512345-06");
    let mut wrong = legacy.clone();
    wrong
        .prerequisites
        .get_mut(prerequisite)
        .unwrap()
        .evidence
        .insert(field.into(), "04011000-1234512345-07".into());
    assert_eq!(found(&wrong), [(path.clone(), E::LeitwegCheckDigits)]);
    let mut current = legacy.clone();
    current.schema_version = efa_domain::SCHEMA_VERSION;
    assert_eq!(found(&current), [(path, E::UnknownEvidenceField)]);

    // A draft moves up: the value goes to its own field.
    let mut draft = legacy.clone();
    draft.upgrade();
    assert_eq!(draft.schema_version, efa_domain::SCHEMA_VERSION);
    assert_eq!(draft.municipality.leitweg_id, "04011000-1234512345-06");
    assert_eq!(draft.leitweg_id(), "04011000-1234512345-06");
    assert!(draft.prerequisites[prerequisite].evidence.is_empty());
}

#[test]
fn a_new_service_suggests_the_municipalitys_area_and_follows_a_change_of_municipality() {
    let mut r = ConnectionRequest::new("2026-03-02T09:00:00Z");
    r.add_service("test-wohngeld");
    assert!(r.services[0].authority.area.is_empty());
    r.set_municipality(registry().find_key("09663000").unwrap());
    assert_eq!(r.services[0].authority.area, ["096630000000"]);
    r.add_service("test-pdf");
    r.add_service("test-pdf");
    assert_eq!(r.services.len(), 2);
    assert_eq!(r.services[1].authority.area, ["096630000000"]);
    // A typed area stays; the suggestion follows the new municipality.
    r.services[1].authority.area = vec!["97070".into()];
    r.set_municipality(registry().find_key("034595402000").unwrap());
    assert_eq!(r.services[0].authority.area, ["034595402000"]);
    assert_eq!(r.services[1].authority.area, ["97070"]);
}

#[test]
fn adopting_an_office_takes_its_area() {
    let r = with_area(&["096790000000", "97070"]);
    let mut to = r.services[1].authority.clone();
    to.area.clear();
    to.adopt(&r.services[0].authority);
    assert_eq!(to.area, ["096790000000", "97070"]);
}
