//! What `check` and `validate` share: the report is their output, so it goes to standard
//! output (to standard error when `--fix` writes the fixed text of standard input there), in
//! the format asked for; the fixes applied are counted (and with `-v` named); the closing
//! lines say what was fixed, what is left and what `--fix` or `--unsafe-fixes` would fix.
//! Progress and summary lines are dropped by `-q`; the diagnostics never are.

use std::collections::BTreeMap;

use sift::FixKind;
use sift::fix::{AppliedFix, FixMode, FixStop, Fixed};

use crate::args::ReportFormat;
use crate::output::{self, Failure};
use crate::render::escape::escape_line;
use crate::render::reports::{self, FileReport, Report};
use crate::render::{Style, to_json};

/// The report of one run, as it is written.
#[derive(Debug)]
pub struct Reporting {
    pub format: ReportFormat,
    /// How human diagnostics are drawn: colour decided for the report's stream.
    pub style: Style,
    mode: Option<FixMode>,
    to_stderr: bool,
    report: Report,
    /// Sources changed by fixes, and the fixes applied per code.
    fixed_sources: usize,
    fixed: BTreeMap<String, usize>,
    /// Diagnostics left whose fix a run with `--fix` (safe) or `--unsafe-fixes` would apply.
    fixable: usize,
    fixable_unsafe: usize,
}

impl Reporting {
    pub fn new(format: ReportFormat, style: &Style, mode: Option<FixMode>) -> Self {
        Reporting {
            format,
            style: style.for_stdout(),
            mode,
            to_stderr: false,
            report: Report::default(),
            fixed_sources: 0,
            fixed: BTreeMap::new(),
            fixable: 0,
            fixable_unsafe: 0,
        }
    }

    /// From now on the report goes to standard error: standard output carries the fixed text
    /// of standard input.
    pub fn move_to_stderr(&mut self, style: &Style) {
        self.to_stderr = true;
        self.style = Style {
            color: style.color,
            max_diagnostics: style.max_diagnostics,
        };
    }

    /// Where the report is written.
    pub fn write(&self) -> fn(&str) -> Result<(), Failure> {
        if self.to_stderr {
            output::err
        } else {
            output::out
        }
    }

    /// A closing line of the report, unless `-q`.
    fn note(&self, text: &str) -> Result<(), Failure> {
        if output::is_quiet() {
            return Ok(());
        }
        match self.format {
            // The document is the whole output, and its summary says what these lines would.
            ReportFormat::Json | ReportFormat::Junit | ReportFormat::Sarif => Ok(()),
            _ => self.write()(&format!("{text}\n")),
        }
    }

    /// Counts the diagnostics of one source (a file, or a JSON Lines document starting at
    /// `document`'s line and byte offset) and keeps them for the machine formats.
    pub fn add(
        &mut self,
        path: &str,
        document: Option<(usize, usize)>,
        text: &str,
        diagnostics: &sift::Diagnostics,
        applied: &[AppliedFix],
    ) {
        self.report.summary.count(diagnostics);
        for d in diagnostics {
            let Some(kind) = sift::SuggestFix::fix(d)
                .and_then(|_| sift::code_info(&d.code_str()))
                .map(|info| info.fix)
            else {
                continue;
            };
            match (kind, self.mode) {
                (FixKind::Safe, None) => self.fixable += 1,
                (FixKind::Unsafe, None | Some(FixMode::Safe)) => self.fixable_unsafe += 1,
                _ => {}
            }
        }
        if self.format == ReportFormat::Human {
            return;
        }
        let file = FileReport::new(path, document, text, diagnostics).with_fixes(applied);
        self.report.files.push(file);
    }

    /// Counts the fixes applied to the source `name` (with `-v`, names each on standard
    /// error) and says why fixing stopped early, if it did.
    pub fn fixes(&mut self, name: &str, fixed: &Fixed) -> Result<(), Failure> {
        if fixed.changed() {
            self.fixed_sources += 1;
        }
        for fix in &fixed.applied {
            *self.fixed.entry(fix.code.clone()).or_default() += 1;
            if crate::config::in_force::is_verbose() {
                output::errln(&format!(
                    "sift: fixed {}:{}:{} {} ({})",
                    escape_line(name),
                    fix.line,
                    fix.column,
                    fix.code,
                    fix.kind
                ))?;
            }
        }
        let why = match fixed.stopped {
            None => return Ok(()),
            Some(FixStop::PassLimit) => format!(
                "fixes kept appearing after {} passes; the rest are left",
                sift::fix::MAX_PASSES
            ),
            Some(FixStop::WouldBreak) => String::from(
                "the next fixes would have broken its syntax and were not applied (a bug in sift: please report it)",
            ),
        };
        output::errln(&format!("warning: {}: {why}", escape_line(name)))
    }

    /// Writes the machine formats' document and the closing lines: what was fixed in how many
    /// sources (`verb` and `noun`: "fixed", or "would fix" for `--diff`; "file(s)"), `checked`,
    /// what is left to fix.
    pub fn finish(
        mut self,
        (verb, noun): (&str, &str),
        checked: Option<String>,
    ) -> Result<(), Failure> {
        let fixed_total: usize = self.fixed.values().sum();
        self.report.summary.in_force = Some(crate::config::in_force::current());
        if self.mode.is_some() {
            self.report.summary.fixed = Some(fixed_total);
        }
        let write = self.write();
        match self.format {
            ReportFormat::Human => {}
            ReportFormat::Json => write(&format!("{}\n", to_json(&self.report)))?,
            ReportFormat::Concise => write(&reports::concise(&self.report.files))?,
            ReportFormat::Github => write(&reports::github(&self.report.files))?,
            ReportFormat::Junit => write(&reports::junit(&self.report.files))?,
            ReportFormat::Sarif => write(&reports::sarif(&self.report.files))?,
        }
        if fixed_total > 0 {
            let codes: Vec<String> = self
                .fixed
                .iter()
                .map(|(code, n)| format!("{code} ×{n}"))
                .collect();
            self.note(&format!(
                "{verb} {fixed_total} diagnostic(s) in {} {noun}: {}",
                self.fixed_sources,
                codes.join(", ")
            ))?;
        }
        if let Some(checked) = checked {
            self.note(&checked)?;
        }
        let hint = match (self.fixable, self.fixable_unsafe) {
            (0, 0) => None,
            (0, unsafe_fixes) => Some(format!(
                "{unsafe_fixes} more fixable with --unsafe-fixes (they may change what a query returns; `sift rule CODE` says why)"
            )),
            (safe, 0) => Some(format!("{safe} fixable with --fix")),
            (safe, unsafe_fixes) => Some(format!(
                "{safe} fixable with --fix ({unsafe_fixes} more with --unsafe-fixes)"
            )),
        };
        if let Some(hint) = hint {
            self.note(&hint)?;
        }
        Ok(())
    }

    /// The counts so far.
    pub fn summary(&self) -> &reports::Summary {
        &self.report.summary
    }
}
