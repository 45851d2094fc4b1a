//! The two fonts the documents use, Helvetica and Helvetica-Bold, with their glyph widths
//! and the WinAnsiEncoding that maps text onto them.
//!
//! Both are among the 14 standard fonts every PDF reader has built in, so nothing is
//! embedded and the documents stay small. WinAnsiEncoding (Windows-1252) covers German
//! completely: ä ö ü Ä Ö Ü ß, „ “ ‚ ‘, – —, €, … and ·. Other characters are written as
//! the closest WinAnsi letter (ł → l, č → c) or as `?`, never dropped silently.
//!
//! The widths are those of Adobe's Core 14 font metrics (AFM files of Helvetica and
//! Helvetica-Bold, version 003.001), in thousandths of the font size, for the character
//! codes 32–255. Readers lay out standard fonts with exactly these metrics, so a line that
//! fits by this table fits on paper.

/// A font of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The resource name in the page's font dictionary.
    pub(crate) fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }

    /// The PostScript name of the standard font.
    pub(crate) fn base_font(self) -> &'static str {
        match self {
            Font::Regular => "Helvetica",
            Font::Bold => "Helvetica-Bold",
        }
    }

    /// Advance width of WinAnsi code `code`, in thousandths of the font size.
    pub(crate) fn advance(self, code: u8) -> u16 {
        let table = match self {
            Font::Regular => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        };
        // Codes below 32 are never produced by `encode`.
        table
            .get(usize::from(code).wrapping_sub(32))
            .copied()
            .unwrap_or(0)
    }

    /// Width of encoded text at `size` points.
    pub(crate) fn width(self, text: &[u8], size: f32) -> f32 {
        let units: u32 = text.iter().map(|&c| u32::from(self.advance(c))).sum();
        units as f32 * size / 1000.0
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

/// Helvetica, codes 32–255.
const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    350, 556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, 350,
    222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667, 278, 333, 556,
    556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 578,
    537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667,
    667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722,
    722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278,
    278, 556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold, codes 32–255.
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    350, 556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, 350,
    278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667, 278, 333, 556,
    556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611,
    556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667,
    667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722,
    722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278,
    278, 611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

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
    fn widths_are_the_adobe_metrics() {
        assert_eq!(Font::Regular.advance(b' '), 278);
        assert_eq!(Font::Regular.advance(b'W'), 944);
        assert_eq!(Font::Regular.advance(0xE4), 556);
        assert_eq!(Font::Regular.advance(0x84), 333);
        assert_eq!(Font::Bold.advance(b'a'), 556);
        assert_eq!(Font::Bold.advance(0xDF), 611);
        let w = Font::Regular.width(b"Hallo", 10.0);
        assert!((w - 22.78).abs() < 0.001, "{w}");
    }
}
