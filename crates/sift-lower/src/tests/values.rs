//! Values keep their exact text and strings are escaped as JSON.

use sift_syntax::ast::OpKind;

use super::*;

fn eq_json(v: TypedValue<'static>) -> String {
    filter_ok(cmp("a", OpKind::Eq, v), Target::default())
}

#[test]
fn decimals_are_written_verbatim() {
    for text in [
        "0.1",
        "1e400",
        "-0.0",
        "123456789012345678901234567890.5",
        "-1.50",
        "2E-10",
        "0.30000000000000000000000000001",
    ] {
        assert_eq!(
            eq_json(decimal(text)),
            format!(r#"{{"eq":{{"a":{text}}}}}"#)
        );
    }
}

#[test]
fn output_parses_back_to_the_same_number_text() {
    let json = eq_json(decimal("123456789012345678901234567890.5"));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(
        parsed["eq"]["a"].to_string(),
        "123456789012345678901234567890.5"
    );
}

#[test]
fn integers_at_the_edges() {
    assert_eq!(
        eq_json(int(i64::MIN)),
        r#"{"eq":{"a":-9223372036854775808}}"#
    );
    assert_eq!(
        eq_json(int(i64::MAX)),
        r#"{"eq":{"a":9223372036854775807}}"#
    );
    assert_eq!(eq_json(int(0)), r#"{"eq":{"a":0}}"#);
    for (n, text) in [
        (9, "9"),
        (10, "10"),
        (99, "99"),
        (100, "100"),
        (-1000, "-1000"),
    ] {
        assert_eq!(eq_json(int(n)), format!(r#"{{"eq":{{"a":{text}}}}}"#));
    }
}

#[test]
fn dates_and_date_times_become_strings() {
    assert_eq!(
        eq_json(value(ValueKind::Date("2024-01-31".into()))),
        r#"{"eq":{"a":"2024-01-31"}}"#
    );
    assert_eq!(
        eq_json(value(ValueKind::DateTime("2024-01-31T09:30:00Z".into()))),
        r#"{"eq":{"a":"2024-01-31T09:30:00Z"}}"#
    );
}

#[test]
fn strings_are_escaped() {
    let rows = [
        ("say \"hi\"", r#""say \"hi\"""#),
        ("back\\slash", r#""back\\slash""#),
        ("line\nbreak\ttab\r", r#""line\nbreak\ttab\r""#),
        ("\u{0}\u{1f}\u{7f}", "\"\\u0000\\u001f\u{7f}\""),
        ("héllo — ✓ 𝄞", "\"héllo — ✓ 𝄞\""),
        ("</script>", r#""</script>""#),
    ];
    for (text, want) in rows {
        assert_eq!(
            eq_json(string(text)),
            format!(r#"{{"eq":{{"a":{want}}}}}"#),
            "{text:?}"
        );
    }
}

#[test]
fn keys_are_escaped_too() {
    assert_eq!(
        filter_ok(cmp("we\"ird\\key", OpKind::Eq, int(1)), Target::default()),
        r#"{"eq":{"we\"ird\\key":1}}"#
    );
}

#[test]
fn output_is_valid_json_for_awkward_text() {
    let json = eq_json(string("\u{8}\u{c}\"\\/\u{2028}"));
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&json);
    let round_trip = parsed
        .ok()
        .and_then(|v| v["eq"]["a"].as_str().map(str::to_owned));
    assert_eq!(round_trip.as_deref(), Some("\u{8}\u{c}\"\\/\u{2028}"));
}

#[test]
fn lowering_is_deterministic() {
    let expr = || {
        and(vec![
            cmp("b", OpKind::Eq, decimal("1.10")),
            cmp("a", OpKind::Fuzzy, string("x")),
        ])
    };
    assert_eq!(
        filter_ok(expr(), Target::default()),
        filter_ok(expr(), Target::default())
    );
}

#[test]
fn strings_are_escaped_as_serde_json_escapes_them() {
    // Every ASCII character alone and between text, and characters beyond ASCII (which
    // JSON leaves as they are), against serde_json's writer.
    let mut texts: Vec<String> = (0u8..=0x7f).map(|b| char::from(b).to_string()).collect();
    texts.extend((0u8..=0x7f).map(|b| format!("a{}é", char::from(b))));
    texts.extend(["", "ünïcödé", "\u{2028}\u{202e}", "\u{1F600}\"\\\n"].map(String::from));
    // The plain-text test reads words of four and eight bytes: every ASCII character at every
    // place of texts of every length up to three words, next to a character beyond ASCII.
    for len in 1..=24 {
        for at in 0..len {
            for b in 0u8..=0x7f {
                let mut text: Vec<char> = "abcdefghijklmnopqrstuvwx".chars().take(len).collect();
                text[at] = char::from(b);
                texts.push(text.iter().collect());
                text[(at + 1) % len] = 'ß';
                texts.push(text.iter().collect());
            }
        }
    }
    for text in texts {
        let mut ours = String::new();
        crate::json::write_string(&text, &mut ours);
        assert_eq!(Some(ours), serde_json::to_string(&text).ok(), "{text:?}");
    }
}

proptest::proptest! {
    #[test]
    fn any_integer_is_written_as_display_writes_it(n: i64, m: u64) {
        let mut ours = String::new();
        crate::json::write_integer(n, &mut ours);
        proptest::prop_assert_eq!(ours, n.to_string());
        let mut ours = String::new();
        crate::json::write_unsigned(m, &mut ours);
        proptest::prop_assert_eq!(ours, m.to_string());
    }

    #[test]
    fn any_string_is_escaped_as_serde_json_escapes_it(text in "\\PC*|[\\x00-\\x7f]{0,40}") {
        let mut ours = String::new();
        crate::json::write_string(&text, &mut ours);
        proptest::prop_assert_eq!(Some(ours), serde_json::to_string(&text).ok());
    }
}
