# decompile shares the budget the same way: the valid lines are printed, 3 diagnostics drawn,
# the rest counted.
$ sift decompile --entity users --jsonl --max-diagnostics 3 tests/golden/data/many_bad_lines.jsonl
