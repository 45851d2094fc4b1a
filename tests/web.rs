//! Component tests in real headless Chromium (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the test page, so tests don't see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let div = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&div).expect("appended");
    div.unchecked_into()
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
}

#[wasm_bindgen_test]
async fn start_page_has_heading_action_and_reports_an_unreachable_catalog() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), efa_onboarding::pages::start::StartPage);
    settle().await;

    let h1 = root.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(h1.text_content().unwrap(), "EfA-Onboarding");
    let start = root.query_selector("a.button-primary").unwrap().expect("the start action");
    assert_eq!(start.text_content().unwrap(), "Starten");

    // The test page has no API behind it: the page must say so instead of spinning forever.
    let status = root.query_selector("[role=status]").unwrap().expect("a status region");
    let mut text = status.text_content().unwrap();
    for _ in 0..40 {
        if !text.contains("geladen") {
            break;
        }
        settle().await;
        text = status.text_content().unwrap();
    }
    assert!(text.contains("nicht erreichbar"), "status was: {text}");
}
