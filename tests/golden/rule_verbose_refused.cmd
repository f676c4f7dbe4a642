$ sift rule -v single_value_in
