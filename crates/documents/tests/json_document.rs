//! The Anschlussantrag as JSON: valid against the committed schema, exactly the request,
//! and carrying the same fingerprint as the PDFs.

mod support;

use efa_documents::{DocumentKind, Generation, Submission, anschlussantrag_json, generate};
use efa_domain::request::ConnectionRequest;
use sha2::{Digest, Sha256};
use support::{GENERATED_AT, catalog};

const SCHEMA: &str = include_str!("../../domain/schema/connection-request.schema.json");

fn requests() -> Vec<ConnectionRequest> {
    vec![
        support::wuerzburg(),
        support::mettmann(),
        support::many_services(50).1,
        ConnectionRequest::new(GENERATED_AT),
    ]
}

#[test]
fn the_json_is_valid_against_the_committed_schema() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for r in requests() {
        let doc = anschlussantrag_json(&r, &Generation::draft(GENERATED_AT)).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&doc.bytes).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", r.municipality.name);
    }
    // The validator does reject what the schema forbids.
    let mut value = serde_json::to_value(support::wuerzburg()).unwrap();
    value["unexpected"] = serde_json::json!(true);
    assert!(!validator.is_valid(&value));
}

/// The JSON text without the whitespace between tokens, keeping the file's key order.
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn anyone_can_recompute_the_fingerprint_from_the_file() {
    for r in requests() {
        let doc = anschlussantrag_json(&r, &Generation::draft(GENERATED_AT)).unwrap();
        let text = String::from_utf8(doc.bytes.clone()).unwrap();
        // Exactly the request: reading it back gives the same request and fingerprint.
        let back: ConnectionRequest = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
        assert_eq!(doc.fingerprint, r.fingerprint());
        assert_eq!(back.fingerprint(), r.fingerprint());
        // Without any Rust: hash the file's compact form.
        let digest = Sha256::digest(minify(&text).as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, r.fingerprint());
        assert!(text.ends_with("}\n"));
    }
}

#[test]
fn final_documents_from_the_submitted_body_keep_the_fingerprint() {
    // The app sends `serde_json::to_string(&request)` and later generates the final
    // documents from exactly that body.
    let r = support::wuerzburg();
    let body = serde_json::to_string(&r).unwrap();
    let sent: ConnectionRequest = serde_json::from_str(&body).unwrap();
    let s = Submission {
        reference: "BY-2026-000042".into(),
        received_at: "2026-03-02T09:31:00Z".into(),
        version: 1,
    };
    let g = Generation::submitted(GENERATED_AT, &s);
    for kind in DocumentKind::ALL {
        let doc = generate(kind, &sent, catalog(), &g).unwrap();
        assert_eq!(doc.fingerprint, r.fingerprint(), "{kind:?}");
        assert_eq!(doc.kind, kind);
        assert!(!doc.file_name.contains("Entwurf"));
    }
    let json = generate(DocumentKind::AnschlussantragJson, &sent, catalog(), &g).unwrap();
    assert_eq!(json.file_name, "Anschlussantrag_Wuerzburg_2026-03-02.json");
    assert_eq!(json.mime(), "application/json");
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(
        value,
        serde_json::from_str::<serde_json::Value>(&body).unwrap()
    );
}
