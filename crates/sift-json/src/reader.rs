//! JSON document → sift AST, one form at a time: the request envelope, `params`, `query` and
//! their clauses (`limit`, `sort` and `fields` are in `clauses.rs`, conditions in
//! `condition.rs`). Every node of the AST gets the span of the JSON it came from, so the
//! checker's diagnostics point into the JSON text; every span read is recorded with its JSON
//! pointer (a [`Ptr`] handle, written out only for a finding), so those diagnostics get a
//! pointer too.

use std::borrow::Cow;
use std::collections::HashSet;

use sift_schema::{Catalog, Field};
use sift_syntax::Limits;
use sift_syntax::Span;
use sift_syntax::ast::{Name, Path, Query, Tree};

use crate::error::{Code, JsonError, one_of};
use crate::keys::key_path;
use crate::located::{Innermost, Located};
use crate::parse::{JsonKind, JsonValue, Member, ParseFailure, parse_json, quote};
use crate::pointer::{Pointers, Ptr};
use sift_lower::Target;

use crate::JsonForm;

/// Where names are looked up: the declared fields of the entity or of an array's elements;
/// `None` when unknown (no entity, or an element without declared properties).
pub(crate) type Scope<'c> = Option<&'c [Field]>;

/// A field key read from the JSON, kept to explain the checker's findings about it.
#[derive(Debug)]
pub(crate) struct KeyInfo<'c> {
    pub(crate) span: Span,
    /// The path's names: written out only for a key with escapes or a `fields` entry; a plain
    /// object key's are read again from the JSON text when a finding needs them.
    pub(crate) segments: Option<Vec<String>>,
    pub(crate) scope: Scope<'c>,
    /// An object key (`"a.b": …`), not an entry of `fields` (a key list).
    pub(crate) member: bool,
}

/// A condition's operator as written, for messages in the JSON's own terms.
#[derive(Debug)]
pub(crate) struct OpInfo {
    pub(crate) span: Span,
    pub(crate) op: Cow<'static, str>,
    /// Index into `Reader::keys` of the condition's field.
    pub(crate) key: usize,
}

/// The reader's state: diagnostics so far and the side tables that locate them.
#[derive(Debug)]
pub(crate) struct Reader<'c> {
    pub(crate) target: Target,
    pub(crate) limits: Limits,
    pub(crate) catalog: &'c Catalog,
    pub(crate) errors: Vec<JsonError>,
    /// Findings that do not make the JSON invalid but have no sift form (decompile refuses).
    pub(crate) not_decompilable: Vec<JsonError>,
    /// Every span read, with its pointer; the smallest span containing a finding locates it.
    spans: Vec<(Span, Ptr)>,
    /// The pointers handed out, written as text only when a finding needs one.
    pointers: Pointers,
    pub(crate) keys: Vec<KeyInfo<'c>>,
    pub(crate) ops: Vec<OpInfo>,
    pub(crate) nodes: usize,
    pub(crate) too_deep_reported: bool,
    pub(crate) too_many_reported: bool,
    /// The JSON text being read, for fixes that move members around.
    pub(crate) source: String,
    /// The side tables indexed, once reading is done (built at the first lookup).
    located: std::cell::OnceCell<Located>,
}

/// What the reader made of a document.
#[derive(Debug)]
pub(crate) struct Reading<'a> {
    pub(crate) form: Option<JsonForm>,
    /// The query to check (`from` set only for a request, which names its entity).
    pub(crate) query: Option<Query<'a>>,
}

use sift_lower::wire::{PARAMS_KEYS, QUERY_KEYS, REQUEST_KEYS};

impl<'c> Reader<'c> {
    pub(crate) fn new(catalog: &'c Catalog, target: Target, limits: Limits) -> Self {
        Reader {
            target,
            limits,
            catalog,
            errors: Vec::new(),
            not_decompilable: Vec::new(),
            spans: Vec::new(),
            pointers: Pointers::default(),
            keys: Vec::new(),
            ops: Vec::new(),
            nodes: 0,
            too_deep_reported: false,
            too_many_reported: false,
            source: String::new(),
            located: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn push(&mut self, error: JsonError) {
        self.errors.push(error);
    }

    pub(crate) fn record(&mut self, span: Span, pointer: Ptr) {
        self.spans.push((span, pointer));
    }

    /// The RFC 6901 text of `pointer`, for a finding.
    pub(crate) fn pointer(&self, pointer: Ptr) -> String {
        self.pointers.text(pointer, &self.source)
    }

    /// `parent` then the key of `member`.
    pub(crate) fn key_ptr(&mut self, parent: Ptr, member: &Member<'_>) -> Ptr {
        self.pointers.key(parent, member)
    }

    /// `parent` then a key the reader knows by name.
    pub(crate) fn name_ptr(&mut self, parent: Ptr, name: &'static str) -> Ptr {
        self.pointers.name(parent, name)
    }

    /// `parent` then an array index.
    pub(crate) fn index_ptr(&mut self, parent: Ptr, index: usize) -> Ptr {
        self.pointers.index(parent, index)
    }

    /// The side tables, indexed: each lookup then costs a binary search and a walk as long as
    /// the nesting is deep, so explaining every finding stays linear in the document.
    fn located(&self) -> &Located {
        self.located.get_or_init(|| Located {
            spans: Innermost::new(self.spans.iter().map(|(span, _)| *span)),
            keys: Innermost::new(self.keys.iter().map(|key| key.span)),
            ops: self
                .ops
                .iter()
                .enumerate()
                .rev()
                .map(|(i, op)| (op.span, i))
                .collect(),
        })
    }

    /// The pointer of the smallest recorded span containing `span` (the root when none does).
    pub(crate) fn pointer_of(&self, span: Span) -> String {
        self.located()
            .spans
            .find(span)
            .and_then(|i| self.spans.get(i))
            .map(|&(_, pointer)| self.pointer(pointer))
            .unwrap_or_default()
    }

    /// The smallest key containing `span`.
    /// The names of the path a key read names (see [`KeyInfo::segments`]).
    pub(crate) fn key_segments(&self, key: &KeyInfo<'c>) -> Vec<String> {
        if let Some(segments) = &key.segments {
            return segments.clone();
        }
        let text = self
            .source
            .get(key.span.lo() + 1..key.span.hi().saturating_sub(1))
            .unwrap_or("");
        key_path(&Cow::Borrowed(text), key.span, true)
            .segments
            .iter()
            .map(|s| s.text.to_string())
            .collect()
    }

    pub(crate) fn key_at(&self, span: Span) -> Option<&KeyInfo<'c>> {
        self.located()
            .keys
            .find(span)
            .and_then(|i| self.keys.get(i))
    }

    /// The first operator recorded at exactly `span`.
    pub(crate) fn op_at(&self, span: Span) -> Option<&OpInfo> {
        self.located().ops.get(&span).and_then(|&i| self.ops.get(i))
    }

    /// Reads `text` in the given or detected form. `entity` is the entity of the forms that do
    /// not name one.
    pub(crate) fn read<'a>(
        &mut self,
        text: &'a str,
        entity: Option<&str>,
        form: Option<JsonForm>,
    ) -> (Reading<'a>, Option<JsonValue<'a>>) {
        let nothing = Reading { form, query: None };
        text.clone_into(&mut self.source);
        // About one span and one pointer per 8 bytes of a filter: one allocation each for a
        // small document rather than a doubling series (bounded, as a guess may be wrong).
        let estimate = (text.len() / 8).min(4096);
        self.spans.reserve(estimate);
        self.pointers.reserve(estimate);
        if text.len() > self.limits.effective_input_bytes() {
            self.push(
                JsonError::new(
                    JsonError::TooLarge,
                    Span::new(0, 0),
                    "",
                    format!(
                        "the document is {} bytes: expected at most {} bytes",
                        text.len(),
                        self.limits.effective_input_bytes()
                    ),
                )
                .label("input too large")
                .with_help("raise the limit (`--max-input-bytes`, or `limits.max_input_bytes` in sift.toml or `Options`)"),
            );
            return (nothing, None);
        }
        // Each level of sift nesting is at most two levels of JSON (`any`: object, field
        // object); the envelope and an `in` list at the bottom add seven. The rest of the
        // depth check happens in sift terms, while reading conditions.
        let max_json_depth = 2 * self.limits.effective_depth() + 16;
        let root = match parse_json(text, max_json_depth) {
            Ok(root) => root,
            Err(failure) => {
                self.push(parse_failure(failure));
                return (nothing, None);
            }
        };
        self.record(root.span, Ptr::ROOT);
        let JsonKind::Object(members) = &root.kind else {
            self.push(unexpected(
                &root,
                "",
                "a JSON object (a filter, query, params or request)",
            ));
            return (nothing, None);
        };
        let form = form.unwrap_or_else(|| detect_form(members));
        // The one tree of the query: every filter read below builds its expressions into it.
        let mut tree = Tree::default();
        let mut query = match form {
            JsonForm::Filter => {
                let mut query = empty_query(root.span);
                query.filter =
                    self.top_filter(&mut tree, &root, Ptr::ROOT, scope_of(self.catalog, entity));
                query
            }
            JsonForm::Query => {
                self.query_object(&mut tree, &root, Ptr::ROOT, scope_of(self.catalog, entity))
            }
            JsonForm::Params => {
                self.params(&mut tree, &root, Ptr::ROOT, scope_of(self.catalog, entity))
            }
            JsonForm::Request => self.request(&mut tree, &root),
        };
        query.tree = tree;
        let reading = Reading {
            form: Some(form),
            query: Some(query),
        };
        (reading, Some(root))
    }

    /// The members of an object by name. Reports duplicates, misplaced keys (with where they
    /// belong) and unknown keys (with the nearest allowed one).
    pub(super) fn members<'v, 'a>(
        &mut self,
        members: &'v [Member<'a>],
        pointer: Ptr,
        allowed: &[&'static str],
        what: &str,
        misplaced: &dyn Fn(&str) -> Option<(Code, String)>,
    ) -> Vec<(&'static str, &'v Member<'a>)> {
        let mut found: Vec<(&'static str, &'v Member<'a>)> = Vec::new();
        let mut seen = HashSet::new();
        for member in members {
            let here = self.key_ptr(pointer, member);
            self.record(member.key_span.to(member.value.span), here);
            let Some(&name) = allowed.iter().find(|a| **a == member.key) else {
                if let Some((code, help)) = misplaced(&member.key) {
                    self.push(
                        JsonError::new(
                            code,
                            member.key_span,
                            &self.pointer(here),
                            format!("`{}` does not belong in {what}", member.key),
                        )
                        .label("misplaced")
                        .with_help(help)
                        .expected_found(one_of(&strings(allowed)), quote(&member.key))
                        .alternatives(allowed.iter().copied()),
                    );
                    continue;
                }
                let suggestions = sift_check::suggest(&member.key, allowed.iter().copied());
                let mut error = JsonError::new(
                    JsonError::UnknownKey,
                    member.key_span,
                    &self.pointer(here),
                    format!(
                        "unknown key {} in {what}: expected {}",
                        quote(&member.key),
                        one_of(&strings(allowed))
                    ),
                )
                .label("unknown key")
                .expected_found(one_of(&strings(allowed)), quote(&member.key))
                .alternatives(allowed.iter().copied());
                error = match suggestions.as_slice() {
                    [best] => error
                        .with_help(format!("did you mean `{best}`?"))
                        .fix(member.key_span, quote(best)),
                    _ => error.with_help(format!("{what} may hold {}", one_of(&strings(allowed)))),
                };
                self.push(error);
                continue;
            };
            if !seen.insert(name) {
                self.push(
                    JsonError::new(
                        JsonError::DuplicateKey,
                        member.key_span,
                        &self.pointer(here),
                        format!("`{name}` appears twice in {what}: expected each key once"),
                    )
                    .label("repeated key")
                    .with_help("JSON readers keep only one of the two; remove the repetition"),
                );
                continue;
            }
            found.push((name, member));
        }
        found
    }

    fn request<'a>(&mut self, tree: &mut Tree<'a>, root: &JsonValue<'a>) -> Query<'a> {
        let JsonKind::Object(members) = &root.kind else {
            return empty_query(root.span);
        };
        let found = self.members(members, Ptr::ROOT, &REQUEST_KEYS, "a request", &|key| {
            (PARAMS_KEYS.contains(&key) || QUERY_KEYS.contains(&key)).then(|| {
                (
                    JsonError::MisplacedKey as Code,
                    format!("`{key}` belongs inside `params`: {{\"entity\": …, \"action\": …, \"params\": {{\"{key}\": …}}}}"),
                )
            })
        });
        let get = |name: &str| found.iter().find(|(n, _)| *n == name).map(|(_, m)| *m);
        let mut from = None;
        match get("entity") {
            Some(member) => match &member.value.kind {
                JsonKind::String(name) => {
                    from = Some(Name {
                        span: member.value.span,
                        text: name.clone(),
                        quoted: false,
                    });
                }
                _ => self.push(unexpected(
                    &member.value,
                    "/entity",
                    "the entity's name, a string",
                )),
            },
            None => self.missing(
                root.span,
                "",
                "entity",
                "the entity to search, e.g. \"users\"",
            ),
        }
        match get("action") {
            Some(member) => self.action(&member.value),
            None => self.missing(
                root.span,
                "",
                "action",
                &format!(
                    "the action, \"{}\" on target {}",
                    self.target.action(),
                    self.target
                ),
            ),
        }
        let scope = from
            .as_ref()
            .and_then(|name| self.catalog.entity(&name.text))
            .map(|e| e.fields.as_slice());
        let mut query = match get("params") {
            Some(member) => {
                let here = self.name_ptr(Ptr::ROOT, "params");
                self.params(tree, &member.value, here, scope)
            }
            None => {
                self.missing(
                    root.span,
                    "",
                    "params",
                    "the search parameters, an object (`{\"query\": {}}` for none)",
                );
                empty_query(root.span)
            }
        };
        query.from = from;
        query.span = root.span;
        query
    }

    fn missing(&mut self, span: Span, pointer: &str, key: &str, what: &str) {
        self.push(
            JsonError::new(
                JsonError::MissingKey,
                Span::new(span.lo(), span.lo() + 1),
                pointer,
                format!("missing `{key}`: expected {what}"),
            )
            .label(format!("no `{key}` in this object"))
            .with_help(format!("add \"{key}\": {what}"))
            .expected_found(what.to_owned(), "nothing"),
        );
    }

    fn action(&mut self, value: &JsonValue<'_>) {
        let expected = self.target.action();
        let JsonKind::String(action) = &value.kind else {
            self.push(unexpected(
                value,
                "/action",
                &format!("the action \"{expected}\""),
            ));
            return;
        };
        if action == expected {
            return;
        }
        let elsewhere: Vec<&str> = Target::ALL
            .iter()
            .filter(|t| t.action() == action)
            .map(|t| t.as_str())
            .collect();
        let help = if elsewhere.is_empty() {
            format!(
                "the search action of target {} is \"{expected}\"",
                self.target
            )
        } else {
            format!(
                "\"{action}\" is the action of target {}: choose that target (--target {}) or write \"{expected}\"",
                elsewhere.join(", "),
                elsewhere.last().copied().unwrap_or_default()
            )
        };
        self.push(
            JsonError::new(
                JsonError::UnknownAction,
                value.span,
                "/action",
                format!(
                    "wrong action for target {}: expected \"{expected}\", found {}",
                    self.target,
                    quote(action)
                ),
            )
            .label("not the search action of this target")
            .with_help(help)
            .expected_found(quote(expected), quote(action))
            .alternatives([expected])
            .fix(value.span, quote(expected)),
        );
    }

    fn params<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Query<'a> {
        let Some(members) = self.object_members(value, pointer, "the params object") else {
            return empty_query(value.span);
        };
        let found = self.members(members, pointer, &PARAMS_KEYS, "`params`", &|key| {
            QUERY_KEYS.contains(&key).then(|| {
                (
                    JsonError::MisplacedKey as Code,
                    format!("`{key}` belongs inside `query`: {{\"query\": {{\"{key}\": …}}}}"),
                )
            })
        });
        let mut query = empty_query(value.span);
        if !found
            .iter()
            .any(|(n, _)| matches!(*n, "query" | "semantic"))
        {
            self.missing_query(value, pointer);
        }
        let semantic = found.iter().any(|(n, _)| *n == "semantic");
        for (name, member) in found {
            let here = self.name_ptr(pointer, name);
            match name {
                "query" if semantic => self.ignored_query(member, here),
                "query" => {
                    let inner = self.query_object(tree, &member.value, here, scope);
                    query.filter = inner.filter;
                    query.sort = inner.sort;
                }
                "semantic" => {
                    let (semantic, filter) = self.semantic(tree, &member.value, here, scope);
                    query.semantic = semantic;
                    if filter.is_some() {
                        query.filter = filter;
                    }
                }
                "limit" => query.limit = self.limit(&member.value, here),
                "fields" => query.fields = self.fields(&member.value, here, scope),
                _ => self.cursor(member, here),
            }
        }
        query
    }

    fn cursor(&mut self, member: &Member<'_>, pointer: Ptr) {
        if !matches!(member.value.kind, JsonKind::String(_) | JsonKind::Null) {
            self.push(unexpected(
                &member.value,
                &self.pointer(pointer),
                "a cursor string from a previous response",
            ));
            return;
        }
        let pointer = self.pointer(pointer);
        self.not_decompilable.push(
            JsonError::new(
                JsonError::NotDecompilable,
                member.key_span.to(member.value.span),
                &pointer,
                "`cursor` has no sift form: a sift query describes the search, not a position in its pages",
            )
            .label("paging state")
            .with_help("remove `cursor` to decompile; send it alongside the compiled params when paging"),
        );
    }

    /// The `query` object: the whole document (the `query` form) or the `query` of `params`.
    fn query_object<'a>(
        &mut self,
        tree: &mut Tree<'a>,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Query<'a> {
        let mut query = empty_query(value.span);
        let Some(members) = self.object_members(
            value,
            pointer,
            "the query object `{\"filter\": …, \"sort\": […]}`",
        ) else {
            return query;
        };
        let found = self.members(members, pointer, &QUERY_KEYS, "`query`", &|key| match key {
            "limit" => Some((
                JsonError::LimitInQuery as Code,
                String::from(
                    "`limit` belongs in `params`, next to `query`: {\"query\": {…}, \"limit\": 50}",
                ),
            )),
            "fields" | "cursor" => Some((
                JsonError::MisplacedKey as Code,
                format!("`{key}` belongs in `params`, next to `query`"),
            )),
            _ => None,
        });
        for (name, member) in found {
            let here = self.name_ptr(pointer, name);
            match name {
                "filter" => {
                    if matches!(&member.value.kind, JsonKind::Object(m) if m.is_empty()) {
                        self.push(
                            JsonError::new(
                                JsonError::EmptyFilter,
                                member.value.span,
                                &self.pointer(here),
                                "`\"filter\": {}` is not a condition: expected an object with one operator key",
                            )
                            .label("empty filter")
                            .with_help("the API must never receive an empty filter: omit `filter` to match every record"),
                        );
                    } else {
                        query.filter = self.top_filter(tree, &member.value, here, scope);
                    }
                }
                _ => query.sort = self.sort(&member.value, here, scope),
            }
        }
        query
    }

    /// The path of a `"field": …` member, recorded for later explanations.
    /// The members of `value`, an object; else reports that `expected` was wanted there.
    pub(crate) fn object_members<'v, 'a>(
        &mut self,
        value: &'v JsonValue<'a>,
        pointer: Ptr,
        expected: &str,
    ) -> Option<&'v [Member<'a>]> {
        if let JsonKind::Object(members) = &value.kind {
            return Some(members);
        }
        self.push(unexpected(value, &self.pointer(pointer), expected));
        None
    }

    pub(crate) fn field_path<'a>(
        &mut self,
        member: &Member<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Path<'a> {
        // Without escapes the key is the text between its quotes; every escape decodes to
        // fewer bytes than it is written with, so equal lengths mean none.
        let plain = member
            .key_span
            .len()
            .checked_sub(2)
            .is_some_and(|inner| inner == member.key.len());
        let path = key_path(&member.key, member.key_span, plain);
        self.record(member.key_span, pointer);
        self.keys.push(KeyInfo {
            span: member.key_span,
            segments: (!plain).then(|| path.segments.iter().map(|s| s.text.to_string()).collect()),
            scope,
            member: true,
        });
        path
    }
}

/// Which form a top-level object is, from its keys.
fn detect_form(members: &[Member<'_>]) -> JsonForm {
    let has = |keys: &[&str]| members.iter().any(|m| keys.contains(&m.key.as_ref()));
    if has(&REQUEST_KEYS) {
        JsonForm::Request
    } else if has(&PARAMS_KEYS) {
        JsonForm::Params
    } else if has(&QUERY_KEYS) {
        JsonForm::Query
    } else {
        JsonForm::Filter
    }
}

fn scope_of<'c>(catalog: &'c Catalog, entity: Option<&str>) -> Scope<'c> {
    entity
        .and_then(|name| catalog.entity(name))
        .map(|e| e.fields.as_slice())
}

fn empty_query<'a>(span: Span) -> Query<'a> {
    Query {
        span,
        from: None,
        semantic: None,
        filter: None,
        sort: None,
        limit: None,
        fields: None,
        tree: Tree::default(),
    }
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// "expected X, found Y" for a value of the wrong JSON type in the document's structure.
pub(crate) fn unexpected(value: &JsonValue<'_>, pointer: &str, expected: &str) -> JsonError {
    let found = value.kind.describe();
    JsonError::new(
        JsonError::UnexpectedType,
        value.span,
        pointer,
        format!("expected {expected}, found {found}"),
    )
    .label(format!("expected {expected}"))
    .with_help(format!(
        "write {expected} here; the shapes are: a condition {{\"op\": {{\"field\": value}}}}, query {{\"filter\", \"sort\"}}, params {{\"query\", \"limit\", \"fields\"}}, request {{\"entity\", \"action\", \"params\"}}"
    ))
    .expected_found(expected.to_owned(), found)
}

fn parse_failure(failure: ParseFailure) -> JsonError {
    match failure {
        ParseFailure::Syntax {
            span,
            expected,
            found,
            help,
        } => {
            let error = JsonError::new(
                JsonError::InvalidJson,
                span,
                "",
                format!("invalid JSON: expected {expected}, found {found}"),
            )
            .label(format!("expected {expected}"))
            .expected_found(expected, found);
            match help {
                Some(help) => error.with_help(help),
                None => error.with_help("the document must be one JSON value (RFC 8259)"),
            }
        }
        ParseFailure::TooDeep { span, limit } => JsonError::new(
            JsonError::TooDeep,
            span,
            "",
            format!("the JSON nests deeper than {limit} levels"),
        )
        .label("nesting goes past the limit here")
        .with_help("split the filter, or raise the limit (`--max-depth`, or `limits.max_depth` in sift.toml or `Options`)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(key: &str) -> Vec<String> {
        let path = key_path(&Cow::Borrowed(key), Span::new(0, key.len() + 2), true);
        let joined: Vec<&str> = path.segments.iter().map(|s| s.text.as_ref()).collect();
        assert_eq!(joined.join("."), key, "segments must join to the key");
        path.segments.iter().map(|s| s.text.to_string()).collect()
    }

    #[test]
    fn keys_split_at_dots_keeping_empty_parts() {
        assert_eq!(segments("a"), ["a"]);
        assert_eq!(segments("a.b.c"), ["a", "b", "c"]);
        assert_eq!(segments("client.odd."), ["client", "odd."]);
        assert_eq!(segments(".a"), [".a"]);
        assert_eq!(segments("a..b"), ["a", ".b"]);
        assert_eq!(segments("a...b"), ["a", "..b"]);
        assert_eq!(segments(""), [""]);
        assert_eq!(segments("."), ["."]);
        assert_eq!(segments("a."), ["a."]);
        assert_eq!(segments("..a.b.."), ["..a", "b.."]);
    }
}
