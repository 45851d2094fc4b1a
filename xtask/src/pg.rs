//! A throw-away PostgreSQL server for the API's tests and benchmarks: `initdb` in a
//! temporary directory, started on a free loopback port, stopped and removed on drop.
//!
//! The binaries come from Debian's `postgresql` package (installed by
//! [`crate::setup::postgresql`]). `initdb` refuses to run as root, so when the tasks run
//! as root the server runs as the `postgres` user that the package creates.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::scratch::{free_port, temp_dir};
use anyhow::{Result, bail};

use crate::{cmd, is_root, output_of};

/// A running throw-away server.
pub struct Cluster {
    bin: PathBuf,
    dir: tempfile::TempDir,
    pub port: u16,
    as_postgres: bool,
}

/// How durable the throw-away server is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// PostgreSQL's defaults: every commit is flushed to disk (for the figures).
    Full,
    /// No flushes at all: the tests kill the API, never the database server, so they do
    /// not need them, and the shared disk is spared a few thousand fsyncs.
    Tests,
}

impl Cluster {
    /// Creates and starts a server; `bin` is the folder of `initdb` and `pg_ctl`.
    pub fn start(bin: &Path, durability: Durability) -> Result<Cluster> {
        let as_postgres = is_root();
        let dir = temp_dir("efa-postgres")?;
        if as_postgres {
            cmd(Command::new("chown").arg("postgres:").arg(dir.path()))?;
        }
        let mut cluster = Cluster {
            bin: bin.to_path_buf(),
            dir,
            port: 0,
            as_postgres,
        };
        let data = cluster.data();
        cluster.run(
            Command::new(bin.join("initdb"))
                .arg("-D")
                .arg(&data)
                .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"])
                .args(["--no-sync", "--no-instructions"]),
        )?;
        let mut options = vec![
            "-c listen_addresses=127.0.0.1".to_owned(),
            format!(
                "-c unix_socket_directories={}",
                cluster.dir.path().display()
            ),
            // Two instances with their pools, the tests' own connections and the
            // migrations of a few dozen fresh databases at once.
            "-c max_connections=300".to_owned(),
        ];
        if durability == Durability::Tests {
            options.extend([
                "-c fsync=off".to_owned(),
                "-c synchronous_commit=off".to_owned(),
                "-c full_page_writes=off".to_owned(),
            ]);
        }
        // A free port can be taken by someone else before the server binds it; then
        // another one is tried.
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port()?;
            let started = cluster.run(
                Command::new(bin.join("pg_ctl"))
                    .arg("-D")
                    .arg(&data)
                    .arg("-l")
                    .arg(cluster.dir.path().join("server.log"))
                    .args(["-w", "-t", "60", "-o"])
                    .arg(format!("{} -c port={port}", options.join(" ")))
                    .arg("start"),
            );
            match started {
                Ok(()) => {
                    cluster.port = port;
                    return Ok(cluster);
                }
                Err(e) => last = format!("{e:#}\n{}", cluster.log_tail()),
            }
        }
        bail!("the PostgreSQL server did not start: {last}")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs a server binary, as the `postgres` user when we are root.
    fn run(&self, c: &mut Command) -> Result<()> {
        if self.as_postgres {
            let mut wrapped = Command::new("runuser");
            wrapped
                .args(["-u", "postgres", "--"])
                .arg(c.get_program())
                .args(c.get_args());
            cmd(wrapped.stdout(std::process::Stdio::null()))
        } else {
            cmd(c.stdout(std::process::Stdio::null()))
        }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(10)..].join("\n")
    }

    /// The server's address for the API's tests: `postgres://postgres@127.0.0.1:PORT`
    /// (they add the database).
    pub fn server_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    /// Creates a database and returns its URL.
    pub fn create_database(&self, name: &str) -> Result<String> {
        cmd(Command::new(self.bin.join("createdb"))
            .args(["-h", "127.0.0.1", "-U", "postgres", "-p"])
            .arg(self.port.to_string())
            .arg(name))?;
        Ok(format!("{}/{name}", self.server_url()))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(&data)
                .args(["-m", "immediate", "-w", "stop"]),
        );
    }
}

/// The folder with the newest installed server binaries, e.g. `/usr/lib/postgresql/15/bin`.
pub fn find_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").exists() && bin.join("pg_ctl").exists()).then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// The server's version, for the bench's report.
pub fn version(bin: &Path) -> String {
    output_of(Command::new(bin.join("postgres")).arg("--version"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}
