//! The one rule for characters in free text (names, notes, descriptions), used by the
//! request validation in the browser and by every text the API accepts.
//!
//! Refused are control characters (line breaks only where a text may have several lines)
//! and the invisible format characters that can make a stored text read differently
//! from what it is: in a PDF, a CSV cell or an operator's screen. Allowed are the joiners
//! that languages need (ZWNJ U+200C and ZWJ U+200D, e.g. in Persian names or emoji), the
//! soft hyphen and the variation selectors.

/// Invisible format characters that change how text around them is shown or read:
/// bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069), the line and paragraph separators (U+2028, U+2029), zero
/// width space and word joiner family (U+200B, U+2060–U+2064), the deprecated format
/// characters (U+206A–U+206F), the byte order mark (U+FEFF), the interlinear annotation
/// characters (U+FFF9–U+FFFB) and the tag characters (U+E0000–U+E007F).
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `c` may not appear in a free text; `multiline` allows CR and LF.
pub fn is_forbidden(c: char, multiline: bool) -> bool {
    (c.is_control() && !(multiline && (c == '\n' || c == '\r'))) || is_invisible_format(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_stay_allowed() {
        for c in [
            '\u{200C}', '\u{200D}', '\u{00AD}', '\u{FE0F}', 'ä', '€', ' ',
        ] {
            assert!(!is_forbidden(c, false), "{c:?}");
        }
    }

    #[test]
    fn line_breaks_only_where_several_lines_are_allowed() {
        assert!(is_forbidden('\n', false));
        assert!(!is_forbidden('\n', true));
        assert!(!is_forbidden('\r', true));
        assert!(is_forbidden('\u{2028}', true));
        assert!(is_forbidden('\t', true));
    }

    #[test]
    fn format_characters_are_refused() {
        for c in [
            '\u{061C}',
            '\u{200B}',
            '\u{200E}',
            '\u{200F}',
            '\u{2028}',
            '\u{2029}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{2069}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{E0001}',
            '\u{E007F}',
        ] {
            assert!(is_forbidden(c, true), "{c:?}");
        }
    }
}
