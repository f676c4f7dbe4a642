//! The tools: each a function of the [`Server`] and its arguments to a structured result.
//! Every result is bounded (the bound is stated in the field's documentation, hence in the
//! output schema) and says when it was cut.

mod catalog;
mod query;
mod search;

pub use catalog::{
    DescribeEntityArgs, EntityFields, EntityPage, EntitySummary, FieldSummary, ListEntitiesArgs,
    MAX_ENTITIES, MAX_FIELDS, SemanticField, describe_entity, list_entities,
};
pub use query::{
    CompileArgs, CompileResult, CompiledOutput, Corrected, CorrectedQuery, DecompileArgs,
    DecompileResult, ExplainArgs, ExplainResult, MAX_OUTPUT_BYTES, MAX_OUTPUTS, ValidateArgs,
    ValidateResult, compile, decompile, explain, validate,
};
pub use search::{MAX_RECORD_BYTES, MAX_RECORDS, SearchArgs, SearchResult, search};

use crate::{Server, ToolError};

/// The entity of a call: the argument (which must name an entity of the catalog), else the
/// server's.
fn entity_option(server: &Server, entity: Option<&str>) -> Result<Option<String>, ToolError> {
    let Some(name) = entity else {
        return Ok(server.options().entity.clone());
    };
    match server.catalog().entity(name) {
        Some(_) => Ok(Some(name.to_owned())),
        None => Err(unknown_entity(server, name)),
    }
}

fn unknown_entity(server: &Server, name: &str) -> ToolError {
    ToolError::UnknownEntity {
        name: crate::report::cut(name),
        connector: server.catalog().connector.clone(),
        alternatives: sift::completion::suggest(name, server.catalog().entity_names())
            .into_iter()
            .map(str::to_owned)
            .collect(),
    }
}

/// The options of a call: the server's, with the call's entity and target.
fn call_options(
    server: &Server,
    entity: Option<&str>,
    target: Option<&str>,
) -> Result<sift::Options, ToolError> {
    let mut options = server.options().clone();
    options.entity = entity_option(server, entity)?;
    if let Some(target) = target {
        options = options.with_target(parse_setting(
            "target",
            target,
            &sift::Target::ALL.map(sift::Target::as_str),
        )?);
    }
    Ok(options)
}

/// A setting argument read with `FromStr`, or the values it can take.
fn parse_setting<T: std::str::FromStr>(
    setting: &'static str,
    value: &str,
    values: &[&str],
) -> Result<T, ToolError> {
    value.parse().map_err(|_| ToolError::BadSetting {
        setting,
        value: crate::report::cut(value),
        alternatives: values.iter().map(|v| (*v).to_owned()).collect(),
    })
}

/// The bounds of a page: `offset`, and `limit` defaulted and capped.
fn page_bounds(
    offset: Option<usize>,
    limit: Option<usize>,
    default: usize,
    max: usize,
) -> (usize, usize) {
    (offset.unwrap_or(0), limit.unwrap_or(default).clamp(1, max))
}
