//! Command-line arguments (clap derive). Each subcommand's behaviour lives in `commands/`.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use sift::{Emit, JsonForm, Limits, Target};

use crate::commands::completions;
use crate::config;

const EXAMPLES: &str = "\
Examples:
  sift compile --entity clients 'is_active = true and name ~ \"Acme\"'
  sift compile --emit request 'from users where email endswith \"@acme.com\" limit 10'
  sift check examples/queries/*.sift --format json
  sift fmt --check examples/queries/
  sift schema time_entries
  sift connectors
  sift compile --connector hubspot --entity contacts 'properties.email endswith \"@acme.com\"'

Schemas: --spec PATH, else $SIFT_SPEC_PATH, else --connector NAME in an installed
airbyte_agent_sdk Python package, else the built-in Harvest catalog.

Project file: sift.toml in the current directory or a parent (or --config FILE) sets
defaults for target, connector, spec, entity, allow/warn/deny and [limits]; flags win
(any --allow/--warn/--deny over any level the file gives the codes it covers). -v names
the file, catalog, target and backend in force.

Exit codes:
  0  success
  1  an invalid query (or, with --check / --deny warnings, a finding)
  2  a usage error or an input/output error";

/// The top-level help's closing text: the examples, then the default target and why.
fn top_level_help() -> String {
    format!(
        "{EXAMPLES}\n\nTargets (--target): {}. The default is {}, {}.",
        Target::listing(),
        Target::default(),
        Target::DEFAULT_REASON
    )
}

#[derive(Debug, Parser)]
#[command(
    name = "sift",
    version,
    long_version = long_version(),
    about = "A typed filter language for the Airbyte agent connectors' search API",
    long_about = "sift compiles readable filter queries to the JSON filter objects of the search \
                  API of Airbyte's agent connectors, checking every field name, operator and \
                  value against the connector's schema first.",
    after_help = top_level_help()
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: auto colours only a terminal, and never when NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Most diagnostics shown per source in human output (the lines of one JSON Lines file
    /// share it); one line counts the rest (`--format json` lists every one).
    #[arg(long, value_name = "N", default_value_t = 100, global = true)]
    pub max_diagnostics: usize,

    /// Read project defaults from this file instead of the nearest sift.toml
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Say on standard error which project file, catalog (and where it comes from), target
    /// and backend are in force (and, with --fix, each fix applied)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Print only the data and the diagnostics: no progress or summary lines
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

/// `--color` and `--max-diagnostics` shape diagnostics, `--verbose` names the settings in force;
/// `completions`, `man` and `rule` print no diagnostics and use no settings, so any of these
/// flags given to them is refused rather than ignored.
pub fn refuse_display_flags(command: &Command, matches: &clap::ArgMatches) -> Result<(), String> {
    let name = match command {
        Command::Completions(_) => "completions",
        Command::Man(_) => "man",
        Command::Rule(_) => "rule",
        Command::Lsp(_) => "lsp",
        // The tools answer in JSON: no diagnostics are rendered; `-v` still says what is in force.
        Command::Mcp(_) => "mcp",
        _ => return Ok(()),
    };
    let flags: &[&str] = match command {
        Command::Mcp(_) => &["color", "max_diagnostics"],
        _ => &["color", "max_diagnostics", "verbose"],
    };
    let given = |id: &str| {
        matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
            || matches.subcommand().is_some_and(|(_, sub)| {
                sub.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
            })
    };
    match flags.iter().copied().find(|id| given(id)) {
        Some("verbose") => Err(format!(
            "--verbose has no effect on `sift {name}`, which uses no project file, catalog, \
             target or backend"
        )),
        Some(id) => Err(format!(
            "--{} has no effect on `sift {name}`, which prints no diagnostics",
            id.replace('_', "-")
        )),
        None => Ok(()),
    }
}

/// `sift --version`: the version and the API versions it compiles for.
fn long_version() -> &'static str {
    static TEXT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{}\ntargets: {}\ndefault {}: {}",
            env!("CARGO_PKG_VERSION"),
            Target::listing(),
            Target::default(),
            Target::DEFAULT_REASON
        )
    });
    &TEXT
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile a query to the search API's JSON (one line per query)
    #[command(after_help = "Examples:
  sift compile --entity clients 'is_active = true and name ~ \"Acme\"'
  sift compile --emit filter --entity users 'first_name ~ \"ann\"'
  sift compile -f examples/query.sift --emit request
  sift compile -f examples/query.sift --target 2026-03 --emit request
  echo 'from users where is_active = true' | sift compile")]
    Compile(CompileArgs),
    /// Check every query in the given files and report all diagnostics (on standard output);
    /// apply their fixes with --fix
    #[command(after_help = "Examples:
  sift check examples/queries/*.sift
  sift check --format json --deny warnings examples/queries/clients.sift
  sift check --format github examples/queries/
  sift check --fix examples/queries/
  sift check --diff --unsafe-fixes examples/queries/clients.sift
  cat examples/query.sift | sift check -

The report is the output: diagnostics go to standard output (with --fix on standard input, the
fixed text does, and the report goes to standard error). `sift rule CODE` explains a code and
says whether its fix is safe (kept by --fix) or unsafe (only with --unsafe-fixes).

Exit codes: 0 no errors (warnings allowed; with --diff, nothing to fix), 1 an error (or a
denied warning; with --diff, something to fix), 2 usage or input/output error")]
    Check(CheckArgs),
    /// Show how a query compiles: its tree, each node's JSON and target operator, notes on
    /// target-dependent meaning, resolved dates and the clock, and the warnings
    #[command(after_help = "Examples:
  sift explain 'from time_entries where spent_date >= today() - 7d and notes contains \"bug\"'
  sift explain --format json 'from clients where name startswith \"Ac\"'
  sift explain --now 2026-11-28T12:00:00Z --tz America/New_York -f examples/query.sift

Exit codes: 0 explained, 1 invalid query, 2 usage or input/output error")]
    Explain(ExplainArgs),
    /// Format files in place (or stdin to stdout), or report what would change
    #[command(after_help = "Examples:
  sift fmt examples/queries/*.sift
  sift fmt --check examples/queries/*.sift
  echo 'FROM users WHERE a=1' | sift fmt")]
    Fmt(FmtArgs),
    /// List the entities of the catalog, or one entity's searchable fields
    #[command(after_help = "Examples:
  sift schema
  sift schema clients
  sift schema --format json
  sift schema --connector google-ads accounts
  sift schema --spec examples/specs/acme-crm/connector.yaml accounts")]
    Schema(SchemaArgs),
    /// List the connectors whose schemas sift can find, with entity and field counts
    #[command(after_help = "Examples:
  sift connectors
  sift connectors --spec examples/specs --format json
  SIFT_SPEC_PATH=examples/specs sift schema --connector acme-crm accounts")]
    Connectors(ConnectorsArgs),
    /// Validate a JSON filter, query, params or request against the schema
    #[command(after_help = "Examples:
  sift validate --entity users examples/filter.json
  sift validate --format json examples/request.json
  echo '{\"eq\":{\"is_active\":true}}' | sift validate --entity users -
  sift validate --entity users --jsonl examples/agent_filters.jsonl
  sift validate examples/requests/

The form (filter, query, params, request) is detected from the top-level keys unless --form
gives it. A request names its entity; the other forms need --entity. Without --target (or a
target in sift.toml) each document is read for the target it was written for: a request's
action, and operators that exist only on some targets, say which.

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or input/output error")]
    Validate(ValidateArgs),
    /// Turn a JSON filter, query, params or request into canonical sift text
    #[command(after_help = "Examples:
  sift decompile --entity users examples/filter.json
  sift decompile examples/request.json
  echo '{\"startswith\":{\"name\":\"Ac\"}}' | sift decompile --entity clients -
  sift decompile --entity users --jsonl examples/agent_filters.jsonl

Compiling the output for the same target and form (--emit) gives the JSON back. Dates come
back absolute: a relative time such as today() - 7d was resolved when it was compiled.

Exit codes: 0 decompiled, 1 invalid JSON document, 2 usage or input/output error")]
    Decompile(DecompileArgs),
    /// Run a query on the hosted search API or on local JSON data (--data DIR) and print the records
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Write deterministic example records for every entity of the catalog (NAME.jsonl files)
    #[command(after_help = "Examples:
  sift generate harvest-data
  sift generate --spec examples/specs/acme-crm/connector.yaml --base-count 50 acme-data
  sift generate --connector stripe --entity charges --base-count 5 -

Values follow each field's name, type, format and description: ids, names, emails and
addresses; dates and date-times around one day per record, Unix seconds for a unix-time field;
amounts in a currency's minor unit, currency codes in lower case where the description asks for
it, one of the values a description enumerates; fields named after another entity refer to
its records. The same catalog, seed and count give the same files on every machine. Existing
files are kept unless --force is given.")]
    Generate(GenerateArgs),
    /// Explain diagnostic codes: severity, fix kind, summary, and what each means with an example
    #[command(after_help = "Examples:
  sift rule                      # every code, one line each
  sift rule single_value_in      # one code (a name, or sift::<phase>::<name>)
  sift rule --all                # every code in full
  sift rule --format json sift::check::not_a_date
  sift rule --all --format markdown > lints.md

A fix is safe when the fixed query returns what the original returns (for an error: when it
writes the one reading the text has); unsafe fixes are applied only with --unsafe-fixes.

Exit codes: 0 explained, 2 unknown code or usage error")]
    Rule(RuleArgs),
    /// Print a shell completion script
    #[command(after_help = "Examples:
  source <(sift completions bash)
  echo 'source <(sift completions zsh)' >> ~/.zshrc
  sift completions fish > ~/.config/fish/completions/sift.fish
  sift completions powershell >> $PROFILE
  sift completions nushell > sift-completions.nu

The scripts of bash, zsh, fish, elvish and PowerShell ask sift itself for candidates (the
COMPLETE=SHELL protocol), so they complete values from the catalog in force: entities
(`sift schema <Tab>`, --entity), connectors (--connector) and diagnostic codes (--allow, --warn,
--deny). Nushell's script is static: subcommands, flags and fixed values.")]
    Completions(CompletionsArgs),
    /// Print the man page, or write one page per command into a directory
    #[command(after_help = "Examples:
  sift man | man -l -
  sift man --out-dir ~/.local/share/man/man1")]
    Man(ManArgs),
    /// Explore schemas and try queries: completion, highlighting, results on local data or the API
    #[command(after_help = REPL_HELP)]
    Repl(ReplArgs),
    /// Serve the catalog's tools to agents over the Model Context Protocol (stdio)
    #[command(after_help = MCP_HELP)]
    Mcp(McpArgs),
    /// Serve editors: the Language Server Protocol on standard input and output
    #[command(
        after_help = "Diagnostics, quick fixes, completion, hover, formatting, semantic tokens and
document symbols for .sift files. Each document is checked with the sift.toml found from its
folder (reloaded when it changes), or with the built-in catalog. Editor set-up: README.md.

Exit codes: 0 after the client's shutdown and exit, 1 when the client exits or hangs up without
shutdown, 2 usage error"
    )]
    Lsp(LspArgs),
    /// Run stored queries on fixture data and check what they find (*.sift-test.toml files)
    #[command(after_help = crate::commands::TEST_HELP)]
    Test(crate::commands::TestArgs),
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Serve on standard input and output (the only transport, and the default; editors'
    /// clients pass it)
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
    Nushell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write sift.1 and one page per subcommand (sift-check.1, ...) here instead of printing
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

const SEARCH_HELP: &str = "Examples:
  sift search --data examples/harvest 'from time_entries where billable = true and hours > 2 sort spent_date desc limit 5'
  sift search --data examples/harvest --entity clients 'name ~ \"juniper\"' --format json
  sift search --data examples/harvest --all -f examples/query.sift > records.jsonl
  sift search --data examples/harvest -f examples/request.json
  AIRBYTE_TOKEN=... sift search --connector-id CONNECTOR 'from users limit 5'
  AIRBYTE_TOKEN=... sift search --dry-run --connector-id CONNECTOR 'from users limit 5'
  sift search --data examples/harvest --all --page-size 20 'from time_entries limit 50'
  echo 'from clients limit 1' | sift search --data examples/harvest -

The query is compiled exactly as `sift compile --emit request` prints it, and that request is
sent byte for byte to the hosted API, or run on DIR/ENTITY.jsonl (one record per line) or
DIR/ENTITY.json (an array) with --data. The API is used when credentials are set
(AIRBYTE_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET) or --api is given, local data
otherwise; standard error says which. The API's base URL is AIRBYTE_API_URL (default
https://api.airbyte.ai), the connector AIRBYTE_CONNECTOR_ID or --connector-id, or found with
--definition-id (the spec's x-airbyte-connector-definition-id) in --workspace; the organization
is AIRBYTE_ORGANIZATION_ID. -f may also name a JSON request, params or filter. Output: a table on
a terminal (the first 1000 records), JSON Lines on a pipe, or --format; on a terminal, control
and bidi characters in the data are shown escaped. Semantics of every operator: docs/semantics.md.

Paging: without --all one page is fetched, and `limit` is its size. With --all, `limit` is the
most records printed in all; --page-size N sets how many each request asks for (default: the
query's `limit`, else the server's page size). When records are left (one page, the limit
reached, or --max-pages pages fetched, which exits 2), standard error prints the shell-quoted
--cursor that resumes after the last record printed.

Exit codes: 0 searched, 1 invalid query, 2 usage, data or input/output error";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query text (`-`: standard input); omit it to read -f FILE or standard input
    pub query: Option<String>,
    /// Read the query (sift, or a JSON request, params or filter) from this file
    #[arg(short = 'f', long = "file", conflicts_with = "query")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// A directory with one file per entity: NAME.jsonl (JSON Lines) or NAME.json (an array)
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Search the hosted API (the default when credentials are set)
    #[arg(long, conflicts_with = "data")]
    pub api: bool,
    /// The connector to search on the API, by id (overrides AIRBYTE_CONNECTOR_ID)
    #[arg(long, value_name = "ID", conflicts_with = "data")]
    pub connector_id: Option<String>,
    /// Find the connector on the API by its definition id (the spec's
    /// x-airbyte-connector-definition-id) in --workspace
    #[arg(long, value_name = "UUID", conflicts_with_all = ["data", "connector_id"])]
    pub definition_id: Option<String>,
    /// The workspace searched for the connector by --definition-id, or by the spec's
    /// x-airbyte-connector-definition-id [default: default]
    #[arg(long, value_name = "NAME", conflicts_with_all = ["data", "connector_id"])]
    pub workspace: Option<String>,
    /// Print the HTTP requests the search would send and send nothing; no credentials are
    /// needed (the token is shown as where it would come from, never its value)
    #[arg(long, conflicts_with = "data")]
    pub dry_run: bool,
    /// Output format [default: on a terminal a table, or `line` when a table would be wider
    /// than the terminal; jsonl otherwise]
    #[arg(long, value_enum)]
    pub format: Option<RecordFormat>,
    /// Follow the cursor through the pages: every record, or the query's `limit` of them in
    /// all (at most --max-pages pages)
    #[arg(long)]
    pub all: bool,
    /// With --all, the records each request asks for (the API's page size) [default: the
    /// query's `limit`, else the server's]
    #[arg(long, value_name = "N", requires = "all",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub page_size: Option<u64>,
    /// The most pages --all fetches; more is an error after the pages so far are printed,
    /// with the --cursor that resumes
    #[arg(long, value_name = "N", default_value_t = 20, requires = "all",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_pages: u32,
    /// Start after this cursor (the one printed when more records match)
    #[arg(long, value_name = "CURSOR")]
    pub cursor: Option<String>,
    /// Skip malformed lines of a JSON Lines file instead of failing; report how many
    #[arg(long)]
    pub skip_bad_records: bool,
    /// Seconds each request to the API may take, from sending it to the last byte of the
    /// answer (decimals allowed; the connect timeout is the smaller of 5 s and this) [default: 30]
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout,
          conflicts_with_all = ["data", "dry_run"])]
    pub timeout: Option<std::time::Duration>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub clock: ClockArgs,
}

/// A positive number of seconds, at most a day.
fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 || seconds > 86_400.0 {
        return Err(format!(
            "`{text}`: the timeout must be more than 0 and at most 86400 seconds"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RecordFormat {
    /// A table; words are never cut, so a table may be wider than the terminal
    Table,
    /// One field per line, record after record (psql's expanded display)
    Line,
    Json,
    Jsonl,
    Csv,
}

const REPL_HELP: &str = "Examples:
  sift repl --data examples/harvest
  sift repl --data examples/harvest --entity time_entries --target 2026-03
  sift repl --data examples/harvest < examples/session.txt

Type a query and Enter: a query that does not parse yet continues on the next line; `;` or an
empty line ends it. Tab completes entities, fields, operators valid for the field's type,
today() and the other relative times on fields of dates, and clause keywords. A meta-command
runs on any line (the lines before it stay): :help lists them (:mode table|line|json|jsonl|csv,
:x, :more, :save FILE, :run FILE, :edit, ...), with psql's spellings (\\x, \\i, \\e, \\d, \\q);
exit, quit, \\q and :q leave, as does Ctrl-D; Ctrl-C cancels the line. The query's `limit` is
the most records its pages show. History is kept in the platform's data directory.
With standard input not a terminal, commands are read line by line and the transcript printed
(without timings, so it is the same on every run); a line that is not UTF-8 or longer than
--max-input-bytes is skipped with a message.

Exit codes: 0 session ended; with standard input not a terminal (a script): 0 every command
ran, 1 a query in it was invalid, 2 a line or command failed (usage, input or output)";

const MCP_HELP: &str = "Examples:
  sift mcp
  sift mcp --connector hubspot --target 2026-10
  sift mcp --data examples/harvest

Speaks MCP (JSON-RPC, one message a line) on standard input and output until standard input
closes; nothing else is written to standard output. Tools: list_entities, describe_entity,
compile, validate, decompile, explain, search; resources: sift://language and
sift://entity/NAME; prompt: write_sift_filter. `search` runs on --data, else on the hosted API
when AIRBYTE_* credentials are set. Register it with an MCP client as the command `sift` with
the arguments `mcp` and any of the flags below (see the README).

Exit codes: 0 standard input closed; 2 usage or IO error (before serving)";

/// `sift mcp`: the catalog, options and search backend the tools use.
#[derive(Debug, Args)]
pub struct McpArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// `search` runs on this directory's NAME.jsonl / NAME.json files (else on the hosted API
    /// when AIRBYTE_* credentials are set)
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// `sift repl`: the schema, target and backend a session starts with.
#[derive(Debug, Args)]
pub struct ReplArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// Run queries on this directory's NAME.jsonl / NAME.json files
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Run queries on the hosted API (credentials from AIRBYTE_* variables)
    #[arg(long, conflicts_with = "data")]
    pub api: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The directory to write NAME.jsonl files into (created if missing); `-` writes the
    /// records of --entity to standard output as JSON Lines
    pub dir: PathBuf,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// Generate this entity's records only
    #[arg(short, long, value_name = "NAME", add = ArgValueCompleter::new(completions::entities))]
    pub entity: Option<String>,
    /// Records of an ordinary entity (singular entities get 1, `*entries` 8×, `*expenses` and
    /// `*_assignments` 2×), at most 1000000000
    #[arg(long, value_name = "N",
          default_value_t = sift_eval::generate::Plan::default().base_count as u64,
          value_parser = clap::value_parser!(u64)
              .range(..=sift_eval::generate::Plan::MAX_BASE_COUNT as u64))]
    pub base_count: u64,
    /// The seed of the random source
    #[arg(long, default_value_t = sift_eval::generate::Plan::default().seed)]
    pub seed: u64,
    /// Replace files that exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompileArgs {
    /// The query text (`-`: standard input); omit it to read -f FILE or standard input
    pub query: Option<String>,
    /// Read the queries from this one file (`-`: standard input). One file only: the output is
    /// one JSON document per query, in order, with nothing in it to say which file it came
    /// from; to check many files or directories, use `sift check`
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        conflicts_with = "query"
    )]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// What to print: the condition alone, the query object, the params, or a full request
    #[arg(long, value_parser = emit_parser(), default_value_t = Emit::default())]
    pub emit: Emit,
    /// Pretty-print the JSON
    #[arg(long)]
    pub pretty: bool,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub clock: ClockArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The query text (`-`: standard input); omit it to read -f FILE or standard input
    pub query: Option<String>,
    /// Read the queries from this file (`-`: standard input)
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        conflicts_with = "query"
    )]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// How to print the explanation (and diagnostics): a tree for people, or the same tree as JSON
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub clock: ClockArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories (of `.sift` files) to check; `-` or nothing reads standard input
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// How to print diagnostics: for people, JSON, one line each, GitHub workflow commands,
    /// JUnit XML or SARIF 2.1.0
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub fix: FixArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub clock: ClockArgs,
}

/// Applying the diagnostics' fixes (`check` and `validate`).
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Apply the safe fixes in place, pass after pass until none is left, and report what is
    /// left (standard input: the fixed text goes to standard output)
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too: they may change what a query returns
    /// (`sift rule CODE` says which kind a code's fix is)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff on standard output and change nothing
    #[arg(long)]
    pub diff: bool,
}

impl FixArgs {
    /// The fixes to apply, or `None` when the run only reports; `--unsafe-fixes` alone is a
    /// usage error, since it would change nothing.
    pub fn mode(&self) -> Result<Option<sift::fix::FixMode>, String> {
        match (self.fix || self.diff, self.unsafe_fixes) {
            (false, true) => {
                Err("--unsafe-fixes applies fixes only with --fix or --diff".to_owned())
            }
            (false, false) => Ok(None),
            (true, false) => Ok(Some(sift::fix::FixMode::Safe)),
            (true, true) => Ok(Some(sift::fix::FixMode::Unsafe)),
        }
    }
}

/// How `check` and `validate` print their report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Each diagnostic drawn with its source, for people
    Human,
    /// One JSON document: every diagnostic with its range, help, fix and the summary
    Json,
    /// One line each: `file:line:col: code message`
    Concise,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`): annotations on the diff
    Github,
    /// JUnit XML: a test suite per file, a failing test case per error
    Junit,
    /// SARIF 2.1.0, for code-scanning services
    Sarif,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The code to explain (`single_value_in` or `sift::check::single_value_in`); omit it to
    /// list every code on one line each
    pub code: Option<String>,
    /// Explain every code in full
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
    /// Output format (markdown: the document docs/lints.md is)
    #[arg(long, value_enum, default_value_t = RuleFormat::Human)]
    pub format: RuleFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RuleFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or directories (of `.sift` files) to format in place; `-` or nothing formats
    /// standard input to standard output
    pub files: Vec<PathBuf>,
    /// Change nothing; list the files that are not formatted and exit 1 if there are any
    #[arg(long)]
    pub check: bool,
    /// Change nothing; print what formatting would change as a unified diff, and exit 1 if
    /// there is any
    #[arg(long)]
    pub diff: bool,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The entity to describe; omit it to list the entities
    #[arg(add = ArgValueCompleter::new(completions::entities))]
    pub entity: Option<String>,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// `sift validate`: the documents, the report's format and the fixes to apply.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub documents: JsonDocumentArgs,
    /// How to print diagnostics: for people, JSON, one line each, GitHub workflow commands,
    /// JUnit XML or SARIF 2.1.0
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub fix: FixArgs,
}

/// `sift decompile`: the documents and how to print diagnostics.
#[derive(Debug, Args)]
pub struct DecompileArgs {
    #[command(flatten)]
    pub documents: JsonDocumentArgs,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// JSON documents to validate or decompile, and what to read them against.
#[derive(Debug, Args)]
pub struct JsonDocumentArgs {
    /// JSON files, or directories of `*.json` files; `-` or nothing reads standard input
    pub files: Vec<PathBuf>,
    /// Read JSON Lines: one document per line, each reported with its line number (directories
    /// then yield `*.jsonl` files)
    #[arg(long)]
    pub jsonl: bool,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// Read the document as this form instead of detecting it
    #[arg(long, value_parser = form_parser())]
    pub form: Option<JsonForm>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Which connector's schema to check against. Searched in this order: --spec, then
/// SIFT_SPEC_PATH, then --connector in an installed airbyte_agent_sdk Python package, then the
/// built-in Harvest catalog.
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// A connector.yaml, or a directory holding NAME/connector.yaml files
    #[arg(long, value_name = "PATH")]
    pub spec: Option<PathBuf>,
    /// The connector to use, by its name in `sift connectors` (e.g. hubspot); `builtin` is the built-in Harvest catalog, used when none is named
    #[arg(short, long, value_name = "NAME", add = ArgValueCompleter::new(completions::connectors))]
    pub connector: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConnectorsArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The entity and API version a query is compiled for, and which warnings count.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The entity for filter expressions without `from` (a query's own `from` wins)
    #[arg(short, long, add = ArgValueCompleter::new(completions::entities))]
    pub entity: Option<String>,
    #[arg(
        short,
        long,
        value_parser = target_parser(),
        help = format!("The API version to compile for [default: {}, the API as it is today]", Target::default())
    )]
    pub target: Option<Target>,
    /// Drop warnings with this code (e.g. unchecked_path, or `warnings` for all); repeatable
    #[arg(long, value_name = "CODE", add = ArgValueCompleter::new(completions::codes))]
    pub allow: Vec<String>,
    /// Report this code as a warning, overriding a broader --deny or the project file; repeatable
    #[arg(long, value_name = "CODE", add = ArgValueCompleter::new(completions::codes))]
    pub warn: Vec<String>,
    /// Report warnings with this code (or `warnings`: all of them) as errors, exit 1; repeatable
    #[arg(long, value_name = "CODE", add = ArgValueCompleter::new(completions::codes))]
    pub deny: Vec<String>,
}

/// `--target` values, listed in `--help` from the target table.
fn target_parser() -> impl TypedValueParser<Value = Target> {
    PossibleValuesParser::new(Target::ALL.map(Target::as_str)).try_map(|s| s.parse::<Target>())
}

/// `--emit` values, listed in `--help` from the emit table.
fn emit_parser() -> impl TypedValueParser<Value = Emit> {
    PossibleValuesParser::new(Emit::ALL.map(Emit::as_str)).try_map(|s| s.parse::<Emit>())
}

/// `--form` values, listed in `--help` from the form table.
fn form_parser() -> impl TypedValueParser<Value = JsonForm> {
    PossibleValuesParser::new(JsonForm::ALL.map(JsonForm::as_str))
        .try_map(|s| s.parse::<JsonForm>())
}

/// The clock relative times (`today() - 7d`) are resolved against.
#[derive(Debug, Args)]
pub struct ClockArgs {
    /// Resolve relative times against this instant (RFC 3339) instead of the system clock
    #[arg(long, value_name = "INSTANT", value_parser = parse_instant)]
    pub now: Option<sift::time::Timestamp>,
    /// The IANA time zone whose days, weeks and months relative times count in [default: UTC]
    #[arg(long = "tz", value_name = "ZONE", value_parser = parse_zone)]
    pub time_zone: Option<sift::time::TimeZone>,
    /// The first day of the week for start_of_week()
    #[arg(long, value_enum, default_value_t = WeekStart::Monday)]
    pub week_start: WeekStart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WeekStart {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl ClockArgs {
    /// `options` with this clock.
    pub fn apply(&self, options: sift::Options) -> sift::Options {
        use sift::time::Weekday;
        let week_start = match self.week_start {
            WeekStart::Monday => Weekday::Monday,
            WeekStart::Tuesday => Weekday::Tuesday,
            WeekStart::Wednesday => Weekday::Wednesday,
            WeekStart::Thursday => Weekday::Thursday,
            WeekStart::Friday => Weekday::Friday,
            WeekStart::Saturday => Weekday::Saturday,
            WeekStart::Sunday => Weekday::Sunday,
        };
        let mut options = options.with_week_start(week_start);
        if let Some(now) = self.now {
            options = options.with_now(now);
        }
        if let Some(time_zone) = &self.time_zone {
            options = options.with_time_zone(time_zone.clone());
        }
        options
    }
}

/// An instant written as a date-time literal is (the grammar's `date_time`: RFC 3339, offsets
/// from -23:59 to +23:59).
pub(crate) fn parse_instant(text: &str) -> Result<sift::time::Timestamp, String> {
    const EXAMPLE: &str = "write an RFC 3339 instant such as 2026-11-28T12:00:00Z";
    match sift::syntax::date_form(text) {
        Ok(sift::syntax::DateForm::DateTime) => {}
        Ok(sift::syntax::DateForm::Date) => {
            return Err(format!(
                "{text} is a date, not an instant: give its time and offset too; {EXAMPLE}"
            ));
        }
        Err(refused) => return Err(format!("{}; {EXAMPLE}", refused.reason)),
    }
    text.parse::<sift::time::Timestamp>()
        .map_err(|e| format!("{e}; {EXAMPLE}"))
}

/// Looks the zone up in the system's time-zone database (IO, so here at the edge).
pub(crate) fn parse_zone(name: &str) -> Result<sift::time::TimeZone, String> {
    sift::time::TimeZone::get(name)
        .map_err(|e| format!("{e}; write an IANA time zone such as America/New_York or UTC"))
}

/// Resource limits; each defaults to the project file's `[limits]`, else the built-in value.
#[derive(Debug, Args)]
pub struct LimitArgs {
    #[arg(long, value_name = "BYTES", help = format!(
        "Largest single query or JSON document, in bytes [default: {}]",
        Limits::default().max_input_bytes))]
    pub max_input_bytes: Option<usize>,
    #[arg(long, value_name = "BYTES", help = format!(
        "Largest file (or standard input) read, in bytes [default: {}]",
        Limits::default().max_file_bytes))]
    pub max_file_bytes: Option<usize>,
    #[arg(long, value_name = "LEVELS", help = format!(
        "Deepest nesting of and/or/not/parentheses/any [default: {}, at most {}]",
        Limits::default().max_depth, Limits::DEPTH_CEILING))]
    pub max_depth: Option<usize>,
    #[arg(long, value_name = "N", help = format!(
        "Most values in one `in` list [default: {}]", Limits::default().max_list_len))]
    pub max_list_len: Option<usize>,
    #[arg(long, value_name = "N", help = format!(
        "Most nodes (conditions, operators, values) in one query [default: {}]",
        Limits::default().max_nodes))]
    pub max_nodes: Option<usize>,
}

impl TargetArgs {
    /// Compile options for this entity and target, with the given limits: the flags, over the
    /// project file, over the built-in defaults.
    pub fn options(&self, limits: &LimitArgs) -> Result<sift::Options, String> {
        let file = config::get()?;
        let mut lints = file.levels()?;
        lints.override_with(&config::levels(&self.allow, &self.warn, &self.deny)?);
        let given = self.target.or(file.target);
        let from = match (self.target, file.target) {
            (Some(_), _) => "--target",
            (None, Some(_)) => "sift.toml",
            (None, None) => "default",
        };
        config::in_force::target(given.unwrap_or_default(), from);
        let mut options = sift::Options::default()
            .with_target(given.unwrap_or_default())
            .with_limits(limits.limits()?)
            .with_lints(lints);
        // JSON documents say which target they were written for when no flag or project file
        // does (sift text is compiled for the default).
        options.infer_target = given.is_none();
        options.entity = self.entity.clone().or_else(|| file.entity.clone());
        Ok(options)
    }
}

impl LimitArgs {
    pub fn limits(&self) -> Result<Limits, String> {
        let file = &config::get()?.limits;
        let default = Limits::default();
        Ok(Limits {
            max_input_bytes: self
                .max_input_bytes
                .or(file.max_input_bytes)
                .unwrap_or(default.max_input_bytes),
            max_file_bytes: self
                .max_file_bytes
                .or(file.max_file_bytes)
                .unwrap_or(default.max_file_bytes),
            max_depth: self
                .max_depth
                .or(file.max_depth)
                .unwrap_or(default.max_depth),
            max_list_len: self
                .max_list_len
                .or(file.max_list_len)
                .unwrap_or(default.max_list_len),
            max_nodes: self
                .max_nodes
                .or(file.max_nodes)
                .unwrap_or(default.max_nodes),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
