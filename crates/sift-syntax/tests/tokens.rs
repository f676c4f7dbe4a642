//! Properties: the token stream agrees with the parser on any input. Every string and quoted
//! name the parser reads is one token of the same span and kind, and the public decoder
//! (`unquote`) reads from the token's text what the parser reads.

use proptest::prelude::*;
use sift_syntax::ast::{ExprId, ExprKind, Name, Path, Query, Rhs, Tree, Value, ValueKind};
use sift_syntax::{Limits, Span, TokenKind, parse, tokens, unquote};

/// A string literal or quoted name the parser read: its span and decoded text.
#[derive(Debug)]
struct Delimited {
    span: Span,
    text: String,
    name: bool,
}

fn name(out: &mut Vec<Delimited>, name: &Name<'_>) {
    if name.quoted {
        out.push(Delimited {
            span: name.span,
            text: name.text.to_string(),
            name: true,
        });
    }
}

fn path(out: &mut Vec<Delimited>, path: &Path<'_>) {
    for segment in path.segments.as_slice() {
        name(out, segment);
    }
}

fn value(out: &mut Vec<Delimited>, value: &Value<'_>) {
    if let ValueKind::String(text) = &value.kind {
        out.push(Delimited {
            span: value.span,
            text: text.to_string(),
            name: false,
        });
    }
}

fn expr(out: &mut Vec<Delimited>, tree: &Tree<'_>, e: ExprId) {
    match tree[e] {
        ExprKind::And(all) | ExprKind::Or(all) => {
            tree.children(all).iter().for_each(|&e| expr(out, tree, e))
        }
        ExprKind::Not(inner) | ExprKind::Paren(inner) => expr(out, tree, inner),
        ExprKind::Condition(condition) => {
            let condition = &tree[condition];
            path(out, &condition.field);
            match &condition.rhs {
                Rhs::Value(v) => value(out, v),
                Rhs::List(list) => list.items.iter().for_each(|v| value(out, v)),
                Rhs::Range { low, high } => {
                    value(out, low);
                    value(out, high);
                }
                Rhs::Condition(inner) => expr(out, tree, *inner),
                Rhs::Nothing => {}
            }
        }
    }
}

fn query(out: &mut Vec<Delimited>, q: &Query<'_>) {
    if let Some(from) = &q.from {
        name(out, from);
    }
    if let Some(semantic) = &q.semantic {
        value(out, &semantic.prompt);
        if let Some(field) = &semantic.field {
            path(out, field);
        }
    }
    if let Some(filter) = q.filter {
        expr(out, &q.tree, filter);
    }
    for key in q.sort.iter().flat_map(|s| &s.keys) {
        path(out, &key.path);
    }
    for p in q.fields.iter().flat_map(|f| &f.paths) {
        path(out, p);
    }
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "from",
            "users",
            "where",
            "a",
            "b.c",
            "`",
            "``",
            "\\",
            "\\`",
            "\"",
            "'",
            "x",
            "=",
            ">=",
            "~",
            "and",
            "or",
            "not",
            "in",
            "(",
            ")",
            "[",
            "]",
            ",",
            ";",
            "1",
            "2.5",
            "2024-01-31",
            "#",
            "\n",
            "\r",
            " ",
            "é",
            "\u{202e}",
            "true",
            "null",
            "sort",
            "limit",
            "fields",
            "any",
            "\\u00e9",
            "\\ud800",
            "\\q",
        ])
        .prop_map(str::to_owned),
        "[a-z`\"'\\\\ ]{1,6}",
        any::<String>(),
    ]
}

fn source() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn tokens_agree_with_the_parser(src in source()) {
        let parsed = parse(&src, &Limits::default());
        let mut read = Vec::new();
        for q in &parsed.document.queries {
            query(&mut read, q);
        }
        let tokens = tokens(&src);
        for node in read {
            let written = &src[node.span.range()];
            let delimiter = if node.name { '`' } else { written.chars().next().unwrap_or('"') };
            // An unquoted word read as a string, or an unclosed one (whose span the parser
            // trims), is not a delimited token of its own.
            let closed = written.len() >= 2
                && written.starts_with(['"', '\'', '`'])
                && written.ends_with(delimiter);
            if !closed {
                continue;
            }
            let kind = if node.name {
                TokenKind::QuotedName { closed: true }
            } else {
                TokenKind::String { closed: true }
            };
            prop_assert!(
                tokens.iter().any(|t| t.span == node.span && t.kind == kind),
                "{written:?} at {:?} is no {kind:?} token: {tokens:?}",
                node.span
            );
            let decoded = unquote(written);
            prop_assert_eq!(decoded.as_deref(), Some(node.text.as_str()));
        }
    }
}

#[test]
fn an_escaped_backtick_stays_inside_its_name() {
    let src = r"from users where `a\`b` = 1";
    let spans: Vec<(&str, TokenKind)> = tokens(src)
        .into_iter()
        .map(|t| (&src[t.span.range()], t.kind))
        .collect();
    assert!(spans.contains(&(r"`a\`b`", TokenKind::QuotedName { closed: true })));
    assert_eq!(unquote(r"`a\`b`").as_deref(), Some("a`b"));
}
