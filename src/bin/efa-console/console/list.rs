//! `/verwaltung`: the requests of the account's Länder, filtered by the URL's query (so a
//! view can be bookmarked), a page at a time, with the CSV export of the filter.

use efa_domain::land::Land;
use efa_domain::messages::Lang;
use efa_domain::status::Status;
use efa_domain::wire::{OperatorPage, OperatorSummary, StatusCount};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::api::{self, ConsoleError, Filter, PAGE_SIZE};
use super::{ErrorSummary, Heading, Problem, describe, local_time, use_session};

#[component]
pub fn ListPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| Filter::from_query(|k| q.get(k))));
    let page = LocalResource::new(move || {
        let (token, filter) = (session.token(), filter.get());
        async move { api::list(&token, &filter, PAGE_SIZE).await }
    });
    let export = Action::new_local(move |filter: &Filter| {
        let (token, filter) = (session.token(), filter.clone());
        async move {
            let bytes = api::export_csv(&token, &filter).await?;
            let name = format!(
                "anschlussantraege-{}.csv",
                efa_onboarding::download::today()
            );
            if efa_onboarding::download::offer(&name, "text/csv;charset=utf-8", &bytes) {
                Ok(())
            } else {
                Err(ConsoleError::Status(0))
            }
        }
    });
    // A revoked token signs out, wherever it is noticed.
    Effect::new(move |_| {
        if let Some(Err(e)) = page.get() {
            session.check(&e);
        }
        if let Some(Err(e)) = export.value().get() {
            session.check(&e);
        }
    });
    let problems = Signal::derive(move || {
        let mut v = Vec::new();
        if let Some(Err(e)) = page.get() {
            v.push(Problem {
                field: "filter-status",
                message: describe(&e),
            });
        }
        if let Some(Err(e)) = export.value().get() {
            v.push(Problem {
                field: "export",
                message: format!("Der Export ist fehlgeschlagen. {}", describe(&e)),
            });
        }
        v
    });
    let has_errors = Signal::derive(move || problems.with(|p| !p.is_empty()));

    view! {
        <ErrorSummary problems />
        <Heading title="Anschlussanträge".to_owned() has_errors />
        <FilterForm filter />
        <div class="button-group">
            <button type="button" id="export" class="button button-secondary"
                disabled=move || export.pending().get()
                on:click=move |_| { export.dispatch(filter.get_untracked()); }>
                "Als CSV exportieren"
            </button>
        </div>
        {move || match page.get() {
            None => view! { <p role="status">"Die Anträge werden geladen …"</p> }.into_any(),
            Some(Ok(p)) => {
                let f = filter.get_untracked();
                view! {
                    <Counts counts=p.counts.clone() filter=f.clone() />
                    <Results page=p filter=f />
                }.into_any()
            }
            Some(Err(_)) => ().into_any(),
        }}
    }
}

/// The filters as a search form; submitting it puts them into the URL.
#[component]
fn FilterForm(filter: Memo<Filter>) -> impl IntoView {
    let navigate = use_navigate();
    let status = NodeRef::<html::Select>::new();
    let land = NodeRef::<html::Select>::new();
    let confirmed = NodeRef::<html::Select>::new();
    let from = NodeRef::<html::Input>::new();
    let to = NodeRef::<html::Input>::new();
    let text = NodeRef::<html::Input>::new();
    let session = use_session();
    // The account's Länder only; every Land until the account is known.
    let lands = move || {
        session
            .account()
            .map(|a| {
                Land::ALL
                    .into_iter()
                    .filter(|l| a.lands.iter().any(|x| x.iso == l.iso_code()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_else(|| Land::ALL.to_vec())
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |s: NodeRef<html::Select>| s.get().map(|e| e.value()).unwrap_or_default();
        let day = |i: NodeRef<html::Input>| i.get().map(|e| e.value()).unwrap_or_default();
        let next = Filter {
            status: Status::parse(&value(status)),
            land: Land::parse(&value(land)),
            confirmed: match value(confirmed).as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            from: day(from),
            to: day(to),
            text: api::clean_text(&day(text)),
            offset: 0,
        };
        navigate(&next.href(), Default::default());
    };
    view! {
        <form role="search" aria-label="Anträge filtern" method="get" action="/verwaltung"
            class="filters" on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="filter-q">"Suche"</label>
                <div class="hint" id="filter-q-hint">"Aktenzeichen, Name der Kommune, AGS oder ARS, auch in Teilen"</div>
                <input class="input" type="search" id="filter-q" name="q" node_ref=text
                    maxlength="100" spellcheck="false" aria-describedby="filter-q-hint"
                    prop:value=move || filter.get().text />
            </div>
            <div class="form-group">
                <label class="label" for="filter-status">"Status"</label>
                <select class="select" id="filter-status" name="status" node_ref=status>
                    <option value="" prop:selected=move || filter.get().status.is_none()>"Alle"</option>
                    {Status::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() prop:selected=move || filter.get().status == Some(s)>
                            {s.label(Lang::De)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="filter-land">"Land"</label>
                <div class="hint" id="filter-land-hint">"Nur die Länder Ihres Kontos liefern Treffer."</div>
                <select class="select" id="filter-land" name="land" node_ref=land
                    aria-describedby="filter-land-hint">
                    <option value="" prop:selected=move || filter.get().land.is_none()>"Alle Länder Ihres Kontos"</option>
                    {move || lands().into_iter().map(|l| view! {
                        <option value=l.iso_code() prop:selected=move || filter.get().land == Some(l)>
                            {l.name()}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="filter-confirmed">"Bestätigt"</label>
                <select class="select" id="filter-confirmed" name="confirmed" node_ref=confirmed>
                    <option value="" prop:selected=move || filter.get().confirmed.is_none()>"Alle"</option>
                    <option value="true" prop:selected=move || filter.get().confirmed == Some(true)>"Bestätigt"</option>
                    <option value="false" prop:selected=move || filter.get().confirmed == Some(false)>"Nicht bestätigt"</option>
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="filter-from">"Eingegangen ab"</label>
                <input class="input" type="date" id="filter-from" name="from" node_ref=from
                    prop:value=move || filter.get().from />
            </div>
            <div class="form-group">
                <label class="label" for="filter-to">"Eingegangen bis"</label>
                <input class="input" type="date" id="filter-to" name="to" node_ref=to
                    prop:value=move || filter.get().to />
            </div>
            <button type="submit" class="button">"Filtern"</button>
        </form>
    }
}

/// How many requests each status holds under the other filters; each a link to it.
#[component]
fn Counts(counts: Vec<StatusCount>, filter: Filter) -> impl IntoView {
    let all: u64 = counts.iter().map(|c| c.count).sum();
    let link = |status: Option<Status>, label: String, count: u64| {
        let href = Filter {
            status,
            offset: 0,
            ..filter.clone()
        }
        .href();
        let current = (filter.status == status).then_some("page");
        view! {
            <li>
                <a href=href aria-current=current>{label}": "<strong>{count}</strong></a>
            </li>
        }
    };
    view! {
        <nav class="status-counts" aria-label="Anzahl nach Status">
            <ul class="status-counts__list">
                {link(None, "Alle".to_owned(), all)}
                {counts.iter().map(|c| link(Some(c.status), c.status.label(Lang::De).to_owned(), c.count)).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Results(page: OperatorPage, filter: Filter) -> impl IntoView {
    let Some((first, last)) = page.shown() else {
        return view! {
            <p class="result-count" role="status">"Keine Anträge gefunden."</p>
        }
        .into_any();
    };
    let caption = format!("Anschlussanträge {first} bis {last} von {}", page.total);
    let previous = page.previous_offset().map(|offset| Filter {
        offset,
        ..filter.clone()
    });
    let next = page.next_offset().map(|offset| Filter {
        offset,
        ..filter.clone()
    });
    view! {
        <p class="result-count" role="status">{format!("{} Treffer", page.total)}</p>
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Aktenzeichen"</th>
                    <th scope="col">"Kommune"</th>
                    <th scope="col">"Land"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Eingegangen"</th>
                    <th scope="col">"Bestätigt"</th>
                    <th scope="col">"Fassung"</th>
                </tr>
            </thead>
            <tbody>
                {page.items.into_iter().map(row).collect_view()}
            </tbody>
        </table>
        <nav class="button-group" aria-label="Seiten">
            {previous.map(|f| view! { <a class="button button-secondary" href=f.href()>"Vorherige Seite"</a> })}
            {next.map(|f| view! { <a class="button button-secondary" href=f.href()>"Nächste Seite"</a> })}
        </nav>
    }
    .into_any()
}

fn row(item: OperatorSummary) -> impl IntoView {
    let answered = item.answered_at.is_some();
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/verwaltung/antrag/{}", item.id)>{item.reference}</a>
            </th>
            <td>{item.municipality_name}</td>
            <td>{item.land.name}</td>
            <td>
                {item.status.label(Lang::De)}
                {answered.then(|| view! { " " <strong class="tag tag--yellow">"Antwort der Kommune"</strong> })}
            </td>
            <td>{local_time(&item.received_at)}</td>
            <td>{if item.confirmed { "ja" } else { "nein" }}</td>
            <td>{item.version}</td>
        </tr>
    }
}
