//! Every catalog check, table-driven: a small valid catalog is broken in one way and the
//! exact problem (and its operator message) is expected.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use efa_domain::catalog::{Catalog, CatalogError, Entry};
use serde_json::{Value, json};

fn service(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Testdienst",
        "description": "Beschreibung",
        "offer_type": "efa-service",
        "ozg_leistung": null,
        "ozg_id": null,
        "themenfeld": null,
        "provider": { "federfuehrendes_land": null, "umsetzendes_land": null, "text": null },
        "platform": null,
        "leika": null,
        "responsible_levels": null,
        "responsible_authority": null,
        "channels": null,
        "basis_components": null,
        "data_standard": null,
        "questionnaire": null,
        "availability": { "bayern": null, "nrw": null },
        "prerequisites": [],
        "notes": [],
        "sources": ["https://example.org/quelle"]
    })
}

fn prerequisite(id: &str, depends_on: &[&str]) -> Value {
    json!({
        "id": id,
        "title": "Titel",
        "explanation": "Erklärung",
        "category": "technisch",
        "how_to": "Anleitung",
        "official_link": null,
        "applies_if": { "routes": [], "kinds": [], "channels": [], "services": [] },
        "depends_on": depends_on,
        "evidence": [ { "id": "datum", "label": "Datum", "kind": "date", "optional": false } ],
        "sources": ["https://example.org/quelle"]
    })
}

/// Valid: service `s1` needs `b`, which depends on `a`; `a` is common.
fn base() -> Value {
    let mut s1 = service("s1");
    s1["prerequisites"] = json!(["b"]);
    json!({
        "schema_version": 1,
        "catalog_version": "test",
        "common_prerequisites": ["a"],
        "services": [s1],
        "prerequisites": [prerequisite("a", &[]), prerequisite("b", &["a"])]
    })
}

fn load(v: &Value) -> Result<Catalog, efa_domain::catalog::CatalogErrors> {
    Catalog::from_json(&v.to_string())
}

#[test]
fn base_fixture_is_valid() {
    let catalog = load(&base()).unwrap();
    assert_eq!(catalog.services().len(), 1);
    assert_eq!(catalog.prerequisites().len(), 2);
}

type Mutation = fn(&mut Value);

/// (name, mutation, expected operator messages in order)
fn cases() -> Vec<(&'static str, Mutation, Vec<&'static str>)> {
    vec![
        (
            "duplicate service",
            |v| {
                let s = service("s1");
                v["services"].as_array_mut().unwrap().push(s);
            },
            vec!["service `s1` is defined more than once"],
        ),
        (
            "duplicate prerequisite",
            |v| {
                let p = prerequisite("a", &[]);
                v["prerequisites"].as_array_mut().unwrap().push(p);
            },
            vec!["prerequisite `a` is defined more than once"],
        ),
        (
            "unknown prerequisite of a service",
            |v| v["services"][0]["prerequisites"] = json!(["b", "foo"]),
            vec!["service `s1`: unknown prerequisite `foo`"],
        ),
        (
            "unknown common prerequisite",
            |v| v["common_prerequisites"] = json!(["a", "foo"]),
            vec!["common_prerequisites: unknown prerequisite `foo`"],
        ),
        (
            "dangling depends_on",
            |v| v["prerequisites"][1]["depends_on"] = json!(["a", "foo"]),
            vec!["prerequisite `b`: depends_on names unknown prerequisite `foo`"],
        ),
        (
            "unknown service in a condition",
            |v| v["prerequisites"][0]["applies_if"]["services"] = json!(["nope"]),
            vec!["prerequisite `a`: applies_if names unknown service `nope`"],
        ),
        (
            "two-step cycle",
            |v| v["prerequisites"][0]["depends_on"] = json!(["b"]),
            vec!["prerequisite `a`: dependency cycle a -> b -> a"],
        ),
        (
            "self dependency",
            |v| v["prerequisites"][0]["depends_on"] = json!(["a"]),
            vec!["prerequisite `a`: dependency cycle a -> a"],
        ),
        (
            "three-step cycle",
            |v| {
                v["prerequisites"]
                    .as_array_mut()
                    .unwrap()
                    .push(prerequisite("c", &["b"]));
                v["prerequisites"][0]["depends_on"] = json!(["c"]);
            },
            vec!["prerequisite `a`: dependency cycle a -> c -> b -> a"],
        ),
        (
            "unknown field in a service",
            |v| v["services"][0]["foo"] = json!(1),
            vec!["service `s1`: unknown field `foo`"],
        ),
        (
            "unknown field nested in a service",
            |v| v["services"][0]["provider"]["land"] = json!("09"),
            vec!["service `s1`: unknown field `land`"],
        ),
        (
            "unknown field in a prerequisite's evidence",
            |v| v["prerequisites"][1]["evidence"][0]["required"] = json!(true),
            vec!["prerequisite `b`: unknown field `required`"],
        ),
        (
            "unknown field in a condition",
            |v| v["prerequisites"][0]["applies_if"]["route"] = json!([]),
            vec!["prerequisite `a`: unknown field `route`"],
        ),
        (
            "unknown top-level field",
            |v| v["extra"] = json!(true),
            vec!["catalog: unknown field `extra`"],
        ),
        (
            "unknown fact left out instead of null",
            |v| {
                v["services"][0].as_object_mut().unwrap().remove("leika");
            },
            vec!["service `s1`: missing field `leika`"],
        ),
        (
            "nested unknown fact left out",
            |v| {
                v["services"][0]["availability"]
                    .as_object_mut()
                    .unwrap()
                    .remove("nrw");
            },
            vec!["service `s1`: missing field `nrw`"],
        ),
        (
            "entry without id is named by position",
            |v| {
                v["services"][0].as_object_mut().unwrap().remove("id");
            },
            vec!["service #0: missing field `id`"],
        ),
        (
            "unknown enum value",
            |v| v["services"][0]["offer_type"] = json!("fax-service"),
            vec!["service `s1`: unknown variant `fax-service`"],
        ),
        (
            "wrong type",
            |v| v["services"][0]["channels"] = json!("fit-connect"),
            vec!["service `s1`: invalid type: string \"fit-connect\""],
        ),
        (
            "id not kebab-case",
            |v| v["services"][0]["id"] = json!("S_1"),
            vec!["service `S_1`: id `S_1` must be kebab-case (a-z, 0-9, single hyphens)"],
        ),
        (
            "malformed Leika key",
            |v| v["services"][0]["leika"] = json!([{ "key": "9911500510400", "label": null }]),
            vec!["service `s1`: Leika key `9911500510400` must be exactly 14 digits"],
        ),
        (
            "duplicate Leika key",
            |v| {
                v["services"][0]["leika"] = json!([
                    { "key": "99115005104000", "label": null },
                    { "key": "99115005104000", "label": "doppelt" }
                ])
            },
            vec!["service `s1`: Leika key `99115005104000` is listed more than once"],
        ),
        (
            "no source",
            |v| v["services"][0]["sources"] = json!([]),
            vec!["service `s1`: `sources` needs at least one source URL"],
        ),
        (
            "source is no URL",
            |v| v["prerequisites"][0]["sources"] = json!(["www.example.org"]),
            vec!["prerequisite `a`: `sources` value `www.example.org` is not an http(s) URL"],
        ),
        (
            "availability evidence without source",
            |v| {
                v["services"][0]["availability"]["bayern"] =
                    json!({ "status": "available", "text": "Ja", "sources": [] })
            },
            vec!["service `s1`: `availability.bayern` needs at least one source URL"],
        ),
        (
            "DVDV category on FIT-Connect",
            |v| {
                v["services"][0]["channels"] =
                    json!([{ "channel": "fit-connect", "dvdv_categories": ["wgb"], "note": null }])
            },
            vec![
                "service `s1`: dvdv_categories only apply to channel `osci-xta`, not `fit-connect`",
            ],
        ),
        (
            "duplicate channel",
            |v| {
                v["services"][0]["channels"] = json!([
                    { "channel": "osci-xta", "dvdv_categories": null, "note": null },
                    { "channel": "osci-xta", "dvdv_categories": ["wgb"], "note": null }
                ])
            },
            vec!["service `s1`: channel `osci-xta` is listed more than once"],
        ),
        (
            "duplicate evidence field",
            |v| {
                let field = v["prerequisites"][0]["evidence"][0].clone();
                v["prerequisites"][0]["evidence"]
                    .as_array_mut()
                    .unwrap()
                    .push(field);
            },
            vec!["prerequisite `a`: evidence field `datum` is defined more than once"],
        ),
        (
            "evidence id not kebab-case",
            |v| v["prerequisites"][0]["evidence"][0]["id"] = json!("Datum"),
            vec![
                "prerequisite `a`: evidence field id `Datum` must be kebab-case (a-z, 0-9, single hyphens)",
            ],
        ),
        (
            "empty name",
            |v| v["services"][0]["name"] = json!("  "),
            vec!["service `s1`: `name` must not be empty"],
        ),
        (
            "empty string instead of null",
            |v| v["services"][0]["ozg_leistung"] = json!(""),
            vec!["service `s1`: `ozg_leistung` must not be empty"],
        ),
        (
            "empty catalog version",
            |v| v["catalog_version"] = json!(""),
            vec!["catalog: `catalog_version` must not be empty"],
        ),
        (
            "official link is no URL",
            |v| v["prerequisites"][0]["official_link"] = json!("siehe Handbuch"),
            vec!["prerequisite `a`: `official_link` value `siehe Handbuch` is not an http(s) URL"],
        ),
        (
            "prerequisite listed twice",
            |v| v["services"][0]["prerequisites"] = json!(["b", "b"]),
            vec!["service `s1`: `b` is listed more than once in `prerequisites`"],
        ),
        (
            "unsupported schema version",
            |v| v["schema_version"] = json!(7),
            vec!["catalog: schema_version 7 is not supported (this build reads 1)"],
        ),
    ]
}

#[test]
fn each_broken_catalog_reports_the_precise_problem() {
    for (name, mutate, expected) in cases() {
        let mut v = base();
        mutate(&mut v);
        let errors = match load(&v) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => e,
        };
        let messages: Vec<String> = errors.errors().iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), expected.len(), "{name}: got {messages:#?}");
        for (message, expected) in messages.iter().zip(&expected) {
            assert!(
                message.starts_with(expected),
                "{name}: expected `{expected}`, got `{message}`"
            );
        }
    }
}

#[test]
fn errors_are_data_naming_the_entry() {
    let mut v = base();
    v["services"][0]["prerequisites"] = json!(["foo"]);
    v["prerequisites"][1]["depends_on"] = json!(["bar"]);
    let errors = load(&v).unwrap_err();
    assert_eq!(
        errors.errors(),
        &[
            CatalogError::UnknownPrerequisite {
                entry: Entry::Service("s1".into()),
                prerequisite: "foo".into()
            },
            CatalogError::UnknownDependency {
                prerequisite: "b".into(),
                depends_on: "bar".into()
            },
        ]
    );
    assert_eq!(errors.errors()[0].entry(), Entry::Service("s1".into()));
    assert_eq!(errors.errors()[1].entry(), Entry::Prerequisite("b".into()));
    // Several problems are listed one per line for the operator.
    assert_eq!(
        errors.to_string(),
        "the catalog has 2 problems:\n\
         - service `s1`: unknown prerequisite `foo`\n\
         - prerequisite `b`: depends_on names unknown prerequisite `bar`"
    );
}

#[test]
fn all_shape_problems_are_collected_before_giving_up() {
    let mut v = base();
    v["services"][0]["foo"] = json!(1);
    v["prerequisites"][0]["bar"] = json!(2);
    let errors = load(&v).unwrap_err();
    let entries: Vec<Entry> = errors.errors().iter().map(CatalogError::entry).collect();
    assert_eq!(
        entries,
        vec![Entry::Service("s1".into()), Entry::Prerequisite("a".into())]
    );
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let errors = Catalog::from_json("{\"schema_version\": 1,,}").unwrap_err();
    match &errors.errors()[0] {
        CatalogError::Syntax { line, column, .. } => {
            assert_eq!((*line, *column), (1, 22));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        errors
            .to_string()
            .starts_with("invalid JSON at line 1, column 22: ")
    );
}

#[test]
fn errors_serialise_for_the_api() {
    let mut v = base();
    v["services"][0]["prerequisites"] = json!(["foo"]);
    let errors = load(&v).unwrap_err();
    let json = serde_json::to_value(&errors).unwrap();
    assert_eq!(
        json,
        json!([{
            "error": "unknown-prerequisite",
            "entry": { "type": "service", "id": "s1" },
            "prerequisite": "foo"
        }])
    );
}

#[test]
fn deserialising_a_catalog_with_serde_validates_too() {
    let mut v = base();
    v["prerequisites"][0]["depends_on"] = json!(["b"]);
    let err = serde_json::from_value::<Catalog>(v).unwrap_err();
    assert!(
        err.to_string().contains("dependency cycle a -> b -> a"),
        "{err}"
    );
    let ok: Catalog = serde_json::from_value(base()).unwrap();
    assert_eq!(ok, load(&base()).unwrap());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Catalog::from_json(&deep).is_err());
}

#[test]
fn condition_lists_may_be_omitted() {
    let mut v = base();
    v["prerequisites"][0]["applies_if"] = json!({});
    let catalog = load(&v).unwrap();
    assert!(catalog.prerequisites()[0].applies_if.is_always());
}
