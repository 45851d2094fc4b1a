//! Entry point of the browser app; everything lives in the library so tests can reach it.

fn main() {
    efa_onboarding::start();
}
