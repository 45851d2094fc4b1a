//! Where the app's wasm size goes (section 8): `twiggy` over the main module of the release
//! wasm as cargo writes it, cut as `cargo xtask build` cuts it, before wasm-bindgen and
//! wasm-opt, because only then does it still have the function names. Its absolute sizes
//! are larger than what ships; the shares show which crates and functions to work on.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::figures::kb;
use super::report::{Line, Report};
use crate::{cmd, output_of, root, say};

const TWIGGY_VERSION: &str = "0.8.0";
/// Rows of each table: enough to see where to start.
const TOP: usize = 12;

/// twiggy from the Rust package registry; only this part of the bench needs it.
pub(super) fn twiggy() -> Result<()> {
    let found = output_of(Command::new("twiggy").arg("--version")).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(TWIGGY_VERSION) {
        return Ok(());
    }
    say(&format!(
        "installing twiggy {TWIGGY_VERSION} from the Rust package registry (wasm size profiler, takes a few minutes once)"
    ));
    cmd(Command::new("cargo").args(["install", "--locked", &format!("twiggy@{TWIGGY_VERSION}")]))
}

/// One item of the wasm file as twiggy lists it.
struct Item {
    name: String,
    bytes: u64,
}

fn items(wasm: &Path) -> Result<Vec<Item>> {
    let out = Command::new("twiggy")
        .args(["top", "--format", "json"])
        .arg(wasm)
        .output()
        .context("running twiggy")?;
    if !out.status.success() {
        bail!(
            "twiggy failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).context("twiggy's JSON")?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Item {
                name: r.get("name")?.as_str()?.to_owned(),
                bytes: r.get("shallow_size")?.as_u64()?,
            })
        })
        .collect())
}

/// Custom sections (names, debug info, wasm-bindgen's metadata) and wasm-bindgen's
/// describe functions do not ship: wasm-bindgen and wasm-opt remove them.
fn ships(name: &str) -> bool {
    !(name.starts_with("custom section")
        || name.contains("\" subsection")
        || name.contains("__wbindgen_describe"))
}

/// The crate an item's code comes from: the first path segment of its name
/// (`<tachys::view::… as …>::build` → `tachys`); for an impl on a bare type parameter or
/// a type without a path (`<T as tachys::…::IntoAny>`), the trait's crate. Data, tables
/// and unnamed code are grouped by kind.
pub(super) fn crate_of(name: &str) -> &str {
    if name.starts_with("data segment") || name.starts_with("data[") {
        return "(data)";
    }
    let trimmed = name.trim_start_matches(['<', '&', '*']);
    let trimmed = ["dyn ", "mut ", "const "]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p))
        .unwrap_or(trimmed);
    let Some(end) = trimmed.find("::") else {
        return OTHER;
    };
    let head = &trimmed[..end];
    if let Some(at) = head.find(" as ") {
        // The trait's path starts after " as ".
        return crate_of(&trimmed[at + 4..]);
    }
    // `dlmalloc[e3a7d1…]`: the crate's disambiguator is not part of its name.
    let head = head.split('[').next().unwrap_or(head);
    if !head.is_empty() && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        head
    } else {
        OTHER
    }
}

const OTHER: &str = "(other: tables, types, unnamed code)";

/// Prints the crates and the functions that take the most of the app's main module: the
/// part every clerk loads before the first page (the pages' own modules load later).
pub(super) fn app_wasm(report: &mut Report) -> Result<()> {
    let input = root().join("target/wasm32-unknown-unknown/release/efa-onboarding.wasm");
    if !input.exists() {
        bail!("{} is missing (run cargo xtask build)", input.display());
    }
    // Cut again as `cargo xtask build` does; only there do the names survive.
    let bytes = std::fs::read(&input).with_context(|| input.display().to_string())?;
    let dir = crate::scratch::temp_dir("efa-size")?;
    let (wasm, _) = crate::split::cut(&input, &bytes, dir.path())?;
    let all = items(&wasm)?;
    let shipped: Vec<&Item> = all.iter().filter(|i| ships(&i.name)).collect();
    let total: u64 = shipped.iter().map(|i| i.bytes).sum();
    let file = std::fs::metadata(&wasm)?.len();
    let share = |b: u64| 100.0 * b as f64 / total.max(1) as f64;

    let lines = report.section(
        "8. App wasm, main module: where the size goes (twiggy; after the split, before wasm-bindgen and wasm-opt)",
    );
    lines.push(Line::new(
        "  code and data (custom sections and wasm-bindgen's describe functions left out)",
        format!("{} of a {} file", kb(total as f64), kb(file as f64)),
    ));
    let mut by_crate: BTreeMap<&str, u64> = BTreeMap::new();
    for i in &shipped {
        *by_crate.entry(crate_of(&i.name)).or_default() += i.bytes;
    }
    let mut crates: Vec<(&str, u64)> = by_crate.into_iter().collect();
    crates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    lines.push(Line::new("  by crate", ""));
    for (name, bytes) in crates.iter().take(TOP) {
        lines.push(Line::new(
            format!("    {name}"),
            format!("{} ({:.1} %)", kb(*bytes as f64), share(*bytes)),
        ));
    }
    lines.push(Line::new("  by function", ""));
    let mut functions: Vec<&&Item> = shipped
        .iter()
        .filter(|i| !crate_of(&i.name).starts_with('('))
        .collect();
    functions.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.name.cmp(&b.name)));
    for i in functions.into_iter().take(TOP) {
        lines.push(Line::new(
            format!("    {}", short(&i.name)),
            format!("{} ({:.1} %)", kb(i.bytes as f64), share(i.bytes)),
        ));
    }
    Ok(())
}

/// A function name without its hash and cut to a line.
fn short(name: &str) -> String {
    let name = match name.rfind("::h") {
        Some(at) if name[at + 3..].chars().all(|c| c.is_ascii_hexdigit()) => &name[..at],
        _ => name,
    };
    if name.chars().count() > 90 {
        let cut: String = name.chars().take(89).collect();
        format!("{cut}…")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_attributed_to_their_crate() {
        let cases = [
            (
                "tachys::view::iterators::<impl tachys::view::Render for alloc::vec::Vec<T>>::rebuild::h3d87",
                "tachys",
            ),
            (
                "<either_of::EitherOf12<A,B> as leptos_router::matching::ChooseView>::choose::{{closure}}::h85",
                "either_of",
            ),
            (
                "efa_domain::catalog::Catalog::from_json::hd4a1",
                "efa_domain",
            ),
            // An impl on a type parameter counts for the trait's crate.
            (
                "<T as tachys::view::any_view::IntoAny>::into_any::rebuild::h5",
                "tachys",
            ),
            ("<&T as core::fmt::Display>::fmt::h1", "core"),
            ("<dlmalloc[e3a7d1]::Dlmalloc<A>>::malloc::h2", "dlmalloc"),
            ("data segment \".rodata\"", "(data)"),
            ("code[1234]", "(other: tables, types, unnamed code)"),
        ];
        for (name, want) in cases {
            assert_eq!(crate_of(name), want, "{name}");
        }
        assert!(!ships("custom section '.debug_str'"));
        assert!(!ships("\"function names\" subsection"));
        assert!(ships("data segment \".rodata\""));
    }

    #[test]
    fn names_lose_their_hash() {
        assert_eq!(short("a::b::h3d87d89322d81e09"), "a::b");
        assert_eq!(short("a::hello"), "a::hello");
    }
}
