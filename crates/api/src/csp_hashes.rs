//! The SHA-256 sources of the inline scripts of `index.html`, for the
//! Content-Security-Policy, and the file in `dist/` that lists them.
//!
//! `cargo xtask build` writes [`HASHES_FILE`] when it builds the app, so the API reads a
//! finished list instead of scanning HTML; the API still scans `index.html` itself when
//! the list is missing or older than the page (a dist built by hand).
//!
//! This file is compiled into both the API and xtask (`#[path]` in `xtask/src/build.rs`),
//! so both compute the hashes with the same code while xtask does not depend on the API.
//! That is why it uses only std, sha2 and base64 and nothing from `crate::`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// Name of the list in `dist/`: one `'sha256-…'` source per line, in page order.
pub const HASHES_FILE: &str = "csp-script-hashes.txt";

/// The text of [`HASHES_FILE`] for a page.
pub fn hashes_file_text(html: &str) -> String {
    inline_script_hashes(html)
        .iter()
        .map(|h| format!("{h}\n"))
        .collect()
}

/// `'sha256-…'` sources for every inline `<script>` (one without `src`) of a page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut pos = 0;
    while let Some(found) = lower.get(pos..).and_then(|rest| rest.find("<script")) {
        let after_name = pos + found + "<script".len();
        // `<scripts>` or `<script-x>` are other elements.
        match lower.as_bytes().get(after_name) {
            Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') => {}
            _ => {
                pos = after_name;
                continue;
            }
        }
        let Some(tag_end) = find_tag_end(&lower, after_name) else {
            break;
        };
        let content_start = tag_end + 1;
        let Some(close) = lower
            .get(content_start..)
            .and_then(|rest| rest.find("</script"))
        else {
            break;
        };
        let content_end = content_start + close;
        let attrs = lower.get(after_name..tag_end).unwrap_or("");
        if !has_attribute(attrs, "src") {
            let content = html.get(content_start..content_end).unwrap_or("");
            hashes.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(content.as_bytes()))
            ));
        }
        pos = content_end;
    }
    hashes
}

/// Position of the `>` closing a start tag, skipping quoted attribute values.
fn find_tag_end(s: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether a (lowercased) attribute list has an attribute of that name.
fn has_attribute(attrs: &str, name: &str) -> bool {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'/'
        {
            i += 1;
        }
        if attrs.get(start..i) == Some(name) {
            return true;
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
        if i == start {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_skipped() {
        let html = r#"<!doctype html><html><head>
<link rel="modulepreload" href="/app-0123456789abcdef.js">
<script src="/x.js"></script>
<SCRIPT type="module">import init from '/app-0123456789abcdef.js';await init();</SCRIPT>
<script data-x="a>b" type="module">alert(1)</script>
</head><body><scripts>no</scripts></body></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2, "{hashes:?}");
        let expected = STANDARD.encode(Sha256::digest(
            b"import init from '/app-0123456789abcdef.js';await init();",
        ));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert_eq!(
            hashes_file_text(html),
            format!("{}\n{}\n", hashes[0], hashes[1])
        );
    }

    #[test]
    fn src_detection_ignores_lookalikes() {
        assert!(has_attribute(" type=\"module\" src=\"/a.js\"", "src"));
        assert!(!has_attribute(" data-src=\"/a.js\"", "src"));
        assert!(!has_attribute(" type=\"src\"", "src"));
        assert!(has_attribute(" async src=/a.js", "src"));
    }
}
