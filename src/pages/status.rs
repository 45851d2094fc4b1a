//! The status page of a submitted request: `/status/{id}#token=…` works from any browser.
//! A request not yet confirmed through the mailed link says so, with its deadline. While
//! the agency waits for an answer to its Rückfrage, the page shows the question and a form
//! to answer it.
//!
//! The token is a secret: once read, it leaves the address bar and the browser history and
//! stays in this tab's session storage (see [`crate::fragment`]).

use efa_domain::messages::FieldError;
use efa_domain::request::{TextRule, check_text};
use efa_domain::wire::{NOTE_MAX_CHARS, RequestStatus, ServiceRef};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, AnswerError, ApiError};
use crate::components::fields::TextField;
use crate::components::page::{Page, focus_id};
use crate::components::summary::SummaryRow;
use crate::draft::{self, Amendment, Draft};
use crate::fragment;
use crate::i18n::{CommonText, StatusText};
use crate::state::use_app;
use crate::steps::Step;

/// The DOM id of the note that the answer was sent, which takes focus when the form
/// gives way to it.
const SENT_ID: &str = "antwort-gesendet";
/// The request field path of the answer (its input's id is derived from it).
const ANSWER_PATH: &str = "answer";

fn storage_key(id: &str) -> String {
    format!("efa-status-token:{id}")
}

/// The answer as the server checks it, so a mistake is shown before anything is sent.
fn check_answer(text: &str) -> Vec<FieldError> {
    let rule = TextRule {
        required: true,
        max: NOTE_MAX_CHARS,
        multiline: true,
    };
    match check_text(text, rule) {
        Ok(()) => Vec::new(),
        Err(code) => vec![FieldError::new(ANSWER_PATH, code)],
    }
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let app = use_app();
    // The answer's errors are worded by the rules' module (see `AppState::error_text`),
    // which a clerk coming from the mailed link has not loaded.
    app.ensure_rules();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let status = LocalResource::new(move || {
        let id = id();
        let token = fragment::take("token", &storage_key(&id));
        async move {
            match token {
                None => Err(ApiError::Status(401)),
                Some(t) => api::status(&id, &t).await,
            }
        }
    });

    // What the clerk types lives outside the view, so no redraw and no failed attempt
    // loses it; it is cleared only once the answer is stored.
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let send = Action::new_local(move |(id, answer): &(String, String)| {
        let (id, answer) = (id.clone(), answer.clone());
        async move {
            let outcome = match fragment::take("token", &storage_key(&id)) {
                None => Err(AnswerError::Refused(String::new())),
                Some(t) => api::answer(&id, &t, &answer).await,
            };
            match &outcome {
                Ok(_) => text.set(String::new()),
                Err(AnswerError::Invalid(list)) => errors.set(list.clone()),
                Err(_) => {}
            }
            outcome
        }
    });
    let sent = send.value();
    let pending = send.pending();
    // The latest known state: the server's reply to the answer once there is one, else
    // what was loaded. A failed attempt leaves it equal, so the form is not redrawn.
    let current: Memo<Option<Result<RequestStatus, ApiError>>> =
        Memo::new(move |_| match sent.get() {
            Some(Ok(s)) => Some(Ok(s)),
            _ => status.get(),
        });
    let answered = move || matches!(sent.get(), Some(Ok(_)));
    Effect::new(move |_| {
        if answered() {
            focus_id(SENT_ID);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let answer = text.get_untracked();
        let problems = check_answer(&answer);
        let ok = problems.is_empty();
        errors.set(problems);
        if ok {
            send.dispatch_local((id(), answer.trim().to_owned()));
        }
    };

    let failure = move || {
        match sent.get() {
        _ if pending.get() => None,
        Some(Err(AnswerError::Retry(e))) => Some(view! {
            <div class="notice notice--warning" role="alert">
                <p>{app.t(if e == ApiError::Network { StatusText::AnswerNetworkError } else { StatusText::AnswerServerError })}</p>
                <p>{app.t(StatusText::AnswerKept)}</p>
            </div>
        }.into_any()),
        Some(Err(AnswerError::Refused(why))) => Some(view! {
            <div class="notice notice--warning" role="alert">
                <p>{if why.is_empty() { app.t(StatusText::AnswerRefused) } else { why }}</p>
                <p>{app.t(StatusText::AnswerKept)}</p>
            </div>
        }.into_any()),
        _ => None,
    }
    };

    // "Antrag ergänzen": the current version opens as a new draft that amends the request,
    // on the check page; "Absenden" there sends it as the next version.
    let navigate = use_navigate();
    let amend = Action::new_local(move |(id, reference): &(String, String)| {
        let (id, reference) = (id.clone(), reference.clone());
        async move {
            let token = fragment::take("token", &storage_key(&id)).ok_or(ApiError::Status(401))?;
            let stored = api::request_document(&id, &token).await?;
            let mut request = stored.document;
            // Like an imported draft still being worked on: it asks for what newer
            // schema versions added.
            request.upgrade();
            let mut d = Draft::new(draft::random_id(), &draft::now_rfc3339());
            d.municipality_query = request.municipality.name.clone();
            d.request = request;
            d.step = Step::Review;
            d.amends = Some(Amendment {
                id,
                reference,
                version: stored.version,
                status_token: token,
            });
            app.replace(d);
            Ok::<(), ApiError>(())
        }
    });
    let opening = amend.pending();
    Effect::new(move |_| {
        if amend.value().with(|v| matches!(v, Some(Ok(())))) {
            navigate(Step::Review.path(), Default::default());
        }
    });
    let amend_form = move |reference: String| {
        let on_amend = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !opening.get_untracked() {
                amend.dispatch_local((id(), reference.clone()));
            }
        };
        view! {
            <h3>{app.t(StatusText::AmendTitle)}</h3>
            <p>{app.t(StatusText::AmendIntro)}</p>
            {move || amend.value().get().filter(|_| !opening.get()).and_then(Result::err).map(|_| view! {
                <div class="notice notice--warning" role="alert"><p>{app.t(StatusText::AmendFailed)}</p></div>
            })}
            <form on:submit=on_amend>
                <div class="button-group">
                    <button type="submit" class="button button-secondary"
                        aria-busy=move || opening.get().then_some("true")>
                        {move || app.t(if opening.get() { StatusText::AmendOpening } else { StatusText::AmendButton })}
                    </button>
                </div>
            </form>
        }
    };

    let question = move |question: String, reference: String| {
        view! {
            <section class="question" aria-labelledby="rueckfrage-titel">
                <h2 id="rueckfrage-titel">{app.t(StatusText::QuestionTitle)}</h2>
                <p>{app.t(StatusText::QuestionIntro)}</p>
                <blockquote class="question__text"><p>{question}</p></blockquote>
                {failure}
                <form novalidate on:submit=on_submit>
                    <TextField path=ANSWER_PATH
                        label=Signal::derive(move || app.t(StatusText::AnswerLabel))
                        hint=Signal::derive(move || app.t(StatusText::AnswerHint))
                        value=text
                        set=Callback::new(move |v| text.set(v))
                        errors
                        multiline=true />
                    <div class="button-group">
                        <button type="submit" class="button button-primary"
                            aria-busy=move || pending.get().then_some("true")>
                            {move || app.t(if pending.get() { StatusText::AnswerSending } else { StatusText::AnswerButton })}
                        </button>
                    </div>
                </form>
                {amend_form(reference)}
            </section>
        }
    };

    let heading = Signal::derive(move || app.t(StatusText::StatusTitle));
    view! {
        <Page step=Step::Confirmation errors heading hide_back=true>
            {move || answered().then(|| view! {
                <div class="panel panel--confirmation" id=SENT_ID tabindex="-1" role="status">
                    <p class="panel__body">{app.t(StatusText::AnswerSent)}</p>
                </div>
            })}
            {move || match current.get() {
                None => view! { <p role="status">{app.t(CommonText::Loading)}</p> }.into_any(),
                Some(Err(ApiError::Network)) => view! { <div class="notice notice--warning" role="alert">{app.t(StatusText::StatusUnreachable)}</div> }.into_any(),
                Some(Err(_)) => view! { <div class="notice notice--warning" role="alert">{app.t(StatusText::StatusNotFound)}</div> }.into_any(),
                Some(Ok(s)) => view! {
                    {s.confirmation_deadline().map(|by| view! {
                        <div class="notice notice--warning">
                            <p>{app.t(StatusText::StatusUnconfirmed)}</p>
                            <p><strong>{crate::i18n::confirm_deadline(&crate::i18n::format_timestamp(by, app.lang.get()), app.lang.get())}</strong></p>
                        </div>
                    })}
                    <dl class="summary-list">
                        <SummaryRow label=app.t(CommonText::ReferenceNumber) value=s.reference.clone() />
                        <SummaryRow label=app.t(CommonText::FieldName) value=s.municipality_name.clone() />
                        <SummaryRow label=app.t(CommonText::FieldLand) value=s.land.name.clone() />
                        <SummaryRow label=app.t(StatusText::CurrentStatus) value=s.status.label(app.lang.get()) strong=true />
                        {(s.confirmed || s.confirmation_deadline().is_some()).then(|| view! {
                            <SummaryRow label=app.t(StatusText::ConfirmationRow) value={app.t(if s.confirmed { StatusText::ConfirmedValue } else { StatusText::UnconfirmedValue })} />
                        })}
                        <SummaryRow label=app.t(CommonText::ReceivedAt) value=crate::i18n::format_timestamp(&s.received_at, app.lang.get()) />
                        <SummaryRow label=app.t(CommonText::ReviewServices) value={s.services.iter().map(ServiceRef::display_name).collect::<Vec<_>>().join(", ")} />
                    </dl>
                    {s.open_question().map(|q| question(q.to_owned(), s.reference.clone()))}
                    <h2>{app.t(StatusText::HistoryTitle)}</h2>
                    <ol class="list history">
                        {s.history.iter().map(|h| view! {
                            <li><strong>{h.status.label(app.lang.get())}</strong>" – "{crate::i18n::format_timestamp(&h.at, app.lang.get())}
                                {h.note.clone().filter(|n| !n.is_empty()).map(|n| {
                                    let who = h.by_municipality.then(|| view! { <strong>{app.t(StatusText::YourAnswer)}": "</strong> });
                                    view! { <p class="history__note">{who}{n}</p> }
                                })}
                                {h.version.map(|v| view! { <p class="history__note">{crate::i18n::version_entry(v, app.lang.get())}</p> })}</li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </Page>
    }
}
