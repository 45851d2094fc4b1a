//! Invariant: the domain crate does no IO and depends on no web, UI, HTTP or database crate.
//! Both the browser app and the API rely on it compiling everywhere and behaving the same.

const MANIFEST: &str = include_str!("../Cargo.toml");

/// Crates that would pull IO, a runtime, a UI or a database into the domain.
const FORBIDDEN: &[&str] = &[
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
    "sqlx",
    "diesel",
    "async-std",
    "mio",
    "ureq",
    "printpdf",
    "tracing",
];

fn dependency_names(section: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in MANIFEST.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == section;
            continue;
        }
        if inside
            && !line.is_empty()
            && !line.starts_with('#')
            && let Some((name, _)) = line.split_once('=')
        {
            names.push(name.trim().trim_end_matches(".workspace").to_string());
        }
    }
    names
}

#[test]
fn domain_depends_on_no_io_web_ui_or_database_crate() {
    let deps = dependency_names("[dependencies]");
    assert!(
        !deps.is_empty(),
        "the manifest parser found no dependencies at all"
    );
    for dep in &deps {
        for bad in FORBIDDEN {
            assert!(
                !dep.starts_with(bad),
                "efa-domain must stay pure, but depends on `{dep}`"
            );
        }
    }
}

#[test]
fn the_parser_recognises_a_workspace_dependency_line() {
    // Guards the guard: a manifest line in the form used above must yield the crate name.
    let line = "tokio.workspace = true";
    let name = line
        .split_once('=')
        .map(|(n, _)| n.trim().trim_end_matches(".workspace"));
    assert_eq!(name, Some("tokio"));
    assert!(FORBIDDEN.iter().any(|b| "tokio".starts_with(b)));
}

#[test]
fn library_source_does_no_io() {
    // The library must not touch files, sockets, processes or the environment. The test
    // itself may read files: it walks every source file of the library.
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(
        files.len() >= 9,
        "expected the library's modules, found {files:?}"
    );
    for file in files {
        let src = std::fs::read_to_string(&file).unwrap();
        for needle in [
            "std::fs",
            "std::net",
            "std::process",
            "std::env::var",
            "File::open",
        ] {
            assert!(!src.contains(needle), "{} uses `{needle}`", file.display());
        }
    }
}
