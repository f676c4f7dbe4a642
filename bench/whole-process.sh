#!/usr/bin/env bash
# Whole-process figures of the release `sift` binary, measured with GNU time (`/usr/bin/time -v`):
#   - `sift check` of one file of 10 000 queries (human and JSON output),
#   - `sift validate --jsonl` of 10 000 JSON filters (sift's own output for those queries),
#     beside `jq` only reading the same JSON Lines (what a script would run instead; it checks
#     syntax, not the schema),
#   - peak memory of `sift check` on one 10 MB and one 28 MB `(a or b) and …` query.
# Needs: cargo, GNU time at /usr/bin/time, python3, jq (`apt-get install jq time`).
# Generated inputs go to target/sift-bench/whole-process/ (never committed); the figures to
# target/sift-bench/whole-process.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/sift-bench/whole-process"
report="$root/target/sift-bench/whole-process.md"
mkdir -p "$out"
for tool in /usr/bin/time jq python3; do
    command -v "$tool" >/dev/null || { echo "whole-process.sh needs $tool" >&2; exit 2; }
done
cargo build --release -p sift-cli --manifest-path "$root/Cargo.toml" >&2
sift="$root/target/release/sift"

python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
fields = ["weekly_capacity > {i}", 'first_name = "ann{i}"', "is_active = true",
          'email endswith "@acme{i}.com"']
with open(f"{out}/queries.sift", "w") as f:
    for i in range(10_000):
        a, b, c = (fields[(i + k) % 4].format(i=i) for k in range(3))
        f.write(f"from users where {a} and ({b} or {c}) limit {1 + i % 50};\n")
def big(target, path):
    unit = "(weekly_capacity > 1 or is_active = true) and "
    with open(path, "w") as f:
        f.write(unit * (target // len(unit)) + "is_active = true")
big(10 << 20, f"{out}/10MB.sift")
big(28 << 20, f"{out}/28MB.sift")
PY
"$sift" compile -f "$out/queries.sift" --emit filter > "$out/filters.jsonl"

# Runs a command under GNU time; prints "wall seconds, peak RSS in MB, exit code".
measure() {
    local log="$out/time.log" rc=0
    /usr/bin/time -v "$@" > /dev/null 2> "$log" || rc=$?
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log")
    echo "$wall | $rss MB | $rc"
}

big_flags=(--max-input-bytes 100000000 --max-nodes 100000000)
{
    echo "| command | input | wall (m:ss) | peak RSS | exit |"
    echo "|---|---|---|---|---|"
    echo "| \`sift check\` (human output) | 10 000 queries, $(du -h "$out/queries.sift" | cut -f1) | $(measure "$sift" check --color never "$out/queries.sift") |"
    echo "| \`sift check --format json\` | same | $(measure "$sift" check --format json "$out/queries.sift") |"
    echo "| \`sift validate --jsonl\` | 10 000 JSON filters, $(du -h "$out/filters.jsonl" | cut -f1) | $(measure "$sift" validate --entity users --jsonl "$out/filters.jsonl") |"
    echo "| \`jq -c .\` (syntax only) | same | $(measure jq -c . "$out/filters.jsonl") |"
    for size in 10MB 28MB; do
        echo "| \`sift check\` | one $size \`(a or b) and …\` query | $(measure "$sift" check --color never --entity users "${big_flags[@]}" "$out/$size.sift") |"
    done
} > "$report"
cat "$report"
echo "written to $report" >&2
