//! The broadened suite: every shape of query users write, at 12 to 10 000 conditions, each
//! written in sift and in each peer's syntax. A shape is a palette of condition kinds (the
//! `i`-th condition is of kind `palette[i % len]`) and a structure that combines them.

use std::fmt::Write;

use crate::{Case, Expr, Syntax, count};

/// The kinds of condition the shapes are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `weekly_capacity > i`
    Range,
    /// `first_name = "ann{i}"`
    Equal,
    /// `is_active = true`
    Bool,
    /// `id in [i, i+1, i+2, i+3]`
    In,
    /// `last_name like "sm{i}%"`: a pattern with a trailing wildcard
    Like,
    /// `email ~ "ann{i}"`
    Fuzzy,
    /// `created_at >= 2024-03-DDT08:30:00Z`
    DateTime,
    /// `hired_on < 2025-01-DD`
    Date,
    /// `cost_rate >= 12.75`
    Decimal,
    /// `weekly_capacity between i and i+40`
    Between,
    /// `tags has "t{i}"`
    Has,
    /// `address.city = "oslo{i}"`
    Path,
    /// `memberships any (role = "admin{i}" and since >= 2024-01-DD)`
    Any,
}

/// Every kind: the palette of the mixed shapes.
pub const ALL_KINDS: &[Kind] = &[
    Kind::Range,
    Kind::Equal,
    Kind::Bool,
    Kind::In,
    Kind::Like,
    Kind::Fuzzy,
    Kind::DateTime,
    Kind::Date,
    Kind::Decimal,
    Kind::Between,
    Kind::Has,
    Kind::Path,
    Kind::Any,
];

/// The palette of the original suite: a number range, a string equality or a boolean, in turn.
pub const COMPARISONS: &[Kind] = &[Kind::Range, Kind::Equal, Kind::Bool];

impl Kind {
    /// Condition `i` of this kind in `syntax`. Values vary with `i` so no two conditions of a
    /// query are the same text (no repeated-operand warnings unless a shape asks for them).
    pub fn write(self, i: usize, syntax: Syntax, out: &mut String) {
        use Syntax::{Cel, Lucene, Sift, Sql};
        let day = i % 28 + 1;
        let _ = match (self, syntax) {
            (Kind::Range, Lucene) => write!(out, "weekly_capacity:{{{i} TO *}}"),
            (Kind::Range, _) => write!(out, "weekly_capacity > {i}"),
            (Kind::Equal, Sift) => write!(out, "first_name = \"ann{i}\""),
            (Kind::Equal, Cel) => write!(out, "first_name == \"ann{i}\""),
            (Kind::Equal, Lucene) => write!(out, "first_name:\"ann{i}\""),
            (Kind::Equal, Sql) => write!(out, "first_name = 'ann{i}'"),
            (Kind::Bool, Lucene) => write!(out, "is_active:true"),
            (Kind::Bool, Cel) => write!(out, "is_active == true"),
            (Kind::Bool, _) => write!(out, "is_active = true"),
            (Kind::In, Sift) => write!(out, "id in [{i}, {}, {}, {}]", i + 1, i + 2, i + 3),
            (Kind::In, Cel) => write!(out, "id in [{i}, {}, {}, {}]", i + 1, i + 2, i + 3),
            (Kind::In, Sql) => write!(out, "id IN ({i}, {}, {}, {})", i + 1, i + 2, i + 3),
            (Kind::In, Lucene) => write!(out, "id: IN [{i} {} {} {}]", i + 1, i + 2, i + 3),
            (Kind::Like, Sift) => write!(out, "last_name like \"sm{i}%\""),
            (Kind::Like, Sql) => write!(out, "last_name LIKE 'sm{i}%'"),
            (Kind::Like, Cel) => write!(out, "last_name.startsWith(\"sm{i}\")"),
            (Kind::Like, Lucene) => write!(out, "last_name:\"sm{i}\"*"),
            (Kind::Fuzzy, Sift) => write!(out, "email ~ \"ann{i}\""),
            (Kind::Fuzzy, Sql) => write!(out, "email LIKE '%ann{i}%'"),
            (Kind::Fuzzy, Cel) => write!(out, "email.contains(\"ann{i}\")"),
            (Kind::Fuzzy, Lucene) => write!(out, "email:ann{i}~1"),
            (Kind::DateTime, Sift) => write!(out, "created_at >= 2024-03-{day:02}T08:30:00Z"),
            (Kind::DateTime, Sql) => {
                write!(out, "created_at >= TIMESTAMP '2024-03-{day:02} 08:30:00'")
            }
            (Kind::DateTime, Cel) => {
                write!(
                    out,
                    "created_at >= timestamp(\"2024-03-{day:02}T08:30:00Z\")"
                )
            }
            (Kind::DateTime, Lucene) => {
                write!(out, "created_at:[2024-03-{day:02}T08:30:00Z TO *]")
            }
            (Kind::Date, Sift) => write!(out, "hired_on < 2025-01-{day:02}"),
            (Kind::Date, Sql) => write!(out, "hired_on < DATE '2025-01-{day:02}'"),
            (Kind::Date, Cel) => write!(out, "hired_on < date(\"2025-01-{day:02}\")"),
            (Kind::Date, Lucene) => write!(out, "hired_on:{{* TO 2025-01-{day:02}}}"),
            (Kind::Decimal, Lucene) => write!(out, "cost_rate:[{i}.75 TO *]"),
            (Kind::Decimal, _) => write!(out, "cost_rate >= {i}.75"),
            (Kind::Between, Sift) => write!(out, "weekly_capacity between {i} and {}", i + 40),
            (Kind::Between, Sql) => write!(out, "weekly_capacity BETWEEN {i} AND {}", i + 40),
            (Kind::Between, Cel) => write!(
                out,
                "(weekly_capacity >= {i} && weekly_capacity <= {})",
                i + 40
            ),
            (Kind::Between, Lucene) => write!(out, "weekly_capacity:[{i} TO {}]", i + 40),
            (Kind::Has, Sift) => write!(out, "tags has \"t{i}\""),
            (Kind::Has, Sql) => write!(out, "'t{i}' = ANY(tags)"),
            (Kind::Has, Cel) => write!(out, "\"t{i}\" in tags"),
            (Kind::Has, Lucene) => write!(out, "tags:\"t{i}\""),
            (Kind::Path, Sift) => write!(out, "address.city = \"oslo{i}\""),
            (Kind::Path, Sql) => write!(out, "address.city = 'oslo{i}'"),
            (Kind::Path, Cel) => write!(out, "address.city == \"oslo{i}\""),
            (Kind::Path, Lucene) => write!(out, "address.city:\"oslo{i}\""),
            (Kind::Any, Sift) => write!(
                out,
                "memberships any (role = \"admin{i}\" and since >= 2024-01-{day:02})"
            ),
            (Kind::Any, Sql) => write!(
                out,
                "EXISTS (SELECT 1 FROM UNNEST(memberships) AS m WHERE m.role = 'admin{i}' AND m.since >= DATE '2024-01-{day:02}')"
            ),
            (Kind::Any, Cel) => write!(
                out,
                "memberships.exists(m, m.role == \"admin{i}\" && m.since >= date(\"2024-01-{day:02}\"))"
            ),
            // Lucene has no element scope: the nearest form is both conditions on the paths.
            (Kind::Any, Lucene) => write!(
                out,
                "(memberships.role:\"admin{i}\" AND memberships.since:[2024-01-{day:02} TO *])"
            ),
        };
    }
}

/// How a shape combines its conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    /// `(a or b) and (c or d) and …`
    Pairs,
    /// `a and b and c …`: one long flat chain
    Flat,
    /// `not (a or b) and not (c or d) and …`
    NotGroups,
    /// `(a and b and c and d) or (…) or …`
    OrOfAnds,
    /// Groups of four, alternating `and` and `or` by level, nested until one group is left:
    /// `((a or b or c or d) and (…) and …) or …`, about log₄ n groups deep.
    Nested,
}

/// One shape of the suite: its name, palette and structure.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub name: &'static str,
    pub palette: &'static [Kind],
    pub structure: Structure,
}

/// The shapes, each measured at every size of [`SIZES`].
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "in lists",
        palette: &[Kind::In],
        structure: Structure::Pairs,
    },
    Shape {
        name: "like and fuzzy",
        palette: &[Kind::Like, Kind::Fuzzy],
        structure: Structure::Pairs,
    },
    Shape {
        name: "not over groups",
        palette: &[Kind::Range, Kind::Equal, Kind::In, Kind::Bool],
        structure: Structure::NotGroups,
    },
    Shape {
        name: "dates",
        palette: &[Kind::DateTime, Kind::Date, Kind::Between],
        structure: Structure::Pairs,
    },
    Shape {
        name: "decimals",
        palette: &[Kind::Decimal],
        structure: Structure::Pairs,
    },
    Shape {
        name: "paths and any",
        palette: &[Kind::Path, Kind::Has, Kind::Any],
        structure: Structure::Pairs,
    },
    Shape {
        name: "deep mixed",
        palette: ALL_KINDS,
        structure: Structure::Nested,
    },
    Shape {
        name: "flat chain",
        palette: ALL_KINDS,
        structure: Structure::Flat,
    },
    Shape {
        name: "or of ands",
        palette: ALL_KINDS,
        structure: Structure::OrOfAnds,
    },
];

/// The condition counts every shape is measured at.
pub const SIZES: &[usize] = &[12, 100, 1_000, 10_000];

impl Structure {
    /// `n` conditions (numbered 0..n) combined in this structure.
    pub fn build(self, n: usize) -> Expr {
        let conditions = || (0..n).map(Expr::Condition);
        match self {
            Structure::Pairs => crate::pairs(n),
            Structure::Flat => Expr::And(conditions().collect()),
            Structure::NotGroups => Expr::And(
                (0..n / 2)
                    .map(|k| {
                        Expr::Not(Box::new(Expr::Or(vec![
                            Expr::Condition(2 * k),
                            Expr::Condition(2 * k + 1),
                        ])))
                    })
                    .collect(),
            ),
            Structure::OrOfAnds => Expr::Or(
                (0..n.div_ceil(4))
                    .map(|g| Expr::And((4 * g..(4 * g + 4).min(n)).map(Expr::Condition).collect()))
                    .collect(),
            ),
            Structure::Nested => {
                let mut level: Vec<Expr> = conditions().collect();
                let mut or = true;
                while level.len() > 1 {
                    let mut next = Vec::with_capacity(level.len().div_ceil(4));
                    let mut items = level.into_iter().peekable();
                    while items.peek().is_some() {
                        let group: Vec<Expr> = items.by_ref().take(4).collect();
                        next.push(match (group.len(), or) {
                            (1, _) => group.into_iter().next().unwrap_or(Expr::Condition(0)),
                            (_, true) => Expr::Or(group),
                            (_, false) => Expr::And(group),
                        });
                    }
                    level = next;
                    or = !or;
                }
                level.pop().unwrap_or(Expr::Condition(0))
            }
        }
    }
}

/// A case's name: the shape and its size (`in lists · 1 000`).
fn case_name(shape: &Shape, n: usize) -> String {
    let size = if n >= 1_000 {
        format!("{} {:03}", n / 1_000, n % 1_000)
    } else {
        n.to_string()
    };
    format!("{} · {size}", shape.name)
}

/// Every shape at every size, in the four syntaxes.
pub fn shape_cases() -> Vec<(Shape, Case)> {
    let mut cases = Vec::new();
    for shape in SHAPES {
        for &n in SIZES {
            let expr = shape.structure.build(n);
            let written = |syntax| crate::render_with(&expr, syntax, shape.palette);
            cases.push((
                *shape,
                Case {
                    name: case_name(shape, n),
                    conditions: count(&expr),
                    sift: written(Syntax::Sift),
                    lucene: written(Syntax::Lucene),
                    sql: written(Syntax::Sql),
                    cel: written(Syntax::Cel),
                },
            ));
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{catalog, options};

    #[test]
    fn every_shape_has_every_size_and_its_condition_count() {
        let cases = shape_cases();
        assert_eq!(cases.len(), SHAPES.len() * SIZES.len());
        for (k, (_, case)) in cases.iter().enumerate() {
            assert_eq!(case.conditions, SIZES[k % SIZES.len()], "{}", case.name);
        }
    }

    #[test]
    fn every_shape_case_compiles_and_every_peer_reads_it() {
        let dialect = sqlparser::dialect::GenericDialect {};
        for (_, case) in shape_cases().iter().filter(|(_, c)| c.conditions <= 100) {
            let compiled = sift::compile(&case.sift, catalog(), &options());
            assert!(compiled.is_ok(), "{}: {:?}", case.name, compiled.err());
            let lucene = tantivy_query_grammar::parse_query(&case.lucene);
            assert!(lucene.is_ok(), "{}: Lucene {}", case.name, case.lucene);
            let sql = sqlparser::parser::Parser::new(&dialect)
                .try_with_sql(&case.sql)
                .and_then(|mut parser| parser.parse_expr());
            assert!(sql.is_ok(), "{}: SQL {:?}", case.name, sql.err());
            let cel = cel_parser::Parser::new().parse(&case.cel);
            assert!(cel.is_ok(), "{}: CEL {:?}", case.name, cel.err());
        }
    }

    #[test]
    fn the_mixed_shapes_use_every_kind_of_condition() {
        let case = shape_cases()
            .into_iter()
            .find(|(shape, case)| shape.name == "flat chain" && case.conditions == 100)
            .map(|(_, case)| case);
        let text = case.map(|c| c.sift).unwrap_or_default();
        for needle in [
            " in [",
            " like ",
            " ~ ",
            "T08:30:00Z",
            "hired_on < ",
            ".75",
            " between ",
            " has ",
            "address.city",
            " any (",
        ] {
            assert!(text.contains(needle), "{needle}");
        }
    }
}
