//! End to end from source text: spans point at the right text, and applying a fix repairs the
//! query.

use sift_syntax::{Limits, parse};

use super::*;

/// Parses `src` (which must be free of syntax errors) and checks its first query.
fn check_src<'s>(src: &'s str, default_entity: Option<&str>) -> Checked<'s> {
    check_src_in(src, harvest(), default_entity)
}

/// [`check_src`] against any catalog.
pub(super) fn check_src_in<'s>(
    src: &'s str,
    catalog: &Catalog,
    default_entity: Option<&str>,
) -> Checked<'s> {
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{src}: {:?}", parsed.errors);
    let query = parsed
        .document
        .queries
        .into_iter()
        .next()
        .expect("one query");
    // The typed query borrows the tree; a test may keep both for its whole run.
    let query: &'s Query<'s> = Box::leak(Box::new(query));
    let checked = type_query(query, catalog, default_entity);
    assert_well_formed(&checked);
    checked
}

/// The source text under each diagnostic's primary span.
pub(super) fn spans<'s>(src: &'s str, checked: &Checked<'_>) -> Vec<&'s str> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            src.get(d.span().lo()..d.span().hi())
                .unwrap_or("<bad span>")
        })
        .collect()
}

pub(super) fn apply(src: &str, d: &CheckError) -> String {
    let f = d.fix().expect("a fix");
    format!(
        "{}{}{}",
        &src[..f.span.lo()],
        f.replacement,
        &src[f.span.hi()..]
    )
}

#[test]
fn three_independent_errors_three_spans() {
    let src =
        r#"from users where frist_name = "Ann" and is_active = "yes" and weekly_capacity ~ "40""#;
    let checked = check_src(src, None);
    assert_eq!(spans(src, &checked), ["frist_name", "\"yes\"", "~"]);
}

#[test]
fn fixes_repair_the_query() {
    for (src, expected) in [
        (
            r#"from users where frist_name = "Ann""#,
            r#"from users where first_name = "Ann""#,
        ),
        (r#"from user where id = 1"#, r#"from users where id = 1"#),
        (
            r#"from users where is_active = "true""#,
            r#"from users where is_active = true"#,
        ),
        (
            r#"from users where weekly_capacity = "40""#,
            r#"from users where weekly_capacity = 40"#,
        ),
        (r#"from users where id ~ 5"#, r#"from users where id = 5"#),
        (
            r#"from users where first_name.x = "a""#,
            r#"from users where first_name = "a""#,
        ),
        (
            r#"from users where id = 1 and is_active = true or id = 2"#,
            r#"from users where (id = 1 and is_active = true) or id = 2"#,
        ),
        (
            r#"from users fields id, email, id"#,
            r#"from users fields id, email"#,
        ),
        (
            r#"from users sort id, email desc, id desc"#,
            r#"from users sort id, email desc"#,
        ),
    ] {
        let checked = check_src(src, None);
        assert_eq!(
            checked.diagnostics.len(),
            1,
            "{src}: {:?}",
            checked.diagnostics
        );
        let fixed = apply(src, &checked.diagnostics[0]);
        assert_eq!(fixed, expected);
        let again = check_src(&fixed, None);
        assert!(
            again.diagnostics.is_empty(),
            "{fixed}: {:?}",
            again.diagnostics
        );
    }
}

#[test]
fn bare_filter_with_default_entity_compiles() {
    let src = r#"is_active = true and (first_name ~ "ann" or email endswith "@acme.com")"#;
    let checked = check_src(src, Some("users"));
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let typed = checked.query.expect("valid");
    assert_eq!(typed.entity, "users");
    let checked = check_src(src, None);
    assert_eq!(codes(&checked), ["sift::check::no_entity"]);
}

#[test]
fn the_brief_example_query_checks() {
    let src = "from users\nwhere is_active = true and (first_name ~ \"ann\" or email endswith \"@acme.com\")\nsort created_at desc, last_name\nlimit 50\nfields id, first_name";
    let checked = check_src(src, None);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let typed = checked.query.expect("valid");
    assert_eq!(typed.limit, Some(50));
    assert_eq!(typed.fields, [vec!["id"], vec!["first_name"]]);
    assert_eq!(typed.sort.len(), 2);
}

#[test]
fn list_elements_and_contradictions_point_at_their_text() {
    let src =
        r#"from users where id in [1, "2", 3.5] and weekly_capacity > 10 and weekly_capacity < 5"#;
    let checked = check_src(src, None);
    assert_eq!(spans(src, &checked), ["\"2\"", "3.5"]);
    let src = r#"from users where weekly_capacity > 10 and weekly_capacity < 5"#;
    let checked = check_src(src, None);
    assert_eq!(spans(src, &checked), ["weekly_capacity < 5"]);
}

/// The contradiction lint claims only what holds for every record: a number compared with a
/// string field is compared as text (`"5"` is both above `"10"` and below `"9"`), so no claim;
/// dates and date-times are strings, compared as text as the API and the evaluator compare
/// them, so an offset or a fraction is not converted.
#[test]
fn contradictions_are_claimed_only_where_values_order_as_the_field() {
    let contradiction = |src: &str| {
        check_src(src, None)
            .diagnostics
            .iter()
            .any(|d| d.code_str() == "sift::check::contradiction")
    };
    assert!(contradiction(
        "from time_entries where hours > 10 and hours < 9"
    ));
    assert!(!contradiction(
        "from time_entries where notes > 10 and notes < 9"
    ));
    // As text `…T10:00:00+05:00` is above `…T06:00:00Z` (the instants are the other way).
    assert!(contradiction(
        "from time_entries where created_at > 2024-01-01T10:00:00+05:00 and created_at < 2024-01-01T06:00:00Z"
    ));
    assert!(!contradiction(
        "from time_entries where created_at < 2024-01-01T10:00:00+05:00 and created_at > 2024-01-01T06:00:00Z"
    ));
    // `.` is below `Z`: `…00.5Z` < `…00Z` as text, so values lie between them.
    assert!(!contradiction(
        "from time_entries where created_at > 2024-01-01T10:00:00.5Z and created_at < 2024-01-01T10:00:00Z"
    ));
    assert!(contradiction(
        "from time_entries where created_at > 2024-01-02T00:00:00Z and created_at < 2024-01-01T00:00:00Z"
    ));
    // A date is a prefix of its date-times, so it sorts before them.
    assert!(contradiction(
        "from time_entries where created_at between 2025-01-01T00:00:00Z and 2025-01-01"
    ));
    assert!(contradiction(
        "from time_entries where hours > 1e99999999999999999999 and hours < 5"
    ));
}

/// Warnings whose only replacement would change what the query returns carry no fix.
#[test]
fn no_fix_that_changes_results() {
    for src in [
        r#"from users where email like "a@b.c""#,
        r#"from time_entries where hours between 8 and 2"#,
    ] {
        let checked = check_src(src, None);
        assert_eq!(checked.diagnostics.len(), 1, "{src}");
        assert_eq!(checked.diagnostics[0].fix(), None, "{src}");
    }
}

/// A long `and` group is quoted in the help cut to 100 characters (with `…`), while the fix
/// writes all of it.
#[test]
fn a_long_mixed_group_is_quoted_cut_and_fixed_whole() {
    let group: Vec<String> = (0..12)
        .map(|i| format!("first_name contains \"ann{i}\""))
        .collect();
    let src = format!("{} or is_active = true", group.join(" and "));
    let checked = check_src(&src, Some("users"));
    let d = only(&checked, "mixed_and_or");
    let (_, replacement) = fix(d).expect("a fix");
    assert_eq!(replacement, format!("({})", group.join(" and ")));
    let quoted: String = replacement.chars().take(100).collect();
    let help = help(d);
    assert!(help.contains(&format!("`{quoted}… or …`")), "{help}");
    assert!(!help.contains(&replacement), "{help}");
}
