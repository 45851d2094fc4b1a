//! The Anschlussantrag as PDF: everything the operator needs to connect the municipality,
//! in the order a clerk at the operator works through it, and a signature block.

use efa_domain::catalog::{Catalog, Channel, EvidenceKind, UNKNOWN_LABEL};
use efa_domain::messages::{Declaration, Lang, declaration_label};
use efa_domain::readiness::{self, ItemState, Readiness, ServiceReadiness};
use efa_domain::request::{Authority, ChannelChoice, ConnectionRequest, Contact, ContactRole};
use efa_domain::route::{LandRoute, route_for};

use crate::Generation;
use crate::common::{
    NOT_GIVEN, info, municipality_title, page_frame, prerequisite_title, service_name,
    status_notice, value,
};
use crate::layout::{
    BLACK, BODY_WIDTH, Block, Flow, RULE_GRAY, Span, Style, columns, heading, paragraph, row, rule,
    span,
};
use crate::{pdf, time};

/// Short name of the document, in the header and the metadata title.
const DOCUMENT: &str = "Anschlussantrag";
const SUBJECT: &str = "Antrag auf Anschluss an EfA-Onlinedienste";

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
                &[span(
                    format!(
                        "{} · nach dem Prinzip „Einer für Alle“ (EfA)",
                        municipality_title(request)
                    ),
                    Style::SUBTITLE,
                )],
                0.0,
            ))
            .then(Block::space(10.0)),
    );
    flow.push(status_notice(
        generation,
        "Dieser Antrag ist noch nicht eingereicht und hat noch kein Aktenzeichen. Er dient der \
         Abstimmung im eigenen Haus; bitte weder unterschreiben noch versenden.",
    ));
    flow.push(Block::space(6.0));
    flow.push(recipient(route.as_ref(), generation));

    section(
        &mut flow,
        "1",
        "Antragstellende Kommune",
        municipality(request),
    );
    section(&mut flow, "2", "Ansprechpersonen", contacts(request));
    services(&mut flow, request, catalog, readiness.as_ref());
    // Steps tied to a channel (DVDV, DataClearing NRW) only where a service uses it.
    let channels = readiness
        .as_ref()
        .map(Readiness::channels_in_use)
        .unwrap_or_default();
    contract_route(&mut flow, route.as_ref(), &channels);
    prerequisites(&mut flow, request, catalog, readiness.as_ref());
    let mut next = 6;
    if !request.notes.trim().is_empty() {
        section(
            &mut flow,
            "6",
            "Bemerkungen",
            paragraph(&[span(request.notes.trim(), Style::BODY)], 0.0),
        );
        next = 7;
    }
    section(
        &mut flow,
        &next.to_string(),
        "Erklärungen",
        declarations(request),
    );
    section(
        &mut flow,
        &(next + 1).to_string(),
        "Unterschrift",
        signature(request),
    );

    let pages = flow.finish(&page_frame(DOCUMENT, request, generation, fingerprint));
    pdf::write(
        &pages,
        &info(DOCUMENT, SUBJECT, request, generation, fingerprint),
    )
}

/// A numbered section heading, kept on the page of the section's first block.
fn section(flow: &mut Flow, number: &str, title: &str, first: Block) {
    flow.push(section_heading(number, title).then(first));
}

fn section_heading(number: &str, title: &str) -> Block {
    heading(&format!("{number}  {title}"), Style::H2, 12.0)
        .then(rule(0.0, BODY_WIDTH, 3.0, RULE_GRAY))
}

fn recipient(route: Option<&LandRoute>, generation: &Generation<'_>) -> Block {
    let mut block = match route {
        Some(route) => {
            let mut to = vec![span(route.operator.name, Style::STRONG)];
            if let Some(address) = route.operator.address {
                to.push(span(format!(", {address}"), Style::BODY));
            }
            if let Some(mail) = route.operator.contact_email {
                to.push(span(format!(", {mail}"), Style::BODY));
            }
            row("Empfänger", &to)
                .then(row("Rolle", &[span(route.operator.role, Style::BODY)]))
                .then(row("Vertragsweg", &[span(route.title, Style::BODY)]))
        }
        None => row(
            "Empfänger",
            &[span(
                "ergibt sich aus dem Land der Kommune (noch nicht gewählt)",
                Style::LABEL,
            )],
        ),
    };
    if let Some(s) = generation.submission {
        block = block
            .then(row(
                "Aktenzeichen",
                &[span(s.reference.trim(), Style::STRONG)],
            ))
            .then(row(
                "Eingegangen am",
                &value(&time::german_datetime(&s.received_at)),
            ));
    }
    block
}

fn municipality(request: &ConnectionRequest) -> Block {
    let m = &request.municipality;
    row("Name", &value(&m.name))
        .then(row("Art", &value(m.kind.map_or("", |k| k.label(Lang::De)))))
        .then(row("Amtlicher Regionalschlüssel (ARS)", &value(&m.ars)))
        .then(row(
            "Amtlicher Gemeindeschlüssel (AGS)",
            &value(
                if m.ags.trim().is_empty() && m.kind.is_some_and(|k| k.is_gemeindeverband()) {
                    efa_domain::messages::no_ags(Lang::De)
                } else {
                    &m.ags
                },
            ),
        ))
        .then(row("Land", &value(m.land.map_or("", |l| l.name()))))
        .then(row("Kreis", &value(m.kreis.as_deref().unwrap_or(""))))
        .then(row(
            "Anschrift der Verwaltung",
            &value(&address(&m.address)),
        ))
}

fn address(a: &efa_domain::request::Address) -> String {
    let place = format!("{} {}", a.plz.trim(), a.ort.trim());
    [a.street.trim(), place.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn contacts(request: &ConnectionRequest) -> Block {
    let c = &request.contacts;
    let mut block = Block::default();
    for role in ContactRole::ALL {
        let contact = match role {
            ContactRole::Vertretung => Some(&c.vertretung),
            ContactRole::Digitalisierung => c.digitalisierung.as_ref(),
            ContactRole::Fachlich => Some(&c.fachlich),
            ContactRole::Technisch => Some(&c.technisch),
            ContactRole::Datenschutz => c.datenschutz.as_ref(),
        };
        let spans = match contact {
            Some(p) => person(p),
            None => vec![span("nicht benannt", Style::LABEL)],
        };
        block = block.then(row(role.label(Lang::De), &spans));
    }
    block.then(row("Funktionspostfach", &value(&c.funktionspostfach)))
}

/// Name and function on the first line, e-mail and phone below.
fn person(p: &Contact) -> Vec<Span> {
    let mut spans = value(&p.name);
    if !p.function.trim().is_empty() {
        spans.push(span(format!(", {}", p.function.trim()), Style::BODY));
    }
    labelled(&mut spans, "E-Mail", &p.email);
    labelled(&mut spans, "Telefon", &p.phone);
    spans
}

/// Appends "\nlabel: value" if the value is given.
fn labelled(spans: &mut Vec<Span>, label: &str, text: &str) {
    if !text.trim().is_empty() {
        spans.push(span(format!("\n{label}: "), Style::LABEL));
        spans.push(span(text.trim(), Style::BODY));
    }
}

fn services(
    flow: &mut Flow,
    request: &ConnectionRequest,
    catalog: &Catalog,
    readiness: Option<&Readiness>,
) {
    let title = format!("Beantragte Leistungen ({})", request.services.len());
    if request.services.is_empty() {
        section(
            flow,
            "3",
            &title,
            paragraph(&[span("Keine Leistung gewählt.", Style::ALERT)], 0.0),
        );
        return;
    }
    for (i, s) in request.services.iter().enumerate() {
        let entry = catalog.service(&s.service_id);
        let mut block = heading(
            &format!("3.{}  {}", i + 1, service_name(catalog, &s.service_id)),
            Style::H3,
            8.0,
        )
        .then(Block::space(2.0))
        .then(row("Katalog-ID", &value(&s.service_id)));

        let leika: Vec<String> = entry
            .and_then(|e| e.leika.as_ref())
            .map(|keys| {
                keys.iter()
                    .map(|k| match &k.label {
                        Some(label) => format!("{} ({label})", k.key),
                        None => k.key.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        block = block.then(row("Leika-Schlüssel", &known(&leika.join("\n"))));

        let provider = entry.and_then(|e| {
            e.provider
                .umsetzendes_land
                .map(|l| l.name().to_owned())
                .or_else(|| e.provider.text.clone())
        });
        block = block
            .then(row(
                "Umsetzendes Land",
                &known(provider.as_deref().unwrap_or("")),
            ))
            .then(row(
                "Plattform / Betreiber",
                &known(entry.and_then(|e| e.platform.as_deref()).unwrap_or("")),
            ))
            .then(row(
                "Zuständige Organisationseinheit",
                &authority(&s.authority),
            ))
            .then(row("Übertragungsweg", &channel(s.channel.as_ref())))
            .then(row("Fachverfahren", &value(&s.fachverfahren)))
            .then(row("Hersteller des Fachverfahrens", &value(&s.vendor)))
            .then(row(
                "Gewünschter Testtermin",
                &value(&time::german_date(&s.test_date)),
            ))
            .then(row(
                "Gewünschter Produktivstart",
                &value(&time::german_date(&s.go_live_date)),
            ))
            .then(row(
                "Voraussetzungen",
                &service_status(catalog, readiness, &s.service_id),
            ));
        if i == 0 {
            flow.push(section_heading("3", &title).then(block));
        } else {
            flow.push(block);
        }
    }
}

/// A catalog fact, or a grey "unbekannt" when no source gives it.
fn known(text: &str) -> Vec<Span> {
    if text.trim().is_empty() {
        vec![span(UNKNOWN_LABEL, Style::LABEL)]
    } else {
        vec![span(text.trim(), Style::BODY)]
    }
}

fn authority(a: &Authority) -> Vec<Span> {
    let mut spans = value(&a.name);
    if !a.kind.trim().is_empty() {
        spans.push(span(format!(" ({})", a.kind.trim()), Style::BODY));
    }
    labelled(&mut spans, "OE-ID", &a.oe_id);
    labelled(&mut spans, "BKZ", &a.bkz);
    labelled(&mut spans, "Anschrift", &address(&a.address));
    labelled(&mut spans, "E-Mail", &a.email);
    labelled(&mut spans, "Telefon", &a.phone);
    spans
}

fn channel(choice: Option<&ChannelChoice>) -> Vec<Span> {
    let Some(choice) = choice else {
        return vec![span("OFFEN: noch nicht gewählt", Style::ALERT)];
    };
    let (label, address) = match choice {
        ChannelChoice::FitConnect { destination_id } => (
            EvidenceKind::FitConnectDestinationId.label_de(),
            destination_id,
        ),
        ChannelChoice::OsciXta { dvdv_key } => (
            EvidenceKind::DvdvOrganisationsschluessel.label_de(),
            dvdv_key,
        ),
        ChannelChoice::PdfDownload { funktionspostfach } => {
            ("Funktionspostfach", funktionspostfach)
        }
        ChannelChoice::Email { address } => (EvidenceKind::Email.label_de(), address),
    };
    let mut spans = vec![
        span(choice.channel().label_de(), Style::BODY),
        span(format!("\n{label}: "), Style::LABEL),
    ];
    spans.extend(value(address));
    spans
}

/// "Erfüllt", or the open prerequisites of the service, marked in red.
fn service_status(catalog: &Catalog, readiness: Option<&Readiness>, id: &str) -> Vec<Span> {
    let Some(r) = readiness else {
        return vec![span(
            "noch nicht bestimmbar (die Kommune ist noch nicht gewählt)",
            Style::LABEL,
        )];
    };
    let total = r
        .checklist
        .iter()
        .flat_map(|g| &g.items)
        .filter(|item| item.services.iter().any(|s| s == id))
        .count();
    let titles = |open: &[String]| {
        open.iter()
            .map(|p| prerequisite_title(catalog, p))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match r.service(id) {
        None => vec![span("nicht im Katalog", Style::ALERT)],
        Some(ServiceReadiness::Bereit) => vec![
            span("Erfüllt", Style::STRONG),
            span(
                format!(" – alle {total} Voraussetzungen sind erledigt."),
                Style::BODY,
            ),
        ],
        Some(ServiceReadiness::OffenePunkte { open }) => vec![
            span("OFFEN", Style::ALERT),
            span(
                format!(
                    " – {} von {total} Voraussetzungen nicht erfüllt: {}",
                    open.len(),
                    titles(open)
                ),
                Style::BODY,
            ),
        ],
        Some(ServiceReadiness::Blockiert { reasons, open }) => {
            let mut text: Vec<String> = reasons.iter().map(|r| r.text_de()).collect();
            if !open.is_empty() {
                text.push(format!("Nicht erfüllt: {}", titles(open)));
            }
            vec![
                span("BLOCKIERT", Style::ALERT),
                span(format!(" – {}", text.join(" ")), Style::BODY),
            ]
        }
    }
}

fn contract_route(flow: &mut Flow, route: Option<&LandRoute>, channels: &[Channel]) {
    let Some(route) = route else {
        section(
            flow,
            "4",
            "Vertragsweg",
            paragraph(
                &[span(
                    "Der Vertragsweg ergibt sich aus dem Land der Kommune; die Kommune ist noch nicht gewählt.",
                    Style::LABEL,
                )],
                0.0,
            ),
        );
        return;
    };
    section(
        flow,
        "4",
        &format!("Vertragsweg: {}", route.title),
        paragraph(&[span(route.summary, Style::BODY)], 0.0).then(Block::space(4.0)),
    );
    for (i, step) in route.steps_for(channels).iter().enumerate() {
        flow.push(
            columns(
                &[span(format!("{}.", i + 1), Style::STRONG)],
                &[
                    span(step.title, Style::STRONG),
                    span(format!(" ({})", step.frequency.label_de()), Style::LABEL),
                    span(format!("\n{}", step.explanation), Style::BODY),
                ],
                0.0,
                12.0,
            )
            .then(Block::space(2.0)),
        );
    }
    for note in &route.notes {
        flow.push(paragraph(
            &[
                span(
                    format!("Hinweis für {}: ", route.land.name()),
                    Style::STRONG,
                ),
                span(note.text, Style::BODY),
            ],
            0.0,
        ));
    }
}

/// The state of a checklist item as a short mark; open states in red capitals.
pub(crate) fn state_mark(state: ItemState) -> Span {
    match state {
        ItemState::Erledigt => span("Erledigt", Style::STRONG),
        ItemState::NichtZutreffend => span("Nicht zutreffend", Style::LABEL),
        ItemState::InArbeit => span("IN ARBEIT", Style::ALERT),
        ItemState::Offen => span("OFFEN", Style::ALERT),
        ItemState::KannNochNichtBegonnenWerden => span("OFFEN (wartet)", Style::ALERT),
    }
}

fn prerequisites(
    flow: &mut Flow,
    request: &ConnectionRequest,
    catalog: &Catalog,
    readiness: Option<&Readiness>,
) {
    const TITLE: &str = "Stand der Voraussetzungen";
    let Some(r) = readiness else {
        section(
            flow,
            "5",
            TITLE,
            paragraph(
                &[span(
                    "Die Voraussetzungen lassen sich bestimmen, sobald die Kommune gewählt ist.",
                    Style::LABEL,
                )],
                0.0,
            ),
        );
        return;
    };
    let total = r.item_count();
    let done = r
        .checklist
        .iter()
        .flat_map(|g| &g.items)
        .filter(|i| i.state.is_fulfilled())
        .count();
    let open = total - done;
    let mut summary = vec![span(
        format!("{done} von {total} Voraussetzungen erfüllt"),
        Style::BODY,
    )];
    if open > 0 {
        summary.push(span(", ", Style::BODY));
        summary.push(span(format!("{open} offen"), Style::ALERT));
        summary.push(span(
            ". Offene Punkte sind rot markiert; die Liste „Offene Punkte“ erklärt, was zu tun ist.",
            Style::BODY,
        ));
    } else {
        summary.push(span(".", Style::BODY));
    }
    section(
        flow,
        "5",
        TITLE,
        paragraph(&summary, 0.0).then(Block::space(2.0)),
    );

    let selected = r.services.len();
    for group in r.checklist.iter().filter(|g| !g.items.is_empty()) {
        let mut first = true;
        for item in &group.items {
            let mut details = vec![span(
                prerequisite_title(catalog, &item.prerequisite),
                Style::STRONG,
            )];
            if let (Some(record), Some(p)) = (
                request.prerequisites.get(&item.prerequisite),
                catalog.prerequisite(&item.prerequisite),
            ) {
                for field in &p.evidence {
                    if let Some(v) = record
                        .evidence
                        .get(&field.id)
                        .filter(|v| !v.trim().is_empty())
                    {
                        details.push(span(format!("\n{}: ", field.label), Style::LABEL));
                        details.push(span(v.trim(), Style::BODY));
                    }
                }
            }
            if !item.blocked_by.is_empty() {
                let waits: Vec<String> = item
                    .blocked_by
                    .iter()
                    .map(|p| prerequisite_title(catalog, p))
                    .collect();
                details.push(span("\nWartet auf: ", Style::LABEL));
                details.push(span(waits.join("; "), Style::BODY));
            }
            details.push(span("\nBetrifft: ", Style::LABEL));
            if item.services.len() == selected && selected > 1 {
                details.push(span("alle beantragten Leistungen", Style::BODY));
            } else {
                let names: Vec<String> = item
                    .services
                    .iter()
                    .map(|s| service_name(catalog, s))
                    .collect();
                details.push(span(names.join("; "), Style::BODY));
            }
            let mut block =
                columns(&[state_mark(item.state)], &details, 0.0, 78.0).then(Block::space(2.0));
            if first {
                block = heading(group.category.label_de(), Style::H3, 6.0)
                    .then(Block::space(2.0))
                    .then(block);
                first = false;
            }
            flow.push(block);
        }
    }
}

fn declarations(request: &ConnectionRequest) -> Block {
    let d = &request.declarations;
    let mut block = Block::default();
    for (confirmed, text) in [
        d.authorised,
        d.information_correct,
        d.data_protection_acknowledged,
    ]
    .into_iter()
    // The very wording the clerk confirmed in the app.
    .zip(Declaration::ALL.map(|d| declaration_label(d, Lang::De)))
    {
        let mark = if confirmed { "[X]" } else { "[  ]" };
        let mut spans = vec![span(text, Style::BODY)];
        if !confirmed {
            spans.push(span(" – OFFEN: noch nicht bestätigt", Style::ALERT));
        }
        block = block.then(columns(&[span(mark, Style::STRONG)], &spans, 0.0, 16.0));
    }
    block
}

fn signature(request: &ConnectionRequest) -> Block {
    let v = &request.contacts.vertretung;
    let left = 200.0;
    let right = left + 40.0;
    let mut name = vec![span(
        "Unterschrift der vertretungsberechtigten Person\n",
        Style::LABEL,
    )];
    if v.name.trim().is_empty() {
        name.push(span(NOT_GIVEN, Style::LABEL));
    } else {
        name.push(span(v.name.trim(), Style::BODY));
        if !v.function.trim().is_empty() {
            name.push(span(format!(", {}", v.function.trim()), Style::BODY));
        }
    }
    paragraph(
        &[span(
            "Mit der Unterschrift bestätigt die vertretungsberechtigte Person die Angaben und Erklärungen dieses Antrags.",
            Style::BODY,
        )],
        0.0,
    )
    .then(Block::space(36.0))
    // Both signature lines on one line of height zero, then their captions below.
    .then(rule(0.0, left, 0.0, BLACK))
    .then(rule(right, BODY_WIDTH, 0.0, BLACK))
    .then(Block::space(3.0))
    .then(columns(
        &[span("Ort, Datum", Style::LABEL)],
        &name,
        0.0,
        right - 10.0,
    ))
}
