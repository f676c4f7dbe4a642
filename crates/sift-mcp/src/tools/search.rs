//! `search`: a query (sift, or a JSON document as `validate` reads it) compiled to a request
//! and run on the server's backend; a page of records, bounded in count and size.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{call_options, query};
use crate::report::Findings;
use crate::{Server, ToolError};

/// The most records one `search` result asks for (the request's `limit` is lowered to it).
pub const MAX_RECORDS: u64 = 50;
/// The records of one result take at most this many bytes of JSON; the rest of the page is
/// counted in `records_omitted`.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;
const DEFAULT_RECORDS: u64 = 10;

/// Arguments of `search`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    /// The query in sift (`from users where is_active = true limit 5`, or a filter with
    /// `entity`); or leave it out and give `document`.
    #[serde(default)]
    pub query: Option<String>,
    /// The query as JSON: a filter, query, params or request (an object, or its text).
    #[serde(default)]
    pub document: Option<Value>,
    /// The entity a bare filter searches (a query's `from` or a request's `entity` wins).
    #[serde(default)]
    pub entity: Option<String>,
    /// The API version: `2026-10` (the default), `2026-04` or `2026-03`.
    #[serde(default)]
    pub target: Option<String>,
    /// The most records to return (default: the query's `limit`, else 10; at most 50).
    #[serde(default)]
    pub limit: Option<u64>,
    /// Resume after this cursor (the `cursor` of the result before).
    #[serde(default)]
    pub cursor: Option<String>,
}

/// `search`'s result.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SearchResult {
    /// Whether the query compiled and ran.
    pub ok: bool,
    /// Where it ran: local data or the hosted API.
    pub backend: String,
    /// The request sent (what `sift compile --emit request` prints, with the limit and cursor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    /// The records of this page (at most 50, and at most 64 KiB of JSON).
    pub records: Vec<Value>,
    /// Records of this page left out to stay within 64 KiB: ask for fewer records, or name
    /// the `fields` to return.
    pub records_omitted: usize,
    /// More records match after this page.
    pub has_more: bool,
    /// Pass it as `cursor` for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Why the query did not compile, or its warnings.
    #[serde(flatten)]
    pub findings: Findings,
}

/// Compiles the query to a request and runs one page of it on the backend.
pub fn search(server: &Server, args: SearchArgs) -> Result<SearchResult, ToolError> {
    let backend = server.backend().ok_or(ToolError::NoBackend)?;
    let source = match (args.query, &args.document) {
        (Some(query), None) => query,
        (None, Some(document)) => {
            let decompiled = query::decompile(
                server,
                query::DecompileArgs {
                    document: document.clone(),
                    entity: args.entity.clone(),
                    target: args.target.clone(),
                    form: None,
                },
            )?;
            match decompiled.sift {
                Some(sift) => sift,
                None => return Ok(refused(backend.describe(), decompiled.findings)),
            }
        }
        _ => {
            return Err(ToolError::BadArguments {
                reason: "give either `query` (sift) or `document` (JSON), not both or neither"
                    .into(),
            });
        }
    };
    let options = call_options(server, args.entity.as_deref(), args.target.as_deref())?
        .with_emit(sift::Emit::Request);
    let compiled = match sift::compile(&source, server.catalog(), &options) {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            return Ok(refused(
                backend.describe(),
                Findings::of(diagnostics, &source),
            ));
        }
    };
    let [output] = compiled.outputs.as_slice() else {
        return Err(ToolError::BadArguments {
            reason: format!(
                "search runs one query; the text holds {}",
                compiled.outputs.len()
            ),
        });
    };
    let mut request: Value =
        serde_json::from_str(&output.json).map_err(|e| ToolError::SearchFailed {
            reason: e.to_string(),
        })?;
    bound_request(&mut request, args.limit, args.cursor);
    let page = backend
        .fetch(&request, options.target)
        .map_err(|reason| ToolError::SearchFailed { reason })?;
    let (records, records_omitted) = bounded(page.records);
    Ok(SearchResult {
        ok: true,
        backend: backend.describe(),
        request: Some(request),
        records,
        records_omitted,
        has_more: page.has_more,
        cursor: page.cursor,
        findings: Findings::of(compiled.warnings, &source),
    })
}

fn refused(backend: String, findings: Findings) -> SearchResult {
    SearchResult {
        ok: false,
        backend,
        request: None,
        records: Vec::new(),
        records_omitted: 0,
        has_more: false,
        cursor: None,
        findings,
    }
}

/// Sets the request's `params.limit` (the argument, else its own, else the default; at most
/// [`MAX_RECORDS`]) and `params.cursor`.
fn bound_request(request: &mut Value, limit: Option<u64>, cursor: Option<String>) {
    let Some(params) = request.get_mut("params").and_then(Value::as_object_mut) else {
        return;
    };
    let own = params.get("limit").and_then(Value::as_u64);
    let limit = limit
        .or(own)
        .unwrap_or(DEFAULT_RECORDS)
        .clamp(1, MAX_RECORDS);
    params.insert("limit".into(), Value::from(limit));
    if let Some(cursor) = cursor {
        params.insert("cursor".into(), Value::String(cursor));
    }
}

/// The records that fit in [`MAX_RECORD_BYTES`], and how many did not.
fn bounded(records: Vec<Value>) -> (Vec<Value>, usize) {
    let total = records.len();
    let mut bytes = 0usize;
    let kept: Vec<Value> = records
        .into_iter()
        .take_while(|record| {
            bytes = bytes.saturating_add(record.to_string().len());
            bytes <= MAX_RECORD_BYTES
        })
        .collect();
    let omitted = total - kept.len();
    (kept, omitted)
}
