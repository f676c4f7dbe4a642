//! # sift-mcp
//!
//! sift served to agents over the Model Context Protocol: tools that list and describe the
//! catalog's entities, compile sift, validate and decompile JSON filters (their diagnostics
//! with every safe fix applied, so the agent retries with the corrected document at once),
//! explain queries and search; the language reference and each entity's schema as resources;
//! a prompt that teaches the language.
//!
//! The tools are plain functions of the [`Server`] state and their arguments
//! ([`tools`]); [`SiftMcp`] puts them on `rmcp`'s server handler, and [`run_stdio`] serves
//! them on standard input and output. The server does no IO of its own but that transport:
//! a search goes through the [`SearchBackend`] the caller gives (the CLI's local data or
//! hosted API).
//!
//! ```
//! use sift_mcp::{Server, tools};
//!
//! let server = Server::new(sift::schema::harvest().clone(), sift::Options::default());
//! let args = serde_json::from_value(serde_json::json!({
//!     "document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_active": true}},
//!     "entity": "users"
//! }))?;
//! let result = tools::validate(&server, args)?;
//! assert_eq!(result.findings.diagnostics[0].code, "sift::json::several_operators");
//! let corrected = result.corrected.unwrap();
//! assert_eq!(
//!     corrected.document.to_string(),
//!     r#"{"and":[{"gte":{"weekly_capacity":100000}},{"eq":{"is_active":true}}]}"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod handler;
mod report;
pub mod tools;

use std::sync::Arc;

pub use error::ToolError;
pub use handler::{MAX_MESSAGE_BYTES, SiftMcp};
pub use report::{Finding, FindingFix, Findings, MAX_DIAGNOSTICS, MAX_TEXT_CHARS};

/// The language reference served as the resource `sift://language`.
pub const LANGUAGE_REFERENCE: &str = include_str!("../../../grammar/README.md");

/// The prompt `write_sift_filter`: the language in a few lines.
pub const LANGUAGE_PROMPT: &str = include_str!("prompt.md");

/// One page of records from a [`SearchBackend`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BackendPage {
    /// The records, in the order the backend returned them.
    pub records: Vec<serde_json::Value>,
    /// More records match after these.
    pub has_more: bool,
    /// The cursor that resumes after them, when the backend gives one.
    pub cursor: Option<String>,
}

/// Where `search` runs a request: local records or the hosted API. Implemented by the edge
/// that starts the server; errors are one line, never carrying a secret.
pub trait SearchBackend: Send + Sync {
    /// What it is, for people (`local data in DIR`, `the hosted API`).
    fn describe(&self) -> String;

    /// One page of `request` (what `sift compile --emit request` prints, with
    /// `params.cursor` for a later page), read for `target`.
    fn fetch(
        &self,
        request: &serde_json::Value,
        target: sift::Target,
    ) -> Result<BackendPage, String>;
}

/// What the tools read: the catalog, the options every call starts from (target, lint
/// levels, limits, the clock), and the search backend, if any.
pub struct Server {
    catalog: sift::Catalog,
    options: sift::Options,
    backend: Option<Arc<dyn SearchBackend>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("connector", &self.catalog.connector)
            .field("options", &self.options)
            .field("backend", &self.backend.as_ref().map(|b| b.describe()))
            .finish()
    }
}

impl Server {
    /// A server over `catalog`, each call starting from `options` (an argument such as
    /// `target` or `entity` overrides it for that call).
    pub fn new(catalog: sift::Catalog, options: sift::Options) -> Server {
        Server {
            catalog,
            options,
            backend: None,
        }
    }

    /// This server searching with `backend`.
    pub fn with_backend(mut self, backend: Arc<dyn SearchBackend>) -> Server {
        self.backend = Some(backend);
        self
    }

    /// The catalog.
    pub fn catalog(&self) -> &sift::Catalog {
        &self.catalog
    }

    /// The options each call starts from.
    pub fn options(&self) -> &sift::Options {
        &self.options
    }

    /// The search backend, if any.
    pub fn backend(&self) -> Option<&Arc<dyn SearchBackend>> {
        self.backend.as_ref()
    }
}

/// Serves `server` on standard input and output until the client closes standard input (an
/// input closed before the first request ends it too, without error). A
/// message longer than [`MAX_MESSAGE_BYTES`] is dropped; a malformed one is answered with a
/// JSON-RPC error; neither ends the server.
pub fn run_stdio(server: Server) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let transport =
            rmcp::transport::async_rw::AsyncRwTransport::<rmcp::RoleServer, _, _>::new_server(
                tokio::io::stdin(),
                tokio::io::stdout(),
            )
            .with_max_line_length(MAX_MESSAGE_BYTES);
        let running = match rmcp::ServiceExt::serve(SiftMcp::new(server), transport).await {
            Ok(running) => running,
            // Standard input closed before any request: a client that went away, not a failure.
            Err(rmcp::service::ServerInitializeError::ConnectionClosed(_)) => return Ok(()),
            Err(error) => return Err(std::io::Error::other(error)),
        };
        running.waiting().await.map_err(std::io::Error::other)?;
        Ok(())
    })
}
