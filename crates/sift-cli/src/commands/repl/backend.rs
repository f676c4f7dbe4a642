//! Where the REPL's queries run: local data through `sift-eval` (the same reader as `sift
//! search --data`), or the hosted API through `sift-client`.

use std::path::PathBuf;

use serde_json::Value;
use sift_eval::Search;

use super::reader;

/// One page of records.
#[derive(Debug)]
pub struct Fetched {
    pub records: Vec<Value>,
    pub has_more: bool,
    pub cursor: Option<String>,
}

pub enum Backend {
    /// No backend yet: queries compile, nothing runs.
    None,
    Local(PathBuf),
    Api(Box<Api>),
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// The API client and the runtime its calls run on (one thread: the REPL waits anyway).
pub struct Api {
    client: sift_client::Client,
    runtime: tokio::runtime::Runtime,
}

impl Backend {
    /// Local data in `dir`, which must be a directory.
    pub fn local(dir: PathBuf) -> Result<Backend, String> {
        if dir.is_dir() {
            Ok(Backend::Local(dir))
        } else {
            Err(format!(
                "{} is not a directory (one NAME.jsonl or NAME.json per entity)",
                crate::input::shown(&dir)
            ))
        }
    }

    /// The hosted API with the settings of the environment.
    pub fn api() -> Result<Backend, String> {
        let settings = settings()?;
        // Refused now rather than at the first query.
        if matches!(settings.credentials, sift_client::Credentials::None) {
            return Err(explain(&sift_client::ClientError::NoCredentials));
        }
        let client = sift_client::Client::new(settings).map_err(|e| explain(&e))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the HTTP runtime: {e}"))?;
        Ok(Backend::Api(Box::new(Api { client, runtime })))
    }

    pub fn describe(&self) -> String {
        match self {
            Backend::None => "no backend".into(),
            Backend::Local(dir) => format!("local data in {}", crate::input::shown(dir)),
            Backend::Api(_) => "the hosted API".into(),
        }
    }

    /// One page of `request` (with `params.cursor` for a later page).
    pub fn fetch(&mut self, request: &Value, target: sift::Target) -> Result<Fetched, String> {
        match self {
            Backend::None => Err(
                "no backend: :data DIR runs queries on local data, :api on the hosted API".into(),
            ),
            Backend::Local(dir) => {
                let (entity, search) =
                    Search::from_request(request, target).map_err(|e| explain(&e))?;
                let file = reader::locate(dir, &entity)?;
                let mut collector = search.collector();
                reader::scan(&file, false, &mut |record| collector.push(record))?;
                let page = collector.finish();
                Ok(Fetched {
                    records: page.records,
                    has_more: page.has_more,
                    cursor: page.cursor,
                })
            }
            Backend::Api(api) => {
                let body = request.to_string();
                let page = api
                    .runtime
                    .block_on(api.client.search(&body))
                    .map_err(|e| explain(&e))?;
                Ok(Fetched {
                    records: page
                        .records
                        .iter()
                        .map(sift_client::Record::to_value)
                        .collect(),
                    has_more: page.has_more,
                    cursor: page.cursor,
                })
            }
        }
    }
}

/// The API settings from the environment (`AIRBYTE_*`).
pub fn settings() -> Result<sift_client::Settings, String> {
    sift_client::Settings::from_env(|name| std::env::var(name).ok()).map_err(|e| explain(&e))
}

/// An error as one line: the message and its help.
fn explain(error: &dyn miette::Diagnostic) -> String {
    match error.help() {
        Some(help) => format!("{error} ({help})"),
        None => error.to_string(),
    }
}

/// The HTTP requests `body` makes on the API, as `sift search --dry-run` shows them: no
/// secret, the token a placeholder naming where it would come from; then what the settings
/// lack.
pub fn describe_request(body: &str) -> Result<String, String> {
    let settings = settings()?;
    let planned = super::super::search::backend::planned_requests(&settings, body)
        .map_err(|e| explain(&e))?;
    let mut out = String::new();
    for request in planned.requests {
        out.push_str(&crate::render::escape(&format!(
            "{} {}",
            request.method, request.url
        )));
        out.push('\n');
        for (name, value) in &request.headers {
            out.push_str(&crate::render::escape(&format!("{name}: {value}")));
            out.push('\n');
        }
        if let Some(body) = &request.body {
            out.push_str(&format!("\n{}\n", crate::render::escape::escape_json(body)));
        }
        out.push('\n');
    }
    for note in planned.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    Ok(out)
}
