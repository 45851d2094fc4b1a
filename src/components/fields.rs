//! Form fields with label, hint, error and warnings, wired for assistive technology: the
//! input's `aria-describedby` names its hint, error and warnings, `aria-invalid` marks an
//! error (never a warning, which does not block), optional fields say "(optional)" in the
//! label (no asterisks).

use efa_domain::messages::{FieldError, FieldWarning};
use leptos::prelude::*;

use crate::components::{anchor_for, field_id};
use crate::i18n::CommonText;
use crate::state::use_app;

/// The message of the first error at `path`, in the current language.
pub fn error_at(errors: Signal<Vec<FieldError>>, path: String) -> Signal<Option<String>> {
    let app = use_app();
    Signal::derive(move || {
        errors.with(|list| {
            list.iter()
                .find(|e| anchor_for(&e.path) == field_id(&path))
                .map(|e| app.error_text(e))
        })
    })
}

/// The messages of the warnings at `path`, in the current language. Each names the service
/// whose field it is, which takes the catalog; while it (or the rules' module with the
/// wording) loads there is nothing to say.
pub fn warnings_at(warnings: Signal<Vec<FieldWarning>>, path: String) -> Signal<Vec<String>> {
    let app = use_app();
    Signal::derive(move || {
        let Some(catalog) = app.catalog_ready() else {
            return Vec::new();
        };
        let id = field_id(&path);
        warnings.with(|list| {
            list.iter()
                .filter(|w| anchor_for(&w.path) == id)
                .filter_map(|w| app.warning_text(w, &catalog))
                .collect()
        })
    })
}

fn describedby(id: &str, hint: bool, error: bool, warning: bool) -> Option<String> {
    let mut parts = Vec::new();
    if hint {
        parts.push(format!("{id}-hint"));
    }
    if error {
        parts.push(format!("{id}-error"));
    }
    if warning {
        parts.push(format!("{id}-warning"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// What every field shares: its id, its current error and the ids its control names in
/// `aria-describedby`.
struct Wiring {
    id: String,
    error: Signal<Option<String>>,
    warnings: Signal<Vec<String>>,
    hint_id: String,
    error_id: String,
    warning_id: String,
    described: Signal<Option<String>>,
}

fn wiring(
    path: String,
    errors: Signal<Vec<FieldError>>,
    warnings: Option<Signal<Vec<FieldWarning>>>,
    has_hint: bool,
) -> Wiring {
    let id = field_id(&path);
    let warnings = match warnings {
        Some(w) => warnings_at(w, path.clone()),
        None => Signal::stored(Vec::new()),
    };
    let error = error_at(errors, path);
    let described = {
        let id = id.clone();
        Signal::derive(move || {
            describedby(
                &id,
                has_hint,
                error.with(Option::is_some),
                warnings.with(|w| !w.is_empty()),
            )
        })
    };
    Wiring {
        hint_id: format!("{id}-hint"),
        error_id: format!("{id}-error"),
        warning_id: format!("{id}-warning"),
        id,
        error,
        warnings,
        described,
    }
}

/// The inline error above a control, with a hidden "Fehler:" for screen readers.
#[component]
pub fn InlineError(
    #[prop(into)] id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error-message" id=id.clone()>
                    <span class="visually-hidden">{app.t(CommonText::ErrorPrefix)}": "</span>{e}
                </p>
            }
        })
    }
}

/// The warnings below a field's hint: accepted values that deserve a second look. Shown
/// as they arise and named in the control's `aria-describedby`; unlike an error they do
/// not mark the control invalid.
#[component]
pub fn InlineWarnings(
    #[prop(into)] id: String,
    #[prop(into)] warnings: Signal<Vec<String>>,
) -> impl IntoView {
    let app = use_app();
    move || {
        let list = warnings.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="warning-message" id=id.clone()>
                    {list.into_iter().map(|w| view! {
                        <p><strong>{app.t(CommonText::WarningPrefix)}": "</strong>{w}</p>
                    }).collect_view()}
                </div>
            }
        })
    }
}

#[component]
pub fn TextField(
    /// The request field path; the input's id is derived from it.
    #[prop(into)]
    path: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(optional)] optional: bool,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    /// Warnings of the page; the field shows those at its path.
    #[prop(into, optional)]
    warnings: Option<Signal<Vec<FieldWarning>>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = "")] width: &'static str,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let app = use_app();
    let Wiring {
        id,
        error,
        warnings,
        hint_id,
        error_id,
        warning_id,
        described,
    } = wiring(path, errors, warnings, hint.is_some());
    let label_text = move || {
        if optional {
            format!("{} {}", label.get(), app.t(CommonText::OptionalSuffix))
        } else {
            label.get()
        }
    };
    let input_class = move || {
        let mut c = String::from("input");
        if !width.is_empty() {
            c.push(' ');
            c.push_str(width);
        }
        if error.with(Option::is_some) {
            c.push_str(" input--error");
        }
        c
    };
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                class=input_class
                rows="4"
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| set.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                class=input_class
                type=input_type
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| set.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>{label_text}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h.get()}</p> })}
            <InlineError id=error_id error />
            <InlineWarnings id=warning_id warnings />
            {control}
        </div>
    }
}

/// A group of radio buttons in a fieldset with a legend.
#[component]
pub fn Radios(
    #[prop(into)] path: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    /// (value, label) pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let Wiring {
        id,
        error,
        hint_id,
        error_id,
        described,
        ..
    } = wiring(path, errors, None, hint.is_some());
    let group_id = id.clone();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=described>
                <legend class="fieldset__legend">{move || legend.get()}</legend>
                {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h.get()}</p> })}
                <InlineError id=error_id error />
                <div class="radios" class:radios--inline=inline>
                    {move || {
                        let group_id = group_id.clone();
                        options
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, (v, label))| {
                                // The first radio carries the group's id so error links land on it.
                                let input_id = if i == 0 { group_id.clone() } else { format!("{group_id}-{i}") };
                                let checked_value = v.clone();
                                let set_value = v.clone();
                                view! {
                                    <div class="radios__item">
                                        <input
                                            class="radios__input"
                                            type="radio"
                                            id=input_id.clone()
                                            name=group_id.clone()
                                            value=v
                                            prop:checked=move || value.get() == checked_value
                                            on:change=move |_| set.run(set_value.clone())
                                        />
                                        <label class="radios__label" for=input_id>{label}</label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </div>
    }
}

/// A single checkbox (declarations, selections).
#[component]
pub fn Checkbox(
    #[prop(into)] path: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(into)] checked: Signal<bool>,
    set: Callback<bool>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let Wiring {
        id,
        error,
        hint_id,
        error_id,
        described,
        ..
    } = wiring(path, errors, None, hint.is_some());
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <InlineError id=error_id error />
            <div class="checkboxes__item">
                <input
                    class="checkboxes__input"
                    type="checkbox"
                    id=id.clone()
                    aria-describedby=described
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:checked=move || checked.get()
                    on:change=move |ev| set.run(event_target_checked(&ev))
                />
                <label class="checkboxes__label" for=id>{move || label.get()}</label>
                {hint.map(|h| view! { <p class="hint checkboxes__hint" id=hint_id>{move || h.get()}</p> })}
            </div>
        </div>
    }
}
