//! The local evaluator's input: generated Harvest `time_entries` records and a search that
//! reads every one of them (no limit stops it early), so records per second measure the
//! filter and the sort over the whole set.

use serde_json::Value;
use sift::Emit;
use sift::schema::harvest;
use sift_eval::generate::{Plan, generate, to_jsonl};

/// The entity the evaluator benchmark searches.
pub const EVAL_ENTITY: &str = "time_entries";

/// The query the evaluator runs: two conditions, a sort, and a limit above the record count.
pub const EVAL_QUERY: &str =
    "from time_entries where billable = true and hours > 2 sort spent_date desc limit 100000";

/// The evaluator's workload: the request sift compiles from [`EVAL_QUERY`], and the records.
#[derive(Clone, Debug)]
pub struct EvalCase {
    pub request: Value,
    pub records: Vec<Value>,
    /// The same records as JSON Lines, as `sift search --data` reads them.
    pub jsonl: String,
}

/// `base_count` 1 250 gives 10 000 `time_entries` (event-like entities get eight per base).
pub fn eval_case() -> EvalCase {
    let plan = Plan {
        seed: 2026,
        base_count: 1_250,
    };
    let records = generate(harvest(), &plan)
        .unwrap_or_default()
        .into_iter()
        .find(|(entity, _)| entity == EVAL_ENTITY)
        .map(|(_, records)| records)
        .unwrap_or_default();
    let options = sift::Options::default().with_emit(Emit::Request);
    let request = match sift::compile(EVAL_QUERY, harvest(), &options) {
        Ok(compiled) => serde_json::from_str(&compiled.texts().concat()).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    let jsonl = to_jsonl(&records);
    EvalCase {
        request,
        records,
        jsonl,
    }
}
