//! `sift mcp`: the MCP server of `sift-mcp` on standard input and output, over the catalog,
//! options (project file and flags, as every command reads them) and search backend the
//! arguments choose. Standard output belongs to the protocol from here on.

use std::sync::{Arc, Mutex};

use super::repl::backend::{self as repl_backend, Backend};
use crate::args::McpArgs;
use crate::exit;
use crate::output::{Failure, Outcome};
use crate::render::{Style, escape};

pub fn run(args: &McpArgs, style: &Style) -> Outcome {
    let catalog = crate::catalogs::resolve(&args.catalog, style)?.into_owned();
    let options = args.target.options(&args.limits)?;
    if let Some(entity) = &options.entity
        && catalog.entity(entity).is_none()
    {
        let near = sift::completion::nearest_entity(&catalog, entity)
            .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
        return Err(Failure::Usage(format!(
            "no entity `{}` in the {} catalog{near}",
            escape(entity),
            catalog.connector
        )));
    }
    let backend: Backend = match &args.data {
        Some(dir) => Some(repl_backend::local(dir.clone(), options.target, &catalog)?),
        None => api_if_configured()?,
    };
    crate::config::in_force::backend(&repl_backend::describe(&backend));
    let mut server = sift_mcp::Server::new(catalog, options);
    if backend.is_some() {
        server = server.with_backend(Arc::new(Searcher(Mutex::new(backend))));
    }
    sift_mcp::run_stdio(server)
        .map_err(|e| Failure::Usage(format!("the MCP server stopped: {e}")))?;
    Ok(exit::OK)
}

/// The hosted API when the environment has credentials for it; none otherwise.
fn api_if_configured() -> Result<Backend, String> {
    let settings = repl_backend::settings()?;
    if matches!(settings.credentials, sift_client::Credentials::None) {
        return Ok(None);
    }
    repl_backend::api().map(Some)
}

/// `sift search`'s backend (local data, or the API), as the REPL holds it, behind the
/// server's seam; one search at a time.
struct Searcher(Mutex<Backend>);

impl sift_mcp::SearchBackend for Searcher {
    fn describe(&self) -> String {
        self.0.lock().map_or_else(
            |_| "a failed backend".to_owned(),
            |b| repl_backend::describe(&b),
        )
    }

    fn fetch(
        &self,
        request: &serde_json::Value,
        target: sift::Target,
    ) -> Result<sift_mcp::BackendPage, String> {
        let mut backend = self
            .0
            .lock()
            .map_err(|_| "an earlier search failed inside the backend".to_owned())?;
        let request = sift_eval::Request::from_json(request.clone()).map_err(|e| e.to_string())?;
        let page = repl_backend::fetch(&mut backend, &request, target)?;
        Ok(sift_mcp::BackendPage {
            records: page.records,
            has_more: page.has_more,
            cursor: page.cursor,
        })
    }
}
