//! The sift AST. Every node carries a byte [`Span`]; names and strings borrow from the source
//! where they can (`Cow::Borrowed`) and own only what an escape or a generator produced.
//!
//! `PartialEq` compares spans too; use [`SpanlessEq`](crate::SpanlessEq) to compare shapes.

use std::borrow::Cow;

use crate::Span;
pub use crate::segments::Segments;
pub use crate::tree::{Children, CondId, ExprId, ExprKind, Owned, PerCondition, PerExpr, Tree};

/// A whole `.sift` text: one or more queries separated by `;`.
///
/// A generated document has no comments: `Document { span, queries, comments: Vec::new() }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Document<'a> {
    pub span: Span,
    pub queries: Vec<Query<'a>>,
    /// Every `#` comment of the source, in source order. Comments are not part of any query:
    /// the formatter places each one again by its span (see `grammar/README.md`, Comments).
    pub comments: Vec<Comment<'a>>,
}

/// A `#` comment, which runs to the end of its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment<'a> {
    /// From the `#` to the end of `text`.
    pub span: Span,
    /// What follows the `#`, as written, minus trailing white space (`# note` has the text
    /// `" note"`). Contains no line break; the formatter writes each line of a text that does
    /// as a comment of its own.
    pub text: Cow<'a, str>,
    /// Whether only blanks precede the `#` on its line; otherwise the comment follows code.
    pub own_line: bool,
}

/// One query. A bare filter expression is a `Query` with `from: None` and only `filter`.
#[derive(Clone, Debug, PartialEq)]
pub struct Query<'a> {
    pub span: Span,
    /// `from ENTITY`; `None` for a bare filter expression (entity given out of band).
    pub from: Option<Name<'a>>,
    /// `similar to "prompt" in FIELD min 0.3 context_size 500 dedup none`: semantic search
    /// (target 2026-10).
    pub semantic: Option<Semantic<'a>>,
    /// `where EXPR`, or the whole bare filter expression: an expression of `tree`.
    pub filter: Option<ExprId>,
    pub sort: Option<SortClause<'a>>,
    pub limit: Option<Limit>,
    pub fields: Option<FieldsClause<'a>>,
    /// The arena of the filter's expressions (`filter` and every `any`'s condition).
    pub tree: Tree<'a>,
}

/// `similar to PROMPT [in FIELD] [min NUMBER] [context_size N] [dedup max|none]`: rank the
/// records by the similarity of one configured field to the prompt, keeping those scoring at
/// least `min`.
#[derive(Clone, Debug, PartialEq)]
pub struct Semantic<'a> {
    pub span: Span,
    /// A string value (the parser accepts any value; the checker wants a non-empty string).
    pub prompt: Value<'a>,
    /// The field configured for semantic search; without it, the entity's only one.
    pub field: Option<Path<'a>>,
    /// The least similarity, a number (checked to lie in [-1, 1]).
    pub min: Option<Value<'a>>,
    /// How many characters of context each hit returns (checked to be a whole number from 1
    /// to the field's bound).
    pub context_size: Option<Value<'a>>,
    /// Whether a record appears once (its best unit) or once per matching unit.
    pub dedup: Option<Dedup>,
}

/// The words that start the options of `similar to`, in the order they are written; each is
/// a keyword only there.
pub const SEMANTIC_OPTIONS: [&str; 4] = ["in", "min", "context_size", "dedup"];

/// `dedup max` or `dedup none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dedup {
    pub span: Span,
    pub mode: DedupMode,
}

/// How semantic search treats several matching units of one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DedupMode {
    /// One hit per record, its best unit (the API's default).
    Max,
    /// One hit per matching unit.
    None,
}

impl DedupMode {
    /// Every mode, in the order help texts list them.
    pub const ALL: [DedupMode; 2] = [DedupMode::Max, DedupMode::None];

    /// The word sift and the API write (`max`, `none`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DedupMode::Max => "max",
            DedupMode::None => "none",
        }
    }

    /// The mode a word names, ASCII case-insensitively as keywords are.
    pub fn from_word(word: &str) -> Option<DedupMode> {
        DedupMode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(word))
    }
}

/// An entity name or one path segment. `quoted` records backticks in the source; the formatter
/// decides again whether backticks are needed, so `SpanlessEq` ignores it.
#[derive(Clone, Debug, PartialEq)]
pub struct Name<'a> {
    pub span: Span,
    pub text: Cow<'a, str>,
    pub quoted: bool,
}

/// A field path: segments joined by `.`. Its JSON key is the segments joined with `.`.
#[derive(Clone, Debug, PartialEq)]
pub struct Path<'a> {
    pub span: Span,
    /// Nearly every path has one segment, which is kept inline: no allocation per condition.
    pub segments: Segments<'a>,
}

impl Path<'_> {
    /// The JSON key of the path: its segments joined with `.`.
    pub fn key(&self) -> Cow<'_, str> {
        match self.segments.as_slice() {
            [one] => Cow::Borrowed(one.text.as_ref()),
            many => Cow::Owned(
                many.iter()
                    .map(|s| s.text.as_ref())
                    .collect::<Vec<_>>()
                    .join("."),
            ),
        }
    }
}

/// `field op rhs`: the large node of a [`Tree`], stored once at a [`CondId`].
#[derive(Clone, Debug, PartialEq)]
pub struct Condition<'a> {
    pub span: Span,
    pub field: Path<'a>,
    pub op: Op,
    pub rhs: Rhs<'a>,
}

/// An operator with the span of its keyword(s) or symbol(s).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Op {
    pub span: Span,
    pub kind: OpKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpKind {
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    In,
    NotIn,
    IsNull,
    IsNotNull,
    Like,
    Fuzzy,
    Keyword,
    Contains,
    StartsWith,
    EndsWith,
    Has,
    Any,
    Between,
}

impl OpKind {
    /// Every operator, in the order the docs list them.
    pub const ALL: [OpKind; 19] = [
        OpKind::Eq,
        OpKind::Neq,
        OpKind::Lt,
        OpKind::Lte,
        OpKind::Gt,
        OpKind::Gte,
        OpKind::Between,
        OpKind::In,
        OpKind::NotIn,
        OpKind::IsNull,
        OpKind::IsNotNull,
        OpKind::Like,
        OpKind::Fuzzy,
        OpKind::Keyword,
        OpKind::Contains,
        OpKind::StartsWith,
        OpKind::EndsWith,
        OpKind::Has,
        OpKind::Any,
    ];

    /// How the canonical formatter spells the operator: its first entry in
    /// [`OPERATOR_SPELLINGS`].
    pub const fn as_str(self) -> &'static str {
        let mut i = 0;
        while i < OPERATOR_SPELLINGS.len() {
            if OPERATOR_SPELLINGS[i].1 as u8 == self as u8 {
                return OPERATOR_SPELLINGS[i].0;
            }
            i += 1;
        }
        ""
    }

    /// The operator a sift spelling names (`"fuzzy"`, `"~"`, `"not in"`), case-insensitively.
    pub fn from_spelling(text: &str) -> Option<OpKind> {
        OPERATOR_SPELLINGS
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(text))
            .map(|(_, k)| *k)
    }
}

/// Foreign spellings whose meaning is clear, in sift source and as JSON keys (the parser's
/// teaching error for them; `sift validate`'s "did you mean" for an operator key such as
/// `equals`). The JSON operator keys themselves are [`OPERATOR_KEYS`].
pub const OPERATOR_ALIASES: [(&str, OpKind); 13] = [
    ("equals", OpKind::Eq),
    ("ne", OpKind::Neq),
    ("le", OpKind::Lte),
    ("ge", OpKind::Gte),
    ("starts_with", OpKind::StartsWith),
    ("ends_with", OpKind::EndsWith),
    ("ilike", OpKind::Like),
    ("includes", OpKind::Contains),
    ("===", OpKind::Eq),
    ("!==", OpKind::Neq),
    ("=<", OpKind::Lte),
    ("=>", OpKind::Gte),
    ("=~", OpKind::Fuzzy),
];

/// Every spelling of every operator, the one table the parser, the formatter and messages
/// derive from. The first spelling of an operator is the one the formatter prints; `fuzzy` is
/// also written `~`.
pub const OPERATOR_SPELLINGS: [(&str, OpKind); 20] = [
    ("=", OpKind::Eq),
    ("!=", OpKind::Neq),
    ("<", OpKind::Lt),
    ("<=", OpKind::Lte),
    (">", OpKind::Gt),
    (">=", OpKind::Gte),
    ("between", OpKind::Between),
    ("in", OpKind::In),
    ("not in", OpKind::NotIn),
    ("is null", OpKind::IsNull),
    ("is not null", OpKind::IsNotNull),
    ("like", OpKind::Like),
    ("fuzzy", OpKind::Fuzzy),
    ("~", OpKind::Fuzzy),
    ("keyword", OpKind::Keyword),
    ("contains", OpKind::Contains),
    ("startswith", OpKind::StartsWith),
    ("endswith", OpKind::EndsWith),
    ("has", OpKind::Has),
    ("any", OpKind::Any),
];

/// Which API targets accept a JSON operator key. The targets themselves are the lowering's
/// (`sift_lower::Target::accepts` reads this); the table names them by what they have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyTargets {
    /// Every target.
    Every,
    /// The targets that have `like` (2026-03, 2026-04).
    WithLike,
    /// The targets with literal text operators and `array_contains` (2026-10).
    WithLiteralText,
    /// The targets without them (2026-03, 2026-04), where `contains` is array membership.
    WithoutLiteralText,
}

/// One row of [`OPERATOR_KEYS`]: a JSON operator key, the sift operator it writes, and the
/// targets that accept it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperatorKey {
    pub key: &'static str,
    pub op: OpKind,
    pub on: KeyTargets,
}

const fn key(key: &'static str, op: OpKind, on: KeyTargets) -> OperatorKey {
    OperatorKey { key, op, on }
}

/// The target × operator table of the search API's JSON, in documentation order: the one
/// statement of which JSON key writes which sift operator on which targets. Lowering writes
/// with it, the JSON reader and the local evaluator read with it, the JSON diagnostics list
/// from it, and the parser's teaching error for a JSON name written in sift (`a gte 1`) looks
/// its words up in it. Operators without a row on a target are sugar (`between`, `not in`,
/// `is null`) or written another way there: `contains`, `startswith` and `endswith` as `like`
/// patterns before 2026-10, and `like` as a literal operator on 2026-10.
pub const OPERATOR_KEYS: [OperatorKey; 15] = [
    key("eq", OpKind::Eq, KeyTargets::Every),
    key("neq", OpKind::Neq, KeyTargets::Every),
    key("gt", OpKind::Gt, KeyTargets::Every),
    key("gte", OpKind::Gte, KeyTargets::Every),
    key("lt", OpKind::Lt, KeyTargets::Every),
    key("lte", OpKind::Lte, KeyTargets::Every),
    key("in", OpKind::In, KeyTargets::Every),
    key("like", OpKind::Like, KeyTargets::WithLike),
    key("fuzzy", OpKind::Fuzzy, KeyTargets::Every),
    key("keyword", OpKind::Keyword, KeyTargets::Every),
    // Value in an array before 2026-10, a case-insensitive substring on 2026-10.
    key("contains", OpKind::Has, KeyTargets::WithoutLiteralText),
    key("contains", OpKind::Contains, KeyTargets::WithLiteralText),
    key(
        "startswith",
        OpKind::StartsWith,
        KeyTargets::WithLiteralText,
    ),
    key("endswith", OpKind::EndsWith, KeyTargets::WithLiteralText),
    key("array_contains", OpKind::Has, KeyTargets::WithLiteralText),
];

/// The `any` key: a condition on the elements of an array, on every target.
pub const ANY_KEY: &str = "any";

/// `{"not": c}`.
pub const NOT_KEY: &str = "not";
/// `{"and": [c, …]}`.
pub const AND_KEY: &str = "and";
/// `{"or": [c, …]}`.
pub const OR_KEY: &str = "or";
/// The keys that combine conditions rather than test a field.
pub const LOGIC_KEYS: [&str; 3] = [NOT_KEY, AND_KEY, OR_KEY];

/// The right-hand side of a condition; the parser guarantees it fits the operator:
/// `In`/`NotIn` → `List`, `IsNull`/`IsNotNull` → `Nothing`, `Between` → `Range`,
/// `Any` → `Condition`, every other operator → `Value`.
#[derive(Clone, Debug, PartialEq)]
pub enum Rhs<'a> {
    Value(Value<'a>),
    List(List<'a>),
    /// Boxed: `between` is rare, and inline bounds would double the size of every condition.
    Range {
        low: Box<Value<'a>>,
        high: Box<Value<'a>>,
    },
    /// The condition on each element, an expression of the query's tree.
    Condition(ExprId),
    Nothing,
}

/// `[v, v]`, or `(v, v)` after `in` (SQL habit); the formatter prints brackets.
#[derive(Clone, Debug, PartialEq)]
pub struct List<'a> {
    pub span: Span,
    pub items: Vec<Value<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value<'a> {
    pub span: Span,
    pub kind: ValueKind<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind<'a> {
    /// The decoded text (escapes resolved).
    String(Cow<'a, str>),
    Integer(i64),
    /// A decimal as written, a valid JSON number (`-1.50`, `2e10`): lowered verbatim so that
    /// its value stays exact.
    Decimal(Cow<'a, str>),
    Bool(bool),
    Null,
    /// A validated ISO 8601 date (`2024-01-31`), as written; lowered to a JSON string.
    Date(Cow<'a, str>),
    /// A validated ISO 8601 date-time (`2024-01-31T09:30:00Z`), as written.
    DateTime(Cow<'a, str>),
    /// `today() - 7d`: a time relative to the clock, resolved by the checker (see
    /// [`RelativeTime`]).
    Relative(RelativeTime),
}

/// `relative_time = time_anchor , { ( "+" | "-" ) , duration } ;` — an anchor read from the
/// clock, then calendar arithmetic, applied left to right. The checker resolves it against the
/// caller's clock and time zone to a date or a UTC date-time, as the field holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelativeTime {
    pub anchor: TimeAnchor,
    pub offsets: Vec<TimeOffset>,
}

/// The function a relative time starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeAnchor {
    /// The clock's instant.
    Now,
    /// Midnight at the start of the clock's day, in the time zone.
    Today,
    /// Midnight at the start of the week (the configured first weekday, Monday by default).
    StartOfWeek,
    /// Midnight on the first of the month.
    StartOfMonth,
    /// Midnight on 1 January.
    StartOfYear,
}

impl TimeAnchor {
    /// Every anchor with its function name, the one table the parser and formatter use.
    pub const ALL: [(&'static str, TimeAnchor); 5] = [
        ("now", TimeAnchor::Now),
        ("today", TimeAnchor::Today),
        ("start_of_week", TimeAnchor::StartOfWeek),
        ("start_of_month", TimeAnchor::StartOfMonth),
        ("start_of_year", TimeAnchor::StartOfYear),
    ];

    /// The function's name, without parentheses.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("", |(n, _)| n)
    }
}

/// `+ 7d`, `- 36h`: a signed amount of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOffset {
    /// Negative for `-`.
    pub amount: i64,
    pub unit: TimeUnit,
}

/// A duration's unit. Seconds to hours are exact; days and weeks follow the calendar of the
/// time zone (a day across a daylight-saving change is 23 or 25 hours); months and years keep
/// the day of the month, clamped to the month's last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl TimeUnit {
    /// Every unit with its suffix, the one table the parser and formatter use. `mo` comes before
    /// `m` so that the longest suffix is tried first.
    pub const ALL: [(&'static str, TimeUnit); 7] = [
        ("s", TimeUnit::Second),
        ("mo", TimeUnit::Month),
        ("m", TimeUnit::Minute),
        ("h", TimeUnit::Hour),
        ("d", TimeUnit::Day),
        ("w", TimeUnit::Week),
        ("y", TimeUnit::Year),
    ];

    pub fn suffix(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, u)| *u == self)
            .map_or("", |(s, _)| s)
    }

    /// True for units finer than a day (s, m, h).
    pub fn is_time_of_day(self) -> bool {
        matches!(self, TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour)
    }
}

impl std::fmt::Display for RelativeTime {
    /// The canonical text: `today() - 7d + 1h`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}()", self.anchor.name())?;
        for offset in &self.offsets {
            let sign = if offset.amount < 0 { '-' } else { '+' };
            write!(
                f,
                " {sign} {}{}",
                offset.amount.unsigned_abs(),
                offset.unit.suffix()
            )?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SortClause<'a> {
    pub span: Span,
    pub keys: Vec<SortKey<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SortKey<'a> {
    pub span: Span,
    pub path: Path<'a>,
    pub direction: Direction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

impl Direction {
    /// The keyword, as sift and the wire write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    pub span: Span,
    pub value: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldsClause<'a> {
    pub span: Span,
    pub paths: Vec<Path<'a>>,
}
