//! Serving the built app: SPA fallback, caching, precompressed files, CSP hashes and
//! path traversal.

// Helpers outside #[test] functions unwrap too: a panic is a test failure with its location.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use base64::Engine;
use common::*;
use sha2::{Digest, Sha256};

const INLINE: &str = "import init, * as bindings from '/efa-onboarding-0123456789abcdef.js';\nawait init({ module_or_path: '/efa-onboarding-0123456789abcdef_bg.wasm' });\nwindow.wasmBindings = bindings;\n";
const SECRET: &str = "GEHEIM-ausserhalb-von-dist";

fn csp_hash(script: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

fn write(p: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn index_html(script: &str) -> String {
    format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">\
         <link rel=\"modulepreload\" href=\"/efa-onboarding-0123456789abcdef.js\" crossorigin=\"anonymous\">\
         <link rel=\"stylesheet\" href=\"/style-fedcba9876543210.css\">\
         <script type=\"module\">{script}</script></head><body></body></html>"
    )
}

/// A dist directory as Trunk and xtask leave it, plus a secret next to it.
async fn built_server() -> Server {
    let s = Server::start().await;
    let dist = s.dist_dir();
    write(&dist.join("index.html"), index_html(INLINE).as_bytes());
    write(
        &dist.join("efa-onboarding-0123456789abcdef.js"),
        b"export default function init() {}\n",
    );
    write(
        &dist.join("efa-onboarding-0123456789abcdef.js.br"),
        b"BROTLI-BYTES",
    );
    write(
        &dist.join("efa-onboarding-0123456789abcdef.js.gz"),
        b"GZIP-BYTES",
    );
    write(
        &dist.join("efa-onboarding-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    );
    write(&dist.join("style-fedcba9876543210.css"), b"body{margin:0}");
    // The app split into lazily loaded modules, one folder per release.
    write(
        &dist.join("efa-onboarding-fedcba9876543210/chunk_3.wasm"),
        b"\0asm\x01\0\0\0",
    );
    write(
        &dist.join("efa-onboarding-fedcba9876543210/__wasm_split.js"),
        b"export const x = 1;\n",
    );
    write(&dist.join("favicon.ico"), b"ICO");
    write(&dist.join("data/registry.tsv"), b"# efa-registry v1\n");
    write(&s.dir.path().join("secret.txt"), SECRET.as_bytes());
    write(&s.dir.path().join("Cargo.toml"), SECRET.as_bytes());
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_build_the_root_says_so_in_german() {
    let s = Server::start().await;
    for path in ["/", "/kommune", "/index.html"] {
        let r = client().get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 503);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let text = r.text().await.unwrap();
        assert!(text.contains("nicht gebaut"), "{text}");
    }
    // The API works all the same.
    assert_eq!(get_status(&s, "/api/v1/catalog").await, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_and_deep_links() {
    let s = built_server().await;
    let r = client().get(s.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains(&csp_hash(INLINE)), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"));
    assert!(csp.contains("style-src 'self'"));
    assert!(csp.contains("img-src 'self' data:"));
    assert!(csp.contains("connect-src 'self'"));
    assert!(csp.contains("base-uri 'none'"));
    assert!(csp.contains("form-action 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let index = r.text().await.unwrap();
    assert!(index.contains(INLINE));

    for deep in ["/kommune", "/antrag/schritt-2", "/kommune/09663000"] {
        let r = client().get(s.url(deep)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{deep}");
        assert_eq!(r.headers()["cache-control"], "no-cache");
        assert_eq!(r.text().await.unwrap(), index);
    }
    let r = client()
        .get(s.url("/"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);

    let r = client().head(s.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.bytes().await.unwrap().is_empty());
    let r = client().post(s.url("/kommune")).send().await.unwrap();
    problem(r, 405).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csp_follows_a_rebuilt_index() {
    let s = built_server().await;
    let _ = client().get(s.url("/")).send().await.unwrap();
    let new_script = "console.log('neu');";
    // A different length guarantees a new stamp even within the same mtime tick.
    write(
        &s.dist_dir().join("index.html"),
        index_html(new_script).as_bytes(),
    );
    let r = client().get(s.url("/")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(&csp_hash(new_script)), "{csp}");
    assert!(!csp.contains(&csp_hash(INLINE)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_assets_are_immutable_and_precompressed() {
    let s = built_server().await;
    let js = s.url("/efa-onboarding-0123456789abcdef.js");
    let r = client()
        .get(&js)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.headers()["vary"], "accept-encoding");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"BROTLI-BYTES");

    let r = client()
        .get(&js)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"GZIP-BYTES");
    let r = client()
        .get(&js)
        .header("accept-encoding", "br;q=0, gzip;q=0")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        b"export default function init() {}\n"
    );

    let r = client()
        .get(s.url("/efa-onboarding-0123456789abcdef_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/wasm");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let r = client()
        .get(s.url("/style-fedcba9876543210.css"))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    // The split app's folder: every module in it is immutable; a file of the same name
    // outside a hashed folder is not.
    for path in [
        "/efa-onboarding-fedcba9876543210/chunk_3.wasm",
        "/efa-onboarding-fedcba9876543210/__wasm_split.js",
    ] {
        let r = client().get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{path}"
        );
    }
    let r = client()
        .get(s.url("/data/registry.tsv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "public, max-age=300");

    // A stale sibling (older than its source) is not served.
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(
        &s.dist_dir().join("efa-onboarding-0123456789abcdef.js"),
        b"export default function init() { neu }\n",
    );
    let r = client()
        .get(&js)
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("content-encoding").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_files_have_a_short_cache_and_an_etag() {
    let s = built_server().await;
    let r = client().get(s.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, max-age=300");
    assert_eq!(r.headers()["content-type"], "image/x-icon");
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let r = client()
        .get(s.url("/favicon.ico"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let r = client()
        .get(s.url("/data/registry.tsv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/tab-separated-values")
    );
    // A missing file is a 404, not the app.
    let r = client().get(s.url("/fehlt.png")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = client()
        .get(s.url("/efa-onboarding-ffffffffffffffff.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_traversal_never_leaves_dist() {
    let s = built_server().await;
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        s.dir.path().join("secret.txt"),
        s.dist_dir().join("link.txt"),
    )
    .unwrap();
    let addr = s.addr;
    let attempts = [
        "/../Cargo.toml",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/data/..%2f..%2fsecret.txt",
        "/data/%2e%2e/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "//secret.txt",
        "/link.txt",
        "/data/../../secret.txt",
        "/%00/secret.txt",
        "/secret.txt%00.html",
    ];
    let results = tokio::task::spawn_blocking(move || {
        attempts
            .iter()
            .map(|p| (p.to_string(), raw_get(addr, p)))
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for (path, (status, text)) in results {
        assert!(!text.contains(SECRET), "{path} leaked: {text}");
        assert!(
            (200..500).contains(&status) || status == 400,
            "{path}: {status}"
        );
        assert!(
            status != 200 || text.contains("<!doctype html>"),
            "{path}: only the app may answer 200"
        );
    }
    assert_healthy(&s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn range_requests_get_partial_content() {
    let s = built_server().await;
    let r = client()
        .get(s.url("/efa-onboarding-0123456789abcdef_bg.wasm"))
        .header("range", "bytes=1-3")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.headers()["content-range"], "bytes 1-3/8");
    assert_eq!(r.headers()["content-type"], "application/wasm");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"asm");

    // A validator that no longer matches gets the whole file, not a piece of a new one.
    let r = client()
        .get(s.url("/efa-onboarding-0123456789abcdef_bg.wasm"))
        .header("range", "bytes=1-3")
        .header("if-range", "\"veraltet\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    // Several ranges at once get the whole file too.
    let r = client()
        .get(s.url("/efa-onboarding-0123456789abcdef_bg.wasm"))
        .header("range", "bytes=0-0, 2-3")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().len(), 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_built_hash_list_feeds_the_policy_until_index_is_newer() {
    let s = built_server().await;
    let listed = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(
        &s.dist_dir().join("csp-script-hashes.txt"),
        format!("{listed}\n").as_bytes(),
    );
    let r = client().get(s.url("/")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(listed), "{csp}");
    assert!(!csp.contains(&csp_hash(INLINE)), "{csp}");

    // An index.html written after the list (a build by hand) is scanned instead.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let new_script = "console.log('von Hand');";
    write(
        &s.dist_dir().join("index.html"),
        index_html(new_script).as_bytes(),
    );
    let r = client().get(s.url("/")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(&csp_hash(new_script)), "{csp}");
    assert!(!csp.contains(listed), "{csp}");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_compressed_sibling_linking_outside_is_not_served() {
    let s = built_server().await;
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::os::unix::fs::symlink(
        s.dir.path().join("secret.txt"),
        s.dist_dir().join("data/registry.tsv.br"),
    )
    .unwrap();
    let r = client()
        .get(s.url("/data/registry.tsv"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.text().await.unwrap(), "# efa-registry v1\n");
}
