//! Applying the diagnostics' fixes to a text, pass after pass, until none is left to apply.
//!
//! Each pass checks the text, takes the fixes the code table allows (the safe ones, and the
//! unsafe ones when asked for), drops those that overlap an earlier one (the next pass sees
//! them again), and writes the rest in one go. It stops when no fix is left, when a pass
//! changes nothing, after [`MAX_PASSES`], or before a pass that would add a syntax error (a
//! fix that breaks the text is a bug, and the text stays as the pass before left it). Pure:
//! the caller reads and writes the files.

use sift_schema::Catalog;
use sift_syntax::{Fix, SuggestFix};

use crate::lints::{FixKind, code_info};
use crate::{Diagnostic, Diagnostics, Options, SourceIndex};

/// The most passes: each pass applies every fix that does not overlap another, so a text needs
/// more than a few only when fixes keep making new ones.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixMode {
    /// Only the fixes whose code's kind is [`FixKind::Safe`].
    #[default]
    Safe,
    /// The unsafe ones too.
    Unsafe,
}

impl FixMode {
    fn allows(self, kind: FixKind) -> bool {
        match kind {
            FixKind::None => false,
            FixKind::Safe => true,
            FixKind::Unsafe => self == FixMode::Unsafe,
        }
    }
}

/// One fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    /// The code of the diagnostic it fixed.
    pub code: String,
    /// The kind of the code's fixes.
    pub kind: FixKind,
    /// The pass that applied it, from 1.
    pub pass: usize,
    /// 1-based line and column (in characters) of what it replaced, in the text as that pass
    /// found it.
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

/// Why fixing stopped while fixes were still left to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixStop {
    /// [`MAX_PASSES`] passes ran and fixes keep appearing.
    PassLimit,
    /// The next pass would have added a syntax error; it was not applied.
    WouldBreak,
}

/// The outcome of fixing a text.
#[derive(Debug)]
#[non_exhaustive]
pub struct Fixed {
    /// The text with the fixes applied (the original when none was).
    pub text: String,
    /// Every fix applied, pass by pass, each pass in text order.
    pub applied: Vec<AppliedFix>,
    /// The diagnostics of the fixed text (lint levels applied): what is left.
    pub remaining: Diagnostics,
    /// Set when fixing stopped with fixes still left to apply.
    pub stopped: Option<FixStop>,
}

impl Fixed {
    /// Whether the text changed.
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// Applies the fixes of `source`'s diagnostics (as [`crate::check`] reports them with
/// `options`) that `mode` allows, until none is left.
///
/// ```
/// use sift::fix::{FixMode, fix_source};
/// use sift::{Options, harvest};
///
/// let fixed = fix_source("from users where id in [7] and first_name == \"Ann\"", harvest(), &Options::default(), FixMode::Safe);
/// assert_eq!(fixed.text, "from users where id = 7 and first_name = \"Ann\"");
/// assert!(fixed.remaining.is_empty());
/// ```
pub fn fix_source(source: &str, catalog: &Catalog, options: &Options, mode: FixMode) -> Fixed {
    fix_with(source, mode, |text| crate::check(text, catalog, options))
}

/// [`fix_source`] for a JSON document (filter, query, params or request), as
/// [`crate::validate_json`] reads it. The fixes edit the JSON text in place: the rest of the
/// document keeps its bytes.
pub fn fix_json(text: &str, catalog: &Catalog, options: &Options, mode: FixMode) -> Fixed {
    fix_with(text, mode, |text| {
        crate::validate_json_diagnostics(text, catalog, options).diagnostics
    })
}

/// The fixing loop over any checker of the text.
pub fn fix_with(text: &str, mode: FixMode, check: impl Fn(&str) -> Diagnostics) -> Fixed {
    let mut text = text.to_owned();
    let mut diagnostics = check(&text);
    let mut applied = Vec::new();
    let mut stopped = None;
    for pass in 1..=MAX_PASSES + 1 {
        let chosen = chosen_fixes(&text, &diagnostics, mode);
        if chosen.is_empty() {
            break;
        }
        if pass > MAX_PASSES {
            stopped = Some(FixStop::PassLimit);
            break;
        }
        let fixed = splice(&text, &chosen);
        if fixed == text {
            break;
        }
        let next = check(&fixed);
        if syntax_errors(&next) > syntax_errors(&diagnostics) {
            stopped = Some(FixStop::WouldBreak);
            break;
        }
        let index = SourceIndex::new(&text);
        applied.extend(chosen.iter().map(|c| {
            let (line, column) = index.position(c.fix.span.lo());
            AppliedFix {
                code: c.code.clone(),
                kind: c.kind,
                pass,
                line,
                column,
            }
        }));
        text = fixed;
        diagnostics = next;
    }
    Fixed {
        text,
        applied,
        remaining: diagnostics,
        stopped,
    }
}

/// Errors that say the text no longer reads at all.
fn syntax_errors(diagnostics: &Diagnostics) -> usize {
    diagnostics
        .iter()
        .filter(|d| {
            d.is_error() && {
                let code = d.code_str();
                code.starts_with("sift::syntax::") || code == "sift::json::invalid_json"
            }
        })
        .count()
}

/// A fix to apply, and the diagnostic it came from.
#[derive(Debug)]
struct Chosen {
    code: String,
    kind: FixKind,
    fix: Fix,
}

/// The fixes `mode` allows, in text order, none overlapping another: a fix that overlaps one
/// before it (or inserts at the same place as another insertion) waits for the next pass.
fn chosen_fixes(text: &str, diagnostics: &Diagnostics, mode: FixMode) -> Vec<Chosen> {
    let mut all: Vec<Chosen> = diagnostics
        .iter()
        .filter_map(|d: &Diagnostic| {
            let fix = d.fix()?;
            let code = d.code_str();
            let kind = code_info(&code).map_or(FixKind::None, |info| info.fix);
            let (lo, hi) = (fix.span.lo(), fix.span.hi());
            let in_text = lo <= hi
                && hi <= text.len()
                && text.is_char_boundary(lo)
                && text.is_char_boundary(hi);
            (mode.allows(kind) && in_text).then_some(Chosen { code, kind, fix })
        })
        .collect();
    all.sort_by_key(|c| (c.fix.span.lo(), c.fix.span.hi()));
    let mut chosen: Vec<Chosen> = Vec::with_capacity(all.len());
    for candidate in all {
        if let Some(last) = chosen.last() {
            let (lo, hi) = (candidate.fix.span.lo(), candidate.fix.span.hi());
            let (last_lo, last_hi) = (last.fix.span.lo(), last.fix.span.hi());
            let same_insertion = lo == hi && last_lo == last_hi && lo == last_lo;
            if lo < last_hi || same_insertion {
                continue;
            }
        }
        chosen.push(candidate);
    }
    chosen
}

/// `text` with each fix's range replaced (the fixes are in order and do not overlap).
fn splice(text: &str, fixes: &[Chosen]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for chosen in fixes {
        let span = chosen.fix.span;
        out.push_str(&text[at..span.lo()]);
        out.push_str(&chosen.fix.replacement);
        at = span.hi();
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harvest;

    fn fixed(source: &str, mode: FixMode) -> Fixed {
        fix_source(source, harvest(), &Options::default(), mode)
    }

    #[test]
    fn safe_fixes_apply_and_unsafe_ones_wait_to_be_asked() {
        let source = "from users where is_actve = true; from users where id in [7]";
        let safe = fixed(source, FixMode::Safe);
        assert_eq!(
            safe.text,
            "from users where is_actve = true; from users where id = 7"
        );
        assert_eq!(safe.remaining.codes(), ["sift::check::unknown_field"]);
        let all = fixed(source, FixMode::Unsafe);
        assert_eq!(
            all.text,
            "from users where is_active = true; from users where id = 7"
        );
        assert!(all.remaining.is_empty(), "{:?}", all.remaining.codes());
        let codes: Vec<&str> = all.applied.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(
            codes,
            ["sift::check::unknown_field", "sift::check::single_value_in"]
        );
    }

    /// Fixes that overlap wait for the next pass, which sees the text they left.
    #[test]
    fn overlapping_fixes_take_several_passes() {
        let fixed = fixed(
            "from time_entries where not not (id in [7]) and hours > 2 and hours > 1",
            FixMode::Safe,
        );
        assert_eq!(fixed.text, "from time_entries where (id = 7) and hours > 2");
        assert!(
            fixed.applied.iter().any(|a| a.pass > 1),
            "{:?}",
            fixed.applied
        );
        assert!(fixed.stopped.is_none());
    }

    #[test]
    fn nothing_to_fix_leaves_the_text_as_it_is() {
        let fixed = fixed("from users where id = 1", FixMode::Unsafe);
        assert!(!fixed.changed());
        assert_eq!(fixed.text, "from users where id = 1");
    }

    #[test]
    fn json_fixes_edit_the_document_in_place() {
        let options = Options::default().with_entity("users");
        let text = "{ \"gte\": {\"id\": 1},\n  \"eq\": {\"is_active\": true} }";
        let fixed = fix_json(text, harvest(), &options, FixMode::Safe);
        assert_eq!(
            fixed.text,
            "{\"and\": [{\"gte\": {\"id\": 1}}, {\"eq\": {\"is_active\": true}}]}"
        );
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining.codes());
    }

    /// A checker whose fixes go on forever is stopped, and says so.
    #[test]
    fn endless_fixes_stop_at_the_pass_limit() {
        let fixed = fix_with("x", FixMode::Safe, |_| {
            let mut d = Diagnostics::new();
            d.push(sift_syntax::SyntaxError::DoubleEquals {
                span: sift_syntax::Span::new(0, 0),
            });
            d
        });
        assert_eq!(fixed.stopped, Some(FixStop::PassLimit));
        assert_eq!(fixed.text, format!("{}x", "=".repeat(MAX_PASSES)));
    }
}
