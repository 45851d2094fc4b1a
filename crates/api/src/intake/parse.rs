//! Stage 1 of the intake, also used for the operators' small JSON bodies: JSON syntax,
//! the canonical fingerprint that recognises a retried submission, and serde errors as
//! field errors.

use efa_domain::messages::ErrorCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::fields::{api_problem, field_problem};
use crate::problem::{FieldProblem, Problem};
use crate::token::sha256;

/// Parses the body as JSON; syntax errors are a 400 naming line and column.
pub fn parse_value(bytes: &[u8]) -> Result<Value, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::malformed_json(
            "Der Inhalt der Anfrage ist leer; erwartet wird ein JSON-Objekt.",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_eof() {
            "der Inhalt endet vorzeitig"
        } else if e.to_string().contains("recursion limit") {
            "zu tief verschachtelt"
        } else if std::str::from_utf8(bytes).is_err() {
            "kein gültiges UTF-8"
        } else {
            "Syntaxfehler"
        };
        Problem::malformed_json(format!(
            "Der Inhalt ist kein gültiges JSON: {what} (Zeile {}, Spalte {}).",
            e.line(),
            e.column()
        ))
    })
}

fn canonical_into(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(child) = map.get(k) {
                    canonical_into(child, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_into(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// SHA-256 of the canonical form (sorted keys, no insignificant whitespace), so that a
/// retry that re-serialises the same document differently still counts as the same body.
pub fn fingerprint(value: &Value) -> [u8; 32] {
    let mut s = String::new();
    canonical_into(value, &mut s);
    sha256(s.as_bytes())
}

/// Maps a serde error (with its path) to one field error.
pub(super) fn serde_problem(e: &serde_path_to_error::Error<serde_json::Error>) -> FieldProblem {
    let base = e.path().to_string();
    let base = if base == "." { String::new() } else { base };
    let join = |name: &str| {
        if base.is_empty() {
            name.to_owned()
        } else {
            format!("{base}.{name}")
        }
    };
    let text = e.inner().to_string();
    let quoted = text.split('`').nth(1).unwrap_or("");
    if text.starts_with("missing field") {
        field_problem(&join(quoted), ErrorCode::Required)
    } else if text.starts_with("unknown field") {
        // serde_path_to_error already includes the unknown key in the path.
        api_problem(
            &if base.ends_with(quoted) {
                base.clone()
            } else {
                join(quoted)
            },
            ErrorCode::UnknownField,
        )
    } else if text.starts_with("duplicate field") {
        api_problem(&join(quoted), ErrorCode::DuplicateField)
    } else if text.starts_with("invalid type") {
        api_problem(&base, ErrorCode::InvalidType)
    } else {
        api_problem(&base, ErrorCode::InvalidValue)
    }
}

/// Parses a small JSON body into `T`: 400 for syntax, 422 for shape.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    parse_value(bytes)?;
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| Problem::validation(vec![serde_problem(&e)]))
}
