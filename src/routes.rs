//! The pages off the way to the municipality step, each in a wasm module of its own.
//!
//! Built with the `split` feature (as `cargo xtask build` does, see ARCHITECTURE.md), each
//! page below is a split point: the main module holds the shell, the start page, the
//! overview and the municipality step, and a page's module is fetched when the clerk first
//! opens it. Without the feature the pages are linked in as usual (the component tests),
//! because the loader the split writes would be missing.
//!
//! A module that cannot be fetched (offline, server gone) must not take the app down: the
//! split points are fallible, and the route then shows [`NotLoadedPage`], which says so
//! and tries again on request. Once the app is idle, [`preload_all`] fetches every page's
//! module in the background, so that a clerk whose line drops later can still go on.

#[cfg(feature = "split")]
use leptos::prelude::*;

#[cfg(feature = "split")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::prelude::*;

    use crate::components::notice::NotFetched;
    use crate::i18n::ShellText;

    /// A page's module could not be fetched.
    #[derive(Debug, Clone, Copy)]
    pub struct NotLoaded;

    impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
        fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
            NotLoaded
        }
    }

    /// Fetches a page's module and draws the page.
    pub type PageLoad = Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>>>>;

    /// Resolves when the browser is idle (`requestIdleCallback`; where that is missing,
    /// after a short pause), so fetching modules in the background never delays what the
    /// clerk is doing.
    pub async fn idle() {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let Some(window) = web_sys::window() else {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                return;
            };
            if window.request_idle_callback(&resolve).is_err() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// The page, or [`NotLoadedPage`] when its module could not be fetched.
    pub async fn page_or_retry(load: fn() -> PageLoad) -> AnyView {
        match load().await {
            Ok(page) => page,
            Err(NotLoaded) => view! { <NotLoadedPage load /> }.into_any(),
        }
    }

    /// In place of a page whose module could not be fetched: what happened, that nothing
    /// is lost, and a button that fetches it again and then shows the page.
    #[component]
    pub fn NotLoadedPage(load: fn() -> PageLoad) -> impl IntoView {
        let page = StoredValue::new_local(None::<AnyView>);
        let loaded = RwSignal::new(false);
        let retry = Action::new_local(move |_: &()| async move {
            match load().await {
                Ok(view) => {
                    page.set_value(Some(view));
                    loaded.set(true);
                    true
                }
                Err(NotLoaded) => false,
            }
        });
        move || {
            if loaded.get()
                && let Some(view) = page.try_update_value(Option::take).flatten()
            {
                return view;
            }
            view! {
                <NotFetched title=ShellText::PageNotLoadedTitle loading=ShellText::PageLoading
                    retry overview_link=true />
            }
            .into_any()
        }
    }
}

/// Declares each page's route: `$route()` is what `<Route view=…>` takes. With the
/// `split` feature, `$split` is the page's split point and `$preload` fetches its module.
macro_rules! lazy_pages {
    ($( $route:ident: $ty:ident, $split:ident, $preload:ident => $page:path; )*) => {
        $(
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split(
                $split,
                wasm_split_path = ::leptos::wasm_split,
                preload($preload),
                fallible
            )]
            fn $split() -> Result<AnyView, split::NotLoaded> {
                Ok($page().into_any())
            }

            #[cfg(feature = "split")]
            #[derive(Debug)]
            pub struct $ty;

            #[cfg(feature = "split")]
            impl leptos_router::LazyRoute for $ty {
                fn data() -> Self {
                    $ty
                }

                async fn view(_this: Self) -> AnyView {
                    split::page_or_retry(|| -> split::PageLoad { Box::pin($split()) }).await
                }
            }

            #[cfg(feature = "split")]
            pub fn $route() -> leptos_router::Lazy<$ty> {
                leptos_router::Lazy::new()
            }

            #[cfg(not(feature = "split"))]
            pub fn $route() -> impl leptos_router::ChooseView {
                $page
            }
        )*

        /// Fetches every page's module that is not there yet, one after the other, in the
        /// order of the journey, each when the browser is idle, and then the draft
        /// reader's (for the drafts' list and the next start). A module that fails is
        /// left to the page to fetch again.
        pub async fn preload_all() {
            #[cfg(feature = "split")]
            {
                $(
                    split::idle().await;
                    let _ = $preload().await;
                )*
                split::idle().await;
                crate::draft::preload_reader().await;
            }
        }
    };
}

lazy_pages! {
    services: ServicesRoute, services_page, preload_services_page
        => crate::pages::services::ServicesPage;
    prerequisites: PrerequisitesRoute, prerequisites_page, preload_prerequisites_page
        => crate::pages::prerequisites::PrerequisitesPage;
    details: DetailsRoute, details_page, preload_details_page
        => crate::pages::details::DetailsPage;
    review: ReviewRoute, review_page, preload_review_page
        => crate::pages::review::ReviewPage;
    submit: SubmitRoute, submit_page, preload_submit_page
        => crate::pages::submit::SubmitPage;
    confirmation: ConfirmationRoute, confirmation_page, preload_confirmation_page
        => crate::pages::confirmation::ConfirmationPage;
    drafts: DraftsRoute, drafts_page, preload_drafts_page
        => crate::pages::drafts::DraftsPage;
    status: StatusRoute, status_page, preload_status_page
        => crate::pages::status::StatusPage;
    confirm: ConfirmRoute, confirm_page, preload_confirm_page
        => crate::pages::confirm::ConfirmRequestPage;
}
