//! The wire filter as a tree the evaluator runs: read once from the request's JSON (every
//! operator of the target, the implicit AND of several keys), then matched against each record.

use std::cmp::Ordering;

use serde_json::{Map, Value};
use sift_lower::{AND_KEY, ANY_KEY, NOT_KEY, OR_KEY, Target, pointer_child};
use sift_syntax::ast::OpKind;

use crate::error::EvalError;
use crate::json::{JsonKind, JsonRef};
use crate::value::{compare, fold, is_null, json_eq, lookup, words};

/// A condition of the wire filter.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    /// A test of the value at a wire path (`client.name`).
    Field {
        path: String,
        test: Test,
    },
    /// Some element of the array at `path` satisfies the condition (paths relative to it).
    Any {
        path: String,
        condition: Box<Condition>,
    },
}

/// What a field condition tests; each variant is one wire operator (or two spellings of one).
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    Eq(Value),
    Neq(Value),
    Compare(Comparison, Value),
    In(Vec<Value>),
    /// `like`: `%` any run of characters, `_` one character; case-insensitive.
    Like(Vec<char>),
    /// `fuzzy`: every word of the query starts some word of the value, in any order.
    Fuzzy(Vec<String>),
    /// `keyword`: some word of the query is a word of the value.
    Keyword(Vec<String>),
    /// `contains` on 2026-10: case-insensitive substring of a string.
    Substring(String),
    StartsWith(String),
    EndsWith(String),
    /// `contains` on 2026-03/04, `array_contains` on 2026-10: an element of an array equals it.
    ArrayContains(Value),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    Gt,
    Gte,
    Lt,
    Lte,
}

impl Comparison {
    fn holds(self, order: Ordering) -> bool {
        match self {
            Comparison::Gt => order == Ordering::Greater,
            Comparison::Gte => order != Ordering::Less,
            Comparison::Lt => order == Ordering::Less,
            Comparison::Lte => order != Ordering::Greater,
        }
    }
}

impl Condition {
    /// Reads a wire condition for `target`. `pointer` is where it sits in the request, for
    /// errors. Nesting is bounded, so hostile JSON cannot exhaust the stack.
    pub fn from_json(value: &Value, target: Target, pointer: &str) -> Result<Condition, EvalError> {
        Reader { target }.condition(value, pointer, MAX_DEPTH)
    }

    /// True when `record` satisfies the condition.
    pub fn matches<'v, J: JsonRef<'v>>(&self, record: J) -> bool {
        match self {
            Condition::And(all) => all.iter().all(|c| c.matches(record)),
            Condition::Or(any) => any.iter().any(|c| c.matches(record)),
            Condition::Not(inner) => !inner.matches(record),
            Condition::Field { path, test } => test.holds(lookup(record, path)),
            Condition::Any { path, condition } => match lookup(record, path) {
                Some(items) if items.kind() == JsonKind::Array => {
                    items.items().any(|item| condition.matches(item))
                }
                _ => false,
            },
        }
    }
}

/// Deeper than any filter sift or a JSON reader accepts (sift's ceiling is 2 × 128 JSON levels).
const MAX_DEPTH: usize = 512;

impl Test {
    /// True when the value at the path (`None`: missing) passes the test.
    pub fn holds<'v, J: JsonRef<'v>>(&self, value: Option<J>) -> bool {
        match self {
            Test::Eq(expected) => equals(value, expected),
            Test::Neq(expected) => !equals(value, expected),
            Test::Compare(op, bound) => value
                .and_then(|v| compare(v, bound))
                .is_some_and(|order| op.holds(order)),
            Test::In(list) => list.iter().any(|expected| equals(value, expected)),
            Test::ArrayContains(expected) => match value {
                Some(items) if items.kind() == JsonKind::Array => {
                    items.items().any(|item| json_eq(item, expected))
                }
                _ => false,
            },
            _ => match value.and_then(JsonRef::text) {
                Some(text) => self.holds_text(&text),
                None => false,
            },
        }
    }

    fn holds_text(&self, text: &str) -> bool {
        match self {
            Test::Like(pattern) => like(&fold(text).chars().collect::<Vec<_>>(), pattern),
            Test::Substring(part) => fold(text).contains(part.as_str()),
            Test::StartsWith(part) => fold(text).starts_with(part.as_str()),
            Test::EndsWith(part) => fold(text).ends_with(part.as_str()),
            Test::Fuzzy(wanted) => {
                let have = words(text);
                !wanted.is_empty()
                    && wanted
                        .iter()
                        .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
            }
            Test::Keyword(wanted) => {
                let have = words(text);
                wanted.iter().any(|w| have.contains(w))
            }
            _ => false,
        }
    }
}

/// `eq` semantics: `null` matches a null or missing value; anything else needs a present value
/// of the same JSON type and value.
fn equals<'v, J: JsonRef<'v>>(value: Option<J>, expected: &Value) -> bool {
    if expected.is_null() {
        return is_null(value);
    }
    value.is_some_and(|v| json_eq(v, expected))
}

/// `like` over characters: `%` matches any run, `_` one character. The classic greedy match
/// with one backtrack point is O(len × pattern) in the worst case and never recurses.
fn like(text: &[char], pattern: &[char]) -> bool {
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('%') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '_' || c == text[t] => {
                t += 1;
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&c| c == '%')
}

struct Reader {
    target: Target,
}

impl Reader {
    fn condition(
        &self,
        value: &Value,
        pointer: &str,
        depth: usize,
    ) -> Result<Condition, EvalError> {
        let Some(depth) = depth.checked_sub(1) else {
            return Err(EvalError::invalid(pointer, "the filter nests too deeply"));
        };
        let object = value
            .as_object()
            .ok_or_else(|| EvalError::invalid(pointer, "a condition must be a JSON object"))?;
        if object.is_empty() {
            return Err(EvalError::invalid(
                pointer,
                "a condition needs an operator key (omit `filter` to match every record)",
            ));
        }
        // Several operator keys in one object are ANDed, as the 2026-10 server documents.
        let mut parts = object
            .iter()
            .map(|(key, operand)| self.operator(key, operand, &pointer_child(pointer, key), depth))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::And(parts)
        })
    }

    fn operator(
        &self,
        key: &str,
        operand: &Value,
        pointer: &str,
        depth: usize,
    ) -> Result<Condition, EvalError> {
        match key {
            AND_KEY | OR_KEY => {
                let items = operand.as_array().ok_or_else(|| {
                    EvalError::invalid(pointer, format!("`{key}` takes an array of conditions"))
                })?;
                let parts = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.condition(item, &format!("{pointer}/{i}"), depth))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if key == AND_KEY {
                    Condition::And(parts)
                } else {
                    Condition::Or(parts)
                })
            }
            NOT_KEY => Ok(Condition::Not(Box::new(
                self.condition(operand, pointer, depth)?,
            ))),
            ANY_KEY => self.each_field(operand, pointer, |path, inner, at| {
                Ok(Condition::Any {
                    path: path.to_owned(),
                    condition: Box::new(self.condition(inner, at, depth)?),
                })
            }),
            _ => {
                let make = self.field_test(key, pointer)?;
                self.each_field(operand, pointer, |path, value, at| {
                    Ok(Condition::Field {
                        path: path.to_owned(),
                        test: make(value, at)?,
                    })
                })
            }
        }
    }

    /// `{"op": {"field": v, …}}`: one condition per field, ANDed when there are several.
    fn each_field(
        &self,
        operand: &Value,
        pointer: &str,
        mut make: impl FnMut(&str, &Value, &str) -> Result<Condition, EvalError>,
    ) -> Result<Condition, EvalError> {
        let fields: &Map<String, Value> = operand
            .as_object()
            .filter(|fields| !fields.is_empty())
            .ok_or_else(|| {
            EvalError::invalid(pointer, "an operator takes an object {\"field\": value}")
        })?;
        let mut parts = fields
            .iter()
            .map(|(path, value)| make(path, value, &pointer_child(pointer, path)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::And(parts)
        })
    }

    /// The test an operator key builds from its value, or the error for a key this target
    /// lacks: the key is read through the one table (`OPERATOR_KEYS`), so the evaluator knows
    /// exactly the keys lowering writes.
    #[allow(clippy::type_complexity)]
    fn field_test(
        &self,
        key: &str,
        pointer: &str,
    ) -> Result<fn(&Value, &str) -> Result<Test, EvalError>, EvalError> {
        let target = self.target;
        let unknown = || EvalError::UnknownOperator {
            pointer: pointer.to_owned(),
            key: key.to_owned(),
            target: target.to_string(),
        };
        let op = target.operator_of_key(key).ok_or_else(unknown)?;
        Ok(match op {
            OpKind::Eq => |v, _| Ok(Test::Eq(v.clone())),
            OpKind::Neq => |v, _| Ok(Test::Neq(v.clone())),
            OpKind::Gt => |v, at| bound(Comparison::Gt, v, at),
            OpKind::Gte => |v, at| bound(Comparison::Gte, v, at),
            OpKind::Lt => |v, at| bound(Comparison::Lt, v, at),
            OpKind::Lte => |v, at| bound(Comparison::Lte, v, at),
            OpKind::In => |v, at| match v {
                Value::Array(list) => Ok(Test::In(list.clone())),
                _ => Err(EvalError::invalid(at, "`in` takes an array of values")),
            },
            OpKind::Like => |v, at| Ok(Test::Like(fold(text(v, at)?).chars().collect())),
            OpKind::Fuzzy => |v, at| Ok(Test::Fuzzy(words(text(v, at)?))),
            OpKind::Keyword => |v, at| Ok(Test::Keyword(words(text(v, at)?))),
            OpKind::Contains => |v, at| Ok(Test::Substring(fold(text(v, at)?))),
            OpKind::StartsWith => |v, at| Ok(Test::StartsWith(fold(text(v, at)?))),
            OpKind::EndsWith => |v, at| Ok(Test::EndsWith(fold(text(v, at)?))),
            OpKind::Has => member,
            // Sugar and `any`: no row of the table writes them as a field key.
            OpKind::NotIn | OpKind::IsNull | OpKind::IsNotNull | OpKind::Between | OpKind::Any => {
                return Err(unknown());
            }
        })
    }
}

fn member(value: &Value, at: &str) -> Result<Test, EvalError> {
    match value {
        Value::Array(_) | Value::Object(_) => Err(EvalError::invalid(
            at,
            "array membership takes one scalar value",
        )),
        _ => Ok(Test::ArrayContains(value.clone())),
    }
}

fn text<'v>(value: &'v Value, at: &str) -> Result<&'v str, EvalError> {
    value
        .as_str()
        .ok_or_else(|| EvalError::invalid(at, "this operator takes a string"))
}

fn bound(op: Comparison, value: &Value, at: &str) -> Result<Test, EvalError> {
    match value {
        Value::Number(_) | Value::String(_) => Ok(Test::Compare(op, value.clone())),
        _ => Err(EvalError::invalid(
            at,
            "a comparison takes a number or a string (dates are strings)",
        )),
    }
}
