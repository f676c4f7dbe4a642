; Indentation (Neovim's capture names): a query's clauses start their lines; the lines that
; continue a clause, a group or a list are indented one level, as `sift fmt` writes them.

[
  (semantic_clause)
  (where_clause)
  (sort_clause)
  (fields_clause)
  (parenthesized_expression)
  (list)
] @indent.begin

[
  ")"
  "]"
] @indent.branch
