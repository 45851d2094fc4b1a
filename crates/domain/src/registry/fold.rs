//! Search folding: the one form in which names and queries are compared.

/// Appends the search form of `text` to `out`: lower case, ä/ö/ü as a/o/u (or ae/oe/ue if
/// `digraph`), ß as ss, Latin diacritics removed, every run of other characters as one
/// space, no leading or trailing space.
pub fn fold_into(text: &str, digraph: bool, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for c in text.chars() {
        let mapped: Option<&str> = match c {
            'ä' | 'Ä' => Some(if digraph { "ae" } else { "a" }),
            'ö' | 'Ö' => Some(if digraph { "oe" } else { "o" }),
            'ü' | 'Ü' => Some(if digraph { "ue" } else { "u" }),
            'ß' | 'ẞ' => Some("ss"),
            _ => None,
        };
        let emit = |out: &mut String, pending: &mut bool| {
            if *pending && out.len() > start {
                out.push(' ');
            }
            *pending = false;
        };
        if let Some(m) = mapped {
            emit(out, &mut pending_space);
            out.push_str(m);
        } else if c.is_ascii_alphanumeric() {
            emit(out, &mut pending_space);
            out.push(c.to_ascii_lowercase());
        } else if let Some(base) = strip_diacritic(c) {
            emit(out, &mut pending_space);
            out.push(base);
        } else if c.is_alphanumeric() {
            emit(out, &mut pending_space);
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
}

/// The base letter of a Latin letter with a diacritic (the ones in German place names,
/// including Sorbian and Danish/Frisian names, and common others).
fn strip_diacritic(c: char) -> Option<char> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'æ' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ů' | 'ū' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

/// `text` folded into a new string, for the tests of this and the search module.
#[cfg(test)]
pub(super) fn fold(text: &str, digraph: bool) -> String {
    let mut out = String::new();
    fold_into(text, digraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(
            fold("München, Landeshauptstadt", false),
            "munchen landeshauptstadt"
        );
        assert_eq!(fold("München", true), "muenchen");
        assert_eq!(fold("  Gießen ", false), "giessen");
        assert_eq!(fold("Bautzen / Budyšin", false), "bautzen budysin");
        assert_eq!(fold("Halle (Saale)", false), "halle saale");
        assert_eq!(fold("--", false), "");
    }
}
