//! Invariants of the app's code base that the compiler does not check. They read the sources,
//! so they run natively only.
#![cfg(not(target_arch = "wasm32"))]
// The helper below is test code too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_api_module_talks_http() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 10,
        "expected the app's modules, found {files:?}"
    );
    for file in files {
        if file.ends_with("api.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for needle in [
            "gloo_net",
            "gloo-net",
            "Request::get",
            "Request::post",
            "fetch_with",
            "XmlHttpRequest",
        ] {
            assert!(
                !text.contains(needle),
                "{} uses `{needle}`; HTTP belongs in src/api.rs",
                file.display()
            );
        }
    }
}
