//! Generated sift documents for property tests: arbitrary well-formed ASTs (printed with
//! sift's formatter by the tests) and token soup. Shared by sift-syntax's round-trip properties
//! and the tree-sitter grammar's differential test.

use std::borrow::Cow;

use proptest::prelude::*;
use sift_syntax::ast::{
    Condition, Dedup, DedupMode, Direction, Document, FieldsClause, Limit, List, Name, Op, OpKind,
    Owned, Path, Query, RelativeTime, Rhs, Semantic, SortClause, SortKey, TimeAnchor, TimeOffset,
    TimeUnit, Tree, Value, ValueKind,
};
use sift_syntax::{Keyword, Span};

const SP: Span = Span { start: 0, end: 0 };

fn name_text() -> impl Strategy<Value = String> {
    let keyword = proptest::sample::select(Keyword::all().collect::<Vec<_>>()).prop_flat_map(|k| {
        prop_oneof![
            Just(k.to_owned()),
            Just(k.to_uppercase()),
            Just(format!("{k}_x"))
        ]
    });
    // The words that are keywords only inside `similar to`, and the time functions.
    let contextual = proptest::sample::select(vec![
        "to",
        "min",
        "context_size",
        "dedup",
        "max",
        "none",
        "now",
        "today",
        "start_of_week",
        "by",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        "[A-Za-z_][A-Za-z0-9_]{0,8}",
        keyword,
        contextual,
        "[A-Za-z0-9_ .`é日\\-]{1,8}",
        "_[0-9]{1,3}",
        "[0-9][a-z]{1,3}",
        "[^\n\r]{1,6}",
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
        prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0), Just(-1)].prop_map(ValueKind::Integer),
        "-?(0|[1-9][0-9]{0,6})(\\.[0-9]{1,4}([eE][+-]?[0-9]{1,3})?|[eE][+-]?[0-9]{1,3})"
            .prop_map(|s| ValueKind::Decimal(Cow::Owned(s))),
        any::<bool>().prop_map(ValueKind::Bool),
        Just(ValueKind::Null),
        (0i16..=9999, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| ValueKind::Date(Cow::Owned(format!("{y:04}-{m:02}-{d:02}")))),
        (
            1000i16..2999,
            1i8..=12,
            1i8..=28,
            0u8..24,
            0u8..60,
            "(Z|[+-](0[0-9]|1[0-9]|2[0-3]):[0-5][0-9])",
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
fn relative_time() -> impl Strategy<Value = RelativeTime> {
    let anchor = proptest::sample::select(TimeAnchor::ALL.map(|(_, a)| a).to_vec());
    let unit = proptest::sample::select(TimeUnit::ALL.map(|(_, u)| u).to_vec());
    let offset =
        (-i64::MAX..=i64::MAX, unit).prop_map(|(amount, unit)| TimeOffset { amount, unit });
    (anchor, proptest::collection::vec(offset, 0..4))
        .prop_map(|(anchor, offsets)| RelativeTime { anchor, offsets })
}

fn condition(inner: Option<BoxedStrategy<Owned<'static>>>) -> BoxedStrategy<Owned<'static>> {
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
            let (rhs, any) = match kind {
                OpKind::In | OpKind::NotIn => (Rhs::List(List { span: SP, items }), None),
                OpKind::IsNull | OpKind::IsNotNull => (Rhs::Nothing, None),
                OpKind::Between => (
                    Rhs::Range {
                        low: Box::new(v1),
                        high: Box::new(v2),
                    },
                    None,
                ),
                OpKind::Any => (Rhs::Nothing, Some(Box::new(inner))),
                _ => (Rhs::Value(v1), None),
            };
            let op = Op { span: SP, kind };
            Owned::Condition(
                Box::new(Condition {
                    span: SP,
                    field,
                    op,
                    rhs,
                }),
                any,
            )
        })
        .boxed()
}

fn leaf() -> impl Strategy<Value = Owned<'static>> {
    (path(), value()).prop_map(|(field, v)| {
        let op = Op {
            span: SP,
            kind: OpKind::Eq,
        };
        Owned::condition(
            Condition {
                span: SP,
                field,
                op,
                rhs: Rhs::Value(v),
            },
            None,
        )
    })
}

/// Arbitrary trees, then made well-formed: an operand that would re-associate is parenthesised.
fn any_expr() -> impl Strategy<Value = Owned<'static>> {
    let leaf = condition(None);
    leaf.prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 2..4).prop_map(|v| Owned::And(SP, v)),
            proptest::collection::vec(inner.clone(), 2..4).prop_map(|v| Owned::Or(SP, v)),
            inner.clone().prop_map(|e| Owned::Not(SP, Box::new(e))),
            inner.clone().prop_map(paren),
            condition(Some(inner.boxed())),
        ]
    })
    .prop_map(well_formed)
}

fn paren(e: Owned<'static>) -> Owned<'static> {
    Owned::Paren(SP, Box::new(e))
}

fn well_formed(e: Owned<'static>) -> Owned<'static> {
    match e {
        Owned::And(span, items) => Owned::And(
            span,
            items
                .into_iter()
                .map(well_formed)
                .map(|i| if i.is_chain() { paren(i) } else { i })
                .collect(),
        ),
        Owned::Or(span, items) => Owned::Or(
            span,
            items
                .into_iter()
                .map(well_formed)
                .map(|i| {
                    if matches!(i, Owned::Or(..)) {
                        paren(i)
                    } else {
                        i
                    }
                })
                .collect(),
        ),
        Owned::Not(span, inner) => {
            let inner = well_formed(*inner);
            if inner.is_chain() {
                Owned::Not(span, Box::new(paren(inner)))
            } else {
                Owned::Not(span, Box::new(inner))
            }
        }
        Owned::Paren(_, inner) => paren(well_formed(*inner)),
        Owned::Condition(c, inner) => Owned::Condition(c, inner.map(|i| Box::new(well_formed(*i)))),
    }
}

/// A query of the generated parts, its filter built into its tree.
#[allow(clippy::too_many_arguments)]
fn built(
    from: Option<Name<'static>>,
    semantic: Option<Semantic<'static>>,
    filter: Option<Owned<'static>>,
    sort: Option<SortClause<'static>>,
    limit: Option<u64>,
    fields: Option<FieldsClause<'static>>,
) -> Query<'static> {
    let mut tree = Tree::default();
    let filter = filter.map(|f| tree.add(f));
    Query {
        span: SP,
        from,
        semantic,
        filter,
        sort,
        limit: limit.map(|value| Limit { span: SP, value }),
        fields,
        tree,
    }
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
    let limit = prop_oneof![any::<u64>(), Just(u64::MAX), Just(0)];
    let full = (
        (name(), proptest::option::of(semantic)),
        proptest::option::of(any_expr()),
        proptest::option::of(sort),
        proptest::option::of(limit),
        proptest::option::of(fields),
    )
        .prop_map(|((from, semantic), filter, sort, limit, fields)| {
            built(Some(from), semantic, filter, sort, limit, fields)
        });
    let bare = any_expr().prop_map(|e| built(None, None, Some(e), None, None, None));
    prop_oneof![full, bare]
}

pub fn document() -> impl Strategy<Value = Document<'static>> {
    proptest::collection::vec(query(), 1..4).prop_map(|queries| Document {
        span: SP,
        queries,
        comments: Vec::new(),
    })
}

/// Pieces of sift text, valid and not: every keyword, operator and punctuation, the teaching
/// errors, literals at and past their bounds, blanks and comments.
pub fn token() -> impl Strategy<Value = String> {
    let fixed = proptest::sample::select(vec![
        "from",
        "FROM",
        "similar",
        "to",
        "in",
        "min",
        "context_size",
        "dedup",
        "max",
        "none",
        "where",
        "sort",
        "limit",
        "fields",
        "asc",
        "desc",
        "and",
        "or",
        "not",
        "is",
        "null",
        "true",
        "false",
        "like",
        "fuzzy",
        "keyword",
        "contains",
        "startswith",
        "endswith",
        "has",
        "any",
        "between",
        "select",
        "order",
        "by",
        "today()",
        "now",
        "(",
        ")",
        "[",
        "]",
        ",",
        ";",
        ".",
        "=",
        "==",
        "!=",
        "<>",
        "<",
        "<=",
        ">",
        ">=",
        "=<",
        "~",
        "&&",
        "||",
        "!",
        ":",
        "+",
        "-",
        "`",
        "``",
        "\"",
        "'",
        "\\",
        "\\u12",
        "\\uD800",
        "\\uDC00",
        "\\n",
        "#",
        "# c\n",
        "\n",
        "\r",
        "\r\n",
        " ",
        "\t",
        "\u{3000}",
        "\u{a0}",
        "\u{feff}",
        "\u{0}",
        "é",
        "2024-02-30",
        "2024-01-31",
        "2024-01-31T09:30:00Z",
        "2024-01-31T09:30:00.5+02:00",
        "2024-1-1",
        "1e5",
        "1.",
        ".5",
        "07",
        "-0",
        "7d",
        "3mo",
        "36h",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "`a``b`",
        "`x y`",
        "``",
        "\"a\\\"b\"",
        "'it''s'",
        "\"\\uD83D\\uDE00\"",
        "\"\\q\"",
    ]);
    prop_oneof![
        4 => fixed.prop_map(str::to_owned),
        1 => "[a-z_]{1,5}",
        1 => "\"[^\"\n]{0,5}\"?",
        1 => "-?[0-9]{1,4}[a-z.]?",
        1 => "`[^`]{0,4}`?",
    ]
}
