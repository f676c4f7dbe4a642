//! The lexer's building blocks, one by one.

use super::*;

#[test]
fn date_shapes() {
    assert_eq!(date_shape("2024-01-31"), Ok(false));
    assert_eq!(date_shape("2024-01-31T09:30:00Z"), Ok(true));
    assert_eq!(date_shape("2024-01-31T09:30:00.123+02:00"), Ok(true));
    assert!(date_shape("2024-1-31").is_err());
    assert!(date_shape("2024-01-31T09:30").is_err());
}

proptest::proptest! {
    /// The byte check of the common date forms says what the rule says, on texts near them.
    #[test]
    fn the_common_date_forms_agree_with_the_rule(
        text in proptest::prop_oneof![
            "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2}))?",
            "[0-9]{3,5}[-/][0-9]{1,3}[-/][0-9]{1,2}(T[0-9]{2}[:.][0-9]{2}:[0-9]{2}(\\.[0-9])?(Z|z|[+-][0-9]{2}:[0-9]{2}|[+-][0-9]{4})?)?x?",
        ],
    ) {
        if let Some(datetime) = common_date_shape(text.as_bytes()) {
            proptest::prop_assert_eq!(date_shape_by_rule(&text), Ok(datetime), "{}", text);
        }
        proptest::prop_assert_eq!(date_shape(&text).is_ok(), date_shape_by_rule(&text).is_ok());
    }
}

#[test]
fn the_common_date_forms_are_read_over_bytes() {
    for (text, datetime) in [
        ("2024-01-31", false),
        ("2024-01-31T09:30:00Z", true),
        ("2024-01-31T09:30:00-05:00", true),
    ] {
        assert_eq!(common_date_shape(text.as_bytes()), Some(datetime), "{text}");
        assert_eq!(date_shape_by_rule(text), Ok(datetime), "{text}");
    }
    // Everything else is the rule's, reasons included.
    for text in [
        "2024-01-31T09:30:00.5Z",
        "2024-01-31T09:30:00",
        "2024-01-3",
        "2024-01-31Tx",
    ] {
        assert_eq!(common_date_shape(text.as_bytes()), None, "{text}");
    }
}

#[test]
fn skipping_respects_strings_and_comments() {
    assert_eq!(skip_to_semicolon("a = \"x;y\" # ; \n ; b"), "; b");
    assert_eq!(skip_to_semicolon("`a;b` ;"), ";");
    assert_eq!(skip_to_semicolon("'it\\'s;' ;x"), ";x");
}

#[test]
fn one_scanner_for_strings_and_names() {
    let closed = |len, escaped| Delimited {
        len,
        closed: true,
        escaped,
    };
    assert_eq!(scan_delimited("ab\" x", '"'), closed(2, false));
    assert_eq!(scan_delimited("a\\\"b\" x", '"'), closed(4, true));
    assert_eq!(scan_delimited("a``b` x", '`'), closed(4, true));
    assert_eq!(scan_delimited("a\\`b` x", '`'), closed(4, true));
    // A `\` never takes a line break with it: the string ends unclosed at the line end,
    // and recovery and the comment finder stop at the same place.
    let src = "id = \"x\\\n; id = 2 # c";
    assert_eq!(
        scan_delimited(&src[6..], '"'),
        Delimited {
            len: 2,
            closed: false,
            escaped: true
        }
    );
    assert_eq!(skip_to_semicolon(src), "; id = 2 # c");
    assert_eq!(comments(src)[0].text, " c");
}

#[test]
fn blanks_are_unicode_white_space_and_comments() {
    assert_eq!(blank(" \u{a0}\u{3000}\t\u{b}\u{c}x"), "x");
    assert_eq!(blank("# c\r\n  # d\n y"), "y");
    assert_eq!(blank("\u{85}z"), "z");
    assert_eq!(blank(" é"), "é");
    assert_eq!(blank(" #"), "");
    assert_eq!(blank("x "), "x ");
}

#[test]
fn keywords_are_whole_words_in_any_case() {
    assert!(at_keyword("AND x", "and"));
    assert!(at_keyword("Or", "or"));
    assert!(at_keyword("not(", "not"));
    assert!(!at_keyword("andy", "and"));
    assert!(!at_keyword("an", "and"));
    assert!(!at_keyword("or_x", "or"));
    assert_eq!(bare_segment("_a1.b").ok(), Some((".b", "_a1")));
    assert!(bare_segment("1a").is_err() && bare_segment("é").is_err());
}

#[test]
fn long_strings_end_where_short_ones_do() {
    let long = "x".repeat(2 * SHORT_RUN);
    let scan = |tail: &str| scan_delimited(&format!("{long}{tail}"), '"');
    let at = long.len();
    assert_eq!(
        scan("\" r"),
        Delimited {
            len: at,
            closed: true,
            escaped: false
        }
    );
    assert_eq!(
        scan("\r\""),
        Delimited {
            len: at,
            closed: false,
            escaped: false
        }
    );
    assert_eq!(
        scan("\\\"\""),
        Delimited {
            len: at + 2,
            closed: true,
            escaped: true
        }
    );
    assert_eq!(
        scan(""),
        Delimited {
            len: at,
            closed: false,
            escaped: false
        }
    );
}

#[test]
fn comments_skip_strings_and_quoted_names() {
    let found = comments("a = 'x\\'#' # one \n`b``#` = \"#\" #two\n  #three");
    let seen: Vec<(&str, bool)> = found
        .iter()
        .map(|c| (c.text.as_ref(), c.own_line))
        .collect();
    assert_eq!(seen, [(" one", false), ("two", false), ("three", true)]);
    assert_eq!(found[0].span, Span::new(11, 16));
}

#[test]
fn every_operator_word_is_a_keyword() {
    for (spelling, _) in crate::ast::OPERATOR_SPELLINGS {
        for word in spelling.split(' ').filter(|w| w.starts_with(is_word_start)) {
            assert!(Keyword::all().any(|k| k == word), "{word}");
        }
    }
}

#[test]
fn the_keyword_index_knows_every_keyword_in_any_case() {
    for k in <Keyword as strum::VariantArray>::VARIANTS {
        assert_eq!(keyword(k.as_str()), Some(*k));
        assert_eq!(keyword(&k.as_str().to_uppercase()), Some(*k));
    }
    for word in [
        "",
        "an",
        "andy",
        "froms",
        "_and",
        "in_",
        "startswit",
        "x",
        "ORDERS",
        "nul",
    ] {
        assert_eq!(keyword(word), None, "{word}");
    }
    assert!(is_clause_word("SELECT") && is_clause_word("where") && !is_clause_word("order"));
}

#[test]
fn distance() {
    assert_eq!(edit_distance("startwith", "startswith"), 1);
    assert_eq!(edit_distance("LIKE", "like"), 0);
}
