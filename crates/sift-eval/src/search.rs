//! A search request's `params` as the evaluator runs them: filter, sort, limit, cursor and
//! `fields`, read once; then [`Collector`] takes records one at a time and keeps only what the
//! page needs (the first `limit` matches, or the top `limit` of a sort in a heap).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use serde_json::{Map, Value, json};
use sift_lower::wire::PARAMS_KEYS;
use sift_lower::{Target, pointer_child};

use crate::cursor::{Position, fnv1a};
use crate::error::EvalError;
use crate::filter::Condition;
use crate::json::JsonRef;
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
    /// Identifies entity, filter and sort, so that a cursor of another query is refused.
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
            Search::read_params(params, target, "/params", Some(entity))?,
        ))
    }

    /// Reads `params` (`query`, `limit`, `cursor`, `fields`); `pointer` is where they sit.
    /// Without an entity, a cursor is bound to filter and sort alone.
    pub fn from_params(params: &Value, target: Target, pointer: &str) -> Result<Search, EvalError> {
        Search::read_params(params, target, pointer, None)
    }

    fn read_params(
        params: &Value,
        target: Target,
        pointer: &str,
        entity: Option<&str>,
    ) -> Result<Search, EvalError> {
        let params = params
            .as_object()
            .ok_or_else(|| EvalError::invalid(pointer, "`params` must be a JSON object"))?;
        if params.contains_key("semantic") {
            return Err(EvalError::Semantic);
        }
        if let Some(key) = params.keys().find(|k| !PARAMS_KEYS.contains(&k.as_str())) {
            return Err(EvalError::invalid(
                pointer_child(pointer, key),
                format!(
                    "unknown search parameter `{key}` ({})",
                    PARAMS_KEYS.join(", ")
                ),
            ));
        }
        let query_at = format!("{pointer}/query");
        let (filter, sort) = match params.get("query") {
            None => (None, Vec::new()),
            Some(query) => read_query(query, target, &query_at)?,
        };
        let query = params.get("query");
        let fingerprint = fingerprint(
            entity,
            query.and_then(|q| q.get("filter")),
            query.and_then(|q| q.get("sort")),
        );
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

    /// A collector for one page of this search, keeping records as `Value`s.
    pub fn collector(&self) -> Collector<'_> {
        self.collector_of()
    }

    /// A collector keeping records as `R` (what [`Collector::push_view`] is given), e.g. the
    /// record's text, so that a record is only turned into something owned when it is kept.
    pub fn collector_of<R>(&self) -> Collector<'_, R> {
        Collector {
            search: self,
            ordinal: 0,
            matched_after: 0,
            kept: 0,
            last: None,
            ready: Vec::new(),
            page: BinaryHeap::new(),
        }
    }

    /// True when the record passes the filter (every record does without one).
    pub fn matches<'v, J: JsonRef<'v>>(&self, record: J) -> bool {
        self.filter.as_ref().is_none_or(|f| f.matches(record))
    }

    /// Where a record (at `ordinal` in the data) is in the total order relative to `other`,
    /// its sort key read in place.
    fn order_of<'v, J: JsonRef<'v>>(
        &self,
        record: J,
        ordinal: u64,
        other: (&[Option<Value>], u64),
    ) -> Ordering {
        self.sort
            .iter()
            .zip(other.0)
            .map(|(key, y)| sort_order(lookup(record, &key.path), y.as_ref(), key.descending))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then(ordinal.cmp(&other.1))
    }

    /// The total order of the search over (sort key, position in the data).
    fn order(&self, a: (&[Option<Value>], u64), b: (&[Option<Value>], u64)) -> Ordering {
        self.sort
            .iter()
            .zip(a.0.iter().zip(b.0))
            .map(|(key, (x, y))| sort_order(x.as_ref(), y.as_ref(), key.descending))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then(a.1.cmp(&b.1))
    }
}

fn read_query(
    query: &Value,
    target: Target,
    pointer: &str,
) -> Result<(Option<Condition>, Vec<SortKey>), EvalError> {
    let query = query
        .as_object()
        .ok_or_else(|| EvalError::invalid(pointer, "`query` must be a JSON object"))?;
    if let Some(key) = query.keys().find(|k| *k != "filter" && *k != "sort") {
        return Err(EvalError::invalid(
            pointer_child(pointer, key),
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
    Ok((filter, sort))
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

/// FNV-1a over the entity, filter and sort as JSON text: cheap, stable across runs and
/// platforms.
fn fingerprint(entity: Option<&str>, filter: Option<&Value>, sort: Option<&Value>) -> u64 {
    fnv1a(json!([entity, filter, sort]).to_string().as_bytes())
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
struct Ranked<'s, R> {
    search: &'s Search,
    key: Vec<Option<Value>>,
    ordinal: u64,
    record: R,
}

impl<R> Ranked<'_, R> {
    fn place(&self) -> (&[Option<Value>], u64) {
        (&self.key, self.ordinal)
    }
}

impl<R> PartialEq for Ranked<'_, R> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<R> Eq for Ranked<'_, R> {}
impl<R> PartialOrd for Ranked<'_, R> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<R> Ord for Ranked<'_, R> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.search.order(self.place(), other.place())
    }
}

/// Takes the records of an entity in file order and keeps one page. Memory holds at most
/// `limit + 1` records; without a sort it asks to stop as soon as the page is full and one more
/// match is seen, and the records it keeps are final as they come ([`Collector::take_ready`]).
#[derive(Debug)]
pub struct Collector<'s, R = Value> {
    search: &'s Search,
    ordinal: u64,
    /// Matches after the cursor seen so far.
    matched_after: u64,
    /// Records on the page so far (some may have been taken already).
    kept: u64,
    /// Where the last record kept without a sort is (for the cursor).
    last: Option<u64>,
    /// Without a sort: the records kept, in order, not taken yet.
    ready: Vec<R>,
    /// With a sort: a max-heap by the sort order, its top the worst record kept.
    page: BinaryHeap<Ranked<'s, R>>,
}

/// The records of a page, as the collector kept them, with what [`Page`] says besides.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept<R> {
    pub records: Vec<R>,
    pub has_more: bool,
    pub cursor: Option<String>,
}

impl<'s> Collector<'s, Value> {
    /// Offers the next record (records must come in the same order on every page).
    pub fn push(&mut self, record: Value) -> Flow {
        let Some(place) = self.place_of(&record) else {
            return self.flow();
        };
        self.keep(place, record)
    }

    /// The page: its records in order, projected by `fields`, whether more match, and the
    /// cursor of the next page.
    pub fn finish(self) -> Page {
        let projection = self.search.projection.clone();
        let kept = self.finish_kept();
        Page {
            records: kept
                .records
                .into_iter()
                .map(|record| match &projection {
                    Some(projection) => projection.apply(&record),
                    None => record,
                })
                .collect(),
            has_more: kept.has_more,
            cursor: kept.cursor,
        }
    }
}

impl<'s, R> Collector<'s, R> {
    /// Offers the next record as a view; `record` makes what is kept, and is called only when
    /// the record goes on the page.
    pub fn push_view<'v, J: JsonRef<'v>>(&mut self, view: J, record: impl FnOnce() -> R) -> Flow {
        match self.place_of(view) {
            Some(place) => self.keep(place, record()),
            None => self.flow(),
        }
    }

    /// Where a record goes in the order, when it matches, comes after the cursor and would be
    /// on the page; `None` otherwise.
    fn place_of<'v, J: JsonRef<'v>>(&mut self, record: J) -> Option<(Vec<Option<Value>>, u64)> {
        let search = self.search;
        let ordinal = self.ordinal;
        self.ordinal += 1;
        if !search.matches(record) {
            return None;
        }
        if let Some(after) = &search.after
            && search.order_of(record, ordinal, (&after.key, after.ordinal)) != Ordering::Greater
        {
            return None;
        }
        self.matched_after += 1;
        let limit = usize::try_from(search.limit).unwrap_or(usize::MAX);
        let full = usize::try_from(self.kept).unwrap_or(usize::MAX) >= limit;
        // A full page without a sort takes nothing more; with one, a better record displaces
        // the worst.
        if full
            && self.page.peek().is_none_or(|worst| {
                search.order_of(record, ordinal, worst.place()) != Ordering::Less
            })
        {
            return None;
        }
        // Only a record that goes on the page has its sort key copied out.
        let key = search
            .sort
            .iter()
            .map(|k| lookup(record, &k.path).map(JsonRef::to_value))
            .collect();
        Some((key, ordinal))
    }

    fn keep(&mut self, (key, ordinal): (Vec<Option<Value>>, u64), record: R) -> Flow {
        if self.search.sort.is_empty() {
            self.kept += 1;
            self.last = Some(ordinal);
            self.ready.push(record);
        } else {
            let limit = usize::try_from(self.search.limit).unwrap_or(usize::MAX);
            if self.page.len() >= limit {
                self.page.pop();
            } else {
                self.kept += 1;
            }
            self.page.push(Ranked {
                search: self.search,
                key,
                ordinal,
                record,
            });
        }
        self.flow()
    }

    fn flow(&self) -> Flow {
        if self.search.sort.is_empty() && self.matched_after > self.search.limit {
            Flow::Stop
        } else {
            Flow::Continue
        }
    }

    /// Without a sort, the records kept so far are final: takes them (in order), so that a
    /// caller can print them while the scan goes on. With a sort, nothing is final before
    /// [`Collector::finish_kept`].
    pub fn take_ready(&mut self) -> Vec<R> {
        std::mem::take(&mut self.ready)
    }

    /// How many records [`Collector::take_ready`] would take.
    pub fn ready_len(&self) -> usize {
        self.ready.len()
    }

    /// The records not taken yet, in order and unprojected, whether more match, and the cursor
    /// of the next page.
    pub fn finish_kept(self) -> Kept<R> {
        let search = self.search;
        let has_more = self.matched_after > self.kept;
        let (records, last) = if search.sort.is_empty() {
            (self.ready, self.last.map(|ordinal| (Vec::new(), ordinal)))
        } else {
            let sorted = self.page.into_sorted_vec();
            let last = sorted.last().map(|r| (r.key.clone(), r.ordinal));
            (sorted.into_iter().map(|r| r.record).collect(), last)
        };
        let cursor = match last {
            Some((key, ordinal)) if has_more => {
                Some(Position::of(&key, ordinal).encode(search.fingerprint))
            }
            _ => None,
        };
        Kept {
            records,
            has_more,
            cursor,
        }
    }
}
