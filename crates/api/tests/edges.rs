//! Input at the edges of what the API accepts: calendar limits in the operator filters,
//! absurd limits in the configuration, invisible format characters, repeated headers and
//! stale views. Each gets a clear 4xx (or a refusal at start-up), never a 5xx.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::{Value, json};

const LIST: &str = "/api/v1/operator/connection-requests";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn date_filters_at_the_end_of_the_calendar_are_400_not_500() {
    let s = Server::start().await;
    submit(&s, &wuerzburg()).await;
    for (query, says) in [
        ("to=9999-12-31T23:59:59.999999999Z", "außerhalb"),
        ("from=9999-12-31T23:30:00-01:00", "außerhalb"),
        ("to=9999-12-31T23:30:00-01:00", "außerhalb"),
        ("from=0001-01-01", "außerhalb"),
        ("from=2026-03-01T10:00:00 01:00", "%2B"),
        ("from=2026-03-01T12:59:60Z", "kein gültiges Datum"),
        ("from=2026-03-02&to=2026-03-01", "„from“ liegt nach „to“"),
        (
            "from=2026-03-01T10:00:00Z&to=2026-03-01T09:59:59Z",
            "„from“ liegt nach „to“",
        ),
    ] {
        let (k, v) = query.split_once('=').unwrap();
        let url = if let Some((v1, rest)) = v.split_once('&') {
            let (k2, v2) = rest.split_once('=').unwrap();
            format!("{LIST}?{k}={}&{k2}={}", enc(v1), enc(v2))
        } else {
            format!("{LIST}?{k}={}", enc(v))
        };
        let p = problem(operator_get(&s, &url).await, 400).await;
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains(says), "{query}: {detail}");
    }
    // The export uses the same filters.
    let url = format!(
        "/api/v1/operator/connection-requests.csv?to={}",
        enc("9999-12-31T23:59:59.999999999Z")
    );
    problem(operator_get(&s, &url).await, 400).await;
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn date_filters_decided_cases_are_accepted() {
    let s = Server::start().await;
    submit(&s, &wuerzburg()).await;
    let total = |v: Value| v["total"].as_u64().unwrap();
    for (query, expected) in [
        // The last day of the calendar is a day like any other: it includes everything.
        ("to=9999-12-31", 1),
        // A space instead of the T, as RFC 3339 allows for readability.
        ("from=2020-01-01 00:00:00Z", 1),
        // A leap second is the last instant of its minute.
        ("to=2016-12-31T23:59:60Z", 0),
        ("from=2016-12-31T23:59:60Z", 1),
        // The + of an offset, encoded as it must be.
        ("from=2020-01-01T00:00:00+01:00", 1),
    ] {
        let (k, v) = query.split_once('=').unwrap();
        let r = operator_get(&s, &format!("{LIST}?{k}={}", enc(v))).await;
        assert_eq!(r.status(), 200, "{query}");
        assert_eq!(total(r.json().await.unwrap()), expected, "{query}");
    }
}

#[tokio::test]
async fn absurd_rate_limits_are_refused_at_start_up() {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().display().to_string();
    for rate in ["1e-30", "0.001", "-1", "NaN", "inf", "1e9"] {
        let config = efa_api::Config::try_parse_from([
            "efa-api",
            "--data-dir",
            &data,
            &format!("--rate-limit-per-second={rate}"),
        ])
        .unwrap();
        let errors = config.check().unwrap_err();
        assert!(
            errors.iter().any(|e| e.contains("rate limit per second")),
            "{rate}: {errors:?}"
        );
        assert!(efa_api::App::build(&config).await.is_err(), "{rate}");
    }
    for rate in ["0", "0.01", "20", "1000000"] {
        let config = efa_api::Config::try_parse_from([
            "efa-api",
            "--data-dir",
            &data,
            "--rate-limit-per-second",
            rate,
        ])
        .unwrap();
        assert!(config.check().is_ok(), "{rate}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_slowest_rate_limit_answers_429_with_a_bounded_retry_after() {
    let s =
        Server::start_with(&["--rate-limit-per-second", "0.01", "--rate-limit-burst", "1"]).await;
    assert_eq!(get_status(&s, "/api/v1/catalog").await, 200);
    let r = client().get(s.url("/api/v1/catalog")).send().await.unwrap();
    let retry = retry_after(&r);
    assert!((1..=100).contains(&retry), "{retry}");
    problem(r, 429).await;
}

/// A note with `c` inside, or a request with `c` in a name.
const FORMAT_CHARACTERS: &[char] = &[
    '\u{202E}',
    '\u{2066}',
    '\u{061C}',
    '\u{2028}',
    '\u{2029}',
    '\u{2060}',
    '\u{2064}',
    '\u{FFF9}',
    '\u{FFFB}',
    '\u{E0041}',
    '\u{200B}',
    '\u{FEFF}',
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_notes_follow_the_one_text_rule() {
    let s = Server::start().await;
    let created: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    for &c in FORMAT_CHARACTERS {
        let note = format!("Bitte Leitweg-ID{c} nachreichen.");
        let p = problem(set_status(&s, id, "rueckfrage", Some(&note)).await, 422).await;
        assert_eq!(p["errors"][0]["path"], "note", "{c:?}");
        assert_eq!(p["errors"][0]["code"], "control_characters", "{c:?}");
    }
    // Line breaks and a ZWNJ (as in a Persian name) stay allowed.
    let note = "Bitte Rückruf an Frau Mi\u{200C}rzai.\nDanke.";
    let r = set_status(&s, id, "in_pruefung", Some(note)).await;
    assert_eq!(r.status(), 200);
    let d: Value = r.json().await.unwrap();
    assert_eq!(d["history"][1]["note"], note);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_texts_follow_the_one_text_rule() {
    let s = Server::start().await;
    for &c in FORMAT_CHARACTERS {
        let mut body = wuerzburg();
        body["contacts"]["vertretung"]["name"] = json!(format!("Eva{c} Muster"));
        let p = problem(submit(&s, &body).await, 422).await;
        let paths: Vec<&str> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect();
        assert!(paths.contains(&"contacts.vertretung.name"), "{c:?}: {p}");
    }
    let mut body = wuerzburg();
    body["contacts"]["vertretung"]["name"] = json!("Sara Mi\u{200C}rzai");
    assert_eq!(submit(&s, &body).await.status(), 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_idempotency_keys_are_refused() {
    let s = Server::start().await;
    let r = client()
        .post(s.url("/api/v1/connection-requests"))
        .header("idempotency-key", new_key())
        .header("idempotency-key", new_key())
        .json(&wuerzburg())
        .send()
        .await
        .unwrap();
    let p = problem(r, 400).await;
    assert!(
        p["type"]
            .as_str()
            .unwrap()
            .ends_with("idempotency-key-duplicate")
    );
    // The same key twice is still two fields: refused as well, nothing stored.
    let key = new_key();
    let r = client()
        .post(s.url("/api/v1/connection-requests"))
        .header("idempotency-key", &key)
        .header("idempotency-key", &key)
        .json(&wuerzburg())
        .send()
        .await
        .unwrap();
    problem(r, 400).await;
    let list: Value = operator_get(&s, LIST).await.json().await.unwrap();
    assert_eq!(list["total"], 0);
}

async fn change_if_match(
    s: &Server,
    id: &str,
    if_match: &str,
    status: &str,
    note: Option<&str>,
) -> reqwest::Response {
    client()
        .post(s.url(&format!("{LIST}/{id}/status")))
        .bearer_auth(s.operator_token())
        .header("if-match", if_match)
        .json(&json!({ "status": status, "note": note }))
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_view_cannot_overwrite_a_colleagues_change() {
    let s = Server::start().await;
    let created: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    let r = operator_get(&s, &format!("{LIST}/{id}")).await;
    let seen = r.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(seen, "\"v1\"");

    // A colleague moves it on and back (the status is the same, the version is not).
    let r = change_if_match(&s, id, &seen, "in_pruefung", None).await;
    assert_eq!(r.status(), 200);
    let after_first = r.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(after_first, "\"v2\"");
    let r = change_if_match(&s, id, &after_first, "rueckfrage", Some("Leitweg-ID?")).await;
    assert_eq!(r.status(), 200);
    let r = change_if_match(&s, id, "\"v3\"", "in_pruefung", None).await;
    assert_eq!(r.status(), 200);

    // The operator still looking at version 2 ("in_pruefung") is stopped.
    let p = problem(
        change_if_match(&s, id, &after_first, "angenommen", None).await,
        412,
    )
    .await;
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("inzwischen geändert"),
        "{p}"
    );
    let d: Value = operator_get(&s, &format!("{LIST}/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["status"], "in_pruefung", "nothing was overwritten");
    assert_eq!(d["history"].as_array().unwrap().len(), 4);

    // A tag that is not ours never matches; two tags are ambiguous; `*` matches.
    problem(
        change_if_match(&s, id, "\"abc\"", "angenommen", None).await,
        412,
    )
    .await;
    problem(
        change_if_match(&s, id, "\"v4\", \"v5\"", "angenommen", None).await,
        400,
    )
    .await;
    let r = change_if_match(&s, id, "\"v4\"", "angenommen", None).await;
    assert_eq!(r.status(), 200);
    let r = change_if_match(&s, id, "*", "anbindung_laeuft", None).await;
    assert_eq!(r.status(), 200);
    // Without If-Match the change works as before.
    assert_eq!(set_status(&s, id, "live", None).await.status(), 200);
    assert_healthy(&s).await;
}

#[tokio::test]
async fn a_configured_key_file_must_exist_and_a_database_url_needs_one() {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data").display().to_string();
    let missing = dir.path().join("fehlt.key");
    let config = efa_api::Config::try_parse_from([
        "efa-api",
        "--data-dir",
        &data,
        "--token-key-file",
        missing.to_str().unwrap(),
    ])
    .unwrap();
    let err = efa_api::App::build(&config).await.unwrap_err().to_string();
    assert!(err.contains("not found"), "{err}");
    assert!(!missing.exists(), "a configured key is never generated");

    // PostgreSQL without a key file is refused before any connection is tried, and the
    // URL (which may hold a password) is not repeated.
    let config = efa_api::Config::try_parse_from([
        "efa-api",
        "--data-dir",
        &data,
        "--database-url",
        "postgres://efa:geheim@127.0.0.1:1/efa",
    ])
    .unwrap();
    let errors = config.check().unwrap_err().join("\n");
    assert!(errors.contains("token key file"), "{errors}");
    assert!(!errors.contains("geheim"), "{errors}");
    assert!(!format!("{config:?}").contains("geheim"));
    let config = efa_api::Config::try_parse_from([
        "efa-api",
        "--database-url",
        "mysql://efa:geheim@localhost/efa",
    ])
    .unwrap();
    let errors = config.check().unwrap_err().join("\n");
    assert!(
        errors.contains("database url") && !errors.contains("geheim"),
        "{errors}"
    );
}
