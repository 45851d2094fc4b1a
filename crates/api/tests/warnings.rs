//! Values the catalog cannot confirm are warnings, not errors: the API, which re-validates
//! with the same domain code as the app, accepts such a request (201) and stores it as
//! sent. Malformed values and offers that do not exist in the Land stay 422.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use efa_domain::request::{ChannelChoice, ConnectionRequest};
use serde_json::Value;

/// Würzburg's request with its first service replaced by `service` over OSCI/XTA with
/// `key`.
fn osci(mut r: ConnectionRequest, service: &str, key: &str) -> ConnectionRequest {
    r.services.truncate(1);
    r.services[0].service_id = service.into();
    r.services[0].channel = Some(ChannelChoice::OsciXta {
        dvdv_key: key.into(),
    });
    r
}

/// A row: what it shows, the request, the expected status, and for a 422 the path and code
/// of its one error.
type Row = (
    &'static str,
    ConnectionRequest,
    u16,
    Option<(&'static str, &'static str)>,
);

fn mettmann_request() -> ConnectionRequest {
    request_for("05158000", "Düsseldorfer Straße 26", "40822", "Mettmann")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warnings_are_accepted_and_errors_refused() {
    let s = Server::start().await;
    let gewerbe = |mut r: ConnectionRequest| {
        r.services.truncate(1);
        r.services[0].service_id = "gewerbeanzeige-wsp-nrw".into();
        r
    };
    let mut unusual_oe_id = wuerzburg_request();
    unusual_oe_id.services[0].authority.oe_id = "Hessen/OE/4711".into();
    let table: Vec<Row> = vec![
        (
            "Einbürgerung over OSCI with a key of a category no source names",
            osci(wuerzburg_request(), "einbuergerung", "sta096630000000"),
            201,
            None,
        ),
        (
            "Wohngeld with a key of a category other than wgb",
            osci(wuerzburg_request(), "wohngeld", "bab:09663000"),
            201,
            None,
        ),
        (
            "an OE-ID unlike the one example in the sources",
            unusual_oe_id,
            201,
            None,
        ),
        (
            "a malformed DVDV key",
            osci(wuerzburg_request(), "einbuergerung", "sta0966"),
            422,
            Some(("services[0].channel.dvdv_key", "dvdv_format")),
        ),
        (
            "NRW's Gewerbeanzeige from Bayern",
            gewerbe(wuerzburg_request()),
            422,
            Some(("services[0].service_id", "service_not_offered_in_land")),
        ),
        (
            "NRW's Gewerbeanzeige from an NRW Kreis",
            gewerbe(mettmann_request()),
            201,
            None,
        ),
    ];
    let mut stored = 0;
    for (what, request, status, error) in table {
        let body = serde_json::to_value(&request).unwrap();
        let resp = submit(&s, &body).await;
        assert_eq!(resp.status(), status, "{what}");
        if status == 201 {
            stored += 1;
            let created: Value = resp.json().await.unwrap();
            let id = created["id"].as_str().unwrap();
            let d: Value = operator_get(&s, &format!("/api/v1/operator/connection-requests/{id}"))
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(d["document"], body, "{what}: stored as sent");
        } else {
            let p = problem(resp, status).await;
            let errors = p["errors"].as_array().unwrap();
            let (path, code) = error.unwrap();
            assert_eq!(errors.len(), 1, "{what}: {errors:?}");
            assert_eq!(errors[0]["path"], path, "{what}");
            assert_eq!(errors[0]["code"], code, "{what}");
        }
    }
    let list: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], stored);
}
