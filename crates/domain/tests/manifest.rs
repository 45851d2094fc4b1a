//! Invariant: the domain crate's source does no IO. (That it reaches no web, UI, HTTP or
//! database crate is checked on Cargo's resolved graph, in the workspace's
//! `tests/invariants.rs`.) Both the browser app and the API rely on it compiling everywhere
//! and behaving the same.

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
