//! Field-by-field comparison of two versions of a connection request.
//!
//! When a municipality answers a Rückfrage with a new version, the agency must see what
//! changed without reading both documents side by side. [`compare`] lists every field
//! that was added, removed or changed, each with a German label an operator can read
//! ("Fachliche Ansprechperson · Telefon"), grouped by the part of the request it belongs
//! to: municipality, contacts, services, channels, prerequisites, evidence, declarations,
//! notes.
//!
//! Services are matched by their catalog id, not by their position, so that adding a
//! service does not show every later service as changed. A service that was added or
//! removed as a whole is one entry, not one per field. An empty text counts as absent:
//! filling in a field is "added", clearing it "removed".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::Catalog;
use crate::messages::Lang;
use crate::readiness::PrereqStatus;
use crate::request::{ConnectionRequest, ContactRole, EmbeddingMode};

/// The part of a request a changed field belongs to, in the order the comparison lists
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeArea {
    Municipality,
    Contacts,
    Services,
    Channels,
    Prerequisites,
    Evidence,
    Declarations,
    Notes,
    /// The contract route; it follows from the Land, so it changes only with it.
    Route,
}

impl ChangeArea {
    /// German heading of the area.
    pub fn label_de(self) -> &'static str {
        match self {
            ChangeArea::Municipality => "Kommune",
            ChangeArea::Contacts => "Ansprechpersonen",
            ChangeArea::Services => "Leistungen",
            ChangeArea::Channels => "Übertragungswege",
            ChangeArea::Prerequisites => "Voraussetzungen",
            ChangeArea::Evidence => "Nachweise",
            ChangeArea::Declarations => "Erklärungen",
            ChangeArea::Notes => "Anmerkungen",
            ChangeArea::Route => "Vertragsweg",
        }
    }
}

/// How a field differs between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the later version.
    Added,
    /// Only in the earlier version.
    Removed,
    /// In both, with another value.
    Changed,
}

impl ChangeKind {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            ChangeKind::Added => "hinzugefügt",
            ChangeKind::Removed => "entfernt",
            ChangeKind::Changed => "geändert",
        }
    }
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub area: ChangeArea,
    pub change: ChangeKind,
    /// Where the field is, with services and prerequisites named by their catalog id
    /// (`services[wohngeld].channel.destination_id`).
    pub path: String,
    /// German label of the field, e.g. `Wohngeld · Übertragungsweg · Zustellpunkt`.
    pub label: String,
    /// The value in the earlier version, as shown to people; absent when added.
    pub before: Option<String>,
    /// The value in the later version; absent when removed.
    pub after: Option<String>,
}

/// Every field that differs from `before` to `after`, by area, each area in the order of
/// the later version's fields (removed fields where the earlier version had them).
/// Service and prerequisite names come from `catalog`; an id the catalog does not know
/// is shown as it is.
pub fn compare(
    before: &ConnectionRequest,
    after: &ConnectionRequest,
    catalog: &Catalog,
) -> Vec<FieldChange> {
    let old = flatten(before);
    let new = flatten(after);
    let old_index: BTreeMap<&str, &str> =
        old.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let new_index: BTreeMap<&str, &str> =
        new.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let old_services = service_ids(&old);
    let new_services = service_ids(&new);

    let mut changes = Vec::new();
    let mut push = |path: &str, change: ChangeKind, b: Option<&str>, a: Option<&str>| {
        let (area, label) = describe(path, catalog);
        changes.push(FieldChange {
            area,
            change,
            path: path.to_owned(),
            label,
            before: b.map(|v| shown(path, v)),
            after: a.map(|v| shown(path, v)),
        });
    };
    for (path, value) in &new {
        match whole_service(path, &old_services, &new_services) {
            Whole::Skip => continue,
            Whole::Added(id) => {
                push(
                    &format!("services[{id}]"),
                    ChangeKind::Added,
                    None,
                    Some(id),
                );
                continue;
            }
            Whole::No => {}
        }
        match old_index.get(path.as_str()) {
            None => push(path, ChangeKind::Added, None, Some(value)),
            Some(b) if b != value => push(path, ChangeKind::Changed, Some(b), Some(value)),
            Some(_) => {}
        }
    }
    for (path, value) in &old {
        match whole_service(path, &new_services, &old_services) {
            Whole::Skip => continue,
            Whole::Added(id) => {
                push(
                    &format!("services[{id}]"),
                    ChangeKind::Removed,
                    Some(id),
                    None,
                );
                continue;
            }
            Whole::No => {}
        }
        if !new_index.contains_key(path.as_str()) {
            push(path, ChangeKind::Removed, Some(value), None);
        }
    }
    // Stable: within an area, the order above (the later version's, then removals).
    changes.sort_by_key(|c| c.area);
    changes
}

enum Whole<'a> {
    /// Not a field of a service that exists in one version only.
    No,
    /// The first field of a service only this side has: stands for the whole service.
    Added(&'a str),
    /// A later field of such a service.
    Skip,
}

/// Whether `path` belongs to a service that `this` side has and `other` lacks.
fn whole_service<'a>(path: &'a str, other: &[String], this: &[String]) -> Whole<'a> {
    let Some(id) = service_of(path) else {
        return Whole::No;
    };
    if other.iter().any(|o| o == id) {
        return Whole::No;
    }
    // The first field of the service in document order is its `service_id`.
    let first = this.iter().any(|t| t == id) && path.ends_with("].service_id");
    if first { Whole::Added(id) } else { Whole::Skip }
}

/// The catalog id in `services[<id>]…`.
fn service_of(path: &str) -> Option<&str> {
    path.strip_prefix("services[")?
        .split_once(']')
        .map(|(id, _)| id)
}

fn service_ids(flat: &[(String, String)]) -> Vec<String> {
    flat.iter()
        .filter(|(p, _)| p.ends_with("].service_id"))
        .filter_map(|(p, _)| service_of(p).map(str::to_owned))
        .collect()
}

/// The request as (path, value) pairs in document order, leaving out what no clerk
/// edits (schema version, timestamps) and every empty value.
fn flatten(request: &ConnectionRequest) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(Value::Object(top)) = serde_json::to_value(request) else {
        return out;
    };
    for (key, value) in top {
        match key.as_str() {
            "schema_version" | "created_at" | "updated_at" => {}
            "services" => {
                for service in value.as_array().into_iter().flatten() {
                    let id = service
                        .get("service_id")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    // The id first, so that it marks where a service starts.
                    out.push((format!("services[{id}].service_id"), id.to_owned()));
                    if let Value::Object(fields) = service {
                        for (k, v) in fields {
                            if k != "service_id" {
                                walk(&format!("services[{id}].{k}"), v, &mut out);
                            }
                        }
                    }
                }
            }
            _ => walk(&key, &value, &mut out),
        }
    }
    out
}

fn walk(path: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((path.to_owned(), if *b { "ja" } else { "nein" }.to_owned())),
        Value::Number(n) => out.push((path.to_owned(), n.to_string())),
        Value::String(s) => {
            if !s.trim().is_empty() {
                out.push((path.to_owned(), s.clone()));
            }
        }
        // Lists of text (area of responsibility, domains) are one value: a changed list
        // reads better as "a, b → a, c" than as entries by position.
        Value::Array(items) => {
            let texts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .filter(|s| !s.trim().is_empty())
                .collect();
            if !texts.is_empty() {
                out.push((path.to_owned(), texts.join(", ")));
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                walk(&format!("{path}.{k}"), v, out);
            }
        }
    }
}

/// A stored value as people read it: codes of the model become their German label.
fn shown(path: &str, value: &str) -> String {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    let code = || Value::String(value.to_owned());
    if path.starts_with("prerequisites.")
        && leaf == "status"
        && let Ok(s) = serde_json::from_value::<PrereqStatus>(code())
    {
        return s.label_de().to_owned();
    }
    if path.ends_with(".embedding.mode")
        && let Ok(m) = serde_json::from_value::<EmbeddingMode>(code())
    {
        return m.label_de().to_owned();
    }
    if path.ends_with(".channel.kind") {
        return channel_label(value).to_owned();
    }
    value.to_owned()
}

fn channel_label(kind: &str) -> &str {
    match kind {
        "fit-connect" => "FIT-Connect",
        "osci-xta" => "OSCI/XTA",
        "pdf-download" => "PDF-Download",
        "email" => "E-Mail",
        other => other,
    }
}

/// The area and the German label of a path.
fn describe(path: &str, catalog: &Catalog) -> (ChangeArea, String) {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    if let Some(id) = service_of(path) {
        let name = catalog
            .service(id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone());
        let field = path
            .strip_prefix(&format!("services[{id}]"))
            .unwrap_or("")
            .trim_start_matches('.');
        return match field {
            "" | "service_id" => (ChangeArea::Services, name),
            f if f.starts_with("channel") => (
                ChangeArea::Channels,
                format!("{name} · {}", service_field_label(f)),
            ),
            f => (
                ChangeArea::Services,
                format!("{name} · {}", service_field_label(f)),
            ),
        };
    }
    match head {
        "municipality" => (ChangeArea::Municipality, municipality_label(rest)),
        "contacts" => (ChangeArea::Contacts, contact_label(rest)),
        "prerequisites" => {
            let (id, field) = rest.split_once('.').unwrap_or((rest, ""));
            let prerequisite = catalog.prerequisite(id);
            let title = prerequisite.map_or_else(|| id.to_owned(), |p| p.title.clone());
            match field.strip_prefix("evidence.") {
                Some(evidence) => {
                    let label = prerequisite
                        .and_then(|p| p.evidence.iter().find(|e| e.id == evidence))
                        .map_or_else(|| evidence.to_owned(), |e| e.label.clone());
                    (ChangeArea::Evidence, format!("{title} · {label}"))
                }
                None => (ChangeArea::Prerequisites, format!("{title} · Status")),
            }
        }
        "declarations" => (
            ChangeArea::Declarations,
            match rest {
                "authorised" => "Vertretungsbefugnis".to_owned(),
                "information_correct" => "Richtigkeit der Angaben".to_owned(),
                "data_protection_acknowledged" => "Hinweis zur Speicherung".to_owned(),
                other => other.to_owned(),
            },
        ),
        "notes" => (ChangeArea::Notes, "Anmerkungen".to_owned()),
        "route" => (ChangeArea::Route, "Vertragsweg".to_owned()),
        _ => (ChangeArea::Notes, path.to_owned()),
    }
}

fn leaf_label(field: &str) -> &str {
    match field {
        "name" => "Name",
        "function" => "Funktion",
        "email" => "E-Mail",
        "phone" => "Telefon",
        "street" => "Straße und Hausnummer",
        "plz" => "PLZ",
        "ort" => "Ort",
        other => other,
    }
}

fn municipality_label(field: &str) -> String {
    match field {
        "name" => "Name".to_owned(),
        "ars" => "ARS".to_owned(),
        "ags" => "AGS".to_owned(),
        "kind" => "Art".to_owned(),
        "land" => "Land".to_owned(),
        "kreis" => "Kreis".to_owned(),
        "leitweg_id" => "Leitweg-ID".to_owned(),
        f => match f.strip_prefix("address.") {
            Some(a) => format!("Anschrift · {}", leaf_label(a)),
            None => f.to_owned(),
        },
    }
}

fn contact_label(field: &str) -> String {
    if field == "funktionspostfach" {
        return "Funktionspostfach".to_owned();
    }
    let (role, leaf) = field.split_once('.').unwrap_or((field, ""));
    let role = ContactRole::ALL
        .into_iter()
        .find(|r| r.as_str() == role)
        .map_or(role, |r| r.label(Lang::De));
    if leaf.is_empty() {
        role.to_owned()
    } else {
        format!("{role} · {}", leaf_label(leaf))
    }
}

fn service_field_label(field: &str) -> String {
    let (head, rest) = field.split_once('.').unwrap_or((field, ""));
    let sub = |prefix: &str| {
        if rest.is_empty() {
            prefix.to_owned()
        } else {
            let leaf = rest.strip_prefix("address.").map_or_else(
                || leaf_label(rest).to_owned(),
                |a| format!("Anschrift · {}", leaf_label(a)),
            );
            format!("{prefix} · {leaf}")
        }
    };
    match head {
        "authority" => match rest {
            "kind" => "Zuständige Organisationseinheit · Art".to_owned(),
            "oe_id" => "Zuständige Organisationseinheit · Organisationseinheit (PVOG)".to_owned(),
            "bkz" => "Zuständige Organisationseinheit · Behördenkennzahl".to_owned(),
            "area" => "Zuständige Organisationseinheit · Zuständigkeitsgebiet".to_owned(),
            _ => sub("Zuständige Organisationseinheit"),
        },
        "channel" => match rest {
            "kind" => "Übertragungsweg".to_owned(),
            "destination_id" => "Übertragungsweg · Zustellpunkt (Destination-ID)".to_owned(),
            "dvdv_key" => "Übertragungsweg · DVDV-Organisationsschlüssel".to_owned(),
            "funktionspostfach" => "Übertragungsweg · Funktionspostfach".to_owned(),
            "address" => "Übertragungsweg · E-Mail-Adresse".to_owned(),
            other => format!("Übertragungsweg · {other}"),
        },
        "fachverfahren" => "Fachverfahren".to_owned(),
        "vendor" => "Hersteller".to_owned(),
        "test_date" => "Testtermin".to_owned(),
        "go_live_date" => "Geplanter Produktivstart".to_owned(),
        "vendor_contact" => sub("Ansprechperson beim Hersteller"),
        "embedding" => match rest {
            "mode" => "Einbindung".to_owned(),
            "domains" => "Einbindung · Domains".to_owned(),
            other => format!("Einbindung · {other}"),
        },
        _ => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Address, ChannelChoice, PrerequisiteRecord};
    use crate::sample;

    fn catalog() -> Catalog {
        crate::catalog::synthetic(3)
    }

    /// A sample with two services of the catalog, a prerequisite record and a note.
    fn request() -> ConnectionRequest {
        let mut r = sample::request("2026-12-01T08:00:00Z");
        let catalog = catalog();
        let address = Address {
            street: "Rückermainstraße 2".into(),
            plz: "97070".into(),
            ort: "Würzburg".into(),
        };
        for s in catalog.services().iter().take(2) {
            r.services.push(sample::service(
                &s.id,
                ChannelChoice::FitConnect {
                    destination_id: "d2a4d9b0-3c0e-4a57-9c5e-8f4c3e3a9b10".into(),
                },
                &address,
                "096630000000",
            ));
        }
        let p = &catalog.prerequisites()[0];
        r.prerequisites
            .insert(p.id.clone(), PrerequisiteRecord::default());
        r.notes = "Bitte Rückruf vormittags.".into();
        r
    }

    #[test]
    fn equal_versions_have_no_changes() {
        let r = request();
        assert!(compare(&r, &r, &catalog()).is_empty());
        let mut later = r.clone();
        later.updated_at = "2099-01-01T00:00:00Z".into();
        assert!(
            compare(&r, &later, &catalog()).is_empty(),
            "timestamps are not a change a clerk made"
        );
    }

    #[test]
    fn a_changed_contact_is_one_labelled_change() {
        let before = request();
        let mut after = before.clone();
        after.contacts.fachlich.phone = "+49 931 1234-99".into();
        let changes = compare(&before, &after, &catalog());
        assert_eq!(changes.len(), 1, "{changes:#?}");
        let c = &changes[0];
        assert_eq!(c.area, ChangeArea::Contacts);
        assert_eq!(c.change, ChangeKind::Changed);
        assert_eq!(c.path, "contacts.fachlich.phone");
        assert_eq!(c.label, "Fachliche Ansprechperson · Telefon");
        assert_eq!(
            c.before.as_deref(),
            Some(before.contacts.fachlich.phone.as_str())
        );
        assert_eq!(c.after.as_deref(), Some("+49 931 1234-99"));
    }

    #[test]
    fn an_added_service_is_one_entry_and_shifts_nothing() {
        let before = request();
        let mut after = before.clone();
        let mut extra = before.services[0].clone();
        extra.service_id = "neu-leistung".into();
        // Inserted first: matching by position would report every service as changed.
        after.services.insert(0, extra);
        let changes = compare(&before, &after, &catalog());
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert_eq!(changes[0].change, ChangeKind::Added);
        assert_eq!(changes[0].area, ChangeArea::Services);
        assert_eq!(changes[0].path, "services[neu-leistung]");
        assert_eq!(
            changes[0].label, "neu-leistung",
            "unknown id shown as it is"
        );

        let back = compare(&after, &before, &catalog());
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].change, ChangeKind::Removed);
        assert_eq!(back[0].before.as_deref(), Some("neu-leistung"));
    }

    #[test]
    fn channels_evidence_and_clearing_are_told_apart() {
        let before = request();
        let mut after = before.clone();
        let id = after.services[0].service_id.clone();
        after.services[0].channel = Some(ChannelChoice::OsciXta {
            dvdv_key: "wgb010540880000".into(),
        });
        after.notes = String::new();
        let (pid, record) = after
            .prerequisites
            .iter_mut()
            .next()
            .expect("the sample has prerequisites");
        let pid = pid.clone();
        record.evidence.insert("neu".into(), "Nachweis".into());
        let changes = compare(&before, &after, &catalog());
        let kinds: Vec<(ChangeArea, ChangeKind, &str)> = changes
            .iter()
            .map(|c| (c.area, c.change, c.path.as_str()))
            .collect();
        assert!(kinds.contains(&(
            ChangeArea::Channels,
            ChangeKind::Changed,
            &*format!("services[{id}].channel.kind")
        )));
        assert!(kinds.contains(&(
            ChangeArea::Channels,
            ChangeKind::Added,
            &*format!("services[{id}].channel.dvdv_key")
        )));
        assert!(kinds.contains(&(
            ChangeArea::Evidence,
            ChangeKind::Added,
            &*format!("prerequisites.{pid}.evidence.neu")
        )));
        assert!(kinds.contains(&(ChangeArea::Notes, ChangeKind::Removed, "notes")));
        let kind = changes
            .iter()
            .find(|c| c.path.ends_with(".channel.kind"))
            .expect("channel kind");
        assert_eq!(
            kind.after.as_deref(),
            Some("OSCI/XTA"),
            "shown by its label"
        );
        // Grouped by area, in the area order.
        let areas: Vec<ChangeArea> = changes.iter().map(|c| c.area).collect();
        let mut sorted = areas.clone();
        sorted.sort();
        assert_eq!(areas, sorted);
    }
}
