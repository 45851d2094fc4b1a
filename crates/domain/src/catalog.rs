//! The service catalog: EfA online services and the prerequisites of connecting to them.
//!
//! The catalog is data, not code. It ships as `public/catalog/efa-catalog.json`, an
//! operator can edit it without recompiling, and [`Catalog::from_json`] reads and checks
//! it. The library does no IO: callers pass the file's text.
//!
//! # File structure (`schema_version` 1)
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "catalog_version": "2026.1",
//!   "common_prerequisites": ["datenschutzerklaerung", "..."],
//!   "services": [ { "id": "ewa", "name": "…", "leika": null, "…": "…" } ],
//!   "prerequisites": [ { "id": "dvdv-eintrag", "depends_on": ["zertifikat-osci"], "…": "…" } ]
//! }
//! ```
//!
//! Every entry rejects unknown fields, so a typo is an error and not a silently ignored
//! field. Facts that may be unknown are `Option`s that must be written out, as `null`
//! when no source gives them (see [`model`]). [`UNKNOWN_LABEL`] and [`or_unknown`] give
//! UIs the German word for such a gap, [`Service::unknown_facts`] lists them.
//!
//! # Checks
//!
//! [`Catalog::from_json`] collects *all* problems as [`CatalogErrors`]: JSON syntax,
//! missing/unknown fields (naming the entry), unsupported `schema_version`, ids that are
//! not kebab-case, duplicate ids, dangling references (a service's or the common list's
//! prerequisite ids, `depends_on`, services in `applies_if`), dependency cycles, empty
//! texts, missing or non-http source URLs and malformed Leika keys.

mod error;
pub mod model;
mod synthetic;
mod validate;

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

pub use error::{CatalogError, CatalogErrors, Entry};
pub use model::*;
pub use synthetic::synthetic;
pub use validate::{is_http_url, is_kebab_case, is_leika_key};

/// The catalog file format this build reads and writes.
pub const CATALOG_SCHEMA_VERSION: u32 = 1;

/// A validated catalog with lookup indexes.
///
/// Construct it with [`Catalog::from_json`] or [`Catalog::from_data`]; both guarantee
/// unique ids, resolvable references and an acyclic dependency graph, which
/// [`crate::readiness`] relies on. Serialises to, and deserialises from, the file format
/// (deserialising validates too).
#[derive(Debug, Clone)]
pub struct Catalog {
    data: CatalogData,
    index: Index,
}

/// Ids resolved to positions once, so readiness never hashes strings in its inner loops.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    services: HashMap<String, usize>,
    prerequisites: HashMap<String, usize>,
    /// `common_prerequisites` as positions.
    pub(crate) common: Vec<usize>,
    /// Per service: its own prerequisite positions.
    pub(crate) service_prerequisites: Vec<Vec<usize>>,
    /// Per prerequisite: the positions it depends on.
    pub(crate) depends_on: Vec<Vec<usize>>,
    /// Per prerequisite: positions of the services in `applies_if.services`, sorted.
    pub(crate) condition_services: Vec<Vec<usize>>,
}

impl Index {
    /// Builds the indexes. Unknown ids are skipped and the first of duplicate ids wins;
    /// validation reports both, so this never has to fail.
    fn build(data: &CatalogData) -> Index {
        let mut services = HashMap::with_capacity(data.services.len());
        for (i, s) in data.services.iter().enumerate() {
            services.entry(s.id.clone()).or_insert(i);
        }
        let mut prerequisites = HashMap::with_capacity(data.prerequisites.len());
        for (i, p) in data.prerequisites.iter().enumerate() {
            prerequisites.entry(p.id.clone()).or_insert(i);
        }
        let resolve = |ids: &[String]| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| prerequisites.get(id).copied())
                .collect()
        };
        let common = resolve(&data.common_prerequisites);
        let service_prerequisites = data
            .services
            .iter()
            .map(|s| resolve(&s.prerequisites))
            .collect();
        let depends_on = data
            .prerequisites
            .iter()
            .map(|p| resolve(&p.depends_on))
            .collect();
        let condition_services = data
            .prerequisites
            .iter()
            .map(|p| {
                let mut positions: Vec<usize> = p
                    .applies_if
                    .services
                    .iter()
                    .filter_map(|id| services.get(id).copied())
                    .collect();
                positions.sort_unstable();
                positions.dedup();
                positions
            })
            .collect();
        Index {
            services,
            prerequisites,
            common,
            service_prerequisites,
            depends_on,
            condition_services,
        }
    }
}

/// The shape of the top level, with entries kept as their raw JSON text so that each one
/// can be read on its own and a problem can name the entry it is in. The text is not
/// parsed into a `serde_json::Value` first: that would compile every entry's
/// deserialisation a second time, for `Value`, into the app.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    schema_version: u32,
    catalog_version: String,
    common_prerequisites: Vec<String>,
    #[serde(borrow)]
    services: Vec<&'a RawValue>,
    #[serde(borrow)]
    prerequisites: Vec<&'a RawValue>,
}

impl Catalog {
    /// Reads and checks a catalog file.
    ///
    /// Never panics, whatever the input. On failure the error lists every problem found,
    /// each naming its entry (e.g. "service `ewa`: unknown prerequisite `foo`").
    pub fn from_json(json: &str) -> Result<Catalog, CatalogErrors> {
        // One pass over the whole text that only checks the syntax and picks out
        // `schema_version`, so that a syntax error anywhere is reported as such.
        let version = crate::json::member(json, &["schema_version"]).map_err(syntax)?;

        // A file of another format version would produce a confusing list of shape
        // errors, so the version is checked before anything else.
        if let Some(crate::json::Scalar::Unsigned(found)) = version
            && found != u64::from(CATALOG_SCHEMA_VERSION)
        {
            return Err(CatalogError::UnsupportedSchemaVersion {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: CATALOG_SCHEMA_VERSION,
            }
            .into());
        }

        let envelope: Envelope<'_> = serde_json::from_str(json).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                syntax(e)
            } else {
                CatalogError::Shape {
                    entry: Entry::Catalog,
                    message: strip_position(&e.to_string()),
                }
            }
        })?;

        let mut errors = Vec::new();
        let services = entries(json, &envelope.services, &mut errors, |i, id| {
            id.map_or(Entry::ServiceAt(i), Entry::Service)
        });
        let prerequisites = entries(json, &envelope.prerequisites, &mut errors, |i, id| {
            id.map_or(Entry::PrerequisiteAt(i), Entry::Prerequisite)
        });
        // Cross-entry checks on a partly parsed file would report references to the
        // broken entries as dangling, which is noise; fix the shapes first.
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }

        Catalog::from_data(CatalogData {
            schema_version: envelope.schema_version,
            catalog_version: envelope.catalog_version,
            common_prerequisites: envelope.common_prerequisites,
            services,
            prerequisites,
        })
    }

    /// Checks catalog data built in code (or edited after parsing).
    pub fn from_data(data: CatalogData) -> Result<Catalog, CatalogErrors> {
        let errors = validate::validate(&data, CATALOG_SCHEMA_VERSION);
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }
        Ok(Catalog::from_valid_data(data))
    }

    /// Indexes data that is known to be valid (used by [`synthetic`]).
    pub(crate) fn from_valid_data(data: CatalogData) -> Catalog {
        let index = Index::build(&data);
        Catalog { data, index }
    }

    /// The catalog as pretty-printed JSON in the file format.
    pub fn to_json_pretty(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(&self.data)
    }

    /// Format version of the file (always [`CATALOG_SCHEMA_VERSION`] once loaded).
    pub fn schema_version(&self) -> u32 {
        self.data.schema_version
    }

    /// The operator's version label of the content.
    pub fn catalog_version(&self) -> &str {
        &self.data.catalog_version
    }

    /// All services, in file order.
    pub fn services(&self) -> &[Service] {
        &self.data.services
    }

    /// The service with `id`.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.service_position(id).map(|i| &self.data.services[i])
    }

    /// All prerequisites, in file order (the order readiness uses to break ties).
    pub fn prerequisites(&self) -> &[Prerequisite] {
        &self.data.prerequisites
    }

    /// The prerequisite with `id`.
    pub fn prerequisite(&self, id: &str) -> Option<&Prerequisite> {
        self.prerequisite_position(id)
            .map(|i| &self.data.prerequisites[i])
    }

    /// Prerequisite ids every service needs (still filtered by their conditions).
    pub fn common_prerequisites(&self) -> &[String] {
        &self.data.common_prerequisites
    }

    /// The underlying file data.
    pub fn data(&self) -> &CatalogData {
        &self.data
    }

    /// Gives up the indexes and returns the file data, e.g. to edit and re-validate it.
    pub fn into_data(self) -> CatalogData {
        self.data
    }

    /// The position of service `id` in [`Catalog::services`].
    pub fn service_position(&self, id: &str) -> Option<usize> {
        self.index.services.get(id).copied()
    }

    /// The position of prerequisite `id` in [`Catalog::prerequisites`].
    pub fn prerequisite_position(&self, id: &str) -> Option<usize> {
        self.index.prerequisites.get(id).copied()
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }
}

/// Reads each raw entry of `json` on its own; a failing one becomes a shape error naming
/// the entry by its `id` (if it has a string one) or else by its position.
fn entries<'de, T: Deserialize<'de>>(
    json: &str,
    raw: &[&'de RawValue],
    errors: &mut Vec<CatalogError>,
    entry: impl Fn(usize, Option<String>) -> Entry,
) -> Vec<T> {
    let mut parsed = Vec::with_capacity(raw.len());
    for (i, raw) in raw.iter().enumerate() {
        match serde_json::from_str::<T>(raw.get()) {
            Ok(value) => parsed.push(value),
            // What the first pass reads past without checking (a lone surrogate in a
            // string escape, a number too large for its type, deep nesting).
            Err(e) if e.is_syntax() || e.is_eof() => errors.push(syntax_in(json, raw.get(), e)),
            Err(e) => {
                let id = match crate::json::member(raw.get(), &["id"]) {
                    Ok(Some(crate::json::Scalar::Text(id))) => Some(id),
                    _ => None,
                };
                errors.push(CatalogError::Shape {
                    entry: entry(i, id),
                    message: strip_position(&e.to_string()),
                });
            }
        }
    }
    parsed
}

fn syntax(e: serde_json::Error) -> CatalogError {
    CatalogError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    }
}

/// A syntax error in `part`, a slice of `json`, at its position in `json`.
fn syntax_in(json: &str, part: &str, e: serde_json::Error) -> CatalogError {
    let offset = (part.as_ptr() as usize).saturating_sub(json.as_ptr() as usize);
    let before = json.get(..offset).unwrap_or_default();
    let (line, column) = if e.line() == 1 {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            offset - line_start + e.column(),
        )
    } else {
        (before.matches('\n').count() + e.line(), e.column())
    };
    CatalogError::Syntax {
        line,
        column,
        message: strip_position(&e.to_string()),
    }
}

/// serde_json appends " at line L column C" to its messages; the position is already in
/// separate fields, so it is cut from the text.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(pos) => message[..pos].to_owned(),
        None => message.to_owned(),
    }
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        // The index is derived from the data.
        self.data == other.data
    }
}

impl Eq for Catalog {}

impl Serialize for Catalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Catalog {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = CatalogData::deserialize(deserializer)?;
        Catalog::from_data(data).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_position_without_duplicate_text() {
        let err = Catalog::from_json("{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        match &err.errors()[0] {
            CatalogError::Syntax {
                line,
                column,
                message,
            } => {
                assert_eq!(*line, 3);
                assert!(*column > 0);
                assert!(!message.contains(" at line "), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn schema_version_is_checked_first() {
        let err = Catalog::from_json(r#"{"schema_version": 2, "whatever": true}"#).unwrap_err();
        assert_eq!(
            err.errors(),
            &[CatalogError::UnsupportedSchemaVersion {
                found: 2,
                supported: 1
            }]
        );
        assert_eq!(
            err.to_string(),
            "catalog: schema_version 2 is not supported (this build reads 1)"
        );
    }

    #[test]
    fn entry_shape_errors_name_the_entry_without_a_position() {
        let json = r#"{"schema_version": 1, "catalog_version": "0", "common_prerequisites": [],
            "services": [{"id": "x", "nope": 1}, {"nope": 2}], "prerequisites": [{"id": 7}]}"#;
        let err = Catalog::from_json(json).unwrap_err();
        let entries: Vec<Entry> = err.errors().iter().map(CatalogError::entry).collect();
        assert_eq!(
            entries,
            [
                Entry::Service("x".into()),
                Entry::ServiceAt(1),
                Entry::PrerequisiteAt(0)
            ]
        );
        for e in err.errors() {
            assert!(!e.to_string().contains(" at line "), "{e}");
        }
    }

    #[test]
    fn a_syntax_error_inside_an_entry_is_where_the_file_has_it() {
        let head = "{\"schema_version\": 1, \"catalog_version\": \"0\", \"common_prerequisites\": [],\n  \"services\": [], \"prerequisites\": [";
        for bad in [r#""\udc00""#, "1e999"] {
            for entry in [
                format!("{{\"id\": {bad}}}"),
                format!("{{\n  \"id\": {bad}}}"),
            ] {
                let json = format!("{head}\n    {{}}, {entry}]}}");
                let expected = serde_json::from_str::<serde_json::Value>(&json).unwrap_err();
                let err = Catalog::from_json(&json).unwrap_err();
                match err.errors() {
                    [_, CatalogError::Syntax { line, column, .. }] => {
                        assert_eq!(
                            (*line, *column),
                            (expected.line(), expected.column()),
                            "{json}"
                        );
                    }
                    other => panic!("unexpected {other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_broken_string_escape_is_a_syntax_error() {
        let json = r#"{"schema_version": 1, "catalog_version": "\ud800", "common_prerequisites": [],
            "services": [], "prerequisites": []}"#;
        let err = Catalog::from_json(json).unwrap_err();
        assert!(
            matches!(err.errors(), [CatalogError::Syntax { line: 1, .. }]),
            "{err:?}"
        );
    }

    #[test]
    fn empty_catalog_is_valid() {
        let json = r#"{"schema_version":1,"catalog_version":"0","common_prerequisites":[],"services":[],"prerequisites":[]}"#;
        let catalog = Catalog::from_json(json).unwrap();
        assert!(catalog.services().is_empty());
        assert_eq!(catalog.catalog_version(), "0");
    }
}
