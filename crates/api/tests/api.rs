//! Every endpoint and status code over real HTTP against a real database (SQLite, or
//! PostgreSQL with `EFA_TEST_POSTGRES`).

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::*;
use efa_domain::messages::{ErrorCode, Lang, message};
use serde_json::{Value, json};

fn year() -> i32 {
    efa_api::timeutil::berlin_year(time::OffsetDateTime::now_utc())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submission_is_stored_and_numbered_per_land() {
    let s = Server::start().await;
    let r = submit(&s, &wuerzburg()).await;
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body: Value = r.json().await.unwrap();
    let id = body["id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok());
    assert_eq!(body["reference"], format!("BY-{}-000001", year()));
    assert_eq!(body["status"], "eingegangen");
    assert_eq!(
        body["status_url"],
        format!("/api/v1/connection-requests/{id}")
    );
    assert_eq!(location, body["status_url"].as_str().unwrap());
    assert!(
        time::OffsetDateTime::parse(
            body["received_at"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339
        )
        .is_ok()
    );
    assert_eq!(body["status_token"].as_str().unwrap().len(), 43);

    let nw: Value = submit(&s, &mettmann()).await.json().await.unwrap();
    assert_eq!(nw["reference"], format!("NW-{}-000001", year()));
    let by2: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    assert_eq!(by2["reference"], format!("BY-{}-000002", year()));
    assert_ne!(by2["status_token"], body["status_token"]);

    // The token is only stored hashed.
    let token = body["status_token"].as_str().unwrap();
    assert!(!s.stored_anywhere(token).await, "plaintext token stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replay_returns_the_original_answer_and_token() {
    let s = Server::start().await;
    let key = new_key();
    let first = submit_with_key(&s, &wuerzburg(), &key).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();

    let again = submit_with_key(&s, &wuerzburg(), &key).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again, first, "same id, reference, time and token");

    // The same document serialised differently (key order, whitespace) is the same body.
    let pretty = serde_json::to_string_pretty(&wuerzburg()).unwrap();
    let reordered = client()
        .post(s.url("/api/v1/connection-requests"))
        .header("idempotency-key", format!("\"{key}\""))
        .header("content-type", "application/json; charset=utf-8")
        .body(pretty)
        .send()
        .await
        .unwrap();
    assert_eq!(reordered.status(), 201);
    assert_eq!(reordered.json::<Value>().await.unwrap()["id"], first["id"]);

    let list: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_key_other_body_is_a_conflict() {
    let s = Server::start().await;
    let key = new_key();
    assert_eq!(submit_with_key(&s, &wuerzburg(), &key).await.status(), 201);
    let mut other = wuerzburg();
    other["notes"] = json!("anders");
    let p = problem(submit_with_key(&s, &other, &key).await, 409).await;
    assert!(p["detail"].as_str().unwrap().contains("Idempotency-Key"));
    // Even an invalid body under a used key is a conflict, not a validation error.
    let p = problem(submit_with_key(&s, &json!({"x": 1}), &key).await, 409).await;
    assert_eq!(
        p["type"],
        "urn:efa-onboarding:problem:idempotency-key-reused"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_retries_with_one_key_store_one_request() {
    let s = Server::start().await;
    let key = new_key();
    let body = wuerzburg();
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let (url, key, body) = (
            s.url("/api/v1/connection-requests"),
            key.clone(),
            body.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let r = client()
                .post(url)
                .header("idempotency-key", key)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            r.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    let list: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotency_key_is_required_and_checked() {
    let s = Server::start().await;
    let r = client()
        .post(s.url("/api/v1/connection-requests"))
        .json(&wuerzburg())
        .send()
        .await
        .unwrap();
    let p = problem(r, 400).await;
    assert!(p["detail"].as_str().unwrap().contains("Idempotency-Key"));
    for bad in ["", "\"\"", &"k".repeat(256), "mit leerzeichen"] {
        let r = client()
            .post(s.url("/api/v1/connection-requests"))
            .header("idempotency-key", bad)
            .json(&wuerzburg())
            .send()
            .await
            .unwrap();
        problem(r, 400).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_media_type_is_415() {
    let s = Server::start().await;
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/jsonx"),
    ] {
        let mut req = client()
            .post(s.url("/api/v1/connection-requests"))
            .header("idempotency-key", new_key())
            .body(serde_json::to_vec(&wuerzburg()).unwrap());
        if let Some(ct) = ct {
            req = req.header("content-type", ct);
        }
        problem(req.send().await.unwrap(), 415).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_400_with_position() {
    let s = Server::start().await;
    let r = client()
        .post(s.url("/api/v1/connection-requests"))
        .header("idempotency-key", new_key())
        .header("content-type", "application/json")
        .body("{\"schema_version\": 1,\n  \"municipality\": }")
        .send()
        .await
        .unwrap();
    let p = problem(r, 400).await;
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("Zeile 2"), "{detail}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shape_errors_are_all_reported_at_once() {
    let s = Server::start().await;
    let mut body = wuerzburg();
    body["unexpected"] = json!(true);
    body["municipality"]["typo"] = json!("x");
    body["contacts"].as_object_mut().unwrap().remove("fachlich");
    body["services"][0]["go_live_date"] = json!(20260601);
    body["services"][0]["channel"]["kind"] = json!("brieftaube");
    body["declarations"]["authorised"] = json!("ja");
    let p = problem(submit(&s, &body).await, 422).await;
    let errors = p["errors"].as_array().unwrap();
    let pairs: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("unexpected", "unknown_field"),
        ("municipality.typo", "unknown_field"),
        ("contacts.fachlich", "required"),
        ("services[0].go_live_date", "invalid_type"),
        ("services[0].channel.kind", "invalid_value"),
        ("declarations.authorised", "invalid_type"),
    ] {
        assert!(
            pairs
                .iter()
                .any(|(p, c)| p == expected.0 && c == expected.1),
            "{expected:?} missing in {pairs:?}"
        );
    }
    let required = errors.iter().find(|e| e["code"] == "required").unwrap();
    assert_eq!(required["message"], message(ErrorCode::Required, Lang::De));
    assert_eq!(
        required["message_en"],
        message(ErrorCode::Required, Lang::En)
    );
    for e in errors {
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(e["message_en"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn domain_errors_are_all_reported_with_the_apps_text() {
    let s = Server::start().await;
    let mut body = wuerzburg();
    body["municipality"]["ars"] = json!("096790000000"); // a real ARS, but not Würzburg's
    body["services"][0]["service_id"] = json!("gibt-es-nicht");
    body["contacts"]["vertretung"]["email"] = json!("keine-adresse");
    body["municipality"]["address"]["plz"] = json!("9707");
    body["declarations"]["information_correct"] = json!(false);
    let p = problem(submit(&s, &body).await, 422).await;
    let errors = p["errors"].as_array().unwrap();
    let find = |path: &str| {
        errors
            .iter()
            .find(|e| e["path"] == path)
            .unwrap_or_else(|| panic!("{path} in {errors:?}"))
    };
    assert_eq!(find("municipality.ars")["code"], "ars_ags_mismatch");
    assert_eq!(find("services[0].service_id")["code"], "unknown_service");
    assert_eq!(find("contacts.vertretung.email")["code"], "email_invalid");
    assert_eq!(find("municipality.address.plz")["code"], "plz_invalid");
    assert_eq!(
        find("declarations.information_correct")["code"],
        "declaration_required"
    );
    assert_eq!(
        find("services[0].service_id")["message"],
        message(ErrorCode::UnknownService, Lang::De)
    );
    assert_eq!(
        find("contacts.vertretung.email")["message_en"],
        message(ErrorCode::EmailInvalid, Lang::En)
    );
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains(&errors.len().to_string())
    );

    let mut wrong_ags = wuerzburg();
    wrong_ags["municipality"]["ags"] = json!("09999999");
    let p = problem(submit(&s, &wrong_ags).await, 422).await;
    assert!(
        p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["path"] == "municipality.ags")
    );

    let list: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0, "nothing invalid is stored");
}

/// Schema version 3 asks what an agency needs per service; the API re-validates it. Version
/// 1 and 2 documents, which have none of it, are still accepted as they are.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn version_3_fields_are_revalidated_and_older_versions_still_accepted() {
    let s = Server::start().await;
    let mut body = wuerzburg();
    assert_eq!(body["schema_version"], 3);
    body["services"][0]["authority"]["area"] = json!(["099999999999", "97070"]);
    body["services"][0]["vendor_contact"]["email"] = json!("vera@");
    body["services"][0]["embedding"] =
        json!({"mode": "snippet", "domains": ["https://www.wuerzburg.de"]});
    body["services"][1]
        .as_object_mut()
        .unwrap()
        .remove("embedding");
    body["municipality"]["leitweg_id"] = json!("04011000-1234512345-07");
    let p = problem(submit(&s, &body).await, 422).await;
    let mut got: Vec<(String, String)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = [
        ("municipality.leitweg_id", "leitweg_check_digits"),
        ("services[0].authority.area", "area_not_in_registry"),
        ("services[0].embedding.domains", "host_name_invalid"),
        ("services[0].vendor_contact.email", "email_invalid"),
        ("services[1].embedding.mode", "required"),
    ]
    .iter()
    .map(|(p, c)| (p.to_string(), c.to_string()))
    .collect();
    want.sort();
    assert_eq!(got, want);

    // The committed version-1 fixture and the same data as version 2 are accepted.
    let v1: Value = serde_json::from_str(include_str!("fixtures/wuerzburg.json")).unwrap();
    assert_eq!(v1["schema_version"], 1);
    let receipt: Value = submit(&s, &v1).await.json().await.unwrap();
    assert!(receipt["reference"].is_string(), "{receipt}");
    let mut v2 = v1.clone();
    v2["schema_version"] = json!(2);
    v2["created_at"] = json!("2026-03-02T09:00:01+01:00");
    let response = submit(&s, &v2).await;
    assert_eq!(response.status(), 201);
    let list: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_needs_the_token_and_hides_unknown_ids() {
    let s = Server::start().await;
    let created: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    let url = s.url(created["status_url"].as_str().unwrap());
    let token = created["status_token"].as_str().unwrap();

    let r = client().get(&url).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let st: Value = r.json().await.unwrap();
    assert_eq!(st["id"], created["id"]);
    assert_eq!(st["reference"], created["reference"]);
    assert_eq!(
        st["land"],
        json!({"code": "09", "iso": "BY", "name": "Bayern"})
    );
    assert_eq!(st["municipality_name"], "Würzburg");
    assert_eq!(st["status"], "eingegangen");
    assert!(!st["services"].as_array().unwrap().is_empty());
    assert!(
        st["services"][0]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    assert_eq!(st["history"].as_array().unwrap().len(), 1);
    assert_eq!(st["history"][0]["status"], "eingegangen");
    assert_eq!(st["history"][0]["at"], created["received_at"]);

    let wrong = client()
        .get(&url)
        .bearer_auth("A".repeat(43))
        .send()
        .await
        .unwrap();
    let p1 = problem(wrong, 404).await;
    let missing = problem(client().get(&url).send().await.unwrap(), 404).await;
    assert_eq!(p1, missing, "a wrong and a missing token look the same");
    let unknown = s.url(&format!(
        "/api/v1/connection-requests/{}",
        uuid::Uuid::new_v4()
    ));
    let p2 = problem(
        client()
            .get(&unknown)
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    assert_eq!(p1, p2, "an unknown id looks the same as a wrong token");
    problem(
        client()
            .get(s.url("/api/v1/connection-requests/kein-uuid"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    // Another request's token does not open this one.
    let other: Value = submit(&s, &mettmann()).await.json().await.unwrap();
    let r = client()
        .get(&url)
        .bearer_auth(other["status_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operator_endpoint_needs_an_account_token() {
    let s = Server::start().await;
    let id = uuid::Uuid::new_v4();
    for path in [
        "/api/v1/operator/connection-requests".to_owned(),
        "/api/v1/operator/connection-requests.csv".to_owned(),
        format!("/api/v1/operator/connection-requests/{id}"),
    ] {
        problem(client().get(s.url(&path)).send().await.unwrap(), 401).await;
        problem(
            client()
                .get(s.url(&path))
                .bearer_auth("efaop_irgendwas-langes-token")
                .send()
                .await
                .unwrap(),
            401,
        )
        .await;
    }
    let r = client()
        .post(s.url(&format!("/api/v1/operator/connection-requests/{id}/status")))
        .json(&json!({"status": "in_pruefung"}))
        .send()
        .await
        .unwrap();
    problem(r, 401).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_token_is_checked() {
    let s = Server::start().await;
    let url = s.url("/api/v1/operator/connection-requests");
    let r = client().get(&url).send().await.unwrap();
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    problem(r, 401).await;
    for bad in [
        "falsch",
        &s.operator_token()[..s.operator_token().len() - 1],
        &format!("{}x", s.operator_token()),
    ] {
        problem(
            client().get(&url).bearer_auth(bad).send().await.unwrap(),
            401,
        )
        .await;
    }
    let r = client()
        .get(&url)
        .header("authorization", format!("Basic {}", s.operator_token()))
        .send()
        .await
        .unwrap();
    problem(r, 401).await;
    assert_eq!(
        operator_get(&s, "/api/v1/operator/connection-requests")
            .await
            .status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_list_filters_and_pages() {
    let s = Server::start().await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let body = if i % 2 == 0 { wuerzburg() } else { mettmann() };
        let v: Value = submit(&s, &body).await.json().await.unwrap();
        ids.push(v["id"].as_str().unwrap().to_owned());
    }
    let all: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 5);
    assert_eq!(all["limit"], 50);
    assert_eq!(all["items"][0]["id"], ids[4].as_str(), "newest first");

    let by: Value = operator_get(&s, "/api/v1/operator/connection-requests?land=BY")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by["total"], 3);
    assert!(
        by["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["land"]["iso"] == "BY")
    );
    let nw: Value = operator_get(&s, "/api/v1/operator/connection-requests?land=05")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(nw["total"], 2);
    assert_eq!(nw["items"][0]["municipality_name"], "Mettmann");

    let p1: Value = operator_get(&s, "/api/v1/operator/connection-requests?limit=2")
        .await
        .json()
        .await
        .unwrap();
    let p3: Value = operator_get(&s, "/api/v1/operator/connection-requests?limit=2&offset=4")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p1["items"].as_array().unwrap().len(), 2);
    assert_eq!(p1["total"], 5);
    assert_eq!(p3["items"].as_array().unwrap().len(), 1);
    assert_eq!(p3["items"][0]["id"], ids[0].as_str());

    assert_eq!(
        set_status(&s, &ids[0], "in_pruefung", None).await.status(),
        200
    );
    let inp: Value = operator_get(
        &s,
        "/api/v1/operator/connection-requests?status=in_pruefung",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(inp["total"], 1);

    // The filter's days are Berlin calendar days (as a clerk and an operator read them),
    // so the test asks Berlin's date too; near midnight UTC the two differ.
    let now = time::OffsetDateTime::now_utc();
    let today = now.to_offset(efa_api::timeutil::berlin_offset(now)).date();
    let tomorrow = today.next_day().unwrap();
    let q = format!("/api/v1/operator/connection-requests?from={tomorrow}");
    let none: Value = operator_get(&s, &q).await.json().await.unwrap();
    assert_eq!(none["total"], 0);
    let q = format!(
        "/api/v1/operator/connection-requests?from={}&to={tomorrow}",
        today.previous_day().unwrap()
    );
    let some: Value = operator_get(&s, &q).await.json().await.unwrap();
    assert_eq!(some["total"], 5);

    // Counts per status: under every filter but the status, with zeros, in the order of
    // the state machine.
    let counts: Vec<(String, u64)> = inp["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts.len(), 7);
    assert_eq!(counts[0], ("eingegangen".to_owned(), 4));
    assert_eq!(counts[1], ("in_pruefung".to_owned(), 1));
    assert!(counts[2..].iter().all(|(_, n)| *n == 0));
    let by_counts: Value = operator_get(
        &s,
        "/api/v1/operator/connection-requests?land=BY&status=eingegangen",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(by_counts["total"], 2, "ids 2 and 4; id 0 is in review");
    assert_eq!(by_counts["counts"][0]["count"], 2);
    assert_eq!(by_counts["counts"][1]["count"], 1);

    // Free text: the reference, the name in any case (umlauts too), AGS and ARS, also
    // typed in groups; `%` and `_` are letters, not wildcards.
    let found = |q: &str| {
        let request = client()
            .get(s.url("/api/v1/operator/connection-requests"))
            .query(&[("q", q)])
            .bearer_auth(s.operator_token());
        async move {
            let page: Value = request.send().await.unwrap().json().await.unwrap();
            page["total"].as_u64().unwrap()
        }
    };
    let reference = all["items"][0]["reference"].as_str().unwrap().to_owned();
    assert_eq!(found(&reference).await, 1);
    assert_eq!(found(&reference.to_lowercase()).await, 1);
    assert_eq!(found("würzburg").await, 3);
    assert_eq!(found("WÜRZ").await, 3);
    assert_eq!(found("mettmann").await, 2);
    assert_eq!(found("09663000").await, 3);
    assert_eq!(found("09 663 000").await, 3);
    assert_eq!(found("0966300000").await, 3, "part of the ARS");
    assert_eq!(found("%").await, 0);
    assert_eq!(found("_").await, 0);
    assert_eq!(found("Hamburg").await, 0);
    let both: Value = operator_get(
        &s,
        "/api/v1/operator/connection-requests?q=mett&land=NW&status=eingegangen",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(both["total"], 2);
    let audit = s.audit_log().await;
    assert!(
        audit.iter().any(|e| e.target.contains("q=mett")),
        "the search is audited"
    );

    let long_text = format!("q={}", "x".repeat(101));
    for bad in [
        "land=XX",
        "status=fertig",
        "from=gestern",
        "to=2026-02-30",
        "limit=0",
        "limit=501",
        "offset=-1",
        "limit=abc",
        "foo=bar",
        "q=",
        "q=%0A",
        long_text.as_str(),
    ] {
        let r = operator_get(&s, &format!("/api/v1/operator/connection-requests?{bad}")).await;
        problem(r, 400).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_fetch_has_the_full_document() {
    let s = Server::start().await;
    let sent = wuerzburg();
    let created: Value = submit(&s, &sent).await.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    let r = operator_get(&s, &format!("/api/v1/operator/connection-requests/{id}")).await;
    assert_eq!(r.status(), 200);
    let d: Value = r.json().await.unwrap();
    assert_eq!(d["document"], sent);
    assert_eq!(d["ags"], "09663000");
    assert_eq!(d["ars"], "096630000000");
    assert_eq!(d["reference"], created["reference"]);
    problem(
        operator_get(
            &s,
            &format!(
                "/api/v1/operator/connection-requests/{}",
                uuid::Uuid::new_v4()
            ),
        )
        .await,
        404,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_changes_follow_the_state_machine() {
    let s = Server::start().await;
    let created: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    let id = created["id"].as_str().unwrap();

    let p = problem(set_status(&s, id, "angenommen", None).await, 409).await;
    assert!(
        p["detail"].as_str().unwrap().contains("in_pruefung"),
        "names the allowed next states"
    );
    assert_eq!(
        set_status(&s, id, "in_pruefung", Some("Wir prüfen."))
            .await
            .status(),
        200
    );
    // A question needs a note.
    let p = problem(set_status(&s, id, "rueckfrage", None).await, 422).await;
    assert_eq!(p["errors"][0]["path"], "note");
    assert_eq!(p["errors"][0]["code"], "required");
    assert_eq!(
        set_status(&s, id, "rueckfrage", Some("Bitte OE-ID nachreichen."))
            .await
            .status(),
        200
    );
    assert_eq!(set_status(&s, id, "in_pruefung", None).await.status(), 200);
    assert_eq!(set_status(&s, id, "angenommen", None).await.status(), 200);
    problem(set_status(&s, id, "in_pruefung", None).await, 409).await;
    assert_eq!(
        set_status(&s, id, "anbindung_laeuft", None).await.status(),
        200
    );
    let r = set_status(&s, id, "live", Some("Seit heute produktiv."));
    let d: Value = r.await.json().await.unwrap();
    assert_eq!(d["status"], "live");
    problem(set_status(&s, id, "abgelehnt", Some("zu spät")).await, 409).await;
    problem(set_status(&s, id, "live", None).await, 409).await;

    let st = public_status(&s, &created).await;
    let history: Vec<(&str, Option<&str>)> = st["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["status"].as_str().unwrap(), h["note"].as_str()))
        .collect();
    assert_eq!(
        history,
        vec![
            ("eingegangen", None),
            ("in_pruefung", Some("Wir prüfen.")),
            ("rueckfrage", Some("Bitte OE-ID nachreichen.")),
            ("in_pruefung", None),
            ("angenommen", None),
            ("anbindung_laeuft", None),
            ("live", Some("Seit heute produktiv.")),
        ]
    );
    assert_eq!(st["status"], "live");

    // Rejection from an open state, with its reason.
    let other: Value = submit(&s, &mettmann()).await.json().await.unwrap();
    let oid = other["id"].as_str().unwrap();
    problem(set_status(&s, oid, "abgelehnt", None).await, 422).await;
    assert_eq!(
        set_status(&s, oid, "abgelehnt", Some("Kein EfA-Angebot für NRW."))
            .await
            .status(),
        200
    );
    problem(set_status(&s, oid, "in_pruefung", None).await, 409).await;

    // Bad bodies and unknown ids.
    problem(
        set_status(&s, &uuid::Uuid::new_v4().to_string(), "in_pruefung", None).await,
        404,
    )
    .await;
    let r = client()
        .post(s.url(&format!(
            "/api/v1/operator/connection-requests/{oid}/status"
        )))
        .bearer_auth(s.operator_token())
        .json(&json!({"status": "erledigt"}))
        .send()
        .await
        .unwrap();
    let p = problem(r, 422).await;
    assert_eq!(p["errors"][0]["path"], "status");
    let r = client()
        .post(s.url(&format!(
            "/api/v1/operator/connection-requests/{oid}/status"
        )))
        .bearer_auth(s.operator_token())
        .json(&json!({"status": "in_pruefung", "extra": 1}))
        .send()
        .await
        .unwrap();
    problem(r, 422).await;
    let r = client()
        .post(s.url(&format!(
            "/api/v1/operator/connection-requests/{oid}/status"
        )))
        .bearer_auth(s.operator_token())
        .header("content-type", "application/json")
        .body("{\"status\":")
        .send()
        .await
        .unwrap();
    problem(r, 400).await;
    let long = "x".repeat(2001);
    problem(set_status(&s, id, "abgelehnt", Some(&long)).await, 422).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_is_rfc_4180_and_formula_safe() {
    let s = Server::start().await;
    let mut body = wuerzburg();
    body["contacts"]["vertretung"]["name"] = json!("=HYPERLINK(\"http://x.invalid\",\"klick\")");
    body["contacts"]["vertretung"]["function"] = json!("+Bürgermeisterin, \"erste\"");
    body["notes"] = json!("@SUM(A1)\nzweite Zeile, mit Komma");
    let created: Value = submit(&s, &body).await.json().await.unwrap();
    submit(&s, &mettmann()).await;

    let r = operator_get(&s, "/api/v1/operator/connection-requests.csv").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let text = r.text().await.unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 byte order mark");
    let rows = parse_csv(text);
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has every column"
    );
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[col("ID")] == created["id"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        row[col("Vertretung Name")],
        "'=HYPERLINK(\"http://x.invalid\",\"klick\")"
    );
    assert_eq!(
        row[col("Vertretung Funktion")],
        "'+Bürgermeisterin, \"erste\""
    );
    assert_eq!(
        row[col("Anmerkungen")],
        "'@SUM(A1)\nzweite Zeile, mit Komma"
    );
    assert_eq!(row[col("Kommune")], "Würzburg");
    assert_eq!(row[col("Referenz")], created["reference"].as_str().unwrap());

    let by = operator_get(&s, "/api/v1/operator/connection-requests.csv?land=NW")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(parse_csv(by.trim_start_matches('\u{feff}')).len(), 2);
    problem(
        operator_get(&s, "/api/v1/operator/connection-requests.csv?limit=5").await,
        400,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalog_has_a_strong_etag() {
    let s = Server::start().await;
    let r = client().get(s.url("/api/v1/catalog")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"));
    assert_eq!(r.headers()["content-type"], "application/json");
    let text = r.text().await.unwrap();
    assert_eq!(
        text,
        include_str!("../../../public/catalog/efa-catalog.json")
    );

    let r = client()
        .get(s.url("/api/v1/catalog"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), etag);
    assert!(r.bytes().await.unwrap().is_empty());
    let r = client()
        .get(s.url("/api/v1/catalog"))
        .header("if-none-match", "\"anders\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalog_file_replaces_the_shipped_one_and_is_validated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("katalog.json");
    let shipped: Value =
        serde_json::from_str(include_str!("../../../public/catalog/efa-catalog.json")).unwrap();
    let mut custom = shipped.clone();
    custom["catalog_version"] = json!("test-1");
    std::fs::write(&path, serde_json::to_string(&custom).unwrap()).unwrap();
    let s = Server::start_with(&["--catalog", path.to_str().unwrap()]).await;
    let got: Value = client()
        .get(s.url("/api/v1/catalog"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["catalog_version"], "test-1");

    let mut broken = shipped;
    broken["services"][0]["unbekannt"] = json!(1);
    broken["services"][1]
        .as_object_mut()
        .unwrap()
        .remove("name");
    std::fs::write(&path, serde_json::to_string(&broken).unwrap()).unwrap();
    let args = [
        "efa-api",
        "--data-dir",
        dir.path().to_str().unwrap(),
        "--catalog",
        path.to_str().unwrap(),
    ];
    let config = <efa_api::Config as clap::Parser>::try_parse_from(args).unwrap();
    let err = efa_api::App::build(&config).await.unwrap_err().to_string();
    assert!(err.contains("katalog.json"), "{err}");
    assert!(err.contains("unbekannt"), "{err}");
    assert!(err.contains("name"), "{err}");

    std::fs::write(&path, "{ kein json").unwrap();
    let err = efa_api::App::build(&config).await.unwrap_err().to_string();
    assert!(err.contains("katalog.json"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_readiness_and_missing_database() {
    let s = Server::start().await;
    let r = client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "ok");
    let r = client().get(s.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let ready: Value = r.json().await.unwrap();
    assert_eq!(ready["status"], "ready");
    let engine = if is_postgres() {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(ready["database"], engine, "readiness names the database");

    // The database goes away underneath the server: not ready, but alive.
    s.take_database_away().await;
    let p = problem(client().get(s.url("/readyz")).send().await.unwrap(), 503).await;
    assert!(p["detail"].as_str().unwrap().contains("Datenbank"));
    assert_eq!(
        client()
            .get(s.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    s.bring_database_back().await;
    // A pooled connection that the database server ended is noticed and replaced at
    // its next use; give that a moment.
    let started = std::time::Instant::now();
    while get_status(&s, "/readyz").await != 200 {
        assert!(started.elapsed() < Duration::from_secs(10), "ready again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_describes_the_api() {
    let s = Server::start().await;
    let r = client()
        .get(s.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["ConnectionRequest"]["type"], "object");
    assert_eq!(
        schemas["ConnectionRequest"]["properties"]["municipality"]["$ref"],
        "#/components/schemas/Municipality"
    );
    assert!(schemas["Municipality"].is_object());
    assert!(schemas["Problem"].is_object());
    // Every $ref resolves inside the document.
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r);
                }
                m.values().for_each(|c| refs(c, out));
            }
            Value::Array(a) => a.iter().for_each(|c| refs(c, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        assert!(
            doc.pointer(r.trim_start_matches('#')).is_some(),
            "dangling {r}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_body_is_413() {
    let s = Server::start().await;
    let mut body = wuerzburg();
    body["notes"] = json!("x".repeat(300 * 1024));
    let p = problem(submit(&s, &body).await, 413).await;
    assert!(p["detail"].as_str().unwrap().contains("256"));
    // Just under the limit is read (and then rejected for the long note, not the size).
    body["notes"] = json!("x".repeat(200 * 1024));
    problem(submit(&s, &body).await, 422).await;
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_answers_429_with_retry_after() {
    let s =
        Server::start_with(&["--rate-limit-per-second", "0.5", "--rate-limit-burst", "3"]).await;
    for _ in 0..3 {
        assert_eq!(get_status(&s, "/api/v1/catalog").await, 200);
    }
    let r = client().get(s.url("/api/v1/catalog")).send().await.unwrap();
    let retry = retry_after(&r);
    assert!((1..=2).contains(&retry), "{retry}");
    problem(r, 429).await;
    // Health probes are never limited.
    for _ in 0..5 {
        assert_eq!(get_status(&s, "/healthz").await, 200);
        assert_eq!(get_status(&s, "/readyz").await, 200);
    }
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(
        client()
            .get(s.url("/api/v1/catalog"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_routes_and_methods_are_problems() {
    let s = Server::start().await;
    problem(
        client()
            .get(s.url("/api/v1/gibt-es-nicht"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    problem(client().get(s.url("/api")).send().await.unwrap(), 404).await;
    problem(
        client()
            .post(s.url("/api/v2/connection-requests"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    problem(
        client()
            .delete(s.url("/api/v1/catalog"))
            .send()
            .await
            .unwrap(),
        405,
    )
    .await;
    problem(
        client()
            .put(s.url("/api/v1/connection-requests"))
            .send()
            .await
            .unwrap(),
        405,
    )
    .await;
    problem(
        client()
            .get(s.url("/api/v1/connection-requests"))
            .send()
            .await
            .unwrap(),
        405,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_are_on_every_response() {
    let s = Server::start().await;
    for r in [
        client().get(s.url("/healthz")).send().await.unwrap(),
        client().get(s.url("/api/v1/nix")).send().await.unwrap(),
        client().get(s.url("/")).send().await.unwrap(),
        submit(&s, &json!({})).await,
    ] {
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["x-frame-options"], "DENY");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_only_for_configured_origins() {
    let s = Server::start_with(&[
        "--allowed-origin",
        "https://onboarding.example.de,https://test.example.de",
    ])
    .await;
    let preflight = |origin: &'static str| {
        client()
            .request(
                reqwest::Method::OPTIONS,
                s.url("/api/v1/connection-requests"),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .send()
    };
    let ok = preflight("https://test.example.de").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://test.example.de"
    );
    let allowed = ok.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    let bad = preflight("https://boese.example").await.unwrap();
    assert!(bad.headers().get("access-control-allow-origin").is_none());

    let plain = Server::start().await;
    let r = client()
        .get(plain.url("/api/v1/catalog"))
        .header("origin", "https://test.example.de")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_body_is_408() {
    let s = Server::start_with(&["--body-timeout-secs", "1"]).await;
    let addr = s.addr;
    let (status, text) = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c.write_all(
            b"POST /api/v1/connection-requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Idempotency-Key: slow-1\r\nContent-Length: 100\r\n\r\n{\"schema_",
        )
        .unwrap();
        let mut buf = Vec::new();
        let _ = c.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        (text.split_whitespace().nth(1).unwrap_or("").to_owned(), text)
    })
    .await
    .unwrap();
    assert_eq!(status, "408", "{text}");
    assert!(text.contains("application/problem+json"));
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_survives_a_restart() {
    let s = Server::start().await;
    let key = new_key();
    let created: Value = submit_with_key(&s, &wuerzburg(), &key)
        .await
        .json()
        .await
        .unwrap();
    let dir = s.stop().await;
    let s = Server::start_in(dir, &[]).await;
    // Same key after restart: the original answer, token included (same key file).
    let again: Value = submit_with_key(&s, &wuerzburg(), &key)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, created);
    let next: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    assert_eq!(next["reference"], format!("BY-{}-000002", year()));
}

/// The JSON fixtures in tests/fixtures are for tools outside the Rust tests (the
/// Schemathesis script seeds with them, integrators can read them). They must stay valid
/// against the shipped catalog and registry; `EFA_UPDATE_FIXTURES=1` rewrites them from
/// the builders in tests/common.
#[test]
fn fixture_files_are_valid_requests() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = [
        ("wuerzburg.json", wuerzburg()),
        ("mettmann.json", mettmann()),
    ];
    if std::env::var_os("EFA_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, value) in &files {
            std::fs::write(
                dir.join(name),
                serde_json::to_string_pretty(value).unwrap() + "\n",
            )
            .unwrap();
        }
    }
    for (name, _) in files {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let request: efa_domain::request::ConnectionRequest = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{name}: {e}; regenerate with EFA_UPDATE_FIXTURES=1 cargo test -p efa-api --test api fixture_files"));
        if let Err(errors) = request.validate(catalog(), registry()) {
            panic!(
                "{name} is no longer valid: {errors:?}; regenerate with EFA_UPDATE_FIXTURES=1 cargo test -p efa-api --test api fixture_files"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trickled_headers_are_cut_off() {
    let s = Server::start_with(&["--body-timeout-secs", "1"]).await;
    let addr = s.addr;
    let started = std::time::Instant::now();
    let closed_after = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        let mut buf = Vec::new();
        // The head never completes; the server must close the connection by itself.
        let _ = c.read_to_end(&mut buf);
        started.elapsed()
    })
    .await
    .unwrap();
    assert!(closed_after < Duration::from_secs(5), "{closed_after:?}");
    assert_healthy(&s).await;
}

/// The app reads the API's answers with the same types the API writes them with
/// (`efa_domain::wire`); this reads real answers with them, so a field renamed on one
/// side only cannot pass.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_read_back_with_the_shared_wire_types() {
    use efa_domain::status::Status;
    use efa_domain::wire::{
        OperatorDetail, OperatorPage, ProblemBody, RequestStatus, SubmissionReceipt,
    };

    let s = Server::start().await;
    let r = submit(&s, &wuerzburg()).await;
    assert_eq!(r.status(), 201);
    let receipt: SubmissionReceipt = r.json().await.unwrap();
    assert_eq!(receipt.status, Status::Eingegangen);
    assert!(receipt.reference.starts_with("BY-"));

    let token = receipt.status_token.clone().unwrap();
    let r = client()
        .get(s.url(&receipt.status_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let status: RequestStatus = r.json().await.unwrap();
    assert_eq!(status.id, receipt.id);
    assert_eq!(status.land.name, "Bayern");
    assert_eq!(status.history.len(), 1);
    assert_eq!(status.history[0].status.label(Lang::De), "Eingegangen");

    assert_eq!(
        set_status(&s, &receipt.id, "in_pruefung", None)
            .await
            .status(),
        200
    );
    let page: OperatorPage = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].status, Status::InPruefung);
    let detail: OperatorDetail = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{}", receipt.id),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(detail.history.len(), 2);
    assert!(detail.history[1].account.is_some());

    // A 422 names codes the app knows: each one parses into the domain's ErrorCode.
    let mut bad = wuerzburg();
    bad["municipality"]["ags"] = json!("123");
    bad["municipality"]["name"] = json!("");
    let r = submit(&s, &bad).await;
    assert_eq!(r.status(), 422);
    let p: ProblemBody = r.json().await.unwrap();
    assert_eq!(p.status, 422);
    let errors = p.errors.unwrap();
    assert!(errors.len() >= 2, "{errors:?}");
    for e in errors {
        assert!(ErrorCode::parse(&e.code).is_some(), "{e:?}");
    }
}
