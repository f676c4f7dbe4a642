#!/usr/bin/env bash
# Copies the suite's table (target/sift-bench/table.md, from `cargo bench -p sift-bench`) and,
# when present, the whole-process figures (target/sift-bench/core-figures.md from
# bench/core-figures.sh, target/sift-bench/whole-process.md from bench/whole-process.sh) into
# README.md between the sift-bench marker comments, with the machine they ran on. Run it on
# the machine that ran the benchmarks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/target/sift-bench"
[ -f "$dir/table.md" ] || { echo "no $dir/table.md: run cargo bench -p sift-bench" >&2; exit 2; }
generated="$dir/readme-section.md"
{
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
        "$(date -u +%Y-%m-%d). Command: \`cargo bench -p sift-bench\` (criterion medians; one run)."
    echo
    cat "$dir/table.md"
    if [ -f "$dir/core-figures.md" ]; then
        echo
        echo "Memory per input byte and \`sift validate --jsonl\` per document (\`bench/core-figures.sh\`, release build, GNU time):"
        echo
        cat "$dir/core-figures.md"
    fi
    if [ -f "$dir/whole-process.md" ]; then
        echo
        echo "Whole processes (\`bench/whole-process.sh\`, release build, GNU time):"
        echo
        cat "$dir/whole-process.md"
    fi
} > "$generated"
python3 - "$root/README.md" "$generated" <<'PY'
import sys
readme, generated = sys.argv[1], sys.argv[2]
begin, end = "<!-- sift-bench:begin -->", "<!-- sift-bench:end -->"
text = open(readme).read()
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(readme, "w").write(head + begin + "\n" + open(generated).read() + end + tail)
PY
echo "README.md updated from $generated" >&2
