//! The clauses of a query read from JSON: `limit`, `sort` and `fields`.

use sift_syntax::ast::{Direction, FieldsClause, Limit, Name, Path, SortClause, SortKey};

use crate::error::JsonError;
use crate::keys::key_path;
use crate::parse::{JsonKind, JsonValue, quote};
use crate::pointer::Ptr;
use crate::reader::{KeyInfo, Reader, Scope, unexpected};

impl<'c> Reader<'c> {
    pub(super) fn limit(&mut self, value: &JsonValue<'_>, pointer: Ptr) -> Option<Limit> {
        self.record(value.span, pointer);
        let parsed = match &value.kind {
            JsonKind::Number(text) => text.parse::<u64>().ok().filter(|n| *n > 0),
            _ => None,
        };
        if parsed.is_none() {
            self.push(
                JsonError::new(
                    JsonError::BadLimit,
                    value.span,
                    &self.pointer(pointer),
                    format!("`limit` must be a positive integer: found {}", value.kind.describe()),
                )
                .label("not a positive integer")
                .with_help("write a whole number of 1 or more, e.g. \"limit\": 50; omit `limit` for the API's default page size")
                .expected_found("a positive integer", value.kind.describe()),
            );
        }
        parsed.map(|n| Limit {
            span: value.span,
            value: n,
        })
    }

    /// The warning for an empty `sort` or `fields` (`what`), which is omitted.
    fn empty_member(&mut self, value: &JsonValue<'_>, pointer: Ptr, what: &str, help: &str) {
        self.push(
            JsonError::new(
                JsonError::EmptyMember,
                value.span,
                &self.pointer(pointer),
                format!("{what} is an empty list"),
            )
            .label("empty list")
            .with_help(help),
        );
    }

    pub(super) fn sort<'a>(
        &mut self,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Option<SortClause<'a>> {
        let JsonKind::Array(items) = &value.kind else {
            self.push(unexpected(
                value,
                &self.pointer(pointer),
                "a list of sort keys `[{\"created_at\": \"desc\"}]`",
            ));
            return None;
        };
        if items.is_empty() {
            self.empty_member(
                value,
                pointer,
                "`sort`",
                "omit `sort` when there is nothing to sort by; sift writes it so",
            );
            return None;
        }
        let mut keys = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = self.index_ptr(pointer, i);
            self.record(item.span, here);
            let JsonKind::Object(members) = &item.kind else {
                self.push(bad_sort_item(
                    item,
                    &self.pointer(here),
                    item.kind.describe(),
                ));
                continue;
            };
            let [member] = members.as_slice() else {
                let found = if members.is_empty() {
                    "an empty object".to_owned()
                } else {
                    format!("{} keys", members.len())
                };
                self.push(bad_sort_item(item, &self.pointer(here), found));
                continue;
            };
            let key_pointer = self.key_ptr(here, member);
            self.record(member.key_span.to(member.value.span), key_pointer);
            let direction = match &member.value.kind {
                JsonKind::String(d) if d == "asc" => Some(Direction::Asc),
                JsonKind::String(d) if d == "desc" => Some(Direction::Desc),
                other => {
                    let mut error = JsonError::new(
                        JsonError::BadSortDirection,
                        member.value.span,
                        &self.pointer(key_pointer),
                        format!(
                            "bad sort direction: expected \"asc\" or \"desc\", found {}",
                            other.describe()
                        ),
                    )
                    .label("not a direction")
                    .with_help("a sort key maps a field to \"asc\" or \"desc\"")
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
            let path = self.field_path(member, key_pointer, scope);
            // A key with a bad direction is kept with a stand-in one, so that its field is
            // still checked: the document is invalid already, and both errors are reported.
            keys.push(SortKey {
                span: item.span,
                path,
                direction: direction.unwrap_or(Direction::Asc),
            });
        }
        (!keys.is_empty()).then_some(SortClause {
            span: value.span,
            keys,
        })
    }

    pub(super) fn fields<'a>(
        &mut self,
        value: &JsonValue<'a>,
        pointer: Ptr,
        scope: Scope<'c>,
    ) -> Option<FieldsClause<'a>> {
        let JsonKind::Array(items) = &value.kind else {
            self.push(bad_fields(
                value,
                &self.pointer(pointer),
                value.kind.describe(),
            ));
            return None;
        };
        if items.is_empty() {
            self.empty_member(
                value,
                pointer,
                "`fields`",
                "omit `fields` to get every field; sift writes it so",
            );
            return None;
        }
        let mut paths = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = self.index_ptr(pointer, i);
            self.record(item.span, here);
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
                                self.push(bad_fields(key, &self.pointer(here), other.describe()));
                                segments.clear();
                                break;
                            }
                        }
                    }
                    if !segments.is_empty() {
                        let texts = segments.iter().map(|s| s.text.to_string()).collect();
                        self.keys.push(KeyInfo {
                            span: item.span,
                            segments: Some(texts),
                            scope,
                            member: false,
                        });
                        paths.push(Path {
                            span: item.span,
                            segments: segments.into(),
                        });
                    }
                }
                JsonKind::String(dotted) if !dotted.is_empty() => {
                    let keys: Vec<String> = dotted.split('.').map(quote).collect();
                    self.push(
                        JsonError::new(
                            JsonError::DottedField,
                            item.span,
                            &self.pointer(here),
                            format!(
                                "field {} is a dotted string: sift writes fields as lists of keys",
                                quote(dotted)
                            ),
                        )
                        .label("dotted string")
                        .with_help(format!(
                            "write [{}]; decompiling normalises it so",
                            keys.join(", ")
                        ))
                        .fix(item.span, format!("[{}]", keys.join(","))),
                    );
                    let path = key_path(dotted, item.span, false);
                    self.keys.push(KeyInfo {
                        span: item.span,
                        segments: Some(path.segments.iter().map(|s| s.text.to_string()).collect()),
                        scope,
                        member: false,
                    });
                    paths.push(path);
                }
                other => self.push(bad_fields(item, &self.pointer(here), other.describe())),
            }
        }
        (!paths.is_empty()).then_some(FieldsClause {
            span: value.span,
            paths,
        })
    }
}

fn bad_sort_item(item: &JsonValue<'_>, pointer: &str, found: String) -> JsonError {
    JsonError::new(
        JsonError::BadSortItem,
        item.span,
        pointer,
        format!("a sort key is an object with exactly one field: found {found}"),
    )
    .label("not one field and its direction")
    .with_help("write one object per key, in order: [{\"created_at\": \"desc\"}, {\"last_name\": \"asc\"}]")
    .expected_found("an object with one field", found)
}

fn bad_fields(value: &JsonValue<'_>, pointer: &str, found: String) -> JsonError {
    JsonError::new(
        JsonError::BadFields,
        value.span,
        pointer,
        format!("malformed `fields`: expected a list of key lists, found {found}"),
    )
    .label("expected a list of non-empty key lists")
    .with_help("list each field as its keys: \"fields\": [[\"id\"], [\"client\", \"name\"]]")
    .expected_found("a list of key lists of non-empty strings", found)
}
