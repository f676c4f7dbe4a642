//! `sift rule`: the code table (`sift::codes()`) for people and programs: one line per code,
//! one code in full, or every code in full; as text, JSON, or the Markdown document
//! `docs/lints.md` is.

use std::fmt::Write as _;

use serde::Serialize;
use sift::{CodeInfo, FixKind};

use crate::args::{RuleArgs, RuleFormat};
use crate::exit;
use crate::output::{self, Failure, Outcome};
use crate::render::to_json;

/// The phases in pipeline order, with the title of their part of the catalogue.
const PHASES: [(&str, &str); 8] = [
    ("syntax", "Syntax (`sift::syntax`): reading sift text"),
    (
        "check",
        "Checking (`sift::check`): names and types against the schema, and the semantic lints",
    ),
    (
        "lower",
        "Lowering (`sift::lower`): what a target or an output form cannot express",
    ),
    (
        "json",
        "JSON documents (`sift::json`): `validate`, `decompile` and `search -f`",
    ),
    ("schema", "Connector specs (`sift::schema`)"),
    ("lint", "Lint levels (`sift::lint`)"),
    ("eval", "Local data (`sift::eval`): `search --data`"),
    ("client", "The hosted API (`sift::client`): `search`"),
];

pub fn run(args: &RuleArgs) -> Outcome {
    let all = sift::codes();
    let chosen: Vec<&CodeInfo> = match &args.code {
        Some(code) => matching(code)?,
        None => in_phase_order(all),
    };
    let full = args.all || args.code.is_some();
    let text = match args.format {
        RuleFormat::Json => format!(
            "{}\n",
            to_json(&chosen.iter().map(|c| Shown::of(c)).collect::<Vec<_>>())
        ),
        RuleFormat::Markdown if args.all => markdown_document(&chosen),
        RuleFormat::Markdown => chosen.iter().map(|c| markdown_entry(c)).collect(),
        RuleFormat::Human if full => chosen
            .iter()
            .map(|c| human_entry(c))
            .collect::<Vec<_>>()
            .join("\n"),
        RuleFormat::Human => listing(&chosen),
    };
    output::out(&text)?;
    Ok(exit::OK)
}

/// The codes `given` names: a full code, or a name (every phase's code of that name).
fn matching(given: &str) -> Result<Vec<&'static CodeInfo>, Failure> {
    let all = sift::codes();
    let found: Vec<&CodeInfo> = if given.contains("::") {
        all.iter().filter(|c| c.code == given).collect()
    } else {
        in_phase_order(all)
            .into_iter()
            .filter(|c| c.name() == given)
            .collect()
    };
    if !found.is_empty() {
        return Ok(found);
    }
    let names = all
        .iter()
        .map(|c| c.code.as_str())
        .chain(all.iter().map(CodeInfo::name));
    let hint = match sift::naming::suggest(given, names).first() {
        Some(near) => format!("; did you mean `{near}`?"),
        None => String::from("; `sift rule` lists every code"),
    };
    Err(Failure::Usage(format!(
        "unknown diagnostic code `{}`{hint}",
        crate::render::escape::escape_line(given)
    )))
}

/// The codes grouped by phase, in pipeline order (each phase's codes sorted).
fn in_phase_order(all: &[CodeInfo]) -> Vec<&CodeInfo> {
    let rank = |c: &CodeInfo| {
        PHASES
            .iter()
            .position(|(phase, _)| *phase == c.phase())
            .unwrap_or(PHASES.len())
    };
    let mut ordered: Vec<&CodeInfo> = all.iter().collect();
    ordered.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.code.cmp(&b.code)));
    ordered
}

/// What a fix kind means, in a few words.
fn fix_words(kind: FixKind) -> &'static str {
    match kind {
        FixKind::None => "none",
        FixKind::Safe => {
            "safe (applied by --fix: the fixed query returns what the original returns; for an error, it writes the one reading the text has)"
        }
        FixKind::Unsafe => {
            "unsafe (applied only with --unsafe-fixes: it guesses, or may change what the query returns)"
        }
    }
}

/// Where a restated finding comes from.
fn restated(info: &CodeInfo) -> Option<String> {
    info.same_as.map(|same| {
        format!(
            "Reported on JSON documents; the same finding as `{same}` in sift text (`sift rule {same}`)."
        )
    })
}

/// One line per code: code, severity, fix kind, summary.
fn listing(chosen: &[&CodeInfo]) -> String {
    let width = chosen.iter().map(|c| c.code.len()).max().unwrap_or(4);
    let mut out = format!(
        "{:width$}  {:16}  {:6}  summary\n",
        "code", "severity", "fix"
    );
    for info in chosen {
        let _ = writeln!(
            out,
            "{:width$}  {:16}  {:6}  {}",
            info.code,
            info.severity(),
            info.fix.as_str(),
            info.summary
        );
    }
    out
}

/// One code in full, for a terminal.
fn human_entry(info: &CodeInfo) -> String {
    let mut out = format!(
        "{}\n  {}\n  severity: {}\n  fix: {}\n",
        info.code,
        info.summary,
        info.severity(),
        fix_words(info.fix)
    );
    if let Some(note) = restated(info) {
        let _ = writeln!(out, "  {note}");
    }
    if !info.explanation.is_empty() {
        out.push('\n');
        for line in info.explanation.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    // No line ends in blanks (an empty explanation line would).
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// One code in full, as a Markdown section.
fn markdown_entry(info: &CodeInfo) -> String {
    let mut out = format!(
        "### `{}`\n\n*{}*, fix: **{}**. {}\n",
        info.code,
        info.severity(),
        info.fix.as_str(),
        info.summary
    );
    if let Some(note) = restated(info) {
        let _ = write!(out, "\n{note}\n");
    }
    if !info.explanation.is_empty() {
        let _ = write!(out, "\n{}\n", info.explanation);
    }
    out.push('\n');
    out
}

/// The whole catalogue: the table's introduction, then each phase's codes.
fn markdown_document(chosen: &[&CodeInfo]) -> String {
    let mut out = format!("{}\n\n", sift::codes_intro());
    let mut phase = "";
    for info in chosen {
        if info.phase() != phase {
            phase = info.phase();
            let title = PHASES
                .iter()
                .find(|(p, _)| *p == info.phase())
                .map_or(info.phase(), |(_, title)| *title);
            let _ = write!(out, "## {title}\n\n");
        }
        out.push_str(&markdown_entry(info));
    }
    // One line break at the end, as text files have.
    format!("{}\n", out.trim_end())
}

/// The JSON record of a code.
#[derive(Serialize)]
struct Shown<'a> {
    code: &'a str,
    name: &'a str,
    phase: &'a str,
    severity: &'static str,
    can_warn: bool,
    can_error: bool,
    fix: &'static str,
    summary: &'a str,
    explanation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
}

impl<'a> Shown<'a> {
    fn of(info: &'a CodeInfo) -> Self {
        Shown {
            code: &info.code,
            name: info.name(),
            phase: info.phase(),
            severity: info.severity(),
            can_warn: info.can_warn,
            can_error: info.can_error,
            fix: info.fix.as_str(),
            summary: info.summary,
            explanation: info.explanation,
            same_as: info.same_as,
        }
    }
}
