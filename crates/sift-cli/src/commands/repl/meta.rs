//! The meta-commands: one table that `:help`, the parser, did-you-mean and completion read.

/// Every meta-command: its name (without `:`), the argument it takes, and what it does.
pub const META_COMMANDS: [(&str, &str, &str); 13] = [
    (
        "entity",
        "E",
        "the entity of filters written without `from`",
    ),
    ("target", "T", "the API version queries compile for"),
    (
        "emit",
        "F",
        "the JSON form :json shows (filter, query, params, request)",
    ),
    ("json", "", "the last query's JSON, in the :emit form"),
    (
        "request",
        "",
        "the HTTP request the last query sends to the API (token redacted)",
    ),
    (
        "schema",
        "[E]",
        "the fields of an entity (default: the current one), or every entity",
    ),
    (
        "data",
        "DIR",
        "run queries on local data: DIR/NAME.jsonl or DIR/NAME.json",
    ),
    (
        "api",
        "",
        "run queries on the hosted API (credentials from AIRBYTE_* variables)",
    ),
    ("more", "", "the next page of the last query"),
    ("fmt", "", "the last query, formatted"),
    (
        "save",
        "FILE",
        "append the last query, formatted, to a .sift file",
    ),
    ("help", "", "this list"),
    ("quit", "", "leave (Ctrl-D does too)"),
];

/// A meta-command line, split: `:schema users` → (`schema`, `users`).
#[derive(Debug, PartialEq, Eq)]
pub struct MetaLine<'a> {
    pub name: &'a str,
    pub argument: &'a str,
}

/// The meta-command on `line` when it starts with `:`.
pub fn parse(line: &str) -> Option<MetaLine<'_>> {
    let rest = line.trim().strip_prefix(':')?;
    let (name, argument) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    Some(MetaLine {
        name,
        argument: argument.trim(),
    })
}

/// Whether `name` is a meta-command of the table.
pub fn is_known(name: &str) -> bool {
    META_COMMANDS.iter().any(|(n, _, _)| *n == name)
}

/// The message for an unknown meta-command, with the nearest names.
pub fn unknown(name: &str) -> String {
    let nearest = sift::completion::suggest(name, META_COMMANDS.iter().map(|(n, _, _)| *n));
    let mut message = format!("unknown meta-command `:{}`", crate::render::escape(name));
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

/// The `:help` text: every meta-command and how queries are entered.
pub fn help() -> String {
    let mut out = String::from(
        "Type a query (`from ENTITY where …`, or a filter on the :entity) and Enter.\n\
         A query that does not parse yet continues on the next line; `;` or an empty line ends it.\n\
         Tab completes; Ctrl-C cancels the line; Ctrl-D leaves.\n\n",
    );
    for (name, argument, what) in META_COMMANDS {
        let usage = if argument.is_empty() {
            format!(":{name}")
        } else {
            format!(":{name} {argument}")
        };
        out.push_str(&format!("  {usage:<14} {what}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_into_name_and_argument() {
        assert_eq!(
            parse("  :schema  users "),
            Some(MetaLine {
                name: "schema",
                argument: "users"
            })
        );
        assert_eq!(parse(":json").map(|m| m.argument), Some(""));
        assert_eq!(parse("from users"), None);
    }

    #[test]
    fn unknown_names_get_the_nearest() {
        assert_eq!(
            unknown("jsno"),
            "unknown meta-command `:jsno`; did you mean `:json`?"
        );
        assert!(unknown("zzzzzz").ends_with(":help lists them"));
        assert!(is_known("more") && !is_known("mor"));
    }
}
