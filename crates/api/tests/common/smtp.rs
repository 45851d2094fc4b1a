//! A real SMTP server on loopback for the tests: aiosmtpd from the Python package
//! registry (installed into `target/pyenv` by `cargo xtask test`), delivering every mail
//! it receives into a Maildir that the tests read.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Smtp {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

fn python() -> PathBuf {
    if let Ok(p) = std::env::var("EFA_TEST_PYTHON") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/pyenv/bin/python")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Smtp {
    /// Starts the server and waits until it accepts connections.
    pub fn start() -> Smtp {
        let python = python();
        assert!(
            python.exists(),
            "no Python environment with aiosmtpd at {}: run `cargo xtask test` once, or \
             `python3 -m venv target/pyenv && target/pyenv/bin/pip install aiosmtpd==1.4.6`",
            python.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("Maildir");
        let port = free_port();
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Smtp { port, dir, child }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, as raw RFC 5322 text.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.dir.path().join("Maildir").join(sub)) else {
                continue;
            };
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                if let Ok(bytes) = std::fs::read(&p) {
                    out.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        out
    }

    /// Waits (up to 20 s) until `count` mails matching `pred` arrived and returns them.
    pub async fn wait_for(&self, count: usize, pred: impl Fn(&str) -> bool) -> Vec<String> {
        let started = Instant::now();
        loop {
            let found: Vec<String> = self.messages().into_iter().filter(|m| pred(m)).collect();
            if found.len() >= count {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "expected {count} matching mails, got {}: {:#?}",
                found.len(),
                self.messages()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The confirmation link's id and code from a mail.
pub fn confirmation_link(mail: &str) -> (String, String) {
    let start = mail.find("/bestaetigen/").expect("a confirmation link");
    let rest = &mail[start + "/bestaetigen/".len()..];
    let line = rest.lines().next().unwrap().trim();
    let (id, code) = line.split_once("#code=").expect("#code= in the link");
    (id.to_owned(), code.to_owned())
}
