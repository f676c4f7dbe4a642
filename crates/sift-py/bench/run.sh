#!/usr/bin/env bash
# The Python benchmark: builds the release wheel, installs it, the pinned airbyte-agent-sdk and
# pydantic into a venv under target/sift-py-bench, and prints the figures of bench.py. Nothing
# is installed globally.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$root/target/sift-py-bench"
mkdir -p "$out"
if [ ! -x "$out/venv/bin/python" ]; then
    python3 -m venv "$out/venv"
    "$out/venv/bin/pip" install --quiet "maturin==1.16.0" \
        "airbyte-agent-sdk==$(cat "$root/tests/sdk-version.txt")"
fi
"$out/venv/bin/maturin" build --release --quiet -m "$root/crates/sift-py/Cargo.toml" \
    -o "$out/wheels" >&2
"$out/venv/bin/pip" install --quiet --force-reinstall --no-deps "$out"/wheels/sift_filters-*.whl
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date +%F)."
"$out/venv/bin/python" "$root/crates/sift-py/bench/bench.py"
