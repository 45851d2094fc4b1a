//! Registry benchmarks: parsing the asset, and searching as the clerk types.
//!
//! Budgets (browser, wasm): search p95 ≤ 8 ms per keystroke over all entries; parsing
//! < 50 ms natively. Besides the criterion groups, this prints the p95 over every
//! keystroke prefix of the query list below, which is the figure the budget is about.

// A benchmark that cannot parse its asset has nothing to measure: failing loudly is right.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use efa_domain::registry::Registry;

const ASSET: &str = include_str!("../../../public/data/registry.tsv");

/// What clerks type, including umlaut spellings, a typo, a Kreis, a key and a name that
/// matches nothing (the slowest case: it runs the fuzzy pass on every keystroke).
const QUERIES: &[&str] = &[
    "München",
    "Muenchen",
    "Würzburg",
    "Wurzbrug",
    "Köln",
    "Frankfurt am Main",
    "Neustadt an der Weinstraße",
    "Bad Neuenahr-Ahrweiler",
    "Landkreis Starnberg",
    "Garmisch-Partenkirchen",
    "Schwangauberghausen",
    "09663000",
];

/// Every prefix of every query, by characters: one search per keystroke.
fn keystrokes() -> Vec<String> {
    QUERIES
        .iter()
        .flat_map(|q| (1..=q.chars().count()).map(move |n| q.chars().take(n).collect::<String>()))
        .collect()
}

fn keystroke_percentiles(registry: &Registry) {
    let strokes = keystrokes();
    let mut times: Vec<Duration> = Vec::with_capacity(strokes.len() * 20);
    for _ in 0..20 {
        for q in &strokes {
            let t = Instant::now();
            black_box(registry.search(black_box(q), 10));
            times.push(t.elapsed());
        }
    }
    times.sort_unstable();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "registry search per keystroke over {} entries ({} keystrokes x 20): p50 {:?}, p95 {:?}, max {:?}",
        registry.len(),
        strokes.len(),
        at(0.50),
        at(0.95),
        times[times.len() - 1]
    );
}

/// Mean time of single searches that exercise each path of the search.
fn single_queries(registry: &Registry) {
    for (query, limit) in [
        ("Würzburg", 1),
        ("Würzburg", 10),
        ("Wurzbrug", 10),
        ("Schwangauberghausen", 10),
        ("s", 10),
        ("am main", 10),
        ("09663000", 10),
    ] {
        let runs = 200;
        let t = Instant::now();
        for _ in 0..runs {
            black_box(registry.search(black_box(query), limit));
        }
        println!(
            "registry search {query:?} (limit {limit}): {:?} per search",
            t.elapsed() / runs
        );
    }
}

fn bench(c: &mut Criterion) {
    let t = Instant::now();
    let registry = Registry::parse(ASSET).expect("the asset parses");
    println!(
        "registry parse: {:?} for {} entries",
        t.elapsed(),
        registry.len()
    );
    single_queries(&registry);
    keystroke_percentiles(&registry);

    c.bench_function("registry/parse", |b| {
        b.iter(|| Registry::parse(black_box(ASSET)))
    });

    let strokes = keystrokes();
    c.bench_function("registry/search all keystroke prefixes", |b| {
        b.iter(|| {
            for q in &strokes {
                black_box(registry.search(black_box(q), 10));
            }
        })
    });
    c.bench_function("registry/search exact 'Würzburg'", |b| {
        b.iter(|| registry.search(black_box("Würzburg"), 10))
    });
    c.bench_function("registry/search fuzzy 'Wurzbrug'", |b| {
        b.iter(|| registry.search(black_box("Wurzbrug"), 10))
    });
    c.bench_function("registry/search no match 'Schwangauberghausen'", |b| {
        b.iter(|| registry.search(black_box("Schwangauberghausen"), 10))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
