//! `textDocument/hover`: on a field, its type, time format, description and whether semantic
//! search applies; on an operator, what it is written as on the target and what to know about
//! it there (`sift explain`'s notes); on an entity, its description; and, wherever a
//! diagnostic is, its code's summary (the first line of `sift rule CODE`).

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use sift::Target;
use sift::completion::{FieldCompletion, field_completions_of};
use sift::explanation::ExplainNode;
use sift_complete::Class;
use sift_syntax::ast::OpKind;

use super::Context;

pub fn hover(cx: &Context<'_>, params: HoverParams) -> Option<Hover> {
    let offset = cx.offset(params.text_document_position_params.position);
    let (start, query) = cx.document.query_at(offset);
    let at = offset - start;
    let options = &cx.project.options;
    let entity = entity_of(query).or_else(|| options.entity.clone());
    let classes = sift_complete::highlight(query, &cx.project.catalog, entity.as_deref());
    let under = classes
        .iter()
        .find(|(span, _)| span.lo() <= at && at < span.hi())
        .or_else(|| classes.iter().find(|(span, _)| span.hi() == at));
    let mut text = String::new();
    let mut range = None;
    if let Some((span, class)) = under {
        let word = &query[span.lo()..span.hi()];
        let said = match class {
            Class::Field => entity.as_deref().and_then(|e| field_text(cx, e, word)),
            Class::Operator => operator_text(cx, query, at, word),
            Class::Entity => entity_text(cx, word),
            _ => None,
        };
        if let Some(said) = said {
            text = said;
            range = Some(cx.range(start + span.lo(), start + span.hi()));
        }
    }
    for report in cx
        .document
        .reports
        .iter()
        .filter(|r| r.range.lo() <= offset && offset <= r.range.hi())
    {
        let Some(info) = sift::lints::code_info(report.code) else {
            continue;
        };
        if !text.is_empty() {
            text.push_str("\n\n---\n\n");
        }
        let _ = write!(
            text,
            "`{}`: {}\n\n(`sift rule {}` explains it)",
            info.code, info.summary, info.code
        );
    }
    (!text.is_empty()).then_some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    })
}

/// The entity a query names after `from`.
fn entity_of(query: &str) -> Option<String> {
    let parsed = sift_syntax::parse(query, &sift_syntax::Limits::default());
    let first = parsed.document.queries.into_iter().next()?;
    first.from.map(|name| name.text.into_owned())
}

fn field_text(cx: &Context<'_>, entity: &str, written: &str) -> Option<String> {
    let fields = field_completions_of(&cx.project.catalog, entity)?;
    let field: &FieldCompletion<'_> = fields.iter().find(|f| f.path == written)?;
    let mut text = format!("**{}** `{}`", field.path, field.type_text());
    if let Some(format) = field.format
        && let Ok(serde_json::Value::String(name)) = serde_json::to_value(format)
    {
        let _ = write!(text, " · format `{name}`");
    }
    if let Some(description) = field.description {
        let _ = write!(text, "\n\n{description}");
    }
    let declared = cx
        .project
        .catalog
        .entity(entity)
        .and_then(|e| e.field(&field.key));
    match declared.and_then(|f| f.semantic_search.as_deref()) {
        Some(search) => {
            let _ = write!(
                text,
                "\n\nSemantic search: yes (`similar to \"…\" in {}`; one unit is a {})",
                field.path, search.unit_label
            );
        }
        None if field.depth == 0 => text.push_str("\n\nSemantic search: no"),
        None => {}
    }
    if !field.operators.is_empty() {
        let spellings: Vec<String> = field
            .operators
            .iter()
            .map(|op| format!("`{}`", op.as_str()))
            .collect();
        let _ = write!(text, "\n\nOperators: {}", spellings.join(", "));
    }
    Some(text)
}

fn entity_text(cx: &Context<'_>, written: &str) -> Option<String> {
    let name = written.trim_matches('`');
    let entity = cx.project.catalog.entity(name)?;
    let mut text = format!("**{}** ({} fields)", entity.name, entity.fields.len());
    if let Some(description) = &entity.description {
        let _ = write!(text, "\n\n{description}");
    }
    Some(text)
}

/// What the operator is on the target: the key the condition is written with, its JSON and
/// the notes `sift explain` gives; for a query that does not compile, the key alone.
fn operator_text(cx: &Context<'_>, query: &str, at: usize, word: &str) -> Option<String> {
    let target: Target = cx.project.options.target;
    let explained = sift::explain(query, &cx.project.catalog, &cx.project.options).ok();
    let node = explained
        .as_ref()
        .and_then(|all| all.first())
        .and_then(|e| e.filter.as_ref())
        .and_then(|root| innermost(root, at));
    if let Some(node) = node {
        let mut text = format!(
            "On target {}: `{}`\n\n```json\n{}\n```",
            target.as_str(),
            node.operator,
            node.json
        );
        for note in &node.notes {
            let _ = write!(text, "\n\n{note}");
        }
        return Some(text);
    }
    let op = OpKind::from_spelling(word)?;
    Some(match target.key_of(op) {
        Some(key) => format!("On target {}: written as `{key}`", target.as_str()),
        None => format!(
            "`{}`: see `sift explain` for its form on target {}",
            op.as_str(),
            target.as_str()
        ),
    })
}

/// The deepest node of the tree whose span holds `at`.
fn innermost(node: &ExplainNode, at: usize) -> Option<&ExplainNode> {
    let holds = |n: &ExplainNode| n.span.lo() <= at && at < n.span.hi();
    if !holds(node) {
        return None;
    }
    let mut current = node;
    while let Some(child) = current.children.iter().find(|c| holds(c)) {
        current = child;
    }
    Some(current)
}
