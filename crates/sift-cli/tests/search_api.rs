//! `sift search` end to end on both backends: a mock search API on 127.0.0.1 that answers
//! every execute call by evaluating the body it receives with `sift-eval` over
//! `examples/harvest`, and the real binary run once against it (credentials in the
//! environment) and once with `--data examples/harvest`. Both must print the same records, and
//! the body the server receives must be exactly what `sift compile --emit request` prints.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sift_eval::{Flow, Search};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "tok-e2e-SECRET-4711";
const CONNECTOR: &str = "conn-e2e";
const EXECUTE: &str = "/api/v1/integrations/connectors/conn-e2e/execute";
/// No run of the binary may take longer than this.
const RUN_BOUND: Duration = Duration::from_secs(60);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The example records, per entity, in file order.
fn harvest() -> HashMap<String, Vec<Value>> {
    let dir = repo_root().join("examples/harvest");
    let mut entities = HashMap::new();
    for entry in std::fs::read_dir(&dir).expect("examples/harvest exists") {
        let path = entry.expect("a directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("example files are UTF-8");
        let records = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| serde_json::from_str(line).expect("example lines are JSON"))
            .collect();
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        entities.insert(name.to_owned(), records);
    }
    entities
}

/// The search API as far as sift uses it: one execute endpoint, answered by `sift-eval`.
struct EvaluatingApi {
    records: HashMap<String, Vec<Value>>,
    /// Every body received, in order.
    received: Arc<Mutex<Vec<String>>>,
    /// Answer in the newer wrapped shape `{"result": …, "connector_metadata": …}`.
    wrapped: bool,
}

impl Respond for EvaluatingApi {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body = String::from_utf8_lossy(&request.body).into_owned();
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(body.clone());
        let authorized = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            == Some(&format!("Bearer {TOKEN}"));
        if !authorized {
            return ResponseTemplate::new(401).set_body_json(json!({"message": "bad token"}));
        }
        let invalid = |message: String| {
            ResponseTemplate::new(422)
                .set_body_json(json!({"errors": [{"userPresentableMessage": message}]}))
        };
        let value: Value = match serde_json::from_str(&body) {
            Ok(value) => value,
            Err(error) => return invalid(format!("not JSON: {error}")),
        };
        let (entity, search) = match Search::from_request(&value, sift::Target::default()) {
            Ok(found) => found,
            Err(error) => return invalid(error.to_string()),
        };
        let Some(records) = self.records.get(&entity) else {
            return invalid(format!("no entity {entity}"));
        };
        let mut collector = search.collector();
        for record in records {
            if collector.push(record.clone()) == Flow::Stop {
                break;
            }
        }
        let page = collector.finish().to_response();
        let answer = if self.wrapped {
            json!({"result": page, "connector_metadata": {"connector": "harvest"}})
        } else {
            page
        };
        ResponseTemplate::new(200).set_body_json(answer)
    }
}

/// A mock API on 127.0.0.1 and the bodies it receives.
async fn start(wrapped: bool) -> (MockServer, Arc<Mutex<Vec<String>>>) {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    let received = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path(EXECUTE))
        .respond_with(EvaluatingApi {
            records: harvest(),
            received: Arc::clone(&received),
            wrapped,
        })
        .mount(&server)
        .await;
    (server, received)
}

/// The binary with the API's variables pointing at `server` (or at nothing), no colour, a
/// fixed width, the repository as working directory.
fn sift(server: Option<&MockServer>, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .current_dir(repo_root())
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("SIFT_SPEC_PATH")
        .env_remove("AIRBYTE_CLIENT_ID")
        .env_remove("AIRBYTE_CLIENT_SECRET")
        .env_remove("AIRBYTE_ORGANIZATION_ID")
        .stdin(Stdio::null());
    match server {
        Some(server) => command
            .env("AIRBYTE_API_URL", server.uri())
            .env("AIRBYTE_TOKEN", TOKEN)
            .env("AIRBYTE_CONNECTOR_ID", CONNECTOR),
        None => command
            .env_remove("AIRBYTE_API_URL")
            .env_remove("AIRBYTE_TOKEN")
            .env_remove("AIRBYTE_CONNECTOR_ID"),
    };
    command
}

/// Runs a command to its end, killing it (and failing) past [`RUN_BOUND`].
fn run(mut command: Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Drain the pipes on threads, so a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buffer).map(|_| buffer)
    });
    let err = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buffer).map(|_| buffer)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting works") {
            break status;
        }
        if start.elapsed() > RUN_BOUND {
            let _ = child.kill();
            panic!("sift ran longer than {RUN_BOUND:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("reader").expect("stdout"),
        stderr: err.join().expect("reader").expect("stderr"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What `sift compile --emit request` prints for `query`, without its line break.
fn compiled_request(query: &str) -> String {
    let output = run(sift(None, &["compile", "--emit", "request", query]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout).trim_end().to_owned()
}

/// Queries over several entities, operators, sorts, limits, projections and paging.
const QUERIES: [&[&str]; 12] = [
    &["from time_entries where billable = true and hours > 2 sort spent_date desc limit 5"],
    &["from clients where name ~ \"birch\" or name ~ \"labs\""],
    &[
        "from time_entries where notes contains \"search\" or hours >= 7.5 sort hours desc, id limit 7",
    ],
    &["from users where is_active = true and last_name startswith \"J\" sort last_name"],
    &["from projects where client.id in [2005, 2008] sort name fields id, name, client.name"],
    &["from time_entries where spent_date is null or billable = false sort id desc limit 6"],
    &[
        "from time_entries where user.name endswith \"y\" sort created_at limit 4",
        "--all",
    ],
    &[
        "from invoices sort amount desc limit 3",
        "--all",
        "--format",
        "json",
    ],
    &[
        "from users where weekly_capacity >= 100000 and email like \"%@%\"",
        "--format",
        "csv",
    ],
    &["from tasks limit 4", "--all", "--format", "table"],
    &[
        "from time_entries where hours < 1 or hours > 7 sort hours, id limit 9",
        "--all",
        "--format",
        "json",
    ],
    &[
        "from expenses where total_cost > 50 sort spent_date desc limit 2",
        "--all",
    ],
];

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_api_and_local_data_print_the_same_records() {
    for wrapped in [true, false] {
        let (server, received) = start(wrapped).await;
        for args in QUERIES {
            let query = args[0];
            let local = run(sift(
                Some(&server),
                &[&["search", "--data", "examples/harvest"], args].concat(),
            ));
            received.lock().unwrap().clear();
            let api = run(sift(Some(&server), &[&["search"], args].concat()));
            assert!(local.status.success(), "{args:?}: {}", text(&local.stderr));
            assert!(api.status.success(), "{args:?}: {}", text(&api.stderr));
            assert!(!local.stdout.is_empty(), "{args:?}: no records");
            assert_eq!(text(&api.stdout), text(&local.stdout), "{args:?}");
            assert!(
                text(&api.stderr).contains(&format!(
                    "searching the API at {}/ (connector {CONNECTOR})",
                    server.uri()
                )),
                "{}",
                text(&api.stderr)
            );
            assert!(
                text(&local.stderr).contains("searching local data in examples/harvest"),
                "{}",
                text(&local.stderr)
            );
            // The closing count (records and pages) is the same on both.
            let count = |stderr: &str| {
                stderr
                    .lines()
                    .find(|line| line.contains(" on ") && line.contains(" page"))
                    .map(str::to_owned)
            };
            assert!(count(&text(&api.stderr)).is_some(), "{}", text(&api.stderr));
            assert_eq!(count(&text(&api.stderr)), count(&text(&local.stderr)));
            let bodies = received.lock().unwrap().clone();
            assert_eq!(bodies.first(), Some(&compiled_request(query)), "{args:?}");
            if args.contains(&"--all") {
                let pages = text(&api.stderr);
                assert!(
                    bodies.len() > 1 || !pages.contains(" pages"),
                    "{args:?}: {pages}"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn all_follows_every_page_on_both_backends() {
    let (server, received) = start(true).await;
    let query = "from time_entries where billable = true sort spent_date desc, id";
    let paged = ["search", "--all", "--page-size", "10", query];
    let local = run(sift(
        None,
        &[&paged[..], &["--data", "examples/harvest"]].concat(),
    ));
    let api = run(sift(Some(&server), &paged));
    assert!(api.status.success(), "{}", text(&api.stderr));
    assert_eq!(text(&api.stdout), text(&local.stdout));
    let lines = text(&api.stdout).lines().count();
    let bodies = received.lock().unwrap().clone();
    // Every billable entry once; one request per page of ten.
    let billable = harvest()["time_entries"]
        .iter()
        .filter(|r| r["billable"] == json!(true))
        .count();
    assert_eq!(lines, billable);
    assert_eq!(bodies.len(), billable.div_ceil(10));
    assert!(
        text(&api.stderr).contains(&format!("{billable} records on {} pages", bodies.len())),
        "{}",
        text(&api.stderr)
    );
    // Later pages differ from the first only in `params.cursor`.
    let first: Value = serde_json::from_str(&bodies[0]).unwrap();
    for later in &bodies[1..] {
        let mut later: Value = serde_json::from_str(later).unwrap();
        let cursor = later["params"]
            .as_object_mut()
            .unwrap()
            .remove("cursor")
            .expect("a later page carries a cursor");
        assert!(cursor.is_string());
        assert_eq!(later, first);
    }
    // The cap: three pages, then an error (exit 2) after the three pages are printed.
    let capped = run(sift(
        Some(&server),
        &[&paged[..], &["--max-pages", "3"]].concat(),
    ));
    assert_eq!(capped.status.code(), Some(2), "{}", text(&capped.stderr));
    assert_eq!(text(&capped.stdout).lines().count(), 30);
    assert!(
        text(&capped.stderr).contains("stopped after 3 pages (--max-pages 3)"),
        "{}",
        text(&capped.stderr)
    );
    // ... and says how to go on: the cursor of the next page, which resumes after the 30th.
    let resume = cursor_of(&text(&capped.stderr));
    let rest = run(sift(
        Some(&server),
        &[&paged[..], &["--cursor", &resume]].concat(),
    ));
    assert!(rest.status.success(), "{}", text(&rest.stderr));
    let both = text(&capped.stdout) + &text(&rest.stdout);
    assert_eq!(both, text(&local.stdout), "the cursor resumes exactly");
}

/// The cursor in the "resume with --cursor …" line of standard error (shell-quoted).
fn cursor_of(stderr: &str) -> String {
    let quoted = stderr
        .split("--cursor ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the cursor that resumes is printed");
    shlex::split(quoted)
        .and_then(|words| words.into_iter().next())
        .expect("a shell word")
}

/// With --all the query's `limit` is the most records in all, on both backends: pages of
/// --page-size, the last asking for only what is left, and the cursor printed resumes after
/// the last record.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn under_all_the_limit_is_the_total_on_both_backends() {
    let (server, received) = start(true).await;
    let query = "from time_entries where billable = true sort spent_date desc, id limit 10";
    let args = ["search", "--all", "--page-size", "4", query];
    let local = run(sift(
        None,
        &[&args[..], &["--data", "examples/harvest"]].concat(),
    ));
    let api = run(sift(Some(&server), &args));
    assert!(api.status.success(), "{}", text(&api.stderr));
    assert_eq!(text(&api.stdout), text(&local.stdout));
    assert_eq!(text(&api.stdout).lines().count(), 10);
    let limits: Vec<u64> = received
        .lock()
        .unwrap()
        .iter()
        .map(|body| {
            let body: Value = serde_json::from_str(body).unwrap();
            body["params"]["limit"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(limits, [4, 4, 2]);
    for output in [&api, &local] {
        assert!(
            text(&output.stderr).contains("10 records on 3 pages")
                && text(&output.stderr).contains("more records match than the query's limit of 10"),
            "{}",
            text(&output.stderr)
        );
    }
    // The next ten, from the printed cursor, are the ones after the first ten.
    let all = run(sift(
        None,
        &[
            "search",
            "--data",
            "examples/harvest",
            "--all",
            "from time_entries where billable = true sort spent_date desc, id limit 20",
        ],
    ));
    let resume = cursor_of(&text(&api.stderr));
    let next = run(sift(
        Some(&server),
        &[&args[..], &["--cursor", &resume]].concat(),
    ));
    assert!(next.status.success(), "{}", text(&next.stderr));
    assert_eq!(text(&api.stdout) + &text(&next.stdout), text(&all.stdout));
}

/// Exit code, stdout and stderr, with the server's address replaced by `{server}`.
fn shown(output: &Output, server: &MockServer) -> String {
    format!(
        "exit code: {:?}\n----- stdout -----\n{}----- stderr -----\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    )
    .replace(&server.uri(), "{server}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn goldens_of_the_api_path() {
    let (server, _) = start(true).await;
    let cases: [(&str, &[&str]); 4] = [
        (
            "api_all_json",
            &[
                "search",
                "--all",
                "--page-size",
                "2",
                "--format",
                "json",
                "from clients where is_active = true sort name fields id, name",
            ],
        ),
        (
            "api_dry_run",
            &[
                "search",
                "--dry-run",
                "--all",
                "from time_entries where billable = true and hours > 2 sort spent_date desc limit 5",
            ],
        ),
        (
            // A request for 2026-03 (action `search`): sift warns that current servers read
            // that action as another one, and this server (today's API) refuses it.
            "api_superseded_action",
            &["search", "-f", "tests/json/request_2026_03.json"],
        ),
        (
            "api_connector_flag",
            &["search", "--connector-id", "other", "from clients limit 1"],
        ),
    ];
    for (name, args) in cases {
        let output = run(sift(Some(&server), args));
        let shown = shown(&output, &server);
        assert!(!shown.contains(TOKEN), "{name}: the token leaked");
        insta::assert_snapshot!(name, shown);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_refused_token_is_exit_2_with_the_server_message_and_no_secret() {
    let (server, _) = start(false).await;
    let mut command = sift(Some(&server), &["search", "from clients limit 1"]);
    command.env("AIRBYTE_TOKEN", "tok-WRONG-SECRET-0815");
    let output = run(command);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("sift::client::unauthorized"), "{stderr}");
    assert!(stderr.contains("bad token"), "{stderr}");
    assert!(stderr.contains("AIRBYTE_TOKEN"), "{stderr}");
    assert!(!stderr.contains("tok-WRONG-SECRET-0815"), "{stderr}");
    assert!(!text(&output.stdout).contains("tok-WRONG"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_connector_is_found_by_definition_id_in_a_workspace() {
    let (server, received) = start(true).await;
    Mock::given(method("GET"))
        .and(path("/api/v1/integrations/connectors"))
        .and(wiremock::matchers::query_param("workspace_name", "team"))
        .and(wiremock::matchers::query_param(
            "definition_id",
            "def-harvest",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": [{"id": CONNECTOR}]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/integrations/connectors"))
        .and(wiremock::matchers::query_param("workspace_name", "other"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;
    let query = "from clients where is_active = true sort name limit 3";
    let mut command = sift(
        Some(&server),
        &[
            "search",
            "--definition-id",
            "def-harvest",
            "--workspace",
            "team",
            query,
        ],
    );
    command.env_remove("AIRBYTE_CONNECTOR_ID");
    let api = run(command);
    let local = run(sift(None, &["search", "--data", "examples/harvest", query]));
    assert!(api.status.success(), "{}", text(&api.stderr));
    assert_eq!(text(&api.stdout), text(&local.stdout));
    assert!(
        text(&api.stderr).contains("connector of definition def-harvest in workspace `team`"),
        "{}",
        text(&api.stderr)
    );
    assert_eq!(received.lock().unwrap().clone(), [compiled_request(query)]);
    // No match in another workspace: exit 2, saying what was searched.
    let mut command = sift(
        Some(&server),
        &[
            "search",
            "--definition-id",
            "def-harvest",
            "--workspace",
            "other",
            query,
        ],
    );
    command.env_remove("AIRBYTE_CONNECTOR_ID");
    let missing = run(command);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = text(&missing.stderr);
    assert!(
        stderr.contains("sift::client::connector_not_found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("def-harvest") && stderr.contains("`other`"),
        "{stderr}"
    );
}

/// A spec that says its definition id (`info.x-airbyte-connector-definition-id`): `--workspace`
/// alone finds the connector by it, and a catalog without one makes `--workspace` an error
/// rather than a flag silently ignored.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_spec_definition_id_finds_the_connector() {
    let (server, received) = start(true).await;
    Mock::given(method("GET"))
        .and(path("/api/v1/integrations/connectors"))
        .and(wiremock::matchers::query_param("workspace_name", "team"))
        .and(wiremock::matchers::query_param(
            "definition_id",
            "def-from-spec",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": [{"id": CONNECTOR}]})),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("connector.yaml");
    std::fs::write(
        &spec,
        "info:\n  x-airbyte-connector-name: harvest\n  x-airbyte-connector-definition-id: def-from-spec\n  x-airbyte-context-store:\n    entities:\n      - entity: clients\n        fields:\n          - name: id\n            type: integer\n          - name: name\n            type: string\n          - name: is_active\n            type: boolean\n",
    )
    .expect("write spec");
    let spec = spec.to_str().expect("utf-8 path");
    let query = "from clients where is_active = true sort name limit 3";
    let mut command = sift(
        Some(&server),
        &["search", "--spec", spec, "--workspace", "team", query],
    );
    command.env_remove("AIRBYTE_CONNECTOR_ID");
    let api = run(command);
    assert!(api.status.success(), "{}", text(&api.stderr));
    let local = run(sift(
        None,
        &[
            "search",
            "--spec",
            spec,
            "--data",
            "examples/harvest",
            query,
        ],
    ));
    assert_eq!(text(&api.stdout), text(&local.stdout));
    assert!(
        text(&api.stderr).contains("connector of definition def-from-spec in workspace `team`"),
        "{}",
        text(&api.stderr)
    );
    assert_eq!(received.lock().unwrap().len(), 1);
    // The built-in catalog names no definition: `--workspace` has nothing to look up.
    let mut command = sift(Some(&server), &["search", "--workspace", "team", query]);
    command.env_remove("AIRBYTE_CONNECTOR_ID");
    let refused = run(command);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("x-airbyte-connector-definition-id"),
        "{}",
        text(&refused.stderr)
    );
}
