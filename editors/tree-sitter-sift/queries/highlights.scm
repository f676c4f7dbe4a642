; Syntax highlighting for sift. Capture names are the common ones (tree-sitter's CLI theme,
; Neovim, Helix fall back to their parents).

(comment) @comment

(string) @string

[
  (date)
  (date_time)
] @string.special

[
  (number)
  (duration)
] @number

(boolean) @boolean

(null) @constant.builtin

(dedup_mode) @constant.builtin

(time_anchor
  function: _ @function.builtin)

(entity) @type

(path
  [
    (identifier)
    (quoted_name)
  ] @property)

[
  "from"
  "similar"
  "to"
  "where"
  "sort"
  "limit"
  "fields"
  "min"
  "context_size"
  "dedup"
  "asc"
  "desc"
] @keyword

(semantic_clause
  "in" @keyword)

[
  "and"
  "or"
  "not"
  "is"
  "between"
  "like"
  "fuzzy"
  "keyword"
  "contains"
  "startswith"
  "endswith"
  "has"
  "any"
] @keyword.operator

(condition
  "in" @keyword.operator)

(condition
  "null" @keyword.operator)

[
  "="
  "!="
  "<"
  "<="
  ">"
  ">="
  "~"
  "+"
  "-"
] @operator

[
  "("
  ")"
  "["
  "]"
] @punctuation.bracket

[
  ","
  ";"
  "."
] @punctuation.delimiter
