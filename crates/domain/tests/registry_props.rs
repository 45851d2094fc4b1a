//! Property tests: parsing never panics on broken assets, search never panics and keeps
//! its promises on any query.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use efa_domain::registry::{FORMAT_MARKER, MatchQuality, Registry, RegistryError};
use proptest::prelude::*;

const ASSET: &str = include_str!("../../../public/data/registry.tsv");

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::parse(ASSET).unwrap())
}

#[test]
fn broken_assets_are_errors_with_line_numbers() {
    let head = format!("{FORMAT_MARKER} | test\n");
    let cases = [
        ("", RegistryError::MissingHeader),
        (
            "<!doctype html>\n<p>Not found</p>",
            RegistryError::MissingHeader,
        ),
        (
            &*format!("{head}09184\t44\n"),
            RegistryError::FieldCount {
                line: 2,
                expected: 3,
                found: 2,
            },
        ),
        (
            &*format!("{head}0918x\t44\tMünchen\n"),
            RegistryError::BadKey {
                line: 2,
                key: "0918x".into(),
            },
        ),
        (
            &*format!("{head}17184\t44\tX\n"),
            RegistryError::BadKey {
                line: 2,
                key: "17184".into(),
            },
        ),
        (
            &*format!("{head}09184\t64\tX\n"),
            RegistryError::BadCode {
                line: 2,
                code: "64".into(),
            },
        ),
        (
            &*format!("{head}09184\t44\t \n"),
            RegistryError::BadName { line: 2 },
        ),
        (
            &*format!("{head}091840113113\t64\tX\tviele\t82008\n"),
            RegistryError::BadPopulation {
                line: 2,
                value: "viele".into(),
            },
        ),
        (
            &*format!("{head}091840113113\t64\tX\t1\t8200\n"),
            RegistryError::BadPlz {
                line: 2,
                value: "8200".into(),
            },
        ),
        (
            &*format!("{head}0918401\t64\tX\t1\t82008\n"),
            RegistryError::BadKey {
                line: 2,
                key: "0918401".into(),
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(Registry::parse(text).unwrap_err(), expected, "{text:?}");
    }
    // A Kreis entry whose padded key collides with a Gemeinde is refused.
    let collision = format!("{head}09184\t44\tLK\n091840000000\t64\tX\t1\t82008\n");
    assert!(matches!(
        Registry::parse(&collision),
        Err(RegistryError::Duplicate { .. })
    ));
    // A minimal valid asset.
    let ok = Registry::parse(&format!(
        "{head}09184\t44\tMünchen\n091840113113\t64\tUnterhaching\t26000\t82008\n"
    ))
    .unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(ok.source_notice(), "test");
}

proptest! {
    #[test]
    fn parse_never_panics_on_any_text(s in any::<String>()) {
        let _ = Registry::parse(&s);
        let _ = Registry::parse(&format!("{FORMAT_MARKER}\n{s}"));
    }

}

proptest! {
    // Each case parses the whole asset, which is slow in a debug build.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn parse_never_panics_on_damaged_lines(
        line in 0usize..12_000,
        cut in 0usize..60,
        insert in "[\t0-9a-zä\n]{0,6}",
    ) {
        let mut lines: Vec<String> = ASSET.lines().map(str::to_string).collect();
        let i = line % lines.len();
        let target = &mut lines[i];
        let at = target.char_indices().map(|(b, _)| b).nth(cut).unwrap_or(target.len());
        target.insert_str(at, &insert);
        let _ = Registry::parse(&lines.join("\n"));
    }
}

proptest! {
    #[test]
    fn search_never_panics_and_respects_the_limit(q in any::<String>(), limit in 0usize..30) {
        let hits = registry().search(&q, limit);
        prop_assert!(hits.len() <= limit);
        // Best first.
        prop_assert!(hits.windows(2).all(|w| w[0].quality <= w[1].quality));
    }

    #[test]
    fn every_short_name_finds_its_entry(i in 0usize..11_247) {
        let e = &registry().entries()[i % registry().len()];
        let hits = registry().search(e.short_name(), 2_000);
        prop_assert!(
            hits.iter().any(|h| std::ptr::eq(h.entry, e) && h.quality == MatchQuality::Exact),
            "{} not found exactly", e.name()
        );
    }

    #[test]
    fn every_key_finds_its_entry(i in 0usize..11_247) {
        let e = &registry().entries()[i % registry().len()];
        if let Some(ags) = e.ags() {
            prop_assert!(std::ptr::eq(registry().search(ags.as_str(), 1)[0].entry, e));
            prop_assert!(std::ptr::eq(registry().by_ags(ags).unwrap(), e));
        } else {
            prop_assert!(e.is_gemeindeverband());
        }
        prop_assert!(std::ptr::eq(registry().search(e.ars().as_str(), 1)[0].entry, e));
        prop_assert!(std::ptr::eq(registry().by_ars(e.ars()).unwrap(), e));
    }
}
