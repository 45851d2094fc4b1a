//! "Offene Punkte" as PDF: the next actions in the order they can be done, each with what
//! to do, where it is explained officially, and which services it holds up.

use efa_domain::catalog::Catalog;
use efa_domain::readiness::{self, ItemState, Readiness, ServiceReadiness};
use efa_domain::request::ConnectionRequest;
use efa_domain::route::route_for;

use crate::Generation;
use crate::anschlussantrag::state_mark;
use crate::common::{
    info, municipality_title, page_frame, prerequisite_title, service_name, status_notice, value,
};
use crate::layout::{
    BODY_WIDTH, Block, Flow, RULE_GRAY, Span, Style, heading, link, paragraph, row, rule, span,
};
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

    flow.push(
        paragraph(&[span(SUBJECT, Style::TITLE)], 0.0)
            .then(paragraph(
                &[span(municipality_title(request), Style::SUBTITLE)],
                0.0,
            ))
            .then(Block::space(10.0)),
    );
    flow.push(status_notice(
        generation,
        "Stand der Vorbereitung; der Antrag ist noch nicht eingereicht.",
    ));
    flow.push(Block::space(6.0));
    flow.push(
        row(
            "Land",
            &value(request.municipality.land.map_or("", |l| l.name())),
        )
        .then(row(
            "Vertragsweg",
            &value(route.as_ref().map_or("", |r| r.title)),
        ))
        .then(row(
            "Stand",
            &value(&time::german_datetime(generation.generated_at)),
        )),
    );

    let Some(r) = readiness else {
        flow.push(section_heading("Offene Punkte").then(paragraph(
            &[span(
                "Die offenen Punkte lassen sich bestimmen, sobald die Kommune gewählt ist.",
                Style::LABEL,
            )],
            0.0,
        )));
        return finish(flow, request, generation, fingerprint);
    };

    overview(&mut flow, request, catalog, &r);
    actions(&mut flow, catalog, &r);
    obstacles(&mut flow, catalog, &r);
    finish(flow, request, generation, fingerprint)
}

fn finish(
    flow: Flow,
    request: &ConnectionRequest,
    generation: &Generation<'_>,
    fingerprint: &str,
) -> Vec<u8> {
    let pages = flow.finish(&page_frame(DOCUMENT, request, generation, fingerprint));
    pdf::write(
        &pages,
        &info(DOCUMENT, SUBJECT, request, generation, fingerprint),
    )
}

fn section_heading(title: &str) -> Block {
    heading(title, Style::H2, 12.0).then(rule(0.0, BODY_WIDTH, 3.0, RULE_GRAY))
}

/// One line per selected service: ready, how many points are open, or blocked.
fn overview(flow: &mut Flow, request: &ConnectionRequest, catalog: &Catalog, r: &Readiness) {
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
    flow.push(
        section_heading("Überblick")
            .then(paragraph(&summary, 0.0))
            .then(Block::space(4.0)),
    );
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
        flow.push(paragraph(&spans, 0.0));
    }
}

fn actions(flow: &mut Flow, catalog: &Catalog, r: &Readiness) {
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

        let mut block = heading(
            &format!(
                "{}.  {}",
                i + 1,
                prerequisite_title(catalog, &action.prerequisite)
            ),
            Style::H3,
            8.0,
        )
        .then(Block::space(2.0))
        .then(row("Stand", &state));
        if let Some(p) = prerequisite {
            block = block
                .then(row("Bereich", &[span(p.category.label_de(), Style::BODY)]))
                .then(row(
                    "Worum es geht",
                    &[span(p.explanation.trim(), Style::BODY)],
                ))
                .then(row(
                    "Was ist zu tun?",
                    &[span(p.how_to.trim(), Style::BODY)],
                ))
                .then(row(
                    "Wo?",
                    &match &p.official_link {
                        Some(url) => vec![link(url)],
                        None => vec![span("Kein offizieller Link im Katalog.", Style::LABEL)],
                    },
                ));
            if !p.evidence.is_empty() {
                let fields: Vec<String> = p
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
                block = block.then(row("Festzuhalten", &[span(fields.join("; "), Style::BODY)]));
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
        block = block.then(row("Blockiert", &blocked));
        if i == 0 {
            block = section_heading("Was ist zu tun?").then(block);
        }
        flow.push(block);
    }
}

/// What the checklist cannot resolve: blocked services and unknown ids.
fn obstacles(flow: &mut Flow, catalog: &Catalog, r: &Readiness) {
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
        flow.push(section_heading("Weitere Hindernisse").then(first));
        for b in blocks {
            flow.push(b);
        }
    }
}
