$ sift rule single_valu_in
