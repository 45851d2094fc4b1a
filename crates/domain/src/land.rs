//! The sixteen Länder and their two-digit codes, the first two digits of every AGS and ARS.
//!
//! Source of the numbering: Destatis Gemeindeverzeichnis GV100AD (Satzart 10), as bundled
//! in `xtask/data/gemeindeverzeichnis.csv`.

use serde::{Deserialize, Serialize};

/// A German Land, identified by its official two-digit key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Land {
    #[serde(rename = "01")]
    SchleswigHolstein,
    #[serde(rename = "02")]
    Hamburg,
    #[serde(rename = "03")]
    Niedersachsen,
    #[serde(rename = "04")]
    Bremen,
    #[serde(rename = "05")]
    NordrheinWestfalen,
    #[serde(rename = "06")]
    Hessen,
    #[serde(rename = "07")]
    RheinlandPfalz,
    #[serde(rename = "08")]
    BadenWuerttemberg,
    #[serde(rename = "09")]
    Bayern,
    #[serde(rename = "10")]
    Saarland,
    #[serde(rename = "11")]
    Berlin,
    #[serde(rename = "12")]
    Brandenburg,
    #[serde(rename = "13")]
    MecklenburgVorpommern,
    #[serde(rename = "14")]
    Sachsen,
    #[serde(rename = "15")]
    SachsenAnhalt,
    #[serde(rename = "16")]
    Thueringen,
}

impl Land {
    /// All Länder in key order.
    pub const ALL: [Land; 16] = [
        Land::SchleswigHolstein,
        Land::Hamburg,
        Land::Niedersachsen,
        Land::Bremen,
        Land::NordrheinWestfalen,
        Land::Hessen,
        Land::RheinlandPfalz,
        Land::BadenWuerttemberg,
        Land::Bayern,
        Land::Saarland,
        Land::Berlin,
        Land::Brandenburg,
        Land::MecklenburgVorpommern,
        Land::Sachsen,
        Land::SachsenAnhalt,
        Land::Thueringen,
    ];

    /// The official two-digit key ("09" for Bayern).
    pub fn code(self) -> &'static str {
        match self {
            Land::SchleswigHolstein => "01",
            Land::Hamburg => "02",
            Land::Niedersachsen => "03",
            Land::Bremen => "04",
            Land::NordrheinWestfalen => "05",
            Land::Hessen => "06",
            Land::RheinlandPfalz => "07",
            Land::BadenWuerttemberg => "08",
            Land::Bayern => "09",
            Land::Saarland => "10",
            Land::Berlin => "11",
            Land::Brandenburg => "12",
            Land::MecklenburgVorpommern => "13",
            Land::Sachsen => "14",
            Land::SachsenAnhalt => "15",
            Land::Thueringen => "16",
        }
    }

    /// The Land's name as Destatis writes it.
    pub fn name(self) -> &'static str {
        match self {
            Land::SchleswigHolstein => "Schleswig-Holstein",
            Land::Hamburg => "Hamburg",
            Land::Niedersachsen => "Niedersachsen",
            Land::Bremen => "Bremen",
            Land::NordrheinWestfalen => "Nordrhein-Westfalen",
            Land::Hessen => "Hessen",
            Land::RheinlandPfalz => "Rheinland-Pfalz",
            Land::BadenWuerttemberg => "Baden-Württemberg",
            Land::Bayern => "Bayern",
            Land::Saarland => "Saarland",
            Land::Berlin => "Berlin",
            Land::Brandenburg => "Brandenburg",
            Land::MecklenburgVorpommern => "Mecklenburg-Vorpommern",
            Land::Sachsen => "Sachsen",
            Land::SachsenAnhalt => "Sachsen-Anhalt",
            Land::Thueringen => "Thüringen",
        }
    }

    /// The ISO 3166-2:DE subdivision letters, used as the prefix of reference numbers
    /// (`BY-2026-000042`, `NW-2026-000007`).
    pub fn iso_code(self) -> &'static str {
        match self {
            Land::SchleswigHolstein => "SH",
            Land::Hamburg => "HH",
            Land::Niedersachsen => "NI",
            Land::Bremen => "HB",
            Land::NordrheinWestfalen => "NW",
            Land::Hessen => "HE",
            Land::RheinlandPfalz => "RP",
            Land::BadenWuerttemberg => "BW",
            Land::Bayern => "BY",
            Land::Saarland => "SL",
            Land::Berlin => "BE",
            Land::Brandenburg => "BB",
            Land::MecklenburgVorpommern => "MV",
            Land::Sachsen => "SN",
            Land::SachsenAnhalt => "ST",
            Land::Thueringen => "TH",
        }
    }

    /// The Land for a two-digit key, or for the first two digits of an AGS/ARS.
    pub fn from_key_prefix(key: &str) -> Option<Land> {
        let prefix = key.get(0..2)?;
        Land::ALL.into_iter().find(|l| l.code() == prefix)
    }

    /// The Land as people name it in a filter or a setting: its ISO letters in any case
    /// (`BY`, `by`) or its two-digit key (`09`), surrounding blanks ignored.
    pub fn parse(text: &str) -> Option<Land> {
        let t = text.trim();
        Land::ALL
            .into_iter()
            .find(|l| l.iso_code().eq_ignore_ascii_case(t) || l.code() == t)
    }

    /// A comma-separated list of Länder (as for [`Land::parse`]) or `all`: in key order,
    /// without duplicates, never empty; `None` if any part names no Land.
    pub fn parse_list(text: &str) -> Option<Vec<Land>> {
        if text.trim().eq_ignore_ascii_case("all") {
            return Some(Land::ALL.to_vec());
        }
        let mut lands = text
            .split(',')
            .map(Land::parse)
            .collect::<Option<Vec<Land>>>()?;
        lands.sort_unstable();
        lands.dedup();
        (!lands.is_empty()).then_some(lands)
    }
}

impl std::fmt::Display for Land {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_decides_the_land() {
        assert_eq!(Land::from_key_prefix("09663000"), Some(Land::Bayern));
        assert_eq!(
            Land::from_key_prefix("053150000000"),
            Some(Land::NordrheinWestfalen)
        );
        assert_eq!(Land::from_key_prefix("17000000"), None);
        assert_eq!(Land::from_key_prefix("0"), None);
    }

    #[test]
    fn lands_parse_from_letters_keys_and_all() {
        assert_eq!(Land::parse(" by "), Some(Land::Bayern));
        assert_eq!(Land::parse("05"), Some(Land::NordrheinWestfalen));
        assert_eq!(Land::parse("5"), None);
        assert_eq!(Land::parse("XX"), None);
        assert_eq!(
            Land::parse_list("nw, BY,09"),
            Some(vec![Land::NordrheinWestfalen, Land::Bayern])
        );
        assert_eq!(Land::parse_list("ALL").map(|l| l.len()), Some(16));
        for bad in ["", "XX", "BY,", "17", "BY;NW"] {
            assert_eq!(Land::parse_list(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn codes_are_unique_and_ordered() {
        let codes: Vec<&str> = Land::ALL.iter().map(|l| l.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
