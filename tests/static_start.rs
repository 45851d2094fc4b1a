//! `index.html` carries the start page as plain HTML, so that a first-time visitor sees it
//! before the app has loaded (progressive start). These tests keep that copy true to the
//! app: the same German wording from `src/i18n.rs`, the same links, and nothing else.
#![cfg(not(target_arch = "wasm32"))]
// Test code: a failed lookup is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

use efa_onboarding::i18n::{Lang, ShellText, StartText, Text, t};
use efa_onboarding::steps::Step;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The static shell: the `<div id="boot">` block of `index.html`.
fn shell() -> String {
    let html = read("index.html");
    let start = html
        .find(r#"<div id="boot">"#)
        .expect("index.html has the static shell");
    let end = html[start..].find("<noscript>").unwrap() + start;
    html[start..end].to_string()
}

/// The visible text pieces of an HTML fragment (between tags, trimmed, comments dropped).
fn text_nodes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->").unwrap() + 3..];
        } else if rest.starts_with('<') {
            rest = &rest[rest.find('>').unwrap() + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let piece = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
            if !piece.is_empty() {
                out.push(piece);
            }
            rest = &rest[end..];
        }
    }
    out
}

/// The wording of the start page and of the header, by the name used in the sources.
fn start_page_texts() -> Vec<(&'static str, Text)> {
    vec![
        ("Tagline", StartText::Tagline.into()),
        ("StartWhat", StartText::StartWhat.into()),
        ("StartNeedTitle", StartText::StartNeedTitle.into()),
        (
            "StartNeedMunicipality",
            StartText::StartNeedMunicipality.into(),
        ),
        ("StartNeedContacts", StartText::StartNeedContacts.into()),
        ("StartNeedTechnical", StartText::StartNeedTechnical.into()),
        ("StartDuration", StartText::StartDuration.into()),
        ("StartPrivacy", StartText::StartPrivacy.into()),
        ("Start", StartText::Start.into()),
        ("StartResumeTitle", StartText::StartResumeTitle.into()),
        ("StartResumeDrafts", StartText::StartResumeDrafts.into()),
    ]
}

fn shell_texts() -> Vec<Text> {
    vec![
        Text::from(ShellText::SkipLink),
        Text::from(ShellText::ProductName),
        Text::from(ShellText::NavOverview),
        Text::from(ShellText::NavDrafts),
        Text::from(ShellText::LanguageSwitch),
    ]
}

#[test]
fn the_static_start_page_says_exactly_what_the_app_says() {
    let nodes = text_nodes(&shell());
    let mut expected: Vec<String> = shell_texts().into_iter().map(|x| t(Lang::De, x)).collect();
    expected.push(Step::Start.title(Lang::De));
    expected.extend(start_page_texts().into_iter().map(|(_, x)| t(Lang::De, x)));
    for text in &expected {
        assert!(
            nodes.contains(text),
            "index.html lacks the app's wording {text:?}; its texts are {nodes:#?}"
        );
    }
    // Besides: the loading notice and the footer; anything else would be wording the app
    // does not have.
    let extra: Vec<_> = nodes
        .iter()
        .filter(|n| !expected.contains(n))
        .filter(|n| n.as_str() != "Die Anwendung wird geladen …")
        .filter(|n| n.as_str() != "EfA-Onboarding · EUPL-1.2")
        .collect();
    assert!(
        extra.is_empty(),
        "index.html has wording the app lacks: {extra:?}"
    );
}

#[test]
fn the_app_start_page_uses_no_wording_the_static_copy_lacks() {
    let source = read("src/pages/start.rs");
    let used: BTreeSet<&str> = source
        .split("Text::")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap()
        })
        .collect();
    let known: BTreeSet<&str> = start_page_texts().into_iter().map(|(n, _)| n).collect();
    // Only shown when this browser holds a draft; such visitors get the app at once
    // (see the start-up script in index.html), never the static copy.
    let app_only = BTreeSet::from(["StartResumeCurrent"]);
    let missing: Vec<_> = used
        .difference(&known)
        .filter(|n| !app_only.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "src/pages/start.rs shows {missing:?}, which the static start page in index.html lacks"
    );
}

#[test]
fn the_static_links_and_labels_match_the_app() {
    let shell = shell();
    for path in [
        Step::Start.path(),
        Step::Overview.path(),
        "/entwuerfe",
        "#inhalt",
    ] {
        assert!(
            shell.contains(&format!(r#"href="{path}""#)),
            "no link to {path}"
        );
    }
    assert!(shell.contains(&format!(
        r#"aria-label="{}""#,
        t(Lang::De, ShellText::LanguageSwitchLabel)
    )));
    assert!(shell.contains(&format!(
        r#"<nav class="site-nav" aria-label="{}">"#,
        t(Lang::De, ShellText::NavOverview)
    )));
    assert!(shell.contains(r#"<main id="inhalt" tabindex="-1">"#));
}

#[test]
fn the_text_extraction_sees_through_tags_and_comments() {
    assert_eq!(
        text_nodes("<p>Eins <b>zwei</b></p><!-- <p>nein</p> -->\n  <a href=\"/\">drei\n vier</a>"),
        vec!["Eins", "zwei", "drei vier"]
    );
}
