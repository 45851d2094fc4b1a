//! RFC 4180 CSV for the operator export, safe to open in a spreadsheet.
//!
//! Cells that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR at the
//! start) get a leading `'`, so text a municipality typed can never run as a formula on
//! an agency workstation.

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
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_cell(&mut self.out, cell.as_ref());
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn push_cell(out: &mut String, cell: &str) {
    let guard = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = guard
        || cell.contains([',', '"', '\r', '\n'])
        || cell.starts_with(' ')
        || cell.ends_with(' ');
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
}
