//! The tools, resources and prompt on `rmcp`'s server handler. One table of tools serves
//! `tools/list` and `tools/call`; each tool's input and output schemas are derived from its
//! argument and result types.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, GetPromptRequestParams,
    GetPromptResponse, GetPromptResult, Implementation, JsonObject, ListPromptsResult,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    Prompt, PromptMessage, ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult,
    Resource, ResourceContents, ResourceTemplate, Role, ServerCapabilities, ServerConfig, Tool,
    ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Server, ToolError, tools};

/// The longest JSON-RPC message read from standard input; a longer one is dropped unread.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// The URI of the language reference.
const LANGUAGE_URI: &str = "sift://language";
/// The URI of an entity's schema: this, then the entity's name.
const ENTITY_URI: &str = "sift://entity/";
/// The name of the prompt that teaches the language.
const PROMPT_NAME: &str = "write_sift_filter";

type Call = Box<dyn Fn(&Server, JsonObject) -> Result<Value, ToolError> + Send + Sync>;

/// One tool: its definition (name, description, schemas) and what runs it.
struct Entry {
    tool: Tool,
    call: Call,
    /// Whether it may block on IO (the search backend): it then runs off the protocol's thread.
    blocking: bool,
}

/// A tool of the table, its input and output schemas derived from `A` and `R`.
fn entry<A, R>(
    name: &'static str,
    description: &'static str,
    run: fn(&Server, A) -> Result<R, ToolError>,
) -> Entry
where
    A: DeserializeOwned + JsonSchema + 'static,
    R: Serialize + JsonSchema + 'static,
{
    let read_only = name != "search";
    let tool = Tool::new(name, description, JsonObject::new())
        .with_input_schema::<A>()
        .with_output_schema::<R>()
        .annotate(
            ToolAnnotations::new()
                .read_only(true)
                .destructive(false)
                .idempotent(read_only)
                .open_world(!read_only),
        );
    let call: Call = Box::new(move |server, arguments| {
        let args: A = serde_json::from_value(Value::Object(arguments)).map_err(|e| {
            ToolError::BadArguments {
                reason: crate::report::cut(&e.to_string()),
            }
        })?;
        let result = run(server, args)?;
        serde_json::to_value(result).map_err(|e| ToolError::BadArguments {
            reason: e.to_string(),
        })
    });
    Entry {
        tool,
        call,
        blocking: !read_only,
    }
}

/// Every tool, in the order `tools/list` gives them.
fn table() -> Vec<Entry> {
    vec![
        entry(
            "list_entities",
            "List the entities (tables) of the connector's catalog that filters can search, \
             with their field counts and semantic-search fields. Narrow with `match` (a word of \
             the name or description); pages of at most 200 (`next_offset` when cut).",
            tools::list_entities,
        ),
        entry(
            "describe_entity",
            "Describe one entity's searchable fields: path as sift writes it, JSON key, type, \
             time format, description, the operators valid on it, and the fields configured \
             for semantic search with the namespace of their filters. Narrow with `match` (a \
             word of the path or description); pages of 50 by default, at most 200 \
             (`next_offset` when cut).",
            tools::describe_entity,
        ),
        entry(
            "compile",
            "Compile sift (`from users where is_active = true and name ~ \"Acme\" limit 10`, \
             or a bare filter with `entity`) to the search API's JSON. On problems: \
             diagnostics (at most 20) with code, message, help, fix and did-you-mean \
             `alternatives`, and `corrected`: the query with its fixes applied, compiled.",
            tools::compile,
        ),
        entry(
            "validate",
            "Check a hand-written JSON filter, query, params or request against the entity's \
             schema and the API version before calling the API. Returns diagnostics (at most \
             20) located by JSON pointer, each with its fix and did-you-mean `alternatives`; \
             `corrected`: the document with every safe fix applied (retry with it); and the \
             same query in sift when valid.",
            tools::validate,
        ),
        entry(
            "decompile",
            "Turn a JSON filter, query, params or request into canonical sift text (easier to \
             read and edit), or say why it cannot.",
            tools::decompile,
        ),
        entry(
            "explain",
            "Explain sift queries: each condition with the JSON it becomes, the API operator, \
             notes where its meaning differs by API version, relative dates resolved \
             (`today() - 7d`), and the warnings.",
            tools::explain,
        ),
        entry(
            "search",
            "Run a query (sift in `query`, or JSON in `document`) and return one page of \
             records (at most 50 and 64 KiB; `cursor` for the next page), on the local data \
             or the hosted API the server was started with.",
            tools::search,
        ),
    ]
}

/// The MCP server: [`Server`] state behind `rmcp`'s handler.
pub struct SiftMcp {
    server: Arc<Server>,
    entries: Arc<Vec<Entry>>,
}

impl std::fmt::Debug for SiftMcp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiftMcp")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

impl SiftMcp {
    /// The handler serving `server`'s tools, resources and prompt.
    pub fn new(server: Server) -> SiftMcp {
        SiftMcp {
            server: Arc::new(server),
            entries: Arc::new(table()),
        }
    }

    /// Every tool's definition.
    pub fn tools(&self) -> Vec<Tool> {
        self.entries.iter().map(|e| e.tool.clone()).collect()
    }

    /// Runs tool `name` on `arguments`: its structured result, or why it could not run;
    /// `None` for a tool that does not exist.
    pub fn call(&self, name: &str, arguments: JsonObject) -> Option<Result<Value, ToolError>> {
        let entry = self.entries.iter().find(|e| e.tool.name == name)?;
        Some((entry.call)(&self.server, arguments))
    }

    fn resources(&self) -> Vec<Resource> {
        let language = Resource::new(LANGUAGE_URI, "sift language reference")
            .with_description(
                "The sift filter language: operators, values, precedence, keywords, dates",
            )
            .with_mime_type("text/markdown");
        let entities = self.server.catalog().entities.iter().map(|entity| {
            Resource::new(
                format!("{ENTITY_URI}{}", entity.name),
                format!("entity {}", entity.name),
            )
            .with_description(format!(
                "The schema of `{}`: its fields, types and semantic search (JSON)",
                entity.name
            ))
            .with_mime_type("application/json")
        });
        std::iter::once(language).chain(entities).collect()
    }

    fn read(&self, uri: &str) -> Result<ResourceContents, McpError> {
        if uri == LANGUAGE_URI {
            return Ok(ResourceContents::text(crate::LANGUAGE_REFERENCE, uri)
                .with_mime_type("text/markdown"));
        }
        let entity = uri
            .strip_prefix(ENTITY_URI)
            .and_then(|name| self.server.catalog().entity(name))
            .ok_or_else(|| {
                McpError::resource_not_found(
                    format!(
                        "no resource `{}`: the resources are {LANGUAGE_URI} and {ENTITY_URI}NAME for each entity",
                        crate::report::cut(uri)
                    ),
                    None,
                )
            })?;
        let text = serde_json::to_string(entity)
            .map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(ResourceContents::text(text, uri).with_mime_type("application/json"))
    }
}

/// A tool's result as MCP carries it: the structured value, and its text for clients that
/// read only text; an error as a result the agent reads, with its code and help.
fn tool_result(outcome: Result<Value, ToolError>) -> CallToolResult {
    match outcome {
        Ok(value) => CallToolResult::structured(value),
        Err(error) => CallToolResult::structured_error(serde_json::json!({
            "error": {
                "code": error.code(),
                "message": error.to_string(),
                "help": error.help_text(),
                "alternatives": error.alternatives(),
            }
        })),
    }
}

impl ServerHandler for SiftMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(Implementation::new("sift", env!("CARGO_PKG_VERSION")))
        .with_instructions(format!(
            "sift checks search filters for the {} connector before they reach the API. \
             Write filters in sift and `compile` them, or `validate` hand-written JSON and \
             retry with `corrected`. `describe_entity` gives the fields; the prompt `{PROMPT_NAME}` \
             teaches the language.",
            self.server.catalog().connector
        ))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        Ok(ListToolsResult::with_all_items(self.tools()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let name = request.name.as_ref();
        let Some(at) = self.entries.iter().position(|e| e.tool.name == name) else {
            let names: Vec<&str> = self.entries.iter().map(|e| e.tool.name.as_ref()).collect();
            return Err(McpError::invalid_params(
                format!(
                    "unknown tool `{}`; the tools are {}",
                    crate::report::cut(name),
                    names.join(", ")
                ),
                None,
            ));
        };
        let arguments = request.arguments.unwrap_or_default();
        let outcome = if self.entries[at].blocking {
            let (server, entries) = (self.server.clone(), self.entries.clone());
            tokio::task::spawn_blocking(move || (entries[at].call)(&server, arguments))
                .await
                .map_err(|e| McpError::internal_error(format!("the tool failed: {e}"), None))?
        } else {
            (self.entries[at].call)(&self.server, arguments)
        };
        Ok(tool_result(outcome).into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        Ok(ListResourcesResult::with_all_items(self.resources()))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        let template = ResourceTemplate::new(format!("{ENTITY_URI}{{entity}}"), "entity schema")
            .with_description(
                "The schema of an entity: its fields, types and semantic search (JSON)",
            )
            .with_mime_type("application/json");
        Ok(ListResourceTemplatesResult::with_all_items(vec![template]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        Ok(ReadResourceResult::new(vec![self.read(&request.uri)?]).into())
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        Ok(ListPromptsResult::with_all_items(vec![Prompt::new(
            PROMPT_NAME,
            Some("How to write sift filters for this connector, in a few lines"),
            None,
        )]))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        if request.name != PROMPT_NAME {
            return Err(McpError::invalid_params(
                format!(
                    "unknown prompt `{}`; the prompt is {PROMPT_NAME}",
                    crate::report::cut(&request.name)
                ),
                None,
            ));
        }
        let entities: Vec<&str> = self.server.catalog().entity_names().take(30).collect();
        let text = crate::LANGUAGE_PROMPT
            .replace("{connector}", &self.server.catalog().connector)
            .replace("{entities}", &entities.join(", "));
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description("Writing sift filters")
                .into(),
        )
    }
}
