//! The clerk's app split into lazily loaded wasm modules, between cargo and wasm-bindgen.
//!
//! Trunk builds the app with the `split` feature (its lazy routes then call into modules
//! that do not exist yet) and runs wasm-bindgen over the whole module; Trunk has no step
//! between the two. So this step starts again from cargo's output, which the `split`
//! feature links with relocations (`build.rs`):
//!
//! 1. `wasm_split_cli_support` cuts it at the lazy routes into the main module, one module
//!    per route and the chunks they share, and writes the loader `__wasm_split.js`;
//! 2. wasm-bindgen (`--target web`, keeping the exports the route modules import from the
//!    main module) writes the JS glue for the main module;
//! 3. wasm-opt optimises every module;
//! 4. all of it goes into one folder named with the hash of its content,
//!    `dist/efa-onboarding-<hash>/`, which replaces Trunk's two files in `dist/` and in
//!    index.html. The loader fetches the modules relative to itself, so one folder keeps
//!    a release's files together: an old page can never load a new release's module.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, anyhow, bail};

use crate::{cmd, hex8, root, setup};

/// The app's binary, as cargo, wasm-bindgen and Trunk name it.
const STEM: &str = "efa-onboarding";

/// What index.html's `data-wasm-opt-params` give wasm-opt for the other modules: the
/// features rustc's wasm32 target enables by default, which wasm-opt must accept.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// What the split wrote into `dist/`.
pub struct Split {
    /// The folder's name, `efa-onboarding-<hash>`.
    pub folder: String,
    /// The route and chunk modules besides the main module.
    pub modules: usize,
}

/// Splits cargo's release wasm of the app and puts the result in place of Trunk's app
/// files in `dist`.
pub fn app(dist: &Path) -> Result<Split> {
    let input = root().join(format!("target/wasm32-unknown-unknown/release/{STEM}.wasm"));
    let wasm = std::fs::read(&input).with_context(|| input.display().to_string())?;
    // In target/, on the same file system as dist/, so the result can be moved in whole.
    let work = tempfile::Builder::new()
        .prefix("split-")
        .tempdir_in(root().join("target"))
        .context("cannot create a folder in target/")?;
    let split_dir = work.path().join("split");
    let out = work.path().join("out");
    let (main, split) = cut(&input, &wasm, &split_dir)?;

    cmd(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-typescript"])
        .arg("--out-dir")
        .arg(&out)
        .arg(&main))?;
    let loader = split_dir.join("__wasm_split.js");
    let text = std::fs::read_to_string(&loader).context("the split's loader")?;
    std::fs::write(&loader, sorted_shares(&text)).context("the split's loader")?;
    let mut moved: Vec<PathBuf> = split.split_modules.clone();
    moved.push(loader);
    for from in &moved {
        let name = from.file_name().context("a split module without a name")?;
        std::fs::rename(from, out.join(name))
            .with_context(|| format!("moving {}", from.display()))?;
    }

    let wasm_opt = setup::wasm_opt_dir().join("wasm-opt");
    for file in files(&out)? {
        if file.extension().is_some_and(|e| e == "wasm") {
            let run = Command::new(&wasm_opt)
                .arg("-Oz")
                .args(WASM_OPT_FEATURES)
                .arg(&file)
                .arg("-o")
                .arg(&file)
                .output()
                .context("cannot start wasm-opt")?;
            // Its output only on failure: for every route module it warns about a names
            // subsection it does not know, which it drops anyway.
            if !run.status.success() {
                bail!(
                    "wasm-opt failed on {}: {}",
                    file.display(),
                    String::from_utf8_lossy(&run.stderr).trim()
                );
            }
        }
    }

    let folder = format!("{STEM}-{}", content_hash(&out)?);
    let target = dist.join(&folder);
    if target.exists() {
        std::fs::remove_dir_all(&target).with_context(|| target.display().to_string())?;
    }
    std::fs::rename(&out, &target).with_context(|| format!("moving the split into {folder}"))?;
    replace_trunk_files(dist, &folder)?;
    Ok(Split {
        folder,
        modules: split.split_modules.len(),
    })
}

/// Cuts cargo's wasm (`input`, read as `wasm`) at its split points into `dir`: the main
/// module (returned first), the other modules and the loader.
pub fn cut(
    input: &Path,
    wasm: &[u8],
    dir: &Path,
) -> Result<(PathBuf, wasm_split_cli_support::SplitWasm)> {
    let main = dir.join(format!("{STEM}.wasm"));
    let main_module = format!("./{STEM}.js");
    let mut options = wasm_split_cli_support::Options::new(wasm);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow!("splitting {}: {e:#}", input.display()))?;
    Ok((main, split))
}

/// The loader with the names it takes from the main module in one order: the splitter
/// lists them in the order of a hash set, which differs from run to run, and so would
/// the folder's hash for the same build.
fn sorted_shares(loader: &str) -> String {
    let mut out = String::with_capacity(loader.len());
    for line in loader.split_inclusive('\n') {
        let shares = line.contains("} = initSync(")
            || line.contains("Object.assign(sharedImports.__wasm_split, {");
        match (shares, line.find('{'), line.rfind('}')) {
            (true, Some(open), Some(close)) if open < close => {
                let mut names: Vec<&str> = line[open + 1..close]
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .collect();
                names.sort_unstable();
                out.push_str(&line[..=open]);
                out.push(' ');
                for name in names {
                    out.push_str(name);
                    out.push_str(", ");
                }
                out.push_str(&line[close..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Every file under `dir`, sorted by path, so the hash does not depend on the order the
/// file system lists them in.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| d.display().to_string())? {
            let path = entry?.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The first 8 bytes of the SHA-256 over every file's relative path and content, in hex.
fn content_hash(dir: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for file in files(dir)? {
        let relative = file.strip_prefix(dir)?.to_string_lossy().into_owned();
        hash.update(relative.as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(&file).with_context(|| file.display().to_string())?);
    }
    Ok(hex8(&hash.finalize()))
}

/// Removes Trunk's whole-module app files from `dist` and points index.html's boot call
/// at the split's glue and main module instead.
fn replace_trunk_files(dist: &Path, folder: &str) -> Result<()> {
    let index = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index).context("dist/index.html")?;
    let mut replaced = 0;
    for entry in std::fs::read_dir(dist).context("dist/")? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(kind) = trunk_app_file(name) else {
            continue;
        };
        let new = match kind {
            Kind::Glue => format!("/{folder}/{STEM}.js"),
            Kind::Wasm => format!("/{folder}/{STEM}_bg.wasm"),
        };
        let old = format!("/{name}");
        let count = html.matches(&old).count();
        if count != 1 {
            bail!("index.html names {old} {count} times, expected once");
        }
        html = html.replace(&old, &new);
        std::fs::remove_file(&path).with_context(|| path.display().to_string())?;
        replaced += 1;
    }
    if replaced != 2 {
        bail!("expected Trunk's app glue and wasm in dist/, found {replaced} of them");
    }
    std::fs::write(&index, html).context("dist/index.html")
}

enum Kind {
    Glue,
    Wasm,
}

/// Whether `name` is one of the app files Trunk writes (`efa-onboarding-<hash>.js`,
/// `efa-onboarding-<hash>_bg.wasm`), and which.
fn trunk_app_file(name: &str) -> Option<Kind> {
    let rest = name.strip_prefix(STEM)?.strip_prefix('-')?;
    let (hash, kind) = if let Some(h) = rest.strip_suffix("_bg.wasm") {
        (h, Kind::Wasm)
    } else {
        (rest.strip_suffix(".js")?, Kind::Glue)
    };
    (!hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(kind)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn the_loader_lists_the_shared_names_in_one_order() {
        let a = "let x;\n        const { memory, __indirect_function_table, __wasm_split_shared0,  } = initSync(undefined, undefined);\n        Object.assign(sharedImports.__wasm_split, { memory, __indirect_function_table, __wasm_split_shared0,  });\n";
        let b = "let x;\n        const { __wasm_split_shared0, __indirect_function_table, memory,  } = initSync(undefined, undefined);\n        Object.assign(sharedImports.__wasm_split, { __wasm_split_shared0, __indirect_function_table, memory,  });\n";
        assert_eq!(sorted_shares(a), sorted_shares(b));
        assert_eq!(
            sorted_shares(a),
            "let x;\n        const { __indirect_function_table, __wasm_split_shared0, memory, } = initSync(undefined, undefined);\n        Object.assign(sharedImports.__wasm_split, { __indirect_function_table, __wasm_split_shared0, memory, });\n"
        );
        let other = "const { a, b } = other();\n";
        assert_eq!(sorted_shares(other), other);
    }

    #[test]
    fn only_trunks_app_files_are_replaced() {
        assert!(matches!(
            trunk_app_file("efa-onboarding-0a1b2c.js"),
            Some(Kind::Glue)
        ));
        assert!(matches!(
            trunk_app_file("efa-onboarding-0a1b2c_bg.wasm"),
            Some(Kind::Wasm)
        ));
        for other in [
            "efa-onboarding-0a1b2c.js.br",
            "efa-onboarding.js",
            "efa-onboarding-.js",
            "efa-onboarding-xyz.js",
            "efa-console-0a1b2c.js",
            "efa-pdf-0a1b2c_bg.wasm",
        ] {
            assert!(trunk_app_file(other).is_none(), "{other}");
        }
    }
}
