//! Status tokens and other secrets.
//!
//! A status token is HMAC-SHA-256(key, id), so a replayed submission (same
//! Idempotency-Key, same body) returns the very token the first, possibly lost, response
//! carried, without the plaintext token ever being stored. The database stores only
//! SHA-256(token); the key lives in a separate file (in the data directory, or where
//! `--token-key-file` says), so a leaked database dump alone does not reveal any token.
//! Several instances on one database must share the key: each derives the tokens and
//! confirmation codes of requests that another one received.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const KEY_FILE: &str = "status-token.key";
const KEY_LEN: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("status-token key {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "status-token key {0}: must be exactly 32 bytes; restore it from backup or remove it only if the database is new"
    )]
    Length(PathBuf),
    #[error("status-token key: no randomness available")]
    Random,
    #[error(
        "status-token key {0}: not found. Every instance on a shared database needs the same key file; create it once with `head -c 32 /dev/urandom > {0}` and give it to each instance"
    )]
    Missing(PathBuf),
}

/// The key for deriving status tokens.
#[derive(Clone)]
pub struct TokenKey([u8; KEY_LEN]);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(..)")
    }
}

impl TokenKey {
    /// Loads the key from the data directory, creating it on first start. The new key is
    /// written to a temporary file, synced and renamed into place, so a crash never
    /// leaves a truncated key behind.
    pub fn load_or_create(data_dir: &Path) -> Result<TokenKey, KeyError> {
        let path = data_dir.join(KEY_FILE);
        let io = |source| KeyError::Io {
            path: path.clone(),
            source,
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                let key: [u8; KEY_LEN] = bytes
                    .try_into()
                    .map_err(|_| KeyError::Length(path.clone()))?;
                return Ok(TokenKey(key));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        let mut key = [0u8; KEY_LEN];
        getrandom::fill(&mut key).map_err(|_| KeyError::Random)?;
        let tmp = data_dir.join(format!("{KEY_FILE}.tmp"));
        {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts.open(&tmp).map_err(io)?;
            f.write_all(&key).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &path).map_err(io)?;
        // The rename is only durable once the directory entry is.
        #[cfg(unix)]
        std::fs::File::open(data_dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
        Ok(TokenKey(key))
    }

    /// Loads the key from a configured file (`--token-key-file`). It is never created
    /// here: instances that each made their own key would not understand each other's
    /// tokens and confirmation codes.
    pub fn load(path: &Path) -> Result<TokenKey, KeyError> {
        match std::fs::read(path) {
            Ok(bytes) => bytes
                .try_into()
                .map(TokenKey)
                .map_err(|_| KeyError::Length(path.to_path_buf())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(KeyError::Missing(path.to_path_buf()))
            }
            Err(source) => Err(KeyError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// A value that identifies the key without revealing it or any token: an HMAC
    /// under its own label. A shared database remembers the first one it saw, so an
    /// instance started with a different key is refused instead of issuing codes that
    /// the others cannot check.
    pub fn fingerprint(&self) -> String {
        let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(&self.0) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(b"efa-onboarding key fingerprint v1\0");
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    #[cfg(test)]
    pub fn from_bytes(key: [u8; KEY_LEN]) -> TokenKey {
        TokenKey(key)
    }

    /// The status token of a request id.
    pub fn status_token(&self, id: &str) -> String {
        // new_from_slice only fails for key lengths HMAC cannot take; SHA-256 HMAC takes any.
        let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(&self.0) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(b"efa-onboarding status token v1\0");
        mac.update(id.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The confirmation code of a request id, for the link in the confirmation mail.
    /// Derived like the status token but under its own label, so neither reveals the
    /// other; the mail can be written (and rewritten after a crash) without the code
    /// ever being stored.
    pub fn confirmation_code(&self, id: &str) -> String {
        let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(&self.0) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(b"efa-onboarding confirmation code v1\0");
        mac.update(id.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Compares two secrets in time independent of where they differ, by comparing their
/// SHA-256 hashes (which also hides their lengths).
pub fn secret_eq(a: &[u8], b: &[u8]) -> bool {
    bool::from(sha256(a).ct_eq(&sha256(b)))
}

/// Compares two hashes in constant time.
pub fn hash_eq(stored: &[u8], presented: &[u8; 32]) -> bool {
    stored.len() == presented.len() && bool::from(presented.as_slice().ct_eq(stored))
}

/// Compares a presented token with a stored hash in constant time.
pub fn token_matches_hash(presented: &str, stored_hash: &[u8]) -> bool {
    let h = sha256(presented.as_bytes());
    stored_hash.len() == h.len() && bool::from(h.as_slice().ct_eq(stored_hash))
}

/// The token of an `Authorization: Bearer <token>` header, if well-formed.
pub fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = token.trim();
    (!token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_deterministic_per_id_and_key() {
        let k = TokenKey::from_bytes([7; 32]);
        let t = k.status_token("a");
        assert_eq!(t, k.status_token("a"));
        assert_ne!(t, k.status_token("b"));
        assert_ne!(t, TokenKey::from_bytes([8; 32]).status_token("a"));
        assert_eq!(t.len(), 43);
        assert!(token_matches_hash(&t, &sha256(t.as_bytes())));
        assert!(!token_matches_hash("x", &sha256(t.as_bytes())));
        assert!(!token_matches_hash(&t, b"short"));
    }

    #[test]
    fn key_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let a = TokenKey::load_or_create(dir.path()).unwrap();
        let b = TokenKey::load_or_create(dir.path()).unwrap();
        assert_eq!(a.0, b.0);
        std::fs::write(dir.path().join(KEY_FILE), b"short").unwrap();
        assert!(matches!(
            TokenKey::load_or_create(dir.path()),
            Err(KeyError::Length(_))
        ));
    }

    #[test]
    fn a_configured_key_is_loaded_never_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        assert!(matches!(TokenKey::load(&path), Err(KeyError::Missing(_))));
        assert!(!path.exists());
        std::fs::write(&path, [9u8; 32]).unwrap();
        let k = TokenKey::load(&path).unwrap();
        assert_eq!(k.0, [9u8; 32]);
        assert_eq!(k.fingerprint(), TokenKey::from_bytes([9; 32]).fingerprint());
        assert_ne!(k.fingerprint(), TokenKey::from_bytes([8; 32]).fingerprint());
        assert_ne!(k.fingerprint(), k.status_token(""));
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(TokenKey::load(&path), Err(KeyError::Length(_))));
    }

    #[test]
    fn bearer_parsing() {
        let mut h = axum::http::HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert("authorization", "Bearer abc".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        h.insert("authorization", "bearer   abc ".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        h.insert("authorization", "Basic abc".parse().unwrap());
        assert_eq!(bearer(&h), None);
        h.insert("authorization", "Bearer ".parse().unwrap());
        assert_eq!(bearer(&h), None);
    }
}
