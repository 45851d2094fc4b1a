//! A row of a summary list (`<dl class="summary-list">`): a label, its value and, where
//! the value can be changed, the "Ändern" link. The review page, the chosen municipality,
//! the facts of a service and the status page use it.

use leptos::prelude::*;

use crate::i18n::CommonText;
use crate::state::current_lang;

#[component]
pub fn SummaryRow(
    #[prop(into)] label: String,
    /// The value; an empty one shows `missing` in the muted style of unknown facts.
    #[prop(into)]
    value: String,
    /// What an empty value shows: "nicht angegeben" unless the page says otherwise
    /// ("unbekannt" for facts no source states).
    #[prop(optional_no_strip)]
    missing: Option<CommonText>,
    /// The "Ändern" link: where it leads, and what it changes for screen readers.
    #[prop(optional_no_strip)]
    change: Option<(String, String)>,
    /// Set in bold, for the one row the page is about (the current status).
    #[prop(optional)]
    strong: bool,
) -> impl IntoView {
    let lang = current_lang();
    let empty = value.trim().is_empty();
    let shown = if empty {
        missing.unwrap_or(CommonText::NotGiven).text(lang)
    } else {
        value
    };
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{label}</dt>
            <dd class="summary-list__value" class:unknown=empty>
                {if strong { view! { <strong>{shown}</strong> }.into_any() } else { shown.into_any() }}
            </dd>
            {change.map(|(href, what)| view! {
                <dd class="summary-list__actions">
                    <a href=href>{CommonText::Change.text(lang)}<span class="visually-hidden">" "{what}</span></a>
                </dd>
            })}
        </div>
    }
}
