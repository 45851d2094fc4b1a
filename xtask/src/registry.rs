//! Converts the Destatis Gemeindeverzeichnis (`xtask/data/gemeindeverzeichnis.csv`) into the
//! compact registry asset `public/data/registry.tsv` that the browser loads lazily and that
//! `efa_domain::registry::Registry::parse` reads.
//!
//! The conversion is a pure function of the CSV text ([`convert`]), so the committed asset can
//! be checked to be exactly what the source produces (`cargo xtask registry` rewrites it; the
//! test `committed_asset_is_up_to_date` at the bottom fails when it is stale).
//!
//! # Asset format (version 1)
//!
//! UTF-8, LF line endings, one record per line, fields separated by TAB (names never contain
//! tabs; the conversion refuses them). Two header lines start with `#`:
//!
//! 1. the format marker `# efa-registry v1`, then the attribution and licence required by
//!    dl-de/by-2-0;
//! 2. a description of the columns.
//!
//! Records are sorted by ARS, so every Kreis precedes its Gemeindeverbände and Gemeinden:
//!
//! ```text
//! ARS <TAB> Textkennzeichen <TAB> Name                         (Kreis, Gemeindeverband)
//! ARS <TAB> Textkennzeichen <TAB> Name <TAB> Einwohner <TAB> PLZ   (Gemeinde; PLZ may be empty)
//! ```
//!
//! The level follows from the ARS length (5 = Kreis, 9 = Gemeindeverband, 12 = Gemeinde) and
//! agrees with the GV100AD Textkennzeichen (41–45 Kreis, 51–58 Gemeindeverband, 60–67
//! Gemeinde). Numeric codes keep the file small and are the official ones, so nothing here is
//! a private vocabulary.
//!
//! What is left out, and why:
//! - Länder and Regierungsbezirke: the Land follows from the first two ARS digits, and no
//!   service is run by a Regierungsbezirk in this product.
//! - the AGS: for a Gemeinde it is ARS[0..5] + ARS[9..12]; the conversion checks this for
//!   every row so that the parser may derive it.
//! - Gemeindeverbände of kind 50 ("verbandsfreie Gemeinde"): such a "Verband" is the Gemeinde
//!   itself, so it carries no information about membership. Kept are the real associations
//!   (Amt, Samtgemeinde, Verbandsgemeinde, Verwaltungsgemeinschaft, …), which let a member
//!   Gemeinde name its Verband.
//! - the Land and Kreis names of each row: they follow from the ARS and the Kreis records.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// First header line: format marker, attribution and licence (dl-de/by-2-0 requires the
/// attribution to travel with the data), and what the data are.
pub const HEADER_ATTRIBUTION: &str = "# efa-registry v1 | © Statistisches Bundesamt (Destatis), 2025 | \
Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0, https://www.govdata.de/dl-de/by-2-0) | \
Gemeindeverzeichnis GV100AD, Gebietsstand 30.11.2025, Bevölkerung 31.12.2024 | \
umgewandelt: nur Kreise, Gemeindeverbände (ohne verbandsfreie Gemeinden) und Gemeinden, Textkennzeichen als Zahl";

/// Second header line: the columns.
pub const HEADER_COLUMNS: &str = "# ARS\tTextkennzeichen\tName\t[Einwohner\tPLZ] \
(41-45 Kreis, 51-58 Gemeindeverband, 60-67 Gemeinde)";

const EXPECTED_HEADER: [&str; 8] = [
    "ars",
    "ags",
    "name",
    "kind",
    "land",
    "kreis",
    "population",
    "plz",
];

/// The GV100AD Textkennzeichen for the kind words used in the CSV, per level. The words and
/// their order are those of `gemeindeverzeichnis.SOURCE.md`; the numbers are the GV100AD
/// codes (41–45, 50–58, 60–67).
const KREIS_KINDS: [(&str, u8); 5] = [
    ("kreisfreie Stadt", 41),
    ("Stadtkreis", 42),
    ("Kreis", 43),
    ("Landkreis", 44),
    ("Regionalverband", 45),
];
const VERBAND_KINDS: [(&str, u8); 9] = [
    ("verbandsfreie Gemeinde", 50),
    ("Amt", 51),
    ("Samtgemeinde", 52),
    ("Verbandsgemeinde", 53),
    ("Verwaltungsgemeinschaft", 54),
    ("Kirchspielslandgemeinde", 55),
    ("Verwaltungsverband", 56),
    ("Verwaltungsgemeinschaft (Trägermodell)", 57),
    ("erfüllende Gemeinde", 58),
];
const GEMEINDE_KINDS: [(&str, u8); 8] = [
    ("Markt", 60),
    ("kreisfreie Stadt", 61),
    ("Stadtkreis", 62),
    ("Stadt", 63),
    ("Gemeinde", 64),
    ("gemeindefreies Gebiet (bewohnt)", 65),
    ("gemeindefreies Gebiet (unbewohnt)", 66),
    ("Große Kreisstadt", 67),
];

/// Names that GV100AD cuts at its limit of 50 characters, with the full name given in the
/// Destatis `Hinweise.txt` next to the file (see `gemeindeverzeichnis.SOURCE.md`), keyed by
/// ARS. The CSV keeps the names as GV100AD has them; the asset carries the full ones,
/// because a clerk of that Stadt must find and submit its real name. The cut name is
/// checked as well, so that a release which fixes or changes it fails here instead of being
/// overwritten unseen.
const FULL_NAMES: [(&str, &str, &str); 1] = [(
    "146250020020",
    "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokoš",
    "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město",
)];

/// Converts the CSV text into the asset text. Pure: the same input gives the same bytes.
pub fn convert(csv: &str) -> Result<String> {
    // RFC 4180 as Destatis writes it: comma-separated, names with commas in double quotes.
    // The header is read as a record like the others so that it can be compared exactly;
    // `flexible` leaves the field count to the check below, which names the line.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut rows = reader.records();
    let header = rows.next().context("the CSV is empty")??;
    if header.iter().ne(EXPECTED_HEADER) {
        bail!(
            "unexpected CSV header {:?}, expected {:?}",
            header.iter().collect::<Vec<_>>(),
            EXPECTED_HEADER
        );
    }

    // Keyed by ARS: sorting makes the output independent of the CSV's row order and puts a
    // Kreis before everything inside it, which keeps related names together for compression.
    let mut records: BTreeMap<String, String> = BTreeMap::new();
    let mut lines = Lines::new(csv);
    for row in rows {
        let f = row?;
        let line = lines.at(f.position().map_or(0, csv::Position::byte));
        if f.len() != EXPECTED_HEADER.len() {
            bail!("line {line}: expected 8 fields, found {}", f.len());
        }
        let field = |i: usize| f.get(i).unwrap_or_default();
        let (ars, ags, mut name, kind) = (field(0), field(1), field(2).trim(), field(3));
        if let Some((_, cut, full)) = FULL_NAMES.iter().find(|(key, _, _)| *key == ars) {
            if name != *cut {
                bail!(
                    "line {line}: ARS `{ars}` is named `{name}`, not the cut name `{cut}` \
                     whose full form this conversion restores; check the release notes"
                );
            }
            name = full;
        }
        let (population, plz) = (field(6), field(7));
        if !ars.bytes().all(|b| b.is_ascii_digit()) {
            bail!("line {line}: ARS `{ars}` is not all digits");
        }
        if name.is_empty() || name.chars().any(char::is_control) {
            bail!("line {line}: name `{name}` is empty or contains control characters");
        }
        let record = match ars.len() {
            // Land and Regierungsbezirk: derivable or unused (see the module docs).
            2 | 3 => continue,
            5 => {
                let code = code_for(&KREIS_KINDS, kind, line)?;
                if ags != ars {
                    bail!("line {line}: Kreis AGS `{ags}` differs from its ARS `{ars}`");
                }
                format!("{ars}\t{code}\t{name}")
            }
            9 => {
                let code = code_for(&VERBAND_KINDS, kind, line)?;
                if code == 50 {
                    continue;
                }
                format!("{ars}\t{code}\t{name}")
            }
            12 => {
                let code = code_for(&GEMEINDE_KINDS, kind, line)?;
                let derived = format!("{}{}", &ars[0..5], &ars[9..12]);
                if ags != derived {
                    bail!("line {line}: AGS `{ags}` is not ARS[0..5] + ARS[9..12] = `{derived}`");
                }
                if population.is_empty() || !population.bytes().all(|b| b.is_ascii_digit()) {
                    bail!("line {line}: population `{population}` is not a number");
                }
                let population: u32 = population
                    .parse()
                    .with_context(|| format!("line {line}: population `{population}`"))?;
                if !(plz.is_empty() || (plz.len() == 5 && plz.bytes().all(|b| b.is_ascii_digit())))
                {
                    bail!("line {line}: PLZ `{plz}` is not five digits");
                }
                format!("{ars}\t{code}\t{name}\t{population}\t{plz}")
            }
            n => bail!("line {line}: ARS `{ars}` has {n} digits"),
        };
        if records.insert(ars.to_string(), record).is_some() {
            bail!("line {line}: ARS `{ars}` occurs twice");
        }
    }

    let mut out = String::with_capacity(records.values().map(|r| r.len() + 1).sum::<usize>() + 512);
    out.push_str(HEADER_ATTRIBUTION);
    out.push('\n');
    out.push_str(HEADER_COLUMNS);
    out.push('\n');
    for record in records.values() {
        out.push_str(record);
        out.push('\n');
    }
    Ok(out)
}

/// How many Kreise, Gemeindeverbände and Gemeinden an asset holds (by ARS length).
pub fn counts(asset: &str) -> [usize; 3] {
    let mut counts = [0; 3];
    for line in asset.lines().filter(|l| !l.starts_with('#')) {
        match line.split('\t').next().map(str::len) {
            Some(5) => counts[0] += 1,
            Some(9) => counts[1] += 1,
            Some(12) => counts[2] += 1,
            _ => {}
        }
    }
    counts
}

/// Regenerates the asset at `dst` from the CSV at `src` and prints its sizes.
pub fn run(src: &Path, dst: &Path) -> Result<()> {
    let csv =
        std::fs::read_to_string(src).with_context(|| format!("cannot read {}", src.display()))?;
    let text = convert(&csv)?;
    let [kreise, verbaende, gemeinden] = counts(&text);
    if let Some(dir) = dst.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(dst, &text).with_context(|| format!("cannot write {}", dst.display()))?;
    let (gz, br) = compressed_sizes(text.as_bytes())?;
    println!(
        "xtask: wrote {} ({kreise} Kreise, {verbaende} Gemeindeverbände, {gemeinden} Gemeinden): \
         {} bytes raw, {gz} gzip -9, {br} brotli -q 11",
        dst.display(),
        text.len()
    );
    Ok(())
}

fn compressed_sizes(bytes: &[u8]) -> Result<(usize, usize)> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).context("gzip")?;
    let gz = gz.finish().context("gzip")?.len();
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).context("brotli")?;
    Ok((gz, br.len()))
}

/// The 1-based line a record starts on, for messages that point into the file. Counted
/// here rather than taken from `csv::Position::line`, which is one short after CRLF line
/// ends: the reader counts the LF of a line end when it starts on the next record.
struct Lines<'a> {
    text: &'a [u8],
    /// Bytes counted so far, and the line that follows them.
    counted: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            counted: 0,
            line: 1,
        }
    }

    /// The line of the record at byte offset `start` (offsets only grow, so the counting is
    /// linear over the whole file). Line-end bytes at `start` belong to the line before.
    fn at(&mut self, start: u64) -> usize {
        let rest = self.text.get(start as usize..).unwrap_or_default();
        let skip = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let end = (start as usize + skip).min(self.text.len());
        if let Some(new) = self.text.get(self.counted..end) {
            self.line += new.iter().filter(|&&b| b == b'\n').count();
            self.counted = end;
        }
        self.line
    }
}

fn code_for(table: &[(&str, u8)], kind: &str, line: usize) -> Result<u8> {
    table
        .iter()
        .find(|(word, _)| *word == kind)
        .map(|(_, code)| *code)
        .with_context(|| format!("line {line}: unknown kind `{kind}` for this level"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    const HEADER: &str = "ars,ags,name,kind,land,kreis,population,plz\n";

    /// What Destatis and spreadsheet programs write: a byte-order mark, CRLF line ends,
    /// quoted names with commas and doubled quotes, line breaks inside quotes. Messages name
    /// the line a record starts on.
    #[test]
    fn csv_reader_handles_bom_quotes_and_crlf() {
        let header = HEADER.replace('\n', "\r\n");
        let csv = format!(
            "\u{feff}{header}09184,09184,\"München, \"\"Land\"\"\",Landkreis,Bayern,,,\r\n"
        );
        let out = convert(&csv).unwrap();
        assert!(out.ends_with("\n09184\t44\tMünchen, \"Land\"\n"), "{out}");

        let broken = format!("{header}09184,09184,X,Landkreis,\"Bay\nern\",,,\r\n09185,x\r\n");
        assert_eq!(
            convert(&broken).unwrap_err().to_string(),
            "line 4: expected 8 fields, found 2"
        );
    }

    #[test]
    fn converts_every_level_and_drops_verbandsfreie() {
        let csv = format!(
            "{HEADER}09,09,Bayern,Land,Bayern,,,\n\
             091845117,,Kirchheim b.München,Verwaltungsgemeinschaft,Bayern,München,,\n\
             09184,09184,München,Landkreis,Bayern,,,\n\
             091840113,,\"Unterhaching\",verbandsfreie Gemeinde,Bayern,München,,\n\
             091840113113,09184113,Unterhaching,Gemeinde,Bayern,München,26000,82008\n"
        );
        let out = convert(&csv).unwrap();
        assert_eq!(counts(&out), [1, 1, 1]);
        let body: Vec<&str> = out.lines().skip(2).collect();
        assert_eq!(
            body,
            [
                "09184\t44\tMünchen",
                "091840113113\t64\tUnterhaching\t26000\t82008",
                "091845117\t54\tKirchheim b.München",
            ]
        );
        assert!(out.starts_with("# efa-registry v1 | © Statistisches Bundesamt (Destatis), 2025"));
    }

    #[test]
    fn rejects_inconsistent_rows() {
        let bad_ags = format!("{HEADER}091840113113,09184114,X,Gemeinde,Bayern,München,1,82008\n");
        assert!(convert(&bad_ags).unwrap_err().to_string().contains("AGS"));
        let bad_kind = format!("{HEADER}09184,09184,X,Gemeinde,Bayern,,,\n");
        assert!(
            convert(&bad_kind)
                .unwrap_err()
                .to_string()
                .contains("unknown kind")
        );
        let dup = format!(
            "{HEADER}09184,09184,X,Landkreis,Bayern,,,\n09184,09184,Y,Landkreis,Bayern,,,\n"
        );
        assert!(convert(&dup).unwrap_err().to_string().contains("twice"));
        assert!(convert("a,b\n").unwrap_err().to_string().contains("header"));
    }

    #[test]
    fn cut_names_are_restored_and_checked() {
        let row = |name: &str| {
            format!("{HEADER}146250020020,14625020,\"{name}\",Stadt,Sachsen,Bautzen,37566,02625\n")
        };
        let out = convert(&row("Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokoš")).unwrap();
        assert!(out.ends_with(
            "146250020020\t63\tBautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město\t37566\t02625\n"
        ));
        // A different name under that key is not silently replaced.
        assert!(
            convert(&row("Bautzen"))
                .unwrap_err()
                .to_string()
                .contains("cut name")
        );
    }

    /// The committed asset carries the full name of Bautzen (GV100AD cuts it at 50
    /// characters) under its real ARS, and nothing else differs from the CSV's names.
    #[test]
    fn committed_asset_has_the_full_bautzen_name() {
        let asset = include_str!("../../public/data/registry.tsv");
        let line = asset
            .lines()
            .find(|l| l.starts_with("146250020020\t"))
            .unwrap();
        assert_eq!(
            line,
            "146250020020\t63\tBautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město\t37566\t02625"
        );
        assert!(!asset.contains("Wysokoš\t"));
    }

    /// The committed asset must be exactly what the committed CSV converts to.
    #[test]
    fn committed_asset_is_up_to_date() {
        let csv = include_str!("../data/gemeindeverzeichnis.csv");
        let asset = include_str!("../../public/data/registry.tsv");
        let converted = convert(csv).unwrap();
        assert_eq!(counts(&converted), [400, 1203, 10_953]);
        assert!(
            converted == asset,
            "public/data/registry.tsv is stale: run `cargo xtask registry`"
        );
    }
}
