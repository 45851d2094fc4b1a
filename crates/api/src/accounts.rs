//! Personal operator accounts of the agency, each scoped to a set of Länder.
//!
//! An account's token is shown once when the account is created; the database keeps only
//! its SHA-256, so a database dump reveals no usable token. Accounts are never deleted,
//! only revoked, so that every name in the audit log and the status history stays
//! unambiguous.

use efa_domain::land::Land;
use rusqlite::{Connection, OptionalExtension, params};
use subtle::ConstantTimeEq;

use crate::timeutil;
use crate::token::sha256;

/// Prefix of every operator token: makes a leaked token recognisable (secret scanners,
/// log reviews) and tells it apart from a municipality's status token.
const TOKEN_PREFIX: &str = "efaop_";
/// Random bytes per token (256 bits of entropy).
const TOKEN_BYTES: usize = 32;
const NAME_MAX_CHARS: usize = 64;

pub use crate::storage::AccountError;
use crate::storage::StoredAccount;

/// A comma-separated list of Länder, or `all` (see [`Land::parse_list`]).
pub fn parse_lands(text: &str) -> Result<Vec<Land>, AccountError> {
    Land::parse_list(text).ok_or_else(|| AccountError::InvalidLands(text.to_owned()))
}

/// The Länder as they are printed: ISO letters, comma-separated, or `all`.
pub fn format_lands(lands: &[Land]) -> String {
    if lands.len() == Land::ALL.len() {
        "all".to_owned()
    } else {
        stored_lands(lands)
    }
}

/// The Länder as they are stored: ISO letters, comma-separated.
pub fn stored_lands(lands: &[Land]) -> String {
    lands
        .iter()
        .map(|l| l.iso_code())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn lands_from_stored(text: &str) -> Vec<Land> {
    // Parsed leniently: a value this program did not write is at worst narrower.
    let mut lands: Vec<Land> = text.split(',').filter_map(Land::parse).collect();
    lands.sort_unstable();
    lands.dedup();
    lands
}

/// Checks an account name: 1–64 characters, letters, digits and `.-_@` (so that it reads
/// well in logs and tab-separated output and cannot carry control characters).
pub fn check_name(name: &str) -> Result<(), AccountError> {
    let n = name.chars().count();
    let ok = (1..=NAME_MAX_CHARS).contains(&n)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
    if ok {
        Ok(())
    } else {
        Err(AccountError::InvalidName(name.to_owned()))
    }
}

/// A new random token; engines store only its SHA-256.
pub fn new_token() -> Result<String, AccountError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|_| AccountError::Random)?;
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes);
    Ok(format!("{TOKEN_PREFIX}{encoded}"))
}

/// Creates an account and returns its token, which exists nowhere else afterwards.
pub fn add(conn: &Connection, name: &str, lands: &[Land]) -> Result<String, AccountError> {
    check_name(name)?;
    if lands.is_empty() {
        return Err(AccountError::InvalidLands(String::new()));
    }
    let token = new_token()?;
    let inserted = conn.execute(
        "INSERT INTO operator_accounts (name, lands, token_sha256, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
        params![
            name,
            stored_lands(lands),
            sha256(token.as_bytes()).as_slice(),
            timeutil::format_utc(timeutil::now())
        ],
    )?;
    if inserted == 0 {
        return Err(AccountError::NameTaken(name.to_owned()));
    }
    Ok(token)
}

/// Every account, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<StoredAccount>, AccountError> {
    let mut stmt = conn.prepare(
        "SELECT name, lands, created_at, revoked_at FROM operator_accounts ORDER BY created_at, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredAccount {
            name: r.get(0)?,
            lands: lands_from_stored(&r.get::<_, String>(1)?),
            created_at: r.get(2)?,
            revoked_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Revokes an account; its token is refused from the next request on.
pub fn revoke(conn: &Connection, name: &str) -> Result<(), AccountError> {
    let revoked: Option<Option<String>> = conn
        .query_row(
            "SELECT revoked_at FROM operator_accounts WHERE name = ?1",
            params![name],
            |r| r.get(0),
        )
        .optional()?;
    match revoked {
        None => Err(AccountError::Unknown(name.to_owned())),
        Some(Some(_)) => Err(AccountError::AlreadyRevoked(name.to_owned())),
        Some(None) => {
            conn.execute(
                "UPDATE operator_accounts SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
                params![name, timeutil::format_utc(timeutil::now())],
            )?;
            Ok(())
        }
    }
}

/// The active account whose token this is, or `None` (see [`match_token`]). An index
/// lookup by hash would be faster but leaks timing; the table is small.
pub fn authenticate(conn: &Connection, token: &str) -> Result<Option<StoredAccount>, AccountError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, lands, created_at, revoked_at, token_sha256 FROM operator_accounts",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            StoredAccount {
                name: r.get(0)?,
                lands: lands_from_stored(&r.get::<_, String>(1)?),
                created_at: r.get(2)?,
                revoked_at: r.get(3)?,
            },
            r.get::<_, Vec<u8>>(4)?,
        ))
    })?;
    let rows = rows.collect::<Result<Vec<_>, _>>()?;
    Ok(match_token(rows, token))
}

/// The active account among `rows` (account, stored token hash) whose hash is that of
/// `token`. Every hash is compared in constant time and the loop never stops early, so
/// the answer time does not tell how close a guess came or which account it hit. Shared
/// by the engines, so both authenticate alike.
pub fn match_token(rows: Vec<(StoredAccount, Vec<u8>)>, token: &str) -> Option<StoredAccount> {
    let presented = sha256(token.as_bytes());
    let mut found = None;
    for (account, hash) in rows {
        let hit = hash.len() == presented.len() && bool::from(presented.ct_eq(&hash));
        if hit {
            found = Some(account);
        }
    }
    found.filter(|a| a.revoked_at.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lands_are_printed_as_letters_or_all() {
        assert_eq!(format_lands(&parse_lands("05,09").unwrap()), "NW,BY");
        assert_eq!(format_lands(&Land::ALL), "all");
        assert!(parse_lands("XX").is_err());
    }

    #[test]
    fn names_are_checked() {
        for ok in [
            "a",
            "anna.schmidt@baykommun",
            "team_NW-2",
            "jürgen",
            &"x".repeat(64),
        ] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", " ", "a b", "a\tb", "a/b", &"x".repeat(65), "a\u{0}"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn tokens_are_random_and_long() {
        let a = new_token().unwrap();
        assert_ne!(a, new_token().unwrap());
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 43);
    }
}
