//! State shared by all pages: language, the current draft, the catalog and the registry.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};

use efa_domain::catalog::Catalog;
use efa_domain::messages::{FieldError, FieldWarning, Lang};
use efa_domain::readiness::Readiness;
use efa_domain::registry::Registry;
use efa_domain::route::LandRoute;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::draft::{self, Draft};
use crate::i18n::{CommonText, Words};
use crate::rules::{self, Rules};

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

/// Whether the draft stored in the browser has been read (see [`AppState::read_stored`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restore {
    /// Its reader's module is on its way; no page is shown yet.
    Reading,
    /// The reader's module could not be fetched. Nothing is saved meanwhile, so the
    /// stored draft stays as it was.
    Failed,
    /// `draft` is the clerk's: the stored one, or a new one if there was none.
    Done,
}

/// A lazily loaded, shared piece of data.
#[derive(Debug, PartialEq)]
pub enum Loaded<T> {
    NotYet,
    Loading,
    Ready(Arc<T>),
    Failed(ApiError),
}

// By hand: cloning shares the `Arc`, so `T` itself need not be `Clone`.
impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        match self {
            Loaded::NotYet => Loaded::NotYet,
            Loaded::Loading => Loaded::Loading,
            Loaded::Ready(value) => Loaded::Ready(Arc::clone(value)),
            Loaded::Failed(e) => Loaded::Failed(e.clone()),
        }
    }
}

/// Where the load of an asset stands, as a page tells the clerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadState {
    Loading,
    Failed,
    Ready,
}

impl<T> Loaded<T> {
    pub fn state(&self) -> LoadState {
        match self {
            Loaded::NotYet | Loaded::Loading => LoadState::Loading,
            Loaded::Ready(_) => LoadState::Ready,
            Loaded::Failed(_) => LoadState::Failed,
        }
    }
}

/// The one fetch of an asset while it runs: every caller awaits the same future, so an
/// asset is never fetched twice at once.
type Fetch<T> = Shared<LocalBoxFuture<'static, Result<Arc<T>, ApiError>>>;

/// The fetch in flight for an asset, if any.
type InFlight<T> = StoredValue<Option<Fetch<T>>, LocalStorage>;

/// Starts loading into `state` unless it is loaded or loading, and returns what to await.
/// A failed load is tried again by the next call.
fn load<T: Send + Sync + 'static>(
    state: RwSignal<Loaded<T>>,
    in_flight: InFlight<T>,
    fetch: impl FnOnce() -> LocalBoxFuture<'static, Result<T, ApiError>>,
) -> Fetch<T> {
    if let Loaded::Ready(value) = state.get_untracked() {
        return futures_util::future::ready(Ok(value))
            .boxed_local()
            .shared();
    }
    if let Some(running) = in_flight.get_value() {
        return running;
    }
    let running = fetch().map(|r| r.map(Arc::new)).boxed_local().shared();
    in_flight.set_value(Some(running.clone()));
    state.set(Loaded::Loading);
    let done = running.clone();
    leptos::task::spawn_local(async move {
        let result = done.await;
        in_flight.set_value(None);
        state.set(match result {
            Ok(value) => Loaded::Ready(value),
            Err(e) => Loaded::Failed(e),
        });
    });
    running
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub draft: RwSignal<Draft>,
    pub restore: RwSignal<Restore>,
    /// The stored draft's text until it is read.
    stored: StoredValue<Option<String>>,
    pub save: RwSignal<SaveState>,
    pub catalog: RwSignal<Loaded<Catalog>>,
    pub registry: RwSignal<Loaded<Registry>>,
    /// The request's checks and the readiness rules (see [`rules`]), loaded with the
    /// catalog they check against.
    rules: RwSignal<Loaded<Rules>>,
    catalog_fetch: InFlight<Catalog>,
    registry_fetch: InFlight<Registry>,
    rules_fetch: InFlight<Rules>,
    /// Bumped on every change; a save runs only if no newer change came in meanwhile.
    generation: StoredValue<u64>,
}

impl AppState {
    pub fn new() -> AppState {
        // The stored draft is read by its own module (see `draft::read`); until then the
        // pages wait, and a new draft stands in that is never saved.
        let stored = draft::stored_current();
        let restore = if stored.is_some() {
            Restore::Reading
        } else {
            Restore::Done
        };
        let draft = Draft::new(draft::random_id(), &draft::now_rfc3339());
        let lang = match crate::i18n::stored_lang() {
            Some(l) => l,
            None => Lang::De,
        };
        AppState {
            lang: RwSignal::new(lang),
            draft: RwSignal::new(draft),
            restore: RwSignal::new(restore),
            stored: StoredValue::new(stored),
            save: RwSignal::new(SaveState::Idle),
            catalog: RwSignal::new(Loaded::NotYet),
            registry: RwSignal::new(Loaded::NotYet),
            rules: RwSignal::new(Loaded::NotYet),
            catalog_fetch: StoredValue::new_local(None),
            registry_fetch: StoredValue::new_local(None),
            rules_fetch: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        }
    }

    /// Reads the stored draft into `draft` (see [`Restore`]); `false` if the reader's
    /// module could not be fetched, to be tried again.
    pub async fn read_stored(&self) -> bool {
        let Some(text) = self.stored.get_value() else {
            self.restore.set(Restore::Done);
            return true;
        };
        self.restore.set(Restore::Reading);
        match draft::read(text).await {
            Ok(found) => {
                if let Some(stored) = found {
                    self.draft.set(stored);
                }
                self.stored.set_value(None);
                self.restore.set(Restore::Done);
                true
            }
            Err(draft::ReaderMissing) => {
                self.restore.set(Restore::Failed);
                false
            }
        }
    }

    /// `text` in the clerk's language (tracked). Generic over the group, so each page
    /// links only the wording it names (see [`Words`]).
    pub fn t(&self, text: impl Words) -> String {
        text.words(self.lang.get())
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
        // The stand-in while the stored draft is read must not take its place.
        if self.restore.get_untracked() != Restore::Done {
            return;
        }
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

    /// Starts loading the catalog unless it is loaded or loading; the pages show its
    /// state from [`AppState::catalog`].
    pub fn ensure_catalog(&self) {
        // The loads run in their own tasks; the handles to await them are not needed here.
        drop(self.load_catalog());
        drop(self.load_rules());
    }

    /// Starts loading the rules' module alone, for a page that shows a route or errors
    /// of its own without needing the catalog (the status page's answer).
    pub fn ensure_rules(&self) {
        drop(self.load_rules());
    }

    /// Starts loading the municipality registry unless it is loaded or loading (it is
    /// large, so only when a page needs it).
    pub fn ensure_registry(&self) {
        drop(self.load_registry());
    }

    /// The catalog, from the one load there is.
    pub async fn catalog_loaded(&self) -> Result<Arc<Catalog>, ApiError> {
        self.load_catalog().await
    }

    /// The registry, from the one load there is.
    pub async fn registry_loaded(&self) -> Result<Arc<Registry>, ApiError> {
        self.load_registry().await
    }

    /// The rules, from the one load there is.
    pub async fn rules_loaded(&self) -> Result<Arc<Rules>, ApiError> {
        self.load_rules().await
    }

    fn load_rules(&self) -> Fetch<Rules> {
        load(self.rules, self.rules_fetch, || rules::load().boxed_local())
    }

    fn rules_ready(&self) -> Option<Arc<Rules>> {
        match self.rules.get() {
            Loaded::Ready(r) => Some(r),
            _ => None,
        }
    }

    fn load_catalog(&self) -> Fetch<Catalog> {
        load(self.catalog, self.catalog_fetch, || {
            api::catalog().boxed_local()
        })
    }

    fn load_registry(&self) -> Fetch<Registry> {
        load(self.registry, self.registry_fetch, || {
            api::registry().boxed_local()
        })
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

    /// Whether a load the checks need (catalog, registry, the rules' module) has failed
    /// (tracked); the next `ensure_*` tries it again.
    pub fn checks_failed(&self) -> bool {
        self.catalog.with(Loaded::state) == LoadState::Failed
            || self.registry.with(Loaded::state) == LoadState::Failed
            || self.rules.with(Loaded::state) == LoadState::Failed
    }

    /// Every validation problem of the whole draft, or `None` while catalog, registry or
    /// rules are still loading.
    pub fn problems(&self) -> Option<Vec<FieldError>> {
        let catalog = self.catalog_ready()?;
        let registry = self.registry_ready()?;
        let rules = self.rules_ready()?;
        Some(
            self.draft
                .with(|d| (rules.check)(&d.request, &catalog, &registry).errors),
        )
    }

    /// Every warning of the whole draft (values the catalog cannot confirm; they never
    /// block), or `None` while catalog, registry or rules are still loading.
    pub fn warnings(&self) -> Option<Vec<FieldWarning>> {
        let catalog = self.catalog_ready()?;
        let registry = self.registry_ready()?;
        let rules = self.rules_ready()?;
        Some(
            self.draft
                .with(|d| (rules.check)(&d.request, &catalog, &registry).warnings),
        )
    }

    /// What `error` says, in the clerk's language (tracked). Errors come from the checks,
    /// so their wording is in by then; should the rules' module be missing after all (a
    /// failed load, an answer of the API), a general request to check the entry stands in
    /// until it arrives.
    pub fn error_text(&self, error: &FieldError) -> String {
        let lang = self.lang.get();
        match self.rules_ready() {
            Some(rules) => (rules.message)(error.code, lang).to_owned(),
            None => CommonText::CheckEntry.words(lang),
        }
    }

    /// What `warning` says, naming its service from `catalog`; `None` while the rules
    /// load (tracked).
    pub fn warning_text(&self, warning: &FieldWarning, catalog: &Catalog) -> Option<String> {
        let rules = self.rules_ready()?;
        Some((rules.warning)(warning, self.lang.get(), catalog))
    }

    /// The contract route of the chosen municipality's Land, once it is chosen and the
    /// rules are in (tracked).
    pub fn route(&self) -> Option<LandRoute> {
        let rules = self.rules_ready()?;
        let land = self.draft.with(|d| d.request.municipality.land)?;
        Some((rules.route)(land))
    }

    /// Readiness of the selected services, once the municipality, catalog and rules are
    /// known.
    pub fn readiness(&self) -> Option<Readiness> {
        let catalog = self.catalog_ready()?;
        let rules = self.rules_ready()?;
        self.draft.with(|d| (rules.readiness)(&catalog, &d.request))
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The language of the page: the clerk's choice in the app, German where there is no app
/// (the agency's console, which is German only). Tracked where the app has one.
pub fn current_lang() -> Lang {
    use_context::<AppState>().map_or(Lang::De, |app| app.lang.get())
}

/// The app's state, provided once by the root component. A component outside it is a
/// programming error: a fresh state there would silently show and save nothing of the
/// clerk's draft, so this fails loudly instead.
#[allow(clippy::expect_used)]
pub fn use_app() -> AppState {
    use_context::<AppState>().expect(
        "use_app: no AppState in context; provide one with provide_context(AppState::new())",
    )
}
