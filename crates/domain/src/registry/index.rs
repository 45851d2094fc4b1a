//! The name index: the folded search keys of all entries in one string, with sorted
//! lists of references into it, so that exact, prefix and word matches are binary
//! searches.

use super::entry::Entry;
use super::fold::fold_into;

/// A folded key in the index's arena and the entry it belongs to.
#[derive(Debug, Clone, Copy)]
pub(super) struct KeyRef {
    start: u32,
    len: u32,
    pub(super) entry: u32,
}

impl KeyRef {
    fn new(start: usize, end: usize, entry: u32) -> KeyRef {
        KeyRef {
            start: start as u32,
            len: end.saturating_sub(start) as u32,
            entry,
        }
    }

    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// Short names and the words of full names, each in both foldings, sorted by key.
#[derive(Debug, Clone)]
pub(super) struct NameIndex {
    /// All folded keys, concatenated.
    arena: String,
    /// Short names in both foldings, sorted by key.
    pub(super) names: Vec<KeyRef>,
    /// Words of the full names in both foldings, sorted by key.
    pub(super) words: Vec<KeyRef>,
}

impl NameIndex {
    /// Builds the sorted key lists: short names in both foldings, and the words of the full
    /// names in both foldings.
    pub(super) fn build(entries: &[Entry]) -> NameIndex {
        let mut arena = String::with_capacity(entries.len() * 48);
        let mut names = Vec::with_capacity(entries.len() + entries.len() / 4);
        let mut words = Vec::with_capacity(entries.len() * 3);
        for (i, e) in entries.iter().enumerate() {
            let entry = i as u32;
            let push_name = |arena: &mut String, text: &str, digraph: bool| -> (usize, usize) {
                let start = arena.len();
                fold_into(text, digraph, arena);
                (start, arena.len())
            };
            let (s0, e0) = push_name(&mut arena, e.short_name(), false);
            names.push(KeyRef::new(s0, e0, entry));
            let (s1, e1) = push_name(&mut arena, e.short_name(), true);
            if arena.get(s1..e1) == arena.get(s0..e0) {
                // No umlaut: the second folding would repeat the first.
                arena.truncate(s1);
            } else {
                names.push(KeyRef::new(s1, e1, entry));
            }
            for digraph in [false, true] {
                let start = arena.len();
                fold_into(e.name(), digraph, &mut arena);
                let end = arena.len();
                let mut pos = start;
                for word in arena.get(start..end).unwrap_or_default().split(' ') {
                    if word.is_empty() {
                        continue;
                    }
                    let refs = KeyRef::new(pos, pos + word.len(), entry);
                    if !words.iter().rev().take(8).any(|w: &KeyRef| {
                        w.entry == entry
                            && arena.as_bytes().get(w.range()) == arena.as_bytes().get(refs.range())
                    }) {
                        words.push(refs);
                    }
                    pos += word.len() + 1;
                }
                if words.last().is_none_or(|w| (w.start as usize) < start) {
                    // Every word repeated one of the first folding: drop the copy.
                    arena.truncate(start);
                }
            }
        }
        let bytes = arena.as_bytes();
        let key = |k: &KeyRef| bytes.get(k.range()).unwrap_or_default();
        names.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.entry.cmp(&b.entry)));
        words.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.entry.cmp(&b.entry)));
        NameIndex {
            arena,
            names,
            words,
        }
    }

    /// The keys of `list` (sorted) that start with `prefix`.
    pub(super) fn prefix_range<'s>(&'s self, list: &'s [KeyRef], prefix: &[u8]) -> &'s [KeyRef] {
        let start = list.partition_point(|k| self.key_bytes(k) < prefix);
        let rest = list.get(start..).unwrap_or_default();
        let len = rest.partition_point(|k| self.key_bytes(k).starts_with(prefix));
        rest.get(..len).unwrap_or_default()
    }

    /// The folded text of a key.
    pub(super) fn key_bytes(&self, k: &KeyRef) -> &[u8] {
        let start = k.start as usize;
        self.arena
            .as_bytes()
            .get(start..start + k.len as usize)
            .unwrap_or_default()
    }
}
