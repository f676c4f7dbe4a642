//! `params.semantic` read back into a `similar to` clause, and the `query` that params without
//! semantic search must carry. Names in `semantic.filter` are looked up among the columns of
//! the searched field's units (the field `field` names, else the entity's only configured
//! one), as the checker checks them.

use sift_syntax::Span;
use sift_syntax::ast::{Dedup, DedupMode, ExprId, Semantic, Tree};

use crate::error::JsonError;
use crate::keys::key_path;
use crate::parse::{JsonKind, JsonValue, Member, quote};
use crate::pointer::Ptr;
use crate::reader::{Reader, Scope, unexpected};

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
    pub(super) fn missing_query(&mut self, params: &JsonValue<'_>, pointer: Ptr) {
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
                &self.pointer(pointer),
                "`params` has no `query`: the API requires it, as `{}` when there is nothing to filter or sort",
            )
            .label("no `query` in these params")
            .with_help("add \"query\": {} (sift always sends it)")
            .fix(Span::new(at, at), insert),
        );
    }

    /// `{"prompt": …, "field"?: …, "filter"?: …, "min_similarity"?: …, "context_size"?: …,
    /// "dedup"?: …}` as a `similar to` clause and the filter inside it.
    pub(super) fn semantic<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> (Option<Semantic<'a>>, Option<ExprId>) {
        let Some(members) = self.object_members(
            value,
            pointer,
            "the semantic search object `{\"prompt\": …}`",
        ) else {
            return (None, None);
        };
        let found = self.members(members, pointer, &SEMANTIC_KEYS, "`semantic`", &|_| None);
        let filter_scope = filter_scope(scope, &found);
        let mut prompt = None;
        let mut field = None;
        let mut filter = None;
        let mut min = None;
        let mut context_size = None;
        let mut dedup = None;
        for (name, member) in found {
            let here = self.name_ptr(pointer, name);
            match name {
                "prompt" => prompt = self.scalar(&member.value, here),
                "field" => match &member.value.kind {
                    JsonKind::String(text) => {
                        self.record(member.value.span, here);
                        field = Some(key_path(&text.clone(), member.value.span, false));
                    }
                    _ => self.push(unexpected(
                        &member.value,
                        &self.pointer(here),
                        "a field name, a string",
                    )),
                },
                "filter" => filter = self.top_filter(tree, &member.value, here, filter_scope),
                "min_similarity" => match &member.value.kind {
                    JsonKind::Number(_) => min = self.scalar(&member.value, here),
                    _ => self.push(unexpected(
                        &member.value,
                        &self.pointer(here),
                        "a number from -1 to 1",
                    )),
                },
                "context_size" => match &member.value.kind {
                    JsonKind::Number(_) => context_size = self.scalar(&member.value, here),
                    _ => self.push(unexpected(
                        &member.value,
                        &self.pointer(here),
                        "a whole number of characters, 1 or more",
                    )),
                },
                _ => dedup = self.dedup(&member.value, here),
            }
        }
        if prompt.is_none() && !members.iter().any(|m| m.key == "prompt") {
            self.push(
                JsonError::new(
                    JsonError::MissingKey,
                    Span::new(value.span.lo(), value.span.lo() + 1),
                    &self.pointer(pointer),
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
            context_size,
            dedup,
        });
        (semantic, filter)
    }

    /// `query` beside `semantic`: the API ignores it, and so does the reader.
    pub(super) fn ignored_query(&mut self, member: &Member<'_>, pointer: Ptr) {
        self.push(
            JsonError::new(
                JsonError::IgnoredQuery,
                member.key_span.to(member.value.span),
                &self.pointer(pointer),
                "`query` beside `semantic` is ignored: semantic search takes its filter from `semantic.filter` and has no sort",
            )
            .label("ignored by the API")
            .with_help("move the filter into `semantic.filter` and remove `query`"),
        );
    }

    /// `"max"` or `"none"`.
    fn dedup(&mut self, value: &JsonValue<'_>, pointer: Ptr) -> Option<Dedup> {
        let modes = DedupMode::ALL.map(|m| quote(m.as_str()));
        let mode = match &value.kind {
            JsonKind::String(text) => {
                let mode = DedupMode::ALL.into_iter().find(|m| m.as_str() == text);
                if mode.is_none() {
                    self.push(
                        JsonError::new(
                            JsonError::BadDedup,
                            value.span,
                            &self.pointer(pointer),
                            format!(
                                "unknown `dedup` {}: expected {}",
                                quote(text),
                                modes.join(" or ")
                            ),
                        )
                        .label("not a dedup mode")
                        .with_help(
                            "\"max\" keeps each record's best unit (the API's default), \"none\" every matching unit",
                        )
                        .expected_found(modes.join(" or "), quote(text))
                        .alternatives(DedupMode::ALL.map(DedupMode::as_str)),
                    );
                }
                mode
            }
            _ => {
                self.push(unexpected(
                    value,
                    &self.pointer(pointer),
                    &modes.join(" or "),
                ));
                None
            }
        };
        self.record(value.span, pointer);
        mode.map(|mode| Dedup {
            span: value.span,
            mode,
        })
    }
}

/// Where the names of `semantic.filter` are looked up: the columns of the units of the field
/// `field` names (a configured one), else of the entity's only configured field; `None` when
/// that is not known (the checker reports why).
fn filter_scope<'c>(scope: Scope<'c>, found: &[(&'static str, &Member<'_>)]) -> Scope<'c> {
    let mut configured = scope?.iter().filter(|f| f.semantic_search.is_some());
    let named = found.iter().find(|(name, _)| *name == "field");
    let field = match named.map(|(_, member)| &member.value.kind) {
        Some(JsonKind::String(name)) => configured.find(|f| f.name == name.as_ref())?,
        Some(_) => return None,
        None => {
            let only = configured.next()?;
            if configured.next().is_some() {
                return None;
            }
            only
        }
    };
    field
        .semantic_search
        .as_deref()
        .map(|search| search.filter_fields.as_slice())
}
