//! The server in memory, driven as an editor drives it: each feature's answer is a JSON
//! snapshot.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::{Value, json};
use sift_lsp::MemoryFiles;
use support::{TestServer, apply_edits, at};

const URI: &str = "file:///work/queries.sift";
const UTF8: &[&str] = &["utf-8", "utf-16"];

fn doc() -> Value {
    json!({"uri": URI})
}

/// Done-when: a typo in a field name is a diagnostic with the did-you-mean, and its quick fix
/// corrects it.
#[test]
fn a_typo_in_a_field_name_is_reported_and_its_quick_fix_corrects_it() {
    let mut server = TestServer::start(UTF8);
    let text = "from users where is_actve = true";
    let diagnostics = server.open(URI, text);
    snapshot!("typo_diagnostics", diagnostics);
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": doc(),
            "range": {"start": at(0, 20), "end": at(0, 20)},
            "context": {"diagnostics": diagnostics},
        }),
    );
    snapshot!("typo_actions", actions);
    let edits = actions[0]["edit"]["changes"][URI]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fixed = apply_edits(text, &edits);
    assert_eq!(fixed, "from users where is_active = true");
    assert_eq!(server.replace(URI, 2, &fixed), json!([]));
    assert_eq!(server.stop(), 0);
}

#[test]
fn initialize_offers_utf8_when_the_client_does_and_utf16_otherwise() {
    let mut server = TestServer::uninitialized(MemoryFiles::default());
    let result = server.request(
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}}),
    );
    snapshot!("initialize", result);
    assert_eq!(server.stop(), 0);
    let mut server = TestServer::uninitialized(MemoryFiles::default());
    let result = server.request("initialize", json!({"capabilities": {}}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(server.stop(), 0);
}

/// Ranges count UTF-16 units or UTF-8 bytes exactly, past CJK, emoji and combining marks.
#[test]
fn ranges_after_wide_characters_are_exact_in_both_encodings() {
    // `漢` is 1 UTF-16 unit and 3 bytes, `😀` 2 units and 4 bytes, `é` written as `e` and a
    // combining accent 2 units and 3 bytes.
    let text = "from users where first_name = \"漢😀e\u{301}\" and emial = \"x\"";
    let field = text.find("emial").unwrap_or_default();
    let units = text[..field].encode_utf16().count();
    for (encodings, column) in [(UTF8, field), (&["utf-16"][..], units)] {
        let mut server = TestServer::start(encodings);
        let diagnostics = server.open(URI, text);
        let range = &diagnostics[0]["range"];
        assert_eq!(range["start"], at(0, column as u32), "{encodings:?}");
        assert_eq!(range["end"], at(0, column as u32 + 5), "{encodings:?}");
        let hover = server.request(
            "textDocument/hover",
            json!({"textDocument": doc(), "position": at(0, column as u32 + 2)}),
        );
        assert!(
            hover["contents"]["value"]
                .as_str()
                .is_some_and(|h| h.contains("sift::check::unknown_field")),
            "{hover}"
        );
        assert_eq!(server.stop(), 0);
    }
}

#[test]
fn completion_offers_fields_with_their_types_and_operators_for_the_field() {
    let mut server = TestServer::start(UTF8);
    let text = "from users where is_a";
    server.open(URI, text);
    let fields = server.request(
        "textDocument/completion",
        json!({"textDocument": doc(), "position": at(0, 21)}),
    );
    snapshot!("completion_field", fields);
    server.replace(URI, 2, "from users where is_active ");
    let operators = server.request(
        "textDocument/completion",
        json!({"textDocument": doc(), "position": at(0, 27)}),
    );
    let labels: Vec<&str> = operators
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["label"].as_str())
        .collect();
    snapshot!("completion_operators_of_a_boolean", labels);
    assert_eq!(server.stop(), 0);
}

/// Completion looks at the query under the cursor: an earlier query's entity does not leak.
#[test]
fn completion_reads_the_query_under_the_cursor() {
    let mut server = TestServer::start(UTF8);
    let text = "from users where id = 1;\nfrom projects where na";
    server.open(URI, text);
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": doc(), "position": at(1, 22)}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["label"].as_str())
        .collect();
    assert_eq!(labels, ["name"]);
    let edit = &items[0]["textEdit"];
    assert_eq!(edit["range"]["start"], at(1, 20));
    assert_eq!(edit["range"]["end"], at(1, 22));
    assert_eq!(server.stop(), 0);
}

#[test]
fn hover_on_a_field_an_operator_and_an_entity() {
    let mut server = TestServer::start(UTF8);
    let text = "from projects where name ~ \"acme\" and starts_on >= 2026-01-01";
    server.open(URI, text);
    let mut hovers = serde_json::Map::new();
    for (word, name) in [
        ("projects", "entity"),
        ("name", "field"),
        ("~", "fuzzy"),
        (">=", "gte"),
    ] {
        let column = text.find(word).unwrap_or_default() as u32;
        let hover = server.request(
            "textDocument/hover",
            json!({"textDocument": doc(), "position": at(0, column)}),
        );
        hovers.insert(name.to_owned(), hover);
    }
    snapshot!("hovers", hovers);
    assert_eq!(server.stop(), 0);
}

#[test]
fn formatting_and_fix_all() {
    let mut server = TestServer::start(UTF8);
    let text = "from users where id in [7] and first_name == \"Ann\"";
    server.open(URI, text);
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": doc(),
            "range": {"start": at(0, 0), "end": at(0, 0)},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    snapshot!("fix_all", actions);
    let edits = actions[0]["edit"]["changes"][URI]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fixed = apply_edits(text, &edits);
    assert_eq!(fixed, "from users where id = 7 and first_name = \"Ann\"");
    server.replace(URI, 2, "from users   where id=7\n");
    let formatted = server.request(
        "textDocument/formatting",
        json!({"textDocument": doc(), "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    snapshot!("formatting", formatted);
    server.replace(URI, 3, "from users where (");
    let broken = server.request(
        "textDocument/formatting",
        json!({"textDocument": doc(), "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(broken, Value::Null, "a broken text is not formatted");
    assert_eq!(server.stop(), 0);
}

#[test]
fn semantic_tokens_symbols_and_the_signature_of_similar_to() {
    let mut server = TestServer::start(UTF8);
    let text = "# active users\nfrom users where is_active = true;\nfrom projects where name like \"a%\" limit 5";
    server.open(URI, text);
    let tokens = server.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": doc()}),
    );
    snapshot!("semantic_tokens", tokens);
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": doc()}),
    );
    snapshot!("symbols", symbols);
    server.replace(URI, 2, "from projects similar to \"late invoices\" min ");
    let help = server.request(
        "textDocument/signatureHelp",
        json!({"textDocument": doc(), "position": at(0, 45)}),
    );
    snapshot!("signature_help", help);
    assert_eq!(server.stop(), 0);
}

#[test]
fn incremental_edits_apply_in_order() {
    let mut server = TestServer::start(&["utf-16"]);
    server.open(URI, "from users where 漢 = 1");
    // Replace `漢` (column 17, one UTF-16 unit) with `id`, then append `;`.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [
                {"range": {"start": at(0, 17), "end": at(0, 18)}, "text": "id"},
                {"range": {"start": at(0, 23), "end": at(0, 23)}, "text": ";"},
            ],
        }),
    );
    assert_eq!(server.diagnostics(URI), json!([]));
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": doc()}),
    );
    assert_eq!(symbols[0]["name"], "from users where id = 1");
    assert_eq!(server.stop(), 0);
}

/// `sift.toml` from the document's folder sets the entity, target and lint levels; a change
/// to it is read again when the client says the file changed.
#[test]
fn the_project_file_applies_and_is_reloaded_when_it_changes() {
    let toml = PathBuf::from("/work/sift.toml");
    let files = MemoryFiles::new(HashMap::from([(
        toml.clone(),
        "entity = \"users\"\ndeny = [\"warnings\"]\n".to_owned(),
    )]));
    let mut server = TestServer::with_files(files.clone(), UTF8);
    let diagnostics = server.open(URI, "id in [7]");
    snapshot!("project_denies_warnings", diagnostics);
    let other = "file:///elsewhere/q.sift";
    let elsewhere = server.open(other, "id in [7]");
    assert_eq!(
        elsewhere[0]["code"], "sift::check::no_entity",
        "{elsewhere}"
    );
    files.set(&toml, Some("entity = \"users\"\n"));
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": "file:///work/sift.toml", "type": 2}]}),
    );
    let mut reloaded = server.diagnostics(URI);
    if reloaded == diagnostics {
        // The other document's may come first; this one's follows.
        reloaded = server.diagnostics(URI);
    }
    assert_eq!(reloaded[0]["severity"], 2, "a warning again: {reloaded}");
    assert_eq!(server.stop(), 0);
}

#[test]
fn a_broken_project_file_is_said_and_the_defaults_stand_in() {
    let files = MemoryFiles::new(HashMap::from([(
        PathBuf::from("/work/sift.toml"),
        "tagret = \"2026-10\"\n".to_owned(),
    )]));
    let mut server = TestServer::with_files(files, UTF8);
    let diagnostics = server.open(URI, "from users where id = 1");
    assert_eq!(diagnostics, json!([]));
    let message = server.notification("window/showMessage");
    snapshot!("broken_project_file", message);
    assert_eq!(server.stop(), 0);
}

#[test]
fn protocol_errors() {
    let mut server = TestServer::uninitialized(MemoryFiles::default());
    let early = server.respond("textDocument/hover", json!({}));
    assert_eq!(early.error.map(|e| e.code), Some(-32002));
    server.request("initialize", json!({"capabilities": {}}));
    let unknown = server.respond("sift/nothing", json!({}));
    assert_eq!(unknown.error.map(|e| e.code), Some(-32601));
    let malformed = server.respond("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(malformed.error.map(|e| e.code), Some(-32602));
    let closed = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.sift"}, "position": at(0, 0)}),
    );
    assert_eq!(closed, Value::Null);
    // A notification with bad parameters is logged; the session goes on.
    server.notify("textDocument/didOpen", json!({"textDocument": {}}));
    let log = server.notification("window/logMessage");
    assert!(
        log["message"]
            .as_str()
            .is_some_and(|m| m.contains("invalid parameters")),
        "{log}"
    );
    assert_eq!(server.stop(), 0);
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut server = TestServer::start(UTF8);
    server.notify("exit", Value::Null);
    assert_eq!(server.join(), 1);
}

/// Every `.sift` file below `dir`.
fn sift_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sift_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "sift") {
            out.push(path);
        }
    }
}

/// A message with the instant the clock read cut off (two checks read it apart).
fn without_clock(message: &str) -> String {
    message
        .split("the clock reads")
        .next()
        .unwrap_or(message)
        .to_owned()
}

/// The server checks each query alone (and again only when it changed); for every `.sift`
/// file of the repository that reports what checking the whole text reports.
#[test]
fn checking_query_by_query_reports_what_the_whole_text_reports() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    sift_files(&root.join("tests/cases"), &mut files);
    sift_files(&root.join("examples"), &mut files);
    files.sort();
    assert!(files.len() > 50, "{}", files.len());
    let mut server = TestServer::start(UTF8);
    for (n, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let whole: Vec<(String, String)> =
            sift::check(&text, sift::schema::harvest(), &sift::Options::default())
                .to_reports(&text)
                .into_iter()
                .map(|r| {
                    let help = r.help.map(|h| format!("\nhelp: {h}")).unwrap_or_default();
                    (
                        r.code.to_owned(),
                        without_clock(&format!("{}{help}", r.message)),
                    )
                })
                .collect();
        let uri = format!("untitled:case{n}.sift");
        let published = server.open(&uri, &text);
        let by_query: Vec<(String, String)> = published
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_owned(),
                    without_clock(d["message"].as_str().unwrap_or("")),
                )
            })
            .collect();
        assert_eq!(by_query, whole, "{}", path.display());
    }
    assert_eq!(server.stop(), 0);
}

/// A project's `spec` (a folder of connectors, one picked by `connector`) is the catalog its
/// documents are checked and completed with.
#[test]
fn the_project_spec_is_the_catalog() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let spec = std::fs::read_to_string(root.join("examples/specs/acme-crm/connector.yaml"))
        .unwrap_or_default();
    let files = MemoryFiles::new(HashMap::from([
        (
            PathBuf::from("/work/sift.toml"),
            "spec = \"specs\"\nconnector = \"acme-crm\"\n".to_owned(),
        ),
        (PathBuf::from("/work/specs/acme-crm/connector.yaml"), spec),
        (
            PathBuf::from("/work/specs/other/connector.yaml"),
            "not: [a spec".to_owned(),
        ),
    ]));
    let mut server = TestServer::with_files(files, UTF8);
    assert_eq!(server.open(URI, "from accounts where seats > 5"), json!([]));
    let unknown = server.replace(URI, 2, "from users where id = 1");
    assert_eq!(
        unknown[0]["code"], "sift::check::unknown_entity",
        "{unknown}"
    );
    server.replace(URI, 3, "from accounts where ti");
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": doc(), "position": at(0, 22)}),
    );
    assert_eq!(items[0]["label"], "tier");
    assert_eq!(
        items[0]["documentation"],
        "Plan tier (free, team, enterprise)"
    );
    assert_eq!(server.stop(), 0);
}

/// A client that does not watch files for the server: saving `sift.toml` in the editor
/// reloads it.
#[test]
fn saving_the_project_file_reloads_it() {
    let toml = PathBuf::from("/work/sift.toml");
    let files = MemoryFiles::new(HashMap::from([(
        toml.clone(),
        "entity = \"users\"\n".to_owned(),
    )]));
    let mut server = TestServer::with_files(files.clone(), UTF8);
    assert_eq!(server.open(URI, "id = 1"), json!([]));
    files.set(&toml, Some("entity = \"projects\"\n"));
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": "file:///work/sift.toml"}}),
    );
    // `projects` has an `id` too: the same query is valid, and the hover names the new entity.
    assert_eq!(server.diagnostics(URI), json!([]));
    server.replace(URI, 2, "budget = 1");
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": doc(), "position": at(0, 1)}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|h| h.starts_with("**budget**")),
        "{hover}"
    );
    assert_eq!(server.stop(), 0);
}

/// A client that watches files for the server is asked to watch `sift.toml`.
#[test]
fn a_client_that_can_watch_files_is_asked_to_watch_the_project_file() {
    let mut server = TestServer::uninitialized(MemoryFiles::default());
    server.request(
        "initialize",
        json!({"capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    server.notify("initialized", json!({}));
    let registration = server.server_request("client/registerCapability");
    snapshot!("watch_registration", registration);
    assert_eq!(server.stop(), 0);
}
