//! State shared by all pages: language, the current draft, the catalog and the registry.

use std::sync::Arc;
use std::time::Duration;

use efa_domain::catalog::Catalog;
use efa_domain::messages::{FieldError, FieldWarning, Lang};
use efa_domain::readiness::{self, Readiness};
use efa_domain::registry::Registry;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::draft::{self, Draft};
use crate::i18n::{Text, t};

/// Whether the latest change is in browser storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing typed yet in this session.
    Idle,
    Pending,
    /// Saved at the given local time (hh:mm).
    Saved(u32, u32),
    /// The browser refused to store (private mode or full).
    Failed,
}

/// A lazily loaded, shared piece of data.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    NotYet,
    Loading,
    Ready(Arc<T>),
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub draft: RwSignal<Draft>,
    pub save: RwSignal<SaveState>,
    pub catalog: RwSignal<Loaded<Catalog>>,
    pub registry: RwSignal<Loaded<Registry>>,
    /// Bumped on every change; a save runs only if no newer change came in meanwhile.
    generation: StoredValue<u64>,
}

impl AppState {
    pub fn new() -> AppState {
        let draft = draft::load_current()
            .unwrap_or_else(|| Draft::new(draft::random_id(), &draft::now_rfc3339()));
        let lang = match crate::i18n::stored_lang() {
            Some(l) => l,
            None => Lang::De,
        };
        AppState {
            lang: RwSignal::new(lang),
            draft: RwSignal::new(draft),
            save: RwSignal::new(SaveState::Idle),
            catalog: RwSignal::new(Loaded::NotYet),
            registry: RwSignal::new(Loaded::NotYet),
            generation: StoredValue::new(0),
        }
    }

    pub fn t(&self, text: Text) -> String {
        t(self.lang.get(), text)
    }

    /// Changes the draft and saves it shortly after (debounced, so typing stays fast).
    pub fn edit(&self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            f(d);
            d.request.updated_at = draft::now_rfc3339();
        });
        self.schedule_save();
    }

    fn schedule_save(&self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.save.set(SaveState::Pending);
        let state = *self;
        set_timeout(
            move || {
                if state.generation.get_value() == generation {
                    state.save_now();
                }
            },
            Duration::from_millis(300),
        );
    }

    /// Saves at once (also used before leaving the page).
    pub fn save_now(&self) {
        // A draft nobody has typed into yet is not stored: opening the app must not fill
        // the list of drafts with empty ones.
        let skip = self
            .draft
            .with_untracked(|d| d.is_blank() && !draft::exists(&d.id));
        if skip {
            return;
        }
        let ok = self.draft.with_untracked(draft::save);
        self.save.set(if ok {
            let d = js_sys::Date::new_0();
            SaveState::Saved(d.get_hours(), d.get_minutes())
        } else {
            SaveState::Failed
        });
    }

    /// Replaces the draft (open, import, start again) and saves it.
    pub fn replace(&self, draft: Draft) {
        self.draft.set(draft);
        self.save_now();
    }

    /// Loads the catalog once.
    pub fn ensure_catalog(&self) {
        if matches!(
            self.catalog.get_untracked(),
            Loaded::NotYet | Loaded::Failed(_)
        ) {
            self.catalog.set(Loaded::Loading);
            let state = *self;
            leptos::task::spawn_local(async move {
                state.catalog.set(match api::catalog().await {
                    Ok(c) => Loaded::Ready(Arc::new(c)),
                    Err(e) => Loaded::Failed(e),
                });
            });
        }
    }

    /// Loads the municipality registry once (it is large, so only when needed).
    pub fn ensure_registry(&self) {
        if matches!(
            self.registry.get_untracked(),
            Loaded::NotYet | Loaded::Failed(_)
        ) {
            self.registry.set(Loaded::Loading);
            let state = *self;
            leptos::task::spawn_local(async move {
                state.registry.set(match api::registry().await {
                    Ok(r) => Loaded::Ready(Arc::new(r)),
                    Err(e) => Loaded::Failed(e),
                });
            });
        }
    }

    pub fn catalog_ready(&self) -> Option<Arc<Catalog>> {
        match self.catalog.get() {
            Loaded::Ready(c) => Some(c),
            _ => None,
        }
    }

    pub fn registry_ready(&self) -> Option<Arc<Registry>> {
        match self.registry.get() {
            Loaded::Ready(r) => Some(r),
            _ => None,
        }
    }

    /// Every validation problem of the whole draft, or `None` while catalog or registry
    /// are still loading.
    pub fn problems(&self) -> Option<Vec<FieldError>> {
        let catalog = self.catalog_ready()?;
        let registry = self.registry_ready()?;
        Some(
            self.draft
                .with(|d| match d.request.validate(&catalog, &registry) {
                    Ok(()) => Vec::new(),
                    Err(errors) => errors,
                }),
        )
    }

    /// Every warning of the whole draft (values the catalog cannot confirm; they never
    /// block), or `None` while catalog or registry are still loading.
    pub fn warnings(&self) -> Option<Vec<FieldWarning>> {
        let catalog = self.catalog_ready()?;
        let registry = self.registry_ready()?;
        Some(
            self.draft
                .with(|d| d.request.check(&catalog, &registry).warnings),
        )
    }

    /// Readiness of the selected services, once the municipality and catalog are known.
    pub fn readiness(&self) -> Option<Readiness> {
        let catalog = self.catalog_ready()?;
        let input = self.draft.with(|d| d.request.readiness_input())?;
        Some(readiness::evaluate(&catalog, &input))
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The app's state, provided once by the root component. A component outside it is a
/// programming error: a fresh state there would silently show and save nothing of the
/// clerk's draft, so this fails loudly instead.
#[allow(clippy::expect_used)]
pub fn use_app() -> AppState {
    use_context::<AppState>()
        .expect("use_app: no AppState in context; provide one with provide_context(AppState::new())")
}
