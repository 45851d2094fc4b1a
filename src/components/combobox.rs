//! An accessible combobox following the ARIA Authoring Practices "combobox with list
//! autocomplete" pattern: the input keeps focus, the highlighted option is announced through
//! `aria-activedescendant`, and a polite live region says how many suggestions there are.
//!
//! Keyboard: ↓/↑ move through the suggestions (opening the list if closed), Enter chooses
//! the highlighted one, Escape closes the list (a second Escape clears the input), Tab
//! leaves without choosing. Mouse and touch choose on click.
//!
//! The suggestions are derived from what was typed: when `suggest` reads a signal (the
//! registry that is still loading, say), they follow it, so text typed before the data
//! arrived gets its suggestions, announced, the moment it does.

use leptos::prelude::*;

/// One suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct ComboOption {
    /// Stable key handed back on selection (e.g. the ARS).
    pub key: String,
    pub label: String,
    /// Secondary line (kind, Kreis, Land) to tell similar names apart.
    pub detail: String,
}

#[component]
pub fn Combobox(
    /// The id of the input; the `<label for>` points here.
    #[prop(into)]
    id: String,
    /// What the user has typed (the page keeps it in the draft, so nothing is lost).
    #[prop(into)]
    text: Signal<String>,
    /// Called with the new text whenever the user types, chooses or clears.
    set_text: Callback<String>,
    /// Suggestions for a query; signals it reads are tracked.
    suggest: Callback<String, Vec<ComboOption>>,
    /// Called with the chosen option.
    on_select: Callback<ComboOption>,
    /// Wording of the live region for `n` suggestions.
    count_text: Callback<usize, String>,
    /// `aria-describedby` of the input (hint and error ids), if any.
    #[prop(into, optional)]
    described_by: Signal<Option<String>>,
    /// Whether the field currently has an error (sets `aria-invalid`).
    #[prop(into, optional)]
    invalid: Signal<bool>,
) -> impl IntoView {
    let listbox_id = format!("{id}-listbox");
    let status_id = format!("{id}-status");
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // What was typed since the last choice; `None` once an option is chosen or the input
    // is cleared, so a chosen name does not reopen the list.
    let typed = RwSignal::new(None::<String>);
    let options = Memo::new(move |_| {
        typed.with(|q| match q.as_deref().map(str::trim) {
            None | Some("") => Vec::new(),
            Some(q) => suggest.run(q.to_owned()),
        })
    });
    let shown = move || open.get() && options.with(|o| !o.is_empty());

    let choose = move |index: usize| {
        if let Some(option) = options.with_untracked(|o| o.get(index).cloned()) {
            set_text.run(option.label.clone());
            typed.set(None);
            open.set(false);
            active.set(None);
            on_select.run(option);
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let len = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if len > 0 {
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % len)));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if len > 0 {
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(len - 1, |i| (i + len - 1) % len)));
                }
            }
            "Enter" => {
                if open.get_untracked()
                    && let Some(i) = active.get_untracked().filter(|&i| i < len)
                {
                    ev.prevent_default();
                    choose(i);
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    open.set(false);
                    active.set(None);
                } else {
                    set_text.run(String::new());
                    typed.set(None);
                }
            }
            _ => {}
        }
    };

    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-option-{i}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || {
            if shown() {
                active.get().map(&option_id)
            } else {
                None
            }
        }
    };

    let listbox_for_aria = listbox_id.clone();
    view! {
        <div class="combobox">
            <input
                id=id.clone()
                class="kern-form-input__input"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls=listbox_for_aria
                aria-expanded=move || if shown() { "true" } else { "false" }
                aria-activedescendant=active_descendant
                aria-describedby=move || described_by.get()
                aria-invalid=move || invalid.get().then_some("true")
                prop:value=move || text.get()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    set_text.run(value.clone());
                    typed.set(Some(value));
                    active.set(None);
                    open.set(true);
                }
                on:keydown=on_keydown
                on:blur=move |_| {
                    // Leave time for a click on an option to land before the list closes.
                    set_timeout(move || open.set(false), std::time::Duration::from_millis(150));
                }
            />
            <ul
                id=listbox_id
                role="listbox"
                class="combobox__listbox"
                hidden=move || !shown()
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, o)| {
                            let selected = move || active.get() == Some(i);
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    class="combobox__option"
                                    class:combobox__option--active=selected
                                    aria-selected=move || if selected() { "true" } else { "false" }
                                    on:mousedown=move |ev| {
                                        // Keep focus in the input (APG): choose on mousedown.
                                        ev.prevent_default();
                                        choose(i);
                                    }
                                >
                                    <span class="combobox__label">{o.label}</span>
                                    <span class="combobox__detail">{o.detail}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p id=status_id class="kern-sr-only" role="status" aria-live="polite">
                {move || {
                    let n = options.with(Vec::len);
                    let idle = typed.with(|t| t.as_deref().is_none_or(|t| t.trim().is_empty()));
                    if idle { String::new() } else { count_text.run(n) }
                }}
            </p>
        </div>
    }
}
