//! The Anschlussantrag as PDF: everything the operator needs to connect the municipality,
//! in the order a clerk at the operator works through it, and a signature block.

use efa_domain::catalog::{Catalog, Channel, EvidenceKind, UNKNOWN_LABEL};
use efa_domain::messages::{Declaration, Lang, declaration_label};
use efa_domain::readiness::{self, ItemState, Readiness, ServiceReadiness};
use efa_domain::request::{
    Authority, ChannelChoice, ConnectionRequest, Contact, ContactRole, Embedding, EmbeddingMode,
};
use efa_domain::route::{LandRoute, route_for};

use crate::Generation;
use crate::common::{
    NOT_GIVEN, info, municipality_title, page_frame, prerequisite_title, service_name,
    status_notice, title, value,
};
use crate::draw::{BLACK, BODY_WIDTH, Block, RULE_GRAY, Span, Style, span};
use crate::layout::{Flow, columns, heading, item, p, row, rule};
use crate::structure::{ROOT, Role, Tree};
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
    let mut tree = Tree::default();
    let t = &mut tree;

    flow.push(title(
        t,
        SUBJECT,
        format!(
            "{} · nach dem Prinzip „Einer für Alle“ (EfA)",
            municipality_title(request)
        ),
    ));
    flow.push(status_notice(
        t,
        generation,
        "Dieser Antrag ist noch nicht eingereicht und hat noch kein Aktenzeichen. Er dient der \
         Abstimmung im eigenen Haus; bitte weder unterschreiben noch versenden.",
    ));
    flow.push(Block::space(6.0));
    flow.push(recipient(t, route.as_ref(), generation));

    let heading = section_heading(t, "1", "Antragstellende Kommune");
    flow.push(heading.then(municipality(t, request)));
    let heading = section_heading(t, "2", "Ansprechpersonen");
    flow.push(heading.then(contacts(t, request)));
    services(&mut flow, t, request, catalog, readiness.as_ref());
    // Steps tied to a channel (DVDV, DataClearing NRW) only where a service uses it.
    let channels = readiness
        .as_ref()
        .map(Readiness::channels_in_use)
        .unwrap_or_default();
    contract_route(&mut flow, t, route.as_ref(), &channels);
    prerequisites(&mut flow, t, request, catalog, readiness.as_ref());
    let mut next = 6;
    if !request.notes.trim().is_empty() {
        let heading = section_heading(t, "6", "Bemerkungen");
        flow.push(heading.then(p(t, ROOT, &[span(request.notes.trim(), Style::BODY)])));
        next = 7;
    }
    let heading = section_heading(t, &next.to_string(), "Erklärungen");
    flow.push(heading.then(declarations(t, request)));
    let heading = section_heading(t, &(next + 1).to_string(), "Unterschrift");
    flow.push(heading.then(signature(t, request)));

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

/// A numbered section heading (H2); the caller pushes it together with the section's
/// first block, so that it stays on that block's page.
fn section_heading(t: &mut Tree, number: &str, title: &str) -> Block {
    heading(t, Role::H2, &format!("{number}  {title}"), Style::H2, 12.0)
        .then(rule(0.0, BODY_WIDTH, 3.0, RULE_GRAY))
}

fn recipient(t: &mut Tree, route: Option<&LandRoute>, generation: &Generation<'_>) -> Block {
    let table = t.add(ROOT, Role::Table);
    let mut block = match route {
        Some(route) => {
            let mut to = vec![span(route.operator.name, Style::STRONG)];
            if let Some(address) = route.operator.address {
                to.push(span(format!(", {address}"), Style::BODY));
            }
            if let Some(mail) = route.operator.contact_email {
                to.push(span(format!(", {mail}"), Style::BODY));
            }
            row(t, table, "Empfänger", &to)
                .then(row(
                    t,
                    table,
                    "Rolle",
                    &[span(route.operator.role, Style::BODY)],
                ))
                .then(row(
                    t,
                    table,
                    "Vertragsweg",
                    &[span(route.title, Style::BODY)],
                ))
                .then(row(
                    t,
                    table,
                    "Für wen",
                    &[span(
                        format!(
                            "Der ganze Antrag ist für {}. Die Angaben je Leistung (Abschnitt 3) \
                             braucht auch der Betreiber des Onlinedienstes; wo eine Quelle \
                             seinen eigenen Anbindungsweg nennt, steht er bei der Leistung.",
                            route.operator.name
                        ),
                        Style::BODY,
                    )],
                ))
        }
        None => row(
            t,
            table,
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
                t,
                table,
                "Aktenzeichen",
                &[span(s.reference.trim(), Style::STRONG)],
            ))
            .then(row(
                t,
                table,
                "Eingegangen am",
                &value(&time::german_datetime(&s.received_at)),
            ));
    }
    block
}

fn municipality(t: &mut Tree, request: &ConnectionRequest) -> Block {
    let m = &request.municipality;
    let table = t.add(ROOT, Role::Table);
    row(t, table, "Name", &value(&m.name))
        .then(row(
            t,
            table,
            "Art",
            &value(m.kind.map_or("", |k| k.label(Lang::De))),
        ))
        .then(row(
            t,
            table,
            "Amtlicher Regionalschlüssel (ARS)",
            &value(&m.ars),
        ))
        .then(row(
            t,
            table,
            "Amtlicher Gemeindeschlüssel (AGS)",
            &value(m.ags_shown(Lang::De)),
        ))
        .then(row(
            t,
            table,
            "Land",
            &value(m.land.map_or("", |l| l.name())),
        ))
        .then(row(
            t,
            table,
            "Kreis",
            &value(m.kreis.as_deref().unwrap_or("")),
        ))
        .then(row(
            t,
            table,
            "Anschrift der Verwaltung",
            &value(&address(&m.address)),
        ))
        .then(leitweg_row(t, table, request))
}

/// The Leitweg-ID where one is given or the route's agency asks for it.
fn leitweg_row(
    t: &mut Tree,
    table: crate::structure::NodeId,
    request: &ConnectionRequest,
) -> Block {
    let given = request.leitweg_id();
    let asked = request
        .municipality
        .land
        .is_some_and(efa_domain::route::asks_leitweg_id);
    if given.is_empty() && !asked {
        return Block::default();
    }
    row(t, table, "Leitweg-ID (E-Rechnung)", &value(given))
}

fn address(a: &efa_domain::request::Address) -> String {
    let place = format!("{} {}", a.plz.trim(), a.ort.trim());
    [a.street.trim(), place.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn contacts(t: &mut Tree, request: &ConnectionRequest) -> Block {
    let c = &request.contacts;
    let table = t.add(ROOT, Role::Table);
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
        block = block.then(row(t, table, role.label(Lang::De), &spans));
    }
    block.then(row(
        t,
        table,
        "Funktionspostfach",
        &value(&c.funktionspostfach),
    ))
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
    t: &mut Tree,
    request: &ConnectionRequest,
    catalog: &Catalog,
    readiness: Option<&Readiness>,
) {
    let title = format!("Beantragte Leistungen ({})", request.services.len());
    let section = section_heading(t, "3", &title);
    if request.services.is_empty() {
        flow.push(section.then(p(t, ROOT, &[span("Keine Leistung gewählt.", Style::ALERT)])));
        return;
    }
    let mut section = Some(section);
    for (i, s) in request.services.iter().enumerate() {
        let entry = catalog.service(&s.service_id);
        let mut block = heading(
            t,
            Role::H3,
            &format!("3.{}  {}", i + 1, service_name(catalog, &s.service_id)),
            Style::H3,
            8.0,
        )
        .then(Block::space(2.0));
        let table = t.add(ROOT, Role::Table);
        block = block.then(row(t, table, "Katalog-ID", &value(&s.service_id)));

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
        block = block.then(row(t, table, "Leika-Schlüssel", &known(&leika.join("\n"))));

        let provider = entry.and_then(|e| {
            e.provider
                .umsetzendes_land
                .map(|l| l.name().to_owned())
                .or_else(|| e.provider.text.clone())
        });
        let rows: [(&str, Vec<Span>); 14] = [
            ("Umsetzendes Land", known(provider.as_deref().unwrap_or(""))),
            (
                "Plattform / Betreiber",
                known(entry.and_then(|e| e.platform.as_deref()).unwrap_or("")),
            ),
            (
                "Anbindungsweg des Betreibers",
                questionnaire(entry.and_then(|e| e.questionnaire.as_ref())),
            ),
            (
                "Datenaustauschstandard (XÖV)",
                known(entry.and_then(|e| e.data_standard.as_deref()).unwrap_or("")),
            ),
            ("Zuständige Organisationseinheit", authority(&s.authority)),
            (
                "Zuständigkeitsgebiet",
                listed(
                    &s.authority.area_list().collect::<Vec<_>>(),
                    request.schema_version,
                ),
            ),
            ("Übertragungsweg", channel(s.channel.as_ref())),
            ("Fachverfahren", value(&s.fachverfahren)),
            ("Hersteller des Fachverfahrens", value(&s.vendor)),
            (
                "Ansprechperson beim Hersteller",
                vendor_contact(&s.vendor_contact, request.schema_version),
            ),
            (
                "Einbindung",
                embedding(&s.embedding, request.schema_version),
            ),
            (
                "Gewünschter Testtermin",
                value(&time::german_date(&s.test_date)),
            ),
            (
                "Gewünschter Produktivstart",
                value(&time::german_date(&s.go_live_date)),
            ),
            (
                "Voraussetzungen",
                service_status(catalog, readiness, &s.service_id),
            ),
        ];
        for (label, spans) in &rows {
            block = block.then(row(t, table, label, spans));
        }
        match section.take() {
            Some(section) => flow.push(section.then(block)),
            None => flow.push(block),
        }
    }
}

/// The operator's own form and its recipient ("Anbindungsfragebogen an Dataport …"), or
/// grey "unbekannt" where no source names one.
fn questionnaire(q: Option<&efa_domain::catalog::Questionnaire>) -> Vec<Span> {
    match q {
        Some(q) => vec![
            span(q.form.trim(), Style::BODY),
            span("\nan: ", Style::LABEL),
            span(q.recipient.trim(), Style::STRONG),
        ],
        None => known(""),
    }
}

/// A field that documents before schema version 3 do not have: grey "in dieser Fassung
/// des Antrags nicht erfasst" there, the usual "nicht angegeben" otherwise.
fn since_v3(schema_version: u32, spans: Vec<Span>, blank: bool) -> Vec<Span> {
    if blank && schema_version < 3 {
        vec![span(
            "in dieser Fassung des Antrags nicht erfasst",
            Style::LABEL,
        )]
    } else {
        spans
    }
}

/// Entries of a list, comma-separated.
fn listed(entries: &[&str], schema_version: u32) -> Vec<Span> {
    since_v3(
        schema_version,
        value(&entries.join(", ")),
        entries.is_empty(),
    )
}

fn vendor_contact(c: &Contact, schema_version: u32) -> Vec<Span> {
    since_v3(schema_version, person(c), c.is_blank())
}

fn embedding(e: &Embedding, schema_version: u32) -> Vec<Span> {
    let mut spans = value(e.mode.map_or("", EmbeddingMode::label_de));
    let domains: Vec<&str> = e.domain_list().collect();
    labelled(&mut spans, "Freizugebende Domains", &domains.join(", "));
    since_v3(schema_version, spans, e.is_blank())
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

fn contract_route(flow: &mut Flow, t: &mut Tree, route: Option<&LandRoute>, channels: &[Channel]) {
    let Some(route) = route else {
        let heading = section_heading(t, "4", "Vertragsweg");
        flow.push(heading.then(p(
            t,
            ROOT,
            &[span(
                "Der Vertragsweg ergibt sich aus dem Land der Kommune; die Kommune ist noch nicht gewählt.",
                Style::LABEL,
            )],
        )));
        return;
    };
    let heading = section_heading(t, "4", &format!("Vertragsweg: {}", route.title));
    flow.push(
        heading
            .then(p(t, ROOT, &[span(route.summary, Style::BODY)]))
            .then(Block::space(4.0)),
    );
    let steps = t.add(ROOT, Role::L { numbered: true });
    for (i, step) in route.steps_for(channels).iter().enumerate() {
        flow.push(
            item(
                t,
                steps,
                &[span(format!("{}.", i + 1), Style::STRONG)],
                &[
                    span(step.title, Style::STRONG),
                    span(format!(" ({})", step.frequency.label_de()), Style::LABEL),
                    span(format!("\n{}", step.explanation), Style::BODY),
                ],
                12.0,
            )
            .then(Block::space(2.0)),
        );
    }
    for note in &route.notes {
        flow.push(p(
            t,
            ROOT,
            &[
                span(
                    format!("Hinweis für {}: ", route.land.name()),
                    Style::STRONG,
                ),
                span(note.text, Style::BODY),
            ],
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
    t: &mut Tree,
    request: &ConnectionRequest,
    catalog: &Catalog,
    readiness: Option<&Readiness>,
) {
    const TITLE: &str = "Stand der Voraussetzungen";
    let heading = section_heading(t, "5", TITLE);
    let Some(r) = readiness else {
        flow.push(heading.then(p(
            t,
            ROOT,
            &[span(
                "Die Voraussetzungen lassen sich bestimmen, sobald die Kommune gewählt ist.",
                Style::LABEL,
            )],
        )));
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
    flow.push(heading.then(p(t, ROOT, &summary)).then(Block::space(2.0)));

    let selected = r.services.len();
    for group in r.checklist.iter().filter(|g| !g.items.is_empty()) {
        // The group's heading, then its items as a list labelled with their state.
        let mut first = Some(heading_h3(t, group.category.label_de(), 6.0).then(Block::space(2.0)));
        let list = t.add(ROOT, Role::L { numbered: false });
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
            let block = self::item(t, list, &[state_mark(item.state)], &details, 78.0)
                .then(Block::space(2.0));
            match first.take() {
                Some(heading) => flow.push(heading.then(block)),
                None => flow.push(block),
            }
        }
    }
}

fn heading_h3(t: &mut Tree, text: &str, space_above: f32) -> Block {
    heading(t, Role::H3, text, Style::H3, space_above)
}

fn declarations(t: &mut Tree, request: &ConnectionRequest) -> Block {
    let d = &request.declarations;
    let list = t.add(ROOT, Role::L { numbered: false });
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
        block = block.then(item(t, list, &[span(mark, Style::STRONG)], &spans, 16.0));
    }
    block
}

fn signature(t: &mut Tree, request: &ConnectionRequest) -> Block {
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
    let intro = p(
        t,
        ROOT,
        &[span(
            "Mit der Unterschrift bestätigt die vertretungsberechtigte Person die Angaben und Erklärungen dieses Antrags.",
            Style::BODY,
        )],
    );
    // The two captions under the signature lines, each a paragraph of its own.
    let place = t.add(ROOT, Role::P);
    let signer = t.add(ROOT, Role::P);
    intro
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
            (place, signer),
        ))
}
