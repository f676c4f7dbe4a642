//! `textDocument/codeAction`: a quick fix for every diagnostic in the range that carries a
//! machine-applicable fix, and "fix all", which applies every safe fix of the document as
//! `sift check --fix` does (`sift::fix`).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use sift::fix::{FixMode, fix_source};
use sift::lints::FixKind;
use sift::{DiagnosticReport, Fix};

use super::Context;
use super::diagnostics::to_lsp;

pub fn code_actions(
    cx: &Context<'_>,
    params: CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let lo = cx.offset(params.range.start);
    let hi = cx.offset(params.range.end);
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        let touched = cx
            .document
            .reports
            .iter()
            .filter(|r| r.fix.is_some() && r.range.lo() <= hi && lo <= r.range.hi());
        for report in touched {
            if let Some(action) = quick_fix(cx, report) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
    }
    if wanted(&CodeActionKind::SOURCE_FIX_ALL)
        && let Some(action) = fix_all(cx)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    Some(actions)
}

fn quick_fix(cx: &Context<'_>, report: &DiagnosticReport) -> Option<CodeAction> {
    let fix = report.fix.as_ref()?;
    let safe = kind_of(report.code) == FixKind::Safe;
    let mut title = describe(cx, fix);
    if !safe {
        title.push_str(" (unsafe fix: check it)");
    }
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(report, cx.document, cx.encoding)]),
        edit: Some(edit(
            cx,
            vec![TextEdit::new(
                cx.range(fix.span.lo(), fix.span.hi()),
                fix.replacement.clone(),
            )],
        )),
        is_preferred: Some(safe),
        ..CodeAction::default()
    })
}

/// Every safe fix, applied pass after pass as `sift check --fix` applies them; `None` when
/// there is none to apply.
fn fix_all(cx: &Context<'_>) -> Option<CodeAction> {
    let any_safe = cx
        .document
        .reports
        .iter()
        .any(|r| r.fix.is_some() && kind_of(r.code) == FixKind::Safe);
    if !any_safe {
        return None;
    }
    let project = cx.project;
    let fixed = fix_source(
        &cx.document.text,
        &project.catalog,
        &project.options,
        FixMode::Safe,
    );
    if !fixed.changed() {
        return None;
    }
    Some(CodeAction {
        title: format!("Apply every safe sift fix ({})", fixed.applied.len()),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(edit(cx, vec![TextEdit::new(cx.whole(), fixed.text)])),
        ..CodeAction::default()
    })
}

fn kind_of(code: &str) -> FixKind {
    sift::lints::code_info(code).map_or(FixKind::None, |info| info.fix)
}

/// The action's title: what the edit does to the text.
fn describe(cx: &Context<'_>, fix: &Fix) -> String {
    let old = cx.document.text.get(fix.span.range()).unwrap_or("");
    let new = &fix.replacement;
    match (old.is_empty(), new.is_empty()) {
        (true, _) => format!("Insert `{}`", shorten(new)),
        (false, true) => format!("Remove `{}`", shorten(old)),
        (false, false) => format!("Replace `{}` with `{}`", shorten(old), shorten(new)),
    }
}

/// At most 40 characters of a text on one line: a title is not the place for a long one.
fn shorten(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

fn edit(cx: &Context<'_>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(cx.document.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}
