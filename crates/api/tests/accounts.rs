//! Operator accounts over real HTTP against a real database: Land scoping of every operator
//! endpoint, revocation, the account in the status history, the audit log (and that the
//! database refuses to rewrite it), `--accepted-lands`, and the account and audit
//! subcommands of the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use efa_api::audit;
use serde_json::{Value, json};

const LIST: &str = "/api/v1/operator/connection-requests";
const CSV: &str = "/api/v1/operator/connection-requests.csv";

async fn get_as(s: &Server, token: &str, path: &str) -> reqwest::Response {
    client()
        .get(s.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn set_status_as(s: &Server, token: &str, id: &str, status: &str) -> reqwest::Response {
    client()
        .post(s.url(&format!("{LIST}/{id}/status")))
        .bearer_auth(token)
        .json(&json!({ "status": status }))
        .send()
        .await
        .unwrap()
}

async fn submitted(s: &Server, body: &Value) -> (String, String) {
    let r = submit(s, body).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    (
        v["id"].as_str().unwrap().to_owned(),
        v["reference"].as_str().unwrap().to_owned(),
    )
}

async fn audit_log(s: &Server) -> Vec<audit::Entry> {
    s.audit_log().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_sees_only_its_lands() {
    let s = Server::start().await;
    let (by_id, by_ref) = submitted(&s, &wuerzburg()).await;
    let (nw_id, nw_ref) = submitted(&s, &mettmann()).await;
    let by = s.add_operator("anna.bayern", "BY").await;

    // List and counts.
    let list: Value = get_as(&s, &by, LIST).await.json().await.unwrap();
    assert_eq!(list["total"], 1);
    let refs: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, [by_ref.as_str()]);
    let own: Value = get_as(&s, &by, &format!("{LIST}?land=09"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own["total"], 1);

    // A filter for a Land outside the account is refused, for list and export.
    for path in [format!("{LIST}?land=NW"), format!("{CSV}?land=05")] {
        let p = problem(get_as(&s, &by, &path).await, 403).await;
        assert!(
            p["detail"]
                .as_str()
                .unwrap()
                .contains("Nordrhein-Westfalen"),
            "{p}"
        );
    }

    // Detail and status change: another Land's request is like an unknown one.
    assert_eq!(
        get_as(&s, &by, &format!("{LIST}/{by_id}")).await.status(),
        200
    );
    let unknown = problem(get_as(&s, &by, &format!("{LIST}/{nw_id}")).await, 404).await;
    let missing = problem(
        get_as(&s, &by, &format!("{LIST}/{}", uuid::Uuid::new_v4())).await,
        404,
    )
    .await;
    assert_eq!(unknown, missing, "no hint that the request exists");
    problem(set_status_as(&s, &by, &nw_id, "in_pruefung").await, 404).await;
    let nw: Value = operator_get(&s, &format!("{LIST}/{nw_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(nw["status"], "eingegangen", "nothing changed");
    assert_eq!(
        set_status_as(&s, &by, &by_id, "in_pruefung").await.status(),
        200
    );

    // CSV export.
    let csv = get_as(&s, &by, CSV).await.text().await.unwrap();
    assert!(csv.contains(&by_ref));
    assert!(!csv.contains(&nw_ref));
    assert!(!csv.contains("Mettmann"));

    // The account for every Land still sees both.
    let all: Value = operator_get(&s, LIST).await.json().await.unwrap();
    assert_eq!(all["total"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_reads_its_own_name_and_lands() {
    let s = Server::start().await;
    let token = s.add_operator("nora.nrw", "NW,BY").await;
    let r = get_as(&s, &token, "/api/v1/operator/me").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let me: efa_domain::wire::OperatorAccount = r.json().await.unwrap();
    assert_eq!(me.name, "nora.nrw");
    // In key order: 05 before 09.
    let isos: Vec<&str> = me.lands.iter().map(|l| l.iso.as_str()).collect();
    assert_eq!(isos, ["NW", "BY"]);
    assert_eq!(me.lands[0].name, "Nordrhein-Westfalen");
    assert_eq!(me.lands[1].code, "09");
    // Nothing about a request, so nothing for the audit log.
    assert!(audit_log(&s).await.is_empty());
    problem(
        client()
            .get(s.url("/api/v1/operator/me"))
            .send()
            .await
            .unwrap(),
        401,
    )
    .await;
    s.revoke_operator("nora.nrw").await;
    problem(get_as(&s, &token, "/api/v1/operator/me").await, 401).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_is_refused() {
    let s = Server::start().await;
    let token = s.add_operator("bernd", "all").await;
    assert_eq!(get_as(&s, &token, LIST).await.status(), 200);
    s.revoke_operator("bernd").await;
    let r = get_as(&s, &token, LIST).await;
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    problem(r, 401).await;
    // Other accounts are unaffected.
    assert_eq!(operator_get(&s, LIST).await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_change_names_its_account_for_the_agency_only() {
    let s = Server::start().await;
    let r = submit(&s, &wuerzburg()).await;
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    let anna = s.add_operator("anna@baykommun", "BY").await;
    assert_eq!(
        set_status_as(&s, &anna, id, "in_pruefung").await.status(),
        200
    );

    let d: Value = operator_get(&s, &format!("{LIST}/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["history"][0]["account"], Value::Null, "the submission");
    assert_eq!(d["history"][1]["account"], "anna@baykommun");

    let public = public_status(&s, &created).await;
    let history = public["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    for h in history {
        assert!(h.get("account").is_none(), "{h}");
    }
    assert!(!public.to_string().contains("anna"));

    let changes: Vec<_> = audit_log(&s)
        .await
        .into_iter()
        .filter(|e| e.action == "status_change")
        .collect();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].account, "anna@baykommun");
    assert_eq!(changes[0].target, id);
    assert_eq!(changes[0].row_count, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_lists_and_exports_are_audited_with_their_counts() {
    let s = Server::start().await;
    let (a, _) = submitted(&s, &wuerzburg()).await;
    submitted(&s, &wuerzburg()).await;
    submitted(&s, &mettmann()).await;
    let by = s.add_operator("carla", "BY").await;
    assert!(
        audit_log(&s).await.is_empty(),
        "submissions are not audited"
    );

    assert_eq!(get_as(&s, &by, LIST).await.status(), 200);
    assert_eq!(
        get_as(&s, &by, &format!("{LIST}?status=eingegangen&limit=1"))
            .await
            .status(),
        200
    );
    assert_eq!(get_as(&s, &by, &format!("{LIST}/{a}")).await.status(), 200);
    assert_eq!(get_as(&s, &by, CSV).await.status(), 200);
    assert_eq!(
        get_as(&s, &by, &format!("{CSV}?status=live"))
            .await
            .status(),
        200
    );
    // Refused requests disclose nothing and are not entries.
    problem(get_as(&s, &by, &format!("{LIST}?land=NW")).await, 403).await;
    problem(get_as(&s, "efaop_falsch", LIST).await, 401).await;

    let log: Vec<(String, String, String, u64)> = audit_log(&s)
        .await
        .into_iter()
        .map(|e| (e.account, e.action, e.target, e.row_count))
        .collect();
    let row = |action: &str, target: &str, n: u64| {
        ("carla".to_owned(), action.to_owned(), target.to_owned(), n)
    };
    assert_eq!(
        log,
        [
            row("list", "limit=50&offset=0", 2),
            row("list", "status=eingegangen&limit=1&offset=0", 1),
            row("read", &a, 1),
            row("export", "all", 2),
            row("export", "status=live", 0),
        ]
    );
    let times: Vec<String> = audit_log(&s).await.into_iter().map(|e| e.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_cannot_be_rewritten() {
    let s = Server::start().await;
    assert_eq!(operator_get(&s, LIST).await.status(), 200);
    let mut refused = vec![
        "UPDATE audit_log SET account = 'jemand-anderes'",
        "UPDATE audit_log SET row_count = 0 WHERE seq = 1",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE seq = 1",
    ];
    if is_postgres() {
        // PostgreSQL empties a table without DELETE too.
        refused.push("TRUNCATE audit_log");
    }
    for sql in refused {
        let err = s.sql(sql).await.unwrap_err();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(audit_log(&s).await.len(), 1);
    assert_eq!(audit_log(&s).await[0].account, OPERATOR);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_of_other_lands_are_refused_with_the_agency_that_takes_them() {
    let s = Server::start_with(&["--accepted-lands", "BY"]).await;
    let p = problem(submit(&s, &mettmann()).await, 422).await;
    assert_eq!(p["type"], "urn:efa-onboarding:problem:land-not-accepted");
    let detail = p["detail"].as_str().unwrap();
    let agency = efa_domain::route::route_for(efa_domain::land::Land::NordrheinWestfalen)
        .operator
        .name;
    assert!(detail.contains(agency), "{detail}");
    assert!(detail.contains("Nordrhein-Westfalen"), "{detail}");
    assert_eq!(submit(&s, &wuerzburg()).await.status(), 201);
    let list: Value = operator_get(&s, LIST).await.json().await.unwrap();
    assert_eq!(list["total"], 1, "the refused request is not stored");

    // Keys work as well as letters; an unknown Land stops the start with a clear message.
    let s = Server::start_with(&["--accepted-lands", "05,09"]).await;
    assert_eq!(submit(&s, &mettmann()).await.status(), 201);
    let dir = tempfile::tempdir().unwrap();
    let config = <efa_api::Config as clap::Parser>::try_parse_from([
        "efa-api",
        "--data-dir",
        dir.path().to_str().unwrap(),
        "--accepted-lands",
        "BY,XY",
    ])
    .unwrap();
    let err = efa_api::App::build(&config).await.unwrap_err().to_string();
    assert!(err.contains("accepted lands"), "{err}");
}

/// Runs the binary's subcommand on the data directory `data` and, on PostgreSQL, the
/// database of `db` (the flags of [`database_url_args`]).
fn efa_api(data: &Path, db: &[String], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_efa-api"))
        .arg("--data-dir")
        .arg(data)
        .args(db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_adds_lists_and_revokes_accounts_and_prints_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = database_url_args(dir.path()).await;
    let efa_api = |data: &Path, args: &[&str]| efa_api(data, &db, args);

    let added = efa_api(&data, &["operators", "add", "dora", "--lands", "BY,05"]);
    assert!(added.status.success(), "{added:?}");
    let out = stdout(&added);
    assert_eq!(out.lines().count(), 1, "only the token on stdout: {out:?}");
    let token = out.trim().to_owned();
    assert!(
        token.starts_with("efaop_") && token.len() >= 6 + 43,
        "{token}"
    );
    let note = String::from_utf8(added.stderr).unwrap();
    assert!(note.contains("dora") && !note.contains(&token), "{note}");
    let other = stdout(&efa_api(
        &data,
        &["operators", "add", "emil", "--lands", "all"],
    ));
    assert_ne!(other.trim(), token);

    // Refused: a taken name, bad names and Länder, each with a message and no account.
    for args in [
        &["operators", "add", "dora", "--lands", "BY"][..],
        &["operators", "add", "mit leerzeichen", "--lands", "BY"],
        &["operators", "add", "x", "--lands", "BY,Bayern"],
        &["operators", "revoke", "niemand"],
        &["audit", "--since", "gestern"],
    ] {
        let o = efa_api(&data, args);
        assert!(!o.status.success(), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}");
    }

    // Listed with Länder in key order; the token itself is stored nowhere.
    let list = stdout(&efa_api(&data, &["operators", "list"]));
    let lines: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert_eq!(lines[0][..2], ["dora", "NW,BY"]);
    assert_eq!(lines[0][3], "active");
    assert_eq!(lines[1][..2], ["emil", "all"]);
    let stored_hash = "SELECT token_sha256 FROM operator_accounts WHERE name = 'dora'";
    if let Some(url) = db.get(1) {
        let stored: Vec<u8> = pg_connect(url)
            .await
            .query_one(stored_hash, &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(stored, efa_api::token::sha256(token.as_bytes()));
    } else {
        let conn = rusqlite::Connection::open(data.join("efa-api.sqlite3")).unwrap();
        let stored: Vec<u8> = conn.query_row(stored_hash, [], |r| r.get(0)).unwrap();
        assert_eq!(stored, efa_api::token::sha256(token.as_bytes()));
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        for entry in std::fs::read_dir(&data).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "the token must not be stored"
            );
        }
    }

    // The server on the same directory accepts the token until it is revoked.
    let s = Server::start_in(dir, &[]).await;
    assert!(
        !s.stored_anywhere(&token).await,
        "the token must not be stored"
    );
    let r = get_as(&s, &token, LIST).await;
    assert_eq!(r.status(), 200);
    let revoked = efa_api(&s.data_dir(), &["operators", "revoke", "dora"]);
    assert!(revoked.status.success(), "{revoked:?}");
    problem(get_as(&s, &token, LIST).await, 401).await;
    let list = stdout(&efa_api(&s.data_dir(), &["operators", "list"]));
    assert!(
        list.lines()
            .next()
            .unwrap()
            .split('\t')
            .nth(3)
            .unwrap()
            .starts_with("revoked 20"),
        "{list}"
    );

    // The audit log: the one list by dora, tab-separated, filterable by day.
    let printed = stdout(&efa_api(&s.data_dir(), &["audit"]));
    let fields: Vec<&str> = printed.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 5, "{printed:?}");
    assert_eq!(fields[1..], ["dora", "list", "limit=50&offset=0", "0"]);
    let day_after = time::OffsetDateTime::now_utc() + time::Duration::days(2);
    let later = format!(
        "{:04}-{:02}-{:02}",
        day_after.year(),
        u8::from(day_after.month()),
        day_after.day()
    );
    let none = efa_api(&s.data_dir(), &["audit", "--since", &later]);
    assert!(none.status.success() && none.stdout.is_empty(), "{none:?}");
    let all = efa_api(&s.data_dir(), &["audit", "--since", "2000-01-01"]);
    assert_eq!(stdout(&all), printed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_tokens_are_a_401_never_a_5xx() {
    let s = Server::start().await;
    let long = "efaop_".to_owned() + &"A".repeat(8000);
    for token in ["x", long.as_str(), "efaop_' OR 1=1 --", "%00"] {
        problem(get_as(&s, token, LIST).await, 401).await;
    }
    for header in [
        b"Authorization: Bearer efaop_\xc3\xa4\xff\r\n".as_slice(),
        b"Authorization: Bearer\r\n",
        b"Authorization: Token abc\r\n",
    ] {
        let mut req =
            format!("GET {LIST} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n").into_bytes();
        req.extend_from_slice(header);
        req.extend_from_slice(b"\r\n");
        let (status, text) = raw_request(s.addr, &req);
        assert_eq!(status, 401, "{text}");
        assert!(text.contains("Betreiber-Token"), "{text}");
    }
    assert_healthy(&s).await;
}
