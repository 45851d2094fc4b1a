//! "Voraussetzungen": the de-duplicated checklist, grouped legal/organisational and
//! technical. Per item the explanation, how to fulfil it, the official link, its status and
//! typed evidence; blocked items say what they wait for; per-service readiness and the
//! next actions update as the clerk works.

use efa_domain::catalog::{Catalog, EvidenceKind};
use efa_domain::messages::{FieldError, FieldWarning};
use efa_domain::readiness::{ItemState, PrereqStatus, Readiness};
use leptos::prelude::*;

use crate::components::fields::{Radios, TextField};
use crate::components::page::Page;
use crate::components::readiness::ReadinessPanel;
use crate::i18n::{CommonText, PrerequisitesText, Text};
use crate::pages::QuestionForm;
use crate::state::use_app;
use crate::steps::Step;

fn status_value(s: PrereqStatus) -> &'static str {
    match s {
        PrereqStatus::Offen => "offen",
        PrereqStatus::InArbeit => "in-arbeit",
        PrereqStatus::Erledigt => "erledigt",
        PrereqStatus::NichtZutreffend => "nicht-zutreffend",
    }
}

fn status_text(s: PrereqStatus) -> Text {
    match s {
        PrereqStatus::Offen => PrerequisitesText::StatusOpen.into(),
        PrereqStatus::InArbeit => PrerequisitesText::StatusInProgress.into(),
        PrereqStatus::Erledigt => PrerequisitesText::StatusDone.into(),
        PrereqStatus::NichtZutreffend => PrerequisitesText::StatusNotApplicable.into(),
    }
}

pub fn state_text(s: ItemState) -> Text {
    match s {
        ItemState::Offen => PrerequisitesText::StatusOpen.into(),
        ItemState::KannNochNichtBegonnenWerden => CommonText::SectionCannotStart.into(),
        ItemState::InArbeit => PrerequisitesText::StatusInProgress.into(),
        ItemState::Erledigt => PrerequisitesText::StatusDone.into(),
        ItemState::NichtZutreffend => PrerequisitesText::StatusNotApplicable.into(),
    }
}

fn input_type(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Url => "url",
        EvidenceKind::Date => "date",
        EvidenceKind::Email => "email",
        _ => "text",
    }
}

fn service_names(catalog: &Catalog, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            catalog
                .service(id)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn prereq_titles(catalog: &Catalog, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            catalog
                .prerequisite(id)
                .map(|p| p.title.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn PrerequisitesPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    app.ensure_registry();
    crate::pages::remember_step(Step::Prerequisites);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let errs: Signal<Vec<FieldError>> = errors.into();
    // Warnings on the evidence (a DVDV key of a category the catalog does not name for a
    // service, an unusual OE-ID) show as they arise; they never block.
    let warnings = Memo::new(move |_| app.warnings().unwrap_or_default());
    let warns: Signal<Vec<FieldWarning>> = warnings.into();
    let readiness = Memo::new(move |_| app.readiness());

    let summary = move || {
        let catalog = app.catalog_ready()?;
        let Some(r) = readiness.get() else {
            return Some(view! {
                <div class="notice notice--warning">
                    <p>{app.t(PrerequisitesText::PrereqNeedMunicipality)}</p>
                    <p><a href=Step::Municipality.path()>{app.t(PrerequisitesText::GoToMunicipality)}</a></p>
                </div>
            }.into_any());
        };
        if r.services.is_empty() {
            return Some(
                view! {
                    <div class="notice notice--warning">
                        <p>{app.t(CommonText::PrereqNeedServices)}</p>
                        <p><a href=Step::Services.path()>{app.t(CommonText::GoToServices)}</a></p>
                    </div>
                }
                .into_any(),
            );
        }
        Some(view! { <ReadinessPanel readiness=r catalog /> }.into_any())
    };

    // Only the set of applicable items shapes the page; their states update in place, so
    // a status change does not rebuild the inputs (focus stays where the clerk is).
    let structure = Memo::new(move |_| {
        readiness.with(|r| {
            r.as_ref().map(|r| {
                r.checklist
                    .iter()
                    .filter(|g| !g.items.is_empty())
                    .map(|g| {
                        (
                            g.category,
                            g.items
                                .iter()
                                .map(|i| i.prerequisite.clone())
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let checklist = move || {
        let catalog = app.catalog_ready()?;
        let groups = structure.get()?;
        Some(groups.into_iter().map(|(category, ids)| {
            let catalog = catalog.clone();
            view! {
                <section class="checklist-group">
                    <h2>{move || crate::i18n::category_label(category, app.lang.get())}</h2>
                    {ids.into_iter().map(|id| view! { <ChecklistEntry id catalog=catalog.clone() readiness errors=errs warnings=warns /> }).collect_view()}
                </section>
            }
        }).collect_view())
    };

    view! {
        <Page step=Step::Prerequisites errors=errs>
            <p>{move || app.t(PrerequisitesText::PrereqIntro)}</p>
            {summary}
            <QuestionForm step=Step::Prerequisites errors>
                {checklist}
            </QuestionForm>
        </Page>
    }
}

#[component]
fn ChecklistEntry(
    id: String,
    catalog: std::sync::Arc<Catalog>,
    readiness: Memo<Option<Readiness>>,
    errors: Signal<Vec<FieldError>>,
    warnings: Signal<Vec<FieldWarning>>,
) -> impl IntoView {
    let app = use_app();
    let Some(p) = catalog.prerequisite(&id).cloned() else {
        return ().into_any();
    };
    let item = {
        let id = id.clone();
        Memo::new(move |_| readiness.with(|r| r.as_ref().and_then(|r| r.item(&id).cloned())))
    };
    let status_path = format!("prerequisites.{id}.status");
    let options = Signal::derive(move || {
        PrereqStatus::ALL
            .into_iter()
            .map(|s| (status_value(s).to_string(), app.t(status_text(s))))
            .collect::<Vec<_>>()
    });
    let value = {
        let id = id.clone();
        Signal::derive(move || {
            app.draft.with(|d| {
                status_value(
                    d.request
                        .prerequisites
                        .get(&id)
                        .map(|r| r.status)
                        .unwrap_or_default(),
                )
                .to_string()
            })
        })
    };
    let set = {
        let id = id.clone();
        Callback::new(move |v: String| {
            let status = PrereqStatus::ALL
                .into_iter()
                .find(|s| status_value(*s) == v)
                .unwrap_or_default();
            app.edit(|d| {
                d.request
                    .prerequisites
                    .entry(id.clone())
                    .or_default()
                    .status = status
            });
        })
    };
    // A shared item may wait for a dependency only for some of its services (the PVOG
    // entry of a FIT-Connect service waits for the destination, that of an OSCI service
    // does not); then it says for which, and that the others can go ahead.
    let blocked = {
        let catalog = catalog.clone();
        move || {
            let (waits, waiting, all) = item.with(|i| {
                i.as_ref()
                    .map(|i| {
                        (
                            i.blocked_by.clone(),
                            i.blocked_for.clone(),
                            i.services.len(),
                        )
                    })
                    .unwrap_or_default()
            });
            (!waits.is_empty()).then(|| {
                let titles = prereq_titles(&catalog, &waits);
                if waiting.len() < all {
                    let text = crate::i18n::waits_for_services(
                        app.lang.get(),
                        &service_names(&catalog, &waiting),
                        &titles,
                    );
                    view! { <p class="notice notice--warning">{text}". "{app.t(PrerequisitesText::OthersCanStart)}</p> }.into_any()
                } else {
                    view! { <p class="notice notice--warning">{app.t(PrerequisitesText::WaitsFor)}": "{titles}</p> }.into_any()
                }
            })
        }
    };
    let concerns = {
        let catalog = catalog.clone();
        move || {
            service_names(
                &catalog,
                &item.with(|i| i.as_ref().map(|i| i.services.clone()).unwrap_or_default()),
            )
        }
    };
    let evidence = p.evidence.iter().cloned().map(|field| {
        let path = format!("prerequisites.{id}.evidence.{}", field.id);
        let pid = id.clone();
        let fid = field.id.clone();
        let pid2 = id.clone();
        let fid2 = field.id.clone();
        let hint = field.kind.hint_de().map(|h| Signal::derive(move || h.to_string()));
        view! {
            <TextField
                path=path
                label=Signal::derive(move || field.label.clone())
                hint=hint.unwrap_or_else(|| Signal::derive(String::new))
                optional=field.optional
                value=Signal::derive(move || app.draft.with(|d| d.request.prerequisites.get(&pid).and_then(|r| r.evidence.get(&fid).cloned()).unwrap_or_default()))
                set=Callback::new(move |v: String| app.edit(|d| {
                    let record = d.request.prerequisites.entry(pid2.clone()).or_default();
                    if v.is_empty() { record.evidence.remove(&fid2); } else { record.evidence.insert(fid2.clone(), v); }
                }))
                errors
                warnings
                input_type=input_type(field.kind)
            />
        }
    }).collect_view();
    let state = move || item.with(|i| i.as_ref().map(|i| i.state).unwrap_or(ItemState::Offen));
    let state_tag = move || app.t(state_text(state()));
    let tag_class = move || match state() {
        ItemState::Erledigt | ItemState::NichtZutreffend => "tag tag--green",
        ItemState::InArbeit => "tag tag--blue",
        ItemState::KannNochNichtBegonnenWerden => "tag tag--grey",
        ItemState::Offen => "tag tag--yellow",
    };
    view! {
        // Focusable from a next action's link, which names the item in the fragment.
        <article class="checklist-item" id=format!("item-{id}") tabindex="-1" aria-labelledby=format!("item-{id}-title")>
            <h3 class="checklist-item__title" id=format!("item-{id}-title")>{p.title.clone()}" "<span class=tag_class>{state_tag}</span></h3>
            <p>{p.explanation.clone()}</p>
            <p><strong>{app.t(PrerequisitesText::HowToFulfil)}": "</strong>{p.how_to.clone()}</p>
            {p.official_link.clone().map(|l| { let href = l.clone(); view! { <p><a href=href rel="noopener noreferrer">{app.t(PrerequisitesText::OfficialLink)}": "{l}</a></p> } })}
            <p class="hint">{app.t(PrerequisitesText::ConcernsServices)}": "{concerns}</p>
            {blocked}
            <Radios path=status_path legend=Signal::derive(move || app.t(PrerequisitesText::StatusLegend)) options value set errors inline=true />
            {evidence}
        </article>
    }.into_any()
}
