$ sift -v completions bash
