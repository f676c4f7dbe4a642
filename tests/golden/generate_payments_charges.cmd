# Values follow what the schema says: string ids that references repeat, Unix seconds, amounts
# in the minor unit (a refund within its charge), lower-case currency codes, the statuses the
# description enumerates.
$ sift generate --spec tests/fixtures/specs/payments/connector.yaml --entity charges --base-count 4 -
