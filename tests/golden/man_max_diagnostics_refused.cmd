# man prints no diagnostics: --max-diagnostics is refused, not ignored.
$ sift man --max-diagnostics 5
