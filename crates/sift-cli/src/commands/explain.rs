//! `sift explain`: each query as a tree (span, JSON, target operator, notes, resolved dates),
//! with the clock and the warnings; `--format json` prints the same data.

use std::fmt::Write;

use sift::{ExplainNode, Explanation, SemanticInfo};

use crate::args::{ExplainArgs, Format};
use crate::exit;
use crate::input;
use crate::output::{self, Failure, Outcome};
use crate::render::Style;
use crate::render::escape;

use super::JsonTo;

pub fn run(args: &ExplainArgs, style: &Style) -> Outcome {
    let source = input::query_text(
        "explain",
        args.query.as_deref(),
        args.file.as_deref(),
        args.limits.limits()?.max_file_bytes,
        "; to explain the queries of many files, run it once per file",
    )?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args.clock.apply(args.target.options(&args.limits)?);
    let explained = match sift::explain(&source.text, &catalog, &options) {
        Ok(explained) => explained,
        Err(diagnostics) => {
            let json_to = JsonTo::Stdout;
            let source = (source.name.as_str(), source.text.as_str());
            super::report(args.format, style, source, diagnostics, json_to)?;
            return Ok(exit::INVALID);
        }
    };
    match args.format {
        Format::Json => {
            let text = serde_json::to_string(&explained)
                .map_err(|e| Failure::Usage(format!("writing JSON: {e}")))?;
            output::outln(&text)?;
        }
        Format::Human => output::out(&human(&explained))?,
    }
    Ok(exit::OK)
}

/// The explanations as indented trees, user text escaped.
fn human(explained: &[Explanation]) -> String {
    let mut out = String::new();
    for (n, query) in explained.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "query {} (bytes {}..{}): entity {}, target {}{}",
            n + 1,
            query.span.start,
            query.span.end,
            escape(&query.entity),
            query.target,
            query
                .target_note
                .as_deref()
                .map(|note| format!(" ({note})"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "clock: {} in {}, weeks start on {}",
            query.clock.now,
            escape(&query.clock.time_zone),
            query.clock.week_start
        );
        if let Some(semantic) = &query.semantic {
            semantic_lines(&mut out, semantic);
        }
        match &query.filter {
            Some(node) => {
                out.push_str("filter:\n");
                tree(&mut out, node, "  ", "  ");
            }
            None => out.push_str("filter: none\n"),
        }
        if !query.sort.is_empty() {
            let keys: Vec<String> = query.sort.iter().map(|k| k.to_string()).collect();
            let _ = writeln!(out, "sort: {}", escape(&keys.join(", ")));
        }
        if let Some(limit) = query.limit {
            let _ = writeln!(out, "limit: {limit}");
        }
        let _ = writeln!(out, "output: {}", escape(&query.output.to_string()));
        if query.lints.is_empty() {
            out.push_str("warnings: none\n");
        }
        for lint in &query.lints {
            let _ = writeln!(
                out,
                "warning {} at {}:{}: {}",
                lint.code,
                lint.line,
                lint.column,
                escape(&lint.message)
            );
        }
    }
    out
}

/// How a semantic query runs: the field and each setting, the server's defaults marked.
fn semantic_lines(out: &mut String, semantic: &SemanticInfo) {
    let field = escape(&semantic.field);
    let _ = writeln!(
        out,
        "semantic search: {} on `{field}`",
        escape(&serde_json::Value::from(semantic.prompt.as_str()).to_string())
    );
    if !semantic.field_sent {
        let _ = writeln!(
            out,
            "  field: not sent; `{field}` is the entity's only configured field, which the server picks"
        );
    }
    let settings = [
        ("min_similarity", &semantic.min_similarity),
        ("limit", &semantic.limit),
        ("dedup", &semantic.dedup),
        ("context_size", &semantic.context_size),
    ];
    for (name, setting) in settings {
        let value = match &setting.value {
            serde_json::Value::Null => String::from("unbounded"),
            serde_json::Value::String(text) => escape(text).into_owned(),
            other => other.to_string(),
        };
        let default = match (setting.default, name) {
            (false, _) => "",
            (true, "context_size") => " (server default: the whole window)",
            (true, _) => " (server default)",
        };
        let _ = writeln!(out, "  {name}: {value}{default}");
    }
    let names: Vec<String> = semantic
        .filter_names
        .iter()
        .map(|n| escape(n).into_owned())
        .collect();
    let _ = writeln!(
        out,
        "  the filter names the columns of each {}: {}",
        escape(&semantic.unit),
        names.join(", ")
    );
}

/// One node and its children: `first` prefixes the node's line, `rest` its detail lines and
/// children.
fn tree(out: &mut String, node: &ExplainNode, first: &str, rest: &str) {
    let _ = writeln!(
        out,
        "{first}{} [{}..{}] → {}  {}",
        escape(&node.source),
        node.span.start,
        node.span.end,
        node.operator,
        escape(&node.json.to_string())
    );
    let detail = if node.children.is_empty() {
        format!("{rest}    ")
    } else {
        format!("{rest}│   ")
    };
    for time in &node.resolved_times {
        let instant = time
            .instant
            .as_deref()
            .map_or(String::new(), |at| format!(", {}", escape(at)));
        let _ = writeln!(
            out,
            "{detail}{} = {} ({}{instant})",
            escape(&time.written),
            escape(&time.resolved),
            time.format
        );
    }
    for note in &node.notes {
        let _ = writeln!(out, "{detail}note: {note}");
    }
    let count = node.children.len();
    for (i, child) in node.children.iter().enumerate() {
        let last = i + 1 == count;
        let (branch, next) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        tree(
            out,
            child,
            &format!("{rest}{branch}"),
            &format!("{rest}{next}"),
        );
    }
}
