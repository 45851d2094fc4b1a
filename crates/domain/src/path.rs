//! Where in a connection request a value sits, typed.
//!
//! The validation reports each problem at a JSON path (`services[2].channel.destination_id`),
//! which the API sends on the wire as text. Whoever has to act on a path (the app sends the
//! clerk to the step and the input that edit it) reads it as a [`FieldPath`] and matches
//! on its parts, instead of testing the text for prefixes. `FieldPath::parse` is total:
//! a path of no known part is kept as [`FieldPath::Other`], and every path turns back into
//! the same text.

use std::fmt;

/// A field of a connection request, by the part of the request it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldPath {
    /// The request's own data no clerk edits: `schema_version`, `created_at`, `updated_at`.
    Meta(String),
    /// The Land route as a whole (`route`).
    Route,
    /// The municipality: `None` for the choice as a whole, else the field below it
    /// (`ags`, `address.plz`, `leitweg_id`).
    Municipality(Option<String>),
    /// The contacts: `None` as a whole, else a contact field (`vertretung.email`) or the
    /// Funktionspostfach (`funktionspostfach`).
    Contacts(Option<String>),
    /// The selection of services as a whole (`services`).
    Services,
    /// A field of the selected service at `index`.
    Service { index: usize, field: ServiceField },
    /// The prerequisite records as a whole (`prerequisites`).
    Prerequisites,
    /// The record of a prerequisite, by its catalog id.
    Prerequisite {
        id: String,
        field: PrerequisiteField,
    },
    /// The declarations: `None` as a whole, else one of them (`authorised`).
    Declarations(Option<String>),
    /// The free-text notes.
    Notes,
    /// Not part of the request: the municipality's answer to a Rückfrage, on the status
    /// page.
    Answer,
    /// Any other path, as it was.
    Other(String),
}

/// A field of a selected service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ServiceField {
    /// Which catalog service it is (`service_id`): chosen in the selection.
    ServiceId,
    /// The service as a whole (`services[2]`).
    Whole,
    /// Any field of its details (`channel.destination_id`, `authority.area`).
    Detail(String),
}

/// A field of a prerequisite's record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrerequisiteField {
    /// Its status (`status`).
    Status,
    /// A piece of evidence, by the evidence field's catalog id.
    Evidence(String),
    /// The record as a whole or any other part of it (`blocked`, `prerequisites.<id>`).
    Other(Option<String>),
}

impl FieldPath {
    /// The typed form of a path as the validation writes it.
    pub fn parse(path: &str) -> FieldPath {
        let other = || FieldPath::Other(path.to_owned());
        let (head, rest) = match path.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (path, None),
        };
        match (head, rest) {
            ("schema_version" | "created_at" | "updated_at", None) => {
                FieldPath::Meta(path.to_owned())
            }
            ("route", None) => FieldPath::Route,
            ("municipality", rest) => FieldPath::Municipality(rest.map(str::to_owned)),
            ("contacts", rest) => FieldPath::Contacts(rest.map(str::to_owned)),
            ("services", None) => FieldPath::Services,
            ("prerequisites", Some(rest)) => {
                // Catalog ids hold no dot, so the first segment is the id.
                let (id, field) = match rest.split_once('.') {
                    Some((id, field)) => (id, Some(field)),
                    None => (rest, None),
                };
                let field = match field {
                    Some("status") => PrerequisiteField::Status,
                    Some(f) => match f.strip_prefix("evidence.") {
                        Some(e) if !e.is_empty() => PrerequisiteField::Evidence(e.to_owned()),
                        _ => PrerequisiteField::Other(Some(f.to_owned())),
                    },
                    None => PrerequisiteField::Other(None),
                };
                FieldPath::Prerequisite {
                    id: id.to_owned(),
                    field,
                }
            }
            ("declarations", rest) => FieldPath::Declarations(rest.map(str::to_owned)),
            ("prerequisites", None) => FieldPath::Prerequisites,
            ("notes", None) => FieldPath::Notes,
            ("answer", None) => FieldPath::Answer,
            _ => parse_service(path).unwrap_or_else(other),
        }
    }

    /// Whether the clerk chooses the value by picking a municipality from the registry
    /// rather than typing it (name, keys, kind, Land, Kreis, and the route they decide).
    pub fn is_set_by_municipality_choice(&self) -> bool {
        match self {
            FieldPath::Route => true,
            FieldPath::Municipality(None) => true,
            FieldPath::Municipality(Some(f)) => {
                matches!(
                    f.as_str(),
                    "ars" | "ags" | "name" | "kind" | "land" | "kreis"
                )
            }
            _ => false,
        }
    }
}

/// `services[<index>]` and what follows it.
fn parse_service(path: &str) -> Option<FieldPath> {
    let rest = path.strip_prefix("services[")?;
    let (index, rest) = rest.split_once(']')?;
    // Only the form the validation writes (no sign, no leading zero), so the text
    // comes back unchanged.
    if index.is_empty() || (index.len() > 1 && index.starts_with('0')) {
        return None;
    }
    let index: usize = index.parse().ok()?;
    let field = match rest {
        "" => ServiceField::Whole,
        ".service_id" => ServiceField::ServiceId,
        _ => ServiceField::Detail(rest.strip_prefix('.').filter(|f| !f.is_empty())?.to_owned()),
    };
    Some(FieldPath::Service { index, field })
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Meta(p) | FieldPath::Other(p) => f.write_str(p),
            FieldPath::Route => f.write_str("route"),
            FieldPath::Municipality(None) => f.write_str("municipality"),
            FieldPath::Municipality(Some(field)) => write!(f, "municipality.{field}"),
            FieldPath::Contacts(None) => f.write_str("contacts"),
            FieldPath::Contacts(Some(field)) => write!(f, "contacts.{field}"),
            FieldPath::Services => f.write_str("services"),
            FieldPath::Service { index, field } => match field {
                ServiceField::Whole => write!(f, "services[{index}]"),
                ServiceField::ServiceId => write!(f, "services[{index}].service_id"),
                ServiceField::Detail(d) => write!(f, "services[{index}].{d}"),
            },
            FieldPath::Prerequisite { id, field } => match field {
                PrerequisiteField::Status => write!(f, "prerequisites.{id}.status"),
                PrerequisiteField::Evidence(e) => write!(f, "prerequisites.{id}.evidence.{e}"),
                PrerequisiteField::Other(None) => write!(f, "prerequisites.{id}"),
                PrerequisiteField::Other(Some(o)) => write!(f, "prerequisites.{id}.{o}"),
            },
            FieldPath::Prerequisites => f.write_str("prerequisites"),
            FieldPath::Declarations(None) => f.write_str("declarations"),
            FieldPath::Declarations(Some(d)) => write!(f, "declarations.{d}"),
            FieldPath::Notes => f.write_str("notes"),
            FieldPath::Answer => f.write_str("answer"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_into_their_parts() {
        let cases = [
            ("schema_version", FieldPath::Meta("schema_version".into())),
            ("route", FieldPath::Route),
            ("municipality", FieldPath::Municipality(None)),
            (
                "municipality.address.plz",
                FieldPath::Municipality(Some("address.plz".into())),
            ),
            (
                "contacts.vertretung.email",
                FieldPath::Contacts(Some("vertretung.email".into())),
            ),
            ("services", FieldPath::Services),
            (
                "services[12].service_id",
                FieldPath::Service {
                    index: 12,
                    field: ServiceField::ServiceId,
                },
            ),
            (
                "services[0]",
                FieldPath::Service {
                    index: 0,
                    field: ServiceField::Whole,
                },
            ),
            (
                "services[2].channel.destination_id",
                FieldPath::Service {
                    index: 2,
                    field: ServiceField::Detail("channel.destination_id".into()),
                },
            ),
            (
                "prerequisites.dvdv.status",
                FieldPath::Prerequisite {
                    id: "dvdv".into(),
                    field: PrerequisiteField::Status,
                },
            ),
            (
                "prerequisites.dvdv.evidence.behoerdenschluessel",
                FieldPath::Prerequisite {
                    id: "dvdv".into(),
                    field: PrerequisiteField::Evidence("behoerdenschluessel".into()),
                },
            ),
            (
                "prerequisites.dvdv.blocked",
                FieldPath::Prerequisite {
                    id: "dvdv".into(),
                    field: PrerequisiteField::Other(Some("blocked".into())),
                },
            ),
            (
                "declarations.authorised",
                FieldPath::Declarations(Some("authorised".into())),
            ),
            ("notes", FieldPath::Notes),
            ("answer", FieldPath::Answer),
            // Not the form the validation writes: kept as it is.
            ("services[01]", FieldPath::Other("services[01]".into())),
            ("services[-1].x", FieldPath::Other("services[-1].x".into())),
            ("services[2].", FieldPath::Other("services[2].".into())),
            ("", FieldPath::Other(String::new())),
        ];
        for (text, path) in cases {
            assert_eq!(FieldPath::parse(text), path, "{text}");
            assert_eq!(path.to_string(), text);
        }
    }

    #[test]
    fn registry_fields_are_set_by_the_municipality_choice() {
        for p in [
            "municipality",
            "municipality.ags",
            "municipality.kreis",
            "route",
        ] {
            assert!(FieldPath::parse(p).is_set_by_municipality_choice(), "{p}");
        }
        for p in [
            "municipality.address.plz",
            "municipality.leitweg_id",
            "contacts",
        ] {
            assert!(!FieldPath::parse(p).is_set_by_municipality_choice(), "{p}");
        }
    }
}
