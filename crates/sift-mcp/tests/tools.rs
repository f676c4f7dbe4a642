//! The tools in memory: each call of `CASES` (a tool, its arguments) through the same table
//! `tools/call` uses, its structured result snapshotted; and the properties every result holds.

use std::sync::Arc;

use serde_json::{Value, json};
use sift_mcp::{BackendPage, SearchBackend, Server, SiftMcp};

/// Local records searched with the evaluator `sift search --data` uses.
struct Records(Vec<Value>);

impl SearchBackend for Records {
    fn describe(&self) -> String {
        "records in memory".into()
    }

    fn fetch(&self, request: &Value, target: sift::Target) -> Result<BackendPage, String> {
        let (_, search) =
            sift_eval::Search::from_request(request, target).map_err(|e| e.to_string())?;
        let mut collector = search.collector();
        for record in &self.0 {
            collector.push(record.clone());
        }
        let page = collector.finish();
        Ok(BackendPage {
            records: page.records,
            has_more: page.has_more,
            cursor: page.cursor,
        })
    }
}

fn users() -> Vec<Value> {
    (1..=30)
        .map(|id| {
            json!({
                "id": id,
                "first_name": format!("User{id}"),
                "email": format!("u{id}@{}", if id % 2 == 0 { "acme.com" } else { "example.org" }),
                "is_active": id % 3 != 0,
                "weekly_capacity": id * 10000,
            })
        })
        .collect()
}

fn server() -> SiftMcp {
    let options = sift::Options::default()
        .with_now("2026-11-28T12:00:00Z".parse().unwrap())
        .with_inferred_target();
    SiftMcp::new(
        Server::new(sift::schema::harvest().clone(), options)
            .with_backend(Arc::new(Records(users()))),
    )
}

fn call(server: &SiftMcp, tool: &str, arguments: Value) -> Value {
    let Value::Object(arguments) = arguments else {
        panic!("arguments must be an object")
    };
    match server.call(tool, arguments).expect("the tool exists") {
        Ok(value) => value,
        Err(error) => json!({ "error": { "code": error.code(), "message": error.to_string(),
            "alternatives": error.alternatives() } }),
    }
}

/// Every case: a name, a tool and its arguments.
fn cases() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("list_entities", "list_entities", json!({})),
        (
            "list_entities_match",
            "list_entities",
            json!({"match": "invoice"}),
        ),
        (
            "list_entities_page",
            "list_entities",
            json!({"offset": 3, "limit": 2}),
        ),
        (
            "describe_users_match",
            "describe_entity",
            json!({"entity": "users", "match": "capacity"}),
        ),
        (
            "describe_page",
            "describe_entity",
            json!({"entity": "invoices", "limit": 3, "offset": 2}),
        ),
        (
            "describe_unknown_entity",
            "describe_entity",
            json!({"entity": "user"}),
        ),
        (
            "compile_ok",
            "compile",
            json!({"query": "from users where is_active = true and email endswith \"@acme.com\" limit 5", "emit": "request"}),
        ),
        (
            "compile_fixable",
            "compile",
            json!({"query": "from users where id in [7] and first_name == \"Ann\""}),
        ),
        (
            "compile_unknown_field",
            "compile",
            json!({"query": "from users where is_actve = true"}),
        ),
        (
            "compile_unknown_field_unsafe_fix",
            "compile",
            json!({"query": "from users where is_actve = true", "unsafe_fixes": true}),
        ),
        (
            "compile_bad_target",
            "compile",
            json!({"query": "is_active = true", "entity": "users", "target": "2027"}),
        ),
        (
            "validate_several_operators",
            "validate",
            json!({"document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_active": true}}, "entity": "users"}),
        ),
        (
            "validate_unknown_field",
            "validate",
            json!({"document": {"eq": {"is_actve": true}}, "entity": "users"}),
        ),
        (
            "validate_text",
            "validate",
            json!({"document": "{\"entity\":\"users\",\"action\":\"context_store_search\",\"params\":{\"query\":{\"filter\":{\"gte\":{\"weekly_capacity\":1},\"eq\":{\"is_active\":true}}}}}"}),
        ),
        (
            "validate_not_json",
            "validate",
            json!({"document": "{\"eq\": ", "entity": "users"}),
        ),
        (
            "validate_unsafe_fixes",
            "validate",
            json!({"document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_actve": true}},
                   "entity": "users", "unsafe_fixes": true}),
        ),
        (
            "validate_valid",
            "validate",
            json!({"document": {"eq": {"is_active": true}}, "entity": "users"}),
        ),
        (
            "decompile",
            "decompile",
            json!({"document": {"and": [{"eq": {"is_active": true}}, {"fuzzy": {"first_name": "Ann"}}]}, "entity": "users"}),
        ),
        (
            "decompile_invalid",
            "decompile",
            json!({"document": {"eq": {"nope": 1}}, "entity": "users"}),
        ),
        (
            "explain",
            "explain",
            json!({"query": "from time_entries where spent_date >= today() - 7d"}),
        ),
        (
            "explain_error",
            "explain",
            json!({"query": "from time_entries where spent_dat >= today() - 7d"}),
        ),
        (
            "search",
            "search",
            json!({"query": "from users where email endswith \"@acme.com\" and is_active = true sort id asc", "limit": 3}),
        ),
        (
            "search_document",
            "search",
            json!({"document": {"entity": "users", "action": "context_store_search", "params": {"query": {"filter": {"eq": {"id": 4}}}}}}),
        ),
        (
            "search_invalid",
            "search",
            json!({"query": "from users where nope = 1"}),
        ),
        (
            "search_both",
            "search",
            json!({"query": "from users", "document": {}}),
        ),
        (
            "bad_arguments_unknown_key",
            "compile",
            json!({"query": "x = 1", "entity": "users", "verbose": true}),
        ),
        (
            "bad_arguments_wrong_type",
            "describe_entity",
            json!({"entity": 7}),
        ),
    ]
}

#[test]
fn tool_results() {
    let server = server();
    let tools = server.tools();
    for (name, tool, arguments) in cases() {
        let result = call(&server, tool, arguments);
        // A tool's result follows its output schema; an error is the error object.
        if result.get("error").is_none() {
            let definition = tools.iter().find(|t| t.name == tool).expect("listed");
            let schema =
                Value::Object((*definition.output_schema.clone().expect("a schema")).clone());
            let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
            let errors: Vec<String> = validator
                .iter_errors(&result)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
        let text = serde_json::to_string_pretty(&result).expect("JSON");
        insta::assert_snapshot!(name, text);
    }
}

/// The case the server exists for: an agent's `{"gte":…,"eq":…}` gets the warning and the
/// corrected JSON, which validates clean.
#[test]
fn several_operators_come_back_corrected() {
    let server = server();
    let result = call(
        &server,
        "validate",
        json!({"document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_active": true}}, "entity": "users"}),
    );
    assert_eq!(result["valid"], true);
    assert_eq!(
        result["diagnostics"][0]["code"],
        "sift::json::several_operators"
    );
    assert_eq!(result["diagnostics"][0]["severity"], "warning");
    let corrected = &result["corrected"]["document"];
    assert_eq!(
        corrected,
        &json!({"and": [{"gte": {"weekly_capacity": 100000}}, {"eq": {"is_active": true}}]})
    );
    let again = call(
        &server,
        "validate",
        json!({"document": corrected, "entity": "users"}),
    );
    assert_eq!(again["diagnostics"], json!([]));
    assert!(again.get("corrected").is_none());
}

#[test]
fn unknown_field_has_did_you_mean_in_structured_form() {
    let server = server();
    let result = call(
        &server,
        "validate",
        json!({"document": {"eq": {"is_actve": true}}, "entity": "users"}),
    );
    let finding = &result["diagnostics"][0];
    assert_eq!(finding["code"], "sift::json::unknown_field");
    assert_eq!(finding["pointer"], "/eq/is_actve");
    assert_eq!(finding["alternatives"][0], "is_active");
    assert_eq!(finding["fix"]["replacement"], "\"is_active\"");
    assert_eq!(finding["fix"]["kind"], "unsafe");
}

/// Every result fits its output schema's bounds: at most `MAX_DIAGNOSTICS` diagnostics, the
/// rest counted.
#[test]
fn diagnostics_are_bounded_and_counted() {
    let server = server();
    let conditions: Vec<String> = (0..60).map(|i| format!("nope{i} = 1")).collect();
    let query = format!("from users where {}", conditions.join(" and "));
    let result = call(&server, "compile", json!({ "query": query }));
    assert_eq!(result["ok"], false);
    assert_eq!(
        result["diagnostics"].as_array().unwrap().len(),
        sift_mcp::MAX_DIAGNOSTICS
    );
    assert_eq!(
        result["diagnostics_omitted"],
        60 - sift_mcp::MAX_DIAGNOSTICS
    );
}

#[test]
fn describe_pages_cover_every_field_once() {
    let server = server();
    let mut seen = Vec::new();
    let mut offset = Some(0u64);
    while let Some(at) = offset {
        let page = call(
            &server,
            "describe_entity",
            json!({"entity": "invoices", "offset": at, "limit": 7}),
        );
        for field in page["fields"].as_array().unwrap() {
            seen.push(field["path"].as_str().unwrap().to_owned());
        }
        offset = page.get("next_offset").and_then(Value::as_u64);
        assert!(seen.len() <= page["total"].as_u64().unwrap() as usize);
    }
    let all =
        sift::completion::field_completions(sift::schema::harvest().entity("invoices").unwrap());
    assert_eq!(seen, all.iter().map(|f| f.path.clone()).collect::<Vec<_>>());
}

#[test]
fn search_pages_resume_at_the_cursor() {
    let server = server();
    let query = "from users where email endswith \"@acme.com\" sort id asc";
    let first = call(&server, "search", json!({"query": query, "limit": 10}));
    assert_eq!(first["has_more"], true);
    let second = call(
        &server,
        "search",
        json!({"query": query, "limit": 10, "cursor": first["cursor"]}),
    );
    let ids: Vec<u64> = [&first, &second]
        .iter()
        .flat_map(|page| {
            page["records"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(ids, (1..=15).map(|i| i * 2).collect::<Vec<_>>());
    assert_eq!(second["has_more"], false);
}

#[test]
fn search_without_a_backend_says_how_to_get_one() {
    let server = SiftMcp::new(Server::new(
        sift::schema::harvest().clone(),
        sift::Options::default(),
    ));
    let result = call(&server, "search", json!({"query": "from users"}));
    assert_eq!(result["error"]["code"], "sift::mcp::no_backend");
}

#[test]
fn every_tool_has_object_schemas() {
    let server = server();
    let tools = server.tools();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        names,
        [
            "list_entities",
            "describe_entity",
            "compile",
            "validate",
            "decompile",
            "explain",
            "search"
        ]
    );
    for tool in tools {
        assert_eq!(
            tool.input_schema.get("type"),
            Some(&json!("object")),
            "{}",
            tool.name
        );
        let output = tool.output_schema.expect("an output schema");
        assert_eq!(output.get("type"), Some(&json!("object")), "{}", tool.name);
    }
}

/// A long query compiles to more JSON than a result carries: the outputs are cut and counted.
#[test]
fn outputs_are_bounded_in_bytes() {
    let server = server();
    let ids: Vec<String> = (0..2_000).map(|i| format!("\"{i:0>200}\"")).collect();
    let query = format!("from users where email in [{}]", ids.join(", "));
    let one = call(&server, "compile", json!({ "query": query }));
    assert_eq!(one["ok"], true);
    assert_eq!(one["outputs"].as_array().unwrap().len(), 0);
    assert_eq!(one["outputs_omitted"], 1);
    let many = vec!["from users where is_active = true"; 30].join(";\n");
    let cut = call(&server, "compile", json!({ "query": many }));
    assert_eq!(cut["outputs"].as_array().unwrap().len(), 20);
    assert_eq!(cut["outputs_omitted"], 10);
}
