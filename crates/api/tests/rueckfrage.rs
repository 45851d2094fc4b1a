//! The municipality answers the agency's Rückfrage, over real HTTP against a real
//! database and a real SMTP server on loopback.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::smtp::Smtp;
use common::*;
use serde_json::{Value, json};

async fn created(s: &Server, body: &Value) -> Value {
    let r = submit(s, body).await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

async fn answer(s: &Server, receipt: &Value, token: &str, body: Value) -> reqwest::Response {
    let id = receipt["id"].as_str().unwrap();
    client()
        .post(s.url(&format!("/api/v1/connection-requests/{id}/answer")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn token(receipt: &Value) -> &str {
    receipt["status_token"].as_str().unwrap()
}

async fn list_ids(s: &Server) -> Vec<String> {
    let r = operator_get(s, "/api/v1/operator/connection-requests").await;
    assert_eq!(r.status(), 200);
    let page: Value = r.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn detail(s: &Server, id: &str) -> Value {
    let r = operator_get(s, &format!("/api/v1/operator/connection-requests/{id}")).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_municipality_answers_and_the_answer_comes_first_for_the_agency() {
    let smtp = Smtp::start();
    let url = smtp.url();
    let s = Server::start_with(&["--smtp-url", &url]).await;
    let asked = created(&s, &wuerzburg()).await;
    let newer = created(&s, &mettmann()).await;
    let id = asked["id"].as_str().unwrap();
    let reference = asked["reference"].as_str().unwrap();
    let newer_id = newer["id"].as_str().unwrap();

    // Nothing asked yet: an answer is refused and changes nothing.
    let p = problem(
        answer(&s, &asked, token(&asked), json!({"answer": "Hallo"})).await,
        409,
    )
    .await;
    assert!(
        p["type"].as_str().unwrap().ends_with("nothing-asked"),
        "{p}"
    );
    assert!(p["detail"].as_str().unwrap().contains("Eingegangen"), "{p}");

    let question = "Bitte nennen Sie die Leitweg-ID der Wohngeldstelle.";
    assert_eq!(set_status(&s, id, "in_pruefung", None).await.status(), 200);
    assert_eq!(
        set_status(&s, id, "rueckfrage", Some(question))
            .await
            .status(),
        200
    );

    // Wrong token and unknown id look alike; bad answers are 422 on the field `answer`.
    problem(
        answer(&s, &asked, token(&newer), json!({"answer": "x"})).await,
        404,
    )
    .await;
    for (body, code) in [
        (json!({"answer": "   "}), "required"),
        (json!({"answer": "a".repeat(2001)}), "too_long"),
        (
            json!({"answer": "mit\u{0007}Steuerzeichen"}),
            "control_characters",
        ),
    ] {
        let p = problem(answer(&s, &asked, token(&asked), body).await, 422).await;
        assert_eq!(p["errors"][0]["path"], "answer", "{p}");
        assert_eq!(p["errors"][0]["code"], code, "{p}");
    }
    problem(
        answer(&s, &asked, token(&asked), json!({"text": "x"})).await,
        422,
    )
    .await;

    // Before the answer: newest first.
    assert_eq!(list_ids(&s).await, [newer_id, id]);

    let reply = "Die Leitweg-ID ist 09663000-WOHNGELD-12.\nMit freundlichen Grüßen";
    let r = answer(
        &s,
        &asked,
        token(&asked),
        json!({ "answer": format!("  {reply}\n") }),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let status: Value = r.json().await.unwrap();
    assert_eq!(status["status"], "in_pruefung");
    let last = status["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["note"], reply, "trimmed, line break kept");
    assert_eq!(last["by_municipality"], true);
    assert_eq!(status["history"][2]["by_municipality"], false);
    assert_eq!(public_status(&s, &asked).await, status);

    // Sent twice (a lost response): the same answer, no second entry.
    let again = answer(&s, &asked, token(&asked), json!({ "answer": reply })).await;
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["history"], status["history"]);
    // Another answer now is refused: nothing is asked any more.
    problem(
        answer(&s, &asked, token(&asked), json!({"answer": "Noch etwas"})).await,
        409,
    )
    .await;

    // The agency: the answered request comes first although it is older, marked, with the
    // answer in its history and no account.
    assert_eq!(list_ids(&s).await, [id, newer_id]);
    let d = detail(&s, id).await;
    assert!(d["answered_at"].as_str().unwrap().ends_with('Z'));
    let h = d["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(h["by_municipality"], true);
    assert_eq!(h["account"], Value::Null);
    assert_eq!(h["note"], reply);
    let page: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"][0]["answered_at"], d["answered_at"]);
    assert_eq!(page["items"][1]["answered_at"], Value::Null);

    // The operator acts on it: the mark goes and the order is by time again.
    assert_eq!(set_status(&s, id, "angenommen", None).await.status(), 200);
    assert_eq!(detail(&s, id).await["answered_at"], Value::Null);
    assert_eq!(list_ids(&s).await, [newer_id, id]);

    // Mails: in Prüfung, Rückfrage (with the question) and Angenommen. The answer itself
    // mailed nothing: the mails go out in order, so it would have come before the last.
    let mails = smtp
        .wait_for(3, |m| m.contains(reference) && m.contains("Neuer Status"))
        .await;
    assert!(mails.iter().any(|m| m.contains("Neuer Status: Angenommen")));
    assert!(
        mails
            .iter()
            .any(|m| m.contains("Neuer Status: Rückfrage") && m.contains(question))
    );
    let about_this = smtp
        .messages()
        .into_iter()
        .filter(|m| m.contains(reference) && m.contains("Neuer Status"))
        .count();
    assert_eq!(about_this, 3, "no mail about the municipality's own answer");
    assert!(
        smtp.messages()
            .iter()
            .all(|m| !m.contains("09663000-WOHNGELD-12"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_is_only_seen_by_the_land_it_belongs_to() {
    let s = Server::start().await;
    let nw = s.add_operator("nora.nrw", "NW").await;
    let asked = created(&s, &wuerzburg()).await;
    let id = asked["id"].as_str().unwrap();
    assert_eq!(set_status(&s, id, "in_pruefung", None).await.status(), 200);
    assert_eq!(
        set_status(&s, id, "rueckfrage", Some("Welche OE-ID?"))
            .await
            .status(),
        200
    );
    let r = answer(&s, &asked, token(&asked), json!({"answer": "OE 4711"})).await;
    assert_eq!(r.status(), 200);
    let page: Value = client()
        .get(s.url("/api/v1/operator/connection-requests"))
        .bearer_auth(&nw)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 0);
    let r = client()
        .get(s.url(&format!("/api/v1/operator/connection-requests/{id}")))
        .bearer_auth(&nw)
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
}

async fn send_version(
    s: &Server,
    receipt: &Value,
    token: &str,
    key: &str,
    body: &Value,
) -> reqwest::Response {
    let id = receipt["id"].as_str().unwrap();
    client()
        .post(s.url(&format!("/api/v1/connection-requests/{id}/versions")))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Würzburg's request with its first service only: version 2 adds the second.
fn first_version() -> Value {
    let mut r = wuerzburg_request();
    r.services.truncate(1);
    serde_json::to_value(r).unwrap()
}

fn second_version() -> Value {
    let mut r = wuerzburg_request();
    r.contacts.fachlich.phone = "0931 37-2222".into();
    assert!(r.services.len() >= 2, "the fixture has two services");
    serde_json::to_value(r).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_municipality_answers_with_a_new_version_and_both_are_kept() {
    let s = Server::start().await;
    let asked = created(&s, &first_version()).await;
    let id = asked["id"].as_str().unwrap();
    let key = new_key();
    let v2 = second_version();

    // Nothing asked yet.
    let p = problem(
        send_version(&s, &asked, token(&asked), &key, &v2).await,
        409,
    )
    .await;
    assert!(
        p["type"].as_str().unwrap().ends_with("nothing-asked"),
        "{p}"
    );
    assert_eq!(set_status(&s, id, "in_pruefung", None).await.status(), 200);
    let question = "Bitte ergänzen Sie die zweite Leistung und eine erreichbare Telefonnummer.";
    assert_eq!(
        set_status(&s, id, "rueckfrage", Some(question))
            .await
            .status(),
        200
    );

    // Wrong token, missing key, invalid body, another municipality: refused, nothing kept.
    let other = created(&s, &mettmann()).await;
    problem(
        send_version(&s, &asked, token(&other), &key, &v2).await,
        404,
    )
    .await;
    let r = client()
        .post(s.url(&format!("/api/v1/connection-requests/{id}/versions")))
        .bearer_auth(token(&asked))
        .json(&v2)
        .send()
        .await
        .unwrap();
    problem(r, 400).await;
    let mut broken = v2.clone();
    broken["contacts"]["fachlich"]["email"] = json!("keine-adresse");
    let p = problem(
        send_version(&s, &asked, token(&asked), &new_key(), &broken).await,
        422,
    )
    .await;
    assert_eq!(p["errors"][0]["path"], "contacts.fachlich.email", "{p}");
    let p = problem(
        send_version(&s, &asked, token(&asked), &new_key(), &mettmann()).await,
        422,
    )
    .await;
    assert!(
        p["type"].as_str().unwrap().ends_with("other-municipality"),
        "{p}"
    );
    assert!(p["detail"].as_str().unwrap().contains("Würzburg"), "{p}");

    // Version 2: back in review, named in the history as the municipality's.
    let r = send_version(&s, &asked, token(&asked), &key, &v2).await;
    assert_eq!(r.status(), 200);
    let status: Value = r.json().await.unwrap();
    assert_eq!(status["status"], "in_pruefung");
    assert_eq!(status["version"], 2);
    let last = status["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["by_municipality"], true);
    assert_eq!(last["version"], 2);
    assert_eq!(last["note"], Value::Null);
    assert_eq!(status["services"].as_array().unwrap().len(), 2);

    // The same key and body again: the same state, marked as a replay; another body with
    // that key: a conflict.
    let again = send_version(&s, &asked, token(&asked), &key, &v2).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["history"], status["history"]);
    problem(
        send_version(&s, &asked, token(&asked), &key, &first_version()).await,
        409,
    )
    .await;
    // Nothing asked any more: a new key does not make a version 3.
    problem(
        send_version(&s, &asked, token(&asked), &new_key(), &v2).await,
        409,
    )
    .await;

    // The municipality reads its current version back (to amend it from any browser).
    let r = client()
        .get(s.url(&format!("/api/v1/connection-requests/{id}/document")))
        .bearer_auth(token(&asked))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(
        doc["document"]["contacts"]["fachlich"]["phone"],
        "0931 37-2222"
    );
    let r = client()
        .get(s.url(&format!("/api/v1/connection-requests/{id}/document")))
        .bearer_auth(token(&other))
        .send()
        .await
        .unwrap();
    problem(r, 404).await;

    // The agency: first in the list, both versions with their own fingerprints.
    let page: Value = operator_get(&s, "/api/v1/operator/connection-requests")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"][0]["id"], id);
    assert_eq!(page["items"][0]["version"], 2);
    assert!(page["items"][0]["answered_at"].is_string());
    let d: Value = operator_get(&s, &format!("/api/v1/operator/connection-requests/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["version"], 2);
    let versions = d["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 1);
    assert_eq!(versions[0]["submitted_at"], d["received_at"]);
    assert_eq!(versions[1]["submitted_at"], last["at"]);
    assert_ne!(versions[0]["fingerprint"], versions[1]["fingerprint"]);
    assert_eq!(versions[1]["fingerprint"], d["fingerprint"]);
    let v1: Value = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{id}/versions/1"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v1["fingerprint"], versions[0]["fingerprint"]);
    assert_eq!(v1["document"]["services"].as_array().unwrap().len(), 1);
    assert_ne!(
        v1["document"]["contacts"]["fachlich"]["phone"],
        "0931 37-2222"
    );
    let v2_read: Value = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{id}/versions/2"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v2_read["document"], d["document"]);

    // Field by field: one more service and a changed phone number, nothing else.
    let cmp: Value = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{id}/compare"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(cmp["from"]["version"], 1);
    assert_eq!(cmp["to"]["version"], 2);
    assert_eq!(cmp["to"]["fingerprint"], d["fingerprint"]);
    let changes = cmp["changes"].as_array().unwrap();
    let second = v2["services"][1]["service_id"].as_str().unwrap();
    let summary: Vec<(&str, &str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["area"].as_str().unwrap(),
                c["change"].as_str().unwrap(),
                c["path"].as_str().unwrap(),
            )
        })
        .collect();
    let added = format!("services[{second}]");
    assert_eq!(
        summary,
        vec![
            ("contacts", "changed", "contacts.fachlich.phone"),
            ("services", "added", added.as_str()),
        ],
        "{cmp}"
    );
    assert_eq!(changes[0]["label"], "Fachliche Ansprechperson · Telefon");
    assert_eq!(changes[0]["after"], "0931 37-2222");
    // The added service is named as the catalog names it.
    assert_eq!(changes[1]["label"], d["services"][1]["name"], "{cmp}");
    // The other way round, and one version with itself.
    let back: Value = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{id}/compare?from=2&to=1"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(back["changes"][1]["change"], "removed");
    let same: Value = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{id}/compare?from=2&to=2"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(same["changes"], json!([]));
    for (query, code) in [
        ("?to=3", 404),
        ("?from=0", 400),
        ("?from=x", 400),
        ("?from=", 400),
        ("?other=1", 400),
    ] {
        let r = operator_get(
            &s,
            &format!("/api/v1/operator/connection-requests/{id}/compare{query}"),
        )
        .await;
        problem(r, code).await;
    }
    assert!(
        s.audit_log()
            .await
            .iter()
            .any(|e| e.target == format!("{id}@v1..v2")),
        "the comparison is audited as a read of both versions"
    );

    for missing in ["3", "0", "x"] {
        let r = operator_get(
            &s,
            &format!("/api/v1/operator/connection-requests/{id}/versions/{missing}"),
        )
        .await;
        problem(r, 404).await;
    }
    // The export says which version it holds and that an answer waits.
    let csv = operator_get(&s, "/api/v1/operator/connection-requests.csv?land=BY")
        .await
        .text()
        .await
        .unwrap();
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[col("ID")] == id)
        .expect("the request is exported");
    assert_eq!(row[col("Fassung")], "2");
    assert_eq!(
        row[col("Antwort der Kommune (UTC)")],
        d["answered_at"].as_str().unwrap()
    );
    let audit = s.audit_log().await;
    assert!(
        audit.iter().any(|e| e.target == format!("{id}@v1")),
        "the read of version 1 is audited"
    );

    // Erasing the personal data reaches the replaced version too.
    let r = client()
        .delete(s.url(&format!("/api/v1/operator/connection-requests/{id}")))
        .bearer_auth(s.operator_token())
        .json(&json!({ "reason": "Test der Löschung" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v1: Value = operator_get(
        &s,
        &format!("/api/v1/operator/connection-requests/{id}/versions/1"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v1["document"]["contacts"]["fachlich"]["name"], "[gelöscht]");
    assert_eq!(
        v1["fingerprint"], versions[0]["fingerprint"],
        "the fingerprint stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_land_sees_no_version() {
    let s = Server::start().await;
    let nw = s.add_operator("nora.nrw", "NW").await;
    let asked = created(&s, &wuerzburg()).await;
    let id = asked["id"].as_str().unwrap();
    let r = client()
        .get(s.url(&format!(
            "/api/v1/operator/connection-requests/{id}/versions/1"
        )))
        .bearer_auth(&nw)
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
    let r = client()
        .get(s.url(&format!(
            "/api/v1/operator/connection-requests/{id}/compare?from=1&to=1"
        )))
        .bearer_auth(&nw)
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
}
