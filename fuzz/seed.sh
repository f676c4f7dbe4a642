#!/bin/sh
# Seeds the fuzz corpora from the sift corpus (tests/cases) and the JSON fixtures
# (tests/json). Generated into fuzz/corpus/ (ignored by git); run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for target in parse compile roundtrip; do
    mkdir -p "$here/corpus/$target"
    for file in $(find "$root/tests/cases" -name '*.sift'); do
        # One seed per query: split at `;` lines is not needed, libFuzzer mutates freely.
        cp "$file" "$here/corpus/$target/$(echo "$file" | sed "s|$root/tests/cases/||; s|/|_|g")"
    done
done
mkdir -p "$here/corpus/validate_json"
for file in $(find "$root/tests/json" -name '*.json' 2>/dev/null); do
    cp "$file" "$here/corpus/validate_json/$(basename "$file")"
done
# JSON as sift compiles it, for every case that compiles: the best seeds for validate_json.
if [ -x "${SIFT:-}" ]; then
    n=0
    for file in $(find "$root/tests/cases" -name '*.sift'); do
        entity=$(sed -n 's/^# entity: *//p' "$file" | head -n 1)
        for target in 2026-03 2026-10; do
            for emit in filter params request; do
                n=$((n + 1))
                "$SIFT" compile -f "$file" --target "$target" --emit "$emit" \
                    ${entity:+--entity "$entity"} 2>/dev/null \
                    > "$here/corpus/validate_json/compiled_$n.json" || true
            done
        done
    done
fi
echo "seeded $(find "$here/corpus" -type f | wc -l) files under $here/corpus"
