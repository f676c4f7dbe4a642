//! Paths into array elements: conditions need `any (…)`, sort keys cannot go there, returned
//! fields may.

use super::source::{apply, check_src_in, spans};
use super::*;

fn field(name: &str, ty: Type) -> Field {
    Field {
        name: name.to_owned(),
        ty,
        description: None,
        storage_name: None,
        format: None,
        semantic_search: None,
    }
}

fn with(kind: Kind, properties: Vec<Field>) -> Type {
    Type {
        kinds: vec![kind],
        nullable: false,
        properties: Some(properties),
    }
}

/// Orders with an array of line items whose elements hold another array.
fn store() -> Catalog {
    Catalog {
        definition_id: None,
        connector: String::from("store"),
        entities: vec![Entity {
            name: String::from("orders"),
            description: None,
            storage_name: None,
            unsearchable_reason: None,
            fields: vec![
                field("id", Type::of(Kind::Integer)),
                field(
                    "customer",
                    with(Kind::Object, vec![field("name", Type::of(Kind::String))]),
                ),
                field(
                    "line_items",
                    with(
                        Kind::Array,
                        vec![
                            field("amount", Type::of(Kind::Number)),
                            field("kind", Type::of(Kind::String)),
                            field("or", Type::of(Kind::Boolean)),
                            field(
                                "parts",
                                with(Kind::Array, vec![field("sku", Type::of(Kind::String))]),
                            ),
                        ],
                    ),
                ),
                field("tags", Type::of(Kind::Array)),
            ],
        }],
    }
}

fn check<'s>(src: &'s str) -> Checked<'s> {
    check_src_in(src, &store(), None)
}

/// Checks `src`, expects one `path_through_array` error on `path`, applies its fix, expects
/// `fixed`, and returns the re-check of the fixed text.
fn fixes_to(src: &str, path: &str, fixed: &str) -> Checked<'static> {
    let checked = check(src);
    only(&checked, "path_through_array");
    assert_eq!(spans(src, &checked), [path], "{src}");
    let repaired = apply(src, &checked.diagnostics[0]);
    assert_eq!(repaired, fixed);
    let again = check_src_in(repaired.leak(), &store(), None);
    assert!(again.query.is_some(), "{fixed}: {:?}", again.diagnostics);
    again
}

#[test]
fn a_condition_through_an_array_is_an_error_fixed_with_any() {
    let src = "from orders where line_items.amount = 1";
    let checked = check(src);
    let d = only(&checked, "path_through_array");
    assert_eq!(
        d.to_string(),
        "`line_items.amount` reaches into the elements of the array `line_items`: expected `line_items any (…)` for a condition on its elements, found a dotted path"
    );
    assert!(
        help(d).starts_with(
            "a record matches `line_items any (amount = 1)` when at least one element of `line_items` satisfies `amount = 1`; names inside `any (…)` are relative to the element."
        ),
        "{}",
        help(d)
    );
    assert!(checked.query.is_none());
    let again = fixes_to(
        src,
        "line_items.amount",
        "from orders where line_items any (amount = 1)",
    );
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
}

#[test]
fn the_fix_replaces_only_the_condition_and_keeps_its_operator() {
    let again = fixes_to(
        r#"from orders where id = 1 and not line_items.kind in ["a", "b"]"#,
        "line_items.kind",
        r#"from orders where id = 1 and not line_items any (kind in ["a", "b"])"#,
    );
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    // Names that need backticks inside `any` get them.
    fixes_to(
        "from orders where line_items.or = true",
        "line_items.or",
        "from orders where line_items any (`or` = true)",
    );
}

#[test]
fn negative_operators_point_to_not_any() {
    let checked = check("from orders where line_items.amount != 1");
    let d = only(&checked, "path_through_array");
    assert_eq!(
        fix(d).map(|f| f.1).as_deref(),
        Some("line_items any (amount != 1)")
    );
    assert!(
        help(d).ends_with(
            "To match records where no element satisfies `amount = 1`, write `not line_items any (amount = 1)`"
        ),
        "{}",
        help(d)
    );
}

#[test]
fn nested_arrays_nest_any_and_names_inside_any_are_relative() {
    let again = fixes_to(
        r#"from orders where line_items.parts.sku = "x""#,
        "line_items.parts.sku",
        r#"from orders where line_items any (parts any (sku = "x"))"#,
    );
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    // Inside `any`, the element's own arrays need `any` again.
    let again = fixes_to(
        r#"from orders where line_items any (amount > 1 and parts.sku = "x")"#,
        "parts.sku",
        r#"from orders where line_items any (amount > 1 and parts any (sku = "x"))"#,
    );
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
}

#[test]
fn an_array_without_element_properties_gets_the_error_not_an_unchecked_warning() {
    let again = fixes_to(
        r#"from orders where tags.name = "x""#,
        "tags.name",
        r#"from orders where tags any (name = "x")"#,
    );
    // The element's names are not declared: the fixed query compiles with a warning.
    assert_eq!(codes(&again), ["sift::check::unchecked_path"]);
}

#[test]
fn objects_and_arrays_themselves_are_no_crossing() {
    let checked = check(
        r#"from orders where customer.name = "a" and line_items any (amount > 1) and tags has "x""#,
    );
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    // An unknown element name is reported as such; the crossing comes once it resolves.
    let checked = check("from orders where line_items.amout = 1");
    let d = only(&checked, "unknown_field");
    assert_eq!(
        d.to_string(),
        "unknown field `amout`: not a field of the elements of `line_items`"
    );
}

#[test]
fn returned_fields_may_go_through_arrays() {
    let checked = check("from orders where id = 1 fields id, line_items.amount, tags.name");
    assert_eq!(codes(&checked), ["sift::check::unchecked_path"]);
    let typed = checked.query.expect("warnings only");
    assert_eq!(
        typed.fields,
        [
            vec!["id"],
            vec!["line_items", "amount"],
            vec!["tags", "name"]
        ]
    );
}

#[test]
fn a_sort_key_through_an_array_is_an_error_without_fix() {
    let src = "from orders sort id, line_items.amount desc";
    let checked = check(src);
    let d = only(&checked, "path_through_array");
    assert_eq!(spans(src, &checked), ["line_items.amount"]);
    assert_eq!(
        d.to_string(),
        "cannot sort by `line_items.amount`: expected a field with one value per record, found a path into the elements of the array `line_items`"
    );
    assert_eq!(
        help(d),
        "each element of `line_items` has its own `amount`, so a record has no single value to sort by; sort by a scalar field of `orders`: id"
    );
    assert_eq!(fix(d), None);
    let checked = check("from orders sort tags.name");
    only(&checked, "path_through_array");
}
