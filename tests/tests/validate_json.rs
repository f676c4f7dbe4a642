//! `validate_json`: each malformed input the issue lists is rejected with its own code, the
//! JSON pointer, the line and column in the JSON text, and help; several independent errors
//! are reported in one run; deep and huge input fails with a diagnostic, not a crash.

mod common;

use sift::schema::harvest;
use sift::{Emit, JsonForm, Options, Target, validate_json};

fn options(target: Target) -> Options {
    Options::default().with_target(target).with_entity("users")
}

/// Validates `json` on 2026-03 (or `target`) and returns `(code, pointer, line, column)` of
/// every error, checking that each has help.
fn errors_on(
    json: &str,
    target: Target,
    form: Option<JsonForm>,
) -> Vec<(String, String, usize, usize)> {
    let validation = validate_json(json, harvest(), &options(target).with_form(form));
    validation
        .diagnostics
        .to_reports(json)
        .into_iter()
        .filter(|r| r.severity.as_str() == "error")
        .map(|r| {
            assert!(r.help.is_some(), "{} has no help", r.code);
            assert!(r.range.hi() <= json.len());
            (
                r.code.to_owned(),
                r.pointer.unwrap_or_default(),
                r.line,
                r.column,
            )
        })
        .collect()
}

fn errors(json: &str) -> Vec<(String, String, usize, usize)> {
    errors_on(json, Target::V2026_03, None)
}

/// The only error is `code` at `pointer`.
#[track_caller]
fn rejects(json: &str, code: &str, pointer: &str) {
    rejects_on(json, Target::V2026_03, code, pointer);
}

#[track_caller]
fn rejects_on(json: &str, target: Target, code: &str, pointer: &str) {
    let found = errors_on(json, target, None);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, p, ..)| (c.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        codes,
        [(format!("sift::json::{code}").as_str(), pointer)],
        "{json}"
    );
}

/// The warnings of a document that validates, as (code, pointer, fix replacement).
fn warnings_on(json: &str, target: Target) -> Vec<(String, String, Option<String>)> {
    let validation = validate_json(json, harvest(), &options(target));
    assert!(validation.is_valid(), "{json}");
    validation
        .diagnostics
        .to_reports(json)
        .into_iter()
        .map(|r| {
            assert_eq!(r.severity.as_str(), "warning", "{json}: {}", r.code);
            (
                r.code.to_owned(),
                r.pointer.unwrap_or_default(),
                r.fix.map(|f| f.replacement),
            )
        })
        .collect()
}

#[test]
fn several_operator_keys_mean_and_on_every_target() {
    let json = r#"{"and":[{"gte":{"weekly_capacity":2},"eq":{"is_active":true}},{"eq":{"id":3}}]}"#;
    for target in Target::ALL {
        assert_eq!(
            warnings_on(json, target),
            [(
                String::from("sift::json::several_operators"),
                String::from("/and/0"),
                Some(String::from(
                    r#"{"and": [{"gte":{"weekly_capacity":2}}, {"eq":{"is_active":true}}]}"#
                ))
            )],
            "{target}"
        );
    }
}

#[test]
fn null_tests_on_never_null_fields_and_params_without_query_warn() {
    let json = r#"{"or":[{"eq":{"id":null}},{"eq":{"id":1}}]}"#;
    let found = warnings_on(json, Target::V2026_03);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "sift::json::never_null");
    assert_eq!(found[0].1, "/or/0");
    let params = r#"{"limit":5}"#;
    assert_eq!(
        warnings_on(params, Target::V2026_03),
        [(
            String::from("sift::json::missing_query"),
            String::new(),
            Some(String::from(r#""query": {}, "#))
        )]
    );
}

#[test]
fn semantic_params_read_back_on_2026_10_only() {
    let catalog = common::spec_fixture("semantic");
    let options = Options::default()
        .with_target(Target::V2026_10)
        .with_entity("projects");
    let json = r#"{"semantic":{"prompt":"late","field":"name","filter":{"eq":{"workspace_gid":"1"}},"min_similarity":0.3,"context_size":500,"dedup":"none"},"limit":20}"#;
    let back = sift::decompile(json, &catalog, &options).expect("decompiles");
    assert_eq!(
        back,
        "from projects\nsimilar to \"late\" in name min 0.3 context_size 500 dedup none\nwhere workspace_gid = \"1\"\nlimit 20"
    );
    let again = sift::compile(&back, &catalog, &options).expect("recompiles");
    assert_eq!(again.texts(), [json]);
    let old = options.clone().with_target(Target::V2026_03);
    let codes = validate_json(json, &catalog, &old).diagnostics.codes();
    assert_eq!(codes, ["sift::json::semantic_not_on_target"]);
    // `query` beside `semantic` is ignored, as the API ignores it.
    let json = r#"{"semantic":{"prompt":"late"},"query":{"filter":{"eq":{"gid":"1"}}}}"#;
    let validation = validate_json(json, &catalog, &options);
    assert!(validation.is_valid());
    assert_eq!(
        validation.diagnostics.codes(),
        ["sift::json::ignored_query"]
    );
}

#[test]
fn semantic_filters_name_the_chunk_namespace() {
    let catalog = common::spec_fixture("semantic");
    let options = Options::default()
        .with_target(Target::V2026_10)
        .with_entity("projects");
    // A field of the record: located, with the namespace as the alternatives and the column
    // that holds the field as the fix.
    let json = r#"{"semantic":{"prompt":"x","filter":{"and":[{"eq":{"workspace.gid":"1"}},{"fuzzy":{"notes":"y"}}]}}}"#;
    let reports = validate_json(json, &catalog, &options)
        .diagnostics
        .to_reports(json);
    let found: Vec<(&str, Option<&str>)> = reports
        .iter()
        .map(|r| (r.code, r.pointer.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "sift::json::semantic_filter_field",
                Some("/semantic/filter/and/0/eq/workspace.gid")
            ),
            (
                "sift::json::semantic_filter_field",
                Some("/semantic/filter/and/1/fuzzy/notes")
            ),
        ]
    );
    assert_eq!(
        reports[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("\"workspace_gid\"")
    );
    assert!(
        reports[1]
            .alternatives
            .iter()
            .any(|a| a == "project_context")
    );
    assert!(!reports[1].alternatives.iter().any(|a| a == "notes"));
    // A bad `dedup`, and `context_size` over the field's bound.
    let json = r#"{"semantic":{"prompt":"x","dedup":"all","context_size":4096}}"#;
    let codes = validate_json(json, &catalog, &options).diagnostics.codes();
    assert_eq!(
        codes,
        ["sift::json::bad_dedup", "sift::json::semantic_context_size"]
    );
    // The built-in Harvest catalog configures semantic search on no field.
    let json = r#"{"semantic":{"prompt":"x"}}"#;
    let harvest_options = options.clone().with_entity("time_entries");
    let codes = validate_json(json, harvest(), &harvest_options)
        .diagnostics
        .codes();
    assert_eq!(codes, ["sift::json::semantic_not_configured"]);
}

#[test]
fn each_malformed_input_has_its_own_code() {
    rejects(
        r#"{"equals":{"first_name":"x"}}"#,
        "unknown_operator",
        "/equals",
    );
    rejects_on(
        r#"{"like":{"first_name":"A%b"}}"#,
        Target::V2026_10,
        "operator_not_on_target",
        "/like",
    );
    rejects(
        r#"{"array_contains":{"roles":"x"}}"#,
        "operator_not_on_target",
        "/array_contains",
    );
    rejects(
        r#"{"and":[{"eq":{"id":1},"eq":{"id":2}},{"eq":{"id":3}}]}"#,
        "duplicate_key",
        "/and/0/eq",
    );
    rejects(r#"{"or":[{},{"eq":{"id":3}}]}"#, "no_operator", "/or/0");
    rejects(
        r#"{"query":{"filter":{}}}"#,
        "empty_filter",
        "/query/filter",
    );
    rejects(r#"{"and":[]}"#, "empty_logic", "/and");
    rejects(r#"{"or":[]}"#, "empty_logic", "/or");
    rejects(r#"{"not":[{"eq":{"id":1}}]}"#, "not_with_list", "/not");
    rejects(r#"{"in":{"id":5}}"#, "in_not_list", "/in/id");
    rejects(r#"{"in":{"id":[]}}"#, "empty_list", "/in/id");
    rejects(
        r#"{"eq":{"weekly_capacity":"forty"}}"#,
        "value_type_mismatch",
        "/eq/weekly_capacity",
    );

    rejects(
        r#"{"fuzzy":{"cost_rate":"x"}}"#,
        "operator_type_mismatch",
        "/fuzzy",
    );
    rejects(
        r#"{"eq":{"frist_name":"x"}}"#,
        "unknown_field",
        "/eq/frist_name",
    );
    rejects(
        r#"{"query":{"sort":[{"id":"up"}]}}"#,
        "bad_sort_direction",
        "/query/sort/0/id",
    );
    rejects(
        r#"{"query":{"sort":[{"id":"asc","email":"desc"}]}}"#,
        "bad_sort_item",
        "/query/sort/0",
    );
    rejects(r#"{"limit":0}"#, "bad_limit", "/limit");
    rejects(r#"{"limit":2.5}"#, "bad_limit", "/limit");
    rejects(r#"{"limit":"10"}"#, "bad_limit", "/limit");
    rejects(
        r#"{"query":{"limit":10}}"#,
        "limit_in_query",
        "/query/limit",
    );
    rejects(r#"{"fields":"id"}"#, "bad_fields", "/fields");
    rejects(r#"{"fields":[["id", 3]]}"#, "bad_fields", "/fields/0");
    rejects(
        r#"{"entity":"userz","action":"search","params":{}}"#,
        "unknown_entity",
        "/entity",
    );
    rejects(
        r#"{"entity":"users","action":"find","params":{}}"#,
        "unknown_action",
        "/action",
    );
    rejects(r#"{"entity":"users","action":"search"}"#, "missing_key", "");
    rejects(
        r#"{"query":{"filtre":{"eq":{"id":1}}}}"#,
        "unknown_key",
        "/query/filtre",
    );
    rejects(
        r#"{"eq":{"first_name":["a"]}}"#,
        "value_not_scalar",
        "/eq/first_name",
    );
    rejects(r#"{"eq":{"id":1,"email":"x"}}"#, "several_fields", "/eq");
    rejects(
        r#"{"eq":{"id":99999999999999999999}}"#,
        "integer_out_of_range",
        "/eq/id",
    );
    rejects(r#"{"eq":{"id":1},}"#, "invalid_json", "");
    rejects(r#"[1]"#, "unexpected_type", "");
}

#[test]
fn string_operators_on_other_types_name_the_valid_ones() {
    let json = r#"{"startswith":{"weekly_capacity":"4"}}"#;
    let validation = validate_json(json, harvest(), &options(Target::V2026_10));
    let reports = validation.diagnostics.to_reports(json);
    let [report] = reports.as_slice() else {
        panic!("{reports:?}")
    };
    assert_eq!(report.code, "sift::json::operator_type_mismatch");
    assert!(
        report.message.contains("`startswith`"),
        "{}",
        report.message
    );
    assert_eq!(
        report.alternatives,
        ["eq", "neq", "lt", "lte", "gt", "gte", "in"]
    );
    assert_eq!(report.found.as_deref(), Some("a `null | integer` field"));
}

#[test]
fn unknown_names_suggest_and_fix() {
    let json = "{\n  \"eq\": {\"frist_name\": \"Ann\"}\n}";
    let reports = validate_json(json, harvest(), &options(Target::V2026_03))
        .diagnostics
        .to_reports(json);
    let [report] = reports.as_slice() else {
        panic!("{reports:?}")
    };
    assert_eq!((report.line, report.column), (2, 11));
    assert_eq!(report.alternatives, ["first_name"]);
    let fix = report.fix.as_ref().map(|f| f.replacement.as_str());
    assert_eq!(fix, Some("\"first_name\""));
    // Several keys are read as AND, so the stray key is an unknown operator of its own.
    let json = r#"{"eq":{"id":1}, "x": 2}"#;
    assert_eq!(errors(json)[0].0, "sift::json::unknown_operator");
    let json = r#"{"eqq":{"id":1}}"#;
    let reports = validate_json(json, harvest(), &options(Target::V2026_03))
        .diagnostics
        .to_reports(json);
    assert_eq!(
        reports[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("\"eq\"")
    );
}

#[test]
fn five_independent_errors_yield_five_diagnostics() {
    let json = r#"{
  "query": {
    "filter": {"and": [
      {"equals": {"first_name": "Ann"}},
      {"eq": {"is_actve": true}},
      {"fuzzy": {"weekly_capacity": "x"}}
    ]},
    "sort": [{"created_at": "down"}]
  },
  "limit": 0
}"#;
    let found = errors(json);
    let codes: Vec<&str> = found.iter().map(|(c, ..)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "sift::json::unknown_operator",
            "sift::json::unknown_field",
            "sift::json::operator_type_mismatch",
            "sift::json::bad_sort_direction",
            "sift::json::bad_limit",
        ]
    );
    let lines: Vec<usize> = found.iter().map(|(_, _, line, _)| *line).collect();
    assert_eq!(lines, [4, 5, 6, 8, 10]);
}

#[test]
fn forms_are_detected_or_forced() {
    let validation = validate_json(
        r#"{"filter":{"eq":{"id":1}}}"#,
        harvest(),
        &options(Target::V2026_03),
    );
    assert_eq!(validation.form, Some(JsonForm::Query));
    assert!(validation.is_valid());
    let forced = errors_on(
        r#"{"filter":{"eq":{"id":1}}}"#,
        Target::V2026_03,
        Some(JsonForm::Filter),
    );
    assert_eq!(forced[0].0, "sift::json::unknown_operator");
    let request = r#"{"entity":"clients","action":"context_store_search","params":{"query":{"filter":{"eq":{"name":"x"}}}}}"#;
    // The request names its entity: `name` is a field of clients, not of users.
    assert!(validate_json(request, harvest(), &options(Target::V2026_10)).is_valid());
    let wrong_action = errors_on(request, Target::V2026_03, None);
    assert_eq!(wrong_action[0].0, "sift::json::unknown_action");
}

#[test]
fn filter_form_without_entity_is_reported() {
    let json = r#"{"eq":{"id":1}}"#;
    let validation = validate_json(json, harvest(), &Options::default());
    assert_eq!(validation.diagnostics.codes(), ["sift::json::no_entity"]);
}

#[test]
fn deep_and_huge_input_fails_with_a_diagnostic() {
    // Run on a 2 MiB stack, the default of spawned threads and of tokio's workers.
    let handle = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        let deep = format!(
            "{}{}{}",
            "{\"not\":".repeat(5000),
            r#"{"eq":{"id":1}}"#,
            "}".repeat(5000)
        );
        let codes = validate_json(&deep, harvest(), &options(Target::V2026_03))
            .diagnostics
            .codes();
        assert_eq!(codes, ["sift::json::too_deep"]);
        let brackets = "[".repeat(1_000_000);
        let codes = validate_json(&brackets, harvest(), &options(Target::V2026_03))
            .diagnostics
            .codes();
        assert_eq!(codes, ["sift::json::too_deep"]);
        // Just within the limit (32 levels of `not`) is fine, and decompiles.
        let ok = format!(
            "{}{}{}",
            "{\"not\":".repeat(32),
            r#"{"eq":{"id":1}}"#,
            "}".repeat(32)
        );
        assert!(sift::decompile(&ok, harvest(), &options(Target::V2026_03)).is_ok());
        let over = format!(
            "{}{}{}",
            "{\"not\":".repeat(33),
            r#"{"eq":{"id":1}}"#,
            "}".repeat(33)
        );
        let codes = validate_json(&over, harvest(), &options(Target::V2026_03))
            .diagnostics
            .codes();
        assert_eq!(codes, ["sift::json::too_deep"]);
    });
    assert!(handle.is_ok_and(|h| h.join().is_ok()));
}

#[test]
fn warnings_do_not_invalidate() {
    let json = r#"{"and":[{"eq":{"id":1}}]}"#;
    let validation = validate_json(json, harvest(), &options(Target::V2026_03));
    assert!(validation.is_valid());
    assert_eq!(
        validation.diagnostics.codes(),
        ["sift::json::single_operand"]
    );
    assert_eq!(
        sift::decompile(json, harvest(), &options(Target::V2026_03))
            .ok()
            .as_deref(),
        Some("id = 1")
    );
    let cursor = r#"{"query":{"filter":{"eq":{"id":1}}},"cursor":"abc"}"#;
    assert!(validate_json(cursor, harvest(), &options(Target::V2026_03)).is_valid());
    let refused = sift::decompile(cursor, harvest(), &options(Target::V2026_03));
    assert_eq!(
        refused.err().map(|d| d.codes()),
        Some(vec!["sift::json::not_decompilable"])
    );
}

/// The codes of a validation's diagnostics, in order.
fn codes_of(diagnostics: &sift::Diagnostics) -> Vec<&'static str> {
    diagnostics.codes()
}

#[test]
fn negative_zero_warns_in_validate_and_decompile_alike() {
    let json = r#"{"eq":{"id":-0}}"#;
    assert_eq!(
        warnings_on(json, Target::V2026_03),
        [(
            String::from("sift::json::negative_zero"),
            String::from("/eq/id"),
            Some(String::from("0"))
        )]
    );
    let validation = validate_json(json, harvest(), &options(Target::V2026_03));
    let (sift, warnings) = validation.into_sift().expect("decompiles");
    assert_eq!(sift, "id = 0");
    assert_eq!(codes_of(&warnings), ["sift::json::negative_zero"]);
    // A decimal keeps its text, so `-0.0` round-trips as written and is not flagged.
    let decimal = r#"{"eq":{"cost_rate":-0.0}}"#;
    assert_eq!(warnings_on(decimal, Target::V2026_03), []);
}

#[test]
fn a_single_operand_warns_in_decompile_as_in_validate() {
    for json in [
        r#"{"and":[{"eq":{"id":1}}]}"#,
        r#"{"or":[{"eq":{"id":1}}]}"#,
    ] {
        let validated = warnings_on(json, Target::V2026_03);
        assert_eq!(validated.len(), 1, "{json}");
        assert_eq!(validated[0].0, "sift::json::single_operand");
        let validation = validate_json(json, harvest(), &options(Target::V2026_03));
        let (sift, warnings) = validation.into_sift().expect("decompiles");
        assert_eq!(sift, "id = 1");
        assert_eq!(codes_of(&warnings), ["sift::json::single_operand"]);
    }
}

#[test]
fn checker_findings_keep_their_own_json_codes() {
    // Once restated as `sift::json::check_finding`; every checker code now has a JSON code.
    let json = r#"{"query":{"sort":[{"id":"asc"},{"id":"desc"}]},"fields":[["id"],["id"]]}"#;
    let found: Vec<String> = warnings_on(json, Target::V2026_03)
        .into_iter()
        .map(|(code, ..)| code)
        .collect();
    assert_eq!(
        found,
        [
            "sift::json::duplicate_sort_key",
            "sift::json::duplicate_field"
        ]
    );
}

fn options_at_depth(depth: usize, emit: Emit) -> Options {
    let mut options = options(Target::V2026_03);
    options.emit = emit;
    options.limits.max_depth = depth;
    options
}

/// Nestings of each shape the reader counts differently: `not` chains, `and`/`or` chains
/// that nest (parenthesised groups in sift), `not` around a group, and `any` around them.
fn nested_json(shape: &str, levels: usize) -> String {
    let mut json = String::from(r#"{"eq":{"id":1}}"#);
    for level in 0..levels {
        let logic = if level % 2 == 0 { "or" } else { "and" };
        json = match shape {
            "not" => format!(r#"{{"not":{json}}}"#),
            "chain" => format!(r#"{{"{logic}":[{json},{{"eq":{{"first_name":"a"}}}}]}}"#),
            "not_group" if level % 2 == 0 => format!(r#"{{"not":{json}}}"#),
            "not_group" => format!(r#"{{"{logic}":[{json},{{"eq":{{"first_name":"a"}}}}]}}"#),
            _ => unreachable!("unknown shape {shape}"),
        };
    }
    json
}

/// Both directions agree on depth: at `--max-depth D`, a JSON filter validates and
/// decompiles exactly when the sift it decompiles to compiles, and sift that compiles gives
/// JSON that validates; at the deepest nesting accepted (d) and one more (d + 1).
#[test]
fn both_directions_count_depth_alike_at_the_limit_and_one_past_it() {
    for limit in [3, 8, sift::Limits::DEPTH_CEILING] {
        let at = options_at_depth(limit, Emit::Filter);
        let unbounded = options_at_depth(sift::Limits::DEPTH_CEILING, Emit::Filter);
        for shape in ["not", "chain", "not_group"] {
            // The deepest nesting the JSON side accepts at this limit…
            let accepted: Vec<usize> = (0..limit + 2)
                .filter(|levels| {
                    let json = nested_json(shape, *levels);
                    validate_json(&json, harvest(), &at).is_valid()
                })
                .collect();
            let d = *accepted.last().expect("an unnested condition is accepted");
            assert_eq!(accepted, (0..=d).collect::<Vec<_>>(), "{shape} at {limit}");
            for levels in [d, d + 1] {
                let json = nested_json(shape, levels);
                let sift = match sift::decompile(&json, harvest(), &unbounded) {
                    Ok(sift) => sift,
                    // Past the ceiling no limit reads it: the sift side is checked below.
                    Err(errors) if limit == sift::Limits::DEPTH_CEILING && levels > d => {
                        // (Warnings ride along: `not not` is worth rewriting.)
                        let errors: Vec<String> = errors
                            .iter()
                            .filter(|d| d.is_error())
                            .map(|d| d.code().to_owned())
                            .collect();
                        assert_eq!(errors, ["sift::json::too_deep"]);
                        continue;
                    }
                    Err(errors) => panic!("{shape} {levels}: {:?}", errors.codes()),
                };
                let compiled = sift::compile(&sift, harvest(), &at);
                let decompiled = sift::decompile(&json, harvest(), &at);
                assert_eq!(
                    compiled.is_ok(),
                    decompiled.is_ok(),
                    "{shape}, {levels} levels at --max-depth {limit}: {sift}"
                );
                assert_eq!(compiled.is_ok(), levels == d, "{shape} {levels} at {limit}");
                match compiled {
                    // sift → JSON at the limit: the output validates at the same limit.
                    Ok(compiled) => {
                        let back = &compiled.outputs[0].json;
                        let validation = validate_json(back, harvest(), &at);
                        assert!(validation.is_valid(), "{shape} {levels}: {back}");
                    }
                    Err(errors) => {
                        let errors: Vec<String> = errors
                            .iter()
                            .filter(|d| d.is_error())
                            .map(|d| d.code().to_owned())
                            .collect();
                        assert_eq!(errors, ["sift::syntax::too_deep"], "{sift}")
                    }
                }
            }
        }
        // One `not` more than the deepest `not` chain JSON may hold: sift refuses it too
        // (the parser below the ceiling; at it the checker or the lowering, whose own guards
        // sit at the ceiling).
        let deepest = (0..=limit)
            .rev()
            .find_map(|levels| sift::decompile(&nested_json("not", levels), harvest(), &at).ok())
            .expect("some chain of nots is within the limit");
        let deeper = sift::compile(&format!("not {deepest}"), harvest(), &at);
        let codes: Vec<String> = deeper
            .err()
            .map(|errors| {
                errors
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.code().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            matches!(codes.as_slice(), [code] if code.ends_with("::too_deep")),
            "{limit}: {codes:?}"
        );
    }
}

/// `fields a, a` is not deduplicated silently: a warning with a fix, in sift source and in
/// JSON alike, which the lint levels can deny.
#[test]
fn a_field_listed_twice_warns_and_can_be_denied() {
    let source = "from users fields id, first_name, id";
    let compiled = sift::compile(source, harvest(), &options(Target::V2026_03)).expect("compiles");
    let reports = compiled.warnings.to_reports(source);
    let codes: Vec<&str> = reports.iter().map(|r| r.code).collect();
    assert_eq!(codes, ["sift::check::duplicate_field"]);
    let fix = reports[0].fix.as_ref().expect("a fix");
    let mut fixed = source.to_owned();
    fixed.replace_range(fix.span.range(), &fix.replacement);
    assert_eq!(fixed, "from users fields id, first_name");

    let mut denying = options(Target::V2026_03);
    denying.lints = sift::lints::LintLevels::new()
        .with("duplicate_field", sift::lints::Level::Deny)
        .expect("a known code");
    let denied = sift::compile(source, harvest(), &denying).expect_err("denied");
    assert_eq!(denied.codes(), ["sift::check::duplicate_field"]);
    assert!(denied.has_errors());
    let json = r#"{"query":{},"fields":[["id"],["id"]]}"#;
    assert!(!validate_json(json, harvest(), &denying).is_valid());
    assert!(sift::decompile(json, harvest(), &denying).is_err());
}

/// `validate_json_diagnostics` (what `sift validate` runs) reports exactly what `validate_json`
/// reports, for every JSON case of the corpus and every target, and writes no sift text.
#[test]
fn diagnostics_only_validation_reports_what_validation_reports() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("json");
    let mut documents = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for target in Target::ALL {
            let options = options(target);
            let full = validate_json(&text, harvest(), &options);
            let only = sift::check_json(&text, harvest(), &options);
            assert_eq!(only.form, full.form);
            assert_eq!(
                only.diagnostics.to_reports(&text),
                full.diagnostics.to_reports(&text)
            );
            assert_eq!(
                only.refusals.to_reports(&text),
                full.refusals.to_reports(&text)
            );
            assert!(only.sift.is_none());
            documents += usize::from(full.sift.is_some());
        }
    }
    assert!(documents > 0, "no valid document among the cases");
}

/// The JSON side makes the checker's claims in JSON terms and offers no fix that would change
/// the results: `like` without `%` (case, `_`), and negations on nullable fields.
#[test]
fn lint_claims_in_json_terms_without_result_changing_fixes() {
    let json = r#"{"like":{"first_name":"A_n"}}"#;
    let validation = validate_json(json, harvest(), &options(Target::V2026_03));
    let reports = validation.diagnostics.to_reports(json);
    let [like] = reports.as_slice() else {
        panic!("{:?}", validation.diagnostics.codes());
    };
    assert_eq!(like.code, "sift::json::like_without_wildcard");
    assert!(
        like.message.contains("must match the whole value"),
        "{}",
        like.message
    );
    let help = like.help.clone().unwrap_or_default();
    assert!(
        help.contains(r#"{"like": {"first_name": "%A_n%"}}"#),
        "{help}"
    );
    assert!(help.contains("`_` stands for any one character"), "{help}");
    assert!(like.fix.is_none());
    let json =
        r#"{"or":[{"neq":{"first_name":"Ann"}},{"not":{"in":{"email":["a@x.com","b@x.com"]}}}]}"#;
    let validation = validate_json(json, harvest(), &options(Target::V2026_03));
    let messages: Vec<String> = validation
        .diagnostics
        .to_reports(json)
        .into_iter()
        .map(|r| {
            assert_eq!(r.code, "sift::json::negated_nullable");
            assert!(r.fix.is_none());
            r.message
        })
        .collect();
    assert_eq!(
        messages,
        [
            "`neq` on the nullable field `first_name` also matches records where `first_name` is null",
            "`not` over `in` on the nullable field `email` also matches records where `email` is null",
        ]
    );
}
