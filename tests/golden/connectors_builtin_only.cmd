$ sift connectors
