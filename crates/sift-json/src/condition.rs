//! JSON conditions → sift expressions, recovering the portable operators the target lowered
//! (`like "x%"` → `startswith`, `array_contains` → `has`, …) and the sugar sift lowers
//! exactly (`{"and":[{"gte":…},{"lte":…}]}` on one field → `between`, `eq null` → `is null`).
//!
//! Nesting: every `and`/`or`/`not`/`any` entered counts one level before descending, so the
//! recursion stops at `Limits::effective_depth()`; the depth of the result is computed as the
//! sift parser computes it (a chain is one more than its deepest operand, parentheses one more
//! than their content), so whatever is accepted here re-parses within the same limit.

use std::borrow::Cow;

use sift_syntax::Span;
use sift_syntax::ast::{
    Condition, ExprId, ExprKind, List, Op, OpKind, Rhs, Tree, Value, ValueKind,
};

use crate::error::JsonError;
use crate::operators::target_operators;
use crate::parse::{JsonKind, JsonValue, Member};
use crate::pointer::Ptr;
use crate::reader::{OpInfo, Reader, Scope, unexpected};
use sift_lower::wire::FieldOp;
use sift_lower::{AND_KEY, ANY_KEY, NOT_KEY, OR_KEY, like_as_literal};

/// An expression and its sift depth.
type Node = (ExprId, usize);

impl<'c> Reader<'c> {
    /// The filter of a query: a condition where `{}` is its own error (`empty_filter`).
    pub(crate) fn top_filter<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Option<ExprId> {
        let (expr, depth) = self.condition(tree, value, pointer, scope, 0)?;
        self.check_depth(depth, value.span, pointer).then_some(expr)
    }

    fn check_depth(&mut self, depth: usize, span: Span, pointer: Ptr) -> bool {
        let limit = self.limits.effective_depth();
        if depth > limit {
            self.too_deep(span, pointer);
            return false;
        }
        true
    }

    fn too_deep(&mut self, span: Span, pointer: Ptr) {
        if self.too_deep_reported {
            return;
        }
        self.too_deep_reported = true;
        let limit = self.limits.effective_depth();
        self.push(
            JsonError::new(
                JsonError::TooDeep,
                span,
                &self.pointer(pointer),
                format!("the filter nests deeper than {limit} levels of and/or/not/any"),
            )
            .label("nesting goes past the limit here")
            .with_help("split the filter or remove redundant nesting, or raise the limit (`--max-depth`, or `limits.max_depth` in sift.toml or `Options`)"),
        );
    }

    /// Counts one AST node; false (reported once) past `Limits::max_nodes`.
    fn node(&mut self, span: Span, pointer: Ptr) -> bool {
        self.nodes += 1;
        if self.nodes <= self.limits.max_nodes {
            return true;
        }
        if !self.too_many_reported {
            self.too_many_reported = true;
            let limit = self.limits.max_nodes;
            self.push(
                JsonError::new(
                    JsonError::TooManyNodes,
                    span,
                    &self.pointer(pointer),
                    format!("the filter has more than {limit} conditions and values"),
                )
                .label("the limit is reached here")
                .with_help("split the filter, or raise the limit (`--max-nodes`, or `limits.max_nodes` in sift.toml or `Options`)"),
            );
        }
        false
    }

    /// One condition object at `pointer`; `nest` is the number of logic levels around it.
    pub(crate) fn condition<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
        nest: usize,
    ) -> Option<Node> {
        self.record(value.span, pointer);
        let member = match &value.kind {
            JsonKind::Object(members) => match members.as_slice() {
                [one] => one,
                [] => return self.no_operator(value, pointer),
                several => {
                    return self.several_operators(tree, value, several, pointer, scope, nest);
                }
            },
            _ => return self.not_a_condition(value, pointer),
        };
        self.operator_member(tree, value, member, pointer, scope, nest)
    }

    // The error paths live in their own functions, so that the frames of the recursion
    // (`condition`, `operator_member`, `not`, `logic`, `any`) stay small: 256 levels of
    // nesting must fit a 2 MiB thread stack in a debug build.

    #[cold]
    #[inline(never)]
    fn not_a_condition<'a>(&mut self, value: &JsonValue<'a>, pointer: Ptr) -> Option<Node> {
        let mut error = unexpected(
            value,
            &self.pointer(pointer),
            "a condition: an object with one operator key",
        );
        if matches!(value.kind, JsonKind::Array(_)) {
            error =
                error.with_help("to combine conditions write {\"and\": [ … ]} or {\"or\": [ … ]}");
        }
        self.push(error);
        None
    }

    #[cold]
    #[inline(never)]
    fn no_operator<'a>(&mut self, value: &JsonValue<'a>, pointer: Ptr) -> Option<Node> {
        self.push(
            JsonError::new(
                JsonError::NoOperator,
                value.span,
                &self.pointer(pointer),
                "a condition needs an operator key, found none",
            )
            .label("empty condition")
            .with_help(format!(
                "write e.g. {{\"eq\": {{\"field\": value}}}}; operators on {}: {}",
                self.target,
                target_operators(self.target).join(", ")
            ))
            .expected_found("one operator key", "an empty object")
            .alternatives(target_operators(self.target)),
        );
        None
    }

    /// The condition of one operator key `member` of the object `value`.
    fn operator_member<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
        nest: usize,
    ) -> Option<Node> {
        let here = self.key_ptr(pointer, member);
        self.record(member.key_span, here);
        if !self.node(value.span, pointer) {
            return None;
        }
        match member.key.as_ref() {
            AND_KEY | OR_KEY => self.logic(tree, value, member, here, scope, nest),
            NOT_KEY => self.not(tree, value, member, here, scope, nest),
            ANY_KEY => self.any(tree, value, member, here, scope, nest),
            "in" => {
                let (field, list) = self.in_list(member, here, scope)?;
                let rhs = Rhs::List(list);
                Some((
                    condition(tree, value.span, field, op(member, OpKind::In), rhs),
                    0,
                ))
            }
            key => self.field_condition(tree, value, member, key, here, scope),
        }
    }

    /// Several operator keys in one object mean AND (the API documents it): read as an `and`
    /// chain, with a warning whose fix writes the `and` out. A key given twice is an error:
    /// JSON readers keep only one of the two.
    fn several_operators<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        several: &[Member<'a>],
        pointer: Ptr,
        scope: Scope<'c>,
        nest: usize,
    ) -> Option<Node> {
        let keys: Vec<String> = several.iter().map(|m| m.key.to_string()).collect();
        let repeated = several
            .iter()
            .enumerate()
            .find(|(i, m)| several[..*i].iter().any(|o| o.key == m.key));
        if let Some((_, twice)) = repeated {
            let here = self.key_ptr(pointer, twice);
            self.push(
                JsonError::new(
                    JsonError::DuplicateKey,
                    twice.key_span,
                    &self.pointer(here),
                    format!("`{}` appears twice in one condition: expected each key once", twice.key),
                )
                .label("repeated key")
                .with_help(format!(
                    "JSON readers keep only one of the two; to require both write {{\"and\": [{{\"{k}\": …}}, {{\"{k}\": …}}]}}",
                    k = twice.key
                )),
            );
            return None;
        }
        if nest + 1 > self.limits.effective_depth() {
            self.too_deep(value.span, pointer);
            return None;
        }
        let text_of = |m: &Member<'_>| {
            self.source
                .get(m.key_span.lo()..m.value.span.hi())
                .unwrap_or_default()
                .to_owned()
        };
        let rewritten = format!(
            "{{\"and\": [{}]}}",
            several
                .iter()
                .map(|m| format!("{{{}}}", text_of(m)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        self.push(
            JsonError::new(
                JsonError::SeveralOperators,
                value.span,
                &self.pointer(pointer),
                format!(
                    "this condition has {} operator keys ({}), which the API reads as AND",
                    several.len(),
                    listed.join(", ")
                ),
            )
            .label("several operators in one condition")
            .with_help(format!(
                "write the AND out, one condition per key: {{\"and\": [{}]}}",
                keys.iter()
                    .map(|k| format!("{{\"{k}\": …}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .expected_found("one operator key", format!("{} keys", several.len()))
            .fix(value.span, rewritten),
        );
        let mut children = Vec::with_capacity(several.len());
        for member in several {
            let single = JsonValue {
                span: member.key_span.to(member.value.span),
                kind: JsonKind::Object(vec![member.clone()]),
            };
            children.push(self.operator_member(tree, &single, member, pointer, scope, nest + 1)?);
        }
        Some(chain(tree, value.span, &children, true))
    }

    fn logic<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
        nest: usize,
    ) -> Option<Node> {
        let is_and = member.key == AND_KEY;
        let JsonKind::Array(items) = &member.value.kind else {
            self.push(unexpected(
                &member.value,
                &self.pointer(pointer),
                &format!("a list of conditions for `{}`", member.key),
            ));
            return None;
        };
        if items.is_empty() {
            self.empty_logic(member, pointer);
            return None;
        }
        if nest + 1 > self.limits.effective_depth() {
            self.too_deep(value.span, pointer);
            return None;
        }
        let mut children = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let here = self.index_ptr(pointer, i);
            match self.condition(tree, item, here, scope, nest + 1) {
                Some(node) => children.push(node),
                None => ok = false,
            }
        }
        if items.len() == 1 {
            self.single_operand(member, pointer);
            return children.pop();
        }
        // With an operand in error the rest is still returned, so that the checker reports
        // its problems too; the document is invalid either way.
        if children.is_empty() {
            return None;
        }
        if ok
            && is_and
            && let Some(between) = as_between(tree, value.span, &children)
        {
            return Some((between, 0));
        }
        Some(chain(tree, value.span, &children, is_and))
    }

    fn not<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
        nest: usize,
    ) -> Option<Node> {
        match &member.value.kind {
            JsonKind::Object(inner) => {
                if let [in_member] = inner.as_slice()
                    && in_member.key == "in"
                {
                    return self.not_in(tree, value, member, in_member, pointer, scope);
                }
            }
            JsonKind::Array(_) => return self.not_with_list(member, pointer),
            _ => {}
        }
        if nest + 1 > self.limits.effective_depth() {
            self.too_deep(value.span, pointer);
            return None;
        }
        let (inner, depth) = self.condition(tree, &member.value, pointer, scope, nest + 1)?;
        let (inner, depth) = grouped(tree, inner, depth);
        Some((tree.not(value.span, inner), depth + 1))
    }

    /// `{"not": {"in": …}}`: `not in`.
    #[inline(never)]
    fn not_in<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        member: &Member<'a>,
        in_member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Option<Node> {
        let here = self.name_ptr(pointer, "in");
        self.record(member.value.span, pointer);
        self.record(in_member.key_span, here);
        let (field, list) = self.in_list(in_member, here, scope)?;
        let op = op(in_member, OpKind::NotIn);
        Some((condition(tree, value.span, field, op, Rhs::List(list)), 0))
    }

    #[cold]
    #[inline(never)]
    fn not_with_list<'a>(&mut self, member: &Member<'a>, pointer: Ptr) -> Option<Node> {
        self.push(
            JsonError::new(
                JsonError::NotWithList,
                member.value.span,
                &self.pointer(pointer),
                "`not` takes one condition, found a list",
            )
            .label("a list")
            .with_help("negate one condition: {\"not\": {\"eq\": …}}; to negate several, wrap them: {\"not\": {\"or\": [ … ]}}")
            .expected_found("a condition object", "a list"),
        );
        None
    }

    #[cold]
    #[inline(never)]
    fn empty_logic(&mut self, member: &Member<'_>, pointer: Ptr) {
        self.push(
            JsonError::new(
                JsonError::EmptyLogic,
                member.value.span,
                &self.pointer(pointer),
                format!(
                    "`{}` needs at least one condition, found an empty list",
                    member.key
                ),
            )
            .label("empty list")
            .with_help(format!(
                "an empty `{}` has no agreed meaning: list the conditions, or remove it",
                member.key
            ))
            .expected_found("a non-empty list of conditions", "an empty list"),
        );
    }

    #[cold]
    #[inline(never)]
    fn single_operand(&mut self, member: &Member<'_>, pointer: Ptr) {
        self.push(
            JsonError::new(
                JsonError::SingleOperand,
                member.value.span,
                &self.pointer(pointer),
                format!(
                    "`{}` with a single condition is the same as that condition",
                    member.key
                ),
            )
            .label("one condition")
            .with_help("write the condition itself; decompiling drops the wrapper"),
        );
    }

    fn any<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
        nest: usize,
    ) -> Option<Node> {
        let field_member = self.one_field(member, pointer)?;
        let here = self.key_ptr(pointer, field_member);
        let field = self.field_path(field_member, here, scope);
        let key = self.keys.len().saturating_sub(1);
        self.ops.push(OpInfo {
            span: member.key_span,
            op: Cow::Borrowed("any"),
            key,
        });
        if nest + 1 > self.limits.effective_depth() {
            self.too_deep(value.span, pointer);
            return None;
        }
        let element_scope = scope.and_then(|fields| {
            let segments: Vec<&str> = field.segments.iter().map(|s| s.text.as_ref()).collect();
            match sift_schema::resolve_path(fields, &segments).outcome {
                sift_schema::Outcome::Field(f) => f.ty.properties.as_deref(),
                _ => None,
            }
        });
        let (inner, depth) =
            self.condition(tree, &field_member.value, here, element_scope, nest + 1)?;
        let rhs = Rhs::Condition(inner);
        Some((
            condition(tree, value.span, field, op(member, OpKind::Any), rhs),
            depth + 1,
        ))
    }

    /// The one `"field": …` member of an operator's object.
    fn one_field<'v, 'a>(
        &mut self,
        member: &'v Member<'a>,
        pointer: Ptr,
    ) -> Option<&'v Member<'a>> {
        self.record(member.value.span, pointer);
        let JsonKind::Object(fields) = &member.value.kind else {
            let mut error = unexpected(
                &member.value,
                &self.pointer(pointer),
                &format!(
                    "an object with one field: {{\"{}\": {{\"field\": …}}}}",
                    member.key
                ),
            );
            if member.key == "in" {
                error = error.recode(JsonError::InNotList);
            }
            self.push(error);
            return None;
        };
        match fields.as_slice() {
            [one] => Some(one),
            [] => {
                self.push(
                    JsonError::new(
                        JsonError::NoField,
                        member.value.span,
                        &self.pointer(pointer),
                        format!("`{}` needs exactly one field, found none", member.key),
                    )
                    .label("no field")
                    .with_help(format!("write {{\"{}\": {{\"field\": …}}}}", member.key))
                    .expected_found("one field", "an empty object"),
                );
                None
            }
            several => {
                self.push(
                    JsonError::new(
                        JsonError::SeveralFields,
                        member.value.span,
                        &self.pointer(pointer),
                        format!("`{}` takes exactly one field, found {}", member.key, several.len()),
                    )
                    .label("several fields in one condition")
                    .with_help(format!(
                        "write one condition per field and combine them: {{\"and\": [{{\"{0}\": {{\"a\": …}}}}, {{\"{0}\": {{\"b\": …}}}}]}}",
                        member.key
                    ))
                    .expected_found("one field", format!("{} fields", several.len())),
                );
                None
            }
        }
    }

    /// `{"in": {"field": [v, …]}}`: the field and the list.
    fn in_list<'a>(
        &mut self,
        member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Option<(sift_syntax::ast::Path<'a>, List<'a>)> {
        let field_member = self.one_field(member, pointer)?;
        let here = self.key_ptr(pointer, field_member);
        let field = self.field_path(field_member, here, scope);
        self.ops.push(OpInfo {
            span: member.key_span,
            op: Cow::Borrowed("in"),
            key: self.keys.len().saturating_sub(1),
        });
        let JsonKind::Array(items) = &field_member.value.kind else {
            let found = field_member.value.kind.describe();
            self.push(
                JsonError::new(
                    JsonError::InNotList,
                    field_member.value.span,
                    &self.pointer(here),
                    format!("`in` expects a list of values, found {found}"),
                )
                .label("not a list")
                .with_help("write the values in a list: {\"in\": {\"field\": [v1, v2]}}; for one value use `eq`")
                .expected_found("a non-empty list of values", found),
            );
            return None;
        };
        self.record(field_member.value.span, here);
        if items.len() > self.limits.max_list_len {
            let limit = self.limits.max_list_len;
            self.push(
                JsonError::new(JsonError::ListTooLong, field_member.value.span, &self.pointer(here), format!("the list has {} values: expected at most {limit}", items.len()))
                    .label("list too long")
                    .with_help("shorten the list, or raise the limit (`--max-list-len`, or `limits.max_list_len` in sift.toml or `Options`)"),
            );
            return None;
        }
        let mut values = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let at = self.index_ptr(here, i);
            match self.scalar(item, at) {
                Some(v) => values.push(v),
                None => ok = false,
            }
        }
        ok.then_some((
            field,
            List {
                span: field_member.value.span,
                items: values,
            },
        ))
    }

    /// `{"op": {"field": value}}` for every operator with one scalar value.
    fn field_condition<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        member: &Member<'a>,
        key: &str,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Option<Node> {
        let kind = self.operator(member, key, pointer)?;
        let field_member = self.one_field(member, pointer)?;
        let here = self.key_ptr(pointer, field_member);
        let field = self.field_path(field_member, here, scope);
        self.ops.push(OpInfo {
            span: member.key_span,
            // A key the target reads is a row of the table: kept without a copy.
            op: sift_syntax::ast::OPERATOR_KEYS
                .iter()
                .find(|row| row.key == key)
                .map_or_else(|| Cow::Owned(key.to_owned()), |row| Cow::Borrowed(row.key)),
            key: self.keys.len().saturating_sub(1),
        });
        let v = self.scalar(&field_member.value, here)?;
        let (kind, v) = match (kind, &v.kind) {
            (OpKind::Eq, ValueKind::Null) => (OpKind::IsNull, None),
            (OpKind::Neq, ValueKind::Null) => (OpKind::IsNotNull, None),
            (OpKind::Like, ValueKind::String(pattern)) => match like_as_literal(pattern) {
                Some((literal_op, literal)) => {
                    let kind = match literal_op {
                        FieldOp::StartsWith => OpKind::StartsWith,
                        FieldOp::EndsWith => OpKind::EndsWith,
                        _ => OpKind::Contains,
                    };
                    let literal = Value {
                        span: v.span,
                        kind: ValueKind::String(Cow::Owned(literal.to_owned())),
                    };
                    (kind, Some(literal))
                }
                None => (OpKind::Like, Some(v)),
            },
            _ => (kind, Some(v)),
        };
        let rhs = match v {
            Some(v) => Rhs::Value(v),
            None => Rhs::Nothing,
        };
        Some((condition(tree, value.span, field, op(member, kind), rhs), 0))
    }

    /// A JSON scalar as a sift value; arrays, objects and integers beyond i64 are errors.
    pub(super) fn scalar<'a>(&mut self, value: &JsonValue<'a>, pointer: Ptr) -> Option<Value<'a>> {
        self.record(value.span, pointer);
        if !self.node(value.span, pointer) {
            return None;
        }
        let kind = match &value.kind {
            JsonKind::Null => ValueKind::Null,
            JsonKind::Bool(b) => ValueKind::Bool(*b),
            JsonKind::String(s) => ValueKind::String(s.clone()),
            JsonKind::Number("-0") => {
                self.push(
                    JsonError::new(
                        JsonError::NegativeZero,
                        value.span,
                        &self.pointer(pointer),
                        "`-0` is the integer 0: sift reads and writes it as `0`",
                    )
                    .label("read as 0")
                    .with_help("write 0; decompiling and compiling again gives 0, not -0")
                    .fix(value.span, "0"),
                );
                ValueKind::Integer(0)
            }
            JsonKind::Number(text) => number(text).or_else(|| {
                self.push(
                    JsonError::new(
                        JsonError::IntegerOutOfRange,
                        value.span,
                        &self.pointer(pointer),
                        format!("the integer {text} does not fit in 64 bits"),
                    )
                    .label("out of range")
                    .with_help("integers range from -9223372036854775808 to 9223372036854775807; no field holds larger ones")
                    .expected_found("a 64-bit integer", (*text).to_owned()),
                );
                None
            })?,
            JsonKind::Array(_) | JsonKind::Object(_) => {
                let found = value.kind.describe();
                let help = if matches!(value.kind, JsonKind::Array(_)) {
                    "to match any of several values use `in`: {\"in\": {\"field\": [v1, v2]}}"
                } else {
                    "a condition compares a field with one string, number, boolean or null"
                };
                self.push(
                    JsonError::new(
                        JsonError::ValueNotScalar,
                        value.span,
                        &self.pointer(pointer),
                        format!("expected a string, number, boolean or null, found {found}"),
                    )
                    .label("not a single value")
                    .with_help(help)
                    .expected_found("a string, number, boolean or null", found),
                );
                return None;
            }
        };
        Some(Value {
            span: value.span,
            kind,
        })
    }
}

/// A JSON number as a sift value: an integer when it is one in i64 range, a decimal (kept as
/// written) when it has a fraction or exponent; `None` for an integer out of range.
fn number(text: &str) -> Option<ValueKind<'_>> {
    if text.contains(['.', 'e', 'E']) {
        return Some(ValueKind::Decimal(Cow::Borrowed(text)));
    }
    text.parse::<i64>().ok().map(ValueKind::Integer)
}

fn op(member: &Member<'_>, kind: OpKind) -> Op {
    Op {
        span: member.key_span,
        kind,
    }
}

fn condition<'a>(
    tree: &mut Tree<'a>,
    span: Span,
    field: sift_syntax::ast::Path<'a>,
    op: Op,
    rhs: Rhs<'a>,
) -> ExprId {
    tree.condition(Condition {
        span,
        field,
        op,
        rhs,
    })
}

/// An `and` (or `or`) chain of `children` spanning `span`, one level deeper than its deepest
/// operand. A nested chain keeps its group: `(a and b) and c` stays nested when lowered.
fn chain<'a>(tree: &mut Tree<'a>, span: Span, children: &[Node], is_and: bool) -> Node {
    let mut depth = 0;
    let mut ids = Vec::with_capacity(children.len());
    for &(id, d) in children {
        let (id, d) = grouped(tree, id, d);
        depth = depth.max(d);
        ids.push(id);
    }
    let id = if is_and {
        tree.and(span, &ids)
    } else {
        tree.or(span, &ids)
    };
    (id, depth + 1)
}

/// `id` in parentheses when it is a chain (one level deeper, as the parser counts), else `id`.
fn grouped(tree: &mut Tree<'_>, id: ExprId, depth: usize) -> Node {
    if matches!(tree[id], ExprKind::And(_) | ExprKind::Or(_)) {
        (tree.paren(tree.span(id), id), depth + 1)
    } else {
        (id, depth)
    }
}

/// `{"and": [{"gte": {f: low}}, {"lte": {f: high}}]}` is exactly what `f between low and high`
/// lowers to; recovering it keeps the round trip exact and reads better. The two conditions
/// read stay in the tree, unreferenced: reading builds as it goes, and an orphan is harmless.
fn as_between<'a>(tree: &mut Tree<'a>, span: Span, children: &[Node]) -> Option<ExprId> {
    let [(low, _), (high, _)] = *children else {
        return None;
    };
    let (Some(low), Some(high)) = (tree.as_condition(low), tree.as_condition(high)) else {
        return None;
    };
    let (Rhs::Value(low_value), Rhs::Value(high_value)) = (&low.rhs, &high.rhs) else {
        return None;
    };
    let same_field = low.field.segments.len() == high.field.segments.len()
        && low
            .field
            .segments
            .iter()
            .zip(&high.field.segments)
            .all(|(a, b)| a.text == b.text);
    let not_null = |v: &Value<'_>| !matches!(v.kind, ValueKind::Null);
    if low.op.kind != OpKind::Gte
        || high.op.kind != OpKind::Lte
        || !same_field
        || !not_null(low_value)
        || !not_null(high_value)
    {
        return None;
    }
    let between = Condition {
        span,
        field: low.field.clone(),
        op: Op {
            span: low.op.span,
            kind: OpKind::Between,
        },
        rhs: Rhs::Range {
            low: Box::new(low_value.clone()),
            high: Box::new(high_value.clone()),
        },
    };
    Some(tree.condition(between))
}
