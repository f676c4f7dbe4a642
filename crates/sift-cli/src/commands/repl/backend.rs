//! Where the REPL's queries run: the backend of `sift search` ([`search::Backend`]: local data
//! through `sift-eval`, the hosted API through `sift-client`), or none yet. This module only
//! builds it from the REPL's commands, describes it, and fetches one page of a request.

use std::path::PathBuf;

use serde_json::Value;
use sift_eval::Request;

use super::super::search::backend::{self as search, BackendError, PageRecord};

/// The REPL's backend: `None` until `:data DIR` or `:api` (queries compile, nothing runs).
pub type Backend = Option<search::Backend>;

/// One page of records.
#[derive(Debug)]
pub struct Fetched {
    pub records: Vec<Value>,
    pub has_more: bool,
    pub cursor: Option<String>,
}

/// Local data in `dir`, which must be a directory, read for `target` with `catalog`'s schemas.
pub fn local(
    dir: PathBuf,
    target: sift::Target,
    catalog: &sift::Catalog,
) -> Result<search::Backend, String> {
    if dir.is_dir() {
        Ok(search::Backend::local(dir, target, catalog.clone(), false))
    } else {
        Err(format!(
            "{} is not a directory (one NAME.jsonl or NAME.json per entity)",
            crate::input::shown(&dir)
        ))
    }
}

/// The hosted API with the settings of the environment.
pub fn api() -> Result<search::Backend, String> {
    let settings = settings()?;
    // Refused now rather than at the first query.
    if matches!(settings.credentials, sift_client::Credentials::None) {
        return Err(explain(&sift_client::ClientError::NoCredentials));
    }
    search::Backend::api(settings).map_err(message)
}

pub fn describe(backend: &Backend) -> String {
    match backend.as_ref().map(search::Backend::data_dir) {
        None => "no backend".into(),
        Some(Some(dir)) => format!("local data in {}", crate::input::shown(dir)),
        Some(None) => "the hosted API".into(),
    }
}

/// One page of `request` (with `params.cursor` for a later page), searched for `target`.
pub fn fetch(
    backend: &mut Backend,
    request: &Request,
    target: sift::Target,
) -> Result<Fetched, String> {
    let Some(backend) = backend else {
        return Err(
            "no backend: :data DIR runs queries on local data, :api on the hosted API".into(),
        );
    };
    backend.set_target(target);
    let mut records = Vec::new();
    let page = backend.run(request, &mut |page: &[PageRecord]| {
        records.extend(page.iter().map(PageRecord::to_value));
        Ok::<(), std::convert::Infallible>(())
    });
    let page = match page {
        Ok(page) => page.map_err(message)?,
        Err(never) => match never {},
    };
    Ok(Fetched {
        records,
        has_more: page.has_more,
        cursor: page.cursor,
    })
}

/// A backend's failure as one line.
fn message(error: BackendError) -> String {
    match error {
        BackendError::Io(message) => message,
        BackendError::Eval(error) => explain(&error),
        BackendError::Api(error) => explain(&error),
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
