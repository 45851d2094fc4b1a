//! Confirmed submissions, mail, retention, erasure and behaviour under load, over real
//! HTTP against a real database and a real SMTP server on loopback.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::smtp::{Smtp, confirmation_link};
use common::*;
use efa_api::audit;
use serde_json::{Value, json};

async fn audit_log(s: &Server) -> Vec<audit::Entry> {
    s.audit_log().await
}

async fn created(s: &Server, body: &Value) -> Value {
    let r = submit(s, body).await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

async fn confirm(s: &Server, id: &str, code: &str) -> reqwest::Response {
    client()
        .post(s.url(&format!("/api/v1/connection-requests/{id}/confirmation")))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
}

async fn detail(s: &Server, id: &str) -> Value {
    let r = operator_get(s, &format!("/api/v1/operator/connection-requests/{id}")).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn list_ids(s: &Server, query: &str) -> Vec<String> {
    let r = operator_get(s, &format!("/api/v1/operator/connection-requests{query}")).await;
    assert_eq!(r.status(), 200);
    let page: Value = r.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn run_retention_at(s: &Server, days_from_now: i64) -> efa_api::storage::RetentionReport {
    let at = efa_api::timeutil::now() + time::Duration::days(days_from_now);
    s.app
        .state
        .retention
        .run_once(s.app.state.storage.as_ref(), at)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_submission_is_confirmed_through_the_link_in_its_mail() {
    let smtp = Smtp::start();
    let url = smtp.url();
    let s = Server::start_with(&[
        "--smtp-url",
        &url,
        "--mail-from",
        "EfA-Onboarding Bayern <noreply@baykommun.example>",
        "--public-base-url",
        "https://onboarding.example.de/",
    ])
    .await;
    let receipt = created(&s, &wuerzburg()).await;
    let id = receipt["id"].as_str().unwrap().to_owned();
    let reference = receipt["reference"].as_str().unwrap().to_owned();
    assert_eq!(receipt["confirmed"], false);
    // 14 days after receipt, by default.
    let received = time::OffsetDateTime::parse(
        receipt["received_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let by = time::OffsetDateTime::parse(
        receipt["confirm_by"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(by - received, time::Duration::days(14));
    assert_eq!(public_status(&s, &receipt).await["confirmed"], false);
    assert_eq!(detail(&s, &id).await["confirmed"], false);

    let mails = smtp.wait_for(1, |m| m.contains(&reference)).await;
    let mail = &mails[0];
    assert!(mail.contains("To: poststelle@stadt-beispiel.de"), "{mail}");
    assert!(
        mail.contains("From: \"EfA-Onboarding Bayern\" <noreply@baykommun.example>"),
        "{mail}"
    );
    // The umlaut makes the subject an RFC 2047 encoded word; the reference stays plain.
    let subject = mail.lines().find(|l| l.starts_with("Subject: ")).unwrap();
    assert!(
        subject.ends_with(&format!("Anschlussantrag {reference}")),
        "{subject}"
    );
    assert!(mail.contains("Anschlussantrag von Würzburg für"), "{mail}");
    assert!(mail.contains(&format!(
        "https://onboarding.example.de/bestaetigen/{id}#code="
    )));
    let (link_id, code) = confirmation_link(mail);
    assert_eq!(link_id, id);
    // The code is in the mail only: the database holds its hash, not the code.
    assert!(!s.stored_anywhere(&code).await);

    // Filters before confirmation.
    assert!(list_ids(&s, "?confirmed=false").await.contains(&id));
    assert!(!list_ids(&s, "?confirmed=true").await.contains(&id));

    // A wrong code and an unknown id are the same 404; the code is not used up by them.
    let wrong = confirm(&s, &id, "not-the-code").await;
    let p = problem(wrong, 404).await;
    assert!(p["detail"].as_str().unwrap().contains("neu"));
    problem(confirm(&s, &new_key(), &code).await, 404).await;
    problem(confirm(&s, "not-an-id", &code).await, 404).await;

    let ok = confirm(&s, &id, &code).await;
    assert_eq!(ok.status(), 200);
    let body: Value = ok.json().await.unwrap();
    assert_eq!(body["confirmed"], true);
    assert_eq!(body["reference"], reference.as_str());
    let status = public_status(&s, &receipt).await;
    assert_eq!(status["confirmed"], true);
    assert_eq!(status["confirm_by"], Value::Null);
    let d = detail(&s, &id).await;
    assert_eq!(d["confirmed"], true);
    assert!(d["confirmed_at"].is_string());
    assert!(list_ids(&s, "?confirmed=true").await.contains(&id));
    assert!(!list_ids(&s, "?confirmed=false").await.contains(&id));

    // Single use: the second click says it is done already.
    let again = problem(confirm(&s, &id, &code).await, 409).await;
    assert!(again["detail"].as_str().unwrap().contains(&reference));
    // A replay of the submission now reports it confirmed.
    let r = submit_with_key(&s, &wuerzburg(), "replay-key").await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn confirmation_bodies_that_are_not_a_code_are_4xx() {
    let s = Server::start().await;
    let receipt = created(&s, &wuerzburg()).await;
    let id = receipt["id"].as_str().unwrap();
    let path = format!("/api/v1/connection-requests/{id}/confirmation");
    for (body, status) in [
        ("{", 400),
        ("{}", 422),
        ("{\"code\": 5}", 422),
        ("{\"code\": \"\"}", 422),
        ("{\"code\": \"a\", \"x\": 1}", 422),
    ] {
        let r = client()
            .post(s.url(&path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), status, "{body}");
    }
    let r = client()
        .post(s.url(&path))
        .body("code=x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    let long = "x".repeat(129);
    problem(confirm(&s, id, &long).await, 422).await;
}

#[tokio::test]
async fn without_smtp_mails_are_written_to_the_outbox_folder() {
    let s = Server::start().await;
    let receipt = created(&s, &wuerzburg()).await;
    let reference = receipt["reference"].as_str().unwrap();
    let outbox = s.data_dir().join("outbox");
    let started = std::time::Instant::now();
    let mail = loop {
        let found = std::fs::read_dir(&outbox).ok().and_then(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .map(|e| std::fs::read_to_string(e.path()).unwrap())
                .find(|m| m.contains(reference))
        });
        if let Some(m) = found {
            break m;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no .eml in {}",
            outbox.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(mail.contains("Message-ID: <outbox-"), "{mail}");
    assert!(mail.contains("Content-Transfer-Encoding: 8bit"));
    // The links point at this server when no public address is configured.
    assert!(mail.contains(&format!("{}/bestaetigen/", s.base)), "{mail}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&outbox).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "outbox readable by others: {mode:o}");
    }
}

#[tokio::test]
async fn a_status_change_mails_the_functional_mailbox_without_the_token() {
    let smtp = Smtp::start();
    let url = smtp.url();
    let s = Server::start_with(&["--smtp-url", &url]).await;
    // An account name that no mail text could contain by chance.
    let account = "anna.zwoelfmeier";
    let token = s.add_operator(account, "BY").await;
    let receipt = created(&s, &wuerzburg()).await;
    let id = receipt["id"].as_str().unwrap();
    let reference = receipt["reference"].as_str().unwrap();
    let path = format!("/api/v1/operator/connection-requests/{id}/status");
    let note = "Bitte nennen Sie den DVDV-Eintrag für Wohngeld.";
    for (status, note) in [("in_pruefung", None), ("rueckfrage", Some(note))] {
        let r = client()
            .post(s.url(&path))
            .bearer_auth(&token)
            .json(&json!({ "status": status, "note": note }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let mails = smtp
        .wait_for(2, |m| m.contains(reference) && m.contains("Neuer Status"))
        .await;
    let rueckfrage = mails
        .iter()
        .find(|m| m.contains("Neuer Status: Rückfrage"))
        .unwrap();
    assert!(rueckfrage.contains(note), "{rueckfrage}");
    assert!(rueckfrage.contains(&format!("/status/{id}")));
    assert!(!rueckfrage.contains(receipt["status_token"].as_str().unwrap()));
    // The operator's account name is internal to the agency (the history names it).
    assert_eq!(detail(&s, id).await["history"][2]["account"], account);
    assert!(mails.iter().all(|m| !m.contains(account)));
}

#[tokio::test]
async fn an_unconfirmed_request_past_its_age_is_deleted_with_its_data() {
    let s = Server::start().await;
    let unconfirmed = created(&s, &wuerzburg()).await;
    let kept = created(&s, &mettmann()).await;
    let kept_id = kept["id"].as_str().unwrap().to_owned();
    // Confirm the second one with the code from its mail (read from the outbox folder).
    let mail = outbox_mail(&s, kept["reference"].as_str().unwrap()).await;
    let (_, code) = confirmation_link(&mail);
    assert_eq!(confirm(&s, &kept_id, &code).await.status(), 200);

    // 13 days on: nothing happens.
    assert_eq!(run_retention_at(&s, 13).await.deleted_unconfirmed, 0);
    assert_eq!(public_status(&s, &unconfirmed).await["confirmed"], false);

    let report = run_retention_at(&s, 15).await;
    assert_eq!(report.deleted_unconfirmed, 1);
    let id = unconfirmed["id"].as_str().unwrap();
    let r = client()
        .get(s.url(unconfirmed["status_url"].as_str().unwrap()))
        .bearer_auth(unconfirmed["status_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        operator_get(&s, &format!("/api/v1/operator/connection-requests/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(list_ids(&s, "").await, vec![kept_id.clone()]);
    // Its idempotency key went with it; the data is not stored any more.
    assert!(!s.stored_anywhere(id).await);
    let entry = audit_log(&s)
        .await
        .into_iter()
        .find(|e| e.action == "retention_unconfirmed")
        .unwrap();
    assert_eq!(entry.row_count, 1);
    assert_eq!(entry.account, "system:retention");
}

async fn outbox_mail(s: &Server, reference: &str) -> String {
    let outbox = s.data_dir().join("outbox");
    let started = std::time::Instant::now();
    loop {
        if let Ok(d) = std::fs::read_dir(&outbox) {
            for e in d.filter_map(|e| e.ok()) {
                if e.path().extension().is_some_and(|x| x == "eml") {
                    let m = std::fs::read_to_string(e.path()).unwrap();
                    if m.contains(reference) && m.contains("/bestaetigen/") {
                        return m;
                    }
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no mail for {reference}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn retention_anonymises_an_old_closed_request_and_keeps_its_fingerprint() {
    let s = Server::start().await;
    let mut body = wuerzburg();
    // Names no other request in this database has, so the file can be searched for them.
    body["contacts"]["vertretung"]["name"] = json!("Dr. Henrike Unverwechselbar");
    body["contacts"]["fachlich"]["phone"] = json!("0931 4711 0815");
    body["services"][0]["vendor_contact"]["name"] = json!("Vera Unverwechselbar");
    body["services"][0]["vendor_contact"]["email"] = json!("vera.unverwechselbar@hersteller-y.de");
    let receipt = created(&s, &body).await;
    let id = receipt["id"].as_str().unwrap();
    let mail = outbox_mail(&s, receipt["reference"].as_str().unwrap()).await;
    let (_, code) = confirmation_link(&mail);
    assert_eq!(confirm(&s, id, &code).await.status(), 200);
    assert_eq!(set_status(&s, id, "in_pruefung", None).await.status(), 200);
    let note = "Abgelehnt: Frau Beispiel hat telefonisch zurückgezogen.";
    assert_eq!(
        set_status(&s, id, "abgelehnt", Some(note)).await.status(),
        200
    );
    let before = detail(&s, id).await;
    let fingerprint = before["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.len(), 16);
    let person = before["document"]["contacts"]["vertretung"]["name"]
        .as_str()
        .unwrap()
        .to_owned();

    // An open request is never anonymised, however old.
    let open = created(&s, &mettmann()).await;
    let open_mail = outbox_mail(&s, open["reference"].as_str().unwrap()).await;
    let (_, open_code) = confirmation_link(&open_mail);
    assert_eq!(
        confirm(&s, open["id"].as_str().unwrap(), &open_code)
            .await
            .status(),
        200
    );

    assert_eq!(run_retention_at(&s, 364).await.anonymised, 0);
    let report = run_retention_at(&s, 366).await;
    assert_eq!(report.anonymised, 1);
    let after = detail(&s, id).await;
    assert_eq!(after["fingerprint"], fingerprint.as_str());
    assert_eq!(after["reference"], before["reference"]);
    assert_eq!(after["municipality_name"], before["municipality_name"]);
    assert_eq!(after["services"], before["services"]);
    assert_eq!(after["history"].as_array().unwrap().len(), 3);
    assert!(after["anonymised_at"].is_string());
    let c = &after["document"]["contacts"];
    assert_eq!(c["vertretung"]["name"], "[gelöscht]");
    assert_eq!(c["vertretung"]["email"], "[gelöscht]");
    assert_eq!(c["fachlich"]["phone"], "[gelöscht]");
    assert_eq!(c["funktionspostfach"], "[gelöscht]");
    let vendor = &after["document"]["services"][0]["vendor_contact"];
    assert_eq!(vendor["name"], "[gelöscht]");
    assert_eq!(vendor["email"], "[gelöscht]");
    assert_eq!(after["history"][2]["note"], "[gelöscht]");
    let text = after.to_string();
    assert!(!text.contains(&person), "{text}");
    assert!(!text.contains("Frau Beispiel"));
    assert!(!text.contains("Vera Unverwechselbar"), "{text}");
    // SQLite's secure_delete and the checkpoint: the old text is not left in the file
    // (on PostgreSQL: in no row).
    for erased in [
        person.as_str(),
        "Frau Beispiel",
        "0931 4711 0815",
        "vera.unverwechselbar@hersteller-y.de",
    ] {
        assert!(!s.stored_anywhere(erased).await, "{erased}");
    }
    // Running again finds nothing more to do.
    assert_eq!(run_retention_at(&s, 400).await.anonymised, 0);
    assert!(
        audit_log(&s)
            .await
            .iter()
            .any(|e| e.action == "retention_anonymise" && e.row_count == 1)
    );
    assert!(detail(&s, open["id"].as_str().unwrap()).await["anonymised_at"].is_null());
}

async fn erase(s: &Server, token: &str, id: &str, body: &str) -> reqwest::Response {
    client()
        .delete(s.url(&format!("/api/v1/operator/connection-requests/{id}")))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_operator_erases_one_requests_personal_data_with_a_reason() {
    let s = Server::start().await;
    let nw = created(&s, &mettmann()).await;
    let nw_id = nw["id"].as_str().unwrap();
    let by_token = s.add_operator("anna.by", "BY").await;

    // Another Land's request cannot be erased, nor can it be told apart from nothing.
    let r = erase(&s, &by_token, nw_id, r#"{"reason": "Art. 17 DSGVO"}"#).await;
    problem(r, 404).await;
    // A reason is required, one line, at most 500 characters.
    let token = s.operator_token().to_owned();
    for bad in [r#"{}"#, r#"{"reason": ""}"#, r#"{"reason": "a\nb"}"#] {
        assert_eq!(erase(&s, &token, nw_id, bad).await.status(), 422, "{bad}");
    }
    let long = json!({ "reason": "x".repeat(501) }).to_string();
    assert_eq!(erase(&s, &token, nw_id, &long).await.status(), 422);
    assert!(detail(&s, nw_id).await["anonymised_at"].is_null());

    let reason = "Löschersuchen der Stadt vom 1.12.2026 (Art. 17 DSGVO)";
    let r = erase(&s, &token, nw_id, &json!({ "reason": reason }).to_string()).await;
    assert_eq!(r.status(), 200);
    let d: Value = r.json().await.unwrap();
    assert_eq!(
        d["document"]["contacts"]["technisch"]["email"],
        "[gelöscht]"
    );
    assert!(d["anonymised_at"].is_string());
    let entry = audit_log(&s)
        .await
        .into_iter()
        .find(|e| e.action == "erase")
        .unwrap();
    assert_eq!(entry.target, nw_id);
    assert_eq!(entry.detail.as_deref(), Some(reason));
    assert!(entry.line().ends_with(reason));
    // Erasing again is harmless, and the status page still works for the municipality.
    assert_eq!(
        erase(&s, &token, nw_id, &json!({ "reason": reason }).to_string())
            .await
            .status(),
        200
    );
    assert_eq!(public_status(&s, &nw).await["reference"], nw["reference"]);
}

#[tokio::test]
async fn the_export_streams_and_says_when_it_was_cut() {
    let s = Server::start_with(&["--export-max-rows", "3"]).await;
    let mut references = Vec::new();
    for _ in 0..5 {
        references.push(
            created(&s, &wuerzburg()).await["reference"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let r = operator_get(&s, "/api/v1/operator/connection-requests.csv").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["export-total"], "5");
    assert_eq!(r.headers()["export-truncated"], "true");
    assert!(
        r.headers().get("content-length").is_none(),
        "streamed, not buffered"
    );
    let text = r.text().await.unwrap();
    let rows = text.lines().filter(|l| l.starts_with("BY-20")).count();
    assert_eq!(rows, 3, "the newest three: {text}");
    // The newest three, and not the two oldest.
    for (i, reference) in references.iter().enumerate() {
        assert_eq!(text.contains(reference.as_str()), i >= 2, "{reference}");
    }
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with("Bestätigt (UTC),Fassung,Antwort der Kommune (UTC)")
    );

    let r = operator_get(
        &s,
        "/api/v1/operator/connection-requests.csv?confirmed=false&land=BY",
    )
    .await;
    assert_eq!(r.headers()["export-total"], "5");
    let r = operator_get(
        &s,
        "/api/v1/operator/connection-requests.csv?confirmed=true",
    )
    .await;
    assert_eq!(r.headers()["export-total"], "0");
    assert_eq!(r.headers()["export-truncated"], "false");
    assert_eq!(r.text().await.unwrap().lines().count(), 1);
    let bad = operator_get(&s, "/api/v1/operator/connection-requests.csv?confirmed=ja").await;
    problem(bad, 400).await;
    let exports: Vec<_> = audit_log(&s)
        .await
        .into_iter()
        .filter(|e| e.action == "export")
        .collect();
    assert_eq!(exports[0].row_count, 3);
    assert_eq!(exports[1].target, "land=BY&confirmed=false");
}

#[tokio::test]
async fn submissions_have_a_stricter_limit_than_reads() {
    let s = Server::start_with(&[
        "--submit-rate-limit-per-minute",
        "1",
        "--submit-rate-limit-burst",
        "2",
    ])
    .await;
    assert_eq!(submit(&s, &wuerzburg()).await.status(), 201);
    assert_eq!(submit(&s, &wuerzburg()).await.status(), 201);
    let third = submit(&s, &wuerzburg()).await;
    assert_eq!(third.status(), 429);
    assert!(retry_after(&third) >= 1);
    // Reads go on.
    for _ in 0..10 {
        assert_eq!(get_status(&s, "/api/v1/catalog").await, 200);
    }
    // A confirmation and an answer to a Rückfrage count as submissions.
    let r = confirm(&s, &new_key(), "code").await;
    assert_eq!(r.status(), 429);
    let r = client()
        .post(s.url(&format!("/api/v1/connection-requests/{}/answer", new_key())))
        .json(&json!({ "answer": "Antwort" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
}

#[tokio::test]
async fn more_requests_in_flight_than_the_cap_get_503_at_once() {
    use std::io::Write;
    let s = Server::start_with(&["--max-concurrent-requests", "1"]).await;
    // One submission whose body never arrives holds the only permit.
    let mut slow = std::net::TcpStream::connect(s.addr).unwrap();
    slow.write_all(
        b"POST /api/v1/connection-requests HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\nidempotency-key: slow\r\ncontent-length: 100\r\n\r\n{",
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = client().get(s.url("/api/v1/catalog")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(retry_after(&r), 1);
    let p = problem(r, 503).await;
    assert!(p["type"].as_str().unwrap().ends_with("overloaded"));
    // Probes are always answered.
    assert_eq!(get_status(&s, "/healthz").await, 200);
    assert_eq!(get_status(&s, "/readyz").await, 200);
    drop(slow);
    // Once the slow request is gone, the permit is back.
    let started = std::time::Instant::now();
    while get_status(&s, "/api/v1/catalog").await != 200 {
        assert!(started.elapsed() < Duration::from_secs(20));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
