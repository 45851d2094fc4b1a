//! Complete, valid sample requests for tests and benchmarks; the product never uses them.
//! One builder, so that every test and benchmark starts from the same request and a new
//! field of the request is filled in one place.

use crate::catalog::Catalog;
use crate::land::Land;
use crate::registry::EntryKind;
use crate::request::{
    Address, Authority, ChannelChoice, ConnectionRequest, Contact, Declarations, Embedding,
    EmbeddingMode, ServiceRequest,
};
use crate::route::RouteKind;

fn contact(name: &str, function: &str, email: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        function: function.into(),
        email: email.into(),
        phone: phone.into(),
    }
}

/// A request created (and last changed) at `created_at`, with the contacts and the
/// declarations given and nothing else: the caller sets the municipality
/// ([`ConnectionRequest::set_municipality`]), its address and the services ([`service`]).
pub fn request(created_at: &str) -> ConnectionRequest {
    let mut r = ConnectionRequest::new(created_at);
    r.contacts.vertretung = contact(
        "Dr. Erika Mustermann",
        "Oberbürgermeisterin",
        "ob@stadt-beispiel.de",
        "",
    );
    r.contacts.fachlich = contact(
        "Max Beispiel",
        "Sachgebietsleitung",
        "max.beispiel@stadt-beispiel.de",
        "0931 37-0",
    );
    r.contacts.technisch = contact(
        "Ida Technik",
        "IT-Leitung",
        "it@stadt-beispiel.de",
        "+49 931 37-2000",
    );
    r.contacts.funktionspostfach = "poststelle@stadt-beispiel.de".into();
    r.declarations = Declarations {
        authorised: true,
        information_correct: true,
        data_protection_acknowledged: true,
    };
    r
}

/// A complete selected service `id` delivered over `channel`: an office at `address`
/// responsible for `area` (an ARS or a PLZ), a Fachverfahren with its vendor and the
/// vendor's contact, an HTML5 snippet on one domain, test and go-live dates.
pub fn service(id: &str, channel: ChannelChoice, address: &Address, area: &str) -> ServiceRequest {
    ServiceRequest {
        service_id: id.into(),
        authority: Authority {
            name: "Bürgerbüro".into(),
            kind: "Bürgeramt".into(),
            address: address.clone(),
            email: "buergerbuero@stadt-beispiel.de".into(),
            phone: "0931 37-3000".into(),
            area: vec![area.into()],
            ..Authority::default()
        },
        channel: Some(channel),
        fachverfahren: "Fachverfahren X".into(),
        vendor: "Hersteller Y".into(),
        test_date: "2026-05-04".into(),
        go_live_date: "2026-06-01".into(),
        vendor_contact: contact(
            "Vera Vertrieb",
            "Projektleitung",
            "vera.vertrieb@hersteller-y.de",
            "",
        ),
        embedding: Embedding {
            mode: Some(EmbeddingMode::Snippet),
            domains: vec!["www.stadt-beispiel.de".into()],
        },
    }
}

/// A complete request of Würzburg for every service of `catalog` (each over FIT-Connect,
/// each with an office and a Fachverfahren of its own), for benchmarks: its registry
/// fields are written out, so no registry is needed.
pub fn request_for_all(catalog: &Catalog, created_at: &str) -> ConnectionRequest {
    let address = Address {
        street: "Rückermainstraße 2".into(),
        plz: "97070".into(),
        ort: "Würzburg".into(),
    };
    let mut r = request(created_at);
    r.municipality.name = "Würzburg".into();
    r.municipality.ags = "09663000".into();
    r.municipality.ars = "096630000000".into();
    r.municipality.kind = Some(EntryKind::KreisfreieStadt);
    r.municipality.land = Some(Land::Bayern);
    r.municipality.kreis = Some("Würzburg".into());
    r.municipality.address = address.clone();
    r.route = Some(RouteKind::BayKommun);
    r.services = catalog
        .services()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut service = service(
                &s.id,
                ChannelChoice::FitConnect {
                    destination_id: "36141427-d405-40a4-8f8b-3592d544e85b".into(),
                },
                &address,
                "096630000000",
            );
            service.authority.name = format!("Fachbereich {i} „Bürgerdienste“");
            service.fachverfahren = format!("Fachverfahren {i}");
            service
        })
        .collect();
    r
}
