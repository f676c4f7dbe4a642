//! Syntax diagnostics: data, never rendered here. Every variant has a stable code, a labelled
//! primary span, a message that says what was expected and what was found, and help.

use miette::Diagnostic;
use thiserror::Error;

use crate::{Fix, Span, SuggestFix};

/// Every syntax error the parser reports. Codes are stable (`sift::syntax::<name>`).
#[derive(Clone, Debug, PartialEq, Eq, Error, Diagnostic, strum::EnumIter)]
#[non_exhaustive]
pub enum SyntaxError {
    #[error(
        "a comment holds the invisible bidirectional control U+{code:04X}: a terminal may show the code around it in another order than sift reads it"
    )]
    #[diagnostic(
        code(sift::syntax::bidi_in_comment),
        severity(Warning),
        help(
            "remove it (the fix does): a comment never needs to reorder the text on screen, and this is how \"trojan source\" hides live code"
        )
    )]
    BidiInComment {
        #[label("U+{code:04X} here")]
        span: Span,
        code: u32,
    },

    #[error("expected `=`, found `==`")]
    #[diagnostic(
        code(sift::syntax::double_equals),
        help("sift tests equality with a single `=`, as in `status = \"open\"`")
    )]
    DoubleEquals {
        #[label("write `=` here")]
        span: Span,
    },

    #[error("expected `!=`, found `<>`")]
    #[diagnostic(
        code(sift::syntax::sql_not_equals),
        help("sift writes \"not equal\" as `!=`, as in `status != \"closed\"`")
    )]
    SqlNotEquals {
        #[label("write `!=` here")]
        span: Span,
    },

    #[error("expected `and`, found `&&`")]
    #[diagnostic(
        code(sift::syntax::double_ampersand),
        help("sift joins conditions with the word `and`: `a = 1 and b = 2`")
    )]
    DoubleAmpersand {
        #[label("write `and` here")]
        span: Span,
        replacement: String,
    },

    #[error("expected `or`, found `||`")]
    #[diagnostic(
        code(sift::syntax::double_pipe),
        help("sift joins alternatives with the word `or`: `a = 1 or b = 2`")
    )]
    DoublePipe {
        #[label("write `or` here")]
        span: Span,
        replacement: String,
    },

    #[error("expected `not`, found `!`")]
    #[diagnostic(
        code(sift::syntax::bang_not),
        help(
            "sift negates a condition with the word `not`: `not a = 1`; `!` only appears in `!=`"
        )
    )]
    BangNot {
        #[label("write `not` here")]
        span: Span,
        replacement: String,
    },

    #[error("expected an operator after `{field}`, found `:`")]
    #[diagnostic(
        code(sift::syntax::lucene_colon),
        help("sift writes conditions as `field operator value`: `{field} = value`")
    )]
    LuceneColon {
        #[label("write ` = ` here")]
        span: Span,
        field: String,
        replacement: String,
    },

    #[error("expected `sort`, found `order by`")]
    #[diagnostic(
        code(sift::syntax::order_by),
        help("sift orders results with `sort`: `sort created_at desc, name`")
    )]
    OrderBy {
        #[label("write `sort` here")]
        span: Span,
    },

    #[error("expected `fields`, found `select`")]
    #[diagnostic(
        code(sift::syntax::select),
        help(
            "sift picks the returned fields with a `fields` clause at the end of the query: `fields id, name`"
        )
    )]
    Select {
        #[label("write `fields` here")]
        span: Span,
    },

    #[error("expected a condition after `{keyword}`, found {found}")]
    #[diagnostic(
        code(sift::syntax::trailing_and_or),
        help("remove the trailing `{keyword}`, or add the condition it should join")
    )]
    TrailingAndOr {
        #[label("`{keyword}` joins nothing")]
        span: Span,
        keyword: String,
        found: String,
        /// What the fix deletes: the keyword and the blank before it.
        removal: Span,
    },

    #[error("expected a closing `{quote}`, found the end of the line")]
    #[diagnostic(
        code(sift::syntax::unclosed_string),
        help(
            "close the string with `{quote}`; strings cannot span lines (write `\\n` for a line break)"
        )
    )]
    UnclosedString {
        #[label("this string is never closed")]
        span: Span,
        quote: char,
        insert_at: usize,
    },

    #[error("expected `)`, found {found}")]
    #[diagnostic(
        code(sift::syntax::unclosed_paren),
        help("add `)` to close the group opened here")
    )]
    UnclosedParen {
        #[label("this `(` is never closed")]
        span: Span,
        found: String,
        insert_at: usize,
    },

    #[error("expected `{closer}` to end the list, found {found}")]
    #[diagnostic(
        code(sift::syntax::unclosed_list),
        help("add `{closer}` after the last value of the list")
    )]
    UnclosedList {
        #[label("this list is never closed")]
        span: Span,
        closer: char,
        found: String,
        insert_at: usize,
    },

    #[error("expected a closing backtick, found the end of the line")]
    #[diagnostic(
        code(sift::syntax::unclosed_backtick),
        help("close the quoted name with a backtick; write a literal backtick as two: ``")
    )]
    UnclosedBacktick {
        #[label("this quoted name is never closed")]
        span: Span,
        insert_at: usize,
    },

    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(sift::syntax::expected))]
    Expected {
        #[label("expected {expected}")]
        span: Span,
        expected: String,
        found: String,
        #[help]
        help: Option<String>,
        fix: Option<Fix>,
    },

    #[error("`{found}` is the JSON name of an operator; sift writes it `{replacement}`")]
    #[diagnostic(
        code(sift::syntax::json_operator),
        help(
            "in sift, conditions read `field {replacement} value`; the JSON operator names (eq, neq, gt, gte, lt, lte, array_contains) are what sift compiles to"
        )
    )]
    JsonOperator {
        #[label("write `{replacement}` here")]
        span: Span,
        found: String,
        replacement: &'static str,
    },

    #[error("expected an operator, found unknown operator {found}")]
    #[diagnostic(code(sift::syntax::unknown_operator))]
    UnknownOperator {
        #[label("not a sift operator")]
        span: Span,
        found: String,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("expected {expected}, found {found} after the end of the query")]
    #[diagnostic(code(sift::syntax::stray_input))]
    StrayInput {
        #[label("unexpected here")]
        span: Span,
        expected: String,
        found: String,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`{clause}` must come before `{after}`")]
    #[diagnostic(
        code(sift::syntax::clause_out_of_order),
        help(
            "clauses go in the order: from, where, sort, limit, fields; move `{clause}` before `{after}`"
        )
    )]
    ClauseOutOfOrder {
        #[label("`{clause}` after `{after}`")]
        span: Span,
        clause: &'static str,
        after: &'static str,
    },

    #[error("expected at most one `{clause}` clause, found a second one")]
    #[diagnostic(
        code(sift::syntax::duplicate_clause),
        help("merge the two `{clause}` clauses into one")
    )]
    DuplicateClause {
        #[label("second `{clause}`")]
        span: Span,
        clause: &'static str,
        #[label("first `{clause}`")]
        first: Span,
    },

    #[error("expected `from ENTITY` before `{clause}`, found a filter expression without it")]
    #[diagnostic(
        code(sift::syntax::missing_from),
        help(
            "a `{clause}` clause belongs to a query: start it with `from ENTITY` (and put the filter in `where`)"
        )
    )]
    MissingFrom {
        #[label("`{clause}` needs a query")]
        span: Span,
        clause: &'static str,
    },

    #[error("expected `;` between two queries, found `from`")]
    #[diagnostic(
        code(sift::syntax::missing_semicolon),
        help("separate queries with `;`")
    )]
    MissingSemicolon {
        #[label("a new query starts here")]
        span: Span,
        insert_at: usize,
    },

    #[error("expected a query or a filter expression, found {found}")]
    #[diagnostic(
        code(sift::syntax::empty_input),
        help(
            "write a filter such as `is_active = true`, or a query such as `from users where is_active = true`"
        )
    )]
    EmptyInput {
        #[label("nothing to parse")]
        span: Span,
        found: String,
    },

    #[error("expected a query before `;`, found an empty one")]
    #[diagnostic(code(sift::syntax::empty_query), help("remove the extra `;`"))]
    EmptyQuery {
        #[label("empty query ends here")]
        span: Span,
    },

    #[error("expected a valid ISO 8601 date, found `{text}`: {reason}")]
    #[diagnostic(
        code(sift::syntax::bad_date),
        help(
            "write a date as YYYY-MM-DD (`2024-01-31`) and a date-time as YYYY-MM-DDTHH:MM:SS with `Z` or an offset (`2024-01-31T09:30:00Z`, `2024-01-31T09:30:00+02:00`)"
        )
    )]
    BadDate {
        #[label("not a valid date")]
        span: Span,
        text: String,
        reason: String,
    },

    #[error(
        "expected an integer between -9223372036854775808 and 9223372036854775807, found `{text}`"
    )]
    #[diagnostic(
        code(sift::syntax::integer_out_of_range),
        help(
            "integers are 64-bit; quote the value if it is an identifier (`\"{text}\"`), or write it as a decimal (`{text}.0`)"
        )
    )]
    IntegerOutOfRange {
        #[label("out of range")]
        span: Span,
        text: String,
    },

    #[error("expected a limit between 1 and {max}, found `{text}`", max = u64::MAX)]
    #[diagnostic(
        code(sift::syntax::limit_out_of_range),
        help("`limit` takes a whole number of results from 1 to {max}, as in `limit 50`", max = u64::MAX)
    )]
    LimitOutOfRange {
        #[label("out of range")]
        span: Span,
        text: String,
    },

    #[error("expected a number, found `{text}`")]
    #[diagnostic(code(sift::syntax::bad_number))]
    BadNumber {
        #[label("not a number")]
        span: Span,
        text: String,
        #[help]
        help: String,
    },

    #[error("expected a string escape, found `{escape}`: {reason}")]
    #[diagnostic(
        code(sift::syntax::invalid_escape),
        help(
            "valid escapes are \\\" \\' \\` \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write \\\\ for a backslash"
        )
    )]
    InvalidEscape {
        #[label("invalid escape")]
        span: Span,
        escape: String,
        reason: String,
        fix: Option<Fix>,
    },

    #[error("expected a name between the backticks, found an empty name")]
    #[diagnostic(
        code(sift::syntax::empty_name),
        help("put the name between the backticks, as in `flow-actions`")
    )]
    EmptyName {
        #[label("empty name")]
        span: Span,
    },

    #[error("expected a name of letters, digits and `_`, found `{name}`")]
    #[diagnostic(
        code(sift::syntax::needs_backticks),
        help(
            "a name that does not match [A-Za-z_][A-Za-z0-9_]* goes in backticks: `{name}` -> {quoted}"
        )
    )]
    NeedsBackticks {
        #[label("write this name in backticks")]
        span: Span,
        /// The name as the message quotes it (cut short when long).
        name: String,
        quoted: String,
        /// The whole name in backticks, for the fix.
        replacement: String,
    },

    #[error("expected a value, found the bare word `{word}`")]
    #[diagnostic(
        code(sift::syntax::unquoted_string),
        help(
            "strings are quoted: write \"{word}\"; the bare words sift knows as values are true, false and null"
        )
    )]
    UnquotedString {
        #[label("quote this string")]
        span: Span,
        /// The word as the message quotes it (cut short when long).
        word: String,
        /// The whole word in quotes, for the fix.
        replacement: String,
    },

    #[error("expected at most {limit} nested levels of and/or/not/parentheses/any, found more")]
    #[diagnostic(
        code(sift::syntax::too_deep),
        help(
            "flatten the expression (a chain `a and b and c` is one level), or raise the limit (`--max-depth`, or `limits.max_depth` in sift.toml or `Options`; the hard ceiling is {ceiling})"
        )
    )]
    TooDeep {
        #[label("nesting goes past {limit} levels here")]
        span: Span,
        limit: usize,
        ceiling: usize,
    },

    #[error("expected at most {limit} bytes in one query, found {size}")]
    #[diagnostic(
        code(sift::syntax::input_too_large),
        help(
            "split the query, or raise the limit (`--max-input-bytes`, or `limits.max_input_bytes` in sift.toml or `Options`)"
        )
    )]
    InputTooLarge {
        #[label("this query is too large")]
        span: Span,
        size: usize,
        limit: usize,
    },

    #[error("expected at most {limit} bytes of input in all, found {size}")]
    #[diagnostic(
        code(sift::syntax::file_too_large),
        help(
            "split the input into several files, or raise the limit (`--max-file-bytes`, or `limits.max_file_bytes` in sift.toml or `Options`)"
        )
    )]
    FileTooLarge {
        #[label("input too large")]
        span: Span,
        size: usize,
        limit: usize,
    },

    #[error("expected at most {limit} values in a list, found more")]
    #[diagnostic(
        code(sift::syntax::list_too_long),
        help(
            "shorten the list, or raise the limit (`--max-list-len`, or `limits.max_list_len` in sift.toml or `Options`)"
        )
    )]
    ListTooLong {
        #[label("this value is one past the limit")]
        span: Span,
        limit: usize,
    },

    #[error("expected at most {limit} conditions, operators and values in one query, found more")]
    #[diagnostic(
        code(sift::syntax::too_many_nodes),
        help(
            "split the query, or raise the limit (`--max-nodes`, or `limits.max_nodes` in sift.toml or `Options`)"
        )
    )]
    TooManyNodes {
        #[label("the limit is reached here")]
        span: Span,
        limit: usize,
    },
}

impl SyntaxError {
    /// Whether this is a warning (the source still parses) rather than an error.
    pub fn is_warning(&self) -> bool {
        matches!(self, SyntaxError::BidiInComment { .. })
    }

    /// The primary span: where the error is.
    pub fn span(&self) -> Span {
        use SyntaxError::*;
        match self {
            DoubleEquals { span }
            | BidiInComment { span, .. }
            | SqlNotEquals { span }
            | DoubleAmpersand { span, .. }
            | DoublePipe { span, .. }
            | BangNot { span, .. }
            | LuceneColon { span, .. }
            | OrderBy { span }
            | Select { span }
            | TrailingAndOr { span, .. }
            | UnclosedString { span, .. }
            | UnclosedParen { span, .. }
            | UnclosedList { span, .. }
            | UnclosedBacktick { span, .. }
            | Expected { span, .. }
            | UnknownOperator { span, .. }
            | JsonOperator { span, .. }
            | StrayInput { span, .. }
            | ClauseOutOfOrder { span, .. }
            | DuplicateClause { span, .. }
            | MissingFrom { span, .. }
            | MissingSemicolon { span, .. }
            | EmptyInput { span, .. }
            | EmptyQuery { span }
            | BadDate { span, .. }
            | IntegerOutOfRange { span, .. }
            | LimitOutOfRange { span, .. }
            | BadNumber { span, .. }
            | InvalidEscape { span, .. }
            | EmptyName { span }
            | NeedsBackticks { span, .. }
            | UnquotedString { span, .. }
            | TooDeep { span, .. }
            | InputTooLarge { span, .. }
            | FileTooLarge { span, .. }
            | ListTooLong { span, .. }
            | TooManyNodes { span, .. } => *span,
        }
    }

    /// The stable diagnostic code, e.g. `sift::syntax::double_equals`.
    pub fn code_str(&self) -> String {
        self.code().map(|c| c.to_string()).unwrap_or_default()
    }
}

fn replace(span: Span, text: &str) -> Option<Fix> {
    Some(Fix {
        span,
        replacement: text.to_owned(),
    })
}

fn insert(at: usize, text: &str) -> Option<Fix> {
    replace(Span::new(at, at), text)
}

impl SuggestFix for SyntaxError {
    fn fix(&self) -> Option<Fix> {
        use SyntaxError::*;
        match self {
            DoubleEquals { span } => replace(*span, "="),
            BidiInComment { span, .. } => replace(*span, ""),
            SqlNotEquals { span } => replace(*span, "!="),
            DoubleAmpersand {
                span, replacement, ..
            }
            | DoublePipe {
                span, replacement, ..
            }
            | BangNot {
                span, replacement, ..
            }
            | LuceneColon {
                span, replacement, ..
            } => replace(*span, replacement),
            OrderBy { span } => replace(*span, "sort"),
            Select { span } => replace(*span, "fields"),
            TrailingAndOr { removal, .. } => replace(*removal, ""),
            UnclosedString {
                quote, insert_at, ..
            } => insert(*insert_at, quote.encode_utf8(&mut [0; 4])),
            UnclosedParen { insert_at, .. } => insert(*insert_at, ")"),
            UnclosedList {
                closer, insert_at, ..
            } => insert(*insert_at, closer.encode_utf8(&mut [0; 4])),
            UnclosedBacktick { insert_at, .. } => insert(*insert_at, "`"),
            Expected { fix, .. } | UnknownOperator { fix, .. } | InvalidEscape { fix, .. } => {
                fix.clone()
            }
            MissingSemicolon { insert_at, .. } => insert(*insert_at, ";"),
            EmptyQuery { span } => replace(*span, ""),
            NeedsBackticks {
                span, replacement, ..
            } => replace(*span, replacement),
            UnquotedString {
                span, replacement, ..
            } => replace(*span, replacement),
            StrayInput { fix, .. } => fix.clone(),
            JsonOperator {
                span, replacement, ..
            } => replace(*span, replacement),
            ClauseOutOfOrder { .. }
            | DuplicateClause { .. }
            | MissingFrom { .. }
            | EmptyInput { .. }
            | BadDate { .. }
            | IntegerOutOfRange { .. }
            | LimitOutOfRange { .. }
            | BadNumber { .. }
            | EmptyName { .. }
            | TooDeep { .. }
            | InputTooLarge { .. }
            | FileTooLarge { .. }
            | ListTooLong { .. }
            | TooManyNodes { .. } => None,
        }
    }
}
