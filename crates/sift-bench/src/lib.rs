//! The inputs of sift's benchmark suite: one logical query per size, written in sift and in the
//! syntax of each peer parser (Lucene for tantivy, a SQL `WHERE` expression, CEL), so every tool
//! reads the same conditions in the same tree.

use std::sync::OnceLock;

use sift::{Catalog, Limits, Options};

pub use shapes::{Kind, SHAPES, SIZES, Shape, Structure, shape_cases};

/// The catalog every case compiles against (`data/bench-catalog.yaml`): Harvest's `users`
/// fields and a date, an array of strings, an object and an array of objects.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let text = include_str!("../data/bench-catalog.yaml");
        match sift_schema::load_connector_spec(text, "bench-catalog.yaml") {
            Ok(loaded) => loaded.catalog,
            Err(errors) => panic!("the benchmark catalog does not load: {errors:?}"),
        }
    })
}

/// A logical filter: conditions combined by `and`/`or`.
#[derive(Clone, Debug)]
pub enum Expr {
    /// The `i`-th condition; its kind is `palette[i % len]` of the palette it is written with.
    Condition(usize),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// `not (…)`: the operand is always a parenthesised group.
    Not(Box<Expr>),
}

/// One benchmark input: its name in the table, its condition count and its texts.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub conditions: usize,
    pub sift: String,
    pub lucene: String,
    pub sql: String,
    pub cel: String,
}

/// The entity every case searches.
pub const ENTITY: &str = "users";

/// The syntaxes a [`Expr`] is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Sift,
    Lucene,
    Sql,
    Cel,
}

fn connective(and: bool, syntax: Syntax) -> &'static str {
    match (syntax, and) {
        (Syntax::Sift, true) => " and ",
        (Syntax::Sift, false) => " or ",
        (Syntax::Lucene | Syntax::Sql, true) => " AND ",
        (Syntax::Lucene | Syntax::Sql, false) => " OR ",
        (Syntax::Cel, true) => " && ",
        (Syntax::Cel, false) => " || ",
    }
}

/// `expr` written in `syntax` with the original palette; every nested group is parenthesised.
pub fn render(expr: &Expr, syntax: Syntax) -> String {
    render_with(expr, syntax, shapes::COMPARISONS)
}

/// `expr` written in `syntax`, condition `i` of kind `palette[i % len]`.
pub fn render_with(expr: &Expr, syntax: Syntax, palette: &[Kind]) -> String {
    let mut out = String::new();
    render_into(expr, syntax, palette, false, &mut out);
    out
}

fn render_into(expr: &Expr, syntax: Syntax, palette: &[Kind], nested: bool, out: &mut String) {
    let (and, items) = match expr {
        Expr::Condition(i) => return palette[i % palette.len()].write(*i, syntax, out),
        Expr::Not(inner) => {
            out.push_str(match syntax {
                Syntax::Sift => "not ",
                Syntax::Lucene | Syntax::Sql => "NOT ",
                Syntax::Cel => "!",
            });
            return render_into(inner, syntax, palette, true, out);
        }
        Expr::And(items) => (true, items),
        Expr::Or(items) => (false, items),
    };
    if nested {
        out.push('(');
    }
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            out.push_str(connective(and, syntax));
        }
        render_into(item, syntax, palette, true, out);
    }
    if nested {
        out.push(')');
    }
}

/// `n` conditions as `(a or b) and (c or d) and …`.
pub fn pairs(n: usize) -> Expr {
    Expr::And(
        (0..n / 2)
            .map(|k| Expr::Or(vec![Expr::Condition(2 * k), Expr::Condition(2 * k + 1)]))
            .collect(),
    )
}

/// Twelve conditions three levels deep: `(a and b or c and d) and (…) and (…)`.
pub fn twelve_depth_three() -> Expr {
    Expr::And(
        (0..3)
            .map(|g| {
                Expr::Or(
                    (0..2)
                        .map(|h| {
                            let first = 4 * g + 2 * h;
                            Expr::And(vec![Expr::Condition(first), Expr::Condition(first + 1)])
                        })
                        .collect(),
                )
            })
            .collect(),
    )
}

/// `a and (b or (c and (…)))`, `depth` groups deep.
pub fn deep(depth: usize) -> Expr {
    let mut expr = Expr::Condition(depth);
    for level in (0..depth).rev() {
        let items = vec![Expr::Condition(level), expr];
        expr = if level % 2 == 0 {
            Expr::And(items)
        } else {
            Expr::Or(items)
        };
    }
    expr
}

fn count(expr: &Expr) -> usize {
    match expr {
        Expr::Condition(_) => 1,
        Expr::Not(inner) => count(inner),
        Expr::And(items) | Expr::Or(items) => items.iter().map(count).sum(),
    }
}

fn case(name: &str, expr: &Expr) -> Case {
    Case {
        name: name.to_string(),
        conditions: count(expr),
        sift: render(expr, Syntax::Sift),
        lucene: render(expr, Syntax::Lucene),
        sql: render(expr, Syntax::Sql),
        cel: render(expr, Syntax::Cel),
    }
}

/// Groups of the deep case: near the default depth limit of 32 (a parenthesised group and its
/// connective each count as a level).
pub const DEEP_GROUPS: usize = 15;

/// Every case of the suite, smallest first.
pub fn cases() -> Vec<Case> {
    vec![
        case(
            "2",
            &Expr::And(vec![Expr::Condition(0), Expr::Condition(1)]),
        ),
        case("12 (depth 3)", &twelve_depth_three()),
        case("100", &pairs(100)),
        case("1 000", &pairs(1_000)),
        case("10 000", &pairs(10_000)),
        case("deep", &deep(DEEP_GROUPS)),
    ]
}

/// Options for every case: the `users` entity, limits on size and node count lifted so the
/// 10 000-condition case compiles (depth keeps its default).
pub fn options() -> Options {
    Options::default().with_entity(ENTITY).with_limits(Limits {
        max_input_bytes: usize::MAX,
        max_file_bytes: usize::MAX,
        max_nodes: usize::MAX,
        ..Limits::default()
    })
}

/// A file name for a case (`1 000` → `1000`, `12 (depth 3)` → `12`).
pub fn slug(name: &str) -> String {
    let head = name.split('(').next().unwrap_or(name);
    head.chars().filter(char::is_ascii_alphanumeric).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_compiles_with_the_suite_options() {
        for case in cases() {
            let compiled = sift::compile(&case.sift, catalog(), &options());
            assert!(compiled.is_ok(), "{}: {:?}", case.name, compiled.err());
        }
    }

    #[test]
    fn the_eval_case_reads_ten_thousand_records_and_keeps_some() {
        let case = eval::eval_case();
        assert_eq!(case.records.len(), 10_000);
        assert_eq!(case.jsonl.lines().count(), 10_000);
        let (entity, search) =
            sift_eval::Search::from_request(&case.request, sift::Options::default().target)
                .unwrap();
        assert_eq!(entity, eval::EVAL_ENTITY);
        let kept = case.records.iter().filter(|r| search.matches(*r)).count();
        assert!(kept > 0 && kept < case.records.len(), "kept {kept}");
    }

    #[test]
    fn cases_have_their_condition_counts() {
        let counts: Vec<usize> = cases().iter().map(|c| c.conditions).collect();
        assert_eq!(counts, [2, 12, 100, 1_000, 10_000, DEEP_GROUPS + 1]);
    }
}

pub mod eval;
pub mod shapes;
pub mod table;
