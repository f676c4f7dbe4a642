//! The facade end to end, over the built-in Harvest catalog.

use crate::schema::harvest;
use crate::*;

fn clients() -> Options {
    Options {
        entity: Some("clients".into()),
        ..Options::default()
    }
}

fn outputs(source: &str, options: &Options) -> Vec<String> {
    match compile(source, harvest(), options) {
        Ok(compiled) => compiled.texts().into_iter().map(String::from).collect(),
        Err(diagnostics) => panic!("{source}: {:?}", diagnostics.codes()),
    }
}

fn error_codes(source: &str, options: &Options) -> Vec<&'static str> {
    match compile(source, harvest(), options) {
        Ok(compiled) => panic!("{source}: expected errors, got {:?}", compiled.texts()),
        Err(diagnostics) => diagnostics.codes(),
    }
}

#[test]
fn the_headline_example() {
    assert_eq!(
        outputs(r#"is_active = true and name ~ "Acme""#, &clients()),
        [r#"{"query":{"filter":{"and":[{"eq":{"is_active":true}},{"fuzzy":{"name":"Acme"}}]}}}"#]
    );
}

#[test]
fn one_output_per_query_in_order() {
    let source = "from users where id = 1; from clients where id = 2 limit 5";
    assert_eq!(
        outputs(source, &Options::default()),
        [
            r#"{"query":{"filter":{"eq":{"id":1}}}}"#,
            r#"{"query":{"filter":{"eq":{"id":2}}},"limit":5}"#,
        ]
    );
}

#[test]
fn every_emit_form() {
    let source = "from users where id = 1 sort created_at desc limit 3 fields id, email";
    let expect = [
        (Emit::Filter, r#"{"eq":{"id":1}}"#),
        (
            Emit::Query,
            r#"{"filter":{"eq":{"id":1}},"sort":[{"created_at":"desc"}]}"#,
        ),
        (
            Emit::Params,
            r#"{"query":{"filter":{"eq":{"id":1}},"sort":[{"created_at":"desc"}]},"limit":3,"fields":[["id"],["email"]]}"#,
        ),
        (
            Emit::Request,
            r#"{"entity":"users","action":"context_store_search","params":{"query":{"filter":{"eq":{"id":1}},"sort":[{"created_at":"desc"}]},"limit":3,"fields":[["id"],["email"]]}}"#,
        ),
    ];
    for (emit, want) in expect {
        let options = Options {
            emit,
            ..Options::default()
        };
        assert_eq!(outputs(source, &options), [want], "{emit}");
    }
}

#[test]
fn errors_of_every_query_and_phase_are_collected() {
    // Query 1: a syntax error; query 2: a check error; query 3: a lowering error on 2026-10.
    let source = r#"from users where id == 1; from users where emial = "x"; from clients where name like "A_c%""#;
    let options = Options {
        target: Target::V2026_10,
        ..Options::default()
    };
    let codes = error_codes(source, &options);
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(codes[0].starts_with("sift::syntax::"), "{codes:?}");
    assert_eq!(codes[1], "sift::check::unknown_field");
    assert_eq!(codes[2], "sift::lower::no_like_on_target");
}

#[test]
fn emit_filter_without_a_filter() {
    let options = Options {
        emit: Emit::Filter,
        ..Options::default()
    };
    assert_eq!(
        error_codes("from users limit 5", &options),
        ["sift::lower::no_filter"]
    );
}

#[test]
fn reports_locate_in_characters() {
    let source = "from users\nwhere first_name ~ \"Zoë\" and emial = \"x\"";
    let Err(diagnostics) = compile(source, harvest(), &Options::default()) else {
        panic!("expected an error");
    };
    let reports = diagnostics.to_reports(source);
    let report = &reports[0];
    assert_eq!(report.code, "sift::check::unknown_field");
    assert_eq!(report.severity, Severity::Error);
    let start = source.find("emial").unwrap_or_default();
    assert_eq!(report.range.lo(), start);
    // `ë` is two bytes but one character.
    assert_eq!((report.line, report.column), (2, 30));
    assert_eq!((report.end_line, report.end_column), (2, 35));
    assert!(report.help.is_some());
    let fix = report.fix.as_ref().map(|f| f.replacement.as_str());
    assert_eq!(fix, Some("email"));
    let json = serde_json::to_value(report).unwrap_or_default();
    for key in [
        "code",
        "severity",
        "message",
        "range",
        "line",
        "column",
        "end_line",
        "end_column",
        "labels",
        "help",
        "fix",
    ] {
        assert!(json.get(key).is_some(), "report lacks {key}: {json}");
    }
    assert_eq!(json["severity"], "error");
}

#[test]
fn format_is_canonical_and_refuses_broken_text() {
    let formatted = format("FROM users WHERE id=1", &Options::default());
    assert_eq!(
        formatted.ok().as_deref().map(str::trim_end),
        Some("from users\nwhere id = 1")
    );
    let broken = format("from users where id == 1", &Options::default());
    let codes = broken.err().map(|d| d.codes()).unwrap_or_default();
    assert_eq!(codes, ["sift::syntax::double_equals"]);
}

#[test]
fn diagnostics_work_as_one_error() {
    let Err(diagnostics) = compile("from users where emial = 1", harvest(), &Options::default())
    else {
        panic!("expected an error");
    };
    let as_error: &dyn miette::Diagnostic = &diagnostics;
    assert_eq!(as_error.related().map(Iterator::count), Some(1));
    assert!(diagnostics.to_string().contains("emial"));
}

#[test]
fn warnings_ride_along_with_the_output() {
    let compiled = compile(
        r#"from users where first_name like "Ann""#,
        harvest(),
        &Options::default().with_target(Target::V2026_03),
    );
    let Ok(compiled) = compiled else {
        panic!("expected success");
    };
    assert_eq!(
        compiled.texts(),
        [r#"{"query":{"filter":{"like":{"first_name":"Ann"}}}}"#]
    );
    assert!(!compiled.warnings.has_errors());
    assert_eq!(
        compiled.warnings.codes(),
        ["sift::check::like_without_wildcard"]
    );
    let reports = compiled.warnings.to_reports("");
    assert_eq!(reports[0].severity.as_str(), "warning");
}

#[test]
fn decimals_stay_exact_end_to_end() {
    assert_eq!(
        outputs("from users where cost_rate = 0.1", &Options::default()),
        [r#"{"query":{"filter":{"eq":{"cost_rate":0.1}}}}"#]
    );
    assert_eq!(
        outputs(
            "from users where cost_rate > 123456789012345678901234567890.5",
            &Options::default()
        ),
        [r#"{"query":{"filter":{"gt":{"cost_rate":123456789012345678901234567890.5}}}}"#]
    );
}

#[test]
fn deepest_allowed_nesting_compiles_on_a_small_stack() {
    let depth = Limits::DEPTH_CEILING - 2;
    let source = format!(
        "from users where {}id = 1{}",
        "not (".repeat(depth / 2),
        ")".repeat(depth / 2)
    );
    let options = Options {
        emit: Emit::Filter,
        limits: Limits {
            max_depth: Limits::DEPTH_CEILING,
            ..Limits::default()
        },
        ..Options::default()
    };
    let run = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || compile(&source, harvest(), &options).map(|c| c.texts().concat()))
        .map(|handle| handle.join());
    let outputs = match run {
        Ok(Ok(Ok(outputs))) => outputs,
        Ok(Ok(Err(diagnostics))) => panic!("{:?}", diagnostics.codes()),
        _ => panic!("the compile thread failed"),
    };
    let json = outputs;
    assert_eq!(json.matches("\"not\"").count(), depth / 2);
    assert!(json.ends_with(&format!("{{\"eq\":{{\"id\":1}}}}{}", "}".repeat(depth / 2))));
}

#[test]
fn going_past_the_depth_limit_is_a_diagnostic() {
    let source = format!(
        "from users where {}id = 1{}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let codes = error_codes(&source, &Options::default());
    assert!(codes.contains(&"sift::syntax::too_deep"), "{codes:?}");
}

#[test]
fn naming_helpers_for_the_edge() {
    use crate::completion::nearest_entity;
    use crate::syntax::format_field_name;
    assert_eq!(nearest_entity(harvest(), "user"), Some("users"));
    assert_eq!(format_field_name("first_name"), "first_name");
    assert_eq!(format_field_name("customer.id"), "`customer.id`");
    assert_eq!(format_field_name("flow-actions"), "`flow-actions`");
}

#[test]
fn each_output_names_its_query_entity_and_span() {
    let source = "from users where id = 1;\nis_active = true";
    let compiled = compile(source, harvest(), &clients());
    let Ok(compiled) = compiled else {
        panic!("expected success");
    };
    let found: Vec<(usize, &str, &str)> = compiled
        .outputs
        .iter()
        .map(|o| {
            (
                o.query,
                o.entity.as_str(),
                &source[o.span.lo()..o.span.hi()],
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (0, "users", "from users where id = 1"),
            (1, "clients", "is_active = true")
        ]
    );
}

#[test]
fn check_reports_what_compile_reports() {
    // A syntax error, a check error, a lowering error (no `like` on 2026-10) and a warning.
    let source = r#"from users where id == 1; from users where is_actve = true;
        from users where first_name like "A_c%"; from users where first_name like "Ann""#;
    for target in Target::ALL {
        let options = Options::default().with_target(target);
        let from_compile = compile(source, harvest(), &options)
            .err()
            .map(|d| d.codes())
            .unwrap_or_default();
        assert_eq!(check(source, harvest(), &options).codes(), from_compile);
    }
    let checked = check(
        source,
        harvest(),
        &Options::default().with_target(Target::V2026_10),
    );
    assert!(checked.codes().contains(&"sift::lower::no_like_on_target"));
}

#[test]
fn the_json_form_is_an_option() {
    let json = r#"{"filter":{"eq":{"id":1}}}"#;
    let users = Options::default().with_entity("users");
    // Detected: a query (it has `filter`); read as a filter, `filter` is no operator.
    assert_eq!(
        validate_json(json, harvest(), &users).form,
        Some(JsonForm::Query)
    );
    let as_filter = users.with_form(Some(JsonForm::Filter));
    assert!(!validate_json(json, harvest(), &as_filter).is_valid());
    assert!(decompile(json, harvest(), &as_filter).is_err());
}

#[test]
fn a_diagnostic_is_no_larger_than_a_check_finding() {
    // A large query may have a warning per condition; a JSON finding is boxed so it does not
    // set the size of every diagnostic (ARCHITECTURE.md, `crates/sift`).
    assert!(std::mem::size_of::<Diagnostic>() <= std::mem::size_of::<sift_check::CheckError>());
}

#[test]
fn diagnostics_of_several_queries_come_out_in_source_order() {
    // The syntax error of the second query is reported before the check error of the first
    // by the phases; the list is sorted by position.
    let diagnostics = check(
        "from users where nope = 1; from users where (",
        harvest(),
        &Options::default(),
    );
    let starts: Vec<usize> = diagnostics.iter().map(|d| d.span().lo()).collect();
    assert!(starts.len() >= 2, "{:?}", diagnostics.codes());
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn a_document_is_read_for_the_target_it_was_written_for() {
    let options = Options::default()
        .with_entity("users")
        .with_inferred_target();
    let target_of = |json: &str| validate_json(json, harvest(), &options).target;
    // Valid on today's API: read once, for it.
    assert_eq!(
        target_of(r#"{"startswith":{"first_name":"A"}}"#),
        Target::V2026_10
    );
    // `like` exists before 2026-10 only; the newest target that has it.
    assert_eq!(
        target_of(r#"{"like":{"first_name":"A%"}}"#),
        Target::V2026_04
    );
    // `contains` on an array field is the older `has`.
    assert_eq!(
        target_of(r#"{"contains":{"roles":"admin"}}"#),
        Target::V2026_04
    );
    // The action `search` exists on 2026-03 only.
    let request = r#"{"entity":"users","action":"search","params":{"query":{}}}"#;
    assert_eq!(target_of(request), Target::V2026_03);
    // No reading is free of errors: the one with the fewest (the action's), with its errors.
    let broken =
        r#"{"entity":"users","action":"search","params":{"query":{"filter":{"eq":{"nope":1}}}}}"#;
    let validation = validate_json(broken, harvest(), &options);
    assert_eq!(validation.target, Target::V2026_03);
    assert_eq!(
        validation.diagnostics.codes(),
        ["sift::json::unknown_field"]
    );
    // An explicit target is not second-guessed.
    let explicit = options.clone().with_target(Target::V2026_10);
    let refused = validate_json(r#"{"like":{"first_name":"A%"}}"#, harvest(), &explicit);
    assert_eq!(refused.target, Target::V2026_10);
    assert!(!refused.is_valid());
}
