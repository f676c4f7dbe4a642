//! The `similar to` clause (semantic search): a non-empty string prompt, an optional string
//! field, a least similarity in [-1, 1], at most 100 results and no sort.

use std::borrow::Cow;

use sift_schema::Kind;
use sift_syntax::ast::{Query, Semantic, ValueKind};
use sift_syntax::{Fix, Span};

use crate::checker::Checker;
use crate::decimal::Decimal;
use crate::error::CheckError;
use crate::paths::{PathUse, Scope, path_key};
use crate::typed::{TypedSemantic, TypedValue};

/// The most results semantic search returns (the API's bound).
pub const SEMANTIC_MAX_LIMIT: u64 = 100;

/// Which rule of the clause a finding is about.
#[derive(Clone, Copy)]
enum Rule {
    Prompt,
    Field,
    Min,
}

impl Checker {
    fn semantic_error(
        &mut self,
        rule: Rule,
        problem: String,
        span: Span,
        label: &str,
        help: String,
    ) {
        let (label, fix) = (label.to_owned(), None);
        self.push(match rule {
            Rule::Prompt => CheckError::SemanticPrompt {
                problem,
                span,
                label,
                help,
                fix,
            },
            Rule::Field => CheckError::SemanticField {
                problem,
                span,
                label,
                help,
                fix,
            },
            Rule::Min => CheckError::SemanticMin {
                problem,
                span,
                label,
                help,
                fix,
            },
        });
    }

    /// Checks the `similar to` clause of `query` in `scope`; `None` on an error.
    pub(crate) fn check_semantic<'a>(
        &mut self,
        query: &'a Query<'a>,
        scope: &Scope<'_>,
    ) -> Option<Option<TypedSemantic<'a>>> {
        let Some(semantic) = &query.semantic else {
            return Some(None);
        };
        let before = self.errors;
        let prompt = self.semantic_prompt(semantic);
        let field = semantic.field.as_ref().and_then(|path| {
            let resolved = self.resolve(path, scope, PathUse::Compared)?;
            if let Some(ty) = resolved.ty
                && !(ty.has(Kind::String) && ty.kinds.iter().all(|k| *k == Kind::String))
            {
                self.semantic_error(
                    Rule::Field,
                    format!("needs a string field, found `{}` of type `{ty}`", path_key(path)),
                    path.span,
                    "not a string field",
                    String::from(
                        "`in` names the text field to compare with the prompt; leave it out to compare with the whole record",
                    ),
                );
            }
            Some(path_key(path))
        });
        let min = semantic.min.as_ref().and_then(|min| {
            let text = match &min.kind {
                ValueKind::Integer(n) => n.to_string(),
                ValueKind::Decimal(d) => d.to_string(),
                _ => String::new(),
            };
            let in_range = Decimal::parse(&text)
                .is_some_and(|d| d >= Decimal::from_i64(-1) && d <= Decimal::from_i64(1));
            if !in_range {
                self.semantic_error(
                    Rule::Min,
                    String::from("needs `min` between -1 and 1"),
                    min.span,
                    "not a similarity",
                    String::from(
                        "`min` is the least cosine similarity a record must reach, a number from -1 to 1 (the API's default is 0.25), as in `min 0.3`",
                    ),
                );
            }
            // In range, so a JSON number: the text is valid.
            in_range.then(|| TypedValue::of(min)).flatten()
        });
        if let Some(limit) = &query.limit
            && limit.value > SEMANTIC_MAX_LIMIT
        {
            self.push(CheckError::SemanticLimit {
                problem: format!("returns at most {SEMANTIC_MAX_LIMIT} records, found `limit {}`", limit.value),
                span: limit.span,
                label: String::from("too many for semantic search"),
                help: format!(
                    "semantic search ranks records by similarity and returns the best {SEMANTIC_MAX_LIMIT} at most (10 by default): write `limit {SEMANTIC_MAX_LIMIT}` or less"
                ),
                fix: Some(Fix {
                    span: limit.span,
                    replacement: format!("limit {SEMANTIC_MAX_LIMIT}"),
                }),
            });
        }
        if let Some(sort) = &query.sort {
            self.push(CheckError::SemanticSort {
                problem: String::from("cannot be sorted"),
                span: sort.span,
                label: String::from("no sort with `similar to`"),
                help: String::from(
                    "semantic search returns records by similarity, best first; remove the `sort` clause, or drop `similar to` to sort",
                ),
                fix: None,
            });
        }
        (self.errors == before).then(|| {
            Some(TypedSemantic {
                span: semantic.span,
                prompt: prompt.unwrap_or(Cow::Borrowed("")),
                field,
                min,
            })
        })
    }

    fn semantic_prompt<'a>(&mut self, semantic: &'a Semantic<'a>) -> Option<Cow<'a, str>> {
        match &semantic.prompt.kind {
            ValueKind::String(text) if !text.trim().is_empty() => Some(text.clone()),
            ValueKind::String(_) => {
                self.semantic_error(
                    Rule::Prompt,
                    String::from("needs a prompt, found an empty string"),
                    semantic.prompt.span,
                    "empty prompt",
                    String::from(
                        "write what the records should be about, as in `similar to \"unhappy about billing\"`",
                    ),
                );
                None
            }
            _ => {
                self.semantic_error(
                    Rule::Prompt,
                    String::from("needs a string prompt"),
                    semantic.prompt.span,
                    "not a string",
                    String::from(
                        "the prompt is text in quotes, as in `similar to \"unhappy about billing\"`",
                    ),
                );
                None
            }
        }
    }
}
