//! Invariant: like the domain crate, the documents crate does no IO and depends on no web,
//! UI, HTTP or database crate; its only PDF crates are the two small writers it was measured
//! with. The app compiles it to wasm32 and the documents must be the same wherever they are
//! generated.

const MANIFEST: &str = include_str!("../Cargo.toml");

const ALLOWED: &[&str] = &[
    "efa-domain",
    "serde_json",
    "pdf-writer",
    "xmp-writer",
    "miniz_oxide",
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
fn only_pure_dependencies() {
    let deps = dependency_names("[dependencies]");
    assert!(
        !deps.is_empty(),
        "the manifest parser found no dependencies at all"
    );
    for dep in &deps {
        assert!(
            ALLOWED.contains(&dep.as_str()),
            "efa-documents must stay small and pure; `{dep}` needs a review of its wasm size and IO"
        );
    }
}

#[test]
fn library_source_does_no_io_and_reads_no_clock() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        count += 1;
        for needle in [
            "std::fs",
            "std::net",
            "std::process",
            "std::env",
            "File::open",
            "SystemTime",
            "Instant::now",
        ] {
            assert!(!src.contains(needle), "{} uses `{needle}`", path.display());
        }
    }
    assert!(count >= 8, "expected the library's modules, found {count}");
}
