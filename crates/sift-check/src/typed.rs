//! The checker's output: a query whose names are resolved against the schema and whose
//! conditions fit their fields' types. Parentheses are gone (the tree keeps their grouping);
//! spans stay, so that later phases can still point at the source.
//!
//! The tree borrows from the AST it was checked from (strings, dates and number texts are
//! not copied), and each operator carries exactly the right-hand side it takes: a
//! [`Predicate`] cannot pair `in` with a single value, a text operator with a number, or hold
//! a number that is not valid JSON. So lowering has no malformed input to report.

use std::borrow::Cow;

use sift_syntax::Span;
use sift_syntax::ast::{DedupMode, Direction, OpKind, Value, ValueKind};

/// A query that passed checking. Lowering takes it to wire JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedQuery<'a> {
    /// The query in the source.
    pub span: Span,
    /// The entity's name as the API knows it.
    pub entity: String,
    /// `similar to …`: semantic search instead of a plain query.
    pub semantic: Option<TypedSemantic<'a>>,
    /// The `where` clause (or the bare filter expression).
    pub filter: Option<TypedExpr<'a>>,
    /// The sort keys, in order.
    pub sort: Vec<TypedSortKey<'a>>,
    /// `limit N`.
    pub limit: Option<u64>,
    /// Each requested field as its list of keys: `client.name` → `["client", "name"]`, a
    /// dotted top-level name `customer.id` → `["customer.id"]`.
    pub fields: Vec<Vec<Cow<'a, str>>>,
}

/// A checked filter expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedExpr<'a> {
    /// The expression in the source (a group's span includes its parentheses).
    pub span: Span,
    /// What the expression is.
    pub kind: TypedKind<'a>,
}

/// The shape of a [`TypedExpr`].
#[derive(Clone, Debug, PartialEq)]
pub enum TypedKind<'a> {
    /// Every child holds.
    And(Vec<TypedExpr<'a>>),
    /// Some child holds.
    Or(Vec<TypedExpr<'a>>),
    /// The child does not hold.
    Not(Box<TypedExpr<'a>>),
    /// One field condition.
    Condition(TypedCondition<'a>),
}

/// `field op right-hand side`, checked. (The whole condition's span is its [`TypedExpr`]'s:
/// a tree may hold millions of conditions, so each holds only what lowering reads.)
#[derive(Clone, Debug, PartialEq)]
pub struct TypedCondition<'a> {
    /// The field's JSON key (relative to the array element inside `any`).
    pub key: Cow<'a, str>,
    /// The span of the operator's keyword(s) or symbol(s).
    pub op_span: Span,
    /// The operator with the right-hand side it takes.
    pub predicate: Predicate<'a>,
}

impl TypedCondition<'_> {
    /// The operator as written (`fuzzy` for `~`).
    pub fn op(&self) -> OpKind {
        self.predicate.op()
    }
}

/// An operator and its right-hand side, one variant per shape of right-hand side.
#[derive(Clone, Debug, PartialEq)]
pub enum Predicate<'a> {
    /// `=`, `!=`, `<`, `<=`, `>`, `>=` with one value (`= null` and `!= null` included).
    Compare(Comparison, TypedValue<'a>),
    /// `is null`.
    IsNull,
    /// `is not null`.
    IsNotNull,
    /// `in [v, …]`: a non-empty list.
    In(Vec<TypedValue<'a>>),
    /// `not in [v, …]`: a non-empty list.
    NotIn(Vec<TypedValue<'a>>),
    /// `between low and high` (boxed: the rarest shape would otherwise set the size of every
    /// condition of the tree).
    Between {
        /// The inclusive lower bound.
        low: Box<TypedValue<'a>>,
        /// The inclusive upper bound.
        high: Box<TypedValue<'a>>,
    },
    /// `fuzzy` or `keyword` with one value.
    Search(SearchOp, TypedValue<'a>),
    /// `like`, `contains`, `startswith` or `endswith` with text (a string, or a date or
    /// date-time written bare): patterns and literals are rewritten per target, so the
    /// operand is always text.
    Text(TextOp, TypedText<'a>),
    /// `has v`: the array holds the value.
    Has(TypedValue<'a>),
    /// `any (condition)`: some element of the array satisfies the condition, which is
    /// checked against the element.
    Any(Box<TypedExpr<'a>>),
}

impl Predicate<'_> {
    /// The operator.
    pub fn op(&self) -> OpKind {
        match self {
            Predicate::Compare(op, _) => op.op(),
            Predicate::IsNull => OpKind::IsNull,
            Predicate::IsNotNull => OpKind::IsNotNull,
            Predicate::In(_) => OpKind::In,
            Predicate::NotIn(_) => OpKind::NotIn,
            Predicate::Between { .. } => OpKind::Between,
            Predicate::Search(op, _) => op.op(),
            Predicate::Text(op, _) => op.op(),
            Predicate::Has(_) => OpKind::Has,
            Predicate::Any(_) => OpKind::Any,
        }
    }
}

/// The comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `=`.
    Eq,
    /// `!=`.
    Neq,
    /// `<`.
    Lt,
    /// `<=`.
    Lte,
    /// `>`.
    Gt,
    /// `>=`.
    Gte,
}

impl Comparison {
    /// The comparison `op` is, if it is one.
    pub fn of(op: OpKind) -> Option<Comparison> {
        Some(match op {
            OpKind::Eq => Comparison::Eq,
            OpKind::Neq => Comparison::Neq,
            OpKind::Lt => Comparison::Lt,
            OpKind::Lte => Comparison::Lte,
            OpKind::Gt => Comparison::Gt,
            OpKind::Gte => Comparison::Gte,
            _ => return None,
        })
    }

    /// The operator.
    pub fn op(self) -> OpKind {
        match self {
            Comparison::Eq => OpKind::Eq,
            Comparison::Neq => OpKind::Neq,
            Comparison::Lt => OpKind::Lt,
            Comparison::Lte => OpKind::Lte,
            Comparison::Gt => OpKind::Gt,
            Comparison::Gte => OpKind::Gte,
        }
    }
}

/// The relevance operators, sent as they are on every target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchOp {
    /// `fuzzy` (`~`).
    Fuzzy,
    /// `keyword`.
    Keyword,
}

impl SearchOp {
    /// The relevance operator `op` is, if it is one.
    pub fn of(op: OpKind) -> Option<SearchOp> {
        match op {
            OpKind::Fuzzy => Some(SearchOp::Fuzzy),
            OpKind::Keyword => Some(SearchOp::Keyword),
            _ => None,
        }
    }

    /// The operator.
    pub fn op(self) -> OpKind {
        match self {
            SearchOp::Fuzzy => OpKind::Fuzzy,
            SearchOp::Keyword => OpKind::Keyword,
        }
    }
}

/// The text operators, whose lowering depends on the target (`like` patterns on one,
/// literal operators on another).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextOp {
    /// `like`: a pattern with `%` and `_`.
    Like,
    /// `contains`: a literal substring.
    Contains,
    /// `startswith`: a literal prefix.
    StartsWith,
    /// `endswith`: a literal suffix.
    EndsWith,
}

impl TextOp {
    /// The text operator `op` is, if it is one.
    pub fn of(op: OpKind) -> Option<TextOp> {
        Some(match op {
            OpKind::Like => TextOp::Like,
            OpKind::Contains => TextOp::Contains,
            OpKind::StartsWith => TextOp::StartsWith,
            OpKind::EndsWith => TextOp::EndsWith,
            _ => return None,
        })
    }

    /// The operator.
    pub fn op(self) -> OpKind {
        match self {
            TextOp::Like => OpKind::Like,
            TextOp::Contains => OpKind::Contains,
            TextOp::StartsWith => OpKind::StartsWith,
            TextOp::EndsWith => OpKind::EndsWith,
        }
    }
}

/// The text operand of a [`TextOp`], borrowed from the AST (owned when it is what a relative
/// time resolved to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedText<'a> {
    /// The value in the source.
    pub span: Span,
    /// The decoded text.
    pub text: Cow<'a, str>,
}

/// A value as the condition sends it, borrowed from the AST.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedValue<'a> {
    /// The value in the source.
    pub span: Span,
    /// What is sent.
    pub scalar: Scalar<'a>,
}

/// A JSON scalar; dates and date-times stay apart from strings so that messages can write
/// them as the source did, and lower to JSON strings. There is no relative time: the checker
/// resolves each one to the date or date-time it means, so lowering never meets one. The wire
/// model of the lowering holds it too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scalar<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A decimal, kept as written.
    Number(Number<'a>),
    /// A string (owned when the checker turned a number into the string the API compares).
    String(Cow<'a, str>),
    /// A validated ISO 8601 date, as written (owned when a relative time resolved to it).
    Date(Cow<'a, str>),
    /// A validated ISO 8601 date-time, as written (owned when a relative time resolved to it).
    DateTime(Cow<'a, str>),
}

impl<'a> Scalar<'a> {
    /// `value` as a scalar; `None` for a relative time (see [`Scalar::of_resolved`]) and for a
    /// decimal whose text is not a JSON number (which the parser and the JSON reader never
    /// produce).
    pub fn of(value: &'a ValueKind<'a>) -> Option<Scalar<'a>> {
        Some(match value {
            ValueKind::String(s) => Scalar::String(Cow::Borrowed(s)),
            ValueKind::Integer(n) => Scalar::Integer(*n),
            ValueKind::Decimal(d) => Scalar::Number(Number::new(d)?),
            ValueKind::Bool(b) => Scalar::Bool(*b),
            ValueKind::Null => Scalar::Null,
            ValueKind::Date(d) => Scalar::Date(Cow::Borrowed(d)),
            ValueKind::DateTime(d) => Scalar::DateTime(Cow::Borrowed(d)),
            ValueKind::Relative(_) => return None,
        })
    }

    /// What a relative time resolved to (a date or a date-time, or the seconds of a
    /// Unix-time field), owned.
    pub(crate) fn of_resolved(value: &ValueKind<'_>) -> Option<Scalar<'a>> {
        match value {
            ValueKind::Integer(n) => Some(Scalar::Integer(*n)),
            ValueKind::Date(d) => Some(Scalar::Date(Cow::Owned(d.to_string()))),
            ValueKind::DateTime(d) => Some(Scalar::DateTime(Cow::Owned(d.to_string()))),
            _ => None,
        }
    }

    /// The text of a string, date or date-time.
    pub fn text(&self) -> Option<&str> {
        match self {
            Scalar::String(s) => Some(s),
            Scalar::Date(s) | Scalar::DateTime(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar as an AST value at `span`, for messages that write it as sift does.
    pub fn to_value(&self, span: Span) -> Value<'_> {
        let kind = match self {
            Scalar::Null => ValueKind::Null,
            Scalar::Bool(b) => ValueKind::Bool(*b),
            Scalar::Integer(n) => ValueKind::Integer(*n),
            Scalar::Number(n) => ValueKind::Decimal(Cow::Borrowed(n.as_str())),
            Scalar::String(s) => ValueKind::String(Cow::Borrowed(s)),
            Scalar::Date(s) => ValueKind::Date(Cow::Borrowed(s)),
            Scalar::DateTime(s) => ValueKind::DateTime(Cow::Borrowed(s)),
        };
        Value { span, kind }
    }
}

impl<'a> TypedValue<'a> {
    /// `value` as sent; `None` as for [`Scalar::of`].
    pub fn of(value: &'a Value<'a>) -> Option<TypedValue<'a>> {
        Some(TypedValue {
            span: value.span,
            scalar: Scalar::of(&value.kind)?,
        })
    }
}

/// The text of exactly one JSON number (no sign `+`, no surrounding space), borrowed; written
/// out as it is, so its value stays exact: `0.1` stays `0.1`, `1e400` stays `1e400`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number<'a>(&'a str);

impl<'a> Number<'a> {
    /// `Some` when `text` is exactly one JSON number.
    pub fn new(text: &'a str) -> Option<Self> {
        // The one number grammar is JSON's: what it reads as one number, JSON reads as one.
        sift_syntax::number::is_number(text).then_some(Number(text))
    }

    /// The number as written.
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

/// One sort key, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedSortKey<'a> {
    /// The key in the source.
    pub span: Span,
    /// The field's JSON key.
    pub key: Cow<'a, str>,
    /// `asc` or `desc`.
    pub direction: Direction,
}

/// A checked `similar to` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedSemantic<'a> {
    /// The clause in the source.
    pub span: Span,
    /// The prompt, non-empty.
    pub prompt: Cow<'a, str>,
    /// The JSON key of the field `in` names, if the query names one (lowered as `field`).
    pub field: Option<Cow<'a, str>>,
    /// The configured field searched: the one named, else the entity's only one, which the
    /// server picks when `field` is not sent.
    pub searched: String,
    /// The least similarity, a number in [-1, 1] as written.
    pub min: Option<TypedValue<'a>>,
    /// Characters of context per hit, from 1 to the field's bound.
    pub context_size: Option<u64>,
    /// `dedup max` or `dedup none`, when written.
    pub dedup: Option<DedupMode>,
}
