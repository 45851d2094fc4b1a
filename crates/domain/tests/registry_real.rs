//! The registry built from the real asset: counts, known entries, lookups and search.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use efa_domain::ident::{Ags, Ars};
use efa_domain::land::Land;
use efa_domain::messages::Lang;
use efa_domain::registry::{EntryKind, KreisKind, MatchQuality, Registry, VerbandKind};

const ASSET: &str = include_str!("../../../public/data/registry.tsv");

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::parse(ASSET).expect("the committed asset parses"))
}

fn ags(s: &str) -> Ags {
    Ags::parse(s).unwrap()
}

/// The short names of the first `n` hits.
fn top(query: &str, n: usize) -> Vec<String> {
    registry()
        .search(query, n)
        .iter()
        .map(|h| format!("{} ({})", h.entry.name(), h.entry.ars()))
        .collect()
}

#[test]
fn counts_match_the_source() {
    let r = registry();
    let gemeinden = r
        .entries()
        .iter()
        .filter(|e| e.ars().as_str()[5..] != *"0000000" && !e.is_gemeindeverband())
        .count();
    let verbaende = r
        .entries()
        .iter()
        .filter(|e| e.is_gemeindeverband())
        .count();
    // Every Gemeindeverband of GV100AD but the verbandsfreie Gemeinden, each without AGS.
    assert_eq!(verbaende, 1_203);
    assert!(
        r.entries()
            .iter()
            .filter(|e| e.is_gemeindeverband())
            .all(|e| e.ags().is_none() && e.ars().as_str().ends_with("000"))
    );
    // The 200 uninhabited gemeindefreie Gebiete are left out.
    assert!(
        r.entries()
            .iter()
            .all(|e| e.kind() != EntryKind::GemeindefreiesGebietUnbewohnt)
    );
    let kreis_entries = r
        .entries()
        .iter()
        .filter(|e| e.ars().as_str()[5..] == *"0000000")
        .count();
    // 10,953 Gemeinde records; the kreisfreie Städte and Stadtkreise among them end in
    // 0000000 too, so count the Kreis-level entries by kind instead.
    let kreis_kinds = r
        .entries()
        .iter()
        .filter(|e| {
            matches!(
                e.kind(),
                EntryKind::Landkreis | EntryKind::Kreis | EntryKind::Regionalverband
            )
        })
        .count();
    assert_eq!(kreis_kinds, 294);
    assert_eq!(r.len(), 10_953 - 200 + 294 + 1_203);
    assert_eq!(gemeinden + kreis_entries + verbaende, r.len());
    assert_eq!(r.kreise().count(), 400);
    let population: u64 = r
        .entries()
        .iter()
        .filter(|e| {
            !matches!(
                e.kind(),
                EntryKind::Landkreis | EntryKind::Kreis | EntryKind::Regionalverband
            ) && !e.is_gemeindeverband()
        })
        .map(|e| u64::from(e.population()))
        .sum();
    assert_eq!(
        population, 83_577_140,
        "sum stated in gemeindeverzeichnis.SOURCE.md"
    );
    assert!(
        r.source_notice()
            .starts_with("© Statistisches Bundesamt (Destatis), 2025")
    );
}

#[test]
fn muenchen_the_city() {
    let e = registry().by_ags(&ags("09162000")).unwrap();
    assert_eq!(e.name(), "München, Landeshauptstadt");
    assert_eq!(e.short_name(), "München");
    assert_eq!(e.kind(), EntryKind::KreisfreieStadt);
    assert!(e.is_kreis_level());
    assert_eq!(e.land(), Land::Bayern);
    assert_eq!(e.population(), 1_505_005);
    assert_eq!(e.plz().unwrap().as_str(), "80313");
    assert_eq!(e.ars().as_str(), "091620000000");
    assert_eq!(e.kreis_name(), Some("München, Landeshauptstadt"));
    assert_eq!(e.kreis().unwrap().kind(), KreisKind::KreisfreieStadt);
    assert_eq!(e.gemeindeverband(), None);
    assert_eq!(e.kind().label(Lang::De), "Kreisfreie Stadt");
}

#[test]
fn koeln_and_wuerzburg() {
    let koeln = registry().by_ags(&ags("05315000")).unwrap();
    assert_eq!(koeln.name(), "Köln, Stadt");
    assert_eq!(koeln.land(), Land::NordrheinWestfalen);
    assert_eq!(koeln.population(), 1_024_621);
    assert_eq!(koeln.plz().unwrap().as_str(), "50667");

    let wue = registry()
        .by_ars(&Ars::parse("096630000000").unwrap())
        .unwrap();
    assert_eq!(wue.name(), "Würzburg");
    assert_eq!(wue.ags().map_or("", |a| a.as_str()), "09663000");
    assert_eq!(wue.population(), 133_258);
    assert_eq!(wue.plz().unwrap().as_str(), "97070");
}

#[test]
fn landkreise_are_entries_with_padded_keys() {
    let lk = registry().by_ags(&ags("09184000")).unwrap();
    assert_eq!(lk.name(), "München");
    assert_eq!(lk.kind(), EntryKind::Landkreis);
    assert_eq!(lk.ars().as_str(), "091840000000");
    assert_eq!(lk.kreis_name(), Some("München"));
    assert_eq!(lk.plz(), None);
    assert!(lk.population() > 0, "sum of its Gemeinden");

    let starnberg_lk = registry().by_ags(&ags("09188000")).unwrap();
    assert_eq!(starnberg_lk.name(), "Starnberg");
    assert_eq!(starnberg_lk.kind(), EntryKind::Landkreis);
    let starnberg_town = registry().by_ags(&ags("09188139")).unwrap();
    assert_eq!(starnberg_town.short_name(), "Starnberg");
    assert_eq!(starnberg_town.kreis_name(), Some("Starnberg"));
    // The Landkreis population is the sum over its Gemeinden.
    let sum: u32 = registry()
        .entries()
        .iter()
        .filter(|e| {
            e.ags().map_or("", |a| a.as_str()).starts_with("09188")
                && e.kind() != EntryKind::Landkreis
        })
        .map(|e| e.population())
        .sum();
    assert_eq!(starnberg_lk.population(), sum);

    let kreis = registry().kreis("09184").unwrap();
    assert_eq!(
        (kreis.name(), kreis.kind()),
        ("München", KreisKind::Landkreis)
    );
    // The Kreis record of a kreisfreie Stadt is known, but not a separate entry.
    assert_eq!(
        registry().kreis("09663").unwrap().kind(),
        KreisKind::KreisfreieStadt
    );
}

#[test]
fn verbandsgemeinde_member_names_its_verband() {
    // Ahrbrück (Rheinland-Pfalz) belongs to the Verbandsgemeinde Altenahr.
    let e = registry().by_ags(&ags("07131002")).unwrap();
    assert_eq!(e.name(), "Ahrbrück");
    assert_eq!(e.ars().as_str(), "071315002002");
    assert_eq!(e.kreis_name(), Some("Ahrweiler"));
    let vg = e.gemeindeverband().unwrap();
    assert_eq!(
        (vg.name(), vg.kind(), vg.key()),
        ("Altenahr", VerbandKind::Verbandsgemeinde, "071315002")
    );
    assert_eq!(e.gemeindeverband_name(), Some("Altenahr"));
    let members: Vec<&str> = registry()
        .verband_members("071315002")
        .map(|m| m.name())
        .collect();
    assert!(
        members.contains(&"Ahrbrück") && members.contains(&"Altenahr"),
        "{members:?}"
    );
    // A verbandsfreie Gemeinde has none.
    assert_eq!(
        registry()
            .by_ags(&ags("07131007"))
            .unwrap()
            .gemeindeverband(),
        None
    );
}

#[test]
fn find_key_accepts_ags_and_ars_text() {
    assert_eq!(
        registry().find_key(" 09663000 ").unwrap().name(),
        "Würzburg"
    );
    assert_eq!(
        registry().find_key("096630000000").unwrap().name(),
        "Würzburg"
    );
    assert!(registry().find_key("09663001").is_none());
    assert!(registry().find_key("Würzburg").is_none());
}

#[test]
fn search_wuerzburg_every_way() {
    for q in [
        "würzb",
        "Würzburg",
        "Wurzburg",
        "wurzb",
        "Wuerzburg",
        "WÜRZBURG",
        " würzburg ",
    ] {
        let hits = registry().search(q, 5);
        assert_eq!(
            hits[0].entry.ags().map_or("", |a| a.as_str()),
            "09663000",
            "query {q:?}: {:?}",
            top(q, 5)
        );
    }
    // The city first, then the Landkreis of the same name.
    let hits = registry().search("Würzburg", 5);
    assert_eq!(hits[1].entry.ags().map_or("", |a| a.as_str()), "09679000");
    assert_eq!(hits[0].quality, MatchQuality::Exact);
}

#[test]
fn search_muenchen_and_koeln() {
    for q in ["München", "Muenchen", "munchen", "Münch", "muench"] {
        let hits = registry().search(q, 5);
        assert_eq!(
            hits[0].entry.ags().map_or("", |a| a.as_str()),
            "09162000",
            "query {q:?}: {:?}",
            top(q, 5)
        );
        assert_eq!(
            hits[1].entry.ags().map_or("", |a| a.as_str()),
            "09184000",
            "query {q:?}: {:?}",
            top(q, 5)
        );
    }
    for q in ["Köln", "Koeln", "koln", "KÖLN"] {
        let hits = registry().search(q, 5);
        assert_eq!(
            hits[0].entry.ags().map_or("", |a| a.as_str()),
            "05315000",
            "query {q:?}: {:?}",
            top(q, 5)
        );
    }
}

#[test]
fn search_strips_suffixes_for_matching_but_shows_the_official_name() {
    let hits = registry().search("Kiel", 3);
    assert_eq!(hits[0].entry.name(), "Kiel, Landeshauptstadt");
    assert_eq!(hits[0].quality, MatchQuality::Exact);
    // The suffix is still a word of the full name.
    let hits = registry().search("Landeshauptstadt Kiel", 3);
    assert_eq!(hits[0].entry.name(), "Kiel, Landeshauptstadt");
}

#[test]
fn search_ranks_exact_before_prefix_before_word_prefix() {
    let hits = registry().search("Frankfurt", 10);
    assert_eq!(hits[0].entry.name(), "Frankfurt am Main, Stadt");
    assert!(
        hits.iter()
            .any(|h| h.entry.name().starts_with("Frankfurt (Oder)"))
    );
    let qualities: Vec<MatchQuality> = hits.iter().map(|h| h.quality).collect();
    let mut sorted = qualities.clone();
    sorted.sort();
    assert_eq!(qualities, sorted);
    // "main" is a later word of "Frankfurt am Main".
    let hits = registry().search("am main", 20);
    assert!(
        hits.iter()
            .any(|h| h.entry.name() == "Frankfurt am Main, Stadt"),
        "{:?}",
        top("am main", 20)
    );
    assert!(hits.iter().all(|h| h.quality == MatchQuality::WordPrefix));
}

#[test]
fn search_finds_a_landkreis_by_its_kind_word() {
    let hits = registry().search("Landkreis Mün", 3);
    assert_eq!(
        hits[0].entry.ags().map_or("", |a| a.as_str()),
        "09184000",
        "{:?}",
        top("Landkreis Mün", 3)
    );
    let hits = registry().search("Landkreis Starnberg", 3);
    assert_eq!(hits[0].entry.ags().map_or("", |a| a.as_str()), "09188000");
}

#[test]
fn search_tolerates_typos() {
    for (q, ags) in [
        ("Wurzbrug", "09663000"),
        ("Würzbrug", "09663000"),
        ("Muenchn", "09162000"),
        ("Düsseldrof", "05111000"),
    ] {
        let hits = registry().search(q, 5);
        assert!(
            hits.iter()
                .any(|h| h.entry.ags().map_or("", |a| a.as_str()) == ags),
            "query {q:?}: {:?}",
            top(q, 5)
        );
        assert!(matches!(
            hits[0].quality,
            MatchQuality::Fuzzy(_) | MatchQuality::Prefix | MatchQuality::Exact
        ));
    }
    // Short queries get no fuzzy matches: too many would match.
    assert!(registry().search("xyz", 5).is_empty());
}

#[test]
fn search_by_key_digits_and_postcode() {
    let hits = registry().search("09663000", 5);
    assert_eq!(hits[0].entry.name(), "Würzburg");
    assert_eq!(hits[0].quality, MatchQuality::Exact);
    let hits = registry().search("096630000000", 5);
    assert_eq!(hits[0].entry.name(), "Würzburg");
    let hits = registry().search("0918", 50);
    assert!(hits.iter().all(|h| {
        h.entry.ars().as_str().starts_with("0918")
            || h.entry
                .ags()
                .is_some_and(|a| a.as_str().starts_with("0918"))
    }));
    assert_eq!(hits[0].quality, MatchQuality::Prefix);
    let hits = registry().search("97070", 5);
    assert_eq!(hits[0].entry.name(), "Würzburg", "postcode of the seat");
    let hits = registry().search("0966 3000", 5);
    assert_eq!(
        hits[0].entry.name(),
        "Würzburg",
        "spaces in a key are ignored"
    );
    assert!(registry().search("1234567890123", 5).is_empty());
}

#[test]
fn search_edge_cases() {
    assert!(registry().search("", 10).is_empty());
    assert!(registry().search("   ", 10).is_empty());
    assert!(registry().search("--,", 10).is_empty());
    assert!(registry().search("Würzburg", 0).is_empty());
    assert_eq!(registry().search("a", 7).len(), 7);
    // Sorbian and other diacritics fold too.
    let hits = registry().search("Budysin", 3);
    assert!(
        hits[0].entry.name().starts_with("Bautzen"),
        "{:?}",
        top("Budysin", 3)
    );
    let hits = registry().search("Gießen", 3);
    assert!(hits[0].entry.name().starts_with("Gießen"));
    let hits = registry().search("Giessen", 3);
    assert!(hits[0].entry.name().starts_with("Gießen"));
}

/// Gemeindeverbände are applicants of their own: kind, 9-digit key, ARS = key + `000`,
/// no AGS, their members listed, found by name with or without their kind word.
#[test]
fn gemeindeverbaende_are_entries_with_ars_and_members_but_no_ags() {
    let r = registry();
    for (query, name, kind, key, members) in [
        (
            "Samtgemeinde Bersenbrück",
            "Bersenbrück",
            EntryKind::Samtgemeinde,
            "034595402",
            7,
        ),
        (
            "Verbandsgemeinde Altenahr",
            "Altenahr",
            EntryKind::Verbandsgemeinde,
            "071315002",
            12,
        ),
        (
            "Amt Marne-Nordsee",
            "Marne-Nordsee",
            EntryKind::Amt,
            "010515166",
            13,
        ),
    ] {
        let hits = r.search(query, 5);
        let e = hits[0].entry;
        assert_eq!(
            (e.name(), e.kind()),
            (name, kind),
            "{query}: {:?}",
            top(query, 5)
        );
        assert!(e.is_gemeindeverband());
        assert_eq!(e.ags(), None, "a Gemeindeverband has no AGS");
        assert_eq!(e.ars().as_str(), format!("{key}000"));
        assert_eq!(r.by_ars(e.ars()).map(|x| x.name()), Some(name));
        assert_eq!(e.gemeindeverband().map(|v| v.key()), Some(key));
        let listed: Vec<&str> = r.verband_members(key).map(|m| m.name()).collect();
        assert_eq!(listed.len(), members, "{name}: {listed:?}");
        assert!(r.verband_members(key).all(|m| m.ags().is_some()));
        // Its population is that of its members.
        let sum: u32 = r.verband_members(key).map(|m| m.population()).sum();
        assert_eq!(e.population(), sum);
        assert_eq!(
            e.kind().municipality_kind(),
            Some(efa_domain::catalog::MunicipalityKind::Gemeinde)
        );
    }
    // The ARS digits find it too.
    assert_eq!(r.search("034595402000", 1)[0].entry.name(), "Bersenbrück");
}

#[test]
fn among_namesakes_the_kreisfreie_stadt_and_the_larger_come_first() {
    let hits = registry().search("Halle", 5);
    assert_eq!(
        hits[0].entry.name(),
        "Halle (Saale), Stadt",
        "{:?}",
        top("Halle", 5)
    );
    // Then by population: Halle (Westf.) (21,393) before the two Gemeinden named Halle.
    assert_eq!(hits[1].entry.name(), "Halle (Westf.), Stadt");
    assert!(
        hits.iter()
            .take(4)
            .all(|h| h.quality == MatchQuality::Exact)
    );
    let hits = registry().search("Frankfurt", 3);
    assert_eq!(hits[0].entry.name(), "Frankfurt am Main, Stadt");
    assert_eq!(hits[1].entry.name(), "Frankfurt (Oder), Stadt");
}

#[test]
fn a_verbandsfreie_gemeinde_appears_once() {
    // Verbandsfreie Gemeinden are listed by GV100AD at Verband level too; they are
    // entries as Gemeinden only.
    for name in ["Bad Tölz", "Norderstedt", "Bersenbrück"] {
        let n = registry()
            .entries()
            .iter()
            .filter(|e| e.short_name() == name && !e.is_gemeindeverband())
            .count();
        assert_eq!(n, 1, "{name}");
    }
}
