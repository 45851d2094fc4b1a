//! Document generation: the Anschlussantrag and the open points as PDF for 1, 10 and 50
//! services (synthetic catalogs), and the JSON document.
//!
//! The app generates the documents synchronously when the clerk clicks a download button,
//! so even 50 services must stay well below a frame budget's worth of a few ten
//! milliseconds on a slow device; natively that means a small fraction of it.

#![allow(
    clippy::panic,
    reason = "a benchmark that cannot build its input should stop loudly"
)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use efa_documents::{Generation, anschlussantrag_json, anschlussantrag_pdf, offene_punkte_pdf};
use efa_domain::catalog::synthetic;

const GENERATED_AT: &str = "2026-03-02T09:30:00Z";

fn documents(c: &mut Criterion) {
    let generation = Generation::draft(GENERATED_AT);
    let mut group = c.benchmark_group("documents");
    for services in [1usize, 10, 50] {
        let catalog = synthetic(services);
        let request = efa_domain::sample::request_for_all(&catalog, GENERATED_AT);
        group.bench_with_input(
            BenchmarkId::new("anschlussantrag_pdf", services),
            &request,
            |b, r| b.iter(|| anschlussantrag_pdf(black_box(r), &catalog, &generation)),
        );
        group.bench_with_input(
            BenchmarkId::new("offene_punkte_pdf", services),
            &request,
            |b, r| b.iter(|| offene_punkte_pdf(black_box(r), &catalog, &generation)),
        );
        group.bench_with_input(
            BenchmarkId::new("anschlussantrag_json", services),
            &request,
            |b, r| {
                b.iter(|| {
                    anschlussantrag_json(black_box(r), &generation)
                        .unwrap_or_else(|e| panic!("{e}"))
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = documents
}
criterion_main!(benches);
