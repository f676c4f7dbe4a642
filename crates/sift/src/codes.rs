//! The code table's text, `codes.md`: an introduction, then one entry per diagnostic code.
//! An entry is a `## sift::<phase>::<name>` heading, `key: value` lines up to the first blank
//! line (`fix`, `summary`, and `severity` for codes whose enums this library does not see, or
//! `same` for a restated finding that shares another code's words), then the explanation.
//! Read once, at first use; `lints::codes()` joins it with the codes the enums derive.

use miette::Severity;

use crate::lints::FixKind;

const TABLE: &str = include_str!("codes.md");
const ENTRY: &str = "## sift::";

/// One entry of the table, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub code: &'static str,
    pub fix: FixKind,
    pub summary: &'static str,
    pub explanation: &'static str,
    /// Given only for codes whose severity no enum of this library derives.
    pub severity: Option<Severity>,
    pub same_as: Option<&'static str>,
}

/// The text before the first entry.
pub(crate) fn intro() -> &'static str {
    TABLE
        .find(&format!("\n{ENTRY}"))
        .map_or(TABLE, |at| &TABLE[..at])
        .trim()
}

/// Every entry, in the table's order; a `same` entry carries the words of the code it names.
pub(crate) fn entries() -> Vec<Entry> {
    let mut entries: Vec<Entry> = TABLE
        .split("\n## ")
        .skip(1)
        .filter(|block| block.starts_with("sift::"))
        .map(parse)
        .collect();
    for at in 0..entries.len() {
        let Some(same) = entries[at].same_as else {
            continue;
        };
        if let Some(source) = entries.iter().find(|e| e.code == same).cloned() {
            entries[at].summary = source.summary;
            entries[at].explanation = source.explanation;
        }
    }
    entries
}

/// One block: the code (its heading), its `key: value` lines, its text.
fn parse(block: &'static str) -> Entry {
    let (heading, rest) = block.split_once('\n').unwrap_or((block, ""));
    let code = heading.trim();
    let (fields, explanation) = rest.split_once("\n\n").unwrap_or((rest, ""));
    let mut entry = Entry {
        code,
        explanation: explanation.trim_start_matches('\n').trim_end(),
        ..Entry::default()
    };
    for line in fields.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "fix" => entry.fix = FixKind::from_name(value).unwrap_or_default(),
            "summary" => entry.summary = value,
            "same" => entry.same_as = Some(value),
            "severity" => {
                entry.severity = Some(match value {
                    "warning" => Severity::Warning,
                    _ => Severity::Error,
                });
            }
            _ => {}
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry is whole: a code, a fix kind, a summary; `same` names an entry.
    #[test]
    fn every_entry_is_complete() {
        let entries = entries();
        assert!(entries.len() > 150, "{}", entries.len());
        for entry in &entries {
            assert!(entry.code.starts_with("sift::"), "{entry:?}");
            assert!(!entry.summary.is_empty(), "{}: no summary", entry.code);
            assert!(
                !entry.summary.contains('\n'),
                "{}: the summary is one line",
                entry.code
            );
            if let Some(same) = entry.same_as {
                assert!(
                    entries
                        .iter()
                        .any(|e| e.code == same && e.same_as.is_none()),
                    "{}: `same: {same}` names no entry",
                    entry.code
                );
            }
        }
        let fields = TABLE
            .lines()
            .filter(|l| l.starts_with("fix: "))
            .map(|l| l.trim_start_matches("fix: ").trim());
        for kind in fields {
            assert!(FixKind::from_name(kind).is_some(), "fix kind `{kind}`");
        }
        let mut codes: Vec<&str> = entries.iter().map(|e| e.code).collect();
        let all = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all, "a code has two entries");
    }

    #[test]
    fn the_intro_stops_before_the_first_entry() {
        assert!(intro().starts_with("# Diagnostic codes"));
        assert!(!intro().contains(ENTRY));
    }
}
