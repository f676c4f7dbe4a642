//! `params.semantic` read back into a `similar to` clause, and the `query` that params without
//! semantic search must carry.

use sift_syntax::Span;
use sift_syntax::ast::{Expr, Semantic};

use crate::error::{JsonError, child};
use crate::parse::{JsonKind, JsonValue, Member};
use crate::reader::{Reader, Scope, key_path, unexpected};

const SEMANTIC_KEYS: [&str; 6] = [
    "prompt",
    "field",
    "filter",
    "min_similarity",
    "context_size",
    "dedup",
];

impl<'c> Reader<'c> {
    /// `params` with neither `query` nor `semantic`: the API requires `query`.
    pub(super) fn missing_query(&mut self, params: &JsonValue<'_>, pointer: &str) {
        let JsonKind::Object(members) = &params.kind else {
            return;
        };
        let insert = if members.is_empty() {
            "\"query\": {}"
        } else {
            "\"query\": {}, "
        };
        let at = params.span.lo() + 1;
        self.push(
            JsonError::new(
                JsonError::MissingQuery,
                Span::new(params.span.lo(), at),
                pointer,
                "`params` has no `query`: the API requires it, as `{}` when there is nothing to filter or sort",
            )
            .label("no `query` in these params")
            .with_help("add \"query\": {} (sift always sends it)")
            .fix(Span::new(at, at), insert),
        );
    }

    /// `{"prompt": …, "field"?: …, "filter"?: …, "min_similarity"?: …}` as a `similar to`
    /// clause and the filter inside it.
    pub(super) fn semantic<'a>(
        &mut self,
        value: &JsonValue<'a>,
        pointer: &str,
        scope: Scope<'c>,
    ) -> (Option<Semantic<'a>>, Option<Expr<'a>>) {
        let JsonKind::Object(members) = &value.kind else {
            self.push(unexpected(
                value,
                pointer,
                "the semantic search object `{\"prompt\": …}`",
            ));
            return (None, None);
        };
        let found = self.members(members, pointer, &SEMANTIC_KEYS, "`semantic`", &|_| None);
        let mut prompt = None;
        let mut field = None;
        let mut filter = None;
        let mut min = None;
        for (name, member) in found {
            let here = child(pointer, name);
            match name {
                "prompt" => prompt = self.scalar(&member.value, &here),
                "field" => match &member.value.kind {
                    JsonKind::String(text) => {
                        self.record(member.value.span, &here);
                        field = Some(key_path(&text.clone(), member.value.span, false));
                    }
                    _ => self.push(unexpected(&member.value, &here, "a field name, a string")),
                },
                "filter" => filter = self.top_filter(&member.value, &here, scope),
                "min_similarity" => match &member.value.kind {
                    JsonKind::Number(_) => min = self.scalar(&member.value, &here),
                    _ => self.push(unexpected(&member.value, &here, "a number from -1 to 1")),
                },
                _ => self.no_sift_form(member, &here),
            }
        }
        if prompt.is_none() && !members.iter().any(|m| m.key == "prompt") {
            self.push(
                JsonError::new(
                    JsonError::MissingKey,
                    Span::new(value.span.lo(), value.span.lo() + 1),
                    pointer,
                    "missing `prompt`: expected the text to search for",
                )
                .label("no `prompt` in this object")
                .with_help("add \"prompt\": \"what the records are about\""),
            );
        }
        let semantic = prompt.map(|prompt| Semantic {
            span: value.span,
            prompt,
            field,
            min,
        });
        (semantic, filter)
    }

    /// `query` beside `semantic`: the API ignores it, and so does the reader.
    pub(super) fn ignored_query(&mut self, member: &Member<'_>, pointer: &str) {
        self.push(
            JsonError::new(
                JsonError::IgnoredQuery,
                member.key_span.to(member.value.span),
                pointer,
                "`query` beside `semantic` is ignored: semantic search takes its filter from `semantic.filter` and has no sort",
            )
            .label("ignored by the API")
            .with_help("move the filter into `semantic.filter` and remove `query`"),
        );
    }

    /// `context_size` and `dedup` tune the answer, which a sift query does not describe.
    fn no_sift_form(&mut self, member: &Member<'_>, pointer: &str) {
        self.not_decompilable.push(
            JsonError::new(
                JsonError::NotDecompilable,
                member.key_span.to(member.value.span),
                pointer,
                format!(
                    "`{}` has no sift form: `similar to` sets the prompt, the field and `min`",
                    member.key
                ),
            )
            .label("no sift form")
            .with_help(format!(
                "remove `{}` to decompile; the API's default applies then",
                member.key
            )),
        );
    }
}
