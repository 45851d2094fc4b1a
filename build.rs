//! Link settings the app's wasm needs for the split into lazily loaded modules.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    // The splitter follows every call and data reference through the linker's relocations,
    // which the linker drops unless asked to keep them. Only the clerk's app is split.
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=efa-onboarding=--emit-relocs");
    }
}
