//! "Überblick": the task list. Every section with its status, the overall readiness, and
//! the draft's actions (download, load, start again).

use efa_domain::messages::FieldError;
use efa_domain::readiness::{PrereqStatus, ServiceReadiness};
use leptos::prelude::*;

use crate::components::draft_actions::DraftActions;
use crate::components::errors_for;
use crate::components::page::Page;
use crate::draft::Draft;
use crate::i18n::{CommonText, OverviewText, OwnOrCommon, ShellText};
use crate::state::use_app;
use crate::steps::Step;

/// The status of a section of the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStatus {
    NotStarted,
    InProgress,
    Done,
    CannotStartYet,
}

impl SectionStatus {
    pub fn text(self) -> OwnOrCommon<OverviewText> {
        match self {
            SectionStatus::NotStarted => OverviewText::SectionNotStarted.into(),
            SectionStatus::InProgress => OverviewText::SectionInProgress.into(),
            SectionStatus::Done => CommonText::SectionDone.into(),
            SectionStatus::CannotStartYet => CommonText::SectionCannotStart.into(),
        }
    }

    fn class(self) -> &'static str {
        match self {
            SectionStatus::NotStarted => "tag tag--grey",
            SectionStatus::InProgress => "tag tag--blue",
            SectionStatus::Done => "tag tag--green",
            SectionStatus::CannotStartYet => "tag tag--grey",
        }
    }
}

/// Derives the status of `step` from the draft and its validation problems. Pure, so it
/// is tested natively.
pub fn section_status(step: Step, draft: &Draft, problems: &[FieldError]) -> SectionStatus {
    let r = &draft.request;
    let has_municipality = !r.municipality.ars.is_empty();
    let clean = |s: Step| errors_for(s, problems).is_empty();
    match step {
        Step::Municipality => {
            let touched = has_municipality
                || !r.contacts.vertretung.name.is_empty()
                || !r.contacts.fachlich.name.is_empty()
                || !draft.municipality_query.is_empty();
            if !touched {
                SectionStatus::NotStarted
            } else if clean(Step::Municipality) {
                SectionStatus::Done
            } else {
                SectionStatus::InProgress
            }
        }
        Step::Services => {
            if r.services.is_empty() {
                SectionStatus::NotStarted
            } else if clean(Step::Services) {
                SectionStatus::Done
            } else {
                SectionStatus::InProgress
            }
        }
        Step::Prerequisites => {
            if !has_municipality || r.services.is_empty() {
                SectionStatus::CannotStartYet
            } else if r
                .prerequisites
                .values()
                .all(|p| p.status == PrereqStatus::Offen && p.evidence.is_empty())
            {
                SectionStatus::NotStarted
            } else if clean(Step::Prerequisites) {
                SectionStatus::Done
            } else {
                SectionStatus::InProgress
            }
        }
        Step::ServiceDetails => {
            if r.services.is_empty() {
                SectionStatus::CannotStartYet
            } else if r
                .services
                .iter()
                .all(|s| s.authority.name.is_empty() && s.channel.is_none())
            {
                SectionStatus::NotStarted
            } else if clean(Step::ServiceDetails) {
                SectionStatus::Done
            } else {
                SectionStatus::InProgress
            }
        }
        Step::Review | Step::Submit => {
            if draft.is_submitted() {
                SectionStatus::Done
            } else if [
                Step::Municipality,
                Step::Services,
                Step::Prerequisites,
                Step::ServiceDetails,
            ]
            .into_iter()
            .all(clean)
                && has_municipality
                && !r.services.is_empty()
            {
                SectionStatus::NotStarted
            } else {
                SectionStatus::CannotStartYet
            }
        }
        _ => SectionStatus::NotStarted,
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    app.ensure_registry();
    crate::pages::remember_step(Step::Overview);

    let problems = Memo::new(move |_| app.problems());
    let sections = [
        Step::Municipality,
        Step::Services,
        Step::Prerequisites,
        Step::ServiceDetails,
        Step::Review,
    ];

    let readiness_summary = move || {
        let readiness = app.readiness()?;
        let total = readiness.services.len();
        if total == 0 {
            return None;
        }
        let ready = readiness
            .services
            .iter()
            .filter(|s| matches!(s.readiness, ServiceReadiness::Bereit))
            .count();
        let open = readiness.next_actions.len();
        Some(view! {
            <div class="notice">
                <p><strong>{app.t(OverviewText::ReadinessCount(ready, total))}</strong></p>
                <p>{app.t(OverviewText::NextActionsCount(open))}</p>
            </div>
        })
    };

    // Without catalog, registry or the rules' module no section has a status: say why
    // and offer to load them again, rather than leave the list saying "Wird geladen".
    let unavailable = move || {
        app.checks_failed().then(|| {
            let retry = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                app.ensure_catalog();
                app.ensure_registry();
            };
            view! {
                <div class="notice notice--warning" role="alert">
                    <p>{app.t(CommonText::LoadFailedRetry)}</p>
                </div>
                <form on:submit=retry>
                    <button type="submit" class="button button-secondary">
                        {app.t(ShellText::PageNotLoadedRetry)}
                    </button>
                </form>
            }
        })
    };

    view! {
        <Page step=Step::Overview errors=Signal::stored(Vec::new())>
            {move || {
                let name = app.draft.with(|d| d.request.municipality.name.clone());
                (!name.is_empty()).then(|| view! { <p class="lead">{name}</p> })
            }}
            {unavailable}
            {readiness_summary}
            <h2>{move || app.t(OverviewText::TaskListTitle)}</h2>
            <ol class="task-list">
                {sections
                    .into_iter()
                    .map(|step| {
                        let status = move || match problems.get() {
                            Some(p) => app.draft.with(|d| Some(section_status(step, d, &p))),
                            None => None,
                        };
                        let status_id = format!("status-{}", step.path().trim_start_matches('/'));
                        let label = move || step.title(app.lang.get());
                        let blocked = move || status() == Some(SectionStatus::CannotStartYet);
                        let status_for_tag = status_id.clone();
                        view! {
                            <li class="task-list__item">
                                <span class="task-list__name">
                                    {move || if blocked() {
                                        view! { <span>{label()}</span> }.into_any()
                                    } else {
                                        view! {
                                            <a href=step.path() aria-describedby=status_id.clone()>{label()}</a>
                                        }.into_any()
                                    }}
                                </span>
                                <span id=status_for_tag class=move || status().map(SectionStatus::class).unwrap_or("tag tag--grey")>
                                    {move || match status() {
                                        Some(s) => app.t(s.text()),
                                        None if app.checks_failed() => app.t(CommonText::Unknown),
                                        None => app.t(CommonText::Loading),
                                    }}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <DraftActions />
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use efa_domain::messages::ErrorCode;
    use efa_domain::request::ServiceRequest;

    fn draft() -> Draft {
        Draft::new("t".into(), "2026-11-28T10:00:00Z")
    }

    #[test]
    fn untouched_sections_are_not_started_and_later_ones_cannot_start() {
        let d = draft();
        assert_eq!(
            section_status(Step::Municipality, &d, &[]),
            SectionStatus::NotStarted
        );
        assert_eq!(
            section_status(Step::Services, &d, &[]),
            SectionStatus::NotStarted
        );
        assert_eq!(
            section_status(Step::Prerequisites, &d, &[]),
            SectionStatus::CannotStartYet
        );
        assert_eq!(
            section_status(Step::ServiceDetails, &d, &[]),
            SectionStatus::CannotStartYet
        );
        assert_eq!(
            section_status(Step::Review, &d, &[]),
            SectionStatus::CannotStartYet
        );
    }

    #[test]
    fn errors_of_a_section_keep_it_in_progress() {
        let mut d = draft();
        d.request.municipality.ars = "096630000000".into();
        d.request.services.push(ServiceRequest {
            service_id: "wohngeld".into(),
            ..Default::default()
        });
        let problems = vec![
            FieldError::new("contacts.vertretung.email", ErrorCode::EmailInvalid),
            FieldError::new("services[0].authority.name", ErrorCode::Required),
        ];
        assert_eq!(
            section_status(Step::Municipality, &d, &problems),
            SectionStatus::InProgress
        );
        assert_eq!(
            section_status(Step::Services, &d, &problems),
            SectionStatus::Done
        );
        assert_eq!(
            section_status(Step::ServiceDetails, &d, &problems),
            SectionStatus::NotStarted
        );
        assert_eq!(
            section_status(Step::Review, &d, &problems),
            SectionStatus::CannotStartYet
        );
        assert_eq!(
            section_status(Step::Municipality, &d, &[]),
            SectionStatus::Done
        );
        assert_eq!(
            section_status(Step::Review, &d, &[]),
            SectionStatus::NotStarted
        );
    }
}
