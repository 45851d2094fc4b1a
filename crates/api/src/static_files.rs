//! Serves the built app from the dist directory.
//!
//! The bytes go out through tower-http's [`ServeDir`]: it streams the file, answers
//! range requests and `If-Modified-Since`, sets `Last-Modified` and picks the `.br`/`.gz`
//! sibling. This module decides everything around it that is specific to the app:
//!
//! - Deep links (`/kommune`, `/antrag/schritt-2`) get index.html, so the app's router can
//!   take over; paths that look like files (a dot in the last segment) get a real 404.
//! - Hashed assets (`name-<hash>.js`, `name-<hash>_bg.wasm`, `name-<hash>.css`) are
//!   immutable for a year; index.html is `no-cache`; everything else has a short cache.
//! - Every response carries an ETag made from the served file's length and modification
//!   time (no hashing of the content per request); `If-None-Match` is answered here.
//! - Precompressed `.br`/`.gz` siblings are only offered to [`ServeDir`] when the client
//!   accepts them and they are not older than the file they compress, so a stale sibling
//!   left by a partial rebuild is never served.
//! - Every segment is percent-decoded and checked before it touches the file system, and
//!   the final path must still lie inside the canonical dist directory, so neither `..`
//!   (raw or encoded) nor a symlink can reach outside. [`ServeDir`] alone would follow a
//!   symlink, so it only ever gets checked paths, compressed siblings included.
//! - The Content-Security-Policy lists the SHA-256 of every inline script of
//!   index.html. They come from [`csp_hashes::HASHES_FILE`], written by `cargo xtask
//!   build`, or, if that list is missing or older than index.html, from scanning
//!   index.html. Both are re-read when they change, so a rebuild of the app does not
//!   need a restart.

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::csp_hashes::{self, inline_script_hashes};
use crate::problem::Problem;

const INDEX: &str = "index.html";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        }
    }

    /// Whether a file derived from another (a compressed sibling, the hash list) was
    /// written after it; an unknown time counts as stale.
    fn not_older_than(&self, source: &Stamp) -> bool {
        match (self.modified, source.modified) {
            (Some(derived), Some(source)) => derived >= source,
            _ => false,
        }
    }

    /// An entity tag from length and modification time, tagged with the content coding
    /// so that each representation has its own.
    fn etag(&self, coding: Option<&str>) -> String {
        let nanos = self
            .modified
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        match coding {
            Some(c) => format!("\"{:x}-{nanos:x}-{c}\"", self.len),
            None => format!("\"{:x}-{nanos:x}\"", self.len),
        }
    }
}

/// What the current policy was computed from: index.html and, if it was used, the list.
type CspKey = (Option<Stamp>, Option<Stamp>);

#[derive(Debug)]
struct CspCache {
    key: Option<CspKey>,
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

/// The sources listed in [`csp_hashes::HASHES_FILE`]; `None` if any line is not a single
/// `'sha256-<base64>'`, so a damaged file can never widen or break the policy.
pub fn parse_hashes_file(text: &str) -> Option<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let b64 = line.strip_prefix("'sha256-")?.strip_suffix('\'')?;
            let valid = b64.len() == 44
                && b64
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
            valid.then(|| line.to_owned())
        })
        .collect()
}

/// The script hashes for the policy and where they came from: the list if it is fresh
/// and well-formed, else a scan of index.html.
fn choose_hashes(list: Option<&str>, html: &str) -> (Vec<String>, &'static str) {
    match list.map(parse_hashes_file) {
        Some(Some(hashes)) => (hashes, csp_hashes::HASHES_FILE),
        Some(None) => {
            tracing::warn!(
                file = csp_hashes::HASHES_FILE,
                "malformed script hash list ignored; hashing index.html instead"
            );
            (inline_script_hashes(html), INDEX)
        }
        None => (inline_script_hashes(html), INDEX),
    }
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

/// `name-<hash>.js`, `name-<hash>_bg.wasm`, `name-<hash>.css` as Trunk names them, and
/// any script or wasm module in a folder `name-<hash>/` at the top (the app's lazily
/// loaded modules, which `cargo xtask build` keeps together in one folder per release).
/// `relative` is the path below the dist directory.
pub fn is_hashed_asset(relative: &Path) -> bool {
    let mut parts = relative.iter().filter_map(|p| p.to_str());
    let (Some(first), Some(name)) = (parts.next(), relative.file_name().and_then(|n| n.to_str()))
    else {
        return false;
    };
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    if first != name {
        return ends_with_hash(first);
    }
    ends_with_hash(stem.strip_suffix("_bg").unwrap_or(stem))
}

/// Whether `stem` ends in `-` and 8 to 64 hex digits.
fn ends_with_hash(stem: &str) -> bool {
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

/// Percent-encodes one checked segment for the URI handed to [`ServeDir`], which decodes
/// it again; everything but unreserved characters is escaped.
fn percent_encode(seg: &str) -> String {
    let mut out = String::with_capacity(seg.len());
    for b in seg.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

async fn stamp(path: &Path) -> Option<(Stamp, bool)> {
    let meta = tokio::fs::metadata(path).await.ok()?;
    Some((Stamp::of(&meta), meta.is_file()))
}

/// The stamp of a regular file, `None` for anything else or nothing.
async fn file_stamp(path: &Path) -> Option<Stamp> {
    match stamp(path).await {
        Some((s, true)) => Some(s),
        _ => None,
    }
}

fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

impl StaticSite {
    pub fn new(dist: PathBuf) -> StaticSite {
        let site = StaticSite {
            dist,
            csp: RwLock::new(CspCache {
                key: None,
                header: HeaderValue::from_static("default-src 'self'"),
            }),
        };
        let index = site.dist.join(INDEX);
        let list = site.dist.join(csp_hashes::HASHES_FILE);
        let sync_stamp = |p: &Path| {
            std::fs::metadata(p)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| Stamp::of(&m))
        };
        let index_stamp = sync_stamp(&index);
        let list_stamp =
            sync_stamp(&list).filter(|l| index_stamp.is_some_and(|i| l.not_older_than(&i)));
        let html = std::fs::read_to_string(&index).unwrap_or_default();
        let list_text = list_stamp.and_then(|_| std::fs::read_to_string(&list).ok());
        let (hashes, _) = choose_hashes(list_text.as_deref(), &html);
        site.set_csp((index_stamp, list_stamp), &hashes);
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

    fn set_csp(&self, key: CspKey, hashes: &[String]) {
        let Ok(header) = HeaderValue::from_str(&build_csp(hashes)) else {
            return;
        };
        if let Ok(mut c) = self.csp.write() {
            c.key = Some(key);
            c.header = header;
        }
    }

    /// Recomputes the policy if index.html or the hash list changed since last time.
    async fn refresh_csp(&self, root: &Path, index_stamp: Stamp) {
        let list = root.join(csp_hashes::HASHES_FILE);
        let list_stamp = file_stamp(&list)
            .await
            .filter(|l| l.not_older_than(&index_stamp));
        let key = (Some(index_stamp), list_stamp);
        if self.csp.read().ok().and_then(|c| c.key) == Some(key) {
            return;
        }
        let Ok(html) = tokio::fs::read_to_string(root.join(INDEX)).await else {
            return;
        };
        let list_text = match list_stamp {
            Some(_) => tokio::fs::read_to_string(&list).await.ok(),
            None => None,
        };
        let (hashes, source) = choose_hashes(list_text.as_deref(), &html);
        self.set_csp(key, &hashes);
        tracing::info!(
            scripts = hashes.len(),
            source,
            "content security policy updated"
        );
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
                file_stamp(&inner).await.map(|_| inner)
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
                if file_stamp(&index).await.is_none() {
                    return not_built();
                }
                index.clone()
            }
        };
        self.serve_file(method, &root, &file, headers).await
    }

    async fn serve_file(
        &self,
        method: &Method,
        root: &Path,
        file: &Path,
        headers: &HeaderMap,
    ) -> Response {
        let Some(source) = file_stamp(file).await else {
            return plain_not_found();
        };
        let Ok(relative) = file.strip_prefix(root) else {
            return plain_not_found();
        };
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_index = file == root.join(INDEX);
        if is_index {
            self.refresh_csp(root, source).await;
        }
        let cache_control = if is_index || name.ends_with(".html") {
            "no-cache"
        } else if is_hashed_asset(relative) {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=300"
        };

        // Choose the representation here (brotli, then gzip, then identity) and let
        // ServeDir see only that one, because it would also serve a stale sibling, or a
        // sibling that is a symlink to somewhere outside the root.
        let mut chosen: Option<(&'static str, Stamp)> = None;
        let mut has_sibling = false;
        for (suffix, coding) in [("br", "br"), ("gz", "gzip")] {
            let path = sibling(file, suffix);
            if let Some(s) = file_stamp(&path).await
                && s.not_older_than(&source)
                && tokio::fs::canonicalize(&path)
                    .await
                    .is_ok_and(|real| real.starts_with(root))
            {
                has_sibling = true;
                if chosen.is_none() && accepts_encoding(headers, coding) {
                    chosen = Some((coding, s));
                }
            }
        }
        let etag = match chosen {
            Some((coding, s)) => s.etag(Some(coding)),
            None => source.etag(None),
        };

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

        let mut uri = String::new();
        for part in relative.components() {
            uri.push('/');
            uri.push_str(&percent_encode(&part.as_os_str().to_string_lossy()));
        }
        let mut req = Request::new(Body::empty());
        *req.method_mut() = method.clone();
        let Ok(parsed) = uri.parse() else {
            return plain_not_found();
        };
        *req.uri_mut() = parsed;
        for name in [
            header::RANGE,
            header::IF_MODIFIED_SINCE,
            header::IF_UNMODIFIED_SINCE,
        ] {
            for v in headers.get_all(&name) {
                req.headers_mut().append(name.clone(), v.clone());
            }
        }
        // ServeDir ignores If-Range; a range of a changed file must not be stitched to
        // an older download, so without a matching validator the whole file is sent.
        // It also refuses several ranges at once with a 416, where the whole file is the
        // friendlier answer that HTTP allows.
        let stale = headers
            .get(header::IF_RANGE)
            .is_some_and(|v| v.as_bytes() != etag.as_bytes());
        let several = headers
            .get_all(header::RANGE)
            .iter()
            .any(|v| v.as_bytes().contains(&b','));
        if stale || several {
            req.headers_mut().remove(header::RANGE);
        }
        req.headers_mut().insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static(chosen.map_or("identity", |(c, _)| c)),
        );

        let service = ServeDir::new(root).precompressed_br().precompressed_gzip();
        let Ok(resp) = service.oneshot(req).await;
        if resp.status() == StatusCode::NOT_FOUND {
            // Removed between the checks above and the open.
            return plain_not_found();
        }
        let mut resp = resp.map(Body::new);
        let status = resp.status();
        let out = resp.headers_mut();
        out.extend(h);
        if matches!(status, StatusCode::OK | StatusCode::PARTIAL_CONTENT) {
            out.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(name)),
            );
        }
        resp
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_lists_the_hashes_and_no_unsafe_inline() {
        let csp = build_csp(&["'sha256-abc'".to_owned()]);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn the_hash_list_is_read_strictly() {
        let html = "<script>a()</script><script type=module>b()</script>";
        let text = csp_hashes::hashes_file_text(html);
        assert_eq!(parse_hashes_file(&text), Some(inline_script_hashes(html)));
        assert_eq!(parse_hashes_file(""), Some(vec![]));
        for bad in [
            "'sha256-abc'",
            "'unsafe-inline'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'unsafe-inline'",
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        ] {
            assert_eq!(parse_hashes_file(bad), None, "{bad}");
        }
        let (hashes, source) = choose_hashes(Some("nonsense"), html);
        assert_eq!((hashes, source), (inline_script_hashes(html), INDEX));
        let (_, source) = choose_hashes(None, html);
        assert_eq!(source, INDEX);
    }

    #[test]
    fn segments_are_reencoded_for_serve_dir() {
        assert_eq!(percent_encode("app-1a2b.js"), "app-1a2b.js");
        assert_eq!(percent_encode("a b%?#ä"), "a%20b%25%3F%23%C3%A4");
    }

    #[test]
    fn etags_differ_per_representation_and_change() {
        let t = UNIX_EPOCH + std::time::Duration::from_nanos(1_000);
        let s = Stamp {
            modified: Some(t),
            len: 255,
        };
        assert_eq!(s.etag(None), "\"ff-3e8\"");
        assert_eq!(s.etag(Some("br")), "\"ff-3e8-br\"");
        let later = Stamp {
            modified: Some(t + std::time::Duration::from_nanos(1)),
            ..s
        };
        assert_ne!(later.etag(None), s.etag(None));
        assert!(later.not_older_than(&s) && !s.not_older_than(&later));
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
        let hashed = |p: &str| is_hashed_asset(Path::new(p));
        assert!(hashed("efa-onboarding-3f2a9c1b7d6e5f40.js"));
        assert!(hashed("efa-onboarding-3f2a9c1b7d6e5f40_bg.wasm"));
        assert!(hashed("style-3f2a9c1b7d6e5f40.css"));
        assert!(hashed("efa-onboarding-3f2a9c1b7d6e5f40/chunk_3.wasm"));
        assert!(hashed("efa-onboarding-3f2a9c1b7d6e5f40/__wasm_split.js"));
        assert!(hashed(
            "efa-onboarding-3f2a9c1b7d6e5f40/snippets/x-1/inline0.js"
        ));
        assert!(!hashed("index.html"));
        assert!(!hashed("efa-onboarding.js"));
        assert!(!hashed("logo-3f2a9c1b7d6e5f40.png"));
        assert!(!hashed("my-app.css"));
        assert!(!hashed("data/gemeinden.tsv"));
        assert!(!hashed("catalog/efa-3f2a9c1b7d6e5f40.json"));
        assert!(!hashed("efa-onboarding-3f2a9c1b7d6e5f40/notes.txt"));
        assert!(!hashed("efa-onboarding/chunk_3.wasm"));
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
