//! The two fonts the documents use, EfA Sans Regular and Bold (subsets of Liberation Sans,
//! see `fonts/SOURCE.md`), embedded in every PDF, and the WinAnsiEncoding that maps text
//! onto them.
//!
//! The layout works in WinAnsiEncoding (Windows-1252): one byte per character, which covers
//! German completely: ä ö ü Ä Ö Ü ß, „ “ ‚ ‘, – —, €, … and ·. Other characters are written as
//! the closest WinAnsi letter (ł → l, č → c) or as `?`, never dropped silently. The embedded
//! fonts hold exactly the glyphs of these characters, which keeps the PDF module small.
//!
//! Advance widths are read from the font files themselves (their `cmap` and `hmtx` tables),
//! once, so that line breaks are computed with the very widths the PDF declares and a
//! viewer draws. Liberation Sans has the metrics of Helvetica, so lines break
//! where they did with the standard fonts before.

use std::sync::OnceLock;

/// A font of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

impl Font {
    pub(crate) const ALL: [Font; 2] = [Font::Regular, Font::Bold];

    /// The resource name in the page's font dictionary.
    pub(crate) fn resource(self) -> &'static [u8] {
        match self {
            Font::Regular => b"F1",
            Font::Bold => b"F2",
        }
    }

    /// The PostScript name of the embedded font, with the tag PDF asks of a subset.
    pub(crate) fn base_font(self) -> &'static [u8] {
        match self {
            Font::Regular => b"EFAWIN+EfASans-Regular",
            Font::Bold => b"EFAWIN+EfASans-Bold",
        }
    }

    /// The font file (TrueType).
    pub(crate) fn data(self) -> &'static [u8] {
        match self {
            Font::Regular => include_bytes!("../fonts/EfASans-Regular.ttf"),
            Font::Bold => include_bytes!("../fonts/EfASans-Bold.ttf"),
        }
    }

    /// The font file compressed for its stream, once per font: every document embeds it.
    pub(crate) fn deflated(self) -> &'static [u8] {
        static REGULAR: OnceLock<Vec<u8>> = OnceLock::new();
        static BOLD: OnceLock<Vec<u8>> = OnceLock::new();
        let cell = match self {
            Font::Regular => &REGULAR,
            Font::Bold => &BOLD,
        };
        cell.get_or_init(|| crate::stream::deflate(self.data()))
    }

    /// What the documents need to know of the font file.
    pub(crate) fn metrics(self) -> &'static Metrics {
        static REGULAR: OnceLock<Metrics> = OnceLock::new();
        static BOLD: OnceLock<Metrics> = OnceLock::new();
        let cell = match self {
            Font::Regular => &REGULAR,
            Font::Bold => &BOLD,
        };
        cell.get_or_init(|| Metrics::read(self.data()).unwrap_or_default())
    }

    /// Advance width of WinAnsi code `code`, in thousandths of the font size.
    pub(crate) fn advance(self, code: u8) -> f32 {
        self.metrics().advance[usize::from(code)]
    }

    /// Width of encoded text at `size` points.
    pub(crate) fn width(self, text: &[u8], size: f32) -> f32 {
        let units: f32 = text.iter().map(|&c| self.advance(c)).sum();
        units * size / 1000.0
    }
}

/// Glyphs and metrics of a font file, for the 256 WinAnsi codes; lengths in thousandths of
/// the font size (PDF's glyph space).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metrics {
    /// Glyph number per WinAnsi code (0, the missing glyph, where the font has none).
    pub glyph: [u16; 256],
    /// Advance width per WinAnsi code.
    pub advance: [f32; 256],
    /// Advance width per glyph number.
    pub glyph_advance: Vec<f32>,
    /// Font bounding box: x min, y min, x max, y max.
    pub bbox: [f32; 4],
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub italic_angle: f32,
    /// Weight class of the `OS/2` table (400 regular, 700 bold).
    pub weight: u16,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            glyph: [0; 256],
            advance: [0.0; 256],
            glyph_advance: Vec::new(),
            bbox: [0.0; 4],
            ascent: 0.0,
            descent: 0.0,
            cap_height: 0.0,
            italic_angle: 0.0,
            weight: 400,
        }
    }
}

impl Metrics {
    /// Reads the tables `head`, `hhea`, `hmtx`, `OS/2`, `post` and the Windows Unicode
    /// `cmap` (format 4) of a TrueType font. `None` if one is missing or cut short; the
    /// fonts are committed files, and a test reads both.
    pub(crate) fn read(data: &[u8]) -> Option<Metrics> {
        let font = Tables(data);
        let head = font.table(b"head")?;
        let upem = f32::from(u16_at(head, 18)?);
        let scale = |v: f32| v * 1000.0 / upem;
        let bbox = [
            scale(f32::from(i16_at(head, 36)?)),
            scale(f32::from(i16_at(head, 38)?)),
            scale(f32::from(i16_at(head, 40)?)),
            scale(f32::from(i16_at(head, 42)?)),
        ];
        let hhea = font.table(b"hhea")?;
        let metrics_count = usize::from(u16_at(hhea, 34)?);
        let hmtx = font.table(b"hmtx")?;
        let maxp = font.table(b"maxp")?;
        let glyph_count = usize::from(u16_at(maxp, 4)?);
        let mut glyph_advance = Vec::with_capacity(glyph_count);
        let mut last = 0.0;
        for g in 0..glyph_count {
            if g < metrics_count {
                last = scale(f32::from(u16_at(hmtx, 4 * g)?));
            }
            glyph_advance.push(last);
        }
        let os2 = font.table(b"OS/2")?;
        let post = font.table(b"post")?;
        let cmap = font.table(b"cmap")?;
        let lookup = unicode_cmap(cmap)?;

        let mut m = Metrics {
            glyph_advance,
            bbox,
            ascent: scale(f32::from(i16_at(hhea, 4)?)),
            descent: scale(f32::from(i16_at(hhea, 6)?)),
            cap_height: scale(f32::from(i16_at(os2, 88)?)),
            // 16.16 fixed point.
            italic_angle: i32::from_be_bytes(post.get(4..8)?.try_into().ok()?) as f32 / 65536.0,
            weight: u16_at(os2, 4)?,
            ..Metrics::default()
        };
        for code in 0..=255u8 {
            let Some(c) = decode(code) else { continue };
            let glyph = lookup(u32::from(c));
            m.glyph[usize::from(code)] = glyph;
            m.advance[usize::from(code)] = m
                .glyph_advance
                .get(usize::from(glyph))
                .copied()
                .unwrap_or(0.0);
        }
        Some(m)
    }
}

/// The table directory of a TrueType file.
struct Tables<'a>(&'a [u8]);

impl<'a> Tables<'a> {
    fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        let count = usize::from(u16_at(self.0, 4)?);
        (0..count).find_map(|i| {
            let record = self.0.get(12 + 16 * i..28 + 16 * i)?;
            if &record[..4] != tag {
                return None;
            }
            let offset = usize::try_from(u32_at(record, 8)?).ok()?;
            let length = usize::try_from(u32_at(record, 12)?).ok()?;
            self.0.get(offset..offset.checked_add(length)?)
        })
    }
}

/// The lookup of the Windows Unicode BMP subtable (platform 3, encoding 1, format 4).
fn unicode_cmap(cmap: &[u8]) -> Option<impl Fn(u32) -> u16 + '_> {
    let count = usize::from(u16_at(cmap, 2)?);
    let offset = (0..count).find_map(|i| {
        let at = 4 + 8 * i;
        (u16_at(cmap, at)? == 3 && u16_at(cmap, at + 2)? == 1)
            .then(|| u32_at(cmap, at + 4))
            .flatten()
    })?;
    let table = cmap.get(usize::try_from(offset).ok()?..)?;
    if u16_at(table, 0)? != 4 {
        return None;
    }
    let segments = usize::from(u16_at(table, 6)? / 2);
    Some(move |c: u32| -> u16 {
        let Ok(c) = u16::try_from(c) else { return 0 };
        format4(table, segments, c).unwrap_or(0)
    })
}

/// The glyph of `c` in a format 4 subtable with `segments` segments.
fn format4(table: &[u8], segments: usize, c: u16) -> Option<u16> {
    let ends = 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    for s in 0..segments {
        if u16_at(table, ends + 2 * s)? < c {
            continue;
        }
        let start = u16_at(table, starts + 2 * s)?;
        if start > c {
            return Some(0);
        }
        let delta = u16_at(table, deltas + 2 * s)?;
        let range_offset = usize::from(u16_at(table, range_offsets + 2 * s)?);
        if range_offset == 0 {
            return Some(c.wrapping_add(delta));
        }
        let at = range_offsets + 2 * s + range_offset + 2 * usize::from(c - start);
        let glyph = u16_at(table, at)?;
        return Some(if glyph == 0 {
            0
        } else {
            glyph.wrapping_add(delta)
        });
    }
    Some(0)
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    Some(i16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The character of WinAnsi code `code`; `None` for control codes, the five codes
/// Windows-1252 leaves undefined and the soft hyphen, which [`encode`] never writes.
pub(crate) fn decode(code: u8) -> Option<char> {
    match code {
        0xAD => None,
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        _ => WIN_ANSI_HIGH
            .iter()
            .find(|&&(_, b)| b == code)
            .map(|&(c, _)| c),
    }
}

/// Encodes `text` in WinAnsiEncoding. Line breaks and other control characters must be
/// handled by the caller; here a tab becomes a space and other controls are dropped, as are
/// soft hyphens and zero-width characters.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some(b) = encode_char(c) {
            out.push(b);
        }
    }
    out
}

/// The WinAnsi code of `c`, a stand-in for it, or `None` for characters that have no
/// visible form.
pub(crate) fn encode_char(c: char) -> Option<u8> {
    let code = u32::from(c);
    match code {
        0x20..=0x7E | 0xA0..=0xFF if c != '\u{AD}' => return u8::try_from(code).ok(),
        0x09 => return Some(b' '),
        _ => {}
    }
    if c.is_control() {
        return None;
    }
    if let Some(&(_, b)) = WIN_ANSI_HIGH.iter().find(|&&(u, _)| u == c) {
        return Some(b);
    }
    if (0x100..0x180).contains(&code) {
        let i = usize::try_from(code - 0x100).unwrap_or(0);
        return LATIN_EXTENDED_A_BASE.get(i).copied();
    }
    Some(match c {
        // Invisible: soft hyphen, zero-width space/joiners, word joiner, byte-order mark.
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        // Bidirectional controls are refused by validation; in a draft they are dropped.
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            return None;
        }
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => b' ',
        '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{2043}' => b'-',
        '\u{2012}' => 0x96,
        '\u{2015}' => 0x97,
        '\u{201B}' | '\u{2032}' | '\u{02BC}' => b'\'',
        '\u{201F}' | '\u{2033}' => b'"',
        'Ș' | 'Ş' => b'S',
        'ș' | 'ş' => b's',
        'Ț' => b'T',
        'ț' => b't',
        _ => b'?',
    })
}

/// The characters of codes 0x80–0x9F, where Windows-1252 differs from Latin-1.
const WIN_ANSI_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// Base letters of U+0100–U+017F (Latin Extended-A), for names such as "Łukasz" or
/// "Dvořák" that WinAnsi cannot write. The few letters WinAnsi has (Œ œ Š š Ž ž Ÿ) are
/// found in [`WIN_ANSI_HIGH`] first.
const LATIN_EXTENDED_A_BASE: &[u8; 128] = b"AaAaAaCcCcCcCcDd\
DdEeEeEeEeEeGgGg\
GgGgHhHhIiIiIiIi\
IiIiJjKkkLlLlLlL\
lLlNnNnNnnNnOoOo\
OoOoRrRrRrSsSsSs\
SsTtTtTtUuUuUuUu\
UuUuWwYyYZzZzZzs";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_text_maps_onto_win_ansi() {
        assert_eq!(
            encode("Grüße „aus“ Würzburg – 5 €"),
            b"Gr\xfc\xdfe \x84aus\x93 W\xfcrzburg \x96 5 \x80".to_vec()
        );
        assert_eq!(encode("ÄÖÜäöüß"), b"\xc4\xd6\xdc\xe4\xf6\xfc\xdf".to_vec());
    }

    #[test]
    fn other_letters_fall_back_to_their_base_letter() {
        assert_eq!(encode("Łukasz Dvořák"), b"Lukasz Dvor\xe1k".to_vec());
        assert_eq!(encode("Œuvre Šćž"), b"\x8cuvre \x8ac\x9e".to_vec());
        assert_eq!(encode("日本"), b"??".to_vec());
        assert_eq!(encode("a\u{AD}b\u{200B}c\td\u{7}"), b"abc d".to_vec());
    }

    #[test]
    fn both_font_files_are_read() {
        for font in Font::ALL {
            let m = Metrics::read(font.data()).expect("a readable TrueType font");
            assert_eq!(*font.metrics(), m);
            // Every printable WinAnsi character has a glyph of its own.
            for code in (0x20..=0x7E).chain(0xA0..=0xFF) {
                if code != 0xAD {
                    assert_ne!(m.glyph[code], 0, "{font:?} has no glyph for {code:#x}");
                }
            }
            for (c, _) in WIN_ANSI_HIGH {
                let code = usize::from(encode_char(c).unwrap());
                assert_ne!(m.glyph[code], 0, "{font:?} has no glyph for {c}");
            }
            assert!(m.ascent > 800.0 && m.descent < -150.0 && m.cap_height > 600.0);
            assert_eq!(m.italic_angle, 0.0);
        }
        assert_eq!(Font::Regular.metrics().weight, 400);
        assert_eq!(Font::Bold.metrics().weight, 700);
    }

    #[test]
    fn widths_are_those_of_helvetica() {
        // Liberation Sans is metric-compatible with Helvetica (Adobe's AFM widths).
        let close = |font: Font, code: u8, afm: f32| {
            let w = font.advance(code);
            assert!((w - afm).abs() < 0.5, "{font:?} {code:#x}: {w} vs {afm}");
        };
        close(Font::Regular, b' ', 278.0);
        close(Font::Regular, b'W', 944.0);
        close(Font::Regular, 0xE4, 556.0);
        close(Font::Regular, 0x84, 333.0);
        close(Font::Regular, 0x80, 556.0);
        close(Font::Bold, b'a', 556.0);
        close(Font::Bold, 0xDF, 611.0);
        close(Font::Bold, 0x84, 500.0);
        let w = Font::Regular.width(b"Hallo", 10.0);
        assert!((w - 22.78).abs() < 0.01, "{w}");
    }

    #[test]
    fn codes_decode_to_their_characters() {
        for code in 0..=255u8 {
            if let Some(c) = decode(code) {
                assert_eq!(encode_char(c), Some(code), "{c:?}");
            }
        }
        assert_eq!(decode(0x80), Some('€'));
        assert_eq!(decode(0x81), None);
        assert_eq!(decode(b'\n'), None);
    }
}
