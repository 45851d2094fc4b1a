//! The frame of every step: document title, back link, the focused heading and the error
//! summary.

use efa_domain::messages::FieldError;
use leptos::html;
use leptos::prelude::*;

use crate::components::{anchor_for, step_for};
use crate::i18n::CommonText;
use crate::state::use_app;
use crate::steps::{Step, change_link};

/// Sets `document.title`, prefixed "Fehler: " while the page shows errors (WCAG 2.4.2,
/// GOV.UK pattern), so screen-reader users hear about the problem first.
pub fn set_title(title: &str, has_errors: bool, lang_error_prefix: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let product = "EfA-Onboarding";
        let t = if has_errors {
            format!("{lang_error_prefix}: {title} – {product}")
        } else {
            format!("{title} – {product}")
        };
        doc.set_title(&t);
    }
}

/// Moves keyboard focus to the element with `id` (a field from the error summary).
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
            el.scroll_into_view();
        }
    }
}

#[component]
pub fn Page(
    step: Step,
    /// Errors shown in the summary (empty: no summary).
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    /// A heading other than the step's title.
    #[prop(into, optional)]
    heading: Option<Signal<String>>,
    #[prop(optional)] hide_back: bool,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let h1 = NodeRef::<html::H1>::new();
    let title = move || match heading {
        Some(h) => h.get(),
        None => step.title(app.lang.get()),
    };
    Effect::new(move |_| {
        let has_errors = errors.with(|e| !e.is_empty());
        set_title(&title(), has_errors, &app.t(CommonText::ErrorPrefix));
    });
    // A new page: move focus to its heading so screen readers start there (the router
    // does not move focus by itself).
    // An "Ändern" link or an error link names a field in the URL fragment: focus that
    // field instead, so the clerk lands exactly where the change is to be made.
    Effect::new(move |_| {
        if let Some(el) = h1.get() {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            let target = hash.trim_start_matches('#');
            let found = !target.is_empty()
                && web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(target))
                    .is_some();
            if found {
                focus_id(target);
            } else {
                let _ = el.focus();
            }
        }
    });
    let back = (!hide_back && step != Step::Start).then(|| {
        let prev = step.previous();
        view! {
            <a class="back-link" href=prev.path()>{move || app.t(CommonText::Back)}</a>
        }
    });
    view! {
        {back}
        <ErrorSummary errors step />
        <h1 node_ref=h1 tabindex="-1">{title}</h1>
        {children()}
    }
}

/// GOV.UK error summary: a box at the top, focused when it appears, linking to each field.
#[component]
pub fn ErrorSummary(
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    /// The page showing the summary; errors of other steps link to their page.
    step: Step,
) -> impl IntoView {
    let app = use_app();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if errors.with(|e| !e.is_empty())
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" node_ref=summary tabindex="-1" role="alert"
                     aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title" class="error-summary__title">
                        {app.t(CommonText::ErrorSummaryTitle)}
                    </h2>
                    <ul class="error-summary__list">
                        {list
                            .into_iter()
                            .map(|e| {
                                let anchor = anchor_for(&e.path);
                                let target = step_for(&e.path);
                                let here = target == step;
                                let href = if here { format!("#{anchor}") } else { change_link(target, &anchor) };
                                view! {
                                    <li>
                                        <a href=href on:click=move |ev| {
                                            if here {
                                                ev.prevent_default();
                                                focus_id(&anchor);
                                            }
                                        }>{app.error_text(&e)}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
