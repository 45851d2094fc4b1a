//! A minimal PDF 1.7 writer: pages of text and lines in the two standard fonts, link
//! annotations, and the document information (title, author, language).
//!
//! Hand-written because the documents need very little of PDF: the standard fonts need no
//! embedding, so there is no font parsing, subsetting or compression, and a general PDF
//! library would bring all of that into the app's WebAssembly. Content streams are left
//! uncompressed; the whole file is 7-bit ASCII (text bytes above 127 are written as octal
//! escapes), which keeps it diffable and easy to check.

use std::fmt::Write as _;

use crate::fonts::Font;

/// One page: its content stream and its link areas.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub content: String,
    pub links: Vec<Link>,
}

/// A clickable area that opens a web address.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// Lower-left x, lower-left y, upper-right x, upper-right y, in points.
    pub rect: [f32; 4],
    pub uri: String,
}

/// The document information dictionary and catalog entries.
#[derive(Debug, Clone)]
pub(crate) struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// `D:YYYYMMDDHHmmSSZ`, if known.
    pub created: Option<String>,
    /// BCP 47 language tag of the text, e.g. `de-DE`.
    pub lang: &'static str,
    /// The file identifier (16 bytes), derived from the content so that the same input
    /// gives the same bytes.
    pub id: [u8; 16],
}

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

const FONTS: [Font; 2] = [Font::Regular, Font::Bold];

/// Writes the file.
pub(crate) fn write(pages: &[Page], info: &Info) -> Vec<u8> {
    // Object numbers: 1 catalog, 2 page tree, 3–4 fonts, 5 info, then per page its page
    // object, its content stream and its link annotations.
    const FIRST_PAGE_OBJECT: usize = 6;
    let mut page_objects = Vec::with_capacity(pages.len());
    let mut next = FIRST_PAGE_OBJECT;
    for page in pages {
        page_objects.push(next);
        next += 2 + page.links.len();
    }
    let object_count = next - 1;

    let mut out = Writer::default();
    // The comment with high bytes marks the file as binary for transfer programs.
    out.raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");

    out.object(
        1,
        &format!(
            "<< /Type /Catalog /Pages 2 0 R /Lang {} /ViewerPreferences << /DisplayDocTitle true >> >>",
            literal(info.lang.as_bytes())
        ),
    );
    let kids: Vec<String> = page_objects.iter().map(|n| format!("{n} 0 R")).collect();
    out.object(
        2,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
    );
    for (i, font) in FONTS.iter().enumerate() {
        out.object(
            3 + i,
            &format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                font.base_font()
            ),
        );
    }
    let mut info_dict = format!(
        "<< /Title {} /Author {} /Subject {} /Creator {} /Producer {}",
        text_string(&info.title),
        text_string(&info.author),
        text_string(&info.subject),
        text_string("EfA-Onboarding"),
        text_string("EfA-Onboarding (efa-documents)"),
    );
    if let Some(created) = &info.created {
        let _ = write!(info_dict, " /CreationDate {}", literal(created.as_bytes()));
    }
    info_dict.push_str(" >>");
    out.object(5, &info_dict);

    for (page, &number) in pages.iter().zip(&page_objects) {
        let annots: Vec<String> = (0..page.links.len())
            .map(|i| format!("{} 0 R", number + 2 + i))
            .collect();
        let annots = if annots.is_empty() {
            String::new()
        } else {
            format!(" /Annots [{}]", annots.join(" "))
        };
        out.object(
            number,
            &format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R{} >>",
                num(PAGE_WIDTH),
                num(PAGE_HEIGHT),
                number + 1,
                annots
            ),
        );
        out.stream(number + 1, page.content.as_bytes());
        for (i, link) in page.links.iter().enumerate() {
            let [x1, y1, x2, y2] = link.rect;
            out.object(
                number + 2 + i,
                &format!(
                    "<< /Type /Annot /Subtype /Link /Rect [{} {} {} {}] /Border [0 0 0] /A << /S /URI /URI {} >> >>",
                    num(x1),
                    num(y1),
                    num(x2),
                    num(y2),
                    literal(uri_bytes(&link.uri).as_bytes())
                ),
            );
        }
    }

    let id = hex(&info.id);
    out.finish(
        object_count,
        &format!("/Root 1 0 R /Info 5 0 R /ID [<{id}> <{id}>]"),
    )
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    /// Byte offset of each object, by object number - 1.
    offsets: Vec<(usize, usize)>,
}

impl Writer {
    fn raw(&mut self, data: &[u8]) {
        self.bytes.extend_from_slice(data);
    }

    fn object(&mut self, number: usize, body: &str) {
        self.offsets.push((number, self.bytes.len()));
        self.raw(format!("{number} 0 obj\n{body}\nendobj\n").as_bytes());
    }

    fn stream(&mut self, number: usize, data: &[u8]) {
        self.offsets.push((number, self.bytes.len()));
        self.raw(format!("{number} 0 obj\n<< /Length {} >>\nstream\n", data.len()).as_bytes());
        self.raw(data);
        self.raw(b"\nendstream\nendobj\n");
    }

    fn finish(mut self, object_count: usize, trailer: &str) -> Vec<u8> {
        self.offsets.sort_unstable();
        let xref = self.bytes.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", object_count + 1);
        for (_, offset) in &self.offsets {
            // Each entry is exactly 20 bytes, as the format requires.
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            object_count + 1
        );
        self.raw(table.as_bytes());
        self.bytes
    }
}

/// A number with at most two decimals and no trailing zeros (`12.5`, `3`), written
/// straight into the output without an intermediate string.
pub(crate) fn num(v: f32) -> Num {
    Num(v)
}

/// See [`num`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 100.0).round() as i64;
        let (sign, abs) = if hundredths < 0 {
            ("-", -hundredths)
        } else {
            ("", hundredths)
        };
        let (int, frac) = (abs / 100, abs % 100);
        match frac {
            0 => write!(f, "{sign}{int}"),
            x if x % 10 == 0 => write!(f, "{sign}{int}.{}", x / 10),
            x => write!(f, "{sign}{int}.{x:02}"),
        }
    }
}

/// A PDF literal string of WinAnsi bytes, with `( ) \` escaped and bytes outside printable
/// ASCII written as octal escapes.
pub(crate) fn literal(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7E => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
    out
}

/// A text string for the information dictionary: UTF-16BE with byte-order mark, so that
/// any name survives exactly.
fn text_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// A URI as 7-bit ASCII: anything else is percent-encoded (UTF-8).
fn uri_bytes(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for b in uri.bytes() {
        if (0x21..0x7F).contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let n = |v: f32| num(v).to_string();
        assert_eq!(n(3.0), "3");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(n(595.28), "595.28");
        assert_eq!(n(-0.004), "0");
        assert_eq!(n(-1.25), "-1.25");
        assert_eq!(n(0.05), "0.05");
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(literal(b"a(b)c\\"), "(a\\(b\\)c\\\\)");
        assert_eq!(literal(b"\xfc\x84"), "(\\374\\204)");
        assert_eq!(text_string("Wü"), "<FEFF005700FC>");
        assert_eq!(uri_bytes("https://x.de/a b/ä"), "https://x.de/a%20b/%C3%A4");
    }

    #[test]
    fn cross_reference_offsets_point_at_objects() {
        let page = Page {
            content: "BT /F1 12 Tf 72 720 Td (Hallo) Tj ET".into(),
            links: vec![Link {
                rect: [72.0, 700.0, 200.0, 712.0],
                uri: "https://example.org".into(),
            }],
        };
        let info = Info {
            title: "Titel".into(),
            author: "Autor".into(),
            subject: String::new(),
            created: Some("D:20260302093000Z".into()),
            lang: "de-DE",
            id: [7; 16],
        };
        let bytes = write(&[page.clone(), page], &info);
        let find = |needle: &[u8], from: usize| {
            bytes[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| p + from)
        };
        let startxref = find(b"startxref\n", 0).unwrap() + 10;
        let end = find(b"\n", startxref).unwrap();
        let start: usize = std::str::from_utf8(&bytes[startxref..end])
            .unwrap()
            .parse()
            .unwrap();
        // Catalog, page tree, two fonts, info, and per page: page, content, one link.
        let table = std::str::from_utf8(&bytes[start..]).unwrap();
        assert!(
            table.starts_with("xref\n0 12\n0000000000 65535 f \n"),
            "{table}"
        );
        let entries: Vec<&str> = table.lines().skip(3).take(11).collect();
        for (i, entry) in entries.iter().enumerate() {
            assert_eq!(entry.len() + 1, 20, "{entry:?}");
            let offset: usize = entry[..10].parse().unwrap();
            let expected = format!("{} 0 obj", i + 1);
            assert!(
                bytes[offset..].starts_with(expected.as_bytes()),
                "object {}",
                i + 1
            );
        }
    }
}
