//! Readiness benchmarks: the checklist, per-service readiness and next actions for a
//! municipality that selected 50 services, on synthetic catalogs of growing size, plus
//! loading the shipped catalog.
//!
//! The app recomputes readiness on every status change, so it has to stay far below a
//! frame (a few milliseconds) even on slow devices; the synthetic catalog makes the
//! selection larger and the dependency graph denser than the real one.

#![allow(
    clippy::panic,
    reason = "a benchmark that cannot build its input should stop loudly"
)]

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use efa_domain::catalog::{Catalog, Channel, MunicipalityKind, synthetic};
use efa_domain::land::Land;
use efa_domain::readiness::{PrereqStatus, ReadinessInput, evaluate};

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

/// 50 services spread over the catalog, alternating channels, with a third of the
/// prerequisites done or in progress.
fn input(catalog: &Catalog, land: Land) -> ReadinessInput {
    let step = (catalog.services().len() / 50).max(1);
    let services: Vec<String> = catalog
        .services()
        .iter()
        .step_by(step)
        .take(50)
        .map(|s| s.id.clone())
        .collect();
    let channels: BTreeMap<String, Channel> = services
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let channel = if i % 2 == 0 {
                Channel::FitConnect
            } else {
                Channel::OsciXta
            };
            (id.clone(), channel)
        })
        .collect();
    let statuses: BTreeMap<String, PrereqStatus> = catalog
        .prerequisites()
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match i % 6 {
            0 => Some((p.id.clone(), PrereqStatus::Erledigt)),
            1 => Some((p.id.clone(), PrereqStatus::InArbeit)),
            _ => None,
        })
        .collect();
    ReadinessInput {
        land,
        kind: Some(MunicipalityKind::Gemeinde),
        services,
        channels,
        statuses,
    }
}

fn readiness_50_services(c: &mut Criterion) {
    let mut group = c.benchmark_group("readiness_50_services");
    for size in [50usize, 500, 5_000] {
        let catalog = synthetic(size);
        for land in [Land::Bayern, Land::NordrheinWestfalen, Land::Hessen] {
            let input = input(&catalog, land);
            group.bench_with_input(
                BenchmarkId::new(format!("catalog_{size}"), land.iso_code()),
                &input,
                |b, input| b.iter(|| evaluate(black_box(&catalog), black_box(input))),
            );
        }
    }
    group.finish();
}

fn readiness_shipped_catalog(c: &mut Criterion) {
    let catalog = Catalog::from_json(SHIPPED).unwrap_or_else(|e| panic!("{e}"));
    let input = input(&catalog, Land::NordrheinWestfalen);
    c.bench_function("readiness_shipped_all_services", |b| {
        b.iter(|| evaluate(black_box(&catalog), black_box(&input)))
    });
}

fn catalog_loading(c: &mut Criterion) {
    c.bench_function("catalog_from_json_shipped", |b| {
        b.iter(|| Catalog::from_json(black_box(SHIPPED)))
    });
    let big = synthetic(5_000)
        .to_json_pretty()
        .unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("catalog_from_json_synthetic_5000", |b| {
        b.iter(|| Catalog::from_json(black_box(&big)))
    });
    c.bench_function("catalog_synthetic_5000", |b| {
        b.iter(|| synthetic(black_box(5_000)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = readiness_50_services, readiness_shipped_catalog, catalog_loading
}
criterion_main!(benches);
