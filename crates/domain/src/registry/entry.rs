//! The records of the registry: Kreise, Gemeindeverbände and the entries that can file a
//! connection request.

use std::sync::Arc;

use super::kind::{EntryKind, KreisKind, VerbandKind};
use crate::ident::{Ags, Ars, Plz};
use crate::land::Land;

/// A Kreis (all 400 are known, including the kreisfreie Städte).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kreis {
    pub(super) key: Box<str>,
    pub(super) name: Box<str>,
    pub(super) kind: KreisKind,
}

impl Kreis {
    /// The 5-digit Kreis key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The official name, e.g. "München" (Landkreis) or "Köln, Stadt".
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind.
    pub fn kind(&self) -> KreisKind {
        self.kind
    }
}

/// A Gemeindeverband that groups several Gemeinden (Amt, Samtgemeinde, Verbandsgemeinde, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verband {
    pub(super) key: Box<str>,
    pub(super) name: Box<str>,
    pub(super) kind: VerbandKind,
}

impl Verband {
    /// The 9-digit key (ARS[0..9] of its members).
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The official name, e.g. "Altenahr".
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind.
    pub fn kind(&self) -> VerbandKind {
        self.kind
    }
}

/// A municipality or Kreis that can file a connection request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub(super) name: Box<str>,
    pub(super) kind: EntryKind,
    pub(super) ars: Ars,
    /// `None` for a Gemeindeverband, which has no AGS.
    pub(super) ags: Option<Ags>,
    pub(super) land: Land,
    pub(super) kreis: Option<Arc<Kreis>>,
    pub(super) verband: Option<Arc<Verband>>,
    pub(super) population: u32,
    pub(super) plz: Option<Plz>,
}

impl Entry {
    /// The official name, e.g. "München, Landeshauptstadt" or "Höchberg, M".
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The name without the official suffix after the first comma ("München").
    pub fn short_name(&self) -> &str {
        short_name(&self.name)
    }
    /// The kind.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }
    /// The ARS (padded for Kreis entries, see the registry's module docs).
    pub fn ars(&self) -> &Ars {
        &self.ars
    }
    /// The AGS (padded for Kreis entries, see the registry's module docs); `None` for a
    /// Gemeindeverband, which is identified by its ARS alone.
    pub fn ags(&self) -> Option<&Ags> {
        self.ags.as_ref()
    }
    /// The Land.
    pub fn land(&self) -> Land {
        self.land
    }
    /// The Kreis this entry lies in (for a Kreis entry or kreisfreie Stadt: itself). `None`
    /// only for the gemeindefreie Gebiete under the pseudo-Kreise 07000 and 13000.
    pub fn kreis(&self) -> Option<&Kreis> {
        self.kreis.as_deref()
    }
    /// The Kreis name, see [`Entry::kreis`].
    pub fn kreis_name(&self) -> Option<&str> {
        self.kreis().map(Kreis::name)
    }
    /// The Gemeindeverband a member Gemeinde belongs to (Verbandsgemeinde, Amt, …), or for
    /// a Gemeindeverband entry the Verband itself; `None` for verbandsfreie Gemeinden and
    /// Kreis entries.
    pub fn gemeindeverband(&self) -> Option<&Verband> {
        self.verband.as_deref()
    }
    /// The Gemeindeverband's name, see [`Entry::gemeindeverband`].
    pub fn gemeindeverband_name(&self) -> Option<&str> {
        self.gemeindeverband().map(Verband::name)
    }
    /// Inhabitants on 31.12.2024. For a Kreis or Gemeindeverband entry: the sum over its
    /// Gemeinden.
    pub fn population(&self) -> u32 {
        self.population
    }
    /// Postcode of the administrative seat (Gemeinden only; some gemeindefreie Gebiete have
    /// none).
    pub fn plz(&self) -> Option<&Plz> {
        self.plz.as_ref()
    }
    /// Whether this body is (also) a Kreis.
    pub fn is_kreis_level(&self) -> bool {
        self.kind.is_kreis_level()
    }
    /// Whether this body is a Gemeindeverband (no AGS; see
    /// [`Registry::verband_members`](super::Registry::verband_members)).
    pub fn is_gemeindeverband(&self) -> bool {
        self.kind.is_gemeindeverband()
    }
}

fn short_name(name: &str) -> &str {
    name.split_once(',')
        .map_or(name, |(head, _)| head)
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_name("München, Landeshauptstadt"), "München");
        assert_eq!(short_name("Würzburg"), "Würzburg");
    }
}
