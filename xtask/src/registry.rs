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
pub fn convert(csv: &str) -> Result<String, String> {
    let rows = parse_csv(csv)?;
    let mut rows = rows.into_iter();
    let header = rows.next().ok_or("the CSV is empty")?;
    if header.fields != EXPECTED_HEADER {
        return Err(format!(
            "unexpected CSV header {:?}, expected {:?}",
            header.fields, EXPECTED_HEADER
        ));
    }

    // Keyed by ARS: sorting makes the output independent of the CSV's row order and puts a
    // Kreis before everything inside it, which keeps related names together for compression.
    let mut records: BTreeMap<String, String> = BTreeMap::new();
    for row in rows {
        let line = row.line;
        let f = &row.fields;
        if f.len() != EXPECTED_HEADER.len() {
            return Err(format!("line {line}: expected 8 fields, found {}", f.len()));
        }
        let (ars, ags, mut name, kind) = (f[0].as_str(), f[1].as_str(), f[2].trim(), f[3].as_str());
        if let Some((_, cut, full)) = FULL_NAMES.iter().find(|(key, _, _)| *key == ars) {
            if name != *cut {
                return Err(format!(
                    "line {line}: ARS `{ars}` is named `{name}`, not the cut name `{cut}` \
                     whose full form this conversion restores; check the release notes"
                ));
            }
            name = full;
        }
        let (population, plz) = (f[6].as_str(), f[7].as_str());
        if !ars.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("line {line}: ARS `{ars}` is not all digits"));
        }
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(format!(
                "line {line}: name `{name}` is empty or contains control characters"
            ));
        }
        let record = match ars.len() {
            // Land and Regierungsbezirk: derivable or unused (see the module docs).
            2 | 3 => continue,
            5 => {
                let code = code_for(&KREIS_KINDS, kind, line)?;
                if ags != ars {
                    return Err(format!(
                        "line {line}: Kreis AGS `{ags}` differs from its ARS `{ars}`"
                    ));
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
                    return Err(format!(
                        "line {line}: AGS `{ags}` is not ARS[0..5] + ARS[9..12] = `{derived}`"
                    ));
                }
                if population.is_empty() || !population.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "line {line}: population `{population}` is not a number"
                    ));
                }
                let population: u32 = population
                    .parse()
                    .map_err(|e| format!("line {line}: population `{population}`: {e}"))?;
                if !(plz.is_empty() || (plz.len() == 5 && plz.bytes().all(|b| b.is_ascii_digit())))
                {
                    return Err(format!("line {line}: PLZ `{plz}` is not five digits"));
                }
                format!("{ars}\t{code}\t{name}\t{population}\t{plz}")
            }
            n => return Err(format!("line {line}: ARS `{ars}` has {n} digits")),
        };
        if records.insert(ars.to_string(), record).is_some() {
            return Err(format!("line {line}: ARS `{ars}` occurs twice"));
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
pub fn run(src: &Path, dst: &Path) -> Result<(), String> {
    let csv =
        std::fs::read_to_string(src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    let text = convert(&csv)?;
    let [kreise, verbaende, gemeinden] = counts(&text);
    if let Some(dir) = dst.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(dst, &text).map_err(|e| format!("cannot write {}: {e}", dst.display()))?;
    let (gz, br) = compressed_sizes(text.as_bytes())?;
    println!(
        "xtask: wrote {} ({kreise} Kreise, {verbaende} Gemeindeverbände, {gemeinden} Gemeinden): \
         {} bytes raw, {gz} gzip -9, {br} brotli -q 11",
        dst.display(),
        text.len()
    );
    Ok(())
}

fn compressed_sizes(bytes: &[u8]) -> Result<(usize, usize), String> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    let gz = gz.finish().map_err(|e| format!("gzip: {e}"))?.len();
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok((gz, br.len()))
}

fn code_for(table: &[(&str, u8)], kind: &str, line: usize) -> Result<u8, String> {
    table
        .iter()
        .find(|(word, _)| *word == kind)
        .map(|(_, code)| *code)
        .ok_or_else(|| format!("line {line}: unknown kind `{kind}` for this level"))
}

/// One CSV record and the (1-based) line it starts on.
struct Row {
    line: usize,
    fields: Vec<String>,
}

/// A small RFC 4180 reader: fields separated by commas, optionally enclosed in double quotes,
/// with `""` as an escaped quote inside quotes and line breaks allowed inside quotes. Both
/// LF and CRLF end a record. Hand-written because it is all this one file needs.
fn parse_csv(text: &str) -> Result<Vec<Row>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    // Whether the current field started with a quote (then only a comma or the line end may
    // follow the closing quote).
    let mut quoted = false;
    let mut after_closing_quote = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_closing_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                fields.push(std::mem::take(&mut field));
                quoted = false;
                after_closing_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                rows.push(Row {
                    line: record_line,
                    fields: std::mem::take(&mut fields),
                });
                quoted = false;
                after_closing_quote = false;
                line += 1;
                record_line = line;
            }
            '"' if field.is_empty() && !quoted => {
                in_quotes = true;
                quoted = true;
            }
            _ if after_closing_quote => {
                return Err(format!(
                    "line {line}: text after the closing quote of a field"
                ));
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!("line {record_line}: a quoted field is not closed"));
    }
    // A last record without a final line break.
    if !field.is_empty() || !fields.is_empty() || quoted {
        fields.push(field);
        rows.push(Row {
            line: record_line,
            fields,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "ars,ags,name,kind,land,kreis,population,plz\n";

    #[test]
    fn csv_reader_handles_quotes_and_crlf() {
        let rows = parse_csv("a,\"b, c\",\"d \"\"e\"\"\"\r\n1,,\"x\ny\"\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].fields, ["a", "b, c", "d \"e\""]);
        assert_eq!(rows[1].fields, ["1", "", "x\ny"]);
        assert!(parse_csv("a,\"b").is_err());
        assert!(parse_csv("a,b\"c\n").is_err());
        assert!(parse_csv("a,\"b\"c\n").is_err());
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
        assert!(convert(&bad_ags).unwrap_err().contains("AGS"));
        let bad_kind = format!("{HEADER}09184,09184,X,Gemeinde,Bayern,,,\n");
        assert!(convert(&bad_kind).unwrap_err().contains("unknown kind"));
        let dup = format!(
            "{HEADER}09184,09184,X,Landkreis,Bayern,,,\n09184,09184,Y,Landkreis,Bayern,,,\n"
        );
        assert!(convert(&dup).unwrap_err().contains("twice"));
        assert!(convert("a,b\n").unwrap_err().contains("header"));
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
        assert!(convert(&row("Bautzen")).unwrap_err().contains("cut name"));
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
