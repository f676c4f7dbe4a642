//! JSON document → sift AST, one form at a time: the request envelope, `params`, `query` and
//! their clauses. Conditions are in `condition.rs`. Every node of the AST gets the span of the
//! JSON it came from, so the checker's diagnostics point into the JSON text; every span read
//! is recorded with its JSON pointer, so those diagnostics get a pointer too.

use std::borrow::Cow;
use std::collections::HashSet;

use sift_schema::{Catalog, Field};
use sift_syntax::Limits;
use sift_syntax::Span;
use sift_syntax::ast::{Direction, FieldsClause, Limit, Name, Path, Query, SortClause, SortKey};

use super::error::{JsonError, child, one_of};
use super::parse::{JsonKind, JsonValue, Member, ParseFailure, parse_json, quote};
use crate::{Emit, Target};

/// Where names are looked up: the declared fields of the entity or of an array's elements;
/// `None` when unknown (no entity, or an element without declared properties).
pub(crate) type Scope<'c> = Option<&'c [Field]>;

/// A field key read from the JSON, kept to explain the checker's findings about it.
#[derive(Debug)]
pub(crate) struct KeyInfo<'c> {
    pub(crate) span: Span,
    pub(crate) segments: Vec<String>,
    pub(crate) scope: Scope<'c>,
    /// An object key (`"a.b": …`), not an entry of `fields` (a key list).
    pub(crate) member: bool,
}

/// A condition's operator as written, for messages in the JSON's own terms.
#[derive(Debug)]
pub(crate) struct OpInfo {
    pub(crate) span: Span,
    pub(crate) op: String,
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
    pub(crate) spans: Vec<(Span, String)>,
    pub(crate) keys: Vec<KeyInfo<'c>>,
    pub(crate) ops: Vec<OpInfo>,
    pub(crate) nodes: usize,
    pub(crate) too_deep_reported: bool,
    pub(crate) too_many_reported: bool,
}

/// What the reader made of a document.
#[derive(Debug)]
pub(crate) struct Reading<'a> {
    pub(crate) form: Option<Emit>,
    /// The query to check (`from` set only for a request, which names its entity).
    pub(crate) query: Option<Query<'a>>,
}

const REQUEST_KEYS: [&str; 3] = ["entity", "action", "params"];
const PARAMS_KEYS: [&str; 4] = ["query", "limit", "fields", "cursor"];
const QUERY_KEYS: [&str; 2] = ["filter", "sort"];

impl<'c> Reader<'c> {
    pub(crate) fn new(catalog: &'c Catalog, target: Target, limits: Limits) -> Self {
        Reader {
            target,
            limits,
            catalog,
            errors: Vec::new(),
            not_decompilable: Vec::new(),
            spans: Vec::new(),
            keys: Vec::new(),
            ops: Vec::new(),
            nodes: 0,
            too_deep_reported: false,
            too_many_reported: false,
        }
    }

    pub(crate) fn push(&mut self, error: JsonError) {
        self.errors.push(error);
    }

    pub(crate) fn record(&mut self, span: Span, pointer: &str) {
        self.spans.push((span, pointer.to_owned()));
    }

    /// The pointer of the smallest recorded span containing `span` (the root when none does).
    pub(crate) fn pointer_of(&self, span: Span) -> String {
        self.spans
            .iter()
            .filter(|(s, _)| s.start <= span.start && span.end <= s.end)
            .min_by_key(|(s, _)| s.len())
            .map(|(_, p)| p.clone())
            .unwrap_or_default()
    }

    /// Reads `text` in the given or detected form. `entity` is the entity of the forms that do
    /// not name one.
    pub(crate) fn read<'a>(
        &mut self,
        text: &'a str,
        entity: Option<&str>,
        form: Option<Emit>,
    ) -> (Reading<'a>, Option<JsonValue<'a>>) {
        let nothing = Reading { form, query: None };
        if text.len() > self.limits.max_input_bytes {
            self.push(
                JsonError::new(
                    "too_large",
                    Span::new(0, 0),
                    "",
                    format!(
                        "the document is {} bytes: expected at most {} bytes",
                        text.len(),
                        self.limits.max_input_bytes
                    ),
                )
                .label("input too large")
                .help("raise the limit with `Limits::max_input_bytes` (CLI: --max-input-bytes)"),
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
        self.record(root.span, "");
        let JsonKind::Object(members) = &root.kind else {
            self.push(unexpected(
                &root,
                "",
                "a JSON object (a filter, query, params or request)",
            ));
            return (nothing, None);
        };
        let form = form.unwrap_or_else(|| detect_form(members));
        let query = match form {
            Emit::Filter => {
                let filter = self.top_filter(&root, "", scope_of(self.catalog, entity));
                Query {
                    span: root.span,
                    from: None,
                    filter,
                    sort: None,
                    limit: None,
                    fields: None,
                }
            }
            Emit::Query => self.query_object(&root, "", scope_of(self.catalog, entity), true),
            Emit::Params => self.params(&root, "", scope_of(self.catalog, entity)),
            Emit::Request => self.request(&root),
        };
        let reading = Reading {
            form: Some(form),
            query: Some(query),
        };
        (reading, Some(root))
    }

    /// The members of an object by name. Reports duplicates, misplaced keys (with where they
    /// belong) and unknown keys (with the nearest allowed one).
    fn members<'v, 'a>(
        &mut self,
        members: &'v [Member<'a>],
        pointer: &str,
        allowed: &[&'static str],
        what: &str,
        misplaced: &dyn Fn(&str) -> Option<(&'static str, String)>,
    ) -> Vec<(&'static str, &'v Member<'a>)> {
        let mut found: Vec<(&'static str, &'v Member<'a>)> = Vec::new();
        let mut seen = HashSet::new();
        for member in members {
            let here = child(pointer, &member.key);
            self.record(member.key_span.to(member.value.span), &here);
            let Some(&name) = allowed.iter().find(|a| **a == member.key) else {
                if let Some((code, help)) = misplaced(&member.key) {
                    self.push(
                        JsonError::new(
                            code,
                            member.key_span,
                            &here,
                            format!("`{}` does not belong in {what}", member.key),
                        )
                        .label("misplaced")
                        .help(help)
                        .expected_found(one_of(&strings(allowed)), quote(&member.key))
                        .alternatives(allowed.iter().copied()),
                    );
                    continue;
                }
                let suggestions = sift_check::suggest(&member.key, allowed.iter().copied());
                let mut error = JsonError::new(
                    "unknown_key",
                    member.key_span,
                    &here,
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
                        .help(format!("did you mean `{best}`?"))
                        .fix(member.key_span, quote(best)),
                    _ => error.help(format!("{what} may hold {}", one_of(&strings(allowed)))),
                };
                self.push(error);
                continue;
            };
            if !seen.insert(name) {
                self.push(
                    JsonError::new(
                        "duplicate_key",
                        member.key_span,
                        &here,
                        format!("`{name}` appears twice in {what}: expected each key once"),
                    )
                    .label("repeated key")
                    .help("JSON readers keep only one of the two; remove the repetition"),
                );
                continue;
            }
            found.push((name, member));
        }
        found
    }

    fn request<'a>(&mut self, root: &JsonValue<'a>) -> Query<'a> {
        let JsonKind::Object(members) = &root.kind else {
            return empty_query(root.span);
        };
        let found = self.members(members, "", &REQUEST_KEYS, "a request", &|key| {
            (PARAMS_KEYS.contains(&key) || QUERY_KEYS.contains(&key)).then(|| {
                (
                    "misplaced_key",
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
            Some(member) => self.params(&member.value, "/params", scope),
            None => {
                self.missing(
                    root.span,
                    "",
                    "params",
                    "the search parameters, an object (`{}` for none)",
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
                "missing_key",
                Span::new(span.start, span.start + 1),
                pointer,
                format!("missing `{key}`: expected {what}"),
            )
            .label(format!("no `{key}` in this object"))
            .help(format!("add \"{key}\": {what}"))
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
                "unknown_action",
                value.span,
                "/action",
                format!(
                    "wrong action for target {}: expected \"{expected}\", found {}",
                    self.target,
                    quote(action)
                ),
            )
            .label("not the search action of this target")
            .help(help)
            .expected_found(quote(expected), quote(action))
            .alternatives([expected])
            .fix(value.span, quote(expected)),
        );
    }

    fn params<'a>(&mut self, value: &JsonValue<'a>, pointer: &str, scope: Scope<'c>) -> Query<'a> {
        let JsonKind::Object(members) = &value.kind else {
            self.push(unexpected(value, pointer, "the params object"));
            return empty_query(value.span);
        };
        let found = self.members(members, pointer, &PARAMS_KEYS, "`params`", &|key| {
            QUERY_KEYS.contains(&key).then(|| {
                (
                    "misplaced_key",
                    format!("`{key}` belongs inside `query`: {{\"query\": {{\"{key}\": …}}}}"),
                )
            })
        });
        let mut query = empty_query(value.span);
        for (name, member) in found {
            let here = child(pointer, name);
            match name {
                "query" => {
                    let inner = self.query_object(&member.value, &here, scope, false);
                    query.filter = inner.filter;
                    query.sort = inner.sort;
                }
                "limit" => query.limit = self.limit(&member.value, &here),
                "fields" => query.fields = self.fields(&member.value, &here, scope),
                _ => self.cursor(member, &here),
            }
        }
        query
    }

    fn cursor(&mut self, member: &Member<'_>, pointer: &str) {
        if !matches!(member.value.kind, JsonKind::String(_) | JsonKind::Null) {
            self.push(unexpected(
                &member.value,
                pointer,
                "a cursor string from a previous response",
            ));
            return;
        }
        self.not_decompilable.push(
            JsonError::new(
                "not_decompilable",
                member.key_span.to(member.value.span),
                pointer,
                "`cursor` has no sift form: a sift query describes the search, not a position in its pages",
            )
            .label("paging state")
            .help("remove `cursor` to decompile; send it alongside the compiled params when paging"),
        );
    }

    /// The `query` object; `top` when it is the whole document (the `query` form).
    fn query_object<'a>(
        &mut self,
        value: &JsonValue<'a>,
        pointer: &str,
        scope: Scope<'c>,
        top: bool,
    ) -> Query<'a> {
        let mut query = empty_query(value.span);
        let JsonKind::Object(members) = &value.kind else {
            self.push(unexpected(
                value,
                pointer,
                "the query object `{\"filter\": …, \"sort\": […]}`",
            ));
            return query;
        };
        if members.is_empty() && !top {
            self.push(
                JsonError::new(
                    "empty_member",
                    value.span,
                    pointer,
                    "`query` is empty: it has neither `filter` nor `sort`",
                )
                .warning()
                .label("empty object")
                .help("omit `query` when there is nothing to filter or sort; sift writes it so"),
            );
        }
        let found = self.members(members, pointer, &QUERY_KEYS, "`query`", &|key| match key {
            "limit" => Some((
                "limit_in_query",
                String::from(
                    "`limit` belongs in `params`, next to `query`: {\"query\": {…}, \"limit\": 50}",
                ),
            )),
            "fields" | "cursor" => Some((
                "misplaced_key",
                format!("`{key}` belongs in `params`, next to `query`"),
            )),
            _ => None,
        });
        for (name, member) in found {
            let here = child(pointer, name);
            match name {
                "filter" => {
                    if matches!(&member.value.kind, JsonKind::Object(m) if m.is_empty()) {
                        self.push(
                            JsonError::new(
                                "empty_filter",
                                member.value.span,
                                &here,
                                "`\"filter\": {}` is not a condition: expected an object with one operator key",
                            )
                            .label("empty filter")
                            .help("the API must never receive an empty filter: omit `filter` to match every record"),
                        );
                    } else {
                        query.filter = self.top_filter(&member.value, &here, scope);
                    }
                }
                _ => query.sort = self.sort(&member.value, &here, scope),
            }
        }
        query
    }

    fn limit(&mut self, value: &JsonValue<'_>, pointer: &str) -> Option<Limit> {
        self.record(value.span, pointer);
        let parsed = match &value.kind {
            JsonKind::Number(text) => text.parse::<u64>().ok().filter(|n| *n > 0),
            _ => None,
        };
        if parsed.is_none() {
            self.push(
                JsonError::new(
                    "bad_limit",
                    value.span,
                    pointer,
                    format!("`limit` must be a positive integer: found {}", value.kind.describe()),
                )
                .label("not a positive integer")
                .help("write a whole number of 1 or more, e.g. \"limit\": 50; omit `limit` for the API's default page size")
                .expected_found("a positive integer", value.kind.describe()),
            );
        }
        parsed.map(|n| Limit {
            span: value.span,
            value: n,
        })
    }

    fn sort<'a>(
        &mut self,
        value: &JsonValue<'a>,
        pointer: &str,
        scope: Scope<'c>,
    ) -> Option<SortClause<'a>> {
        let JsonKind::Array(items) = &value.kind else {
            self.push(unexpected(
                value,
                pointer,
                "a list of sort keys `[{\"created_at\": \"desc\"}]`",
            ));
            return None;
        };
        if items.is_empty() {
            self.push(
                JsonError::new(
                    "empty_member",
                    value.span,
                    pointer,
                    "`sort` is an empty list",
                )
                .warning()
                .label("empty list")
                .help("omit `sort` when there is nothing to sort by; sift writes it so"),
            );
            return None;
        }
        let mut keys = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = child(pointer, &i.to_string());
            self.record(item.span, &here);
            let JsonKind::Object(members) = &item.kind else {
                self.push(bad_sort_item(item, &here, item.kind.describe()));
                continue;
            };
            let [member] = members.as_slice() else {
                let found = if members.is_empty() {
                    "an empty object".to_owned()
                } else {
                    format!("{} keys", members.len())
                };
                self.push(bad_sort_item(item, &here, found));
                continue;
            };
            let key_pointer = child(&here, &member.key);
            self.record(member.key_span.to(member.value.span), &key_pointer);
            let direction = match &member.value.kind {
                JsonKind::String(d) if d == "asc" => Some(Direction::Asc),
                JsonKind::String(d) if d == "desc" => Some(Direction::Desc),
                other => {
                    let mut error = JsonError::new(
                        "bad_sort_direction",
                        member.value.span,
                        &key_pointer,
                        format!(
                            "bad sort direction: expected \"asc\" or \"desc\", found {}",
                            other.describe()
                        ),
                    )
                    .label("not a direction")
                    .help("a sort key maps a field to \"asc\" or \"desc\"")
                    .expected_found("\"asc\" or \"desc\"", other.describe())
                    .alternatives(["asc", "desc"]);
                    if let JsonKind::String(d) = other {
                        let lower = d.trim().to_ascii_lowercase();
                        let fixed = match lower.as_str() {
                            "asc" | "ascending" | "up" => Some("asc"),
                            "desc" | "descending" | "down" => Some("desc"),
                            _ => None,
                        };
                        if let Some(fixed) = fixed {
                            error = error.fix(member.value.span, quote(fixed));
                        }
                    }
                    self.push(error);
                    None
                }
            };
            let path = self.field_path(member, &key_pointer, scope);
            if let Some(direction) = direction {
                keys.push(SortKey {
                    span: item.span,
                    path,
                    direction,
                });
            }
        }
        (!keys.is_empty()).then_some(SortClause {
            span: value.span,
            keys,
        })
    }

    fn fields<'a>(
        &mut self,
        value: &JsonValue<'a>,
        pointer: &str,
        scope: Scope<'c>,
    ) -> Option<FieldsClause<'a>> {
        let JsonKind::Array(items) = &value.kind else {
            self.push(bad_fields(value, pointer, value.kind.describe()));
            return None;
        };
        if items.is_empty() {
            self.push(
                JsonError::new(
                    "empty_member",
                    value.span,
                    pointer,
                    "`fields` is an empty list",
                )
                .warning()
                .label("empty list")
                .help("omit `fields` to get every field; sift writes it so"),
            );
            return None;
        }
        let mut paths = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = child(pointer, &i.to_string());
            self.record(item.span, &here);
            match &item.kind {
                JsonKind::Array(keys) if !keys.is_empty() => {
                    let mut segments = Vec::new();
                    for key in keys {
                        match &key.kind {
                            JsonKind::String(text) if !text.is_empty() => segments.push(Name {
                                span: key.span,
                                text: text.clone(),
                                quoted: false,
                            }),
                            other => {
                                self.push(bad_fields(key, &here, other.describe()));
                                segments.clear();
                                break;
                            }
                        }
                    }
                    if !segments.is_empty() {
                        let texts = segments.iter().map(|s| s.text.to_string()).collect();
                        self.keys.push(KeyInfo {
                            span: item.span,
                            segments: texts,
                            scope,
                            member: false,
                        });
                        paths.push(Path {
                            span: item.span,
                            segments,
                        });
                    }
                }
                JsonKind::String(dotted) if !dotted.is_empty() => {
                    let keys: Vec<String> = dotted.split('.').map(quote).collect();
                    self.push(
                        JsonError::new(
                            "dotted_field",
                            item.span,
                            &here,
                            format!(
                                "field {} is a dotted string: sift writes fields as lists of keys",
                                quote(dotted)
                            ),
                        )
                        .warning()
                        .label("dotted string")
                        .help(format!(
                            "write [{}]; decompiling normalises it so",
                            keys.join(", ")
                        ))
                        .fix(item.span, format!("[{}]", keys.join(","))),
                    );
                    let path = key_path(dotted, item.span, false);
                    self.keys.push(KeyInfo {
                        span: item.span,
                        segments: path.segments.iter().map(|s| s.text.to_string()).collect(),
                        scope,
                        member: false,
                    });
                    paths.push(path);
                }
                other => self.push(bad_fields(item, &here, other.describe())),
            }
        }
        (!paths.is_empty()).then_some(FieldsClause {
            span: value.span,
            paths,
        })
    }

    /// The path of a `"field": …` member, recorded for later explanations.
    pub(crate) fn field_path<'a>(
        &mut self,
        member: &Member<'a>,
        pointer: &str,
        scope: Scope<'c>,
    ) -> Path<'a> {
        let plain = member
            .key_span
            .len()
            .checked_sub(2)
            .is_some_and(|inner| inner == member.key.len())
            && !member.key.contains(['\\', '"']);
        let path = key_path(&member.key, member.key_span, plain);
        self.record(member.key_span, pointer);
        self.keys.push(KeyInfo {
            span: member.key_span,
            segments: path.segments.iter().map(|s| s.text.to_string()).collect(),
            scope,
            member: true,
        });
        path
    }
}

/// A JSON key as a path: split at `.`; an empty part (a dot at an end, or two dots) stays
/// with its neighbour (`"client.odd."` → `client` . `` `odd.` ``), so every key has a path whose
/// key it is. With `plain` (the key's text is the JSON text between the quotes), each segment
/// gets its own span.
pub(crate) fn key_path<'a>(key: &Cow<'a, str>, key_span: Span, plain: bool) -> Path<'a> {
    // (start, end) byte ranges of the segments in `key`: empty parts join the next non-empty
    // part, or the previous one at the end.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut pending: Option<usize> = None;
    let mut start = 0;
    for (at, _) in key
        .match_indices('.')
        .chain(std::iter::once((key.len(), "")))
    {
        if at == start {
            pending.get_or_insert(start);
        } else {
            ranges.push((pending.take().unwrap_or(start), at));
        }
        start = at + 1;
    }
    if let Some(from) = pending {
        match ranges.last_mut() {
            Some(last) => last.1 = key.len(),
            None => ranges.push((from, key.len())),
        }
    }
    let segment_span = |from: usize, to: usize| {
        if plain {
            Span::new(key_span.start + 1 + from, key_span.start + 1 + to)
        } else {
            key_span
        }
    };
    let segments = ranges
        .iter()
        .map(|&(from, to)| Name {
            span: segment_span(from, to),
            text: match key {
                Cow::Borrowed(whole) => Cow::Borrowed(whole.get(from..to).unwrap_or_default()),
                Cow::Owned(whole) => Cow::Owned(whole.get(from..to).unwrap_or_default().to_owned()),
            },
            quoted: false,
        })
        .collect();
    Path {
        span: key_span,
        segments,
    }
}

/// Which form a top-level object is, from its keys.
fn detect_form(members: &[Member<'_>]) -> Emit {
    let has = |keys: &[&str]| members.iter().any(|m| keys.contains(&m.key.as_ref()));
    if has(&REQUEST_KEYS) {
        Emit::Request
    } else if has(&PARAMS_KEYS) {
        Emit::Params
    } else if has(&QUERY_KEYS) {
        Emit::Query
    } else {
        Emit::Filter
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
        filter: None,
        sort: None,
        limit: None,
        fields: None,
    }
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// "expected X, found Y" for a value of the wrong JSON type in the document's structure.
pub(crate) fn unexpected(value: &JsonValue<'_>, pointer: &str, expected: &str) -> JsonError {
    let found = value.kind.describe();
    JsonError::new(
        "unexpected_type",
        value.span,
        pointer,
        format!("expected {expected}, found {found}"),
    )
    .label(format!("expected {expected}"))
    .help(format!(
        "write {expected} here; the shapes are: a condition {{\"op\": {{\"field\": value}}}}, query {{\"filter\", \"sort\"}}, params {{\"query\", \"limit\", \"fields\"}}, request {{\"entity\", \"action\", \"params\"}}"
    ))
    .expected_found(expected.to_owned(), found)
}

fn bad_sort_item(item: &JsonValue<'_>, pointer: &str, found: String) -> JsonError {
    JsonError::new(
        "bad_sort_item",
        item.span,
        pointer,
        format!("a sort key is an object with exactly one field: found {found}"),
    )
    .label("not one field and its direction")
    .help("write one object per key, in order: [{\"created_at\": \"desc\"}, {\"last_name\": \"asc\"}]")
    .expected_found("an object with one field", found)
}

fn bad_fields(value: &JsonValue<'_>, pointer: &str, found: String) -> JsonError {
    JsonError::new(
        "bad_fields",
        value.span,
        pointer,
        format!("malformed `fields`: expected a list of key lists, found {found}"),
    )
    .label("expected a list of non-empty key lists")
    .help("list each field as its keys: \"fields\": [[\"id\"], [\"client\", \"name\"]]")
    .expected_found("a list of key lists of non-empty strings", found)
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
                "invalid_json",
                span,
                "",
                format!("invalid JSON: expected {expected}, found {found}"),
            )
            .label(format!("expected {expected}"))
            .expected_found(expected, found);
            match help {
                Some(help) => error.help(help),
                None => error.help("the document must be one JSON value (RFC 8259)"),
            }
        }
        ParseFailure::TooDeep { span, limit } => JsonError::new(
            "too_deep",
            span,
            "",
            format!("the JSON nests deeper than {limit} levels"),
        )
        .label("nesting goes past the limit here")
        .help("split the filter, or raise the limit with `Limits::max_depth` (CLI: --max-depth)"),
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
