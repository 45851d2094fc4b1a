//! Invariants of the app's code base that the compiler does not check. They read the sources,
//! so they run natively only.
#![cfg(not(target_arch = "wasm32"))]
// The helper below is test code too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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

/// The dependencies of a workspace package as Cargo resolves them (`cargo metadata`, from
/// the lock file, offline): its direct normal dependencies and every package reachable
/// through normal dependencies. Build and dev dependencies do not ship, so they do not
/// count.
fn resolved_dependencies(package: &str) -> (Vec<String>, std::collections::BTreeSet<String>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let name_of = |id: &str| -> String {
        packages
            .iter()
            .find(|p| p["id"] == id)
            .and_then(|p| p["name"].as_str())
            .unwrap_or_else(|| panic!("no package {id}"))
            .to_owned()
    };
    let root = packages
        .iter()
        .find(|p| p["name"] == package)
        .unwrap_or_else(|| panic!("no package {package}"));
    let direct: Vec<String> = root["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"].is_null())
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect();
    let nodes = meta["resolve"]["nodes"].as_array().unwrap();
    let normal_deps = |id: &str| -> Vec<String> {
        let node = nodes.iter().find(|n| n["id"] == id).unwrap();
        node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null())
            })
            .map(|d| d["pkg"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec![root["id"].as_str().unwrap().to_owned()];
    while let Some(id) = todo.pop() {
        for dep in normal_deps(&id) {
            if seen.insert(dep.clone()) {
                todo.push(dep);
            }
        }
    }
    (direct, seen.iter().map(|id| name_of(id)).collect())
}

/// Crates that would pull IO, a runtime, a UI, HTTP or a database into a pure crate.
const IMPURE: &[&str] = &[
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "axum",
    "tokio",
    "hyper",
    "reqwest",
    "tower",
    "rusqlite",
    "postgres",
    "sqlx",
    "diesel",
    "async-std",
    "mio",
    "ureq",
    "tracing",
    "lettre",
];

fn impure(name: &str) -> bool {
    IMPURE
        .iter()
        .any(|bad| name == *bad || name.starts_with(&format!("{bad}-")))
}

/// The domain does no IO and reaches no web, UI, HTTP or database crate, not even
/// through another crate: the app and the API rely on it behaving the same everywhere.
#[test]
fn the_domain_reaches_no_io_web_ui_or_database_crate() {
    let (direct, all) = resolved_dependencies("efa-domain");
    assert!(direct.iter().any(|d| d == "serde"), "{direct:?}");
    let found: Vec<&String> = all.iter().filter(|n| impure(n)).collect();
    assert!(found.is_empty(), "efa-domain reaches {found:?}");
}

/// The documents crate uses only the small PDF writers it was measured with, and nothing
/// it reaches does IO: the app compiles it to wasm and the PDFs must be the same wherever
/// they are made.
#[test]
fn the_documents_use_only_their_measured_crates() {
    const ALLOWED: &[&str] = &[
        "efa-domain",
        "serde_json",
        "pdf-writer",
        "xmp-writer",
        "miniz_oxide",
    ];
    let (direct, all) = resolved_dependencies("efa-documents");
    assert!(direct.iter().any(|d| d == "pdf-writer"), "{direct:?}");
    for dep in &direct {
        assert!(
            ALLOWED.contains(&dep.as_str()),
            "efa-documents must stay small and pure; `{dep}` needs a review of its wasm size and IO"
        );
    }
    let found: Vec<&String> = all.iter().filter(|n| impure(n)).collect();
    assert!(found.is_empty(), "efa-documents reaches {found:?}");
}

/// The check itself tells a pure crate from an impure one.
#[test]
fn the_purity_check_sees_what_the_api_uses() {
    let (_, all) = resolved_dependencies("efa-api");
    for name in ["axum", "tokio", "rusqlite"] {
        assert!(all.contains(name) && impure(name), "{name}");
    }
    assert!(!impure("serde") && !impure("toml") && impure("web-sys"));
}
