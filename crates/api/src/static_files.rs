//! Serves the built app from the dist directory.
//!
//! - Deep links (`/kommune`, `/antrag/schritt-2`) get index.html, so the app's router can
//!   take over; paths that look like files (a dot in the last segment) get a real 404.
//! - Hashed assets (`name-<hash>.js`, `name-<hash>_bg.wasm`, `name-<hash>.css`) are
//!   immutable for a year; index.html is `no-cache`; everything else has a short cache
//!   and an ETag.
//! - Precompressed `.br`/`.gz` siblings are served when the client accepts them and
//!   they are not older than the file they compress.
//! - Every segment is percent-decoded and checked before it touches the file system, and
//!   the final path must still lie inside the canonical dist directory, so neither `..`
//!   (raw or encoded) nor a symlink can reach outside.
//! - The Content-Security-Policy lists the SHA-256 of every inline script of
//!   index.html; it is recomputed whenever index.html changes, so a rebuild of the app
//!   does not need a restart.

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::SystemTime;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

use crate::problem::Problem;
use crate::token::sha256;

const INDEX: &str = "index.html";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

#[derive(Debug)]
struct CspCache {
    stamp: Option<Stamp>,
    header: HeaderValue,
}

#[derive(Debug)]
pub struct StaticSite {
    dist: PathBuf,
    csp: RwLock<CspCache>,
}

/// The Content-Security-Policy for the given inline-script hashes.
pub fn build_csp(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script_src.push(' ');
        script_src.push_str(h);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'self'"
    )
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
                STANDARD.encode(sha256(content.as_bytes()))
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

/// Percent-decodes one path segment; `None` for broken escapes or non-UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The decoded, checked segments of a request path; `None` if any segment could leave
/// the directory or name something hidden.
pub fn safe_segments(path: &str) -> Option<Vec<String>> {
    let mut segs = Vec::new();
    for raw in path.split('/') {
        if raw.is_empty() {
            continue;
        }
        let seg = percent_decode(raw)?;
        if seg.starts_with('.')
            || seg.contains(['/', '\\', '\0', ':'])
            || seg.chars().any(char::is_control)
        {
            return None;
        }
        segs.push(seg);
    }
    Some(segs)
}

/// `name-<hash>.js`, `name-<hash>_bg.wasm`, `name-<hash>.css` as Trunk names them.
pub fn is_hashed_asset(file_name: &str) -> bool {
    let Some((stem, ext)) = file_name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (8..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

fn content_type(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "tsv" => "text/tab-separated-values; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Whether `Accept-Encoding` allows `coding` (explicitly or via `*`) with q > 0.
pub fn accepts_encoding(headers: &HeaderMap, coding: &str) -> bool {
    let mut explicit = None;
    let mut wildcard = None;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .or_else(|| p.trim().strip_prefix("Q="))
                })
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if name.eq_ignore_ascii_case(coding) {
                explicit = Some(q > 0.0);
            } else if name == "*" {
                wildcard = Some(q > 0.0);
            }
        }
    }
    explicit.or(wildcard).unwrap_or(false)
}

/// Weak comparison of `If-None-Match` against an entity tag (RFC 9110 §13.1.2).
pub fn if_none_match_hits(headers: &HeaderMap, etag: &str) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let ours = strip(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|t| t.trim() == "*" || strip(t) == ours))
}

async fn stamp(path: &Path) -> Option<(Stamp, bool)> {
    let meta = tokio::fs::metadata(path).await.ok()?;
    Some((
        Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        },
        meta.is_file(),
    ))
}

fn not_built() -> Response {
    const PAGE: &str = "<!doctype html>\n<html lang=\"de\">\n<head><meta charset=\"utf-8\">\
        <title>EfA-Onboarding – noch nicht verfügbar</title></head>\n<body>\n\
        <h1>Die Anwendung ist noch nicht gebaut</h1>\n\
        <p>Der Server läuft, aber das Verzeichnis mit der gebauten Anwendung fehlt. \
        Bitte die Anwendung bauen und den Server neu laden.</p>\n\
        <p>Die Schnittstelle unter <code>/api/v1/</code> ist erreichbar.</p>\n</body>\n</html>\n";
    let mut resp = (StatusCode::SERVICE_UNAVAILABLE, PAGE).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn plain_not_found() -> Response {
    let mut resp = (StatusCode::NOT_FOUND, "Nicht gefunden\n").into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

impl StaticSite {
    pub fn new(dist: PathBuf) -> StaticSite {
        let site = StaticSite {
            dist,
            csp: RwLock::new(CspCache {
                stamp: None,
                header: HeaderValue::from_static("default-src 'self'"),
            }),
        };
        let index = site.dist.join(INDEX);
        let html = std::fs::read_to_string(&index).unwrap_or_default();
        let stamp = std::fs::metadata(&index).ok().map(|m| Stamp {
            modified: m.modified().ok(),
            len: m.len(),
        });
        site.set_csp(stamp, &html);
        site
    }

    /// Whether a built app is present (for the start-up message).
    pub fn is_built(&self) -> bool {
        self.dist.join(INDEX).is_file()
    }

    pub fn csp(&self) -> HeaderValue {
        self.csp
            .read()
            .map(|c| c.header.clone())
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
    }

    fn set_csp(&self, stamp: Option<Stamp>, html: &str) {
        let policy = build_csp(&inline_script_hashes(html));
        let Ok(header) = HeaderValue::from_str(&policy) else {
            return;
        };
        if let Ok(mut c) = self.csp.write() {
            c.stamp = stamp;
            c.header = header;
        }
    }

    async fn refresh_csp(&self, index: &Path, stamp: Stamp) {
        let current = self.csp.read().ok().and_then(|c| c.stamp);
        if current == Some(stamp) {
            return;
        }
        if let Ok(html) = tokio::fs::read_to_string(index).await {
            self.set_csp(Some(stamp), &html);
            tracing::info!(
                scripts = inline_script_hashes(&html).len(),
                "content security policy updated from index.html"
            );
        }
    }

    /// Answers a non-API request.
    pub async fn serve(&self, method: &Method, path: &str, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            let mut resp = Problem::method_not_allowed().into_response();
            resp.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return resp;
        }
        let Ok(root) = tokio::fs::canonicalize(&self.dist).await else {
            return not_built();
        };
        let index = root.join(INDEX);
        let Some(segs) = safe_segments(path) else {
            return plain_not_found();
        };

        let mut target = root.clone();
        for s in &segs {
            target.push(s);
        }
        let mut found = match stamp(&target).await {
            Some((_, true)) => Some(target.clone()),
            Some((_, false)) => {
                let inner = target.join(INDEX);
                matches!(stamp(&inner).await, Some((_, true))).then_some(inner)
            }
            None => None,
        };
        // A symlink could point outside; only what really lies inside the root is served.
        if let Some(f) = &found {
            match tokio::fs::canonicalize(f).await {
                Ok(real) if real.starts_with(&root) => found = Some(real),
                _ => return plain_not_found(),
            }
        }
        let file = match found {
            Some(f) => f,
            None => {
                let looks_like_route = segs.last().is_none_or(|s| !s.contains('.'));
                if !looks_like_route {
                    return plain_not_found();
                }
                if !matches!(stamp(&index).await, Some((_, true))) {
                    return not_built();
                }
                index.clone()
            }
        };
        self.serve_file(method, &file, &index, headers).await
    }

    async fn serve_file(
        &self,
        method: &Method,
        file: &Path,
        index: &Path,
        headers: &HeaderMap,
    ) -> Response {
        let Some((file_stamp, _)) = stamp(file).await else {
            return plain_not_found();
        };
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_index = file == index;
        if is_index {
            self.refresh_csp(index, file_stamp).await;
        }
        let cache_control = if is_index || name.ends_with(".html") {
            "no-cache"
        } else if is_hashed_asset(name) {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=300"
        };

        // Choose the representation: brotli, then gzip, then identity.
        let mut variant: Option<(PathBuf, &'static str)> = None;
        let mut has_sibling = false;
        for (suffix, coding) in [("br", "br"), ("gz", "gzip")] {
            let sibling = PathBuf::from(format!("{}.{suffix}", file.display()));
            if let Some((s, true)) = stamp(&sibling).await {
                let fresh = match (s.modified, file_stamp.modified) {
                    (Some(c), Some(o)) => c >= o,
                    _ => false,
                };
                if fresh {
                    has_sibling = true;
                    if variant.is_none() && accepts_encoding(headers, coding) {
                        variant = Some((sibling, coding));
                    }
                }
            }
        }
        let (path, coding) = match &variant {
            Some((p, c)) => (p.as_path(), Some(*c)),
            None => (file, None),
        };
        let Ok(bytes) = tokio::fs::read(path).await else {
            return plain_not_found();
        };
        let digest = sha256(&bytes);
        let etag = format!("\"{}\"", URL_SAFE_NO_PAD.encode(&digest[..18]));

        let mut h = HeaderMap::new();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
        if has_sibling {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if if_none_match_hits(headers, &etag) {
            return (StatusCode::NOT_MODIFIED, h).into_response();
        }
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(name)),
        );
        if let Some(c) = coding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
        }
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(bytes)
        };
        (StatusCode::OK, h, body).into_response()
    }
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
        let expected = STANDARD.encode(sha256(
            b"import init from '/app-0123456789abcdef.js';await init();",
        ));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        let csp = build_csp(&hashes);
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn src_detection_ignores_lookalikes() {
        assert!(has_attribute(" type=\"module\" src=\"/a.js\"", "src"));
        assert!(!has_attribute(" data-src=\"/a.js\"", "src"));
        assert!(!has_attribute(" type=\"src\"", "src"));
        assert!(has_attribute(" async src=/a.js", "src"));
    }

    #[test]
    fn traversal_is_refused() {
        assert_eq!(
            safe_segments("/kommune/09663000"),
            Some(vec!["kommune".into(), "09663000".into()])
        );
        assert_eq!(safe_segments("/"), Some(vec![]));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/a/..%2fCargo.toml",
            "/a/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%5c..%5cCargo.toml",
            "/.git/config",
            "/%00",
            "/%ff",
            "/%2",
            "/c:%5cwindows",
        ] {
            assert_eq!(safe_segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn hashed_assets() {
        assert!(is_hashed_asset("efa-onboarding-3f2a9c1b7d6e5f40.js"));
        assert!(is_hashed_asset("efa-onboarding-3f2a9c1b7d6e5f40_bg.wasm"));
        assert!(is_hashed_asset("style-3f2a9c1b7d6e5f40.css"));
        assert!(!is_hashed_asset("index.html"));
        assert!(!is_hashed_asset("efa-onboarding.js"));
        assert!(!is_hashed_asset("logo-3f2a9c1b7d6e5f40.png"));
        assert!(!is_hashed_asset("my-app.css"));
    }

    #[test]
    fn encoding_negotiation() {
        let mut h = HeaderMap::new();
        assert!(!accepts_encoding(&h, "br"));
        h.insert(
            header::ACCEPT_ENCODING,
            "gzip, deflate, br;q=0.5".parse().unwrap(),
        );
        assert!(accepts_encoding(&h, "br"));
        assert!(accepts_encoding(&h, "gzip"));
        h.insert(header::ACCEPT_ENCODING, "*;q=1, br;q=0".parse().unwrap());
        assert!(!accepts_encoding(&h, "br"));
        assert!(accepts_encoding(&h, "gzip"));
    }

    #[test]
    fn etag_matching() {
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, "\"a\", W/\"b\"".parse().unwrap());
        assert!(if_none_match_hits(&h, "\"b\""));
        assert!(!if_none_match_hits(&h, "\"c\""));
        h.insert(header::IF_NONE_MATCH, "*".parse().unwrap());
        assert!(if_none_match_hits(&h, "\"c\""));
    }
}
