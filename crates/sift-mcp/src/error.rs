//! The server's own errors, as data: one variant per code `sift::mcp::<name>`, with help. A
//! tool answers with one of these (as a tool result marked as an error, so the agent reads
//! it) when it cannot run at all; a query that does not check is not an error of the tool but
//! its result: diagnostics.

use miette::Diagnostic;

/// Why a tool could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Diagnostic)]
#[non_exhaustive]
pub enum ToolError {
    /// The arguments do not match the tool's input schema.
    #[error("invalid arguments: {reason}")]
    #[diagnostic(
        code(sift::mcp::bad_arguments),
        help("the tool's inputSchema (tools/list) gives the arguments it takes")
    )]
    BadArguments {
        /// What the argument reader said.
        reason: String,
    },

    /// No entity of that name in the catalog.
    #[error("the {connector} catalog has no entity `{name}`")]
    #[diagnostic(
        code(sift::mcp::unknown_entity),
        help("list_entities names them; the nearest are in `alternatives`")
    )]
    UnknownEntity {
        /// The name asked for.
        name: String,
        /// The catalog's connector.
        connector: String,
        /// The nearest entity names.
        alternatives: Vec<String>,
    },

    /// A setting argument has a value sift does not know.
    #[error("unknown {setting} `{value}`")]
    #[diagnostic(code(sift::mcp::bad_setting), help("the values are in `alternatives`"))]
    BadSetting {
        /// Which argument (`target`, `emit`, `form`).
        setting: &'static str,
        /// The value given.
        value: String,
        /// The values it can take.
        alternatives: Vec<String>,
    },

    /// `search` was called on a server with neither local data nor API credentials.
    #[error("no search backend: the server was started without --data and without API credentials")]
    #[diagnostic(
        code(sift::mcp::no_backend),
        help(
            "start `sift mcp --data DIR` for local records, or set AIRBYTE_TOKEN (or \
             AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET) and AIRBYTE_CONNECTOR_ID for the hosted API; \
             compile, validate and explain work without one"
        )
    )]
    NoBackend,

    /// The backend refused or failed the search.
    #[error("the search failed: {reason}")]
    #[diagnostic(code(sift::mcp::search_failed))]
    SearchFailed {
        /// What the backend said (never a secret: the API client cuts them out).
        reason: String,
    },
}

impl ToolError {
    /// The stable code, `sift::mcp::<name>`.
    pub fn code(&self) -> String {
        Diagnostic::code(self).map_or_else(String::new, |code| code.to_string())
    }

    /// The help line.
    pub fn help_text(&self) -> Option<String> {
        Diagnostic::help(self).map(|help| help.to_string())
    }

    /// The valid choices, where the error has them.
    pub fn alternatives(&self) -> &[String] {
        match self {
            ToolError::UnknownEntity { alternatives, .. }
            | ToolError::BadSetting { alternatives, .. } => alternatives,
            _ => &[],
        }
    }
}
