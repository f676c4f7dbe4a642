# The token is never shown: the placeholder names the variable it comes from.
# env: AIRBYTE_TOKEN=secret-token-never-shown
$ sift search --dry-run --connector-id conn-1 'from clients limit 1'
