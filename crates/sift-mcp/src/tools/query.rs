//! `compile`, `validate`, `decompile` and `explain`: the facade's entry points with their
//! diagnostics as [`Findings`], and, where fixes apply, the input with them applied.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sift::fix::{FixMode, Fixed, fix_json, fix_source};

use super::{call_options, parse_setting};
use crate::report::Findings;
use crate::{Server, ToolError};

/// The most outputs (queries) one `compile` or `explain` result holds.
pub const MAX_OUTPUTS: usize = 20;
/// The outputs of one result take at most this many bytes of JSON; the rest are counted as
/// omitted.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// Whether `text` still fits the budget of [`MAX_OUTPUT_BYTES`], spending it.
fn fits(budget: &mut usize, text: &str) -> bool {
    match budget.checked_sub(text.len()) {
        Some(left) => {
            *budget = left;
            true
        }
        None => false,
    }
}

/// Arguments of `compile`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompileArgs {
    /// sift text: a filter (`is_active = true and name ~ "Acme"`, with `entity`), or queries
    /// (`from users where … sort … limit …`) separated by `;`.
    pub query: String,
    /// The entity a bare filter searches (a query's `from` wins).
    #[serde(default)]
    pub entity: Option<String>,
    /// The API version: `2026-10` (today's API, the default), `2026-04` or `2026-03`.
    #[serde(default)]
    pub target: Option<String>,
    /// What to produce: `filter`, `query`, `params` (the default) or `request` (entity,
    /// action and params: the body of the search call).
    #[serde(default)]
    pub emit: Option<String>,
    /// Apply the unsafe fixes too (guesses such as the nearest field name) in `corrected`.
    #[serde(default)]
    pub unsafe_fixes: bool,
}

/// One compiled query.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CompiledOutput {
    /// The entity it searches.
    pub entity: String,
    /// The JSON, in the form `emit` asked for.
    pub json: Value,
}

/// The input with its fixes applied, compiled.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CorrectedQuery {
    /// The sift text with every fix applied: retry with it.
    pub query: String,
    /// The codes of the fixes applied, in order.
    pub applied: Vec<String>,
    /// Whether the corrected text compiles.
    pub ok: bool,
    /// Its outputs, when it compiles (at most 20, and at most 256 KiB of JSON).
    pub outputs: Vec<CompiledOutput>,
    /// What is left to put right by hand.
    pub remaining: Findings,
}

/// `compile`'s result.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CompileResult {
    /// Whether it compiled (no errors; warnings may remain).
    pub ok: bool,
    /// The API version compiled for.
    pub target: String,
    /// One output per query (at most 20, and at most 256 KiB of JSON).
    pub outputs: Vec<CompiledOutput>,
    /// How many more queries compiled than `outputs` holds.
    pub outputs_omitted: usize,
    /// Errors, warnings and advice, each with its fix where it has one.
    #[serde(flatten)]
    pub findings: Findings,
    /// When a diagnostic has a fix: the query with the fixes applied, compiled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<CorrectedQuery>,
}

/// Compiles sift text; on errors or warnings with fixes, the fixed text too.
pub fn compile(server: &Server, args: CompileArgs) -> Result<CompileResult, ToolError> {
    let mut options = call_options(server, args.entity.as_deref(), args.target.as_deref())?;
    if let Some(emit) = &args.emit {
        options = options.with_emit(parse_setting(
            "emit",
            emit,
            &sift::Emit::ALL.map(sift::Emit::as_str),
        )?);
    }
    let catalog = server.catalog();
    let (omitted, outputs, diagnostics) = compiled(&args.query, catalog, &options);
    let corrected = if diagnostics.iter().any(|d| d.fix().is_some()) {
        let fixed = fix_source(&args.query, catalog, &options, fix_mode(args.unsafe_fixes));
        fixed.changed().then(|| {
            let (_, outputs, remaining) = compiled(&fixed.text, catalog, &options);
            CorrectedQuery {
                applied: applied_codes(&fixed),
                ok: !remaining.has_errors(),
                outputs,
                remaining: Findings::of(remaining, &fixed.text),
                query: fixed.text,
            }
        })
    } else {
        None
    };
    Ok(CompileResult {
        ok: !diagnostics.has_errors(),
        target: options.target.to_string(),
        outputs,
        outputs_omitted: omitted,
        findings: Findings::of(diagnostics, &args.query),
        corrected,
    })
}

/// How many outputs are left out, the outputs (at most [`MAX_OUTPUTS`] and
/// [`MAX_OUTPUT_BYTES`]) and the diagnostics of `source`.
fn compiled(
    source: &str,
    catalog: &sift::Catalog,
    options: &sift::Options,
) -> (usize, Vec<CompiledOutput>, sift::Diagnostics) {
    match sift::compile(source, catalog, options) {
        Ok(compiled) => {
            let total = compiled.outputs.len();
            let mut budget = MAX_OUTPUT_BYTES;
            let outputs: Vec<_> = compiled
                .outputs
                .into_iter()
                .take(MAX_OUTPUTS)
                .take_while(|output| fits(&mut budget, &output.json))
                .map(|output| CompiledOutput {
                    json: json_value(output.json),
                    entity: output.entity,
                })
                .collect();
            (total - outputs.len(), outputs, compiled.warnings)
        }
        Err(diagnostics) => (0, Vec::new(), diagnostics),
    }
}

/// JSON text sift wrote, as a value (numbers keep their text); the text itself if it does not
/// read, which would be a bug.
fn json_value(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

fn fix_mode(unsafe_fixes: bool) -> FixMode {
    if unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    }
}

fn applied_codes(fixed: &Fixed) -> Vec<String> {
    fixed.applied.iter().map(|a| a.code.to_owned()).collect()
}

/// Arguments of `validate`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateArgs {
    /// The JSON to check: a filter (`{"eq":{"is_active":true}}`), a query (`{"filter":…}`),
    /// params (`{"query":…,"limit":…}`) or a request (`{"entity":…,"action":…,"params":…}`);
    /// an object, or its text as a string.
    pub document: Value,
    /// The entity a filter, query or params searches (a request's `entity` wins).
    #[serde(default)]
    pub entity: Option<String>,
    /// The API version to check against: `2026-10`, `2026-04` or `2026-03`; by default the one
    /// the document is written for.
    #[serde(default)]
    pub target: Option<String>,
    /// Read the document as `filter`, `query`, `params` or `request`; by default as its keys say.
    #[serde(default)]
    pub form: Option<String>,
    /// Apply the unsafe fixes too (guesses such as the nearest field name) in `corrected`.
    #[serde(default)]
    pub unsafe_fixes: bool,
}

/// The document with its fixes applied.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Corrected {
    /// The corrected document (an object when an object was given, else its text): retry
    /// with it. The fixes edit the text in place; the rest of it keeps its bytes.
    pub document: Value,
    /// The codes of the fixes applied, in order.
    pub applied: Vec<String>,
    /// Whether the corrected document is valid (no errors).
    pub valid: bool,
    /// What is left to put right by hand.
    pub remaining: Findings,
}

/// `validate`'s result.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ValidateResult {
    /// Whether the document is valid (no errors; warnings may remain).
    pub valid: bool,
    /// The API version it was read for.
    pub target: String,
    /// The form it was read as, when it is an object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Errors, warnings and advice, located by JSON pointer, each with its fix where it has one.
    #[serde(flatten)]
    pub findings: Findings,
    /// The same query in sift, when the document is valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sift: Option<String>,
    /// When a diagnostic has a fix: the document with the fixes applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<Corrected>,
}

/// The text of a document argument, and whether it was given as text.
fn document_text(document: &Value) -> (String, bool) {
    match document {
        Value::String(text) => (text.clone(), true),
        other => (other.to_string(), false),
    }
}

fn json_options(
    server: &Server,
    entity: Option<&str>,
    target: Option<&str>,
    form: Option<&str>,
) -> Result<sift::Options, ToolError> {
    let options = call_options(server, entity, target)?;
    Ok(match form {
        Some(form) => options.with_form(Some(parse_setting(
            "form",
            form,
            &sift::Emit::ALL.map(sift::Emit::as_str),
        )?)),
        None => options,
    })
}

/// Validates a JSON document; on diagnostics with fixes, the document with them applied.
pub fn validate(server: &Server, args: ValidateArgs) -> Result<ValidateResult, ToolError> {
    let options = json_options(
        server,
        args.entity.as_deref(),
        args.target.as_deref(),
        args.form.as_deref(),
    )?;
    let (text, as_text) = document_text(&args.document);
    let catalog = server.catalog();
    let validation = sift::validate_json(&text, catalog, &options);
    let corrected = if validation.diagnostics.iter().any(|d| d.fix().is_some()) {
        let fixed = fix_json(&text, catalog, &options, fix_mode(args.unsafe_fixes));
        fixed.changed().then(|| Corrected {
            applied: applied_codes(&fixed),
            valid: !fixed.remaining.has_errors(),
            remaining: Findings::of(fixed.remaining, &fixed.text),
            document: if as_text {
                Value::String(fixed.text)
            } else {
                json_value(fixed.text)
            },
        })
    } else {
        None
    };
    Ok(ValidateResult {
        valid: validation.is_valid(),
        target: validation.target.to_string(),
        form: validation.form.map(|form| form.to_string()),
        findings: Findings::of(validation.diagnostics, &text),
        sift: validation.sift,
        corrected,
    })
}

/// Arguments of `decompile`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecompileArgs {
    /// The JSON filter, query, params or request: an object, or its text as a string.
    pub document: Value,
    /// The entity a filter, query or params searches (a request's `entity` wins).
    #[serde(default)]
    pub entity: Option<String>,
    /// The API version it is written for: `2026-10`, `2026-04` or `2026-03`; by default the
    /// one its operators say.
    #[serde(default)]
    pub target: Option<String>,
    /// Read the document as `filter`, `query`, `params` or `request`; by default as its keys say.
    #[serde(default)]
    pub form: Option<String>,
}

/// `decompile`'s result.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DecompileResult {
    /// Whether it decompiled.
    pub ok: bool,
    /// The canonical sift text; compiling it for the same target gives the document back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sift: Option<String>,
    /// The API version it was read for.
    pub target: String,
    /// Why it did not decompile, or its warnings.
    #[serde(flatten)]
    pub findings: Findings,
}

/// A JSON document as canonical sift text.
pub fn decompile(server: &Server, args: DecompileArgs) -> Result<DecompileResult, ToolError> {
    let options = json_options(
        server,
        args.entity.as_deref(),
        args.target.as_deref(),
        args.form.as_deref(),
    )?;
    let (text, _) = document_text(&args.document);
    let validation = sift::validate_json(&text, server.catalog(), &options);
    let target = validation.target.to_string();
    let (sift, diagnostics) = match validation.into_sift() {
        Ok((sift, warnings)) => (Some(sift), warnings),
        Err(diagnostics) => (None, diagnostics),
    };
    Ok(DecompileResult {
        ok: sift.is_some(),
        sift,
        target,
        findings: Findings::of(diagnostics, &text),
    })
}

/// Arguments of `explain`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainArgs {
    /// sift text: a filter (with `entity`) or queries separated by `;`.
    pub query: String,
    /// The entity a bare filter searches (a query's `from` wins).
    #[serde(default)]
    pub entity: Option<String>,
    /// The API version: `2026-10` (the default), `2026-04` or `2026-03`.
    #[serde(default)]
    pub target: Option<String>,
}

/// `explain`'s result.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ExplainResult {
    /// Whether the query compiled.
    pub ok: bool,
    /// Each query (at most 20, and at most 256 KiB of JSON) as a tree: every condition with its source text, the JSON it
    /// lowers to, the API operator and notes on its meaning; relative times resolved, with
    /// the clock; the query's warnings.
    pub explanations: Vec<Value>,
    /// How many more queries there were.
    pub explanations_omitted: usize,
    /// Why it did not compile.
    #[serde(flatten)]
    pub findings: Findings,
}

/// Each query of sift text explained.
pub fn explain(server: &Server, args: ExplainArgs) -> Result<ExplainResult, ToolError> {
    let options = call_options(server, args.entity.as_deref(), args.target.as_deref())?;
    Ok(
        match sift::explain(&args.query, server.catalog(), &options) {
            Ok(explained) => {
                let total = explained.len();
                let mut budget = MAX_OUTPUT_BYTES;
                let explanations: Vec<Value> = explained
                    .iter()
                    .take(MAX_OUTPUTS)
                    .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
                    .take_while(|e| fits(&mut budget, &e.to_string()))
                    .collect();
                ExplainResult {
                    ok: true,
                    explanations_omitted: total - explanations.len(),
                    explanations,
                    findings: Findings::default(),
                }
            }
            Err(diagnostics) => ExplainResult {
                ok: false,
                explanations: Vec::new(),
                explanations_omitted: 0,
                findings: Findings::of(diagnostics, &args.query),
            },
        },
    )
}
