//! `cargo xtask fonts`: makes the fonts the PDF documents embed, `crates/documents/fonts/`,
//! from Debian's Liberation Sans with fontTools (see `crates/documents/fonts/SOURCE.md`).
//!
//! The results are committed, so neither a build nor a test runs this; it documents and
//! repeats how the files were made.

use std::process::Command;

use anyhow::{Context, Result};

use crate::{cmd, root, say, setup};

/// Where Debian's `fonts-liberation2` puts the fonts.
const SOURCE_DIR: &str = "/usr/share/fonts/truetype/liberation2";

pub fn run() -> Result<()> {
    setup::liberation_fonts()?;
    setup::python_tools()?;
    let python = root().join("target/pyenv/bin/python");
    let script = root().join("xtask/fonts/subset.py");
    let out = root().join("crates/documents/fonts");
    for style in ["Regular", "Bold"] {
        let source = format!("{SOURCE_DIR}/LiberationSans-{style}.ttf");
        let target = out.join(format!("EfASans-{style}.ttf"));
        cmd(Command::new(&python)
            .arg(&script)
            .arg(&source)
            .arg(&target)
            .arg(style))?;
        let size = std::fs::metadata(&target)
            .with_context(|| target.display().to_string())?
            .len();
        say(&format!("{} ({size} bytes)", target.display()));
    }
    Ok(())
}
