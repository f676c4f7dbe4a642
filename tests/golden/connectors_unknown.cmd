$ sift connectors --connector nope
