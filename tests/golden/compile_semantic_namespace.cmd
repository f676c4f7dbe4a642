# The filter of a semantic search names the columns of the field's units: an entity field is
# an error whose help lists them.
$ sift compile --spec tests/fixtures/specs/semantic/connector.yaml 'from projects similar to "launch plan" where notes ~ "budget"'
