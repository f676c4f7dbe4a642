//! A search request's `params` as the evaluator runs them: filter, sort, limit, cursor and
//! `fields`, read once; then [`Collector`] takes records one at a time and keeps only what the
//! page needs (the first `limit` matches, or the top `limit` of a sort in a heap).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use serde_json::{Map, Value, json};
use sift_lower::Target;

use crate::cursor::Position;
use crate::error::EvalError;
use crate::filter::{Condition, escape};
use crate::project::Projection;
use crate::value::{lookup, sort_order};

/// The server's default page size when `limit` is absent.
pub const DEFAULT_LIMIT: u64 = 1000;

/// One sort key: a wire path and its direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortKey {
    pub path: String,
    pub descending: bool,
}

/// A search the evaluator can run: everything of `params` that selects and shapes records.
#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    pub filter: Option<Condition>,
    pub sort: Vec<SortKey>,
    pub limit: u64,
    pub projection: Option<Projection>,
    /// Where the previous page ended, from `params.cursor`.
    after: Option<Position>,
    /// Identifies filter and sort, so that a cursor of another query is refused.
    fingerprint: u64,
}

impl Search {
    /// Reads a whole request `{"entity","action","params"}`; returns the entity and the search.
    /// The action must be the target's (`search` or `context_store_search`).
    pub fn from_request(request: &Value, target: Target) -> Result<(String, Search), EvalError> {
        let object = request
            .as_object()
            .ok_or_else(|| EvalError::invalid("", "a request must be a JSON object"))?;
        let entity = object
            .get("entity")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                EvalError::invalid("/entity", "a request names its entity (a string)")
            })?;
        match object.get("action").and_then(Value::as_str) {
            Some(action) if action == target.action() => {}
            other => {
                return Err(EvalError::invalid(
                    "/action",
                    format!(
                        "target {target} searches with action `{}`, not {}",
                        target.action(),
                        other.map_or("a missing action".to_owned(), |a| format!("`{a}`"))
                    ),
                ));
            }
        }
        let empty = Value::Object(Map::new());
        let params = object.get("params").unwrap_or(&empty);
        Ok((
            entity.to_owned(),
            Search::from_params(params, target, "/params")?,
        ))
    }

    /// Reads `params` (`query`, `limit`, `cursor`, `fields`); `pointer` is where they sit.
    pub fn from_params(params: &Value, target: Target, pointer: &str) -> Result<Search, EvalError> {
        let params = params
            .as_object()
            .ok_or_else(|| EvalError::invalid(pointer, "`params` must be a JSON object"))?;
        if params.contains_key("semantic") {
            return Err(EvalError::Semantic);
        }
        if let Some(key) = params
            .keys()
            .find(|k| !["query", "limit", "cursor", "fields"].contains(&k.as_str()))
        {
            return Err(EvalError::invalid(
                format!("{pointer}/{}", escape(key)),
                format!("unknown search parameter `{key}` (query, limit, cursor, fields)"),
            ));
        }
        let query_at = format!("{pointer}/query");
        let (filter, sort, fingerprint) = match params.get("query") {
            None => (None, Vec::new(), fingerprint(None, None)),
            Some(query) => read_query(query, target, &query_at)?,
        };
        let limit = match params.get("limit") {
            None => DEFAULT_LIMIT,
            Some(limit) => limit.as_u64().ok_or_else(|| {
                EvalError::invalid(format!("{pointer}/limit"), "`limit` is a whole number ≥ 0")
            })?,
        };
        let projection = params
            .get("fields")
            .map(|fields| Projection::from_json(fields, &format!("{pointer}/fields")))
            .transpose()?;
        let after = match params.get("cursor") {
            None | Some(Value::Null) => None,
            Some(Value::String(cursor)) => Some(Position::decode(cursor, fingerprint, sort.len())?),
            Some(_) => {
                return Err(EvalError::invalid(
                    format!("{pointer}/cursor"),
                    "`cursor` is the string of a previous page's `meta.cursor`",
                ));
            }
        };
        Ok(Search {
            filter,
            sort,
            limit,
            projection,
            after,
            fingerprint,
        })
    }

    /// A collector for one page of this search.
    pub fn collector(&self) -> Collector<'_> {
        Collector {
            search: self,
            ordinal: 0,
            matched_after: 0,
            page: BinaryHeap::new(),
        }
    }

    /// True when the record passes the filter (every record does without one).
    pub fn matches(&self, record: &Value) -> bool {
        self.filter.as_ref().is_none_or(|f| f.matches(record))
    }

    fn order(&self, a: &Ranked, b: &Ranked) -> Ordering {
        self.sort
            .iter()
            .zip(a.key.iter().zip(&b.key))
            .map(|(key, (x, y))| sort_order(x.as_ref(), y.as_ref(), key.descending))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then(a.ordinal.cmp(&b.ordinal))
    }
}

fn read_query(
    query: &Value,
    target: Target,
    pointer: &str,
) -> Result<(Option<Condition>, Vec<SortKey>, u64), EvalError> {
    let query = query
        .as_object()
        .ok_or_else(|| EvalError::invalid(pointer, "`query` must be a JSON object"))?;
    if let Some(key) = query.keys().find(|k| *k != "filter" && *k != "sort") {
        return Err(EvalError::invalid(
            format!("{pointer}/{}", escape(key)),
            format!("unknown key `{key}` in `query` (filter, sort)"),
        ));
    }
    let filter = query
        .get("filter")
        .map(|f| Condition::from_json(f, target, &format!("{pointer}/filter")))
        .transpose()?;
    let sort = match query.get("sort") {
        None => Vec::new(),
        Some(sort) => read_sort(sort, &format!("{pointer}/sort"))?,
    };
    Ok((
        filter,
        sort,
        fingerprint(query.get("filter"), query.get("sort")),
    ))
}

fn read_sort(sort: &Value, pointer: &str) -> Result<Vec<SortKey>, EvalError> {
    let items = sort.as_array().ok_or_else(|| {
        EvalError::invalid(
            pointer,
            "`sort` is an array of {\"field\": \"asc\"|\"desc\"}",
        )
    })?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{pointer}/{i}");
            let (path, direction) = item
                .as_object()
                .filter(|o| o.len() == 1)
                .and_then(|o| o.iter().next())
                .ok_or_else(|| {
                    EvalError::invalid(&at, "a sort key is one {\"field\": \"asc\"|\"desc\"}")
                })?;
            let descending = match direction.as_str() {
                Some("asc") => false,
                Some("desc") => true,
                _ => {
                    return Err(EvalError::invalid(
                        &at,
                        "a sort direction is \"asc\" or \"desc\"",
                    ));
                }
            };
            Ok(SortKey {
                path: path.clone(),
                descending,
            })
        })
        .collect()
}

/// FNV-1a over the filter and sort as JSON text: cheap, stable across runs and platforms.
fn fingerprint(filter: Option<&Value>, sort: Option<&Value>) -> u64 {
    let text = json!([filter, sort]).to_string();
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether the caller should keep feeding records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The page is complete and it is known whether more follow: stop reading.
    Stop,
}

/// One page of results, as the API returns it.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The records of the page, projected by `fields`.
    pub records: Vec<Value>,
    pub has_more: bool,
    /// The cursor of the next page, when `has_more`.
    pub cursor: Option<String>,
}

impl Page {
    /// The page as the API's response body: `{"data": [...], "meta": {...}}`.
    pub fn to_response(&self) -> Value {
        json!({
            "data": self.records,
            "meta": {"has_more": self.has_more, "cursor": self.cursor, "took_ms": null},
        })
    }
}

/// A record with its sort key and position, ordered by the search's total order.
#[derive(Debug)]
struct Ranked<'s> {
    search: &'s Search,
    key: Vec<Option<Value>>,
    ordinal: u64,
    record: Value,
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked<'_> {}
impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.search.order(self, other)
    }
}

/// Takes the records of an entity in file order and keeps one page. Memory holds at most
/// `limit + 1` records; without a sort it asks to stop as soon as the page is full and one more
/// match is seen.
#[derive(Debug)]
pub struct Collector<'s> {
    search: &'s Search,
    ordinal: u64,
    /// Matches after the cursor seen so far.
    matched_after: u64,
    /// A max-heap by the sort order: its top is the worst record kept.
    page: BinaryHeap<Ranked<'s>>,
}

impl<'s> Collector<'s> {
    /// Offers the next record (records must come in the same order on every page).
    pub fn push(&mut self, record: Value) -> Flow {
        let search = self.search;
        let ordinal = self.ordinal;
        self.ordinal += 1;
        if !search.matches(&record) {
            return Flow::Continue;
        }
        let ranked = Ranked {
            search,
            key: search
                .sort
                .iter()
                .map(|k| lookup(&record, &k.path).cloned())
                .collect(),
            ordinal,
            record,
        };
        if let Some(after) = &search.after
            && search.order(&ranked, &after.as_ranked(search)) != Ordering::Greater
        {
            return Flow::Continue;
        }
        self.matched_after += 1;
        let limit = usize::try_from(search.limit).unwrap_or(usize::MAX);
        if self.page.len() < limit {
            self.page.push(ranked);
        } else if self.page.peek().is_some_and(|worst| ranked < *worst) {
            self.page.pop();
            self.page.push(ranked);
        }
        if search.sort.is_empty() && self.matched_after > search.limit {
            Flow::Stop
        } else {
            Flow::Continue
        }
    }

    /// The page: its records in order, whether more match, and the cursor of the next page.
    pub fn finish(self) -> Page {
        let search = self.search;
        let kept = self.page.into_sorted_vec();
        let has_more = self.matched_after > kept.len() as u64;
        let cursor = match kept.last() {
            Some(last) if has_more => {
                Some(Position::of(&last.key, last.ordinal).encode(search.fingerprint))
            }
            _ => None,
        };
        let records = kept
            .into_iter()
            .map(|r| match &search.projection {
                Some(projection) => projection.apply(&r.record),
                None => r.record,
            })
            .collect();
        Page {
            records,
            has_more,
            cursor,
        }
    }
}

impl Position {
    fn as_ranked<'s>(&self, search: &'s Search) -> Ranked<'s> {
        Ranked {
            search,
            key: self.key.clone(),
            ordinal: self.ordinal,
            record: Value::Null,
        }
    }
}
