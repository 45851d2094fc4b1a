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
use efa_domain::catalog::{Catalog, synthetic};
use efa_domain::land::Land;
use efa_domain::registry::EntryKind;
use efa_domain::request::{
    Address, Authority, ChannelChoice, ConnectionRequest, Contact, Declarations, ServiceRequest,
};
use efa_domain::route::RouteKind;

const GENERATED_AT: &str = "2026-03-02T09:30:00Z";

fn contact(name: &str, function: &str) -> Contact {
    Contact {
        name: name.into(),
        function: function.into(),
        email: "kontakt@stadt-beispiel.de".into(),
        phone: "0931 37-0".into(),
    }
}

/// A complete request of Würzburg for every service of `catalog`.
fn request(catalog: &Catalog) -> ConnectionRequest {
    let address = Address {
        street: "Rückermainstraße 2".into(),
        plz: "97070".into(),
        ort: "Würzburg".into(),
    };
    let mut r = ConnectionRequest::new(GENERATED_AT);
    r.municipality.name = "Würzburg".into();
    r.municipality.ags = "09663000".into();
    r.municipality.ars = "096630000000".into();
    r.municipality.kind = Some(EntryKind::KreisfreieStadt);
    r.municipality.land = Some(Land::Bayern);
    r.municipality.kreis = Some("Würzburg".into());
    r.municipality.address = address.clone();
    r.route = Some(RouteKind::BayKommun);
    r.contacts.vertretung = contact("Dr. Erika Mustermann", "Oberbürgermeisterin");
    r.contacts.fachlich = contact("Max Beispiel", "Sachgebietsleitung");
    r.contacts.technisch = contact("Ida Technik", "IT-Leitung");
    r.contacts.funktionspostfach = "poststelle@stadt-beispiel.de".into();
    r.services = catalog
        .services()
        .iter()
        .enumerate()
        .map(|(i, s)| ServiceRequest {
            service_id: s.id.clone(),
            authority: Authority {
                name: format!("Fachbereich {i} „Bürgerdienste“"),
                kind: "Bürgeramt".into(),
                address: address.clone(),
                email: "buergerbuero@stadt-beispiel.de".into(),
                phone: "0931 37-3000".into(),
                ..Authority::default()
            },
            channel: Some(ChannelChoice::FitConnect {
                destination_id: "36141427-d405-40a4-8f8b-3592d544e85b".into(),
            }),
            fachverfahren: format!("Fachverfahren {i}"),
            vendor: "Hersteller Y".into(),
            test_date: "2026-05-04".into(),
            go_live_date: "2026-06-01".into(),
        })
        .collect();
    r.declarations = Declarations {
        authorised: true,
        information_correct: true,
        data_protection_acknowledged: true,
    };
    r
}

fn documents(c: &mut Criterion) {
    let generation = Generation::draft(GENERATED_AT);
    let mut group = c.benchmark_group("documents");
    for services in [1usize, 10, 50] {
        let catalog = synthetic(services);
        let request = request(&catalog);
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
