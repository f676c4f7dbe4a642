# completions print no diagnostics: --color is refused, not ignored.
$ sift completions bash --color never
