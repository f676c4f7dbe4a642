//! The published connector specs: download the `airbyte-agent-sdk` wheel of the version these
//! tests were written against ([`sdk_version`], `tests/sdk-version.txt`) with pip into a temporary directory, load every `connector.yaml` it ships, and for every field of every
//! entity compile conditions that fit its type and check that ill-typed ones are rejected.
//! Nothing from the wheel is kept. Fails (never skips) when pip or the download fails.

mod connectors_support;

use std::io::Read;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use connectors_support::{compile_filter, exercise, sdk_version};
use serde_json::json;
use sift::Catalog;
use sift_schema::load_connector_spec;

/// The specs of the downloaded wheel: (connector directory, catalog), sorted by directory.
struct Wheel {
    /// The wheel's version, from its file name.
    version: String,
    specs: Vec<(String, Catalog)>,
    /// Spec files that failed to load, with their diagnostics.
    errors: Vec<String>,
    /// Specs without a context store (loaded, with no entities).
    without_context_store: usize,
    download: Duration,
    load: Duration,
}

fn wheel() -> &'static Wheel {
    static WHEEL: OnceLock<Wheel> = OnceLock::new();
    WHEEL.get_or_init(download_and_load)
}

fn download_and_load() -> Wheel {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--python-version",
            "3.13",
        ])
        .args([
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--quiet",
        ])
        .arg(format!("airbyte-agent-sdk=={}", sdk_version()))
        .arg("-d")
        .arg(dir.path())
        .output()
        .expect("running python3 -m pip (python3 with pip must be installed)");
    assert!(
        output.status.success(),
        "pip download failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let wheel_path = std::fs::read_dir(dir.path())
        .expect("reading the download directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("pip downloaded a wheel");
    let file_name = wheel_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let version = file_name.split('-').nth(1).unwrap_or_default().to_owned();
    let download = started.elapsed();
    let started = Instant::now();
    let file = std::fs::File::open(&wheel_path).expect("opening the wheel");
    let mut archive = zip::ZipArchive::new(file).expect("the wheel is a zip archive");
    let mut wheel = Wheel {
        version,
        specs: Vec::new(),
        errors: Vec::new(),
        without_context_store: 0,
        download,
        load: Duration::ZERO,
    };
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("reading a wheel entry");
        let name = entry.name().expect("a wheel entry name").into_owned();
        let parts: Vec<&str> = name.split('/').collect();
        let [.., "specs", connector, "connector.yaml"] = parts.as_slice() else {
            continue;
        };
        let connector = (*connector).to_owned();
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .expect("a UTF-8 connector.yaml");
        match load_connector_spec(&text, &name) {
            Ok(loaded) => {
                if loaded
                    .warnings
                    .iter()
                    .any(|w| w.code_str() == "sift::schema::no_context_store")
                {
                    wheel.without_context_store += 1;
                }
                if let Some(other) = loaded
                    .warnings
                    .iter()
                    .find(|w| w.code_str() != "sift::schema::no_context_store")
                {
                    wheel.errors.push(format!("unexpected warning: {other}"));
                }
                wheel.specs.push((connector, loaded.catalog));
            }
            Err(errors) => wheel
                .errors
                .extend(errors.iter().map(|e| format!("{}: {e}", e.code_str()))),
        }
    }
    wheel.specs.sort_by(|a, b| a.0.cmp(&b.0));
    wheel.load = started.elapsed();
    wheel
}

fn spec(connector: &str) -> &'static Catalog {
    wheel()
        .specs
        .iter()
        .find(|(name, _)| name == connector)
        .map(|(_, catalog)| catalog)
        .unwrap_or_else(|| panic!("the wheel has no {connector} spec"))
}

#[test]
fn every_published_spec_loads_and_every_field_compiles() {
    let wheel = wheel();
    assert!(wheel.errors.is_empty(), "{:#?}", wheel.errors);
    let with_store: Vec<&(String, Catalog)> = wheel
        .specs
        .iter()
        .filter(|(_, c)| !c.entities.is_empty())
        .collect();
    let entities: usize = with_store.iter().map(|(_, c)| c.entities.len()).sum();
    let fields: usize = with_store.iter().map(|(_, c)| c.field_count()).sum();
    let compiling = Instant::now();
    let mut failures = Vec::new();
    let (mut nested, mut compiled, mut rejected) = (0, 0, 0);
    let (mut unchecked, mut without_operator, mut shadowed) = (0, 0, 0);
    for (connector, catalog) in &with_store {
        let report = exercise(catalog);
        nested += report.nested_properties;
        compiled += report.compiled;
        rejected += report.rejected;
        without_operator += report.without_operator;
        unchecked += report.unchecked;
        shadowed += report.shadowed;
        failures.extend(
            report
                .failures
                .into_iter()
                .map(|f| format!("{connector}: {f}")),
        );
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "airbyte-agent-sdk {}: {} specs, {} with a context store, {} entities, {} top-level fields, {} nested properties; {} conditions compiled ({} on unchecked sub-paths), {} ill-typed ones rejected, {} fields no operator applies to, {} shadowed; download {:.1?}, unzip+load {:.1?}, compile {:.1?}",
            wheel.version,
            wheel.specs.len(),
            with_store.len(),
            entities,
            fields,
            nested,
            compiled,
            unchecked,
            rejected,
            without_operator,
            shadowed,
            wheel.download,
            wheel.load,
            compiling.elapsed()
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        wheel.specs.len(),
        with_store.len() + wheel.without_context_store
    );
    assert_eq!(wheel.version, sdk_version());
    // The counts the published package of that version has.
    assert_eq!(
        (
            wheel.specs.len(),
            with_store.len(),
            entities,
            fields,
            nested
        ),
        (56, 54, 490, 8725, 1101)
    );
}

/// Objects without declared properties (Stripe's `metadata`, Jira's `fields`, Zendesk's
/// `organization_fields`) give `unchecked_path` warnings; allowing that code lets
/// `--deny warnings` pass on such queries, while denying every warning refuses them.
#[test]
fn unchecked_paths_can_be_allowed_under_deny_warnings() {
    let queries = [
        (
            "stripe",
            "from charges where metadata.order_id = \"A-17\" and card.brand = \"visa\"",
        ),
        (
            "jira",
            "from issues where fields.priority.name = \"High\" and changelog.total > 3",
        ),
        (
            "zendesk-support",
            "from organizations where organization_fields.tier = \"gold\"",
        ),
    ];
    let deny = sift::lints::LintLevels::new()
        .with("warnings", sift::lints::Level::Deny)
        .expect("a known group");
    let deny_but_allow = deny
        .clone()
        .with("unchecked_path", sift::lints::Level::Allow)
        .expect("a known code");
    for (connector, source) in queries {
        let options =
            |lints: &sift::lints::LintLevels| sift::Options::default().with_lints(lints.clone());
        match sift::compile(source, spec(connector), &options(&deny)) {
            Ok(compiled) => panic!("{connector}: compiled under deny warnings: {compiled:?}"),
            Err(diagnostics) => assert!(
                diagnostics
                    .codes()
                    .iter()
                    .all(|c| *c == "sift::check::unchecked_path"),
                "{connector}: {:?}",
                diagnostics.codes()
            ),
        }
        match sift::compile(source, spec(connector), &options(&deny_but_allow)) {
            Ok(compiled) => assert!(compiled.warnings.is_empty(), "{connector}"),
            Err(diagnostics) => panic!("{connector}: {:?}", diagnostics.codes()),
        }
    }
}

/// Compiles to `expected` with no warning, and the text is already canonical.
fn compiles_to(catalog: &Catalog, source: &str, expected: serde_json::Value) {
    match compile_filter(catalog, source) {
        Ok((json, warnings)) => {
            assert_eq!(json, expected, "{source}");
            assert!(warnings.is_empty(), "{source}: {warnings:?}");
        }
        Err(codes) => panic!("{source}: {codes:?}"),
    }
    let formatted = sift::format(source, &sift::Options::default()).ok();
    assert_eq!(
        formatted.as_deref(),
        Some(format!("{source}\n").as_str()),
        "{source}"
    );
}

#[test]
fn dotted_top_level_names() {
    compiles_to(
        spec("google-ads"),
        "from accounts\nwhere customer.auto_tagging_enabled = true",
        json!({"eq": {"customer.auto_tagging_enabled": true}}),
    );
    // hubspot declares both an opaque `properties` object and `properties.email`: a walk into
    // an object without declared properties is no rival, so the dotted field is taken quietly.
    let hubspot = spec("hubspot");
    compiles_to(
        hubspot,
        "from contacts\nwhere properties.email = \"a@b.c\"",
        json!({"eq": {"properties.email": "a@b.c"}}),
    );
    compiles_to(
        hubspot,
        "from contacts\nwhere properties.email endswith \"@acme.com\"",
        json!({"endswith": {"properties.email": "@acme.com"}}),
    );
    // An unknown name is also compared with the last segment of the dotted names.
    let options = sift::Options::default();
    let unknown = sift::compile(
        "from contacts where email endswith \"@acme.com\"",
        hubspot,
        &options,
    )
    .expect_err("`email` is not a field of contacts");
    let reports = unknown.to_reports("from contacts where email endswith \"@acme.com\"");
    assert_eq!(unknown.codes(), ["sift::check::unknown_field"]);
    assert_eq!(
        reports[0].help.as_deref(),
        Some("did you mean `properties.email`?")
    );
    assert_eq!(
        reports[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("properties.email")
    );
    compiles_to(
        hubspot,
        "from contacts\nwhere `properties.email` = \"a@b.c\"",
        json!({"eq": {"properties.email": "a@b.c"}}),
    );
}

#[test]
fn keyword_like_entity_names() {
    // chargebee's entity `order`: bare after `from`, and kept bare by the formatter.
    compiles_to(
        spec("chargebee"),
        "from order\nwhere id = \"x\"",
        json!({"eq": {"id": "x"}}),
    );
}

/// Integer fields holding Unix seconds (guessed from the name) take relative times and dates,
/// lowered to seconds; the guess marks every integer field the published specs name as a
/// time in snake case (stripe, chargebee, intercom, …), and none beside camel-case names
/// (linkedin-ads' `created` counts milliseconds).
#[test]
fn unix_time_fields_take_relative_times_and_dates() {
    let now: sift::time::Timestamp = "2026-11-28T12:00:00Z".parse().expect("an instant");
    let options = sift::Options::default().with_now(now);
    let compiled = sift::compile(
        "from charges where created >= today() - 7d",
        spec("stripe"),
        &options,
    )
    .unwrap_or_else(|d| panic!("{:?}", d.codes()));
    assert_eq!(
        compiled.outputs[0].json,
        r#"{"query":{"filter":{"gte":{"created":1795219200}}}}"#
    );
    assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
    match compile_filter(spec("stripe"), "from customers where created >= 2024-01-01") {
        Ok((json, warnings)) => {
            assert_eq!(json, json!({"gte": {"created": 1_704_067_200}}));
            assert!(warnings.is_empty(), "{warnings:?}");
        }
        Err(codes) => panic!("{codes:?}"),
    }
    let (mut top_level, mut nested) = (0, 0);
    let mut connectors: Vec<&str> = Vec::new();
    for (connector, catalog) in &wheel().specs {
        for entity in &catalog.entities {
            let (top, inside) = unix_time_fields(&entity.fields, 0);
            top_level += top;
            nested += inside;
            if top + inside > 0 && connectors.last() != Some(&connector.as_str()) {
                connectors.push(connector);
            }
        }
    }
    assert_eq!((top_level, nested), (110, 14));
    assert_eq!(
        connectors,
        [
            "chargebee",
            "customer-io",
            "intercom",
            "klaviyo",
            "pinterest",
            "sendgrid",
            "slack",
            "stripe",
            "zendesk-support",
            "zendesk-talk"
        ]
    );
    let linkedin = spec("linkedin-ads");
    let conversions = linkedin
        .entity("conversions")
        .expect("linkedin-ads conversions");
    assert_eq!(conversions.field("created").map(|f| f.format), Some(None));
}

/// The top-level fields and the nested properties of `fields` that hold Unix seconds
/// (`depth`: 0 for an entity's fields).
fn unix_time_fields(fields: &[sift::schema::Field], depth: usize) -> (usize, usize) {
    fields.iter().fold((0, 0), |(top, nested), field| {
        let own = usize::from(field.format == Some(sift::schema::TimeFormat::UnixTime));
        let (below_top, below_nested) = field
            .ty
            .properties
            .as_deref()
            .map_or((0, 0), |properties| unix_time_fields(properties, depth + 1));
        let (top, nested) = if depth == 0 {
            (top + own, nested)
        } else {
            (top, nested + own)
        };
        (top + below_top, nested + below_nested)
    })
}

#[test]
fn values_that_look_right_but_compare_wrong() {
    // hubspot's deal amount is a string: ordering by a number compares text, with a warning.
    match compile_filter(
        spec("hubspot"),
        "from deals where properties.amount > 10000",
    ) {
        Ok((json, warnings)) => {
            assert_eq!(json, json!({"gt": {"properties.amount": "10000"}}));
            assert_eq!(warnings, ["sift::check::string_comparison"]);
        }
        Err(codes) => panic!("{codes:?}"),
    }
}

#[test]
fn keyword_like_names() {
    compiles_to(
        spec("twilio"),
        "from calls\nwhere from = \"+1555\" and to is not null",
        json!({"and": [{"eq": {"from": "+1555"}}, {"neq": {"to": null}}]}),
    );
    compiles_to(
        spec("zendesk-support"),
        "from sla_policies\nwhere filter is not null",
        json!({"neq": {"filter": null}}),
    );
}

#[test]
fn hyphenated_nested_names() {
    let klaviyo = spec("klaviyo");
    compiles_to(
        klaviyo,
        "from flows\nwhere relationships.`flow-actions`.links.related = \"x\" and relationships.`flow-actions`.data is not null",
        json!({"and": [
            {"eq": {"relationships.flow-actions.links.related": "x"}},
            {"neq": {"relationships.flow-actions.data": null}}
        ]}),
    );
    match compile_filter(
        klaviyo,
        "from flows\nwhere relationships.flow-actions.data is null",
    ) {
        Ok(json) => panic!("an unquoted hyphen compiled: {json:?}"),
        Err(codes) => assert!(!codes.is_empty()),
    }
}

#[test]
fn arrays_with_element_properties_and_unions() {
    compiles_to(
        spec("gmail"),
        "from messages\nwhere payload.headers any (name = \"Subject\" and value = \"Hi\")",
        json!({"any": {"payload.headers": {"and": [{"eq": {"name": "Subject"}}, {"eq": {"value": "Hi"}}]}}}),
    );
    match compile_filter(
        spec("gmail"),
        "from messages\nwhere payload.headers any (nmae = \"x\")",
    ) {
        Ok(json) => panic!("an unknown element property compiled: {json:?}"),
        Err(codes) => assert_eq!(codes, ["sift::check::unknown_field"]),
    }
    let amplitude = spec("amplitude");
    compiles_to(
        amplitude,
        "from events_list\nwhere timeline_hidden = true or timeline_hidden = 1.5",
        json!({"or": [{"eq": {"timeline_hidden": true}}, {"eq": {"timeline_hidden": 1.5}}]}),
    );
    compiles_to(
        spec("intercom"),
        "from conversation_parts\nwhere assigned_to = \"admin\"",
        json!({"eq": {"assigned_to": "admin"}}),
    );
}

/// Semantic search as the published specs configure it: 58 fields in 23 connectors; on each,
/// `similar to … in FIELD` compiles with a condition on every column of its filter's
/// namespace, and on asana's `projects` the namespace is the chunk-level one, not the entity's.
#[test]
fn semantic_search_as_each_connector_configures_it() {
    let wheel = wheel();
    assert!(wheel.errors.is_empty(), "{:#?}", wheel.errors);
    let options = sift::Options::default();
    let mut configured = 0;
    let mut connectors = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for (connector, catalog) in &wheel.specs {
        for entity in &catalog.entities {
            for (field, search) in entity.semantic_fields() {
                configured += 1;
                connectors.insert(connector.as_str());
                let conditions: Vec<String> = search
                    .filter_fields
                    .iter()
                    .map(|column| {
                        let name = sift::syntax::format_field_name(&column.name);
                        match column.ty.kinds.first() {
                            Some(sift::schema::Kind::Integer) => format!("{name} = 1"),
                            Some(sift::schema::Kind::Array) => format!("{name} has \"x\""),
                            _ => format!("{name} = \"x\""),
                        }
                    })
                    .collect();
                let source = format!(
                    "from {} similar to \"x\" in {} where {}",
                    sift_syntax::format_entity_name(&entity.name),
                    sift::syntax::format_field_name(&field.name),
                    conditions.join(" and ")
                );
                if let Err(diagnostics) = sift::compile(&source, catalog, &options) {
                    failures.push(format!("{connector}: {source}: {:?}", diagnostics.codes()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!((configured, connectors.len()), (58, 23));

    let asana = spec("asana");
    let source = "from projects similar to \"launch plan\" where workspace_gid = \"1\"";
    let compiled = sift::compile(source, asana, &options).expect("compiles");
    let params: serde_json::Value =
        serde_json::from_str(compiled.texts()[0]).expect("params are JSON");
    assert_eq!(
        params,
        json!({"semantic": {"prompt": "launch plan", "filter": {"eq": {"workspace_gid": "1"}}}})
    );
    let source = "from projects similar to \"launch plan\" where notes ~ \"x\"";
    let diagnostics = sift::compile(source, asana, &options).expect_err("`notes` is no column");
    assert_eq!(diagnostics.codes(), ["sift::check::semantic_filter_field"]);
    let help = diagnostics.to_reports(source)[0]
        .help
        .clone()
        .unwrap_or_default();
    let namespace = "gid, modified_at, name, permalink_url, archived, is_template, created_at, \
        due_on, workspace_gid, team_gid, owner_gid, project, project_context, project_chunk_id, \
        project_chunk_index";
    assert!(help.contains(namespace), "{help}");
    // hubspot copies `properties.hs_ticket_priority` (stored as
    // `properties_hs_ticket_priority`) into the column `priority`: the fix names it.
    let source = "from tickets similar to \"x\" where properties.hs_ticket_priority = \"HIGH\"";
    let diagnostics =
        sift::compile(source, spec("hubspot"), &options).expect_err("a field of the record");
    let reports = diagnostics.to_reports(source);
    assert_eq!(diagnostics.codes(), ["sift::check::semantic_filter_field"]);
    assert_eq!(
        reports[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("priority")
    );
}
