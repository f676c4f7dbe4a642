//! The typed tree has one node per condition of a query that may hold millions: its node size
//! is memory per input byte (a 28 MB query is held to 10 bytes per byte).

use crate::{Predicate, TypedExpr};

#[test]
fn a_condition_node_stays_small() {
    // A `between` is boxed so that the rare shape does not set the size of every node.
    assert!(
        size_of::<Predicate<'_>>() <= 56,
        "{}",
        size_of::<Predicate<'_>>()
    );
    // A condition keeps no span of its own (its expression's is the same) nor its field's.
    assert!(
        size_of::<TypedExpr<'_>>() <= 88,
        "{}",
        size_of::<TypedExpr<'_>>()
    );
}
