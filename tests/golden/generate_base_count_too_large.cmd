$ sift generate --base-count 18446744073709551615 target/generate-refused
