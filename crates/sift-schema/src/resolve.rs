//! Path resolution: which declared field a dotted path names.
//!
//! Rules: at each level a property whose name is exactly
//! the dotted text of the remaining segments wins; otherwise the path walks into nested
//! properties (an object's, or an array element's). A property name that itself contains dots
//! may also cover a prefix of the remaining segments (`customer.id.value` with a `customer.id`
//! object). An object or array without declared properties accepts any sub-path unchecked.

use crate::Field;

/// Segments `start..end` of the path that one property name covered (more than one segment when
/// the name contains dots).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub start: usize,
    pub end: usize,
}

/// How a path resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<'s> {
    /// The path names a declared field.
    Field(&'s Field),
    /// The path walks into `opaque`, an object or array without declared properties; segments
    /// from `rest` on are not checked.
    Unchecked { opaque: &'s Field, rest: usize },
    /// No property at this level matches segment `at`. `parent` is the field the level belongs
    /// to (`None` at the root); `candidates` are the names the level declares.
    Unknown {
        parent: Option<&'s Field>,
        at: usize,
        candidates: &'s [Field],
    },
    /// Segment `at` would walk into `scalar`, which has no properties.
    IntoScalar { scalar: &'s Field, at: usize },
}

/// A second reading of the same path, reported so that users learn which one was taken.
#[derive(Clone, Debug, PartialEq)]
pub struct Ambiguity<'s> {
    /// The step that was preferred (a dotted name covering several segments).
    pub chosen: Step,
    /// The field the other reading walks into first.
    pub other: &'s Field,
}

/// The result of [`resolve_path`]: the steps taken (one per declared property walked), the
/// outcome, and an ambiguity if the path could also be read another way.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution<'s> {
    pub steps: Vec<Step>,
    /// The property each step walked, parallel to `steps`.
    pub fields: Vec<&'s Field>,
    pub outcome: Outcome<'s>,
    pub ambiguity: Option<Ambiguity<'s>>,
}

impl Resolution<'_> {
    /// Where the path enters the elements of an array: for each array walked with more of the
    /// path after it, the index of the first segment relative to its elements
    /// (`line_items.amount` → `[1]`). Empty when the path crosses no array.
    pub fn array_entries(&self) -> Vec<usize> {
        let last = match self.outcome {
            // The last step names the field itself; only the steps before it are crossed.
            Outcome::Field(_) => self.steps.len().saturating_sub(1),
            _ => self.steps.len(),
        };
        self.steps
            .iter()
            .zip(&self.fields)
            .take(last)
            .filter(|(_, field)| field.ty.has(crate::Kind::Array))
            .map(|(step, _)| step.end)
            .collect()
    }
}

/// Resolves `segments` (the texts of a path's segments) against the properties of one level
/// (an entity's fields, or an array element's properties inside `any`). Work is linear in the
/// schema levels walked times the properties of each level; nothing depends on the input
/// beyond the segments actually consumed.
pub fn resolve_path<'s>(root: &'s [Field], segments: &[&str]) -> Resolution<'s> {
    walk(root, segments, true)
}

fn walk<'s>(root: &'s [Field], segments: &[&str], report_ambiguity: bool) -> Resolution<'s> {
    let mut steps = Vec::new();
    let mut fields = Vec::new();
    let mut ambiguity = None;
    let mut level = root;
    let mut parent: Option<&'s Field> = None;
    let mut at = 0;
    loop {
        let rest = segments.get(at..).unwrap_or_default();
        let Some((field, covered)) = best_match(level, rest) else {
            let outcome = Outcome::Unknown {
                parent,
                at,
                candidates: level,
            };
            return Resolution {
                steps,
                fields,
                outcome,
                ambiguity,
            };
        };
        let step = Step {
            start: at,
            end: at + covered,
        };
        if report_ambiguity && ambiguity.is_none() && covered > 1 {
            ambiguity = shorter_reading(level, rest, covered, field).map(|other| Ambiguity {
                chosen: step,
                other,
            });
        }
        steps.push(step);
        fields.push(field);
        at = step.end;
        if at >= segments.len() {
            return Resolution {
                steps,
                fields,
                outcome: Outcome::Field(field),
                ambiguity,
            };
        }
        if field.ty.is_scalar() {
            return Resolution {
                steps,
                fields,
                outcome: Outcome::IntoScalar { scalar: field, at },
                ambiguity,
            };
        }
        match field.ty.properties.as_deref() {
            Some(properties) => {
                parent = Some(field);
                level = properties;
            }
            None => {
                return Resolution {
                    steps,
                    fields,
                    outcome: Outcome::Unchecked {
                        opaque: field,
                        rest: at,
                    },
                    ambiguity,
                };
            }
        }
    }
}

/// The property covering the most leading segments of `rest` (the whole dotted text wins).
fn best_match<'s>(level: &'s [Field], rest: &[&str]) -> Option<(&'s Field, usize)> {
    level
        .iter()
        .filter_map(|f| covered_segments(&f.name, rest).map(|n| (f, n)))
        .max_by_key(|(_, n)| *n)
}

/// A reading of `rest` that uses fewer than `covered` segments for its first step and reaches
/// a declared field of another type than `chosen`. Both readings send the same dotted key in a
/// filter, so only a difference in type makes them rivals; a walk into an object without
/// declared properties is none (hubspot's `properties` beside `properties.email`).
fn shorter_reading<'s>(
    level: &'s [Field],
    rest: &[&str],
    covered: usize,
    chosen: &Field,
) -> Option<&'s Field> {
    level.iter().find(|f| {
        covered_segments(&f.name, rest).is_some_and(|n| n < covered)
            && f.ty.is_composite()
            && matches!(
                continue_from(f, rest, covered_segments(&f.name, rest).unwrap_or(0)),
                Some(Outcome::Field(other)) if other.ty != chosen.ty
            )
    })
}

fn continue_from<'s>(field: &'s Field, rest: &[&str], covered: usize) -> Option<Outcome<'s>> {
    let tail = rest.get(covered..)?;
    match field.ty.properties.as_deref() {
        None => Some(Outcome::Unchecked {
            opaque: field,
            rest: covered,
        }),
        Some(properties) => Some(walk(properties, tail, false).outcome),
    }
}

/// How many leading segments of `rest`, joined with `.`, spell `name` exactly.
fn covered_segments(name: &str, rest: &[&str]) -> Option<usize> {
    let mut remaining = name;
    for (i, segment) in rest.iter().enumerate() {
        remaining = remaining.strip_prefix(segment)?;
        if remaining.is_empty() {
            return Some(i + 1);
        }
        remaining = remaining.strip_prefix('.')?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kind, Type};

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

    fn object(name: &str, properties: Option<Vec<Field>>) -> Field {
        let mut ty = Type::of(Kind::Object);
        ty.properties = properties;
        field(name, ty)
    }

    fn schema() -> Vec<Field> {
        vec![
            field("name", Type::of(Kind::String)),
            field("customer.id", Type::of(Kind::Integer)),
            object("customer", Some(vec![field("id", Type::of(Kind::String))])),
            object("client", None),
            field("client.email", Type::of(Kind::String)),
            field("order.total", Type::of(Kind::Number)),
            object("order", Some(vec![field("total", Type::of(Kind::Number))])),
            object(
                "meta.info",
                Some(vec![field("size", Type::of(Kind::Number))]),
            ),
        ]
    }

    #[test]
    fn plain_and_nested_paths() {
        let schema = schema();
        let r = resolve_path(&schema, &["name"]);
        assert!(matches!(r.outcome, Outcome::Field(f) if f.name == "name"));
        assert_eq!(r.steps, [Step { start: 0, end: 1 }]);
        let r = resolve_path(&schema, &["meta", "info", "size"]);
        assert!(matches!(r.outcome, Outcome::Field(f) if f.name == "size"));
        assert_eq!(
            r.steps,
            [Step { start: 0, end: 2 }, Step { start: 2, end: 3 }]
        );
        assert_eq!(r.ambiguity, None);
    }

    #[test]
    fn exact_dotted_name_wins_and_is_reported_as_ambiguous() {
        let schema = schema();
        let r = resolve_path(&schema, &["customer", "id"]);
        assert!(matches!(r.outcome, Outcome::Field(f) if f.name == "customer.id"));
        assert_eq!(r.steps, [Step { start: 0, end: 2 }]);
        let ambiguity = r.ambiguity.map(|a| (a.chosen, a.other.name.clone()));
        assert_eq!(
            ambiguity,
            Some((Step { start: 0, end: 2 }, "customer".to_owned()))
        );
        // Readings of the same type, or a walk into an object without declared properties,
        // are no rivals: the filter sends the same key either way.
        for path in [["order", "total"], ["client", "email"]] {
            let r = resolve_path(&schema, &path);
            assert!(matches!(r.outcome, Outcome::Field(_)), "{path:?}");
            assert_eq!(r.ambiguity, None, "{path:?}");
        }
        // One quoted segment `customer.id` is not ambiguous.
        let r = resolve_path(&schema, &["customer.id"]);
        assert!(matches!(r.outcome, Outcome::Field(f) if f.name == "customer.id"));
        assert_eq!(r.ambiguity, None);
    }

    #[test]
    fn opaque_objects_accept_unchecked_sub_paths() {
        let schema = schema();
        let r = resolve_path(&schema, &["client", "name", "first"]);
        assert!(
            matches!(r.outcome, Outcome::Unchecked { opaque, rest: 1 } if opaque.name == "client")
        );
    }

    #[test]
    fn unknown_names_and_paths_into_scalars() {
        let schema = schema();
        let r = resolve_path(&schema, &["nmae"]);
        assert!(
            matches!(r.outcome, Outcome::Unknown { parent: None, at: 0, candidates } if candidates.len() == 8)
        );
        let r = resolve_path(&schema, &["customer", "idd"]);
        assert!(
            matches!(r.outcome, Outcome::Unknown { parent: Some(p), at: 1, .. } if p.name == "customer")
        );
        let r = resolve_path(&schema, &["name", "first"]);
        assert!(
            matches!(r.outcome, Outcome::IntoScalar { scalar, at: 1 } if scalar.name == "name")
        );
        let r = resolve_path(&schema, &[]);
        assert!(matches!(r.outcome, Outcome::Unknown { at: 0, .. }));
    }

    #[test]
    fn array_entries_mark_where_element_paths_start() {
        let mut element = Type::of(Kind::Object);
        element.properties = Some(vec![field("sku", Type::of(Kind::String))]);
        let mut items = Type::of(Kind::Array);
        items.properties = Some(vec![
            field("amount", Type::of(Kind::Number)),
            field("parts", {
                let mut parts = Type::of(Kind::Array);
                parts.properties = Some(vec![field("sku", Type::of(Kind::String))]);
                parts
            }),
            field("product", element),
        ]);
        let schema = vec![
            field("items", items),
            field("tags", Type::of(Kind::Array)),
            object("customer", Some(vec![field("id", Type::of(Kind::Integer))])),
        ];
        let entries = |segments: &[&str]| resolve_path(&schema, segments).array_entries();
        assert_eq!(entries(&["items"]), Vec::<usize>::new());
        assert_eq!(entries(&["customer", "id"]), Vec::<usize>::new());
        assert_eq!(entries(&["items", "amount"]), [1]);
        assert_eq!(entries(&["items", "parts"]), [1]);
        assert_eq!(entries(&["items", "parts", "sku"]), [1, 2]);
        assert_eq!(entries(&["items", "product", "sku"]), [1]);
        // An array without element properties: the rest is unchecked, but still inside it.
        assert_eq!(entries(&["tags", "name"]), [1]);
        let r = resolve_path(&schema, &["items", "parts", "sku"]);
        let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["items", "parts", "sku"]);
    }

    #[test]
    fn covered_segments_counts_exact_prefixes_only() {
        assert_eq!(covered_segments("a.b", &["a", "b", "c"]), Some(2));
        assert_eq!(covered_segments("a.b", &["a.b"]), Some(1));
        assert_eq!(covered_segments("a.b", &["a"]), None);
        assert_eq!(covered_segments("ab", &["a", "b"]), None);
        assert_eq!(covered_segments("a", &["ab"]), None);
    }
}
