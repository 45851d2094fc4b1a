//! The kinds of Kreise, Gemeindeverbände and entries, with their GV100AD codes, labels and
//! the words a clerk may type with a name.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::messages::{self, Lang};

/// The kind of a Kreis (GV100AD Textkennzeichen 41–45).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KreisKind {
    /// 41
    KreisfreieStadt,
    /// 42
    Stadtkreis,
    /// 43
    Kreis,
    /// 44
    Landkreis,
    /// 45
    Regionalverband,
}

impl KreisKind {
    pub(super) fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            41 => KreisKind::KreisfreieStadt,
            42 => KreisKind::Stadtkreis,
            43 => KreisKind::Kreis,
            44 => KreisKind::Landkreis,
            45 => KreisKind::Regionalverband,
            _ => return None,
        })
    }

    /// The label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        use KreisKind as K;
        let (de, en) = match self {
            K::KreisfreieStadt => ("Kreisfreie Stadt", "District-free city"),
            K::Stadtkreis => ("Stadtkreis", "Urban district (Stadtkreis)"),
            K::Kreis => ("Kreis", "District (Kreis)"),
            K::Landkreis => ("Landkreis", "District (Landkreis)"),
            K::Regionalverband => ("Regionalverband", "Regional association"),
        };
        messages::pick(de, en, lang)
    }
}

/// The kind of a Gemeindeverband (GV100AD Textkennzeichen 51–58; 50, "verbandsfreie
/// Gemeinde", is not a Verband and not in the asset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerbandKind {
    /// 51
    Amt,
    /// 52
    Samtgemeinde,
    /// 53
    Verbandsgemeinde,
    /// 54
    Verwaltungsgemeinschaft,
    /// 55
    Kirchspielslandgemeinde,
    /// 56
    Verwaltungsverband,
    /// 57
    VerwaltungsgemeinschaftTraegermodell,
    /// 58
    ErfuellendeGemeinde,
}

impl VerbandKind {
    pub(super) fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            51 => VerbandKind::Amt,
            52 => VerbandKind::Samtgemeinde,
            53 => VerbandKind::Verbandsgemeinde,
            54 => VerbandKind::Verwaltungsgemeinschaft,
            55 => VerbandKind::Kirchspielslandgemeinde,
            56 => VerbandKind::Verwaltungsverband,
            57 => VerbandKind::VerwaltungsgemeinschaftTraegermodell,
            58 => VerbandKind::ErfuellendeGemeinde,
            _ => return None,
        })
    }

    /// The label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        use VerbandKind as K;
        let (de, en) = match self {
            K::Amt => ("Amt", "Amt (association of municipalities)"),
            K::Samtgemeinde => (
                "Samtgemeinde",
                "Samtgemeinde (association of municipalities)",
            ),
            K::Verbandsgemeinde => (
                "Verbandsgemeinde",
                "Verbandsgemeinde (association of municipalities)",
            ),
            K::Verwaltungsgemeinschaft => ("Verwaltungsgemeinschaft", "Administrative community"),
            K::Kirchspielslandgemeinde => (
                "Kirchspielslandgemeinde",
                "Kirchspielslandgemeinde (parish association)",
            ),
            K::Verwaltungsverband => ("Verwaltungsverband", "Administrative association"),
            K::VerwaltungsgemeinschaftTraegermodell => (
                "Verwaltungsgemeinschaft (Trägermodell)",
                "Administrative community (host model)",
            ),
            K::ErfuellendeGemeinde => ("Erfüllende Gemeinde", "Fulfilling municipality"),
        };
        messages::pick(de, en, lang)
    }
}

/// The kind of a registry entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A Landkreis (Kreis level).
    Landkreis,
    /// A Kreis (Kreis level; the name used in Schleswig-Holstein and NRW).
    Kreis,
    /// The Regionalverband Saarbrücken (Kreis level).
    Regionalverband,
    /// A kreisfreie Stadt: Kreis and Gemeinde at once.
    KreisfreieStadt,
    /// A Stadtkreis (Baden-Württemberg): Kreis and Gemeinde at once.
    Stadtkreis,
    /// A Große Kreisstadt.
    GrosseKreisstadt,
    /// A kreisangehörige Stadt.
    Stadt,
    /// A Markt.
    Markt,
    /// A kreisangehörige Gemeinde.
    Gemeinde,
    /// A gemeindefreies Gebiet with inhabitants.
    GemeindefreiesGebietBewohnt,
    /// A gemeindefreies Gebiet without inhabitants (forests, lakes, coastal waters). Not an
    /// entry of the registry any more (nobody there files a request); kept so that
    /// documents that name it still read.
    GemeindefreiesGebietUnbewohnt,
    /// An Amt (Gemeindeverband in Schleswig-Holstein, Brandenburg,
    /// Mecklenburg-Vorpommern).
    Amt,
    /// A Samtgemeinde (Niedersachsen).
    Samtgemeinde,
    /// A Verbandsgemeinde (Rheinland-Pfalz, Sachsen-Anhalt).
    Verbandsgemeinde,
    /// A Verwaltungsgemeinschaft.
    Verwaltungsgemeinschaft,
    /// A Kirchspielslandgemeinde (Schleswig-Holstein).
    Kirchspielslandgemeinde,
    /// A Verwaltungsverband (Baden-Württemberg, Sachsen).
    Verwaltungsverband,
    /// A Verwaltungsgemeinschaft in the Trägermodell.
    VerwaltungsgemeinschaftTraegermodell,
    /// An erfüllende Gemeinde acting for the Gemeinden of its Verband (Thüringen,
    /// Brandenburg, Sachsen-Anhalt).
    ErfuellendeGemeinde,
}

impl From<VerbandKind> for EntryKind {
    fn from(kind: VerbandKind) -> EntryKind {
        match kind {
            VerbandKind::Amt => EntryKind::Amt,
            VerbandKind::Samtgemeinde => EntryKind::Samtgemeinde,
            VerbandKind::Verbandsgemeinde => EntryKind::Verbandsgemeinde,
            VerbandKind::Verwaltungsgemeinschaft => EntryKind::Verwaltungsgemeinschaft,
            VerbandKind::Kirchspielslandgemeinde => EntryKind::Kirchspielslandgemeinde,
            VerbandKind::Verwaltungsverband => EntryKind::Verwaltungsverband,
            VerbandKind::VerwaltungsgemeinschaftTraegermodell => {
                EntryKind::VerwaltungsgemeinschaftTraegermodell
            }
            VerbandKind::ErfuellendeGemeinde => EntryKind::ErfuellendeGemeinde,
        }
    }
}

impl EntryKind {
    /// Every kind.
    pub const ALL: [EntryKind; 19] = [
        EntryKind::Landkreis,
        EntryKind::Kreis,
        EntryKind::Regionalverband,
        EntryKind::KreisfreieStadt,
        EntryKind::Stadtkreis,
        EntryKind::GrosseKreisstadt,
        EntryKind::Stadt,
        EntryKind::Markt,
        EntryKind::Gemeinde,
        EntryKind::GemeindefreiesGebietBewohnt,
        EntryKind::GemeindefreiesGebietUnbewohnt,
        EntryKind::Amt,
        EntryKind::Samtgemeinde,
        EntryKind::Verbandsgemeinde,
        EntryKind::Verwaltungsgemeinschaft,
        EntryKind::Kirchspielslandgemeinde,
        EntryKind::Verwaltungsverband,
        EntryKind::VerwaltungsgemeinschaftTraegermodell,
        EntryKind::ErfuellendeGemeinde,
    ];

    /// Whether this body is a Gemeindeverband (Amt, Samtgemeinde, Verbandsgemeinde, …):
    /// identified by its ARS alone, it has no AGS.
    pub fn is_gemeindeverband(self) -> bool {
        matches!(
            self,
            EntryKind::Amt
                | EntryKind::Samtgemeinde
                | EntryKind::Verbandsgemeinde
                | EntryKind::Verwaltungsgemeinschaft
                | EntryKind::Kirchspielslandgemeinde
                | EntryKind::Verwaltungsverband
                | EntryKind::VerwaltungsgemeinschaftTraegermodell
                | EntryKind::ErfuellendeGemeinde
        )
    }

    pub(super) fn from_gemeinde_code(code: u8) -> Option<Self> {
        Some(match code {
            60 => EntryKind::Markt,
            61 => EntryKind::KreisfreieStadt,
            62 => EntryKind::Stadtkreis,
            63 => EntryKind::Stadt,
            64 => EntryKind::Gemeinde,
            65 => EntryKind::GemeindefreiesGebietBewohnt,
            66 => EntryKind::GemeindefreiesGebietUnbewohnt,
            67 => EntryKind::GrosseKreisstadt,
            _ => return None,
        })
    }

    /// Whether this body is (also) a Kreis: Landkreis, Kreis, Regionalverband, kreisfreie
    /// Stadt, Stadtkreis.
    pub fn is_kreis_level(self) -> bool {
        matches!(
            self,
            EntryKind::Landkreis
                | EntryKind::Kreis
                | EntryKind::Regionalverband
                | EntryKind::KreisfreieStadt
                | EntryKind::Stadtkreis
        )
    }

    /// The label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        use EntryKind as K;
        let (de, en) = match self {
            K::Landkreis => ("Landkreis", "District (Landkreis)"),
            K::Kreis => ("Kreis", "District (Kreis)"),
            K::Regionalverband => ("Regionalverband", "Regional association"),
            K::KreisfreieStadt => ("Kreisfreie Stadt", "District-free city"),
            K::Stadtkreis => ("Stadtkreis", "Urban district (Stadtkreis)"),
            K::GrosseKreisstadt => ("Große Kreisstadt", "Major district town"),
            K::Stadt => ("Stadt", "Town"),
            K::Markt => ("Markt", "Market town"),
            K::Gemeinde => ("Gemeinde", "Municipality"),
            K::GemeindefreiesGebietBewohnt => (
                "Gemeindefreies Gebiet (bewohnt)",
                "Unincorporated area (inhabited)",
            ),
            K::GemeindefreiesGebietUnbewohnt => (
                "Gemeindefreies Gebiet (unbewohnt)",
                "Unincorporated area (uninhabited)",
            ),
            K::Amt => return VerbandKind::Amt.label(lang),
            K::Samtgemeinde => return VerbandKind::Samtgemeinde.label(lang),
            K::Verbandsgemeinde => return VerbandKind::Verbandsgemeinde.label(lang),
            K::Verwaltungsgemeinschaft => {
                return VerbandKind::Verwaltungsgemeinschaft.label(lang);
            }
            K::Kirchspielslandgemeinde => {
                return VerbandKind::Kirchspielslandgemeinde.label(lang);
            }
            K::Verwaltungsverband => return VerbandKind::Verwaltungsverband.label(lang),
            K::VerwaltungsgemeinschaftTraegermodell => {
                return VerbandKind::VerwaltungsgemeinschaftTraegermodell.label(lang);
            }
            K::ErfuellendeGemeinde => {
                return VerbandKind::ErfuellendeGemeinde.label(lang);
            }
        };
        messages::pick(de, en, lang)
    }

    /// Search ranking on ties: kreisfreie Städte first, then Kreise, then the rest.
    pub(super) fn rank(self) -> u8 {
        match self {
            EntryKind::KreisfreieStadt | EntryKind::Stadtkreis => 0,
            EntryKind::Landkreis | EntryKind::Kreis | EntryKind::Regionalverband => 1,
            EntryKind::GemeindefreiesGebietBewohnt | EntryKind::GemeindefreiesGebietUnbewohnt => 3,
            _ => 2,
        }
    }

    /// Words a clerk may type with the name ("Landkreis München", "Stadt Würzburg"),
    /// already folded (see [`fold_into`](super::fold_into)).
    pub(super) fn search_words(self) -> &'static [&'static str] {
        match self {
            EntryKind::Landkreis => &["landkreis", "kreis", "lk"],
            EntryKind::Kreis => &["kreis"],
            EntryKind::Regionalverband => &["regionalverband"],
            EntryKind::KreisfreieStadt => &["kreisfreie", "stadt"],
            EntryKind::Stadtkreis => &["stadtkreis", "stadt"],
            EntryKind::GrosseKreisstadt => &["grosse", "kreisstadt", "stadt"],
            EntryKind::Stadt => &["stadt"],
            EntryKind::Markt => &["markt"],
            EntryKind::Gemeinde => &["gemeinde"],
            EntryKind::GemeindefreiesGebietBewohnt | EntryKind::GemeindefreiesGebietUnbewohnt => {
                &["gemeindefreies", "gebiet"]
            }
            EntryKind::Amt => &["amt"],
            EntryKind::Samtgemeinde => &["samtgemeinde", "sg"],
            EntryKind::Verbandsgemeinde => &["verbandsgemeinde", "vg", "vgem"],
            EntryKind::Verwaltungsgemeinschaft
            | EntryKind::VerwaltungsgemeinschaftTraegermodell => {
                &["verwaltungsgemeinschaft", "vg", "vgem"]
            }
            EntryKind::Kirchspielslandgemeinde => &["kirchspielslandgemeinde"],
            EntryKind::Verwaltungsverband => &["verwaltungsverband", "gvv", "vvg"],
            EntryKind::ErfuellendeGemeinde => &["erfuellende", "gemeinde"],
        }
    }
}

impl EntryKind {
    /// The coarse kind the catalog's conditions use; `None` for gemeindefreie Gebiete.
    /// The Regionalverband Saarbrücken counts as a Landkreis: it carries the Kreis tasks.
    pub fn municipality_kind(self) -> Option<crate::catalog::MunicipalityKind> {
        match self {
            EntryKind::Landkreis | EntryKind::Kreis | EntryKind::Regionalverband => {
                Some(crate::catalog::MunicipalityKind::Landkreis)
            }
            EntryKind::KreisfreieStadt | EntryKind::Stadtkreis => {
                Some(crate::catalog::MunicipalityKind::KreisfreieStadt)
            }
            // A Gemeindeverband carries Gemeinde tasks for its members (Gewerbe, Melde, …).
            EntryKind::GrosseKreisstadt
            | EntryKind::Stadt
            | EntryKind::Markt
            | EntryKind::Gemeinde
            | EntryKind::Amt
            | EntryKind::Samtgemeinde
            | EntryKind::Verbandsgemeinde
            | EntryKind::Verwaltungsgemeinschaft
            | EntryKind::Kirchspielslandgemeinde
            | EntryKind::Verwaltungsverband
            | EntryKind::VerwaltungsgemeinschaftTraegermodell
            | EntryKind::ErfuellendeGemeinde => Some(crate::catalog::MunicipalityKind::Gemeinde),
            EntryKind::GemeindefreiesGebietBewohnt | EntryKind::GemeindefreiesGebietUnbewohnt => {
                None
            }
        }
    }
}
