//! The meta-commands: one table that `:help`, the parser, did-you-mean and completion read.
//!
//! A line is a meta-command when it starts with `:` (`:schema users`), with a backslash as in
//! psql (`\x`, `\i FILE`; each alias is in the table), or when it is `exit` or `quit` alone at
//! the start of an entry, as in psql, DuckDB and sqlite3. No sift query line can start so, and
//! a meta-command runs even on a continuation line (the lines before it stay the entry being
//! written).

/// One meta-command: its name (without `:`), the other ways to write it, the argument it
/// takes, and what it does.
#[derive(Debug, PartialEq, Eq)]
pub struct MetaCommand {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub argument: &'static str,
    pub what: &'static str,
}

const fn meta(
    name: &'static str,
    aliases: &'static [&'static str],
    argument: &'static str,
    what: &'static str,
) -> MetaCommand {
    MetaCommand {
        name,
        aliases,
        argument,
        what,
    }
}

/// Every meta-command, in `:help` order.
pub const META_COMMANDS: [MetaCommand; 17] = [
    meta(
        "entity",
        &[],
        "E",
        "the entity of filters written without `from`",
    ),
    meta("target", &[], "T", "the API version queries compile for"),
    meta(
        "emit",
        &[],
        "F",
        "the JSON form :json shows (filter, query, params, request)",
    ),
    meta("json", &[], "", "the last query's JSON, in the :emit form"),
    meta(
        "request",
        &[],
        "",
        "the HTTP request the last query sends to the API (no secret shown)",
    ),
    meta(
        "schema",
        &["\\d"],
        "[E]",
        "the fields of an entity (default: the current one), or the entities",
    ),
    meta(
        "data",
        &[],
        "DIR",
        "run queries on local data: DIR/NAME.jsonl or DIR/NAME.json",
    ),
    meta(
        "api",
        &[],
        "",
        "run queries on the hosted API (credentials from AIRBYTE_* variables)",
    ),
    meta(
        "more",
        &[],
        "",
        "the next page of the last query (up to its `limit`)",
    ),
    meta(
        "mode",
        &[],
        "[M]",
        "records as a table, line (a field per line), json, jsonl or csv",
    ),
    meta(
        "x",
        &["\\x"],
        "[on|off|auto]",
        "a field per line: on, off, or auto (when a table is too wide)",
    ),
    meta("fmt", &[], "", "the last query, formatted"),
    meta(
        "save",
        &[],
        "FILE",
        "append the last query, whole (with its `from`), to a .sift file",
    ),
    meta(
        "run",
        &["\\i"],
        "FILE",
        "run the queries and commands of a file as if typed",
    ),
    meta(
        "edit",
        &["\\e"],
        "",
        "the query being written (or the last) in $EDITOR; runs what is saved",
    ),
    meta("help", &["\\?", "\\h"], "", "this list"),
    meta(
        "quit",
        &[":q", "\\q", "exit", "quit"],
        "",
        "leave (Ctrl-D does too)",
    ),
];

/// A meta-command line, split: `:schema users` → (`schema`, `users`); a line written with an
/// alias gives the command's name.
#[derive(Debug, PartialEq, Eq)]
pub struct MetaLine<'a> {
    /// The name as written (`jsno` stays `jsno`, for the message).
    pub name: &'a str,
    pub argument: &'a str,
    /// The command, if the name is one.
    pub command: Option<&'static MetaCommand>,
}

/// The meta-command on `line`: `:name …`, `\name …`; `first` says the line starts an entry,
/// where `exit` and `quit` alone also quit.
pub fn parse(line: &str, first: bool) -> Option<MetaLine<'_>> {
    let line = line.trim();
    let bare = line.trim_end_matches(';').trim_end();
    if first && (bare == "exit" || bare == "quit") {
        return Some(MetaLine {
            name: bare,
            argument: "",
            command: find(bare),
        });
    }
    let (name, argument) = if let Some(rest) = line.strip_prefix(':') {
        rest.split_once(char::is_whitespace).unwrap_or((rest, ""))
    } else if line.starts_with('\\') {
        // psql writes `\x`, `\i FILE`, `\d users`: the name is the backslash and the word.
        let end = line
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_whitespace())
            .map_or(line.len(), |(i, _)| i);
        (&line[..end], &line[end..])
    } else {
        return None;
    };
    let command = match line.starts_with(':') {
        true => find(name).or_else(|| find(&format!(":{name}"))),
        false => find(name),
    };
    Some(MetaLine {
        name,
        argument: argument.trim(),
        command,
    })
}

/// The command a name or alias stands for.
fn find(written: &str) -> Option<&'static MetaCommand> {
    META_COMMANDS
        .iter()
        .find(|m| m.name == written || m.aliases.contains(&written))
}

/// The message for an unknown meta-command, with the nearest names.
pub fn unknown(name: &str) -> String {
    let lead = if name.starts_with('\\') { "" } else { ":" };
    let names = META_COMMANDS.iter().map(|m| m.name);
    let nearest = sift::naming::suggest(name.trim_start_matches('\\'), names);
    let mut message = format!(
        "unknown meta-command `{lead}{}`",
        crate::render::escape(name)
    );
    match nearest.as_slice() {
        [] => message.push_str("; :help lists them"),
        [one] => message.push_str(&format!("; did you mean `:{one}`?")),
        many => {
            let names: Vec<String> = many.iter().map(|n| format!("`:{n}`")).collect();
            message.push_str(&format!("; did you mean {}?", names.join(" or ")));
        }
    }
    message
}

/// The `:help` text: every meta-command, its other spellings, and how queries are entered.
pub fn help() -> String {
    let mut out = String::from(
        "Type a query (`from ENTITY where …`, or a filter on the :entity) and Enter.\n\
         A query that does not parse yet continues on the next line; `;` or an empty line ends it.\n\
         A command runs on any line; the lines before it stay. Tab completes; Ctrl-C cancels the\n\
         line; Ctrl-D leaves.\n\n",
    );
    for command in &META_COMMANDS {
        let mut usage = format!(":{}", command.name);
        if !command.argument.is_empty() {
            usage.push(' ');
            usage.push_str(command.argument);
        }
        for alias in command.aliases {
            usage.push_str(", ");
            usage.push_str(alias);
        }
        out.push_str(&format!("  {usage:<26} {}\n", command.what));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_into_name_and_argument() {
        let line = parse("  :schema  users ", false).unwrap();
        assert_eq!((line.name, line.argument), ("schema", "users"));
        assert_eq!(line.command.map(|c| c.name), Some("schema"));
        assert_eq!(parse(":json", false).map(|m| m.argument), Some(""));
        assert_eq!(parse("from users", true), None);
    }

    #[test]
    fn psql_spellings_are_aliases() {
        for (line, name) in [
            ("\\q", "quit"),
            (":q", "quit"),
            ("\\x auto", "x"),
            ("\\i queries.sift", "run"),
            ("\\e", "edit"),
            ("\\d users", "schema"),
            ("\\?", "help"),
        ] {
            let parsed = parse(line, false).unwrap();
            assert_eq!(parsed.command.map(|c| c.name), Some(name), "{line}");
        }
        assert_eq!(
            parse("\\i queries.sift", false).unwrap().argument,
            "queries.sift"
        );
        // `exit` and `quit` alone quit where an entry starts, and are text elsewhere.
        assert_eq!(
            parse("exit", true).unwrap().command.map(|c| c.name),
            Some("quit")
        );
        assert_eq!(parse("quit", false), None);
    }

    #[test]
    fn unknown_names_get_the_nearest() {
        assert_eq!(
            unknown("jsno"),
            "unknown meta-command `:jsno`; did you mean `:json`?"
        );
        assert!(unknown("zzzzzz").ends_with(":help lists them"));
        assert!(parse(":mor", false).unwrap().command.is_none());
    }
}
