#!/usr/bin/env bash
# The core whole-process figures of the release `sift` binary, quickly (about a minute; no
# 1 GB search file, unlike whole-process.sh), from GNU time (`/usr/bin/time -v`: peak RSS,
# user + system CPU summed over every thread; wall time from the clock around it):
#   - peak RSS ÷ input bytes of `sift check` on a 28 MB query with warnings (one repeated
#     `(a or b)` operand: redundant conditions) and on a 28 MB query without any diagnostic
#     (varied conditions no lint relates; checked to draw none before it is measured),
#   - CPU per document of `sift validate --jsonl` on 10 000 and on 80 000 JSON filters of a few
#     hundred bytes, and the difference of the two over the 70 000 documents between them:
#     the cost of one more document, start-up apart,
#   - the SDK's pydantic validation of the same documents as a whole process
#     (bench/pydantic_validate.py, in the venv whole-process.sh uses).
# GNU time reports CPU in hundredths of a second: a run of 10 000 documents is a few of them,
# so its figure per document is coarse; the 80 000-document run and the difference are the
# ones to read. Each validate run is repeated RUNS times (default 3), back to back, sift and
# pydantic alternating; the tables show medians.
# Needs: cargo, GNU time at /usr/bin/time, python3 with venv and pip (for the SDK).
# Generated inputs go to target/sift-bench/core-figures/ (never committed); the figures to
# target/sift-bench/core-figures.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
script=core-figures.sh
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
require_tools /usr/bin/time python3
build_sift
sdk_venv

# The inputs. The 28 MB query with warnings is whole-process.sh's (the same operand over and
# over); the one without varies every condition: each `(a or b)` operand has its own values,
# and no two conditions of one chain share a field, so no lint has two conditions to relate.
# The documents: one users query per line, four to six conditions, compiled to JSON filters
# for target 2026-10 (the SDK's operators).
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
target = 28 << 20
unit = "(weekly_capacity > 1 or is_active = true) and "
with open(f"{out}/28MB-warnings.sift", "w") as f:
    f.write(unit * (target // len(unit)) + "is_active = true")
pairs = [('weekly_capacity > {i}', 'first_name = "a{i}"'),
         ('id = {i}', 'email endswith "@b{i}.com"'),
         ('last_name startswith "c{i}"', 'cost_rate < {i}'),
         ('telephone = "+1-{i}"', 'default_hourly_rate >= {i}')]
written = 0
with open(f"{out}/28MB-clean.sift", "w") as f:
    i = 0
    while written < target:
        a, b = pairs[i % len(pairs)]
        part = f"({a.format(i=i)} or {b.format(i=i)}) and "
        f.write(part)
        written += len(part)
        i += 1
    f.write("is_contractor = false")
conditions = ['weekly_capacity > {i}', 'first_name = "Ann{i}"', 'is_active = true',
              'email endswith "@acme{i}.example.com"', 'last_name startswith "Br{i}"',
              'created_at >= 2025-0{m}-1{d}T08:00:00Z', 'default_hourly_rate < {i}.5',
              'timezone in ("America/New_York", "Europe/Paris", "Asia/Tokyo")']
with open(f"{out}/queries.sift", "w") as f:
    for i in range(80_000):
        picked = [conditions[(i + 3 * k) % len(conditions)] for k in range(4 + i % 3)]
        picked = [c.format(i=i, m=1 + i % 9, d=i % 10) for c in picked]
        f.write(f"from users where {picked[0]} and ({picked[1]} or {picked[2]})"
                + "".join(f" and {c}" for c in picked[3:]) + ";\n")
PY
"$sift" compile -f "$out/queries.sift" --emit filter --target 2026-10 > "$out/filters-80000.jsonl" 2> "$out/compile.log"
[ ! -s "$out/compile.log" ] || { echo "queries.sift drew diagnostics: $out/compile.log" >&2; exit 1; }
head -n 10000 "$out/filters-80000.jsonl" > "$out/filters-10000.jsonl"

big_flags=(--max-input-bytes 100000000 --max-nodes 100000000)
# The diagnostics `sift check` draws for one big query: "errors warnings", from its JSON report.
diagnostic_counts() {
    "$sift" check --format json --entity users "${big_flags[@]}" "$1" |
        python3 -c 'import json, sys; s = json.load(sys.stdin)["summary"]; print(s["errors"], s["warnings"])'
}
read -r errors warnings < <(diagnostic_counts "$out/28MB-warnings.sift")
[ "$errors" = 0 ] && [ "$warnings" -gt 0 ] ||
    { echo "28MB-warnings.sift: expected warnings and no error, got $errors error(s), $warnings warning(s)" >&2; exit 1; }
warned=$warnings
read -r errors warnings < <(diagnostic_counts "$out/28MB-clean.sift")
[ "$errors" = 0 ] && [ "$warnings" = 0 ] ||
    { echo "28MB-clean.sift: expected no diagnostic, got $errors error(s), $warnings warning(s)" >&2; exit 1; }



# Runs the command RUNS times; sets med_wall, med_cpu (medians), rss and rc (of the last run).
repeated() {
    local i walls=() cpus=()
    for ((i = 0; i < runs; i++)); do
        time_once "$@"
        walls+=("$wall") cpus+=("$cpu")
    done
    med_wall=$(printf '%s\n' "${walls[@]}" | median)
    med_cpu=$(printf '%s\n' "${cpus[@]}" | median)
}

# One row of the targets table: name, measured value, comparison (<= or >=), bound, unit;
# "holds" is computed from the measured value, never written by hand.
target_row() {
    local holds sign
    holds=$(awk -v m="$2" -v op="$3" -v b="$4" 'BEGIN {
        ok = (op == "<=") ? m <= b : m >= b
        print ok ? "yes" : "**no**" }')
    sign=$([ "$3" = "<=" ] && echo "≤" || echo "≥")
    echo "| $1 | $2$5 | $sign $4$5 | $holds |"
}

per_doc_us() { awk -v s="$1" -v n="$2" 'BEGIN {printf "%.2f", s * 1e6 / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a > 0) printf "%.1f", b / a; else print 0}'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "| command | input | wall | CPU (user + sys) | peak RSS | exit |"
    echo "|---|---|---|---|---|---|"
    declare -A per_byte
    for kind in warnings clean; do
        file="$out/28MB-$kind.sift"
        bytes=$(wc -c < "$file")
        time_once "$sift" check --color never --entity users "${big_flags[@]}" "$file"
        per_byte[$kind]=$(awk -v r="$rss" -v b="$bytes" 'BEGIN {printf "%.1f", r * 1048576 / b}')
        what=$([ "$kind" = warnings ] && echo "$warned warnings" || echo "no diagnostic")
        echo "| \`sift check\` | one $(awk -v b="$bytes" 'BEGIN {printf "%.0f", b / 1048576}') MB query, $what | ${wall} s | ${cpu} s | $rss MB | $rc |"
    done
    declare -A sift_cpu sift_wall sdk_cpu sdk_wall
    for n in 10000 80000; do
        file="$out/filters-$n.jsonl"
        size=$(du -h "$file" | cut -f1)
        mean=$(awk -v b="$(wc -c < "$file")" -v n="$n" 'BEGIN {printf "%.0f", b / n}')
        repeated "$sift" validate --entity users --jsonl "$file"
        sift_cpu[$n]=$med_cpu sift_wall[$n]=$med_wall
        echo "| \`sift validate --entity users --jsonl\` | $n JSON filters, $size, $mean B each | ${med_wall} s | ${med_cpu} s | $rss MB | $rc |"
        repeated "$venv/bin/python" "$root/bench/pydantic_validate.py" "$file"
        sdk_cpu[$n]=$med_cpu sdk_wall[$n]=$med_wall
        echo "| SDK pydantic \`TypeAdapter(UsersCondition).validate_json\` per line | same | ${med_wall} s | ${med_cpu} s | $rss MB | $rc |"
    done
    echo
    echo "Targets, read off the runs above (validate: medians of $runs runs; CPU at GNU time's 10 ms resolution):"
    echo
    echo "| target | measured | bound | holds |"
    echo "|---|---|---|---|"
    target_row "peak RSS per input byte, \`sift check\` of the 28 MB query with warnings" "${per_byte[warnings]}" "<=" 10 " B/B"
    target_row "peak RSS per input byte, \`sift check\` of the 28 MB query without diagnostics" "${per_byte[clean]}" "<=" 10 " B/B"
    for n in 10000 80000; do
        target_row "\`sift validate --jsonl\` CPU per document, $n documents (start-up included)" \
            "$(per_doc_us "${sift_cpu[$n]}" "$n")" "<=" 2 " µs"
    done
    target_row "\`sift validate --jsonl\` CPU per further document: (CPU at 80 000 − CPU at 10 000) ÷ 70 000" \
        "$(per_doc_us "$(awk -v a="${sift_cpu[10000]}" -v b="${sift_cpu[80000]}" 'BEGIN {print b - a}')" 70000)" "<=" 2 " µs"
    for n in 10000 80000; do
        target_row "SDK pydantic CPU ÷ \`sift validate\` CPU, whole processes, $n documents" \
            "$(ratio "${sift_cpu[$n]}" "${sdk_cpu[$n]}")" ">=" 40 "×"
        target_row "SDK pydantic wall ÷ \`sift validate\` wall, whole processes, $n documents" \
            "$(ratio "${sift_wall[$n]}" "${sdk_wall[$n]}")" ">=" 40 "×"
    done
    rm -f "$out/stdout"
    echo
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -sr); load average $load_before before the runs, $(cut -d' ' -f1-3 /proc/loadavg) after."
} > "$report"
cat "$report"
echo "written to $report" >&2
