//! Throw-away resources of the tasks that start servers: temporary folders (removed when
//! dropped) and free loopback ports.

use anyhow::{Context, Result};

/// A temporary folder named after `prefix`, removed with everything in it when dropped.
pub fn temp_dir(prefix: &str) -> Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(&format!("{prefix}-"))
        .tempdir()
        .context("cannot create a temporary folder")
}

/// A loopback port nothing listens on right now.
pub fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("cannot bind a loopback port")?;
    Ok(l.local_addr()?.port())
}
