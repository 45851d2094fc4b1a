//! The committed JSON Schema of the connection request is what the types generate.
//!
//! After changing the request types, regenerate it with
//! `UPDATE_SCHEMA=1 cargo test -p efa-domain --test request_schema` and commit the file.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use efa_domain::request::ConnectionRequest;
use serde_json::Value;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schema/connection-request.schema.json"
);

fn generated() -> String {
    let mut text = serde_json::to_string_pretty(&ConnectionRequest::json_schema()).unwrap();
    text.push('\n');
    text
}

#[test]
fn committed_schema_is_current() {
    let text = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(std::path::Path::new(PATH).parent().unwrap()).unwrap();
        std::fs::write(PATH, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_else(|e| {
        panic!("cannot read {PATH} ({e}); run with UPDATE_SCHEMA=1 to create it")
    });
    assert!(
        committed == text,
        "{PATH} is stale: run `UPDATE_SCHEMA=1 cargo test -p efa-domain --test request_schema` and commit it"
    );
}

#[test]
fn schema_describes_the_document() {
    let schema = ConnectionRequest::json_schema();
    assert_eq!(schema["title"], "ConnectionRequest");
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are refused"
    );
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for field in [
        "schema_version",
        "municipality",
        "contacts",
        "services",
        "prerequisites",
        "declarations",
        "created_at",
    ] {
        assert!(
            required.contains(&field),
            "{field} not required in {required:?}"
        );
    }
    let defs = &schema["$defs"];
    let lands: Vec<&str> = defs["Land"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(lands.len(), 16);
    assert_eq!(lands[8], "09");
    let routes = defs["RouteKind"]["enum"].as_array().unwrap();
    assert_eq!(routes.len(), 3);
    assert_eq!(defs["PrereqStatus"]["enum"].as_array().unwrap().len(), 4);
    let channel = serde_json::to_string(&defs["ChannelChoice"]).unwrap();
    for kind in ["fit-connect", "osci-xta", "pdf-download", "email"] {
        assert!(
            channel.contains(&format!("\"{kind}\"")),
            "{kind} missing in {channel}"
        );
    }
    assert_eq!(defs["Contact"]["additionalProperties"], false);
}

/// Every value the schema names as a Land, route or status deserialises into the request.
#[test]
fn schema_enums_match_serde() {
    let schema = ConnectionRequest::json_schema();
    let request = serde_json::to_value(support::valid_request()).unwrap();
    for land in schema["$defs"]["Land"]["enum"].as_array().unwrap() {
        let mut r = request.clone();
        r["municipality"]["land"] = land.clone();
        assert!(
            serde_json::from_value::<ConnectionRequest>(r).is_ok(),
            "{land}"
        );
    }
    for route in schema["$defs"]["RouteKind"]["enum"].as_array().unwrap() {
        let mut r = request.clone();
        r["route"] = route.clone();
        assert!(
            serde_json::from_value::<ConnectionRequest>(r).is_ok(),
            "{route}"
        );
    }
    for status in schema["$defs"]["PrereqStatus"]["enum"].as_array().unwrap() {
        let mut r = request.clone();
        r["prerequisites"]["zustellpunkt"]["status"] = status.clone();
        assert!(
            serde_json::from_value::<ConnectionRequest>(r).is_ok(),
            "{status}"
        );
    }
}
