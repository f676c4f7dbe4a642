# The lines of one JSON Lines file share --max-diagnostics: 30 bad lines draw 3 diagnostics
# and one line counting the rest, then the run's summary.
$ sift validate --entity users --jsonl --max-diagnostics 3 tests/golden/data/many_bad_lines.jsonl
