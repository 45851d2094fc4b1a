//! The municipality search over HTTP: the answers the app shows before it has the
//! registry, equal to its own search of the registry, and bad queries as clear 400s.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use efa_domain::registry::Registry;
use efa_domain::wire::{MunicipalitySuggestion, MunicipalitySuggestions};
use serde_json::Value;

const SEARCH: &str = "/api/v1/municipalities";

async fn search(s: &Server, q: &str) -> MunicipalitySuggestions {
    let r = client()
        .get(s.url(&format!("{SEARCH}?q={}", enc(q))))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{q}");
    r.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_name_kind_kreis_and_land_like_the_app() {
    let s = Server::start().await;

    let r = client()
        .get(s.url(&format!("{SEARCH}?q={}", enc("Wür"))))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(r.headers()["cache-control"], "public, max-age=600");
    let got: Value = r.json().await.unwrap();
    assert_eq!(got["query"], "Wür");
    let first = &got["suggestions"][0];
    assert_eq!(first["ars"], "096630000000");
    assert_eq!(first["name"], "Würzburg");
    assert_eq!(first["kind"], "kreisfreie_stadt");
    assert_eq!(
        first["kreis"],
        Value::Null,
        "a kreisfreie Stadt names no Kreis"
    );
    assert_eq!(first["land"]["iso"], "BY");
    assert_eq!(first["land"]["name"], "Bayern");
    assert!(got["suggestions"].as_array().unwrap().len() <= 8);

    // A Gemeinde names its Kreis.
    let averlak = search(&s, "Averlak").await;
    let hit = &averlak.suggestions[0];
    assert_eq!(hit.ars, "010515163003");
    assert_eq!(hit.kreis.as_deref(), Some("Dithmarschen"));
    assert_eq!(hit.land.iso, "SH");

    // A typo and a key find the same place.
    let typo = search(&s, "Würzbrg").await;
    assert!(typo.suggestions.iter().any(|h| h.ars == "096630000000"));
    let key = search(&s, "09663").await;
    assert_eq!(key.suggestions[0].ars, "096630000000");

    // Nothing matches: an empty list, not an error.
    assert!(search(&s, "Qxzvbn").await.suggestions.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_is_the_apps_own_search_of_the_shipped_registry() {
    let s = Server::start().await;
    let registry = Registry::parse(include_str!("../../../public/data/registry.tsv")).unwrap();
    for q in [
        "wür",
        "Muenchen",
        "Frankfurt",
        "landkreis mü",
        "Samtgemeinde",
        "24937",
        "01",
        "Bautzen / Budyšin",
        "Halle (Saale)",
        "Sankt",
        "ss",
        "Weissenburg",
        "Obrigheim",
    ] {
        let local: Vec<MunicipalitySuggestion> = registry
            .search(q, efa_domain::wire::MUNICIPALITY_SUGGESTIONS)
            .into_iter()
            .map(|h| MunicipalitySuggestion::of(h.entry))
            .collect();
        let remote = search(&s, q).await;
        assert_eq!(remote.query, q);
        assert_eq!(remote.suggestions, local, "{q}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_are_400_in_german_and_odd_ones_are_answered() {
    let s = Server::start().await;
    let long = "a".repeat(101);
    for (query, says) in [
        ("", "Parameter „q“"),
        ("?q=", "Parameter „q“"),
        ("?q=%20%20%09", "Parameter „q“"),
        ("?q=a&q=b", "Parameter „q“"),
        ("?q=a&limit=3", "Parameter „q“"),
        ("?land=BY", "Parameter „q“"),
        (&format!("?q={long}") as &str, "höchstens 100 Zeichen"),
    ] {
        let r = client()
            .get(s.url(&format!("{SEARCH}{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{query}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let body: Value = r.json().await.unwrap();
        assert!(
            body["detail"].as_str().unwrap().contains(says),
            "{query}: {body}"
        );
    }
    // Everything else is a query like any other: 100 characters, control characters,
    // scripts, emoji and lone combining marks.
    for q in [
        "a".repeat(100).as_str(),
        "\u{0}\u{7}x",
        "<script>",
        "🏛️ Rathaus",
        "\u{301}\u{301}",
        "%",
        "ÄÖÜäöüß",
    ] {
        let got = search(&s, q).await;
        assert_eq!(got.query, q);
    }
    // Only GET.
    let r = client().post(s.url(SEARCH)).send().await.unwrap();
    assert_eq!(r.status(), 405);
}
