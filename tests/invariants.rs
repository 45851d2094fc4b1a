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

/// The machine's own target triple, as rustc names it.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

/// The dependencies of a workspace package as Cargo resolves them (`cargo metadata`, from
/// the lock file, offline): its direct normal dependencies and every package reachable
/// through normal dependencies. Build and dev dependencies do not ship, so they do not
/// count. Only the platforms the project ships for (the browser and this machine) are
/// resolved: the lock file also names Windows-only crates, which a fresh machine has never
/// downloaded, and `--offline` would fail on them.
fn resolved_dependencies(package: &str) -> (Vec<String>, std::collections::BTreeSet<String>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = host_triple();
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", "wasm32-unknown-unknown"])
        .args(["--filter-platform", &host])
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

/// A crate's modules, by path (`pages::review`), with the modules each imports. Imports are
/// `crate::…` and `super::…` paths anywhere in the file except its `#[cfg(test)]` module
/// and comments; a path counts for the longest module it names. The crate root, which
/// declares the modules and wires them together, stands above them and is not counted.
fn module_graph(
    src: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let module_of = |file: &Path| -> String {
        let rel = file.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts
            .last()
            .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
        {
            parts.pop();
        }
        parts.join("::")
    };
    let modules: std::collections::BTreeSet<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("bin")))
        .map(|f| module_of(f))
        .collect();
    // The module a path names: its longest prefix that is a module.
    let target = |path: &[&str]| -> Option<String> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].join("::"))
            .find(|m| modules.contains(m))
    };
    let mut graph = std::collections::BTreeMap::new();
    for file in files.iter().filter(|f| !f.starts_with(src.join("bin"))) {
        let me = module_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        let code = text
            .find("#[cfg(test)]\nmod tests")
            .map_or(text.as_str(), |at| &text[..at]);
        // Comments, documentation links included, mention modules without importing them.
        let code: String = code
            .lines()
            .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
            .collect::<Vec<_>>()
            .join("\n");
        let code = code.as_str();
        let mut uses = std::collections::BTreeSet::new();
        for (anchor, base) in [
            ("crate::", Vec::new()),
            ("super::", {
                let mut p: Vec<String> = me.split("::").map(str::to_owned).collect();
                p.pop();
                p
            }),
        ] {
            let mut rest = code;
            while let Some(at) = rest.find(anchor) {
                // `crate::` inside `$crate::` or an identifier such as `my_crate::` is not it.
                let before = rest[..at].chars().next_back();
                rest = &rest[at + anchor.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                    continue;
                }
                // One path, or a `{…}` group of paths.
                let paths: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    group[..end]
                        .split(',')
                        .map(|p| p.trim().to_owned())
                        .collect()
                } else {
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                        .unwrap_or(rest.len());
                    vec![rest[..end].to_owned()]
                };
                for p in paths {
                    let mut path: Vec<&str> = base.iter().map(String::as_str).collect();
                    path.extend(p.split("::").map(str::trim).filter(|s| !s.is_empty()));
                    if let Some(m) = target(&path)
                        && m != me
                        && !me.starts_with(&format!("{m}::"))
                    {
                        uses.insert(m);
                    }
                }
            }
        }
        graph.insert(me, uses);
    }
    graph
}

/// The import circles of a module graph, each as the modules along it.
fn cycles(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Vec<Vec<String>> {
    // Depth-first search; a back edge to a module on the current path closes a circle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let mut circle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            circle.push(m.to_owned());
            found.push(circle);
            return;
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
    }
    let mut found = Vec::new();
    let mut done = std::collections::BTreeSet::new();
    for m in graph.keys() {
        visit(m, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

/// Inside each crate the modules form layers: no two import each other, directly or
/// around a longer circle, so each can be read and changed knowing only those below it.
#[test]
fn modules_import_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crates = [
        "src",
        "crates/domain/src",
        "crates/documents/src",
        "crates/api/src",
        "xtask/src",
    ];
    let mut report = Vec::new();
    for dir in crates {
        let graph = module_graph(&root.join(dir));
        assert!(
            graph.len() > 3,
            "{dir}: expected its modules, found {graph:?}"
        );
        for circle in cycles(&graph) {
            report.push(format!("{dir}: {}", circle.join(" → ")));
        }
    }
    assert!(
        report.is_empty(),
        "modules that import each other:\n{}",
        report.join("\n")
    );
}

/// The circle check finds a circle, and only a circle.
#[test]
fn the_circle_check_sees_circles() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
            Default::default();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert!(cycles(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    assert_eq!(
        cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        [["a", "b", "c", "a"]]
    );
    assert_eq!(cycles(&graph(&[("x", "y"), ("y", "x")])).len(), 1);
}
