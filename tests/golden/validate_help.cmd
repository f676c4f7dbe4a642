$ sift validate --help
