//! The search behind the clerk's name field: digits against AGS, ARS and postcode; text
//! against the name index (exact, prefix, word prefix), then a fuzzy pass.

use super::entry::Entry;
use super::fold::fold_into;
use super::index::NameIndex;
use super::kind::EntryKind;
use crate::ident::Ags;

/// How well an entry matched a query; better first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchQuality {
    /// The short name equals the query or starts with it as whole words ("Halle" for
    /// "Halle (Saale)"), or the AGS/ARS/PLZ equals it.
    Exact,
    /// The short name starts with the query (or the AGS/ARS does).
    Prefix,
    /// Every word of the query starts a word of the full name or kind.
    WordPrefix,
    /// Within this many edits (insert, delete, substitute, swap neighbours) of a prefix
    /// of the short name.
    Fuzzy(u8),
}

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The entry found.
    pub entry: &'a Entry,
    /// How it matched.
    pub quality: MatchQuality,
}

/// Longest query (in bytes, after folding) that the fuzzy pass handles; longer ones still
/// get exact, prefix and word matches.
const FUZZY_MAX_QUERY: usize = 48;

/// What a search runs over: the registry's entries, its AGS order and its name index.
pub(super) struct Search<'r> {
    /// Sorted by ARS.
    pub(super) entries: &'r [Entry],
    /// Indexes into `entries`, sorted by AGS.
    pub(super) by_ags: &'r [u32],
    pub(super) index: &'r NameIndex,
}

impl<'r> Search<'r> {
    /// See [`Registry::search`](super::Registry::search).
    pub(super) fn run(&self, query: &str, limit: usize) -> Vec<Hit<'r>> {
        if limit == 0 {
            return Vec::new();
        }
        let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
        let mut quality = vec![NO_MATCH; self.entries.len()];
        if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
            self.match_digits(&compact, &mut quality);
            return self.top(&quality, limit);
        }
        let mut folded = String::with_capacity(query.len() + 8);
        fold_into(query, false, &mut folded);
        if folded.is_empty() {
            return Vec::new();
        }
        let q = folded.as_bytes();

        // Exact and prefix matches of the short names (both foldings).
        let mut found = 0usize;
        for key in self.index.prefix_range(&self.index.names, q) {
            // The query as the name's leading whole words ("Halle" for "Halle (Saale)",
            // "Frankfurt" for "Frankfurt am Main") is as good as the whole name: among
            // such namesakes the kreisfreie Stadt and the larger population come first.
            let bytes = self.index.key_bytes(key);
            let grade = if bytes.len() == q.len() || bytes.get(q.len()) == Some(&b' ') {
                EXACT
            } else {
                PREFIX
            };
            found += usize::from(improve(&mut quality, key.entry, grade));
        }

        // Every query word starts a word of the name or of the kind.
        let tokens: Vec<&[u8]> = q.split(|&b| b == b' ').collect();
        if tokens.len() <= MAX_TOKENS {
            let mut seen = vec![0u8; self.entries.len()];
            for (t, token) in tokens.iter().enumerate() {
                let mark = (t + 1) as u8;
                let mut note = |entry: u32| {
                    if let Some(s) = seen.get_mut(entry as usize)
                        && *s == t as u8
                    {
                        *s = mark;
                    }
                };
                for key in self.index.prefix_range(&self.index.words, token) {
                    note(key.entry);
                }
                let kinds = kind_mask(token);
                if kinds != 0 {
                    for (i, e) in self.entries.iter().enumerate() {
                        if kinds & kind_bit(e.kind) != 0 {
                            note(i as u32);
                        }
                    }
                }
            }
            let all = tokens.len() as u8;
            for (i, s) in seen.iter().enumerate() {
                if *s == all {
                    found += usize::from(improve(&mut quality, i as u32, WORD_PREFIX));
                }
            }
        }

        if found < limit && (4..=FUZZY_MAX_QUERY).contains(&q.len()) {
            let max = if q.len() >= 8 { 2 } else { 1 };
            self.fuzzy(q, max, &mut quality);
        }
        self.top(&quality, limit)
    }

    /// Marks entries whose AGS or ARS starts with `digits`, or whose postcode equals them.
    fn match_digits(&self, digits: &str, quality: &mut [u8]) {
        if digits.len() > 12 {
            return;
        }
        let grade = |key: &str| {
            if key.len() == digits.len() {
                EXACT
            } else {
                PREFIX
            }
        };
        // ARS: the entries are sorted by it.
        let start = self.entries.partition_point(|e| e.ars.as_str() < digits);
        for (i, e) in self.entries.iter().enumerate().skip(start) {
            if !e.ars.as_str().starts_with(digits) {
                break;
            }
            improve(quality, i as u32, grade(e.ars.as_str()));
        }
        // AGS: through the index sorted by it.
        let ags_of = |i: &u32| {
            self.entries
                .get(*i as usize)
                .and_then(|e| e.ags.as_ref())
                .map_or("", Ags::as_str)
        };
        let start = self.by_ags.partition_point(|i| ags_of(i) < digits);
        for i in self.by_ags.iter().skip(start) {
            let ags = ags_of(i);
            if !ags.starts_with(digits) {
                break;
            }
            improve(quality, *i, grade(ags));
        }
        if digits.len() == 5 {
            for (i, e) in self.entries.iter().enumerate() {
                if e.plz.as_ref().is_some_and(|p| p.as_str() == digits) {
                    improve(quality, i as u32, EXACT);
                }
            }
        }
    }

    /// Marks entries with a short name within `max` edits of a prefix of it.
    fn fuzzy(&self, q: &[u8], max: u8, quality: &mut [u8]) {
        let m = q.len();
        let max_depth = m + usize::from(max);
        // rows[r][i]: distance between q[..i] and the first r bytes of the current name.
        let mut rows = vec![[0u8; FUZZY_MAX_QUERY + 1]; max_depth + 1];
        // best[r]: smallest rows[j][m] for j <= r.
        let mut best = vec![0u8; max_depth + 1];
        for (i, cell) in rows[0].iter_mut().enumerate().take(m + 1) {
            *cell = i as u8;
        }
        best[0] = m as u8;
        let over = max + 1;

        let mut prev: &[u8] = &[];
        let mut valid = 0usize;
        let mut k = 0usize;
        while let Some(key_ref) = self.index.names.get(k) {
            let key = self.index.key_bytes(key_ref);
            let depth_limit = key.len().min(max_depth);
            let shared = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
            let mut depth = shared.min(valid).min(depth_limit);
            let mut pruned = false;
            while depth < depth_limit {
                let r = depth + 1;
                let kc = key[r - 1];
                let (before, after) = rows.split_at_mut(r);
                let (cur, prev_row) = (&mut after[0], &before[r - 1]);
                cur[0] = r.min(255) as u8;
                let mut low = cur[0];
                for i in 1..=m {
                    let qc = q[i - 1];
                    let mut d = (prev_row[i - 1] + u8::from(qc != kc))
                        .min(prev_row[i] + 1)
                        .min(cur[i - 1] + 1);
                    if i > 1 && r > 1 && qc == key[r - 2] && q[i - 2] == kc {
                        d = d.min(before[r - 2][i - 2] + 1);
                    }
                    cur[i] = d.min(over);
                    low = low.min(cur[i]);
                }
                best[r] = best[r - 1].min(cur[m]);
                depth = r;
                // A row's minimum is at most one more than the previous row's, and the next
                // row draws on these two rows (plus one for a swap), so once a whole row is
                // over `max`, every longer prefix is too.
                if low > max {
                    pruned = true;
                    break;
                }
            }
            valid = depth;
            prev = key;
            let result = best[depth];
            let grade = FUZZY_BASE + result;
            let mut next = k + 1;
            if pruned {
                // Every following name with this prefix ends the same way: same result.
                // Such runs are short, so a linear scan beats a binary search here.
                let prefix = key.get(..depth).unwrap_or(key);
                while self
                    .index
                    .names
                    .get(next)
                    .is_some_and(|r| self.index.key_bytes(r).starts_with(prefix))
                {
                    next += 1;
                }
            }
            if result <= max {
                for r in self.index.names.get(k..next).unwrap_or_default() {
                    improve(quality, r.entry, grade);
                }
            }
            k = next;
        }
    }

    /// The best `limit` marked entries, best first.
    fn top(&self, quality: &[u8], limit: usize) -> Vec<Hit<'r>> {
        // (quality, kind rank, population descending, entry index): ties are deterministic.
        let mut found: Vec<(u8, u8, u32, u32)> = quality
            .iter()
            .enumerate()
            .filter(|(_, q)| **q != NO_MATCH)
            .filter_map(|(i, q)| {
                let e = self.entries.get(i)?;
                Some((*q, e.kind.rank(), u32::MAX - e.population, i as u32))
            })
            .collect();
        if found.len() > limit {
            found.select_nth_unstable(limit);
            found.truncate(limit);
        }
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|(q, _, _, i)| {
                let quality = match q {
                    EXACT => MatchQuality::Exact,
                    PREFIX => MatchQuality::Prefix,
                    WORD_PREFIX => MatchQuality::WordPrefix,
                    fuzzy => MatchQuality::Fuzzy(fuzzy.saturating_sub(FUZZY_BASE)),
                };
                self.entries
                    .get(i as usize)
                    .map(|entry| Hit { entry, quality })
            })
            .collect()
    }
}

// Match grades, smaller is better; `FUZZY_BASE + d` for a fuzzy match at distance d.
const EXACT: u8 = 0;
const PREFIX: u8 = 1;
const WORD_PREFIX: u8 = 2;
const FUZZY_BASE: u8 = 3;
const NO_MATCH: u8 = u8::MAX;

/// Most query words the word match handles (more is not a name anyone types).
const MAX_TOKENS: usize = 16;

/// Records `grade` for `entry` if it is better than what it has; true if it had none.
fn improve(quality: &mut [u8], entry: u32, grade: u8) -> bool {
    match quality.get_mut(entry as usize) {
        Some(q) => {
            let new = *q == NO_MATCH;
            *q = (*q).min(grade);
            new
        }
        None => false,
    }
}

fn kind_bit(kind: EntryKind) -> u32 {
    1 << (kind as u32)
}

/// The kinds one of whose words starts with `token`.
fn kind_mask(token: &[u8]) -> u32 {
    EntryKind::ALL
        .iter()
        .filter(|k| {
            k.search_words()
                .iter()
                .any(|w| w.as_bytes().starts_with(token))
        })
        .fold(0, |mask, k| mask | kind_bit(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::fold::fold;
    use crate::registry::{FORMAT_MARKER, Registry};

    /// Reference implementation of the fuzzy measure for tests: the smallest optimal-string-
    /// alignment distance (Levenshtein plus swaps of neighbours)
    /// between `query` and any prefix of `key`, or `max + 1` if it exceeds `max`.
    ///
    /// Works row by row over the key and stops as soon as a row exceeds `max` everywhere,
    /// which for an unrelated name happens after a few characters. Uses fixed
    /// stack buffers, so it never allocates.
    fn prefix_distance(query: &[u8], key: &[u8], max: u8) -> u8 {
        const N: usize = FUZZY_MAX_QUERY + 1;
        let n = query.len();
        if n >= N {
            return max.saturating_add(1);
        }
        let over = max.saturating_add(1);
        // Row j holds the distances between query[..i] and key[..j] for i in 0..=n.
        let mut prev2 = [0u8; N];
        let mut prev = [0u8; N];
        let mut cur = [0u8; N];
        for (i, slot) in prev.iter_mut().enumerate().take(n + 1) {
            *slot = i.min(255) as u8;
        }
        let mut best = prev[n];
        let rows = key.len().min(n + usize::from(max));
        for j in 1..=rows {
            let kc = key[j - 1];
            cur[0] = j.min(255) as u8;
            let mut row_min = cur[0];
            for i in 1..=n {
                let qc = query[i - 1];
                let cost = u8::from(qc != kc);
                let mut d = (prev[i - 1] + cost).min(prev[i] + 1).min(cur[i - 1] + 1);
                if i > 1 && j > 1 && qc == key[j - 2] && query[i - 2] == kc {
                    d = d.min(prev2[i - 2] + 1);
                }
                cur[i] = d.min(over);
                row_min = row_min.min(cur[i]);
            }
            best = best.min(cur[n]);
            if row_min > max {
                break;
            }
            prev2 = prev;
            prev = cur;
        }
        best.min(over)
    }

    #[test]
    fn distances() {
        assert_eq!(prefix_distance(b"wurzbrug", b"wurzburg", 2), 1);
        assert_eq!(prefix_distance(b"wurz", b"wurzburg", 1), 0);
        assert_eq!(prefix_distance(b"wyrz", b"wurzburg", 1), 1);
        assert_eq!(prefix_distance(b"koln", b"berlin", 1), 2);
        assert_eq!(prefix_distance(b"muenchn", b"muenchen", 1), 1);
        assert_eq!(prefix_distance(b"abc", b"", 1), 2);
    }

    /// A registry of Gemeinden with the given names in one Landkreis.
    fn tiny(names: &[String]) -> Registry {
        let mut asset = format!("{FORMAT_MARKER} | test\n09184\t44\tKreis\n");
        for (i, name) in names.iter().enumerate() {
            asset.push_str(&format!(
                "091840000{:03}\t64\t{name}\t{}\t80000\n",
                i + 1,
                100 + i
            ));
        }
        Registry::parse(&asset).unwrap()
    }

    proptest::proptest! {
        /// The trie walk of the fuzzy pass finds exactly what the plain edit distance finds.
        #[test]
        fn fuzzy_walk_agrees_with_the_reference(
            names in proptest::collection::vec("[abcä]{1,9}", 1..40),
            query in "[abcä]{4,10}",
        ) {
            let registry = tiny(&names);
            let hits = registry.search(&query, 10_000);
            let mut q = String::new();
            fold_into(&query, false, &mut q);
            let max = if q.len() >= 8 { 2 } else { 1 };
            for e in registry.entries().iter().filter(|e| e.kind() == EntryKind::Gemeinde) {
                let keys = [fold(e.short_name(), false), fold(e.short_name(), true)];
                let expected = if keys.contains(&q) {
                    Some(MatchQuality::Exact)
                } else if keys.iter().any(|k| k.starts_with(&q)) {
                    Some(MatchQuality::Prefix)
                } else {
                    let d = keys.iter().map(|k| prefix_distance(q.as_bytes(), k.as_bytes(), max)).min().unwrap();
                    (d <= max).then_some(MatchQuality::Fuzzy(d))
                };
                let got = hits.iter().find(|h| std::ptr::eq(h.entry, e)).map(|h| h.quality);
                proptest::prop_assert_eq!(got, expected, "entry {} query {}", e.name(), q);
            }
        }
    }
}
