#!/usr/bin/env bash
# Whole-process figures of the release `sift` binary (peak RSS and CPU time from GNU time,
# `/usr/bin/time -v`; wall time from the clock around it):
#   - `sift check` of one file of 10 000 queries (human and JSON output),
#   - `sift validate --jsonl` of 10 000 JSON filters (sift's own output for those queries),
#     beside `jq` only reading the same JSON Lines (what a script would run instead; it checks
#     syntax, not the schema), and beside the Airbyte SDK's pydantic types validating the same
#     filters (target 2026-10, the SDK's operators) in one Python process,
#   - `sift search --data` over a generated ~1 GB JSON Lines file of Harvest `time_entries`,
#     beside `jq` running the same `select` (all matches printed), and the same with a sort
#     (top 1000 by hours, ties in file order), and DuckDB's `read_json` when it installs,
#   - peak memory of `sift check` on one 10 MB and one 28 MB `(a or b) and …` query.
# Needs: cargo, GNU time at /usr/bin/time, python3 (with venv and pip, for the SDK), jq
# (`apt-get install jq time python3-venv`). The SDK (`airbyte-agent-sdk`, and DuckDB if it
# installs) goes into a venv under target/sift-bench/venv; nothing is installed globally.
# Environment: SEARCH_MB (size of the generated JSON Lines, default 1024), RUNS (runs of each
# timed pair, back to back, default 3; the table shows the median).
# Generated inputs go to target/sift-bench/whole-process/ (never committed); the figures to
# target/sift-bench/whole-process.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
search_mb="${SEARCH_MB:-1024}"
script=whole-process.sh
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
require_tools /usr/bin/time jq python3
build_sift
sdk_venv
"$venv/bin/python" -c 'import duckdb' 2>/dev/null ||
    "$venv/bin/pip" install --quiet duckdb >&2 ||
    echo "duckdb did not install; its row is left out" >&2

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
"$sift" compile -f "$out/queries.sift" --emit filter --target 2026-10 > "$out/filters-2026-10.jsonl"

# Harvest time entries, deterministic, in the shape and values of examples/harvest (ids,
# nested client/project/task/user, quarter hours, dates), written compact as JSON Lines.
data="$out/search-data"
mkdir -p "$data"
python3 - "$data/time_entries.jsonl" "$((search_mb << 20))" "$root/examples/harvest/time_entries.jsonl" <<'PY'
import datetime, json, os, random, sys
path, target, examples = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if os.path.exists(path) and abs(os.path.getsize(path) - target) < 4096:
    sys.exit(0)
records = [json.loads(line) for line in open(examples)]
pools = {}
for key in ("client", "project", "task", "user", "notes"):
    seen = {json.dumps(r[key], sort_keys=True): r[key] for r in records if r.get(key) is not None}
    pools[key] = list(seen.values())
rng = random.Random(2026)
start = datetime.date(2024, 1, 1)
written, n = 0, 0
with open(path + ".tmp", "w") as f:
    while written < target:
        n += 1
        day = start + datetime.timedelta(days=rng.randrange(700))
        clock = lambda: f"T{rng.randrange(8, 19):02}:{rng.randrange(60):02}:{rng.randrange(60):02}Z"
        record = {
            "billable": rng.random() < 0.6,
            "client": rng.choice(pools["client"]),
            "created_at": day.isoformat() + clock(),
            "hours": rng.randrange(1, 33) / 4,
            "id": 7000 + n,
            "is_billed": rng.random() < 0.5,
            "notes": rng.choice(pools["notes"]),
            "project": rng.choice(pools["project"]),
            "spent_date": None if rng.random() < 0.05 else day.isoformat(),
            "task": rng.choice(pools["task"]),
            "updated_at": (day + datetime.timedelta(days=rng.randrange(12))).isoformat() + clock(),
            "user": rng.choice(pools["user"]),
        }
        line = json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"
        f.write(line)
        written += len(line)
os.replace(path + ".tmp", path)
PY
entries="$data/time_entries.jsonl"


# Prints the row "label | input | wall | peak RSS | exit" of one run of the command after the
# label and the input; not in a subshell, so the run's wall and rss stay set for the targets.
row() {
    local label="$1" input="$2"
    shift 2
    time_once "$@"
    echo "| $label | $input | $(printf '%.3f s' "$wall") | $rss MB | $rc |"
}

# Prints one row of the targets table: name, measured value, comparison (<, <=, >=), bound,
# unit; "holds" is computed from the measured value, never written by hand.
target_row() {
    local holds
    holds=$(awk -v m="$2" -v op="$3" -v b="$4" 'BEGIN {
        ok = (op == "<") ? m < b : (op == "<=") ? m <= b : m >= b
        print ok ? "yes" : "**no**" }')
    local shown="$2 $5" bound="$4 $5"
    case "$5" in
        s) shown=$(printf '%.3f s' "$2") ;;
        B) shown="$2 B/B" bound="$4 B/B" ;;
        ×) shown="$2×" bound="$4×" ;;
    esac
    echo "| $1 | $shown | ${3/<=/≤} $bound | $holds |" | sed 's/| >= /| ≥ /'
}


# Times two commands (separated by `--`) RUNS times back to back, alternating; sets, per
# side, the median wall and CPU seconds, the last peak RSS and exit code, and keeps each
# side's last standard output in $out/a.out and $out/b.out.
pair() {
    local a=() b=() i
    while [ "$1" != -- ]; do a+=("$1"); shift; done
    shift
    b=("$@")
    : > "$out/a.walls"; : > "$out/a.cpus"; : > "$out/b.walls"; : > "$out/b.cpus"
    for ((i = 0; i < runs; i++)); do
        time_once "${a[@]}"; echo "$wall" >> "$out/a.walls"; echo "$cpu" >> "$out/a.cpus"
        a_rss=$rss; a_rc=$rc; mv "$out/stdout" "$out/a.out"
        time_once "${b[@]}"; echo "$wall" >> "$out/b.walls"; echo "$cpu" >> "$out/b.cpus"
        b_rss=$rss; b_rc=$rc; mv "$out/stdout" "$out/b.out"
    done
    a_wall=$(median < "$out/a.walls"); a_cpu=$(median < "$out/a.cpus")
    b_wall=$(median < "$out/b.walls"); b_cpu=$(median < "$out/b.cpus")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a > 0) printf "%.1f×", b / a; else print "-"}'; }
mbps() { awk -v mb="$1" -v s="$2" 'BEGIN {if (s > 0) printf "%.0f MB/s", mb / s; else print "-"}'; }

big_flags=(--max-input-bytes 100000000 --max-nodes 100000000)
filter_sift='from time_entries where billable = true and hours > 2 limit 100000000'
filter_jq='select(.billable == true and .hours > 2)'
sorted_sift='from time_entries where billable = true and hours > 2 sort hours desc limit 1000'
# Top 1000 by hours descending, ties in file order (jq's sort_by is stable), without holding
# every match: the list is cut back to 1000 whenever it doubles.
sorted_jq="reduce (inputs | $filter_jq) as \$r ([]; . + [\$r] | if length >= 2000 then sort_by(-.hours) | .[:1000] else . end) | sort_by(-.hours) | .[:1000][]"
data_mb=$(du -m "$entries" | cut -f1)
records=$(wc -l < "$entries")

{
    echo "| command | input | wall | peak RSS | exit |"
    echo "|---|---|---|---|---|"
    row "\`sift check\` (human output)" "10 000 queries, $(du -h "$out/queries.sift" | cut -f1)" \
        "$sift" check --color never "$out/queries.sift"
    check_wall=$wall check_rss=$rss
    row "\`sift check --format json\`" same "$sift" check --format json "$out/queries.sift"
    row "\`sift validate --jsonl\`" "10 000 JSON filters, $(du -h "$out/filters.jsonl" | cut -f1)" \
        "$sift" validate --entity users --jsonl "$out/filters.jsonl"
    row "\`jq -c .\` (syntax only)" same jq -c . "$out/filters.jsonl"
    for size in 10MB 28MB; do
        row "\`sift check\`" "one $size \`(a or b) and …\` query" \
            "$sift" check --color never --entity users "${big_flags[@]}" "$out/$size.sift"
    done
    big_rss=$rss big_bytes=$(wc -c < "$out/28MB.sift")
    echo
    echo "Side by side ($runs runs of each, back to back, alternating; medians; CPU = user + system):"
    echo
    echo "| task | sift | the other tool | wall: sift | wall: other | CPU: sift | CPU: other | sift faster (wall) | sift faster (CPU) | peak RSS sift / other | output |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    pair "$sift" validate --target 2026-10 --entity users --jsonl "$out/filters-2026-10.jsonl" -- \
        "$venv/bin/python" "$root/bench/pydantic_validate.py" "$out/filters-2026-10.jsonl"
    validate_sift=$a_wall validate_sdk=$b_wall
    echo "| validate 10 000 JSON filters (target 2026-10) | \`sift validate --jsonl\` | SDK pydantic \`TypeAdapter(UsersCondition).validate_json\` per line | ${a_wall} s | ${b_wall} s | ${a_cpu} s | ${b_cpu} s | $(ratio "$a_wall" "$b_wall") | $(ratio "$a_cpu" "$b_cpu") | $a_rss / $b_rss MB | exit $a_rc / $b_rc |"
    pair "$sift" search --data "$data" --format jsonl "$filter_sift" -- jq -c "$filter_jq" "$entries"
    search_sift=$a_wall search_jq=$b_wall
    echo "| search $records records, $data_mb MB JSON Lines, every match printed | \`sift search --data\` \`$filter_sift\` | \`jq -c '$filter_jq'\` | ${a_wall} s ($(mbps "$data_mb" "$a_wall")) | ${b_wall} s ($(mbps "$data_mb" "$b_wall")) | ${a_cpu} s | ${b_cpu} s | $(ratio "$a_wall" "$b_wall") | $(ratio "$a_cpu" "$b_cpu") | $a_rss / $b_rss MB | $(wc -l < "$out/a.out") / $(wc -l < "$out/b.out") lines |"
    pair "$sift" search --data "$data" --format jsonl "$sorted_sift" -- jq -n -c "$sorted_jq" "$entries"
    same=$(cmp -s <(jq -c .id "$out/a.out") <(jq -c .id "$out/b.out") && echo "same ids" || echo "ids differ")
    echo "| the same, top 1000 by hours | \`… sort hours desc limit 1000\` | \`jq -n -c\` reduce over \`inputs\` keeping the top 1000 | ${a_wall} s ($(mbps "$data_mb" "$a_wall")) | ${b_wall} s ($(mbps "$data_mb" "$b_wall")) | ${a_cpu} s | ${b_cpu} s | $(ratio "$a_wall" "$b_wall") | $(ratio "$a_cpu" "$b_cpu") | $a_rss / $b_rss MB | $same |"
    if "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
        pair "$sift" search --data "$data" --format jsonl "$filter_sift" -- \
            "$venv/bin/python" -c "import duckdb, sys; duckdb.sql(\"COPY (SELECT * FROM read_json('$entries', format='newline_delimited') WHERE billable AND hours > 2) TO '/dev/stdout' (FORMAT json)\")"
        echo "| the first search again | same | DuckDB \`read_json\` … \`WHERE billable AND hours > 2\`, \`COPY … (FORMAT json)\` | ${a_wall} s | ${b_wall} s | ${a_cpu} s | ${b_cpu} s | $(ratio "$a_wall" "$b_wall") | $(ratio "$a_cpu" "$b_cpu") | $a_rss / $b_rss MB | $(wc -l < "$out/a.out") / $(wc -l < "$out/b.out") lines |"
    fi
    rm -f "$out/a.out" "$out/b.out" "$out/stdout"
    echo
    echo "Whole-process targets, read off the runs above:"
    echo
    echo "| target | measured | bound | holds |"
    echo "|---|---|---|---|"
    target_row "\`sift check\` of 10 000 queries, human output: wall" "$check_wall" "<" 0.25 s
    target_row "\`sift check\` of 10 000 queries, human output: peak RSS" "$check_rss" "<" 50 MB
    target_row "peak RSS per input byte, \`sift check\` of the 28MB query" \
        "$(awk -v r="$big_rss" -v b="$big_bytes" 'BEGIN {printf "%.1f", r * 1048576 / b}')" "<=" 10 B
    target_row "validate: SDK pydantic wall ÷ \`sift validate\` wall" \
        "$(awk -v a="$validate_sift" -v b="$validate_sdk" 'BEGIN {printf "%.1f", (a > 0 ? b / a : 0)}')" ">=" 20 ×
    target_row "search: \`jq\` wall ÷ \`sift search\` wall" \
        "$(awk -v a="$search_sift" -v b="$search_jq" 'BEGIN {printf "%.1f", (a > 0 ? b / a : 0)}')" ">=" 5 ×
    echo
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -sr)."
} > "$report"
cat "$report"
echo "written to $report" >&2
