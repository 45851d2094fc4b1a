//! Cross-entry checks of a parsed catalog: ids, duplicates, references, cycles, URLs.
//!
//! Everything is collected instead of stopping at the first problem, so an operator can
//! fix a whole edit in one go.

use std::collections::{HashMap, HashSet};

use super::error::{CatalogError, Entry};
use super::model::{CatalogData, Channel, Prerequisite, Service};

/// Whether `id` is a kebab-case slug: `a-z`, `0-9`, single inner hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `url` looks like an absolute http(s) URL. Deliberately shallow: the catalog
/// keeps the research's URLs byte for byte, some of which are plain `http://`.
pub fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => !rest.is_empty() && !url.chars().any(char::is_whitespace),
        None => false,
    }
}

/// Whether `key` has the Leika format: exactly 14 ASCII digits.
pub fn is_leika_key(key: &str) -> bool {
    key.len() == 14 && key.bytes().all(|b| b.is_ascii_digit())
}

/// All problems of `data`, in file order.
pub fn validate(data: &CatalogData, supported_schema: u32) -> Vec<CatalogError> {
    let mut errors = Vec::new();
    if data.schema_version != supported_schema {
        errors.push(CatalogError::UnsupportedSchemaVersion {
            found: data.schema_version,
            supported: supported_schema,
        });
    }
    if data.catalog_version.trim().is_empty() {
        errors.push(CatalogError::EmptyText {
            entry: Entry::Catalog,
            field: "catalog_version",
        });
    }

    let prerequisite_ids: HashSet<&str> =
        data.prerequisites.iter().map(|p| p.id.as_str()).collect();
    let service_ids: HashSet<&str> = data.services.iter().map(|s| s.id.as_str()).collect();

    let mut seen_services = HashSet::new();
    for service in &data.services {
        if !seen_services.insert(service.id.as_str()) {
            errors.push(CatalogError::DuplicateService {
                id: service.id.clone(),
            });
        }
        check_service(service, &prerequisite_ids, &mut errors);
    }

    check_reference_list(
        &Entry::CommonPrerequisites,
        "common_prerequisites",
        &data.common_prerequisites,
        &prerequisite_ids,
        &mut errors,
    );

    let mut seen_prerequisites = HashSet::new();
    for prerequisite in &data.prerequisites {
        if !seen_prerequisites.insert(prerequisite.id.as_str()) {
            errors.push(CatalogError::DuplicatePrerequisite {
                id: prerequisite.id.clone(),
            });
        }
        check_prerequisite(prerequisite, &prerequisite_ids, &service_ids, &mut errors);
    }

    errors.extend(find_cycles(&data.prerequisites));
    errors
}

fn check_text(entry: &Entry, field: &'static str, value: &str, errors: &mut Vec<CatalogError>) {
    if value.trim().is_empty() {
        errors.push(CatalogError::EmptyText {
            entry: entry.clone(),
            field,
        });
    }
}

fn check_optional_text(
    entry: &Entry,
    field: &'static str,
    value: Option<&str>,
    errors: &mut Vec<CatalogError>,
) {
    // `null` states "unknown"; an empty string would hide that, so it is rejected.
    if let Some(value) = value {
        check_text(entry, field, value, errors);
    }
}

fn check_sources(
    entry: &Entry,
    field: &'static str,
    sources: &[String],
    errors: &mut Vec<CatalogError>,
) {
    if sources.is_empty() {
        errors.push(CatalogError::MissingSources {
            entry: entry.clone(),
            field,
        });
    }
    let mut seen = HashSet::new();
    for url in sources {
        if !is_http_url(url) {
            errors.push(CatalogError::InvalidUrl {
                entry: entry.clone(),
                field,
                url: url.clone(),
            });
        } else if !seen.insert(url.as_str()) {
            errors.push(CatalogError::DuplicateReference {
                entry: entry.clone(),
                list: field,
                id: url.clone(),
            });
        }
    }
}

/// Checks a list of prerequisite ids: each must exist and appear once.
fn check_reference_list(
    entry: &Entry,
    list: &'static str,
    ids: &[String],
    known: &HashSet<&str>,
    errors: &mut Vec<CatalogError>,
) {
    let mut seen = HashSet::new();
    for id in ids {
        if !known.contains(id.as_str()) {
            errors.push(CatalogError::UnknownPrerequisite {
                entry: entry.clone(),
                prerequisite: id.clone(),
            });
        } else if !seen.insert(id.as_str()) {
            errors.push(CatalogError::DuplicateReference {
                entry: entry.clone(),
                list,
                id: id.clone(),
            });
        }
    }
}

fn check_service(
    service: &Service,
    prerequisite_ids: &HashSet<&str>,
    errors: &mut Vec<CatalogError>,
) {
    let entry = Entry::Service(service.id.clone());
    if !is_kebab_case(&service.id) {
        errors.push(CatalogError::InvalidId {
            entry: entry.clone(),
            id: service.id.clone(),
        });
    }
    check_text(&entry, "name", &service.name, errors);
    check_text(&entry, "description", &service.description, errors);
    check_optional_text(
        &entry,
        "ozg_leistung",
        service.ozg_leistung.as_deref(),
        errors,
    );
    check_optional_text(&entry, "ozg_id", service.ozg_id.as_deref(), errors);
    check_optional_text(&entry, "themenfeld", service.themenfeld.as_deref(), errors);
    check_optional_text(
        &entry,
        "provider.text",
        service.provider.text.as_deref(),
        errors,
    );
    check_optional_text(&entry, "platform", service.platform.as_deref(), errors);
    check_optional_text(
        &entry,
        "responsible_authority",
        service.responsible_authority.as_deref(),
        errors,
    );
    check_optional_text(
        &entry,
        "data_standard",
        service.data_standard.as_deref(),
        errors,
    );
    if let Some(q) = &service.questionnaire {
        check_optional_text(&entry, "questionnaire.form", Some(&q.form), errors);
        check_optional_text(
            &entry,
            "questionnaire.recipient",
            Some(&q.recipient),
            errors,
        );
        check_optional_text(&entry, "questionnaire.source", Some(&q.source), errors);
    }

    let mut seen_keys = HashSet::new();
    for leika in service.leika.iter().flatten() {
        if !is_leika_key(&leika.key) {
            errors.push(CatalogError::InvalidLeikaKey {
                service: service.id.clone(),
                key: leika.key.clone(),
            });
        } else if !seen_keys.insert(leika.key.as_str()) {
            errors.push(CatalogError::DuplicateLeikaKey {
                service: service.id.clone(),
                key: leika.key.clone(),
            });
        }
        check_optional_text(&entry, "leika[].label", leika.label.as_deref(), errors);
    }

    let mut seen_channels = HashSet::new();
    for option in service.channels.iter().flatten() {
        if !seen_channels.insert(option.channel) {
            errors.push(CatalogError::DuplicateChannel {
                service: service.id.clone(),
                channel: option.channel,
            });
        }
        if let Some(categories) = &option.dvdv_categories {
            if option.channel != Channel::OsciXta {
                errors.push(CatalogError::DvdvCategoryWithoutOsci {
                    service: service.id.clone(),
                    channel: option.channel,
                });
            }
            for category in categories {
                check_text(&entry, "channels[].dvdv_categories[]", category, errors);
            }
        }
        check_optional_text(&entry, "channels[].note", option.note.as_deref(), errors);
    }

    for (field, evidence) in [
        ("availability.bayern", &service.availability.bayern),
        ("availability.nrw", &service.availability.nrw),
    ] {
        if let Some(evidence) = evidence {
            check_text(&entry, field, &evidence.text, errors);
            check_sources(&entry, field, &evidence.sources, errors);
        }
    }

    check_reference_list(
        &entry,
        "prerequisites",
        &service.prerequisites,
        prerequisite_ids,
        errors,
    );
    for note in &service.notes {
        check_text(&entry, "notes[]", note, errors);
    }
    check_sources(&entry, "sources", &service.sources, errors);
}

fn check_prerequisite(
    prerequisite: &Prerequisite,
    prerequisite_ids: &HashSet<&str>,
    service_ids: &HashSet<&str>,
    errors: &mut Vec<CatalogError>,
) {
    let entry = Entry::Prerequisite(prerequisite.id.clone());
    if !is_kebab_case(&prerequisite.id) {
        errors.push(CatalogError::InvalidId {
            entry: entry.clone(),
            id: prerequisite.id.clone(),
        });
    }
    check_text(&entry, "title", &prerequisite.title, errors);
    check_text(&entry, "explanation", &prerequisite.explanation, errors);
    check_text(&entry, "how_to", &prerequisite.how_to, errors);
    if let Some(link) = &prerequisite.official_link
        && !is_http_url(link)
    {
        errors.push(CatalogError::InvalidUrl {
            entry: entry.clone(),
            field: "official_link",
            url: link.clone(),
        });
    }

    for service in &prerequisite.applies_if.services {
        if !service_ids.contains(service.as_str()) {
            errors.push(CatalogError::UnknownServiceInCondition {
                prerequisite: prerequisite.id.clone(),
                service: service.clone(),
            });
        }
    }

    let mut seen_deps = HashSet::new();
    for dep in &prerequisite.depends_on {
        if !prerequisite_ids.contains(dep.as_str()) {
            errors.push(CatalogError::UnknownDependency {
                prerequisite: prerequisite.id.clone(),
                depends_on: dep.clone(),
            });
        } else if !seen_deps.insert(dep.as_str()) {
            errors.push(CatalogError::DuplicateReference {
                entry: entry.clone(),
                list: "depends_on",
                id: dep.clone(),
            });
        }
    }

    let mut seen_fields = HashSet::new();
    for field in &prerequisite.evidence {
        if !is_kebab_case(&field.id) {
            errors.push(CatalogError::InvalidEvidenceId {
                prerequisite: prerequisite.id.clone(),
                field: field.id.clone(),
            });
        } else if !seen_fields.insert(field.id.as_str()) {
            errors.push(CatalogError::DuplicateEvidenceField {
                prerequisite: prerequisite.id.clone(),
                field: field.id.clone(),
            });
        }
        check_text(&entry, "evidence[].label", &field.label, errors);
    }

    check_sources(&entry, "sources", &prerequisite.sources, errors);
}

/// Every dependency cycle among prerequisites, each as a closed path (`a -> b -> a`).
///
/// Iterative depth-first search in file order, so the result is deterministic and deep
/// chains cannot overflow the stack. Each back edge yields one cycle. Unknown ids are
/// skipped here; they are reported separately. With duplicate ids the first definition
/// wins, also reported separately.
pub fn find_cycles(prerequisites: &[Prerequisite]) -> Vec<CatalogError> {
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(prerequisites.len());
    for (i, p) in prerequisites.iter().enumerate() {
        index.entry(p.id.as_str()).or_insert(i);
    }
    let edges: Vec<Vec<usize>> = prerequisites
        .iter()
        .map(|p| {
            p.depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()).copied())
                .collect()
        })
        .collect();

    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut colour = vec![WHITE; prerequisites.len()];
    let mut cycles = Vec::new();
    // (node, index of the next edge to follow)
    let mut stack: Vec<(usize, usize)> = Vec::new();

    for root in 0..prerequisites.len() {
        if colour[root] != WHITE {
            continue;
        }
        colour[root] = GREY;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            let Some(&child) = edges[node].get(top.1) else {
                colour[node] = BLACK;
                stack.pop();
                continue;
            };
            top.1 += 1;
            match colour[child] {
                WHITE => {
                    colour[child] = GREY;
                    stack.push((child, 0));
                }
                GREY => {
                    // The grey nodes on the stack from `child` upwards form the cycle.
                    let start = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[start..]
                        .iter()
                        .map(|&(n, _)| prerequisites[n].id.clone())
                        .collect();
                    cycle.push(prerequisites[child].id.clone());
                    cycles.push(CatalogError::DependencyCycle { cycle });
                }
                _ => {}
            }
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_rule() {
        let cases = [
            ("ewa", true),
            ("fit-connect-zustellpunkt", true),
            ("a1-b2", true),
            ("", false),
            ("-a", false),
            ("a-", false),
            ("a--b", false),
            ("A", false),
            ("a_b", false),
            ("a b", false),
            ("ä", false),
        ];
        for (id, ok) in cases {
            assert_eq!(is_kebab_case(id), ok, "{id:?}");
        }
    }

    #[test]
    fn url_rule() {
        let cases = [
            ("https://www.d-nrw.de/wohngeld", true),
            ("http://d-nrw.de/kommunalvertreter/fragen-zu-kosten-1", true),
            ("https://", false),
            ("ftp://x", false),
            ("www.example.org", false),
            ("https://a b", false),
        ];
        for (url, ok) in cases {
            assert_eq!(is_http_url(url), ok, "{url:?}");
        }
    }

    #[test]
    fn leika_rule() {
        let cases = [
            ("99115005104000", true),
            ("9911500510400", false),
            ("991150051040000", false),
            ("9911500510400a", false),
            ("", false),
        ];
        for (key, ok) in cases {
            assert_eq!(is_leika_key(key), ok, "{key:?}");
        }
    }
}
