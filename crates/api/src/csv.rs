//! RFC 4180 CSV for the operator export, safe to open in a spreadsheet.
//!
//! Following the OWASP guidance on CSV injection, a cell that a spreadsheet could read as
//! a formula gets a leading `'` and is quoted, so text a municipality typed can never run
//! as a formula on an agency workstation. Decisions:
//!
//! - A formula starts with `=`, `+`, `-` or `@`, also in their full-width (`＝＋－＠`)
//!   and small (`﹦﹢﹣﹫`) forms, which spreadsheets with East Asian input normalise.
//! - Leading whitespace does not protect: spreadsheets trim it on import (LibreOffice's
//!   "trim spaces", Excel for tab and line breaks), so the check looks past every
//!   whitespace character (space, tab, CR, LF, NBSP, U+3000, …) and past invisible format
//!   characters. Tab and CR at the start are guarded on their own, as OWASP lists them.
//! - A cell is quoted when it holds `,`, `;`, a quote or a line break: `;` is the list
//!   separator of German spreadsheets, and an unquoted `;` would start a new cell there.
//! - A formula-looking line inside a quoted multi-line cell is not a cell start: the
//!   spreadsheet reads the whole quoted value as one cell, which begins with the first
//!   line. Such cells are quoted and left alone.

/// A CSV document being built row by row, CRLF line endings.
#[derive(Debug, Default)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter::default()
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        push_row(&mut self.out, cells);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// One row with its CRLF, for writers that stream row by row.
pub fn line<I, S>(cells: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    push_row(&mut out, cells);
    out
}

fn push_row<I, S>(out: &mut String, cells: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell.as_ref());
    }
    out.push_str("\r\n");
}

/// Whether a spreadsheet could evaluate the cell as a formula.
fn needs_guard(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    let first = cell
        .chars()
        .find(|&c| !(c.is_whitespace() || efa_domain::text::is_invisible_format(c)));
    matches!(
        first,
        Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠' | '﹦' | '﹢' | '﹣' | '﹫')
    )
}

fn push_cell(out: &mut String, cell: &str) {
    let guard = needs_guard(cell);
    let quote = guard
        || cell.contains([',', ';', '"', '\r', '\n'])
        || cell.starts_with(char::is_whitespace)
        || cell.ends_with(char::is_whitespace);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> String {
        let mut w = CsvWriter::new();
        w.row(cells);
        w.finish()
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(line(&["a", "b c"]), "a,b c\r\n");
        assert_eq!(
            line(&["a,b", "x\"y", "z\nw"]),
            "\"a,b\",\"x\"\"y\",\"z\nw\"\r\n"
        );
        assert_eq!(line(&[""]), "\r\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(line(&["=1+1"]), "\"'=1+1\"\r\n");
        assert_eq!(line(&["+49 931 37-0"]), "\"'+49 931 37-0\"\r\n");
        assert_eq!(line(&["-2"]), "\"'-2\"\r\n");
        assert_eq!(line(&["@SUM(A1)"]), "\"'@SUM(A1)\"\r\n");
        assert_eq!(line(&["\tx"]), "\"'\tx\"\r\n");
        assert_eq!(line(&["\rx"]), "\"'\rx\"\r\n");
        assert_eq!(line(&["a=b"]), "a=b\r\n");
    }

    #[test]
    fn whitespace_before_a_formula_does_not_hide_it() {
        for cell in [
            " =1+1",
            "  +1",
            "\u{a0}-1",
            "\u{3000}@SUM(A1)",
            "\n=1+1",
            "\u{200b}=1+1",
        ] {
            assert_eq!(line(&[cell]), format!("\"'{cell}\"\r\n"), "{cell:?}");
        }
    }

    #[test]
    fn full_width_and_small_formula_signs_are_guarded() {
        for cell in [
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
            "﹦1",
            "﹢1",
            "﹣1",
            "﹫x",
            " ＝1",
        ] {
            assert_eq!(line(&[cell]), format!("\"'{cell}\"\r\n"), "{cell:?}");
        }
    }

    #[test]
    fn semicolons_are_quoted_for_german_spreadsheets() {
        assert_eq!(line(&["a;=1+1"]), "\"a;=1+1\"\r\n");
    }

    #[test]
    fn a_formula_line_inside_a_multi_line_cell_stays_in_its_cell() {
        assert_eq!(line(&["Hinweis\n=1+1"]), "\"Hinweis\n=1+1\"\r\n");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        assert_eq!(
            line(&["Würzburg", "BY-2026-000042"]),
            "Würzburg,BY-2026-000042\r\n"
        );
        assert_eq!(line(&["a - b"]), "a - b\r\n");
    }
}
