$ sift decompile --help
