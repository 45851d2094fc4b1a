//! Reusable pieces of the interface, following the GOV.UK/KERN form patterns: one question
//! area per page, labels above inputs, hints and errors wired with `aria-describedby`, an
//! error summary that takes focus.

pub mod combobox;
pub mod fields;
pub mod page;

use efa_domain::messages::FieldError;

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
/// registry fields through the municipality search, a channel's evidence through its
/// input).
pub fn anchor_for(path: &str) -> String {
    let municipality_lookup = [
        "municipality.ars",
        "municipality.ags",
        "municipality.name",
        "municipality.kind",
        "municipality.land",
        "municipality.kreis",
        "municipality",
        "route",
    ];
    if municipality_lookup.contains(&path) {
        return field_id("municipality");
    }
    if path == "services" || (path.starts_with("services[") && path.ends_with("].service_id")) {
        return field_id("services");
    }
    if let Some(rest) = path.strip_prefix("prerequisites.") {
        // "prerequisites.<id>.status" and "prerequisites.<id>.evidence.<field>" have inputs;
        // anything else about the prerequisite goes to its status.
        if rest.contains(".evidence.") || rest.ends_with(".status") {
            return field_id(path);
        }
        let id = rest.split('.').next().unwrap_or(rest);
        return field_id(&format!("prerequisites.{id}.status"));
    }
    field_id(path)
}

/// The step on which the field at `path` is edited.
pub fn step_for(path: &str) -> Step {
    if path.starts_with("municipality") || path.starts_with("contacts") || path == "route" {
        Step::Municipality
    } else if path == "services"
        || (path.starts_with("services[") && path.ends_with("].service_id"))
    {
        Step::Services
    } else if path.starts_with("services[") {
        Step::ServiceDetails
    } else if path.starts_with("prerequisites") {
        Step::Prerequisites
    } else if path.starts_with("declarations") || path == "notes" {
        Step::Submit
    } else {
        Step::Review
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
}
