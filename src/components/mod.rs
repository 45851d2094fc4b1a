//! Reusable pieces of the interface, following the GOV.UK/KERN form patterns: one question
//! area per page, labels above inputs, hints and errors wired with `aria-describedby`, an
//! error summary that takes focus.

pub mod combobox;
pub mod downloads;
pub mod draft_actions;
pub mod fields;
pub mod notice;
pub mod page;
pub mod readiness;
pub mod request;
pub mod route;
pub mod summary;

use efa_domain::messages::FieldError;
use efa_domain::path::{FieldPath, PrerequisiteField, ServiceField};

use crate::steps::Step;

/// The DOM id of the input for a request field path (`contacts.vertretung.email` →
/// `f-contacts-vertretung-email`). The error summary links to it.
pub fn field_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    let mut last_dash = false;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
            last_dash = false;
        } else if !last_dash {
            id.push('-');
            last_dash = true;
        }
    }
    id.trim_end_matches('-').to_string()
}

/// Where an error at `path` is shown: some fields are set through another control (the
/// registry fields through the municipality search, a service's choice through the
/// selection list, anything about a prerequisite through its status).
pub fn anchor_for(path: &str) -> String {
    let field = FieldPath::parse(path);
    if field.is_set_by_municipality_choice() {
        return field_id("municipality");
    }
    match field {
        FieldPath::Services
        | FieldPath::Service {
            field: ServiceField::ServiceId,
            ..
        } => field_id("services"),
        FieldPath::Prerequisite {
            id,
            field: PrerequisiteField::Other(_),
        } => field_id(
            &FieldPath::Prerequisite {
                id,
                field: PrerequisiteField::Status,
            }
            .to_string(),
        ),
        _ => field_id(path),
    }
}

/// The step on which the field at `path` is edited.
pub fn step_for(path: &str) -> Step {
    match FieldPath::parse(path) {
        FieldPath::Route | FieldPath::Municipality(_) | FieldPath::Contacts(_) => {
            Step::Municipality
        }
        FieldPath::Services
        | FieldPath::Service {
            field: ServiceField::ServiceId,
            ..
        } => Step::Services,
        FieldPath::Service { .. } => Step::ServiceDetails,
        FieldPath::Prerequisites | FieldPath::Prerequisite { .. } => Step::Prerequisites,
        FieldPath::Declarations(_) | FieldPath::Notes => Step::Submit,
        // The status page, which shares the confirmation's step.
        FieldPath::Answer => Step::Confirmation,
        FieldPath::Meta(_) | FieldPath::Other(_) => Step::Review,
    }
}

/// The errors that belong to `step`.
pub fn errors_for(step: Step, errors: &[FieldError]) -> Vec<FieldError> {
    errors
        .iter()
        .filter(|e| step_for(&e.path) == step)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_valid_html_ids() {
        assert_eq!(
            field_id("contacts.vertretung.email"),
            "f-contacts-vertretung-email"
        );
        assert_eq!(
            field_id("services[2].channel.destination_id"),
            "f-services-2-channel-destination_id"
        );
    }

    #[test]
    fn registry_fields_point_to_the_search() {
        assert_eq!(anchor_for("municipality.ags"), "f-municipality");
        assert_eq!(
            anchor_for("municipality.address.plz"),
            "f-municipality-address-plz"
        );
        assert_eq!(
            anchor_for("prerequisites.dvdv.blocked"),
            "f-prerequisites-dvdv-status"
        );
    }

    #[test]
    fn every_path_has_a_step() {
        assert_eq!(step_for("contacts.fachlich.name"), Step::Municipality);
        assert_eq!(step_for("services"), Step::Services);
        assert_eq!(step_for("services[0].authority.name"), Step::ServiceDetails);
        assert_eq!(step_for("prerequisites.x.evidence.y"), Step::Prerequisites);
        assert_eq!(step_for("declarations.authorised"), Step::Submit);
    }

    /// Every path the validation reports, errors and warnings, belongs to the step where
    /// the clerk can change it; only the fields no clerk edits (version, timestamps) fall
    /// back to the review page.
    #[test]
    fn every_path_the_validation_reports_has_the_step_that_edits_it() {
        use efa_domain::catalog::{Catalog, Channel};
        use efa_domain::readiness::PrereqStatus;
        use efa_domain::registry::Registry;
        use efa_domain::request::{
            ChannelChoice, ConnectionRequest, Contact, Embedding, EmbeddingMode, PrerequisiteRecord,
        };

        let catalog =
            Catalog::from_json(include_str!("../../public/catalog/efa-catalog.json")).unwrap();
        let registry = Registry::parse(include_str!("../../public/data/registry.tsv")).unwrap();
        let mut requests = Vec::new();

        // Nothing given at all.
        requests.push(ConnectionRequest::new("kein Zeitstempel"));
        // Everything given badly: a Gemeindeverband in a Land that asks for the
        // Leitweg-ID, optional contacts begun, one service per channel, evidence of every
        // prerequisite.
        let mut r = ConnectionRequest::new("2026-03-02T09:00:00Z");
        r.set_municipality(registry.find_key("034595402000").unwrap());
        r.municipality.ars = "1".into();
        r.municipality.leitweg_id = "x".into();
        r.contacts.digitalisierung = Some(Contact::default());
        r.contacts.datenschutz = Some(Contact::default());
        let ids: Vec<String> = catalog.services().iter().map(|s| s.id.clone()).collect();
        for (i, channel) in Channel::ALL.into_iter().enumerate() {
            r.add_service(&ids[i]);
            let s = r.services.last_mut().unwrap();
            s.channel = Some(ChannelChoice::empty(channel));
            s.authority.area = vec!["1".into()];
            s.authority.oe_id = "x".into();
            s.authority.bkz = "x".into();
            s.test_date = "x".into();
            s.vendor_contact.email = "x".into();
            s.embedding = Embedding {
                mode: Some(EmbeddingMode::Snippet),
                domains: vec!["https://x".into()],
            };
        }
        r.add_service("gibt-es-nicht");
        r.add_service(&ids[0]);
        for p in catalog.prerequisites() {
            r.prerequisites.insert(
                p.id.clone(),
                PrerequisiteRecord {
                    status: PrereqStatus::Erledigt,
                    evidence: p
                        .evidence
                        .iter()
                        .map(|f| (f.id.clone(), "x".into()))
                        .collect(),
                },
            );
        }
        r.prerequisites
            .insert("gibt-es-nicht".into(), PrerequisiteRecord::default());
        r.notes = "\u{7}".into();
        requests.push(r);

        let mut paths = std::collections::BTreeSet::new();
        for r in &requests {
            let checked = r.check(&catalog, &registry);
            paths.extend(checked.errors.into_iter().map(|e| e.path));
            paths.extend(checked.warnings.into_iter().map(|w| w.path));
        }
        assert!(paths.len() > 60, "too few paths to mean much: {paths:?}");
        for path in &paths {
            // Every reported path has a typed form that gives back the same text.
            let typed = FieldPath::parse(path);
            assert!(
                !matches!(typed, FieldPath::Other(_)),
                "{path} has no typed form"
            );
            assert_eq!(&typed.to_string(), path);
            let step = step_for(path);
            let uneditable =
                ["schema_version", "created_at", "updated_at"].contains(&path.as_str());
            assert_eq!(step == Step::Review, uneditable, "{path} goes to {step:?}");
        }
        // Each part of the journey is reached.
        for step in [
            Step::Municipality,
            Step::Services,
            Step::ServiceDetails,
            Step::Prerequisites,
            Step::Submit,
        ] {
            assert!(paths.iter().any(|p| step_for(p) == step), "{step:?}");
        }
    }
}
