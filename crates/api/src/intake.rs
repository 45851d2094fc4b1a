//! Everything that touches the domain crate: catalog and registry loading, parsing and
//! validating a submitted request, and field errors with the app's wording.
//!
//! The client is never trusted. A body goes through three stages, each reporting every
//! problem it finds:
//! 1. JSON syntax (400 with line and column),
//! 2. shape against the request's JSON Schema from the domain crate: unknown fields,
//!    missing fields, wrong types and unknown choices, all at once (422),
//! 3. the domain's own validation against catalog and registry (422).

use std::path::Path;

use axum::body::Bytes;
use efa_domain::catalog::Catalog;
use efa_domain::ident::Ags;
use efa_domain::messages::{ErrorCode, FieldError, Lang, message};
use efa_domain::registry::Registry;
use efa_domain::request::ConnectionRequest;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::problem::{FieldProblem, Problem};
use crate::startup::StartupError;
use crate::storage::ServiceRef;
use crate::token::sha256;

/// The catalog shipped with this build.
const SHIPPED_CATALOG: &str = include_str!("../../../public/catalog/efa-catalog.json");
/// The municipality registry shipped with this build (the same file the app loads).
const SHIPPED_REGISTRY: &str = include_str!("../../../public/data/registry.tsv");

/// Upper bound of reported shape errors, so a hostile body cannot make a huge answer.
const MAX_REPORTED_ERRORS: usize = 200;

/// The catalog in use, with the exact bytes served at `/api/v1/catalog`.
#[derive(Debug)]
pub struct LoadedCatalog {
    pub catalog: Catalog,
    pub raw: Bytes,
    /// Strong ETag over `raw`.
    pub etag: String,
}

impl LoadedCatalog {
    pub fn from_text(text: &str, source_name: &str) -> Result<LoadedCatalog, StartupError> {
        let catalog = Catalog::from_json(text).map_err(|errors| StartupError::Catalog {
            source_name: source_name.to_owned(),
            errors: errors.into_iter().map(|e| e.to_string()).collect(),
        })?;
        let digest = sha256(text.as_bytes());
        let etag = format!(
            "\"{}\"",
            base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, digest)
        );
        Ok(LoadedCatalog {
            catalog,
            raw: Bytes::copy_from_slice(text.as_bytes()),
            etag,
        })
    }
}

/// The catalog from `path`, or the shipped one. A file given at start must be valid;
/// every problem in it is reported.
pub fn load_catalog(path: Option<&Path>) -> Result<LoadedCatalog, StartupError> {
    match path {
        None => LoadedCatalog::from_text(SHIPPED_CATALOG, "shipped efa-catalog.json"),
        Some(p) => {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| StartupError::Catalog {
                source_name: name.clone(),
                errors: vec![format!("cannot read the file: {e}")],
            })?;
            LoadedCatalog::from_text(&text, &name)
        }
    }
}

pub fn load_registry() -> Result<Registry, StartupError> {
    Registry::parse(SHIPPED_REGISTRY).map_err(|e| StartupError::Registry(e.to_string()))
}

/// The request's JSON Schema as the domain crate generates it.
pub fn request_json_schema() -> Option<Value> {
    let schema = ConnectionRequest::json_schema();
    schema.is_object().then_some(schema)
}

// ── field errors ─────────────────────────────────────────────────────────────────────────

/// A field error with the app's German text and the English one.
pub fn field_problem(path: &str, code: ErrorCode) -> FieldProblem {
    FieldProblem {
        path: path.to_owned(),
        code: code.as_str().to_owned(),
        message: message(code, Lang::De).to_owned(),
        message_en: message(code, Lang::En).to_owned(),
    }
}

/// A shape error (unknown field, wrong type, …): only hand-made or hostile bodies have them.
fn api_problem(path: &str, code: ErrorCode) -> FieldProblem {
    field_problem(path, code)
}

fn from_domain(errors: Vec<FieldError>) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|e| field_problem(&e.path, e.code))
        .collect()
}

// ── parsing ──────────────────────────────────────────────────────────────────────────────

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
fn serde_problem(e: &serde_path_to_error::Error<serde_json::Error>) -> FieldProblem {
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

// ── shape check against the JSON Schema ──────────────────────────────────────────────────

struct ShapeChecker<'a> {
    root: &'a Value,
    errors: Vec<FieldProblem>,
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        _ => true,
    }
}

impl<'a> ShapeChecker<'a> {
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        // Bounded: a schema without cycles of pure references needs few steps.
        for _ in 0..16 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(pointer) = r.strip_prefix('#') else {
                break;
            };
            match self.root.pointer(pointer) {
                Some(target) => s = target,
                None => break,
            }
        }
        s
    }

    fn push(&mut self, p: FieldProblem) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(p);
        }
    }

    fn check(&mut self, schema: &'a Value, v: &Value, path: &str) {
        let schema = self.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return;
        };

        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = obj.get(key).and_then(Value::as_array) {
                self.check_branches(branches, v, path);
            }
        }
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            for s in all {
                self.check(s, v, path);
            }
        }
        if let Some(t) = obj.get("type") {
            let ok = match t {
                Value::String(t) => type_matches(t, v),
                Value::Array(ts) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|t| type_matches(t, v)),
                _ => true,
            };
            if !ok {
                self.push(api_problem(path, ErrorCode::InvalidType));
                return;
            }
        }
        if let Some(c) = obj.get("const")
            && c != v
        {
            self.push(api_problem(path, ErrorCode::InvalidValue));
            return;
        }
        if let Some(options) = obj.get("enum").and_then(Value::as_array)
            && !options.contains(v)
        {
            self.push(api_problem(path, ErrorCode::InvalidValue));
            return;
        }
        if let Some(n) = v.as_f64() {
            let below = obj
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m);
            let above = obj
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n > m);
            let too_big_u32 = obj.get("format").and_then(Value::as_str) == Some("uint32")
                && n > f64::from(u32::MAX);
            if below || above || too_big_u32 {
                self.push(api_problem(path, ErrorCode::InvalidValue));
            }
        }
        match v {
            Value::Object(map) => self.check_object(obj, map, path),
            Value::Array(items) => {
                if let Some(item_schema) = obj.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &format!("{path}[{i}]"));
                    }
                }
            }
            _ => {}
        }
    }

    fn check_object(
        &mut self,
        obj: &'a serde_json::Map<String, Value>,
        map: &serde_json::Map<String, Value>,
        path: &str,
    ) {
        let props = obj.get("properties").and_then(Value::as_object);
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    self.push(field_problem(&join_key(path, name), ErrorCode::Required));
                }
            }
        }
        let additional = obj.get("additionalProperties");
        for (k, child) in map {
            let child_path = join_key(path, k);
            match props.and_then(|p| p.get(k)) {
                Some(s) => self.check(s, child, &child_path),
                None => match additional {
                    Some(Value::Bool(false)) => {
                        self.push(api_problem(&child_path, ErrorCode::UnknownField))
                    }
                    Some(s @ Value::Object(_)) => self.check(s, child, &child_path),
                    _ => {}
                },
            }
        }
    }

    /// A value must match one of several shapes (an optional value, a tagged choice, an
    /// enumeration). If none fits: for a tagged choice the errors of the branch the tag
    /// names (or an error at the tag), otherwise the errors of the closest shape when they
    /// lie inside the value, or one error for the value itself.
    fn check_branches(&mut self, branches: &'a [Value], v: &Value, path: &str) {
        let mut results: Vec<(&'a Value, Vec<FieldProblem>)> = Vec::new();
        for b in branches {
            let b = self.resolve(b);
            let mut sub = ShapeChecker {
                root: self.root,
                errors: Vec::new(),
            };
            sub.check(b, v, path);
            if sub.errors.is_empty() {
                return;
            }
            results.push((b, sub.errors));
        }
        let tag_of = |b: &'a Value| -> Option<(&'a str, &'a Value)> {
            b.get("properties")?.as_object()?.iter().find_map(|(k, s)| {
                let c = self.resolve(s).get("const")?;
                Some((k.as_str(), c))
            })
        };
        if let Some((tag_key, _)) = results.first().and_then(|(b, _)| tag_of(b)) {
            let meant = results.iter().position(|(b, _)| {
                tag_of(b).is_some_and(|(k, c)| k == tag_key && v.get(tag_key) == Some(c))
            });
            if let Some(i) = meant {
                let errors = results.swap_remove(i).1;
                errors.into_iter().for_each(|e| self.push(e));
                return;
            }
            if v.is_object() {
                let p = join_key(path, tag_key);
                let code = if v.get(tag_key).is_some() {
                    ErrorCode::InvalidValue
                } else {
                    ErrorCode::Required
                };
                self.push(field_problem(&p, code));
                return;
            }
        }
        let best = results.into_iter().min_by_key(|(_, e)| e.len());
        match best {
            Some((_, errors)) if errors.len() == 1 || errors.iter().all(|e| e.path != path) => {
                errors.into_iter().for_each(|e| self.push(e));
            }
            _ => self.push(api_problem(path, ErrorCode::InvalidType)),
        }
    }
}

/// Every shape error of `value` against `schema` (unknown, missing and mistyped fields).
pub fn shape_errors(schema: &Value, value: &Value) -> Vec<FieldProblem> {
    let mut c = ShapeChecker {
        root: schema,
        errors: Vec::new(),
    };
    c.check(schema, value, "");
    c.errors
}

// ── submission ───────────────────────────────────────────────────────────────────────────

/// A validated request and what the store needs from it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub land: efa_domain::land::Land,
    pub ags: String,
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub schema_version: i64,
    pub document: String,
    /// The document's short fingerprint, as its PDF prints it.
    pub fingerprint: String,
    /// The Funktionspostfach, where confirmation and status mails go.
    pub mail_to: String,
}

/// Validates a submission completely; `value` is `bytes` already parsed.
pub fn prepare(
    bytes: &[u8],
    value: &Value,
    schema: &Value,
    catalog: &LoadedCatalog,
    registry: &Registry,
) -> Result<Prepared, Problem> {
    let shape = shape_errors(schema, value);
    if !shape.is_empty() {
        return Err(Problem::validation(shape));
    }
    // Deserialised from the bytes rather than the parsed value so that duplicate keys,
    // which a JSON value silently collapses, are caught.
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let request: ConnectionRequest = serde_path_to_error::deserialize(de)
        .map_err(|e| Problem::validation(vec![serde_problem(&e)]))?;
    request
        .validate(&catalog.catalog, registry)
        .map_err(|e| Problem::validation(from_domain(e)))?;

    // After validation the AGS is in the registry and ARS, name and Land agree with it;
    // the registry is still the source of what is stored.
    // A Gemeindeverband (schema version 2) is named by its ARS alone.
    let entry = match Ags::parse(&request.municipality.ags) {
        Ok(ags) => registry.by_ags(&ags),
        Err(_) => efa_domain::ident::Ars::parse(&request.municipality.ars)
            .ok()
            .and_then(|ars| registry.by_ars(&ars))
            .filter(|e| e.is_gemeindeverband()),
    };
    let Some(entry) = entry else {
        return Err(Problem::validation(vec![field_problem(
            "municipality.ags",
            ErrorCode::AgsNotInRegistry,
        )]));
    };
    let services = request
        .services
        .iter()
        .map(|s| ServiceRef {
            id: s.service_id.clone(),
            name: catalog
                .catalog
                .service(&s.service_id)
                .map_or_else(|| s.service_id.clone(), |c| c.name.clone()),
        })
        .collect();
    let document = serde_json::to_string(&request).map_err(|_| Problem::internal())?;
    Ok(Prepared {
        land: entry.land(),
        // Stored empty for a Gemeindeverband, which has no AGS.
        ags: entry.ags().map(ToString::to_string).unwrap_or_default(),
        ars: entry.ars().to_string(),
        municipality_name: entry.name().to_owned(),
        services,
        schema_version: i64::from(request.schema_version),
        document,
        fingerprint: request.fingerprint(),
        mail_to: request.contacts.funktionspostfach.trim().to_owned(),
    })
}
