//! "Did you mean" suggestions and the small bits of sift text that help and fixes quote.

use std::borrow::Cow;

use sift_syntax::ast::{Value, ValueKind};
use sift_syntax::{Span, format_value};

/// Names longer than this get no suggestion: edit distance is quadratic in the lengths, and a
/// name that long is not a typo of a schema name.
const MAX_SUGGEST_LEN: usize = 64;

/// The candidates nearest to `wrong`, best first (at most three); see
/// [`SuggestionIndex::suggest`]. Builds an index for one question: to ask about many names,
/// build a [`SuggestionIndex`] once.
pub fn suggest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Vec<&'c str> {
    let names: Vec<&'c str> = candidates.into_iter().collect();
    let index = SuggestionIndex::new(names.iter().copied());
    index
        .suggest(wrong)
        .into_iter()
        .filter_map(|i| names.get(i).copied())
        .collect()
}

/// Characters counted in a [`Bag`]: `a`–`z`, `0`–`9`, `_`, `.`, and one slot for the rest.
const BAG_SLOTS: usize = 39;

/// How often each character occurs in a lower-cased name (saturating): a lower bound on the
/// edit distance and an upper bound on Jaro similarity, computed once per candidate.
#[derive(Clone, Copy, Debug)]
struct Bag([u8; BAG_SLOTS]);

impl Bag {
    fn of(lower: &str) -> Bag {
        let mut bag = [0u8; BAG_SLOTS];
        for c in lower.chars() {
            let slot = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                '_' => 36,
                '.' => 37,
                _ => 38,
            };
            bag[slot] = bag[slot].saturating_add(1);
        }
        Bag(bag)
    }

    /// Characters in common, counted with multiplicity.
    fn common(&self, other: &Bag) -> usize {
        self.0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| usize::from(*a.min(b)))
            .sum()
    }
}

/// A lower-cased name (or last segment), measured and counted once.
#[derive(Debug)]
struct Reading {
    lower: String,
    len: usize,
    bag: Bag,
}

/// One candidate name, prepared once: its lower-cased reading and, for a dotted name, that of
/// its last segment (hubspot's `properties.email` is found from `email`).
#[derive(Debug)]
struct Candidate {
    /// The candidate's position in the list the index was built from.
    position: usize,
    name: String,
    full: Reading,
    last: Option<Reading>,
}

/// The names of one scope (an entity's fields, an array element's properties) prepared for
/// "did you mean": built once, asked about every unknown name. Each question reads each
/// candidate's prepared form and computes an edit distance only where the counts of
/// characters allow a match.
#[derive(Debug)]
pub struct SuggestionIndex {
    entries: Vec<Candidate>,
    /// Entry by lower-cased name (the first of equal ones), for the exact match.
    by_lower: std::collections::HashMap<String, usize>,
    /// Answers already given, by lower-cased name: a query repeats its typos.
    asked: std::cell::RefCell<std::collections::HashMap<String, Vec<usize>>>,
    /// Candidates prepared plus distances computed: the work done, for scaling tests.
    work: std::cell::Cell<u64>,
}

impl SuggestionIndex {
    pub fn new<'n>(candidates: impl IntoIterator<Item = &'n str>) -> Self {
        let entries: Vec<Candidate> = candidates
            .into_iter()
            .enumerate()
            .filter(|(_, name)| name.chars().count() <= MAX_SUGGEST_LEN)
            .map(|(position, name)| {
                let lower = name.to_lowercase();
                let last = lower
                    .rsplit_once('.')
                    .map(|(_, last)| last)
                    .filter(|last| !last.is_empty())
                    .map(Reading::of);
                Candidate {
                    position,
                    name: name.to_owned(),
                    full: Reading::of(&lower),
                    last,
                }
            })
            .collect();
        let mut by_lower = std::collections::HashMap::new();
        for (i, candidate) in entries.iter().enumerate() {
            by_lower.entry(candidate.full.lower.clone()).or_insert(i);
        }
        let work = std::cell::Cell::new(entries.len() as u64);
        SuggestionIndex {
            entries,
            by_lower,
            asked: std::cell::RefCell::default(),
            work,
        }
    }

    /// The work done so far: one unit per candidate prepared and per distance computed.
    #[cfg(test)]
    pub(crate) fn work(&self) -> u64 {
        self.work.get()
    }

    fn count(&self) {
        self.work.set(self.work.get() + 1);
    }

    /// The candidates nearest to `wrong`, best first (at most three). An exact match ignoring
    /// case wins outright (`First_Name` → `first_name`). Otherwise typos come first: the
    /// candidates at the smallest Damerau–Levenshtein distance, if that is at most one edit
    /// per three characters (`frist_name` → `first_name`); a dotted name also counts at the
    /// distance of its last segment (`email` → `properties.email`). Failing that, candidates
    /// that contain `wrong` as one of their `_`- or `.`-separated words (`name` →
    /// `first_name`, `last_name`) or share a long prefix with it (Jaro–Winkler ≥ 0.9).
    ///
    /// Returns the candidates' positions in the list the index was built from.
    pub fn suggest(&self, wrong: &str) -> Vec<usize> {
        if wrong.is_empty() || wrong.chars().count() > MAX_SUGGEST_LEN {
            return Vec::new();
        }
        let wrong_lower = wrong.to_lowercase();
        if let Some(known) = self.asked.borrow().get(&wrong_lower) {
            return known.clone();
        }
        let found = self.nearest(&wrong_lower);
        self.asked.borrow_mut().insert(wrong_lower, found.clone());
        found
    }

    fn nearest(&self, wrong_lower: &str) -> Vec<usize> {
        const MAX: usize = 3;
        if let Some(&i) = self.by_lower.get(wrong_lower) {
            return vec![self.entries[i].position];
        }
        let wrong = Reading::of(wrong_lower);
        // Typos, by branch and bound: the character counts give a lower bound on the edit
        // distance of each reading (the name, and the last segment of a dotted name); the
        // distances are computed in the order of those bounds, until the bound passes the best
        // distance found.
        let mut bounded: Vec<(usize, usize)> = Vec::new();
        for (i, candidate) in self.entries.iter().enumerate() {
            let bound = candidate
                .readings()
                .filter_map(|reading| wrong.admits(reading))
                .min();
            if let Some(bound) = bound {
                bounded.push((bound, i));
            }
        }
        bounded.sort_unstable();
        let mut typos: Vec<(usize, usize)> = Vec::new();
        let mut best = usize::MAX;
        for (bound, i) in bounded {
            if bound > best {
                break;
            }
            let distance = self.entries[i]
                .readings()
                .filter(|reading| wrong.admits(reading).is_some())
                .filter_map(|reading| {
                    self.count();
                    let d = strsim::damerau_levenshtein(wrong_lower, &reading.lower);
                    (d <= wrong.allowed(reading)).then_some(d)
                })
                .min();
            if let Some(d) = distance {
                best = best.min(d);
                typos.push((d, i));
            }
        }
        let name = |i: usize| self.entries[i].name.as_str();
        let position = |i: usize| self.entries[i].position;
        if !typos.is_empty() {
            typos.retain(|(d, _)| *d == best);
            typos.sort_by(|a, b| name(a.1).cmp(name(b.1)));
            return typos
                .into_iter()
                .take(MAX)
                .map(|(_, i)| position(i))
                .collect();
        }
        let mut related: Vec<(u32, usize)> = Vec::new();
        for (i, candidate) in self.entries.iter().enumerate() {
            let full = &candidate.full;
            let word_match =
                wrong.len >= 3 && full.lower.split(['_', '.']).any(|word| word == wrong_lower);
            // Jaro ≤ (m/|a| + m/|b| + 1) / 3 with m ≤ the characters in common, and
            // Jaro–Winkler ≥ 0.9 needs Jaro ≥ 5/6.
            let common = wrong.bag.common(&full.bag) as f64;
            let jaro_bound =
                (common / wrong.len.max(1) as f64 + common / full.len.max(1) as f64 + 1.0) / 3.0;
            // Word matches are ranked by similarity too.
            if !(word_match || jaro_bound >= 5.0 / 6.0) {
                continue;
            }
            self.count();
            let similarity = strsim::jaro_winkler(wrong_lower, &full.lower);
            if word_match || similarity >= 0.9 {
                // Kept integral for a total order; higher is closer.
                related.push(((similarity * 1000.0) as u32, i));
            }
        }
        related.sort_by(|a, b| b.0.cmp(&a.0).then(name(a.1).cmp(name(b.1))));
        related
            .into_iter()
            .take(MAX)
            .map(|(_, i)| position(i))
            .collect()
    }
}

impl Reading {
    fn of(lower: &str) -> Reading {
        Reading {
            lower: lower.to_owned(),
            len: lower.chars().count(),
            bag: Bag::of(lower),
        }
    }

    /// The most edits that still count as a typo of `other`: one per three characters.
    fn allowed(&self, other: &Reading) -> usize {
        (self.len.max(other.len) / 3).max(1)
    }

    /// A lower bound on the edit distance to `other`, if it is within [`Reading::allowed`].
    fn admits(&self, other: &Reading) -> Option<usize> {
        let common = self.bag.common(&other.bag);
        // Every edit changes the counts of characters by at most one on each side.
        let bound = (self.len - common.min(self.len)).max(other.len - common.min(other.len));
        (bound <= self.allowed(other)).then_some(bound)
    }
}

impl Candidate {
    /// The name, and the last segment of a dotted name.
    fn readings(&self) -> impl Iterator<Item = &Reading> {
        std::iter::once(&self.full).chain(self.last.as_ref())
    }
}

/// The single suggestion safe to apply automatically: the only one, or an exact match
/// ignoring case.
pub(crate) fn unique_best<'c>(wrong: &str, suggestions: &[&'c str]) -> Option<&'c str> {
    match suggestions {
        [only] => Some(only),
        [first, ..] if first.eq_ignore_ascii_case(wrong) => Some(first),
        _ => None,
    }
}

/// "did you mean `a`?", "did you mean `a` or `b`?", "did you mean `a`, `b` or `c`?"
pub(crate) fn did_you_mean(suggestions: &[&str]) -> Option<String> {
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [init @ .., last] => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

/// Names joined for help text, truncated after `max` with a count of the rest.
pub(crate) fn name_list<'n>(names: impl IntoIterator<Item = &'n str>, max: usize) -> String {
    let mut shown = Vec::new();
    let mut more = 0usize;
    for name in names {
        if shown.len() < max {
            shown.push(name);
        } else {
            more += 1;
        }
    }
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// A value as sift source text.
pub(crate) fn sift_value(value: &Value<'_>) -> String {
    format_value(value)
}

/// A double-quoted sift string literal.
pub(crate) fn sift_string(text: &str) -> String {
    format_value(&Value {
        span: Span::default(),
        kind: ValueKind::String(Cow::Borrowed(text)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const USERS: [&str; 6] = [
        "first_name",
        "last_name",
        "email",
        "is_active",
        "id",
        "created_at",
    ];

    #[test]
    fn typos_case_and_words() {
        assert_eq!(suggest("frist_name", USERS), ["first_name"]);
        assert_eq!(suggest("First_Name", USERS), ["first_name"]);
        assert_eq!(suggest("isactive", USERS), ["is_active"]);
        assert_eq!(suggest("name", USERS), ["last_name", "first_name"]);
        assert_eq!(suggest("user", ["users", "user_assignments"]), ["users"]);
        assert_eq!(
            suggest("x_name", ["a_name", "b_name"]),
            ["a_name", "b_name"]
        );
        assert_eq!(suggest("ix", USERS), ["id"]);
        assert!(suggest("zzzzzz", USERS).is_empty());
        assert!(suggest("", USERS).is_empty());
        assert!(suggest(&"x".repeat(100_000), USERS).is_empty());
    }

    #[test]
    fn unique_best_needs_a_clear_winner() {
        assert_eq!(
            unique_best("frist_name", &["first_name"]),
            Some("first_name")
        );
        assert_eq!(unique_best("name", &["last_name", "first_name"]), None);
    }

    #[test]
    fn help_text_helpers() {
        assert_eq!(did_you_mean(&["a"]).as_deref(), Some("did you mean `a`?"));
        assert_eq!(
            did_you_mean(&["a", "b", "c"]).as_deref(),
            Some("did you mean `a`, `b` or `c`?")
        );
        assert_eq!(name_list(["a", "b", "c"], 2), "a, b and 1 more");
        assert_eq!(sift_string("a\"b\\\n"), r#""a\"b\\\n""#);
    }
}
