//! "Did you mean" suggestions and the small bits of sift text that help and fixes quote.

use std::borrow::Cow;

use sift_syntax::ast::{Value, ValueKind};
use sift_syntax::{Span, format_value};

/// Names longer than this get no suggestion: edit distance is quadratic in the lengths, and a
/// name that long is not a typo of a schema name.
const MAX_SUGGEST_LEN: usize = 64;

/// The candidates nearest to `wrong`, best first (at most three). An exact match ignoring case
/// wins outright (`First_Name` → `first_name`). Otherwise typos come first: the candidates at
/// the smallest Damerau–Levenshtein distance, if that is at most one edit per three characters
/// (`frist_name` → `first_name`). Failing that, candidates that contain `wrong` as one of their
/// `_`-separated words (`name` → `first_name`, `last_name`) or share a long prefix with it
/// (Jaro–Winkler ≥ 0.9).
pub fn suggest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Vec<&'c str> {
    const MAX: usize = 3;
    if wrong.is_empty() || wrong.chars().count() > MAX_SUGGEST_LEN {
        return Vec::new();
    }
    let wrong_lower = wrong.to_lowercase();
    let wrong_len = wrong_lower.chars().count();
    let mut typos: Vec<(usize, &'c str)> = Vec::new();
    let mut related: Vec<(u32, &'c str)> = Vec::new();
    for candidate in candidates {
        if candidate.chars().count() > MAX_SUGGEST_LEN {
            continue;
        }
        let lower = candidate.to_lowercase();
        if lower == wrong_lower {
            return vec![candidate];
        }
        let distance = strsim::damerau_levenshtein(&wrong_lower, &lower);
        let longest = wrong_len.max(lower.chars().count());
        if distance <= (longest / 3).max(1) {
            typos.push((distance, candidate));
            continue;
        }
        let similarity = strsim::jaro_winkler(&wrong_lower, &lower);
        let word_match = wrong_len >= 3 && lower.split('_').any(|word| word == wrong_lower);
        if word_match || similarity >= 0.9 {
            // Kept integral for a total order; higher is closer.
            related.push(((similarity * 1000.0) as u32, candidate));
        }
    }
    if let Some(best) = typos.iter().map(|(d, _)| *d).min() {
        typos.retain(|(d, _)| *d == best);
        typos.sort_by(|a, b| a.1.cmp(b.1));
        return typos.into_iter().take(MAX).map(|(_, c)| c).collect();
    }
    related.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    related.into_iter().take(MAX).map(|(_, c)| c).collect()
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
