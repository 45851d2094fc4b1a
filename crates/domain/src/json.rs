//! JSON helpers for the browser app that keep `serde_json::Value` and a second, pretty
//! serialiser out of its wasm: picking one member out of a text whose shape is not known
//! yet (a file's format version before it is read by its types, an entry's `id` to name
//! an entry that could not be read), and the pretty-printed form of compact JSON.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A JSON value, as far as a format check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    /// A non-negative integer (what `Value::as_u64` accepts).
    Unsigned(u64),
    /// A string.
    Text(String),
    /// Anything else: a negative or fractional number, `true`/`false`, `null`, an array
    /// or an object.
    Other,
}

/// The value at `path` in `json` (`["request", "schema_version"]` is what
/// `Value::pointer("/request/schema_version")` finds): `None` if a step is not an object
/// or lacks the member; of several members with one name, the last counts. The whole
/// text is read, so an error means that it is not JSON.
pub fn member(json: &str, path: &[&str]) -> Result<Option<Scalar>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    let found = Member(path).deserialize(&mut de)?;
    de.end()?;
    Ok(found)
}

/// The member at the path, read from any JSON value.
struct Member<'p>(&'p [&'p str]);

impl<'de> DeserializeSeed<'de> for Member<'_> {
    type Value = Option<Scalar>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        if self.0.is_empty() {
            deserializer.deserialize_any(ScalarVisitor).map(Some)
        } else {
            deserializer.deserialize_any(self)
        }
    }
}

/// The visits of the JSON values that are neither strings, non-negative integers nor
/// objects; arrays are read to their end.
macro_rules! other_values {
    ($other:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }

        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($other)
        }

        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($other)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($other)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($other)
        }
    };
}

impl<'de> Visitor<'de> for Member<'_> {
    type Value = Option<Scalar>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(None);

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some((first, rest)) = self.0.split_first() else {
            return Ok(None);
        };
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == *first {
                found = map.next_value_seed(Member(rest))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(Scalar::Other);

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Unsigned(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

/// Compact JSON text (as `serde_json::to_string` writes it) in the layout of
/// `serde_json::to_string_pretty`, byte for byte: two spaces per level, `": "` after
/// keys, `[]` and `{}` for empty arrays and objects.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    line_break(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                line_break(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                line_break(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

fn line_break(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<Scalar> {
        Some(Scalar::Text(s.into()))
    }

    #[test]
    fn picks_the_member_and_reads_past_the_rest() {
        let json = r#"{"a": [1, {"id": 9}], "id": "x", "b": null, "c": {"d": {"e": 4}}}"#;
        assert_eq!(member(json, &["id"]).unwrap(), text("x"));
        assert_eq!(member(json, &["nope"]).unwrap(), None);
        assert_eq!(
            member(json, &["c", "d", "e"]).unwrap(),
            Some(Scalar::Unsigned(4))
        );
        assert_eq!(member(json, &["c", "x", "e"]).unwrap(), None);
        assert_eq!(member(json, &["a", "id"]).unwrap(), None);
        assert_eq!(member(json, &["c", "d"]).unwrap(), Some(Scalar::Other));
        assert_eq!(member("7", &[]).unwrap(), Some(Scalar::Unsigned(7)));
    }

    #[test]
    fn the_last_of_several_members_counts() {
        assert_eq!(
            member(r#"{"v": 2, "v": 3}"#, &["v"]).unwrap(),
            Some(Scalar::Unsigned(3))
        );
        assert_eq!(
            member(r#"{"r": {"v": 2}, "r": {}}"#, &["r", "v"]).unwrap(),
            None
        );
    }

    #[test]
    fn only_non_negative_integers_and_strings_are_kept() {
        for other in [
            "-1",
            "1.5",
            "1e2",
            "18446744073709551616",
            "true",
            "null",
            "[]",
            "{}",
        ] {
            let json = format!(r#"{{"v": {other}}}"#);
            assert_eq!(
                member(&json, &["v"]).unwrap(),
                Some(Scalar::Other),
                "{other}"
            );
        }
        assert_eq!(member(r#"{"v": "a\"b"}"#, &["v"]).unwrap(), text("a\"b"));
    }

    #[test]
    fn no_member_outside_an_object() {
        for json in ["[]", r#"[{"id": "x"}]"#, r#""id""#, "7", "null", "false"] {
            assert_eq!(member(json, &["id"]).unwrap(), None, "{json}");
        }
    }

    #[test]
    fn text_that_is_not_json_is_an_error() {
        for json in ["", "{", r#"{"id": }"#, "[1,,]", "{} {}", r#""\x""#, "[1] x"] {
            assert!(member(json, &["id"]).is_err(), "{json}");
        }
    }

    #[test]
    fn deep_nesting_is_read_without_recursion() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(member(&deep, &["id"]).unwrap(), None);
    }

    #[test]
    fn pretty_is_serde_json_pretty() {
        let value = serde_json::json!({
            "empty_object": {},
            "empty_array": [],
            "text": "a \"quoted\" {b: [c, d]}, \\ back\\slash\n ü €",
            "numbers": [1, -2.5, 1e100, 0],
            "nested": [{"a": [[], [{}], [1, [2, {"b": null}]]]}, true, false],
            "": ""
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(&value).unwrap()
        );
        for scalar in ["1", "\"x\"", "null", "[]", "{}"] {
            assert_eq!(pretty(scalar), scalar);
        }
    }

    #[test]
    fn pretty_keeps_a_sample_request_byte_for_byte() {
        let request = crate::sample::request("2026-01-02T03:04:05Z");
        let compact = serde_json::to_string(&request).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(&request).unwrap()
        );
    }
}
