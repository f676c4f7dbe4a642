# Client credentials: the token exchange is shown with the variables in place of the values.
# env: AIRBYTE_CLIENT_ID=id-never-shown
# env: AIRBYTE_CLIENT_SECRET=secret-never-shown
$ sift search --dry-run --connector-id conn-1 'from clients limit 1'
