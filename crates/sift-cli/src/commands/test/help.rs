//! `sift test --help`: the test file format, with a complete example.

pub const HELP: &str = r#"Examples:
  sift test                                  # every *.sift-test.toml under the current directory
  sift test examples/queries
  sift test --run clients examples/queries
  sift test --coverage --deny uncovered examples/queries
  sift test --format junit examples/queries

A test file (NAME.sift-test.toml) holds settings shared by its cases and one [[case]] table per
case. Relative paths start at the file's directory. A complete example:

  connector = "builtin"              # or spec = "connector.yaml"
  entity = "users"                   # for filter expressions without `from`
  target = "2026-10"                 # the API version compiled for
  now = "2026-11-28T12:00:00Z"       # relative times (today() - 7d) stay put
  tz = "UTC"
  fixtures = "../harvest"            # ENTITY.jsonl files, as `sift search --data` reads
                                     # them, or one such file (its entity only)

  [[case]]
  name = "contractors"
  query = "is_contractor = true"     # or query_file = "stored.sift" (query_index = 0)
  expect_ids = [1004, 1006, 1007, 1010, 1011, 1012]
  expect_count = 6
  expect_json = '{"entity":"users","action":"context_store_search","params":{"query":{"filter":{"eq":{"is_contractor":true}}}}}'
  expect_warning = []

  [[case]]
  name = "a typo is an error"
  query = "is_contractr = true"
  expect_error = ["unknown_field"]

Instead of fixtures, the records can be written in the file, as [[rows]] tables of `entity`
(dates as strings, as in JSON):

  [[rows]]
  id = 1
  hours = 2.5

Each query is compiled as `sift compile --emit request` compiles it and run on the fixtures as
`sift search --data DIR --all` runs it. The expectations:
  expect_ids      the records found, by `id` (or the key `id_key` names); in order when the
                  query sorts, in any order otherwise
  expect_count    how many records are found
  expect_rows     the records found, exactly, as a JSON array (keys in any order; in order
                  when the query sorts)
  expect_pages    how many pages the walk takes, with pages of `page_size` records
  expect_json     the compiled request, compared as JSON
  expect_error    the codes of the errors (`unknown_field` or `sift::check::unknown_field`)
  expect_warning  the codes of every warning ([] for none)
A case that does not list errors fails on any error. Every file is read and checked before any
case runs; a mistake in one (an unknown key, a wrong type, missing fixtures) is reported with
its file, line and key.

--update rewrites the failed expectations from what the queries give now, showing each file's
diff on standard error first; comments and layout are kept. --coverage lists the stored .sift
queries under PATHS that no case runs; --deny uncovered fails the run on them.

Exit codes: 0 every case passed, 1 a case failed (or, with --deny uncovered, a stored query is
not run by any case), 2 a test file, query file or fixture could not be read, or usage error"#;
