//! Release builds of the app (Trunk, offline) and of the API, and the API conformance run.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cargo, cmd, hex8, root, say, scratch, setup, split};

// Shared with the API without depending on it: both hash inline scripts with this code.
#[path = "../../crates/api/src/csp_hashes.rs"]
mod csp_hashes;

/// Inputs of the app build. If none of them changed since the last build, `dist/` is reused,
/// so a second `cargo xtask serve` starts within seconds.
const APP_INPUTS: &[&str] = &[
    "src",
    "style",
    "public",
    "index.html",
    "Trunk.toml",
    "build.rs",
    "Cargo.toml",
    "Cargo.lock",
    ".cargo/config.toml",
    "crates/domain/src",
    "crates/domain/Cargo.toml",
    "crates/documents/src",
    "crates/documents/Cargo.toml",
];

const STAMP: &str = ".build-stamp";

/// Builds the app in release into `dist/` and writes `.br`/`.gz` siblings for the API to
/// serve precompressed.
pub fn app() -> Result<()> {
    let dist = root().join("dist");
    let stamp = inputs_fingerprint()?;
    if std::fs::read_to_string(dist.join(STAMP)).ok().as_deref() == Some(stamp.as_str()) {
        say("app is up to date in dist/ (inputs unchanged)");
        return Ok(());
    }
    say("building the app in release with Trunk (offline)");
    let version = setup::wasm_bindgen_version()?;
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![setup::wasm_opt_dir()];
    dirs.extend(std::env::split_paths(&path));
    let path = std::env::join_paths(dirs)?;
    cmd(Command::new("trunk")
        .args(["build", "--release", "--offline"])
        .env("PATH", path)
        .env("TRUNK_TOOLS_WASM_BINDGEN", version)
        // Keep the Trunk log quiet and its colours out of CI logs.
        .env("NO_COLOR", "true")
        .current_dir(root()))?;
    // index.html builds the app with its lazy routes; cut them into modules of their own.
    let split = split::app(&dist)?;
    say(&format!(
        "app split into {}/: the main module and {} lazily loaded ones",
        split.folder, split.modules
    ));
    for stem in MODULES {
        let (js, wasm) = hash_module(&dist, stem)?;
        say(&format!("module {stem}: {js}, {wasm}"));
    }
    let (files, raw, br) = precompress(&dist)?;
    say(&format!(
        "dist/: {files} files precompressed ({} raw, {} brotli)",
        kb(raw),
        kb(br)
    ));
    write_csp_hashes(&dist)?;
    std::fs::write(dist.join(STAMP), stamp).context("cannot write the stamp")
}

/// Lists the SHA-256 of index.html's inline scripts in dist/ for the API's
/// Content-Security-Policy. Written last, after every change to index.html, because the
/// API trusts the list only while it is not older than the page.
fn write_csp_hashes(dist: &Path) -> Result<()> {
    let html = std::fs::read_to_string(dist.join("index.html")).context("dist/index.html")?;
    let text = csp_hashes::hashes_file_text(&html);
    say(&format!(
        "dist/{}: {} inline script(s)",
        csp_hashes::HASHES_FILE,
        text.lines().count()
    ));
    std::fs::write(dist.join(csp_hashes::HASHES_FILE), text)
        .with_context(|| format!("dist/{}", csp_hashes::HASHES_FILE))
}

/// The modules Trunk builds besides the app under fixed names (see index.html): the PDF
/// module, which the app loads when it first offers PDFs, and the agency's console, which
/// the boot script loads instead of the app under `/verwaltung`.
const MODULES: &[&str] = &["efa-pdf", "efa-console"];

/// Gives a module's files content-hashed names, like the app's own files, so the API
/// serves them as immutable and a new release can never pair an old script with a new
/// wasm; then writes the names into `dist/index.html`. Returns the new names.
fn hash_module(dist: &Path, stem: &str) -> Result<(String, String)> {
    use sha2::{Digest, Sha256};
    let (js_from, wasm_from) = (format!("{stem}.js"), format!("{stem}_bg.wasm"));
    let read = |name: &str| std::fs::read(dist.join(name)).with_context(|| format!("dist/{name}"));
    let (js, wasm) = (read(&js_from)?, read(&wasm_from)?);
    let mut hash = Sha256::new();
    hash.update(&js);
    hash.update(&wasm);
    let hex = hex8(&hash.finalize());
    let (js_name, wasm_name) = (format!("{stem}-{hex}.js"), format!("{stem}-{hex}_bg.wasm"));
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).context("dist/index.html")?;
    let html = name_module(&html, stem, &js_name, &wasm_name)?;
    for (from, to) in [(&js_from, &js_name), (&wasm_from, &wasm_name)] {
        std::fs::rename(dist.join(from), dist.join(to))
            .with_context(|| format!("renaming dist/{from}"))?;
    }
    std::fs::write(&index, html).context("dist/index.html")?;
    Ok((js_name, wasm_name))
}

/// `html` with the fixed paths of module `stem` replaced by `js` and `wasm`; each path
/// must occur exactly once (in the meta element that names the module).
fn name_module(html: &str, stem: &str, js: &str, wasm: &str) -> Result<String> {
    let mut out = html.to_string();
    for (from, to) in [
        (format!("{stem}.js"), js),
        (format!("{stem}_bg.wasm"), wasm),
    ] {
        let old = format!("/{from}");
        let count = out.matches(&old).count();
        if count != 1 {
            bail!("index.html names {old} {count} times, expected once");
        }
        out = out.replace(&old, &format!("/{to}"));
    }
    Ok(out)
}

/// Builds the API binary with the `server` profile.
pub fn api() -> Result<()> {
    cmd(cargo().args(["build", "--locked", "--profile", "server", "-p", "efa-api"]))
}

pub fn api_binary() -> PathBuf {
    root().join("target/server/efa-api")
}

fn inputs_fingerprint() -> Result<String> {
    let mut files = Vec::new();
    for input in APP_INPUTS {
        collect(&root().join(input), &mut files);
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        let meta = std::fs::metadata(f).with_context(|| f.display().to_string())?;
        f.hash(&mut h);
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
    }
    Ok(format!("{:016x}\n", h.finish()))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for e in entries.flatten() {
                collect(&e.path(), out);
            }
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

const COMPRESSIBLE: &[&str] = &[
    "html", "js", "wasm", "css", "json", "tsv", "svg", "txt", "map",
];

/// Writes `file.br` and `file.gz` next to every compressible file. Returns (files, raw
/// bytes, brotli bytes).
pub fn precompress(dir: &Path) -> Result<(usize, u64, u64)> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    let (mut n, mut raw, mut brotli_total) = (0usize, 0u64, 0u64);
    for f in files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let data = std::fs::read(&f).with_context(|| f.display().to_string())?;
        let br = brotli_bytes(&data)?;
        let gz = gzip_bytes(&data)?;
        write_sibling(&f, "br", &br)?;
        write_sibling(&f, "gz", &gz)?;
        n += 1;
        raw += data.len() as u64;
        brotli_total += br.len() as u64;
    }
    Ok((n, raw, brotli_total))
}

pub fn brotli_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(data)?;
    }
    Ok(out)
}

pub fn gzip_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(data)?;
    Ok(w.finish()?)
}

fn write_sibling(file: &Path, ext: &str, data: &[u8]) -> Result<()> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    std::fs::write(PathBuf::from(name), data).with_context(|| file.display().to_string())
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// A running API server on a free port with a throw-away data directory. Killed on drop.
pub struct Server {
    child: Child,
    pub base: String,
    _data: tempfile::TempDir,
}

impl Server {
    pub fn start(extra_args: &[&str]) -> Result<Server> {
        let data = scratch::temp_dir("efa-api")?;
        let port = scratch::free_port()?;
        let child = Command::new(api_binary())
            .args(["--port", &port.to_string(), "--data-dir"])
            .arg(data.path())
            .arg("--dist")
            .arg(root().join("dist"))
            .args(extra_args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start the API")?;
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _data: data,
        };
        server.wait_ready()?;
        Ok(server)
    }

    /// The server's throw-away data directory (the bench measures its disk).
    pub fn data_dir(&self) -> &Path {
        self._data.path()
    }

    fn wait_ready(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = self.base.trim_start_matches("http://").to_string();
        while Instant::now() < deadline {
            if let Ok(mut s) = std::net::TcpStream::connect(&addr) {
                let req =
                    format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
                let mut buf = String::new();
                if s.write_all(req.as_bytes()).is_ok()
                    && std::io::Read::read_to_string(&mut s, &mut buf).is_ok()
                    && buf.starts_with("HTTP/1.1 200")
                {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!("the API did not become healthy within 30 s")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Checks the API against its own OpenAPI document with schemathesis
/// (`crates/api/tests/schemathesis.sh` starts the server, seeds it and runs the checks).
pub fn schemathesis(bin: &Path) -> Result<()> {
    cmd(Command::new("bash")
        .arg(root().join("crates/api/tests/schemathesis.sh"))
        .env("EFA_API_BIN", api_binary())
        .env("SCHEMATHESIS", bin)
        .env("NO_COLOR", "1")
        .current_dir(root()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::{csp_hashes, name_module, write_csp_hashes};

    #[test]
    fn the_pdf_module_is_renamed_in_the_meta_element() {
        // As Trunk minifies it.
        let html = r#"<meta content=/efa-pdf.js data-wasm=/efa-pdf_bg.wasm name=efa-pdf-module>"#;
        assert_eq!(
            name_module(html, "efa-pdf", "efa-pdf-00ff.js", "efa-pdf-00ff_bg.wasm").unwrap(),
            r#"<meta content=/efa-pdf-00ff.js data-wasm=/efa-pdf-00ff_bg.wasm name=efa-pdf-module>"#
        );
    }

    #[test]
    fn each_module_is_renamed_in_its_own_meta_element() {
        let html = concat!(
            "<meta content=/efa-pdf.js data-wasm=/efa-pdf_bg.wasm name=efa-pdf-module>",
            "<meta content=/efa-console.js data-wasm=/efa-console_bg.wasm name=efa-console-module>"
        );
        let html = name_module(
            html,
            "efa-console",
            "efa-console-0a.js",
            "efa-console-0a_bg.wasm",
        )
        .unwrap();
        assert!(html.contains("content=/efa-pdf.js data-wasm=/efa-pdf_bg.wasm"));
        assert!(html.contains("content=/efa-console-0a.js data-wasm=/efa-console-0a_bg.wasm"));
    }

    #[test]
    fn a_missing_or_repeated_name_is_an_error() {
        assert!(name_module("<p>", "efa-pdf", "a.js", "a_bg.wasm").is_err());
        let twice = "/efa-pdf.js /efa-pdf.js /efa-pdf_bg.wasm";
        assert!(name_module(twice, "efa-pdf", "a.js", "a_bg.wasm").is_err());
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn the_csp_hash_list_names_each_inline_script() {
        let dist = tempfile::tempdir().unwrap();
        let html = "<script src=/a.js></script><script type=module>init()</script>";
        std::fs::write(dist.path().join("index.html"), html).unwrap();
        write_csp_hashes(dist.path()).unwrap();
        let text = std::fs::read_to_string(dist.path().join(csp_hashes::HASHES_FILE)).unwrap();
        // SHA-256 of `init()`.
        assert_eq!(
            text,
            "'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8='\n"
        );
    }
}
