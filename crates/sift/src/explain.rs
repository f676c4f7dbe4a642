//! `explain`: a compiled query as a tree, each node with its source span and text, the JSON it
//! lowers to, the target operator used, notes on semantics that differ by target, the relative
//! times resolved in it (and the clock), and the query's warnings. Data, serialisable: the CLI
//! prints it for people or as JSON (for editors and REPLs).

use serde::Serialize;
use sift_check::{Predicate, TypedExpr, TypedKind, TypedQuery};
use sift_lower::Target;
use sift_lower::wire::{Condition, Output, Scalar};
use sift_schema::Catalog;
use sift_syntax::Span;
use sift_syntax::ast::OpKind;

use crate::pipeline::{Lowered, run};
use crate::report::span_as_range;
use crate::{DiagnosticReport, Diagnostics, Options};

/// One query, explained.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// The query in the source.
    #[serde(serialize_with = "span_as_range")]
    pub span: Span,
    /// The entity searched, as the API knows it.
    pub entity: String,
    /// The API version lowered for (`2026-10`).
    pub target: String,
    /// Why that target is the default, or that current servers read its action as another
    /// one; `None` for a target with nothing to say.
    pub target_note: Option<String>,
    /// The clock relative times were resolved against.
    pub clock: ClockInfo,
    /// Semantic search: the field searched, and each setting with the value the server
    /// applies when the query leaves it out; `None` (and left out of the JSON) for a query
    /// without `similar to`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic: Option<SemanticInfo>,
    /// The filter as a tree; `None` without one.
    pub filter: Option<ExplainNode>,
    /// `{"created_at":"desc"}`-style keys, in order.
    pub sort: Vec<serde_json::Value>,
    /// `limit N`.
    pub limit: Option<u64>,
    /// The whole output in the form `Options::emit` asks for.
    pub output: serde_json::Value,
    /// The query's warnings (lint levels applied).
    pub lints: Vec<DiagnosticReport>,
}

/// How a semantic query runs.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SemanticInfo {
    /// The prompt.
    pub prompt: String,
    /// The configured field searched.
    pub field: String,
    /// Whether the request names the field (`in FIELD` was written); when it does not, the
    /// server picks the entity's only configured field, this one.
    pub field_sent: bool,
    /// What one unit of the field is called (`project`): the filter names its columns.
    pub unit: String,
    /// The names the filter can use: the columns of each unit.
    pub filter_names: Vec<String>,
    /// `min_similarity`.
    pub min_similarity: Setting,
    /// `limit`.
    pub limit: Setting,
    /// `dedup`.
    pub dedup: Setting,
    /// `context_size`: `null` when unbounded and not set (each hit returns its whole context).
    pub context_size: Setting,
}

/// One setting of a semantic query: its value, and whether the query set it or the server's
/// default applies.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Setting {
    /// The value sent, or the one the server applies.
    pub value: serde_json::Value,
    /// True when the query leaves it out and this is the server's default.
    pub default: bool,
}

impl Setting {
    fn of(written: Option<serde_json::Value>, default: serde_json::Value) -> Setting {
        match written {
            Some(value) => Setting {
                value,
                default: false,
            },
            None => Setting {
                value: default,
                default: true,
            },
        }
    }
}

/// The clock of an explanation.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClockInfo {
    /// RFC 3339, UTC.
    pub now: String,
    /// The IANA name (or the offset of a fixed zone).
    pub time_zone: String,
    /// The day `start_of_week()` goes back to (`Monday`).
    pub week_start: String,
}

/// One node of the filter tree.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainNode {
    /// `and`, `or`, `not` or `condition`.
    pub kind: &'static str,
    /// The node in the source.
    #[serde(serialize_with = "span_as_range")]
    pub span: Span,
    /// The source text of the node.
    pub source: String,
    /// The JSON condition this node lowers to, for the target.
    pub json: serde_json::Value,
    /// The target operator the JSON uses (its key): `gte`, `like`, `startswith`, `and`.
    pub operator: &'static str,
    /// What differs by target or is easy to misread about the operator.
    pub notes: Vec<String>,
    /// Relative times resolved in this condition, and dates turned into Unix seconds.
    pub resolved_times: Vec<ResolvedTimeInfo>,
    /// The operands of `and`, `or` and `not`; the element condition of `any`.
    pub children: Vec<ExplainNode>,
}

/// One relative time of a condition (or a date compared with a Unix-time field) and what it
/// became.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResolvedTimeInfo {
    /// The relative time in the source.
    #[serde(serialize_with = "span_as_range")]
    pub span: Span,
    /// As written, canonically (`today() - 7d`).
    pub written: String,
    /// The value sent: a string (`2026-11-21`, `2026-11-01T00:00:00Z`), or on a Unix-time
    /// field the seconds (`1795219200`).
    pub resolved: String,
    /// `date`, `date-time` or `unix-time`: the form of the field.
    pub format: &'static str,
    /// On a Unix-time field, the instant the seconds count to (`2026-11-21T00:00:00Z`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instant: Option<String>,
}

/// Notes on an operator's meaning, per target: the one table of them.
fn notes(op: OpKind, target: Target) -> Vec<String> {
    let case = if target.has_literal_text_ops() {
        "case-insensitive on this target"
    } else {
        "sent as `like`, whose case-sensitivity the API does not document (2026-10's literal operator is case-insensitive)"
    };
    let note = match op {
        OpKind::Contains | OpKind::StartsWith | OpKind::EndsWith => {
            format!("literal text match, {case}")
        }
        OpKind::Like => String::from(if target.has_like() {
            "`%` matches any run of characters, `_` any one character; without `%` the pattern must match the whole value"
        } else {
            "this target has no `like`: the pattern became a literal, case-insensitive startswith/endswith/contains"
        }),
        OpKind::Fuzzy => String::from(
            "fuzzy word match: case and punctuation ignored; the docs say word order is forgiven too, and partial names match",
        ),
        OpKind::Keyword => String::from("matches when any of the words is present"),
        OpKind::Has => String::from(if target.has_literal_text_ops() {
            "exact membership of the value in the array (`array_contains`)"
        } else {
            "exact membership of the value in the array (`contains` on this target)"
        }),
        OpKind::Lt | OpKind::Lte | OpKind::Gt | OpKind::Gte | OpKind::Between => String::from(
            "strings compare as text by code points, dates and date-times too (an offset is not converted); numbers by exact value",
        ),
        OpKind::Neq | OpKind::NotIn => {
            String::from("also matches records where the field is null or missing")
        }
        OpKind::Any => String::from("names inside are relative to each array element"),
        _ => return Vec::new(),
    };
    vec![note]
}

/// Builds the tree of one query in one walk over its typed filter and, beside it, the wire
/// condition lowering made of each node: every node's JSON is its own key around its
/// children's, so nothing is lowered or read back per node.
struct Builder<'s> {
    source: &'s str,
    target: Target,
    resolved: &'s [sift_check::ResolvedTime],
}

impl Builder<'_> {
    /// The node of `expr`, whose wire condition is `wire` (`None` only if lowering and the
    /// typed tree disagreed, which the shared walk rules out: the node then has no JSON).
    fn node(&self, expr: &TypedExpr<'_>, wire: Option<&Condition<'_>>) -> ExplainNode {
        let (kind, children, notes, json) = match (&expr.kind, wire) {
            (TypedKind::And(all), Some(Condition::And(items)))
            | (TypedKind::Or(all), Some(Condition::Or(items))) => {
                let children = self.children(all, items);
                let key = if matches!(expr.kind, TypedKind::And(_)) {
                    "and"
                } else {
                    "or"
                };
                let items = children.iter().map(|c| c.json.clone()).collect();
                let json = object(key, serde_json::Value::Array(items));
                (key, children, Vec::new(), json)
            }
            (TypedKind::Not(inner), Some(Condition::Not(negated))) => {
                let child = self.node(inner, Some(negated));
                let json = object("not", child.json.clone());
                ("not", vec![child], Vec::new(), json)
            }
            (TypedKind::Condition(condition), wire) => {
                let (children, json) = match (&condition.predicate, wire) {
                    (Predicate::Any(inner), Some(Condition::Any { key, condition })) => {
                        let child = self.node(inner, Some(condition));
                        let json = object("any", object(key, child.json.clone()));
                        (vec![child], json)
                    }
                    (_, wire) => (Vec::new(), wire.map_or(serde_json::Value::Null, value_of)),
                };
                // `!= null` and `not in [null, …]` are false on a null field: no note says
                // otherwise.
                let null = |v: &sift_check::TypedValue<'_>| matches!(v.scalar, Scalar::Null);
                let null_operand = match &condition.predicate {
                    Predicate::Compare(_, v) => null(v),
                    Predicate::NotIn(list) => list.iter().any(null),
                    _ => false,
                };
                let notes = if null_operand {
                    Vec::new()
                } else {
                    notes(condition.op(), self.target)
                };
                ("condition", children, notes, json)
            }
            (_, _) => ("condition", Vec::new(), Vec::new(), serde_json::Value::Null),
        };
        let span = expr.span;
        let resolved_times = if kind == "condition" {
            self.resolved
                .iter()
                .filter(|r| r.span.start >= span.start && r.span.end <= span.end)
                .map(|r| ResolvedTimeInfo {
                    span: r.span,
                    written: r.written.clone(),
                    resolved: r.resolved.clone(),
                    format: r.format.as_str(),
                    instant: r.instant.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        ExplainNode {
            kind,
            span,
            source: self.source.get(span.range()).unwrap_or("").to_owned(),
            operator: wire.map_or("", key_of),
            json,
            notes,
            resolved_times,
            children,
        }
    }

    fn children(&self, all: &[TypedExpr<'_>], items: &[Condition<'_>]) -> Vec<ExplainNode> {
        all.iter()
            .enumerate()
            .map(|(i, child)| self.node(child, items.get(i)))
            .collect()
    }
}

/// `{key: value}`.
fn object(key: &str, value: serde_json::Value) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert(key.to_owned(), value);
    serde_json::Value::Object(map)
}

/// The operator key of a wire condition.
fn key_of(condition: &Condition<'_>) -> &'static str {
    match condition {
        Condition::Field { op, .. } => op.as_str(),
        Condition::In { .. } => "in",
        Condition::Any { .. } => sift_lower::ANY_KEY,
        Condition::Not(_) => sift_lower::NOT_KEY,
        Condition::And(_) => sift_lower::AND_KEY,
        Condition::Or(_) => sift_lower::OR_KEY,
    }
}

/// A wire condition as a JSON value: the leaf of one typed condition (`between` and `not in`
/// are two levels of JSON), so this is never deep.
fn value_of(condition: &Condition<'_>) -> serde_json::Value {
    let inner = match condition {
        Condition::Field { key, value, .. } => object(key, scalar(value)),
        Condition::In { key, values } => object(
            key,
            serde_json::Value::Array(values.iter().map(scalar).collect()),
        ),
        Condition::Any { key, condition } => object(key, value_of(condition)),
        Condition::Not(inner) => value_of(inner),
        Condition::And(items) | Condition::Or(items) => {
            serde_json::Value::Array(items.iter().map(value_of).collect())
        }
    };
    object(key_of(condition), inner)
}

/// A wire scalar as a JSON value; a decimal keeps its text (`arbitrary_precision`).
fn scalar(value: &Scalar<'_>) -> serde_json::Value {
    match value {
        Scalar::Null => serde_json::Value::Null,
        Scalar::Bool(b) => serde_json::Value::Bool(*b),
        Scalar::Integer(n) => serde_json::Value::from(*n),
        Scalar::Number(n) => n
            .as_str()
            .parse::<serde_json::Number>()
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Scalar::String(s) | Scalar::Date(s) | Scalar::DateTime(s) => {
            serde_json::Value::String(s.to_string())
        }
    }
}

/// The filter of a lowered query, wherever its form puts it.
fn filter_of<'o>(output: &'o Output<'_>) -> Option<&'o Condition<'o>> {
    let params = match output {
        Output::Filter(condition) => return Some(condition),
        Output::Query(query) => return query.filter.as_ref(),
        Output::Params(params) => params,
        Output::Request(request) => &request.params,
    };
    match (&params.semantic, &params.query) {
        (Some(semantic), _) => semantic.filter.as_ref(),
        (None, Some(query)) => query.filter.as_ref(),
        (None, None) => None,
    }
}

/// The settings of a semantic query, with the server's defaults where it sets none.
fn semantic_info(query: &TypedQuery<'_>, catalog: &Catalog) -> Option<SemanticInfo> {
    let semantic = query.semantic.as_ref()?;
    let search = catalog
        .entity(&query.entity)?
        .field(&semantic.searched)?
        .semantic_search
        .as_deref()?;
    let number = |text: &str| {
        serde_json::from_str::<serde_json::Value>(text).unwrap_or(serde_json::Value::Null)
    };
    let min = semantic.min.as_ref().map(|v| match &v.scalar {
        sift_check::Scalar::Integer(n) => serde_json::Value::from(*n),
        sift_check::Scalar::Number(n) => number(n.as_str()),
        _ => serde_json::Value::Null,
    });
    Some(SemanticInfo {
        prompt: semantic.prompt.to_string(),
        field: semantic.searched.clone(),
        field_sent: semantic.field.is_some(),
        unit: search.unit_label.clone(),
        filter_names: search.filter_names().map(str::to_owned).collect(),
        min_similarity: Setting::of(min, number(sift_check::SEMANTIC_DEFAULT_MIN)),
        limit: Setting::of(
            query.limit.map(serde_json::Value::from),
            sift_check::SEMANTIC_DEFAULT_LIMIT.into(),
        ),
        dedup: Setting::of(
            semantic.dedup.map(|d| d.as_str().into()),
            sift_check::SEMANTIC_DEFAULT_DEDUP.as_str().into(),
        ),
        context_size: Setting::of(
            semantic.context_size.map(serde_json::Value::from),
            search
                .context_max_chars
                .map_or(serde_json::Value::Null, serde_json::Value::from),
        ),
    })
}

/// Compiles `source` and explains each query: the tree of its filter with each node's JSON and
/// target operator, the resolved relative times and the clock, and its warnings. Errors are
/// those [`compile`](crate::compile) reports. Each query is explained from the typed tree the
/// compile made of it, in one walk.
///
/// ```
/// use sift::schema::harvest;
/// use sift::{Options, explain};
///
/// let options = Options::default().with_now("2026-11-28T12:00:00Z".parse().unwrap());
/// let explained = explain("from time_entries where spent_date >= today() - 7d", harvest(), &options)?;
/// let node = explained[0].filter.as_ref().unwrap();
/// assert_eq!(node.operator, "gte");
/// assert_eq!(node.resolved_times[0].resolved, "2026-11-21");
/// # Ok::<(), sift::Diagnostics>(())
/// ```
pub fn explain(
    source: &str,
    catalog: &Catalog,
    options: &Options,
) -> Result<Vec<Explanation>, Diagnostics> {
    // One reading of the clock for the compile and the tree.
    let clock = options.clock();
    let options = options.clone().with_now(clock.now);
    let clock_info = ClockInfo {
        now: clock.now.to_string(),
        time_zone: clock
            .time_zone
            .iana_name()
            .map_or_else(|| format!("{:?}", clock.time_zone), str::to_owned),
        week_start: format!("{:?}", clock.week_start),
    };
    let mut explained = Vec::new();
    let diagnostics = run(source, catalog, &options, |lowered| {
        explained.push(explanation(source, catalog, &options, &clock_info, lowered));
    });
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let reports = diagnostics.to_reports(source);
    for query in &mut explained {
        let span = query.span;
        query.lints = reports
            .iter()
            .filter(|r| r.range.start >= span.start && r.range.end <= span.end)
            .cloned()
            .collect();
    }
    Ok(explained)
}

/// One query that compiled, explained (its warnings are added when every query is done).
fn explanation(
    source: &str,
    catalog: &Catalog,
    options: &Options,
    clock: &ClockInfo,
    lowered: Lowered<'_>,
) -> Explanation {
    let typed = lowered.typed;
    let builder = Builder {
        source,
        target: options.target,
        resolved: lowered.resolved,
    };
    // The filter's wire condition, lowered once for the whole query.
    let wire = sift_lower::lower(typed, options.target, options.emit).ok();
    let filter = typed.filter.as_ref().map(|expr| {
        let condition = wire.as_ref().and_then(filter_of);
        builder.node(expr, condition)
    });
    Explanation {
        span: lowered.span,
        entity: typed.entity.clone(),
        target: options.target.to_string(),
        target_note: options.target.note(),
        clock: clock.clone(),
        semantic: semantic_info(typed, catalog),
        filter,
        sort: typed
            .sort
            .iter()
            .map(|k| serde_json::json!({ k.key.as_ref(): k.direction.as_str() }))
            .collect(),
        limit: typed.limit,
        output: serde_json::from_str(&lowered.json).unwrap_or(serde_json::Value::Null),
        lints: Vec::new(),
    }
}
