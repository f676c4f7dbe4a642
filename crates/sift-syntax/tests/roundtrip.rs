//! Properties: the formatter's output re-parses to the same AST and is a fixed point; `parse`
//! never panics, whatever the input.

use std::borrow::Cow;

use proptest::prelude::*;
use sift_syntax::ast::{
    Condition, Dedup, DedupMode, Direction, Document, Expr, ExprKind, FieldsClause, Limit, List,
    Name, Op, OpKind, Path, Query, Rhs, Semantic, SortClause, SortKey, Value, ValueKind,
};
use sift_syntax::{Limits, Span, SpanlessEq, format_document, parse};

const SP: Span = Span { start: 0, end: 0 };

fn name_text() -> impl Strategy<Value = String> {
    let keyword = proptest::sample::select(sift_syntax::Keyword::all().collect::<Vec<_>>())
        .prop_flat_map(|k| {
            prop_oneof![
                Just(k.to_owned()),
                Just(k.to_uppercase()),
                Just(format!("{k}_x"))
            ]
        });
    prop_oneof![
        "[A-Za-z_][A-Za-z0-9_]{0,8}",
        keyword,
        "[A-Za-z0-9_ .`é日\\-]{1,8}",
        "_[0-9]{1,3}",
        "[0-9][a-z]{1,3}",
        "[^\n\r]{1,6}",
        // Any name a JSON key can hold: line breaks, controls, bidi, `\` and backticks
        // reach source through the escapes quoted names share with strings.
        "[\\\\`\n\r\u{0}-\u{1f}\u{7f}\u{85}\u{202e}a-z\"']{1,8}",
        any::<String>().prop_filter("a name is never empty", |s| !s.is_empty()),
    ]
}

fn name() -> impl Strategy<Value = Name<'static>> {
    name_text().prop_map(|t| Name {
        span: SP,
        text: Cow::Owned(t),
        quoted: false,
    })
}

fn path() -> impl Strategy<Value = Path<'static>> {
    proptest::collection::vec(name(), 1..4).prop_map(|segments| Path {
        span: SP,
        segments: segments.into(),
    })
}

fn value() -> impl Strategy<Value = Value<'static>> {
    let kind = prop_oneof![
        any::<String>().prop_map(|s| ValueKind::String(Cow::Owned(s))),
        "[\"'\\\\%_a-z\u{0}-\u{1f}\u{7f}é😀 ]{0,10}".prop_map(|s| ValueKind::String(Cow::Owned(s))),
        any::<i64>().prop_map(ValueKind::Integer),
        "-?(0|[1-9][0-9]{0,6})(\\.[0-9]{1,4}([eE][+-]?[0-9]{1,3})?|[eE][+-]?[0-9]{1,3})"
            .prop_map(|s| ValueKind::Decimal(Cow::Owned(s))),
        any::<bool>().prop_map(ValueKind::Bool),
        Just(ValueKind::Null),
        (1000i16..2999, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| ValueKind::Date(Cow::Owned(format!("{y:04}-{m:02}-{d:02}")))),
        (
            1000i16..2999,
            1i8..=12,
            1i8..=28,
            0u8..24,
            0u8..60,
            "(Z|[+-]0[0-9]:[0-5][0-9])",
            "(\\.[0-9]{1,9})?"
        )
            .prop_map(
                |(y, m, d, h, mi, zone, frac)| ValueKind::DateTime(Cow::Owned(format!(
                    "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:59{frac}{zone}"
                )))
            ),
        relative_time().prop_map(ValueKind::Relative),
    ];
    kind.prop_map(|kind| Value { span: SP, kind })
}

/// `today() - 7d + 1mo`: every anchor, unit and sign, amounts up to i64's range.
fn relative_time() -> impl Strategy<Value = sift_syntax::ast::RelativeTime> {
    use sift_syntax::ast::{RelativeTime, TimeAnchor, TimeOffset, TimeUnit};
    let anchor = proptest::sample::select(TimeAnchor::ALL.map(|(_, a)| a).to_vec());
    let unit = proptest::sample::select(TimeUnit::ALL.map(|(_, u)| u).to_vec());
    let offset =
        (-i64::MAX..=i64::MAX, unit).prop_map(|(amount, unit)| TimeOffset { amount, unit });
    (anchor, proptest::collection::vec(offset, 0..4))
        .prop_map(|(anchor, offsets)| RelativeTime { anchor, offsets })
}

fn condition(inner: Option<BoxedStrategy<Expr<'static>>>) -> BoxedStrategy<Expr<'static>> {
    let ops = proptest::sample::select(OpKind::ALL.to_vec());
    let inner = inner.unwrap_or_else(|| leaf().boxed());
    (
        path(),
        ops,
        value(),
        value(),
        proptest::collection::vec(value(), 0..4),
        inner,
    )
        .prop_map(|(field, kind, v1, v2, items, inner)| {
            let rhs = match kind {
                OpKind::In | OpKind::NotIn => Rhs::List(List { span: SP, items }),
                OpKind::IsNull | OpKind::IsNotNull => Rhs::Nothing,
                OpKind::Between => Rhs::Range {
                    low: Box::new(v1),
                    high: Box::new(v2),
                },
                OpKind::Any => Rhs::Condition(Box::new(inner)),
                _ => Rhs::Value(v1),
            };
            let op = Op { span: SP, kind };
            expr(ExprKind::Condition(Condition {
                span: SP,
                field,
                op,
                rhs,
            }))
        })
        .boxed()
}

fn leaf() -> impl Strategy<Value = Expr<'static>> {
    (path(), value()).prop_map(|(field, v)| {
        let op = Op {
            span: SP,
            kind: OpKind::Eq,
        };
        expr(ExprKind::Condition(Condition {
            span: SP,
            field,
            op,
            rhs: Rhs::Value(v),
        }))
    })
}

fn expr(kind: ExprKind<'static>) -> Expr<'static> {
    Expr { span: SP, kind }
}

/// Arbitrary trees, then made well-formed: an operand that would re-associate is parenthesised
/// (the parser never builds `And` directly inside `And`, nor `Or` inside `And`/`Or`/`Not`).
fn any_expr() -> impl Strategy<Value = Expr<'static>> {
    let leaf = condition(None);
    leaf.prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 2..4).prop_map(|v| expr(ExprKind::And(v))),
            proptest::collection::vec(inner.clone(), 2..4).prop_map(|v| expr(ExprKind::Or(v))),
            inner.clone().prop_map(|e| expr(ExprKind::Not(Box::new(e)))),
            inner
                .clone()
                .prop_map(|e| expr(ExprKind::Paren(Box::new(e)))),
            condition(Some(inner.boxed())),
        ]
    })
    .prop_map(well_formed)
}

fn paren(e: Expr<'static>) -> Expr<'static> {
    expr(ExprKind::Paren(Box::new(e)))
}

fn well_formed(e: Expr<'static>) -> Expr<'static> {
    let kind = match e.kind {
        ExprKind::And(items) => ExprKind::And(
            items
                .into_iter()
                .map(well_formed)
                .map(|i| match i.kind {
                    ExprKind::And(_) | ExprKind::Or(_) => paren(i),
                    _ => i,
                })
                .collect(),
        ),
        ExprKind::Or(items) => ExprKind::Or(
            items
                .into_iter()
                .map(well_formed)
                .map(|i| {
                    if matches!(i.kind, ExprKind::Or(_)) {
                        paren(i)
                    } else {
                        i
                    }
                })
                .collect(),
        ),
        ExprKind::Not(inner) => {
            let inner = well_formed(*inner);
            match inner.kind {
                ExprKind::And(_) | ExprKind::Or(_) => ExprKind::Not(Box::new(paren(inner))),
                _ => ExprKind::Not(Box::new(inner)),
            }
        }
        ExprKind::Paren(inner) => ExprKind::Paren(Box::new(well_formed(*inner))),
        ExprKind::Condition(mut c) => {
            if let Rhs::Condition(inner) = c.rhs {
                c.rhs = Rhs::Condition(Box::new(well_formed(*inner)));
            }
            ExprKind::Condition(c)
        }
    };
    expr(kind)
}

fn query() -> impl Strategy<Value = Query<'static>> {
    let sort =
        proptest::collection::vec((path(), any::<bool>()), 1..3).prop_map(|keys| SortClause {
            span: SP,
            keys: keys
                .into_iter()
                .map(|(path, desc)| SortKey {
                    span: SP,
                    path,
                    direction: if desc {
                        Direction::Desc
                    } else {
                        Direction::Asc
                    },
                })
                .collect(),
        });
    let fields =
        proptest::collection::vec(path(), 1..3).prop_map(|paths| FieldsClause { span: SP, paths });
    let dedup =
        proptest::sample::select(DedupMode::ALL.to_vec()).prop_map(|mode| Dedup { span: SP, mode });
    let semantic = (
        value(),
        proptest::option::of(path()),
        proptest::option::of(value()),
        proptest::option::of(value()),
        proptest::option::of(dedup),
    )
        .prop_map(|(prompt, field, min, context_size, dedup)| Semantic {
            span: SP,
            prompt,
            field,
            min,
            context_size,
            dedup,
        });
    let full = (
        (name(), proptest::option::of(semantic)),
        proptest::option::of(any_expr()),
        proptest::option::of(sort),
        proptest::option::of(any::<u64>()),
        proptest::option::of(fields),
    )
        .prop_map(|((from, semantic), filter, sort, limit, fields)| Query {
            span: SP,
            from: Some(from),
            semantic,
            filter,
            sort,
            limit: limit.map(|value| Limit { span: SP, value }),
            fields,
        });
    let bare = any_expr().prop_map(|e| Query {
        span: SP,
        from: None,
        semantic: None,
        filter: Some(e),
        sort: None,
        limit: None,
        fields: None,
    });
    prop_oneof![full, bare]
}

fn document() -> impl Strategy<Value = Document<'static>> {
    proptest::collection::vec(query(), 1..4).prop_map(|queries| Document {
        span: SP,
        queries,
        comments: Vec::new(),
    })
}

/// The offsets of `text` (canonical formatter output) where blanks may go: outside strings and
/// quoted names, next to white space or to one of `( ) [ ] , ;`, and both ends. Never inside a
/// token, nor next to the `.` of a path.
fn token_boundaries(text: &str) -> Vec<usize> {
    let separator = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ',' | ';'))
    };
    let mut found = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        if quote.is_none() && (separator(prev) || separator(Some(c))) {
            found.push(at);
        }
        match quote {
            Some(_) if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            // A doubled backtick closes and reopens: the same state either way.
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '`' => quote = Some(c),
            None => {}
        }
        prev = Some(c);
    }
    found.push(text.len());
    found
}

/// Where and how a comment is inserted into formatted text.
#[derive(Clone, Debug)]
enum Insert {
    /// ` #text` and a line break, at a token boundary.
    AfterCode(proptest::sample::Index),
    /// A line break, `#text` and a line break, at a token boundary.
    OwnLine(proptest::sample::Index),
    /// ` #text` at the end of a line (before a line break, or at the end of the text).
    LineEnd(proptest::sample::Index),
}

fn insert() -> impl Strategy<Value = (Insert, String)> {
    let at = any::<proptest::sample::Index>();
    let place = prop_oneof![
        at.clone().prop_map(Insert::AfterCode),
        at.clone().prop_map(Insert::OwnLine),
        at.prop_map(Insert::LineEnd),
    ];
    (place, "[^\n\r]{0,8}")
}

/// `text` with the comments inserted, and their texts in source order.
fn with_comments(text: &str, inserts: &[(Insert, String)]) -> (String, Vec<String>) {
    let boundaries = token_boundaries(text);
    let mut line_ends: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    line_ends.push(text.len());
    let mut placed: Vec<(usize, usize, String)> = inserts
        .iter()
        .enumerate()
        .map(|(n, (place, body))| {
            let (at, snippet) = match place {
                Insert::AfterCode(i) => (*i.get(&boundaries), format!(" #{body}\n")),
                Insert::OwnLine(i) => (*i.get(&boundaries), format!("\n#{body}\n")),
                Insert::LineEnd(i) => (*i.get(&line_ends), format!(" #{body}")),
            };
            (at, n, snippet)
        })
        .collect();
    placed.sort_by_key(|(at, n, _)| (*at, *n));
    let mut src = String::new();
    let mut expected = Vec::new();
    let mut from = 0;
    let mut placed = placed.into_iter().peekable();
    while let Some((at, n, snippet)) = placed.next() {
        src.push_str(&text[from..at]);
        src.push_str(&snippet);
        // A comment must end its line before anything else inserted at the same place.
        if placed.peek().is_some_and(|next| next.0 == at) && !snippet.ends_with('\n') {
            src.push('\n');
        }
        from = at;
        expected.push(inserts[n].1.trim_end().to_owned());
    }
    src.push_str(&text[from..]);
    (src, expected)
}

/// Tokens to build plausible (and implausible) sift text from.
fn token() -> impl Strategy<Value = String> {
    let fixed = proptest::sample::select(vec![
        "from",
        "where",
        "sort",
        "limit",
        "fields",
        "and",
        "or",
        "not",
        "in",
        "is",
        "null",
        "like",
        "~",
        "between",
        "any",
        "has",
        "(",
        ")",
        "[",
        "]",
        ",",
        ";",
        "=",
        "==",
        "!=",
        "<>",
        "&&",
        "||",
        "!",
        ":",
        ".",
        "`",
        "\"",
        "'",
        "#",
        "\n",
        "desc",
        "order",
        "by",
        "select",
        "-",
        "2024-02-30",
        "2024-01-31T09:30:00Z",
        "1e5",
        "99999999999999999999",
        "\\u12",
        "\\",
    ]);
    prop_oneof![
        fixed.prop_map(str::to_owned),
        "[a-z_]{1,5}",
        "\"[^\"\n]{0,5}\"?",
        "[0-9]{1,4}",
        "`[^`]{0,4}`?",
    ]
}

fn check_spans(src: &str, parsed: &sift_syntax::Parsed) {
    for e in &parsed.errors {
        let s = e.span();
        assert!(
            s.lo() <= s.hi() && s.hi() <= src.len(),
            "{e:?} span out of {}",
            src.len()
        );
        assert!(
            src.is_char_boundary(s.lo()) && src.is_char_boundary(s.hi()),
            "{e:?}"
        );
        if let Some(fix) = sift_syntax::SuggestFix::fix(e) {
            assert!(
                fix.span.hi() <= src.len() && src.is_char_boundary(fix.span.lo()),
                "{fix:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn formatted_documents_reparse_to_the_same_ast(doc in document()) {
        let text = format_document(&doc);
        let parsed = parse(&text, &Limits::default());
        prop_assert!(parsed.errors.is_empty(), "{text}\n{:#?}", parsed.errors);
        prop_assert!(parsed.document.spanless_eq(&doc), "{text}\n{:#?}", parsed.document);
        prop_assert_eq!(format_document(&parsed.document), text);
    }

    /// Comments anywhere blanks may go: the formatter keeps every comment text in order, the
    /// output parses to the same AST, and formatting is a fixed point.
    #[test]
    fn formatting_keeps_comments(
        doc in document(),
        inserts in proptest::collection::vec(insert(), 0..8),
    ) {
        let canonical = format_document(&doc);
        let (src, expected) = with_comments(&canonical, &inserts);
        let parsed = parse(&src, &Limits::default());
        prop_assert!(parsed.is_ok(), "{src}\n{:#?}", parsed.errors);
        let found: Vec<&str> = parsed.document.comments.iter().map(|c| c.text.as_ref()).collect();
        prop_assert_eq!(&found, &expected, "{}", src);
        let text = format_document(&parsed.document);
        let again = parse(&text, &Limits::default());
        prop_assert!(again.is_ok(), "{src}\n->\n{text}\n{:#?}", again.errors);
        let kept: Vec<&str> = again.document.comments.iter().map(|c| c.text.as_ref()).collect();
        prop_assert_eq!(&kept, &expected, "{}\n->\n{}", src, text);
        prop_assert!(again.document.spanless_eq(&parsed.document), "{src}\n->\n{text}");
        prop_assert!(again.document.queries.spanless_eq(&doc.queries), "{src}\n->\n{text}");
        prop_assert_eq!(format_document(&again.document), text, "{}", src);
    }

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        let parsed = parse(&src, &Limits::default());
        check_spans(&src, &parsed);
    }

    #[test]
    fn token_soup_never_panics(tokens in proptest::collection::vec((token(), "[ \n]{0,2}"), 0..40)) {
        let src: String = tokens.into_iter().map(|(t, s)| t + &s).collect();
        let parsed = parse(&src, &Limits::default());
        check_spans(&src, &parsed);
        if parsed.errors.is_empty() {
            // Whatever parses cleanly formats to text that parses to the same AST.
            let text = format_document(&parsed.document);
            let again = parse(&text, &Limits::default());
            prop_assert!(again.errors.is_empty(), "{src:?} -> {text:?}: {:?}", again.errors);
            prop_assert!(again.document.spanless_eq(&parsed.document), "{src:?} -> {text:?}");
            prop_assert_eq!(format_document(&again.document), text, "{:?}", src);
        }
    }
}

#[test]
fn formatter_escapes_invisible_and_reordering_characters_and_reads_them_back() {
    let src = "first_name = \"a\u{202e}b\u{7f}c\u{9b}d\u{1b}\"";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let text = format_document(&parsed.document);
    assert_eq!(text, "first_name = \"a\\u202eb\\u007fc\\u009bd\\u001b\"");
    let again = parse(&text, &Limits::default());
    assert!(again.document.spanless_eq(&parsed.document));
}

#[test]
fn a_carriage_return_ends_a_comment() {
    let parsed = parse("id = 1 # note\rand is_active = false", &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.document.comments.len(), 1);
    assert_eq!(
        format_document(&parsed.document),
        "id = 1 # note\n  and is_active = false"
    );
}
