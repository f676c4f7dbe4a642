//! `sift::explain`: one query per operator, explained for every target, as the JSON data
//! `sift explain --format json` prints (one snapshot per target).

use sift::{Options, Target};

/// One query per operator (in `OpKind::ALL` order), then relative times.
const QUERIES: [&str; 20] = [
    "from clients where is_active = true",
    "from clients where name != \"Acme\"",
    "from time_entries where hours < 2",
    "from time_entries where hours <= 2",
    "from time_entries where hours > 2",
    "from time_entries where hours >= 2",
    "from time_entries where hours between 1 and 3",
    "from time_entries where id in [1, 2]",
    "from time_entries where id not in [1, 2]",
    "from time_entries where notes is null",
    "from time_entries where notes is not null",
    "from clients where name like \"Ac%\"",
    "from clients where name fuzzy \"acme inc\"",
    "from clients where name keyword \"acme widgets\"",
    "from clients where name contains \"cme\"",
    "from clients where name startswith \"Ac\"",
    "from clients where name endswith \"Inc\"",
    "from users where roles has \"admin\"",
    "from users where roles any (name = \"admin\")",
    "from time_entries where spent_date >= today() - 7d and created_at >= start_of_month() sort spent_date",
];

#[test]
fn one_query_per_operator_and_target() {
    for target in Target::ALL {
        let options = Options::default()
            .with_target(target)
            .with_now("2026-11-28T12:00:00Z".parse().expect("an instant"));
        let mut out = String::new();
        for query in QUERIES {
            let explained = sift::explain(query, sift::schema::harvest(), &options)
                .unwrap_or_else(|d| panic!("{query}: {:?}", d.to_reports(query)));
            out += &format!("── {query}\n");
            out += &serde_json::to_string_pretty(&explained).expect("serialisable");
            out.push('\n');
        }
        insta::assert_snapshot!(format!("explain@{target}"), out);
    }
}

#[test]
fn the_tree_has_every_node_with_its_source_text() {
    let options = Options::default().with_now("2026-11-28T12:00:00Z".parse().expect("an instant"));
    let src = "from time_entries where hours > 1 and (billable = true or not notes is null)";
    let explained = sift::explain(src, sift::schema::harvest(), &options).expect("compiles");
    let mut seen = Vec::new();
    let mut stack: Vec<&sift::explanation::ExplainNode> = explained[0].filter.iter().collect();
    while let Some(node) = stack.pop() {
        assert_eq!(node.source, &src[node.span.range()]);
        seen.push((node.kind, node.operator));
        stack.extend(node.children.iter());
    }
    seen.sort();
    let expected = [
        ("and", "and"),
        ("condition", "eq"),
        ("condition", "eq"),
        ("condition", "gt"),
        ("not", "not"),
        ("or", "or"),
    ];
    assert_eq!(seen, expected);
}
