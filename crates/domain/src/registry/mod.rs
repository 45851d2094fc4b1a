//! The municipality registry: every Gemeinde and every Kreis of Germany from the Destatis
//! Gemeindeverzeichnis, with lookup by AGS/ARS and a search for the clerk's name field.
//!
//! The data come from `public/data/registry.tsv`, which `cargo xtask registry` generates
//! from `xtask/data/gemeindeverzeichnis.csv` (format described in `xtask/src/registry.rs`).
//! The browser loads that file lazily and hands its text to [`Registry::parse`]; the API
//! parses the same file at start-up. So both sides know exactly the same municipalities.
//!
//! # Entries
//!
//! An [`Entry`] is one body that can file a connection request:
//! - each of the 10,753 inhabited Gemeinde records (Gemeinden, Städte, Märkte, kreisfreie
//!   Städte, Stadtkreise, Große Kreisstädte and inhabited gemeindefreie Gebiete),
//! - each Landkreis, Kreis and the Regionalverband, because many services are run by a
//!   Landratsamt, and
//! - each of the 1,203 Gemeindeverbände (Ämter, Samtgemeinden, Verbandsgemeinden,
//!   Verwaltungsgemeinschaften, Verwaltungsverbände, …), because in several Länder they,
//!   not their member Gemeinden, run services such as Gewerbe or Melde. A Verband has no
//!   AGS; its ARS is its 9-digit key followed by `000`, as Destatis writes it. The
//!   verbandsfreie Gemeinden, which GV100AD also lists at Verband level, are not in the
//!   asset: they are entries as Gemeinden already.
//!
//! The 200 uninhabited gemeindefreie Gebiete (forests, lakes) are not entries: nobody
//! there files a request.
//!
//! A kreisfreie Stadt (or Stadtkreis) is a Kreis and a Gemeinde at once. It appears once, as
//! its Gemeinde record (AGS `09162000`, kind [`EntryKind::KreisfreieStadt`]), so that an AGS
//! names exactly one entry; its Kreis record is still available through
//! [`Registry::kreis`]. All 400 Kreise are therefore known; 294 of them are entries of their
//! own.
//!
//! GV100AD gives a Kreis no 8-digit AGS and no 12-digit ARS. Kreis entries use the Kreis
//! key padded with zeros: AGS `09188000` (the form domain.md §8 cites for LK Starnberg) and
//! ARS `091880000000` (padded the same way, an inference that keeps AGS = ARS[0..5] +
//! ARS[9..12]). Parsing fails if such a padded key collided with a real Gemeinde.
//!
//! # Search
//!
//! [`Registry::search`] runs on every keystroke in the browser, so the work is done at parse
//! time: each entry gets folded search keys (lower case; ä/ö/ü to a/o/u and, in a second
//! key, to ae/oe/ue; ß to ss; other Latin diacritics removed; punctuation to spaces; the
//! official suffix after the first comma — ", Stadt", ", Landeshauptstadt", ", M" — left out
//! of the main key). The short names and the words of the full names are kept in two
//! sorted lists, so exact, prefix and word matches are binary searches, and the fuzzy pass
//! walks the sorted names like a trie. A query is folded once; nothing is allocated per
//! entry. Measured natively with the size-optimised release profile the app uses: p95 well
//! under 1 ms per keystroke (see `benches/registry.rs`).
//!
//! The modules import one way: `fold` and `kind` at the bottom, then `entry`, then
//! `parse` and `index`, then `search`, and this one, which holds the [`Registry`], on top.

mod entry;
mod fold;
mod index;
mod kind;
mod parse;
mod search;

use std::sync::Arc;

pub use entry::{Entry, Kreis, Verband};
pub use fold::fold_into;
pub use kind::{EntryKind, KreisKind, VerbandKind};
pub use parse::{FORMAT_MARKER, RegistryError};
pub use search::{Hit, MatchQuality};

use crate::ident::{Ags, Ars};
use index::NameIndex;
use search::Search;

/// All municipalities and Kreise, ready for lookup and search.
#[derive(Debug, Clone)]
pub struct Registry {
    /// Sorted by ARS.
    entries: Vec<Entry>,
    /// Indexes into `entries`, sorted by AGS.
    by_ags: Vec<u32>,
    /// The folded names and words, for [`Registry::search`].
    index: NameIndex,
    /// Sorted by key.
    kreise: Vec<Arc<Kreis>>,
    /// Sorted by key.
    verbaende: Vec<Arc<Verband>>,
    notice: Box<str>,
}

impl Registry {
    /// Reads a registry asset (see `xtask/src/registry.rs` for the format).
    pub fn parse(text: &str) -> Result<Registry, RegistryError> {
        let parse::Records {
            entries,
            by_ags,
            kreise,
            verbaende,
            notice,
        } = parse::records(text)?;
        let index = NameIndex::build(&entries);
        Ok(Registry {
            entries,
            by_ags,
            index,
            kreise,
            verbaende,
            notice,
        })
    }

    /// The attribution and licence line of the asset ("© Statistisches Bundesamt
    /// (Destatis), 2025 | Datenlizenz Deutschland …"), to show wherever the data are shown.
    pub fn source_notice(&self) -> &str {
        &self.notice
    }

    /// All entries, sorted by ARS.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with this AGS.
    pub fn by_ags(&self, ags: &Ags) -> Option<&Entry> {
        let ags = Some(ags);
        let i = self
            .by_ags
            .binary_search_by(|&i| {
                self.entries
                    .get(i as usize)
                    .and_then(|e| e.ags.as_ref())
                    .cmp(&ags)
            })
            .ok()?;
        self.by_ags
            .get(i)
            .and_then(|&i| self.entries.get(i as usize))
    }

    /// The entry with this ARS.
    pub fn by_ars(&self, ars: &Ars) -> Option<&Entry> {
        let i = self.entries.binary_search_by(|e| e.ars.cmp(ars)).ok()?;
        self.entries.get(i)
    }

    /// The entry for an 8-digit AGS or 12-digit ARS given as text (surrounding whitespace
    /// is ignored); `None` if it is neither or unknown.
    pub fn find_key(&self, key: &str) -> Option<&Entry> {
        if let Ok(ags) = Ags::parse(key) {
            return self.by_ags(&ags);
        }
        Ars::parse(key).ok().and_then(|ars| self.by_ars(&ars))
    }

    /// The Kreis with this 5-digit key.
    pub fn kreis(&self, key: &str) -> Option<&Kreis> {
        let i = self.kreise.binary_search_by(|k| (*k.key).cmp(key)).ok()?;
        self.kreise.get(i).map(|k| &**k)
    }

    /// All 400 Kreise, sorted by key.
    pub fn kreise(&self) -> impl Iterator<Item = &Kreis> {
        self.kreise.iter().map(|k| &**k)
    }

    /// The Gemeindeverband with this 9-digit key.
    pub fn verband(&self, key: &str) -> Option<&Verband> {
        let i = self
            .verbaende
            .binary_search_by(|v| (*v.key).cmp(key))
            .ok()?;
        self.verbaende.get(i).map(|v| &**v)
    }

    /// The member Gemeinden of a Gemeindeverband, by ARS (without the Verband's own entry).
    pub fn verband_members(&self, key: &str) -> impl Iterator<Item = &Entry> {
        let start = self.entries.partition_point(|e| e.ars.as_str() < key);
        self.entries[start..]
            .iter()
            .take_while(move |e| e.ars.as_str().starts_with(key) && key.len() == 9)
            .filter(|e| !e.kind.is_gemeindeverband())
    }

    /// Finds entries for what the clerk typed, best first, at most `limit`.
    ///
    /// - Digits (spaces ignored): entries whose AGS or ARS starts with them, and for five
    ///   digits also the Gemeinde whose seat has that postcode.
    /// - Text: exact short name, then short-name prefix, then every query word starting a
    ///   word of the full name or of the kind ("main" finds Frankfurt am Main, "landkreis
    ///   mü" the Landkreis München); if that gives fewer than `limit` results and the query
    ///   has at least 4 characters, also names within 1 edit (2 from 8 characters) of a
    ///   prefix of the short name. Umlauts may be typed as ä, a or ae; ß as ß or ss.
    ///
    /// Ties go to kreisfreie Städte, then Kreise, then larger populations.
    ///
    /// Cost: binary searches in the sorted key lists plus work proportional to the number
    /// of matches; the fuzzy pass walks the sorted names like a trie, reusing the edit
    /// distance rows of a shared prefix and skipping every name under a prefix that is
    /// already too far off. No allocation per entry.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        Search {
            entries: &self.entries,
            by_ags: &self.by_ags,
            index: &self.index,
        }
        .run(query, limit)
    }
}
