$ sift schema --spec tests/golden/data/unsearchable.yaml blobs
