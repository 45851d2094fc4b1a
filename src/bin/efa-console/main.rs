//! The agency's console: a second wasm module of the app's crate, which `index.html`'s
//! boot script loads instead of the clerk's app under `/verwaltung`. Its code lives in
//! this binary (`console/`), not in the library, so the clerk's app is built exactly as
//! without it; clerks never download it.

mod console;

fn main() {
    console::start();
}
