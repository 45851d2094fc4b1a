//! Invariant: like the domain crate, the documents crate's source does no IO and reads no
//! clock. (Its dependencies, only the small PDF writers it was measured with, are checked
//! on Cargo's resolved graph in the workspace's `tests/invariants.rs`.) The app compiles it
//! to wasm32 and the documents must be the same wherever they are generated.

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
