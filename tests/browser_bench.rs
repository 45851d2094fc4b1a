//! Document generation timed in the browser (headless Chromium), for `cargo xtask bench`.
//!
//! Not a test of speed: it asserts only that generation works and prints the figures, which
//! the bench command compares with the budget. Run in release:
//! `cargo test --release --target wasm32-unknown-unknown -p efa-onboarding --test browser_bench`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::print_stdout)]

use efa_documents::{Generation, anschlussantrag_pdf, offene_punkte_pdf};
use efa_domain::catalog::synthetic;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
fn pdf_generation_time_in_the_browser() {
    let generation = Generation::draft("2026-11-28T10:00:00Z");
    for services in [1usize, 10, 50] {
        let catalog = synthetic(services);
        let request = efa_domain::sample::request_for_all(&catalog, "2026-11-28T10:00:00Z");
        let mut times = Vec::new();
        for _ in 0..15 {
            let t = now();
            let pdf = anschlussantrag_pdf(&request, &catalog, &generation);
            let open = offene_punkte_pdf(&request, &catalog, &generation);
            times.push(now() - t);
            assert!(pdf.bytes.starts_with(b"%PDF-") && open.bytes.starts_with(b"%PDF-"));
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let max = times[times.len() - 1];
        console_log!("BENCH pdf services={services} median_ms={median:.2} max_ms={max:.2}");
    }
}
