//! Reading the registry asset: checks every line and links each Gemeinde to its Kreis and
//! Gemeindeverband.

use std::sync::Arc;

use super::entry::{Entry, Kreis, Verband};
use super::kind::{EntryKind, KreisKind, VerbandKind};
use crate::ident::{Ags, Ars, Plz};
use crate::land::Land;

/// The first characters of a registry asset of the version this parser reads.
pub const FORMAT_MARKER: &str = "# efa-registry v1";

/// Why a registry asset could not be read. `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("the text does not start with `{FORMAT_MARKER}`: not a registry asset of this version")]
    MissingHeader,
    #[error("line {line}: expected {expected} tab-separated fields, found {found}")]
    FieldCount {
        line: usize,
        expected: usize,
        found: usize,
    },
    #[error("line {line}: malformed key `{key}`")]
    BadKey { line: usize, key: String },
    #[error("line {line}: code {code} does not fit a key of this length")]
    BadCode { line: usize, code: String },
    #[error("line {line}: empty name or name with control characters")]
    BadName { line: usize },
    #[error("line {line}: malformed population `{value}`")]
    BadPopulation { line: usize, value: String },
    #[error("line {line}: malformed postcode `{value}`")]
    BadPlz { line: usize, value: String },
    #[error("line {line}: key `{key}` occurs twice")]
    Duplicate { line: usize, key: String },
}

/// A Gemeinde line, kept until all Kreise and Verbände are known.
struct GemeindeLine<'a> {
    line: usize,
    key: &'a str,
    code: u8,
    name: &'a str,
    population: u32,
    plz: Option<Plz>,
}

/// What an asset holds, checked and linked.
pub(super) struct Records {
    /// Sorted by ARS.
    pub(super) entries: Vec<Entry>,
    /// Indexes into `entries` of those with an AGS, sorted by AGS.
    pub(super) by_ags: Vec<u32>,
    /// Sorted by key.
    pub(super) kreise: Vec<Arc<Kreis>>,
    /// Sorted by key.
    pub(super) verbaende: Vec<Arc<Verband>>,
    /// The attribution and licence line.
    pub(super) notice: Box<str>,
}

/// Reads a registry asset (see `xtask/src/registry.rs` for the format).
pub(super) fn records(text: &str) -> Result<Records, RegistryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let notice = first
        .strip_prefix(FORMAT_MARKER)
        .ok_or(RegistryError::MissingHeader)?;
    let notice = notice.trim_start_matches([' ', '|']).trim();

    let mut kreise: Vec<Arc<Kreis>> = Vec::with_capacity(400);
    let mut verbaende: Vec<Arc<Verband>> = Vec::with_capacity(1_300);
    let mut gemeinden: Vec<GemeindeLine<'_>> = Vec::with_capacity(11_000);

    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let key = fields.next().unwrap_or_default();
        let code = fields.next().unwrap_or_default();
        let name = fields.next().unwrap_or_default();
        let (pop, plz) = (
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
        );
        let key_ok = matches!(key.len(), 5 | 9 | 12)
            && key.bytes().all(|b| b.is_ascii_digit())
            && Land::from_key_prefix(key).is_some();
        if !key_ok {
            return Err(RegistryError::BadKey {
                line: line_no,
                key: key.to_string(),
            });
        }
        let expected = if key.len() == 12 { 5 } else { 3 };
        let found = 1 + line.bytes().filter(|&b| b == b'\t').count();
        if found != expected {
            return Err(RegistryError::FieldCount {
                line: line_no,
                expected,
                found,
            });
        }
        let bad_code = || RegistryError::BadCode {
            line: line_no,
            code: code.to_string(),
        };
        let code_num: u8 = code.parse().map_err(|_| bad_code())?;
        if name.trim().is_empty() || name.chars().any(char::is_control) {
            return Err(RegistryError::BadName { line: line_no });
        }
        match key.len() {
            5 => {
                let kind = KreisKind::from_code(code_num).ok_or_else(bad_code)?;
                kreise.push(Arc::new(Kreis {
                    key: key.into(),
                    name: name.into(),
                    kind,
                }));
            }
            9 => {
                let kind = VerbandKind::from_code(code_num).ok_or_else(bad_code)?;
                verbaende.push(Arc::new(Verband {
                    key: key.into(),
                    name: name.into(),
                    kind,
                }));
            }
            12 => {
                let kind = EntryKind::from_gemeinde_code(code_num).ok_or_else(bad_code)?;
                // An uninhabited gemeindefreies Gebiet (a forest, a lake) has nobody
                // who could file a request.
                if kind == EntryKind::GemeindefreiesGebietUnbewohnt {
                    continue;
                }
                let population: u32 = if pop.bytes().all(|b| b.is_ascii_digit()) {
                    pop.parse().ok()
                } else {
                    None
                }
                .ok_or_else(|| RegistryError::BadPopulation {
                    line: line_no,
                    value: pop.to_string(),
                })?;
                let plz = if plz.is_empty() {
                    None
                } else {
                    Some(Plz::parse(plz).map_err(|_| RegistryError::BadPlz {
                        line: line_no,
                        value: plz.to_string(),
                    })?)
                };
                gemeinden.push(GemeindeLine {
                    line: line_no,
                    key,
                    code: code_num,
                    name,
                    population,
                    plz,
                });
            }
            _ => {
                return Err(RegistryError::BadKey {
                    line: line_no,
                    key: key.to_string(),
                });
            }
        }
    }

    kreise.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    verbaende.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    if let Some(w) = kreise.windows(2).find(|w| w[0].key == w[1].key) {
        return Err(RegistryError::Duplicate {
            line: 0,
            key: w[0].key.to_string(),
        });
    }
    if let Some(w) = verbaende.windows(2).find(|w| w[0].key == w[1].key) {
        return Err(RegistryError::Duplicate {
            line: 0,
            key: w[0].key.to_string(),
        });
    }
    let find_kreis = |key: &str| {
        kreise
            .binary_search_by(|k| (*k.key).cmp(key))
            .ok()
            .and_then(|i| kreise.get(i))
            .cloned()
    };
    let find_verband = |key: &str| {
        verbaende
            .binary_search_by(|v| (*v.key).cmp(key))
            .ok()
            .and_then(|i| verbaende.get(i))
            .cloned()
    };

    let mut entries: Vec<Entry> = Vec::with_capacity(gemeinden.len() + kreise.len());
    for GemeindeLine {
        line,
        key,
        code,
        name,
        population,
        plz,
    } in gemeinden
    {
        let bad_key = || RegistryError::BadKey {
            line,
            key: key.to_string(),
        };
        let ars = Ars::parse(key).map_err(|_| bad_key())?;
        let kind = EntryKind::from_gemeinde_code(code).ok_or_else(bad_key)?;
        let kreis = find_kreis(ars.kreis_key());
        let verband = find_verband(ars.verband_key());
        entries.push(Entry {
            name: name.into(),
            kind,
            ags: Some(ars.ags()),
            land: ars.land(),
            ars,
            kreis,
            verband,
            population,
            plz,
        });
    }
    // The asset is sorted by ARS already; sorting again keeps the parser independent of
    // that and lets the Kreis sums below find each Kreis's Gemeinden by binary search.
    entries.sort_unstable_by(|a, b| a.ars.cmp(&b.ars));
    for kreis in &kreise {
        let kind = match kreis.kind {
            KreisKind::Landkreis => EntryKind::Landkreis,
            KreisKind::Kreis => EntryKind::Kreis,
            KreisKind::Regionalverband => EntryKind::Regionalverband,
            // Represented by their Gemeinde record (see the module docs).
            KreisKind::KreisfreieStadt | KreisKind::Stadtkreis => continue,
        };
        let bad_key = || RegistryError::BadKey {
            line: 0,
            key: kreis.key.to_string(),
        };
        let ars = Ars::parse(&format!("{}0000000", kreis.key)).map_err(|_| bad_key())?;
        let key: &str = &kreis.key;
        let start = entries.partition_point(|e| e.ars.kreis_key() < key);
        let population = entries
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|e| e.ars.kreis_key() == key)
            .fold(0u32, |sum, e| sum.saturating_add(e.population));
        entries.push(Entry {
            name: kreis.name.clone(),
            kind,
            ags: Some(ars.ags()),
            land: ars.land(),
            ars,
            kreis: Some(Arc::clone(kreis)),
            verband: None,
            population,
            plz: None,
        });
    }
    // Gemeindeverbände: ARS = the 9-digit Verband key and `000`, as Destatis writes the
    // ARS of a Gemeindeverband; no AGS. Their Gemeinden are already sorted in, so the
    // population is summed by binary search like the Kreise'.
    for verband in &verbaende {
        let bad_key = || RegistryError::BadKey {
            line: 0,
            key: verband.key.to_string(),
        };
        let ars = Ars::parse(&format!("{}000", verband.key)).map_err(|_| bad_key())?;
        let key: &str = &verband.key;
        let start = entries.partition_point(|e| e.ars.as_str() < key);
        let population = entries
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|e| e.ars.as_str().starts_with(key))
            .filter(|e| !e.kind.is_kreis_level())
            .fold(0u32, |sum, e| sum.saturating_add(e.population));
        entries.push(Entry {
            name: verband.name.clone(),
            kind: EntryKind::from(verband.kind),
            ags: None,
            land: ars.land(),
            kreis: find_kreis(ars.kreis_key()),
            ars,
            verband: Some(Arc::clone(verband)),
            population,
            plz: None,
        });
    }

    entries.sort_unstable_by(|a, b| a.ars.cmp(&b.ars));
    if let Some(w) = entries.windows(2).find(|w| w[0].ars == w[1].ars) {
        return Err(RegistryError::Duplicate {
            line: 0,
            key: w[0].ars.to_string(),
        });
    }
    let ags_at = |i: u32| entries.get(i as usize).and_then(|e| e.ags.as_ref());
    let mut by_ags: Vec<u32> = (0..entries.len() as u32)
        .filter(|&i| ags_at(i).is_some())
        .collect();
    by_ags.sort_unstable_by(|&a, &b| ags_at(a).cmp(&ags_at(b)));
    if let Some(w) = by_ags.windows(2).find(|w| ags_at(w[0]) == ags_at(w[1])) {
        let key = ags_at(w[0]).map(Ags::to_string).unwrap_or_default();
        return Err(RegistryError::Duplicate { line: 0, key });
    }

    Ok(Records {
        entries,
        by_ags,
        kreise,
        verbaende,
        notice: notice.into(),
    })
}
