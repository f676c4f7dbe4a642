; Folding: a query, its clauses that span lines, parenthesised groups and lists.

[
  (query)
  (semantic_clause)
  (where_clause)
  (sort_clause)
  (fields_clause)
  (parenthesized_expression)
  (list)
] @fold
