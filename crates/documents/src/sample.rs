//! A complete, valid request for every service of a catalog, for benchmarks (criterion
//! natively, and the browser benchmark of the app). Not used by the product itself.

use efa_domain::catalog::Catalog;
use efa_domain::land::Land;
use efa_domain::registry::EntryKind;
use efa_domain::request::{
    Address, Authority, ChannelChoice, ConnectionRequest, Contact, Declarations, Embedding,
    EmbeddingMode, ServiceRequest,
};
use efa_domain::route::RouteKind;

fn contact(name: &str, function: &str) -> Contact {
    Contact {
        name: name.into(),
        function: function.into(),
        email: "kontakt@stadt-beispiel.de".into(),
        phone: "0931 37-0".into(),
    }
}

/// A complete request of Würzburg for every service of `catalog`, created at `created_at`.
pub fn request_for_all(catalog: &Catalog, created_at: &str) -> ConnectionRequest {
    let address = Address {
        street: "Rückermainstraße 2".into(),
        plz: "97070".into(),
        ort: "Würzburg".into(),
    };
    let mut r = ConnectionRequest::new(created_at);
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
                area: vec!["096630000000".into(), "97070".into()],
                ..Authority::default()
            },
            channel: Some(ChannelChoice::FitConnect {
                destination_id: "36141427-d405-40a4-8f8b-3592d544e85b".into(),
            }),
            fachverfahren: format!("Fachverfahren {i}"),
            vendor: "Hersteller Y".into(),
            test_date: "2026-05-04".into(),
            go_live_date: "2026-06-01".into(),
            vendor_contact: Contact {
                name: "Vera Vertrieb".into(),
                function: "Projektleitung".into(),
                email: "vera.vertrieb@hersteller-y.de".into(),
                phone: String::new(),
            },
            embedding: Embedding {
                mode: Some(EmbeddingMode::Snippet),
                domains: vec!["www.wuerzburg.de".into()],
            },
        })
        .collect();
    r.declarations = Declarations {
        authorised: true,
        information_correct: true,
        data_protection_acknowledged: true,
    };
    r
}
