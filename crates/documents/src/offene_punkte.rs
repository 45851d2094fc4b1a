//! "Offene Punkte" as PDF: the next actions in the order they can be done, each with what
//! to do, where it is explained officially, and which services it holds up.

use efa_domain::catalog::Catalog;
use efa_domain::readiness::{self, ItemState, Readiness, ServiceReadiness};
use efa_domain::request::ConnectionRequest;
use efa_domain::route::route_for;

use crate::Generation;
use crate::anschlussantrag::state_mark;
use crate::common::{
    info, municipality_title, page_frame, prerequisite_title, service_name, status_notice, title,
    value,
};
use crate::draw::{BODY_WIDTH, Block, RULE_GRAY, Span, Style, link, span};
use crate::layout::{Flow, heading, p, paragraph, row, rule};
use crate::structure::{ROOT, Role, Tree};
use crate::{pdf, time};

const DOCUMENT: &str = "Offene Punkte";
const SUBJECT: &str = "Offene Punkte für den Anschluss an EfA-Onlinedienste";

pub(crate) fn render(
    request: &ConnectionRequest,
    catalog: &Catalog,
    generation: &Generation<'_>,
    fingerprint: &str,
) -> Vec<u8> {
    let route = request.municipality.land.map(route_for);
    let readiness = request
        .readiness_input()
        .map(|input| readiness::evaluate(catalog, &input));
    let mut flow = Flow::default();
    let mut tree = Tree::default();
    let t = &mut tree;

    flow.push(title(t, SUBJECT, municipality_title(request)));
    flow.push(status_notice(
        t,
        generation,
        "Stand der Vorbereitung; der Antrag ist noch nicht eingereicht.",
    ));
    flow.push(Block::space(6.0));
    let table = t.add(ROOT, Role::Table);
    flow.push(
        row(
            t,
            table,
            "Land",
            &value(request.municipality.land.map_or("", |l| l.name())),
        )
        .then(row(
            t,
            table,
            "Vertragsweg",
            &value(route.as_ref().map_or("", |r| r.title)),
        ))
        .then(row(
            t,
            table,
            "Für wen",
            &value(&match &route {
                Some(r) => format!(
                    "Die eigene Verwaltung, zur Vorbereitung. Der Antrag geht an {}.",
                    r.operator.name
                ),
                None => "Die eigene Verwaltung, zur Vorbereitung.".to_owned(),
            }),
        ))
        .then(questionnaires(t, table, request, catalog))
        .then(row(
            t,
            table,
            "Stand",
            &value(&time::german_datetime(generation.generated_at)),
        )),
    );

    if let Some(r) = readiness {
        overview(&mut flow, t, request, catalog, &r);
        actions(&mut flow, t, catalog, &r);
        obstacles(&mut flow, t, catalog, &r);
    } else {
        let heading = section_heading(t, "Offene Punkte");
        flow.push(heading.then(p(
            t,
            ROOT,
            &[span(
                "Die offenen Punkte lassen sich bestimmen, sobald die Kommune gewählt ist.",
                Style::LABEL,
            )],
        )));
    }

    let pages = flow.finish(
        &page_frame(DOCUMENT, request, generation, fingerprint),
        &mut tree,
    );
    pdf::write(
        &pages,
        &tree,
        &info(DOCUMENT, SUBJECT, request, generation, fingerprint),
    )
}

/// The operators' own onboarding forms the selected services need, where a source names
/// one: the clerk sends them besides the Anschlussantrag.
fn questionnaires(
    t: &mut Tree,
    table: crate::structure::NodeId,
    request: &ConnectionRequest,
    catalog: &Catalog,
) -> Block {
    let lines: Vec<String> = request
        .services
        .iter()
        .filter_map(|s| {
            let q = catalog.service(&s.service_id)?.questionnaire.as_ref()?;
            Some(format!(
                "{}: {} an {}",
                service_name(catalog, &s.service_id),
                q.form.trim(),
                q.recipient.trim()
            ))
        })
        .collect();
    if lines.is_empty() {
        return Block::default();
    }
    row(
        t,
        table,
        "Anbindungswege der Betreiber",
        &value(&lines.join("\n")),
    )
}

fn section_heading(t: &mut Tree, title: &str) -> Block {
    heading(t, Role::H2, title, Style::H2, 12.0).then(rule(0.0, BODY_WIDTH, 3.0, RULE_GRAY))
}

/// One line per selected service: ready, how many points are open, or blocked.
fn overview(
    flow: &mut Flow,
    t: &mut Tree,
    request: &ConnectionRequest,
    catalog: &Catalog,
    r: &Readiness,
) {
    let open = r.next_actions.len();
    let startable = r.next_actions.iter().filter(|a| a.can_start).count();
    let summary = if open == 0 {
        vec![span(
            "Alle Voraussetzungen der gewählten Leistungen sind erfüllt.",
            Style::STRONG,
        )]
    } else {
        vec![
            span(
                if open == 1 {
                    "1 offener Punkt".to_owned()
                } else {
                    format!("{open} offene Punkte")
                },
                Style::ALERT,
            ),
            span(
                format!(
                    ". {startable} davon können Sie sofort angehen; die übrigen warten auf andere Punkte. \
                     Die Reihenfolge unten berücksichtigt, was wovon abhängt."
                ),
                Style::BODY,
            ),
        ]
    };
    let heading = section_heading(t, "Überblick");
    flow.push(heading.then(p(t, ROOT, &summary)).then(Block::space(4.0)));
    // One item per service, without a label: the service's name begins each line.
    let list = t.add(ROOT, Role::L { numbered: false });
    for s in &request.services {
        let mut spans = vec![
            span(service_name(catalog, &s.service_id), Style::STRONG),
            span(": ", Style::BODY),
        ];
        spans.extend(match r.service(&s.service_id) {
            None => vec![span("nicht im Katalog", Style::ALERT)],
            Some(ServiceReadiness::Bereit) => vec![span("bereit", Style::BODY)],
            Some(ServiceReadiness::OffenePunkte { open }) => vec![span(
                if open.len() == 1 {
                    "1 offener Punkt".to_owned()
                } else {
                    format!("{} offene Punkte", open.len())
                },
                Style::ALERT,
            )],
            Some(ServiceReadiness::Blockiert { .. }) => {
                vec![span(
                    "blockiert (siehe „Weitere Hindernisse“)",
                    Style::ALERT,
                )]
            }
        });
        // The standard the Fachverfahren must speak, where a source names it: the clerk
        // checks it with the vendor.
        if let Some(standard) = catalog
            .service(&s.service_id)
            .and_then(|e| e.data_standard.as_deref())
        {
            spans.push(span(
                format!(" · Datenaustauschstandard (XÖV): {standard}"),
                Style::BODY,
            ));
        }
        let li = t.add(list, Role::LI);
        let body = t.add(li, Role::LBody);
        flow.push(paragraph(&spans, 0.0).tag(body));
    }
}

fn actions(flow: &mut Flow, t: &mut Tree, catalog: &Catalog, r: &Readiness) {
    if r.next_actions.is_empty() {
        return;
    }
    let selected = r.services.len();
    for (i, action) in r.next_actions.iter().enumerate() {
        let item = r.item(&action.prerequisite);
        let prerequisite = catalog.prerequisite(&action.prerequisite);

        let mut state = vec![state_mark(action.state)];
        match (action.can_start, action.state) {
            // Work has begun and nothing stands in its way: the mark says it all.
            (true, ItemState::InArbeit) => {}
            (true, _) => state.push(span(" – kann sofort begonnen werden", Style::BODY)),
            (false, _) => {
                let waits: Vec<String> = item
                    .map(|it| {
                        it.blocked_by
                            .iter()
                            .map(|p| prerequisite_title(catalog, p))
                            .collect()
                    })
                    .unwrap_or_default();
                state.push(span(
                    format!(" – wartet auf: {}", waits.join("; ")),
                    Style::BODY,
                ));
            }
        }

        let section = (i == 0).then(|| section_heading(t, "Was ist zu tun?"));
        let mut block = heading(
            t,
            Role::H3,
            &format!(
                "{}.  {}",
                i + 1,
                prerequisite_title(catalog, &action.prerequisite)
            ),
            Style::H3,
            8.0,
        )
        .then(Block::space(2.0));
        let table = t.add(ROOT, Role::Table);
        block = block.then(row(t, table, "Stand", &state));
        if let Some(pre) = prerequisite {
            block = block
                .then(row(
                    t,
                    table,
                    "Bereich",
                    &[span(pre.category.label_de(), Style::BODY)],
                ))
                .then(row(
                    t,
                    table,
                    "Worum es geht",
                    &[span(pre.explanation.trim(), Style::BODY)],
                ))
                .then(row(
                    t,
                    table,
                    "Was ist zu tun?",
                    &[span(pre.how_to.trim(), Style::BODY)],
                ))
                .then(row(
                    t,
                    table,
                    "Wo?",
                    &match &pre.official_link {
                        Some(url) => vec![link(url)],
                        None => vec![span("Kein offizieller Link im Katalog.", Style::LABEL)],
                    },
                ));
            if !pre.evidence.is_empty() {
                let fields: Vec<String> = pre
                    .evidence
                    .iter()
                    .map(|f| {
                        if f.optional {
                            format!("{} (freiwillig)", f.label)
                        } else {
                            f.label.clone()
                        }
                    })
                    .collect();
                block = block.then(row(
                    t,
                    table,
                    "Festzuhalten",
                    &[span(fields.join("; "), Style::BODY)],
                ));
            }
        }
        let blocked: Vec<Span> = match item {
            Some(it) if it.services.len() == selected && selected > 1 => {
                vec![span("alle beantragten Leistungen", Style::BODY)]
            }
            Some(it) => vec![span(
                it.services
                    .iter()
                    .map(|s| service_name(catalog, s))
                    .collect::<Vec<_>>()
                    .join("; "),
                Style::BODY,
            )],
            None => Vec::new(),
        };
        block = block.then(row(t, table, "Blockiert", &blocked));
        match section {
            Some(section) => flow.push(section.then(block)),
            None => flow.push(block),
        }
    }
}

/// What the checklist cannot resolve: blocked services and unknown ids.
fn obstacles(flow: &mut Flow, t: &mut Tree, catalog: &Catalog, r: &Readiness) {
    // The paragraphs are built first and tagged once the heading exists, so that the
    // heading comes first in the structure.
    let mut blocks = Vec::new();
    for entry in &r.services {
        if let ServiceReadiness::Blockiert { reasons, .. } = &entry.readiness {
            let text: Vec<String> = reasons.iter().map(|x| x.text_de()).collect();
            blocks.push(paragraph(
                &[
                    span(service_name(catalog, &entry.service), Style::STRONG),
                    span(": ", Style::BODY),
                    span(text.join(" "), Style::BODY),
                ],
                0.0,
            ));
        }
    }
    for id in &r.unknown_services {
        blocks.push(paragraph(
            &[
                span(id.as_str(), Style::STRONG),
                span(": Diese Leistung steht nicht im Katalog.", Style::BODY),
            ],
            0.0,
        ));
    }
    let mut blocks = blocks.into_iter();
    if let Some(first) = blocks.next() {
        let heading = section_heading(t, "Weitere Hindernisse");
        let node = t.add(ROOT, Role::P);
        flow.push(heading.then(first.tag(node)));
        for b in blocks {
            let node = t.add(ROOT, Role::P);
            flow.push(b.tag(node));
        }
    }
}
