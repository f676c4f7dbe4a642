//! Lint levels: each warning code can be allowed (dropped), warned (the default) or denied
//! (turned into an error), as clippy and ruff do. The levels live in [`Options::lints`] and are
//! applied in one place, [`LintLevels::apply`], at the end of every pipeline entry point.
//!
//! Errors stay errors: a level can deny a warning but never allow or soften an error, so a
//! query the API would refuse is never passed as valid. Naming an error-only code with
//! `allow` or `warn` is refused when the level is set.
//!
//! [`Options::lints`]: crate::Options::lints

use std::fmt;
use std::sync::LazyLock;

use miette::Severity;
use strum::IntoEnumIterator;

use crate::{Diagnostic, Diagnostics};

/// The group that names every warning at once.
pub const WARNINGS_GROUP: &str = "warnings";

/// What to do with diagnostics of one code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Level {
    /// Drop the warning.
    Allow,
    /// Report it as a warning (the default).
    #[default]
    Warn,
    /// Report it as an error.
    Deny,
}

impl Level {
    /// Every level, from the mildest.
    pub const ALL: [Level; 3] = [Level::Allow, Level::Warn, Level::Deny];

    /// `allow`, `warn` or `deny`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What applying a code's fix does to a query, recorded once per code in the code table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FixKind {
    /// The code's diagnostics carry no fix.
    #[default]
    None,
    /// The fixed text returns what the original returns (a warning's fix), or is the one
    /// reading the text can have (an error's fix, such as `==` for `=`): `--fix` applies it.
    Safe,
    /// The fix guesses, or may change what the query returns: applied only when asked for
    /// (`--unsafe-fixes`).
    Unsafe,
}

impl FixKind {
    /// `none`, `safe` or `unsafe`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        }
    }

    /// The kind named `none`, `safe` or `unsafe`.
    pub fn from_name(name: &str) -> Option<FixKind> {
        [FixKind::None, FixKind::Safe, FixKind::Unsafe]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

impl fmt::Display for FixKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One diagnostic code: the severities its diagnostics can have, what its fix does, and what
/// it means (`sift rule CODE` prints this).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// `sift::<phase>::<name>`.
    pub code: String,
    /// Some diagnostic of this code is a warning (or advice), so a level can act on it.
    pub can_warn: bool,
    /// Some diagnostic of this code is an error.
    pub can_error: bool,
    /// Whether its diagnostics carry a fix, and whether the fix keeps what a query returns.
    pub fix: FixKind,
    /// What it reports, in one line.
    pub summary: &'static str,
    /// What it means, why, and an example (Markdown).
    pub explanation: &'static str,
    /// For a finding restated in another phase (a JSON document's `sift::json::unknown_field`),
    /// the code whose summary and explanation it shares.
    pub same_as: Option<&'static str>,
}

impl CodeInfo {
    /// The last segment: `unchecked_path` of `sift::check::unchecked_path`.
    pub fn name(&self) -> &str {
        self.code.rsplit("::").next().unwrap_or(&self.code)
    }

    /// The middle segment: `check` of `sift::check::unchecked_path`.
    pub fn phase(&self) -> &str {
        self.code.split("::").nth(1).unwrap_or("")
    }

    /// `error`, `warning`, or `error or warning`.
    pub fn severity(&self) -> &'static str {
        match (self.can_error, self.can_warn) {
            (true, true) => "error or warning",
            (false, true) => "warning",
            _ => "error",
        }
    }
}

/// Every diagnostic code sift reports, sorted: the codes of the phases' error enums (JSON
/// documents' `JsonError` among them) with the severities they derive, and the codes of the
/// phases outside this library (the schema loader, the local evaluator, the API client), each
/// with its fix kind, summary and explanation from the code table (`codes.md`).
pub fn codes() -> &'static [CodeInfo] {
    static CODES: LazyLock<Vec<CodeInfo>> = LazyLock::new(collect_codes);
    &CODES
}

/// The table entry of a full code (`sift::check::unchecked_path`).
pub fn code_info(code: &str) -> Option<&'static CodeInfo> {
    let all = codes();
    all.binary_search_by(|c| c.code.as_str().cmp(code))
        .ok()
        .and_then(|at| all.get(at))
}

/// What the code table says before its entries: severities, fix kinds and how the lints
/// decide (Markdown; the opening of `docs/lints.md`).
pub fn codes_intro() -> &'static str {
    crate::codes::intro()
}

/// The codes and severities the error enums of this library's phases declare.
fn derived_codes() -> Vec<(String, Severity)> {
    let mut found: Vec<(String, Severity)> = Vec::new();
    let mut add = |d: &dyn miette::Diagnostic| {
        if let Some(code) = d.code() {
            found.push((code.to_string(), d.severity().unwrap_or(Severity::Error)));
        }
    };
    sift_syntax::SyntaxError::iter().for_each(|e| add(&e));
    sift_check::CheckError::iter().for_each(|e| add(&e));
    sift_lower::LowerError::iter().for_each(|e| add(&e));
    add(&sift_lower::ParseTargetError {
        given: String::new(),
    });
    add(&sift_lower::ParseEmitError {
        given: String::new(),
    });
    sift_json::JsonError::iter().for_each(|e| add(&e));
    LintLevelError::iter().for_each(|e| add(&e));
    found
}

fn collect_codes() -> Vec<CodeInfo> {
    let entries = crate::codes::entries();
    let mut found = derived_codes();
    // The phases this library does not link (or cannot enumerate) say their severity in the
    // table.
    for entry in &entries {
        if let Some(severity) = entry.severity
            && !found.iter().any(|(code, _)| code == entry.code)
        {
            found.push((entry.code.to_owned(), severity));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<CodeInfo> = Vec::new();
    for (code, severity) in found {
        let warn = severity != Severity::Error;
        match out.last_mut() {
            Some(last) if last.code == code => {
                last.can_warn |= warn;
                last.can_error |= !warn;
            }
            _ => {
                let entry = entries.iter().find(|e| e.code == code);
                out.push(CodeInfo {
                    fix: entry.map_or(FixKind::None, |e| e.fix),
                    summary: entry.map_or("", |e| e.summary),
                    explanation: entry.map_or("", |e| e.explanation),
                    same_as: entry.and_then(|e| e.same_as),
                    code,
                    can_warn: warn,
                    can_error: !warn,
                });
            }
        }
    }
    out
}

/// Why a level could not be set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic, strum::EnumIter)]
#[non_exhaustive]
pub enum LintLevelError {
    /// The code names no diagnostic sift reports.
    #[error("unknown diagnostic code `{code}`{}", nearest.as_ref().map(|n| format!("; did you mean `{n}`?")).unwrap_or_default())]
    #[diagnostic(
        code(sift::lint::unknown_code),
        help(
            "a code is written `sift::<phase>::<name>` or as its name alone; `warnings` names every warning"
        )
    )]
    UnknownCode {
        /// The code as given.
        code: String,
        /// The known code nearest to it.
        nearest: Option<String>,
    },
    #[error("`{code}` is an error, not a warning: errors cannot be set to `{level}`")]
    #[diagnostic(
        code(sift::lint::error_code),
        help(
            "only warnings can be allowed or warned; an error means the API would refuse the query"
        )
    )]
    /// The code is an error's, which no level can allow or soften.
    ErrorCode {
        /// The code as given.
        code: String,
        /// The level asked for.
        level: Level,
    },
}

/// What a level is set for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Selector {
    /// `warnings`: every warning.
    Warnings,
    /// A name alone (`unchecked_path`): that name in every phase.
    Name(String),
    /// A full code (`sift::json::unchecked_path`).
    Code(String),
}

/// The level of each code: the most specific setting wins (a full code over a name over the
/// `warnings` group); setting the same code again replaces the earlier level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintLevels {
    settings: Vec<(Selector, Level)>,
}

impl LintLevels {
    /// Every code at its default level.
    pub fn new() -> Self {
        LintLevels::default()
    }

    /// Nothing is set.
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty()
    }

    /// Sets the level of `code`: `warnings`, a code's name (`unchecked_path`) or a full code
    /// (`sift::check::unchecked_path`). Unknown codes are refused with the nearest known one.
    pub fn set(&mut self, code: &str, level: Level) -> Result<(), LintLevelError> {
        let selector = parse_selector(code)?;
        if level != Level::Deny && !selector_can_warn(&selector) {
            return Err(LintLevelError::ErrorCode {
                code: code.to_owned(),
                level,
            });
        }
        self.settings.retain(|(s, _)| *s != selector);
        self.settings.push((selector, level));
        Ok(())
    }

    /// `set`, builder style.
    pub fn with(mut self, code: &str, level: Level) -> Result<Self, LintLevelError> {
        self.set(code, level)?;
        Ok(self)
    }

    /// Every setting of `other` applied over these (command-line flags over a project file):
    /// a setting of `other` replaces every setting here that it covers, however specific
    /// (`warnings` covers every code, a name every code of that name), so for the codes it
    /// covers any level of `other` beats any level of these.
    pub fn override_with(&mut self, other: &LintLevels) {
        self.settings
            .retain(|(mine, _)| !other.settings.iter().any(|(s, _)| covers(s, mine)));
        self.settings.extend(other.settings.iter().cloned());
    }

    /// The level for a warning with this full code.
    pub fn level_of(&self, code: &str) -> Level {
        let name = code.rsplit("::").next().unwrap_or(code);
        let find = |wanted: &dyn Fn(&Selector) -> bool| {
            self.settings
                .iter()
                .find(|(s, _)| wanted(s))
                .map(|(_, level)| *level)
        };
        find(&|s| matches!(s, Selector::Code(c) if c == code))
            .or_else(|| find(&|s| matches!(s, Selector::Name(n) if n == name)))
            .or_else(|| find(&|s| *s == Selector::Warnings))
            .unwrap_or(Level::Warn)
    }

    /// The diagnostics with these levels applied: allowed warnings are dropped, denied ones
    /// become errors; errors pass unchanged.
    pub fn apply(&self, diagnostics: Diagnostics) -> Diagnostics {
        if self.is_empty() {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .filter_map(|d| {
                if d.is_error() {
                    return Some(d);
                }
                match self.level_of(&d.code_str()) {
                    Level::Allow => None,
                    Level::Warn => Some(d),
                    Level::Deny => Some(Diagnostic::Denied(Denied::new(d))),
                }
            })
            .collect()
    }
}

/// Whether every code `inner` selects is selected by `outer` too.
fn covers(outer: &Selector, inner: &Selector) -> bool {
    match (outer, inner) {
        (Selector::Warnings, _) => true,
        (Selector::Name(outer), Selector::Name(inner)) => outer == inner,
        (Selector::Name(outer), Selector::Code(code)) => {
            code.rsplit("::").next().unwrap_or(code) == outer
        }
        (Selector::Code(outer), Selector::Code(inner)) => outer == inner,
        _ => false,
    }
}

fn parse_selector(code: &str) -> Result<Selector, LintLevelError> {
    if code == WARNINGS_GROUP {
        return Ok(Selector::Warnings);
    }
    let all = codes();
    let known = if code.contains("::") {
        all.iter().any(|c| c.code == code)
    } else {
        all.iter().any(|c| c.name() == code)
    };
    if known {
        return Ok(if code.contains("::") {
            Selector::Code(code.to_owned())
        } else {
            Selector::Name(code.to_owned())
        });
    }
    let candidates = all
        .iter()
        .map(|c| c.code.as_str())
        .chain(all.iter().map(CodeInfo::name))
        .chain([WARNINGS_GROUP]);
    let nearest = sift_check::suggest(code, candidates)
        .first()
        .map(|s| (*s).to_owned());
    Err(LintLevelError::UnknownCode {
        code: code.to_owned(),
        nearest,
    })
}

fn selector_can_warn(selector: &Selector) -> bool {
    let all = codes();
    match selector {
        Selector::Warnings => true,
        Selector::Name(name) => all.iter().any(|c| c.name() == name && c.can_warn),
        Selector::Code(code) => all.iter().any(|c| c.code == *code && c.can_warn),
    }
}

/// A warning that a lint level denied: reported as an error, with everything else of the
/// original (code, message, labels, fix) and a note saying why.
#[derive(Debug)]
pub struct Denied {
    original: Box<Diagnostic>,
    help: String,
}

impl Denied {
    fn new(original: Diagnostic) -> Self {
        let code = original.code_str();
        let note = format!("`{code}` is denied, so this warning counts as an error");
        let help = match miette::Diagnostic::help(&original) {
            Some(help) => format!("{help}\n{note}"),
            None => note,
        };
        Denied {
            original: Box::new(original),
            help,
        }
    }

    /// The warning as it was reported before it was denied.
    pub fn original(&self) -> &Diagnostic {
        &self.original
    }
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.original.fmt(f)
    }
}

impl std::error::Error for Denied {}

impl miette::Diagnostic for Denied {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::code(&*self.original)
    }
    fn severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        miette::Diagnostic::labels(&*self.original)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::url(&*self.original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, compile, harvest, validate_json};

    fn info(code: &str) -> &'static CodeInfo {
        codes()
            .iter()
            .find(|c| c.code == code)
            .unwrap_or_else(|| panic!("no code {code}"))
    }

    #[test]
    fn the_table_knows_each_phase_and_severity() {
        assert!(info("sift::check::unchecked_path").can_warn);
        assert!(!info("sift::check::unknown_field").can_warn);
        assert!(info("sift::json::unchecked_path").can_warn);
        assert!(info("sift::json::single_operand").can_warn);
        assert!(!info("sift::json::invalid_json").can_warn);
        assert!(!info("sift::syntax::double_equals").can_warn);
        let mut sorted: Vec<&str> = codes().iter().map(|c| c.code.as_str()).collect();
        sorted.dedup();
        assert_eq!(sorted.len(), codes().len());
    }

    /// The code table has one entry per code the enums derive, and states a severity only
    /// for the codes no enum of this library derives (the schema, evaluator and client ones).
    #[test]
    fn every_derived_code_has_an_entry_and_only_the_others_state_a_severity() {
        let derived = derived_codes();
        let entries = crate::codes::entries();
        for (code, _) in &derived {
            assert!(
                entries.iter().any(|e| e.code == code),
                "{code} has no entry in codes.md"
            );
        }
        for entry in &entries {
            let is_derived = derived.iter().any(|(code, _)| code == entry.code);
            assert_eq!(
                entry.severity.is_none(),
                is_derived,
                "{}: codes.md states a severity exactly for the codes no enum here derives",
                entry.code
            );
        }
        assert_eq!(codes().len(), entries.len());
        assert_eq!(
            code_info("sift::check::single_value_in").map(|c| c.fix),
            Some(FixKind::Safe)
        );
        assert_eq!(
            code_info("sift::client::timeout").map(CodeInfo::severity),
            Some("error")
        );
        let restated = code_info("sift::json::unknown_field");
        assert_eq!(
            restated.map(|c| c.summary),
            code_info("sift::check::unknown_field").map(|c| c.summary)
        );
    }

    /// Every diagnostic a run reports has its code in the table, with its severity.
    #[test]
    fn reported_diagnostics_agree_with_the_table() {
        let source =
            "from users where first_name like \"ann\" and is_actve = 1; from users where a == 1";
        let mut seen = compile(source, harvest(), &Options::default())
            .err()
            .map(Diagnostics::into_vec)
            .unwrap_or_default();
        let options = Options {
            entity: Some("users".into()),
            ..Options::default()
        };
        let json = r#"{"and":[{"like":{"first_name":"ann"}}],"x":1}"#;
        seen.extend(validate_json(json, harvest(), &options).diagnostics);
        assert!(seen.len() >= 4, "{seen:?}");
        for d in &seen {
            let entry = info(&d.code_str());
            assert!(
                if d.is_error() {
                    entry.can_error
                } else {
                    entry.can_warn
                },
                "{}",
                d.code_str()
            );
        }
    }

    #[test]
    fn unknown_codes_name_the_nearest() {
        let err = LintLevels::new().with("unchecked_pth", Level::Allow);
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err("unknown diagnostic code `unchecked_pth`; did you mean `unchecked_path`?".into())
        );
        let err = LintLevels::new().with("sift::check::unchecked_pth", Level::Deny);
        assert!(err.is_err_and(|e| e.to_string().contains("`sift::check::unchecked_path`")),);
    }

    #[test]
    fn errors_cannot_be_allowed() {
        let err = LintLevels::new().with("unknown_field", Level::Allow);
        assert!(matches!(err, Err(LintLevelError::ErrorCode { .. })));
        // Denying an error is harmless: it stays an error.
        assert!(LintLevels::new().with("unknown_field", Level::Deny).is_ok());
    }

    fn compile_with(lints: LintLevels) -> Result<crate::Compiled, Diagnostics> {
        // 2026-03 has `like`, so the pattern lowers and only the warning is left.
        let options = Options {
            lints,
            ..Options::default()
        }
        .with_target(crate::Target::V2026_03);
        compile(
            r#"from users where first_name like "ann""#,
            harvest(),
            &options,
        )
    }

    #[test]
    fn allow_drops_deny_refuses_specific_beats_group() -> Result<(), LintLevelError> {
        let warned = compile_with(LintLevels::new()).map(|c| c.warnings.codes());
        assert_eq!(
            warned.ok(),
            Some(vec!["sift::check::like_without_wildcard".to_owned()])
        );
        let allowed = compile_with(LintLevels::new().with("like_without_wildcard", Level::Allow)?);
        assert!(allowed.is_ok_and(|c| c.warnings.is_empty()));
        let denied = compile_with(LintLevels::new().with("warnings", Level::Deny)?);
        let Err(denied) = denied else {
            panic!("a denied warning is an error");
        };
        assert_eq!(denied.error_count(), 1);
        let report = &denied.to_reports("")[0];
        assert_eq!(report.code, "sift::check::like_without_wildcard");
        assert!(
            report
                .help
                .as_deref()
                .is_some_and(|h| h.contains("is denied"))
        );
        let both = LintLevels::new()
            .with("warnings", Level::Deny)?
            .with("sift::check::like_without_wildcard", Level::Warn)?;
        assert!(compile_with(both).is_ok_and(|c| c.warnings.len() == 1));
        Ok(())
    }

    #[test]
    fn later_settings_and_overrides_replace_earlier_ones() -> Result<(), LintLevelError> {
        let mut file = LintLevels::new().with("like_without_wildcard", Level::Deny)?;
        assert_eq!(
            file.level_of("sift::check::like_without_wildcard"),
            Level::Deny
        );
        file.override_with(&LintLevels::new().with("like_without_wildcard", Level::Allow)?);
        assert_eq!(
            file.level_of("sift::json::like_without_wildcard"),
            Level::Allow
        );
        assert_eq!(file.level_of("sift::check::unchecked_path"), Level::Warn);
        Ok(())
    }

    /// An override beats what it covers however specific the overridden setting is: a group
    /// beats a name and a full code, a name beats a full code of that name.
    #[test]
    fn an_override_beats_every_setting_it_covers() -> Result<(), LintLevelError> {
        let code = "sift::check::contradiction";
        let mut file = LintLevels::new().with("contradiction", Level::Allow)?;
        file.override_with(&LintLevels::new().with("warnings", Level::Deny)?);
        assert_eq!(file.level_of(code), Level::Deny);

        let mut file = LintLevels::new().with(code, Level::Allow)?;
        file.override_with(&LintLevels::new().with("contradiction", Level::Deny)?);
        assert_eq!(file.level_of(code), Level::Deny);

        // What the override does not cover keeps the file's level.
        let mut file = LintLevels::new()
            .with(code, Level::Allow)?
            .with("unchecked_path", Level::Deny)?;
        file.override_with(&LintLevels::new().with("sift::json::contradiction", Level::Deny)?);
        assert_eq!(file.level_of(code), Level::Allow);
        assert_eq!(file.level_of("sift::check::unchecked_path"), Level::Deny);

        // Within the overriding settings the most specific still wins, in either order.
        for flags in [
            LintLevels::new()
                .with("warnings", Level::Deny)?
                .with("contradiction", Level::Allow)?,
            LintLevels::new()
                .with("contradiction", Level::Allow)?
                .with("warnings", Level::Deny)?,
        ] {
            let mut file = LintLevels::new().with(code, Level::Deny)?;
            file.override_with(&flags);
            assert_eq!(file.level_of(code), Level::Allow);
        }
        Ok(())
    }
}
