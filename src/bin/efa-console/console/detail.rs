//! `/verwaltung/antrag/{id}`: one request with its summary, history and versions, and the
//! status change along the state machine, sent with the `ETag` the request came with.

use std::sync::Arc;

use efa_documents::{DocumentKind, Generation, Submission, anschlussantrag_json, file_name};
use efa_domain::catalog::Catalog;
use efa_domain::messages::Lang;
use efa_domain::readiness;
use efa_domain::request::ConnectionRequest;
use efa_domain::status::Status;
use efa_domain::wire::{HistoryEntry, OperatorDetail, StatusChange};
use efa_onboarding::components::readiness::ReadinessWithOpenItems;
use efa_onboarding::components::request::RequestSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::api::{self, ConsoleError};
use super::{ErrorSummary, Heading, Problem, describe, local_time, use_session};

#[component]
pub fn DetailPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let reload = RwSignal::new(0u32);
    // Outside the detail, so that the typed note and the notice of a change survive
    // loading the request again.
    let note = RwSignal::new(String::new());
    let done = RwSignal::new(None::<Status>);
    let detail = LocalResource::new(move || {
        reload.track();
        let (token, id) = (session.token(), id.get());
        async move { api::detail(&token, &id).await }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = detail.get() {
            session.check(&e);
        }
    });
    view! {
        {move || match detail.get() {
            None => view! { <p role="status">"Der Antrag wird geladen …"</p> }.into_any(),
            Some(Ok((d, etag))) => view! { <Detail detail=d etag reload note done /> }.into_any(),
            Some(Err(ConsoleError::NotFound)) => view! {
                    <Heading title="Antrag nicht gefunden".to_owned() />
                    <p>{describe(&ConsoleError::NotFound)}</p>
                    <p><a href="/verwaltung">"Zur Liste der Anträge"</a></p>
                }.into_any(),
            Some(Err(e)) => view! {
                    <Heading title="Antrag nicht geladen".to_owned() has_errors=true />
                    <div class="error-summary" role="alert">
                        <p>{describe(&e)}</p>
                    </div>
                    <p><a href="/verwaltung">"Zur Liste der Anträge"</a></p>
                }.into_any(),
        }}
    }
}

#[component]
fn Detail(
    detail: OperatorDetail,
    etag: String,
    reload: RwSignal<u32>,
    note: RwSignal<String>,
    done: RwSignal<Option<Status>>,
) -> impl IntoView {
    let session = use_session();
    // The request as stored; a document that no longer reads as one (it cannot happen for
    // what the API accepted) is shown by its facts above only.
    let request = serde_json::from_value::<ConnectionRequest>(detail.document.clone()).ok();
    let catalog =
        LocalResource::new(|| async { efa_onboarding::api::catalog().await.map(Arc::new) });
    let id = detail.id.clone();
    let current = detail.status;
    let choice = RwSignal::new(None::<Status>);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let change = Action::new_local(move |change: &StatusChange| {
        let (token, id, etag, change) = (session.token(), id.clone(), etag.clone(), change.clone());
        async move { api::change_status(&token, &id, &etag, &change).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok((d, _))) => {
            done.set(Some(d.status));
            note.set(String::new());
            choice.set(None);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => {
            session.check(&e);
            problems.set(vec![Problem {
                field: if e == ConsoleError::Changed {
                    "neu-laden"
                } else {
                    "status-neu"
                },
                message: describe(&e),
            }]);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        let to = choice.get_untracked();
        let text = note.get_untracked().trim().to_owned();
        match to {
            None => found.push(Problem {
                field: "status-neu",
                message: "Wählen Sie den neuen Status aus.".into(),
            }),
            Some(s) if s.needs_note() && text.is_empty() => found.push(Problem {
                field: "hinweis",
                message: format!(
                    "Geben Sie einen Hinweis an die Kommune ein: bei „{}“ ist er Pflicht.",
                    s.label(Lang::De)
                ),
            }),
            Some(_) => {}
        }
        problems.set(found.clone());
        if let (true, Some(status)) = (found.is_empty(), to) {
            change.dispatch(StatusChange {
                status,
                note: (!text.is_empty()).then_some(text),
            });
        }
    };
    let has_errors = Signal::derive(move || problems.with(|p| !p.is_empty()));
    let field_error = move |field: &'static str| {
        problems.with(|p| {
            p.iter()
                .find(|p| p.field == field)
                .map(|p| p.message.clone())
        })
    };
    let next = current.next();
    let submission = Submission {
        reference: detail.reference.clone(),
        received_at: detail
            .versions
            .last()
            .map_or_else(|| detail.received_at.clone(), |v| v.submitted_at.clone()),
        version: detail.version,
    };
    // Rendered as the clerk's review page renders it, without the "Ändern" links.
    let summary = request.clone().map(|request| {
        move || {
            let catalog = catalog.get().and_then(Result::ok);
            let snapshot = catalog.clone().and_then(|c| {
                let input = request.readiness_input()?;
                Some((readiness::evaluate(&c, &input), c))
            });
            view! {
                <RequestSummary request=request.clone() catalog />
                {snapshot.map(|(readiness, catalog)| view! {
                    <h2>"Voraussetzungen bei Einreichung"</h2>
                    <p class="hint">"So hat die Kommune den Stand ihrer Voraussetzungen mit dieser Fassung angegeben."</p>
                    <ReadinessWithOpenItems readiness catalog submitted=true />
                })}
            }
        }
    });
    let documents = request.map(|request| {
        view! {
            <Documents request submission=submission.clone() stored=detail.fingerprint.clone()
                anonymised=detail.anonymised_at.is_some() catalog />
        }
    });
    let title = format!("Antrag {}", detail.reference);
    view! {
        <a class="back-link" href="/verwaltung">"Zur Liste der Anträge"</a>
        <ErrorSummary problems=Signal::from(problems) />
        <Heading title=title has_errors />
        {move || done.get().map(|s| view! {
            <div class="notice" role="status">
                <p>{format!("Der Status ist jetzt „{}“.", s.label(Lang::De))}</p>
            </div>
        })}
        <dl class="summary-list">
            <div class="summary-list__row"><dt>"Aktueller Status"</dt><dd>{current.label(Lang::De)}
                {detail.answered_at.is_some().then(|| view! { " " <strong class="tag tag--yellow">"Antwort der Kommune"</strong> })}
            </dd></div>
            <div class="summary-list__row"><dt>"Kommune"</dt><dd>{detail.municipality_name.clone()}</dd></div>
            <div class="summary-list__row"><dt>"Land"</dt><dd>{detail.land.name.clone()}</dd></div>
            <div class="summary-list__row"><dt>"AGS / ARS"</dt><dd>{format!("{} / {}", detail.ags, detail.ars)}</dd></div>
            <div class="summary-list__row"><dt>"Eingegangen"</dt><dd>{local_time(&detail.received_at)}</dd></div>
            <div class="summary-list__row"><dt>"Bestätigt"</dt><dd>{match &detail.confirmed_at {
                Some(at) => format!("ja, am {}", local_time(at)),
                None => "nein".to_owned(),
            }}</dd></div>
            <div class="summary-list__row"><dt>"Fassung"</dt><dd>{detail.version}</dd></div>
            {detail.fingerprint.clone().map(|f| view! {
                <div class="summary-list__row"><dt>"Fingerabdruck"</dt><dd>{f}</dd></div>
            })}
            {detail.anonymised_at.clone().map(|at| view! {
                <div class="summary-list__row"><dt>"Personenbezogene Daten gelöscht"</dt><dd>{local_time(&at)}</dd></div>
            })}
        </dl>

        {summary}
        {documents}

        <h2>"Status ändern"</h2>
        {if next.is_empty() {
            view! { <p>"Der Antrag ist abgeschlossen; sein Status lässt sich nicht mehr ändern."</p> }.into_any()
        } else {
            view! {
                <form on:submit=on_submit novalidate>
                    <div class="form-group" class:form-group--error=move || field_error("status-neu").is_some()>
                        <fieldset class="fieldset" aria-describedby=move || field_error("status-neu").map(|_| "status-neu-error")>
                            <legend class="fieldset__legend fieldset__legend--m">"Neuer Status"</legend>
                            {move || field_error("status-neu").map(|m| view! {
                                <p class="error-message" id="status-neu-error">
                                    <span class="visually-hidden">"Fehler: "</span>{m}
                                </p>
                            })}
                            <div class="radios">
                                {next.iter().enumerate().map(|(i, &s)| {
                                    let input_id = if i == 0 { "status-neu".to_owned() } else { format!("status-neu-{i}") };
                                    view! {
                                        <div class="radios__item">
                                            <input class="radios__input" type="radio" name="status" id=input_id.clone()
                                                value=s.as_str()
                                                prop:checked=move || choice.get() == Some(s)
                                                on:change=move |_| choice.set(Some(s)) />
                                            <label class="label radios__label" for=input_id>{s.label(Lang::De)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    </div>
                    <div class="form-group" class:form-group--error=move || field_error("hinweis").is_some()>
                        <label class="label" for="hinweis">"Hinweis an die Kommune"</label>
                        <div class="hint" id="hinweis-hint">
                            "Pflicht bei Rückfrage und Ablehnung; die Kommune liest ihn auf ihrer Statusseite und in der Mail."
                        </div>
                        {move || field_error("hinweis").map(|m| view! {
                            <p class="error-message" id="hinweis-error">
                                <span class="visually-hidden">"Fehler: "</span>{m}
                            </p>
                        })}
                        <textarea class="input" id="hinweis" name="note" rows="5" maxlength="2000"
                            aria-describedby=move || if field_error("hinweis").is_some() { "hinweis-hint hinweis-error" } else { "hinweis-hint" }
                            aria-invalid=move || field_error("hinweis").is_some().then_some("true")
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="button-group">
                        <button type="submit" class="button button-primary"
                            disabled=move || change.pending().get()>"Status ändern"</button>
                        <button type="button" class="button button-secondary" id="neu-laden"
                            on:click=move |_| {
                                problems.set(Vec::new());
                                reload.update(|n| *n += 1);
                            }>"Neu laden"</button>
                    </div>
                </form>
            }.into_any()
        }}

        <h2>"Verlauf"</h2>
        <table class="table">
            <caption class="visually-hidden">"Verlauf des Antrags"</caption>
            <thead>
                <tr>
                    <th scope="col">"Zeitpunkt"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Von"</th>
                    <th scope="col">"Hinweis oder Antwort"</th>
                </tr>
            </thead>
            <tbody>{detail.history.into_iter().map(history_row).collect_view()}</tbody>
        </table>

        <h2>"Fassungen"</h2>
        <ul class="list list--bullet">
            {detail.versions.iter().map(|v| {
                let fingerprint = v.fingerprint.as_ref().map(|f| format!(", Fingerabdruck {f}")).unwrap_or_default();
                view! {
                    <li>{format!("Fassung {}: eingereicht am {}{fingerprint}", v.version, local_time(&v.submitted_at))}</li>
                }
            }).collect_view()}
        </ul>
        {(detail.versions.len() > 1).then(|| view! {
            <Comparison id=detail.id.clone() versions=detail.versions.iter().map(|v| v.version).collect() />
        })}
    }
}

/// What changed between two versions, field by field; the latest two at first.
#[component]
fn Comparison(id: String, versions: Vec<u32>) -> impl IntoView {
    let session = use_session();
    let last = versions.last().copied().unwrap_or(1);
    let pair = RwSignal::new((last.saturating_sub(1).max(1), last));
    let result = LocalResource::new(move || {
        let ((from, to), token, id) = (pair.get(), session.token(), id.clone());
        async move { api::compare(&token, &id, from, to).await }
    });
    let from_select = NodeRef::<leptos::html::Select>::new();
    let to_select = NodeRef::<leptos::html::Select>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read =
            |s: NodeRef<leptos::html::Select>| s.get().and_then(|e| e.value().parse::<u32>().ok());
        if let (Some(from), Some(to)) = (read(from_select), read(to_select)) {
            pair.set((from, to));
        }
    };
    let options = move |selected: fn((u32, u32)) -> u32| {
        versions
            .iter()
            .map(|&v| {
                view! {
                    <option value=v.to_string() prop:selected=move || selected(pair.get()) == v>
                        {format!("Fassung {v}")}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <h2 id="vergleich">"Änderungen zwischen Fassungen"</h2>
        <form class="filters" aria-labelledby="vergleich" on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="vergleich-von">"Frühere Fassung"</label>
                <select class="select" id="vergleich-von" node_ref=from_select>{options.clone()(|p| p.0)}</select>
            </div>
            <div class="form-group">
                <label class="label" for="vergleich-bis">"Spätere Fassung"</label>
                <select class="select" id="vergleich-bis" node_ref=to_select>{options(|p| p.1)}</select>
            </div>
            <button type="submit" class="button">"Vergleichen"</button>
        </form>
        {move || match result.get() {
            None => view! { <p role="status">"Der Vergleich wird geladen …"</p> }.into_any(),
            Some(Err(e)) => view! {
                <div class="notice notice--warning" role="alert"><p>{describe(&e)}</p></div>
            }.into_any(),
            Some(Ok(c)) if c.changes.is_empty() => view! {
                <p role="status">{format!(
                    "Fassung {} und Fassung {} unterscheiden sich nicht.",
                    c.from.version, c.to.version
                )}</p>
            }.into_any(),
            Some(Ok(c)) => {
                let caption = format!(
                    "Änderungen von Fassung {} zu Fassung {}: {}",
                    c.from.version,
                    c.to.version,
                    if c.changes.len() == 1 { "1 Feld".to_owned() } else { format!("{} Felder", c.changes.len()) }
                );
                view! {
                    <table class="table comparison">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Bereich"</th>
                                <th scope="col">"Feld"</th>
                                <th scope="col">"Änderung"</th>
                                <th scope="col">{format!("Fassung {}", c.from.version)}</th>
                                <th scope="col">{format!("Fassung {}", c.to.version)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c.changes.into_iter().map(|f| view! {
                                <tr>
                                    <td>{f.area.label_de()}</td>
                                    <th scope="row">{f.label}</th>
                                    <td><strong class="tag">{f.change.label_de()}</strong></td>
                                    <td class="history-note">{f.before.unwrap_or_else(|| "–".to_owned())}</td>
                                    <td class="history-note">{f.after.unwrap_or_else(|| "–".to_owned())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
    }
}

fn history_row(entry: HistoryEntry) -> impl IntoView {
    let by = if entry.by_municipality {
        "Antwort der Kommune".to_owned()
    } else {
        entry.account.unwrap_or_else(|| "System".to_owned())
    };
    let version = entry
        .version
        .filter(|v| *v > 1)
        .map(|v| format!(" (Fassung {v})"))
        .unwrap_or_default();
    view! {
        <tr>
            <td>{local_time(&entry.at)}</td>
            <td>{entry.status.label(Lang::De)}</td>
            <td>{format!("{by}{version}")}</td>
            <td class="history-note">{entry.note.unwrap_or_default()}</td>
        </tr>
    }
}

/// The documents of the request, made again from the stored data by the same PDF module
/// the clerk's browser used, and whether the stored data still has the fingerprint the
/// submission had (the one every page of the clerk's PDF prints).
#[component]
fn Documents(
    request: ConnectionRequest,
    submission: Submission,
    stored: Option<String>,
    anonymised: bool,
    catalog: LocalResource<Result<Arc<Catalog>, efa_onboarding::api::ApiError>>,
) -> impl IntoView {
    let computed = request.fingerprint();
    let check = match &stored {
        _ if anonymised => view! {
            <p>"Die personenbezogenen Daten dieses Antrags sind gelöscht. Die Dokumente zeigen ihn ohne sie; ihr Fingerabdruck weicht deshalb von dem bei der Einreichung ab."</p>
        }.into_any(),
        None => view! { <p>"Für diesen Antrag ist kein Fingerabdruck gespeichert."</p> }.into_any(),
        Some(s) if *s == computed => view! {
            <div class="notice" role="status" id="fingerabdruck">
                <p>{format!(
                    "Fingerabdruck geprüft: Die gespeicherten Daten ergeben {computed}, denselben wie bei der Einreichung. Die hier erzeugten Dokumente tragen ihn und zeigen genau, was die Kommune eingereicht hat."
                )}</p>
            </div>
        }.into_any(),
        Some(s) => view! {
            <div class="notice notice--warning" role="alert" id="fingerabdruck">
                <p>{format!(
                    "Achtung: Die gespeicherten Daten ergeben den Fingerabdruck {computed}, bei der Einreichung war es {s}. Die Daten wurden nach der Einreichung verändert; bitte wenden Sie sich an den Betrieb."
                )}</p>
            </div>
        }.into_any(),
    };
    let make = Action::new_local(move |kind: &DocumentKind| {
        let (kind, request, submission) = (*kind, request.clone(), submission.clone());
        async move {
            let now = efa_onboarding::draft::now_rfc3339();
            let generation = Generation {
                generated_at: &now,
                submission: Some(&submission),
            };
            if kind == DocumentKind::AnschlussantragJson {
                let d = anschlussantrag_json(&request, &generation).map_err(|_| ())?;
                efa_onboarding::download::offer(&d.file_name, d.mime(), &d.bytes);
                return Ok(());
            }
            // The catalog text the PDF module checks again itself.
            if catalog.await.is_err() {
                return Err(());
            }
            let catalog_json = efa_onboarding::api::catalog_source().ok_or(())?;
            let request_json = serde_json::to_string(&request).map_err(|_| ())?;
            let bytes = efa_onboarding::documents::pdf(
                kind,
                &request_json,
                &catalog_json,
                &now,
                Some(&submission),
            )
            .await
            .map_err(|_| ())?;
            let name = file_name(kind, &request.municipality.name, &generation);
            efa_onboarding::download::offer(&name, kind.mime(), &bytes);
            Ok(())
        }
    });
    efa_onboarding::documents::preload();
    let label = |kind: DocumentKind| match kind {
        DocumentKind::AnschlussantragPdf => "Anschlussantrag als PDF",
        DocumentKind::AnschlussantragJson => "Anschlussantrag als JSON",
        DocumentKind::OffenePunktePdf => "Offene Punkte als PDF",
    };
    view! {
        <h2>"Dokumente"</h2>
        {check}
        <ul class="list downloads">
            {DocumentKind::ALL.into_iter().map(|kind| view! {
                <li>
                    <button type="button" class="link-button"
                        disabled=move || make.pending().get()
                        on:click=move |_| { make.dispatch(kind); }>{label(kind)}</button>
                </li>
            }).collect_view()}
        </ul>
        <p class="hint" role="status">
            {move || make.pending().get().then_some("Das Dokument wird erzeugt …")}
        </p>
        {move || matches!(make.value().get(), Some(Err(()))).then(|| view! {
            <p class="error-message" role="alert">"Das Dokument konnte nicht erzeugt werden. Bitte versuchen Sie es erneut."</p>
        })}
    }
}
