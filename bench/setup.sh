# Shared by the whole-process scripts (sourced, with `root` and `script` set): where a script
# writes (`out`, generated inputs, never committed; `report`, its figures), `runs` (RUNS, runs
# of each timed command, default 3) and `venv`; then functions that check the tools it needs,
# build the release `sift` into `$sift`, and make the venv with the Airbyte SDK pinned in
# tests/sdk-version.txt (nothing is installed globally).
# Usage: require_tools TOOL…; build_sift; sdk_venv; time_once COMMAND…; … | median
out="$root/target/sift-bench/${script%.sh}"
report="$out.md"
venv="$root/target/sift-bench/venv"
runs="${RUNS:-3}"
mkdir -p "$out"

require_tools() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$script needs $tool" >&2; exit 2; }
    done
}

build_sift() {
    cargo build --release -p sift-cli --manifest-path "$root/Cargo.toml" >&2
    sift="$root/target/release/sift"
}

sdk_venv() {
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv" || { echo "$script needs python3 -m venv (apt-get install python3-venv)" >&2; exit 2; }
    fi
    "$venv/bin/python" -c 'import airbyte_agent_sdk' 2>/dev/null ||
        "$venv/bin/pip" install --quiet "airbyte-agent-sdk==$(cat "$root/tests/sdk-version.txt")" >&2
}

# Runs a command under GNU time, standard output to $out/stdout; sets wall and cpu (seconds),
# rss (MB) and rc.
time_once() {
    local log="$out/time.log"
    local start end
    rc=0
    # GNU time reports wall time in hundredths of a second; a short run (validate) needs
    # finer, so the wall time is read from the clock around it (GNU time's own start-up is
    # inside both, and is under a millisecond).
    start=$(date +%s.%N)
    /usr/bin/time -v "$@" > "$out/stdout" 2> "$log" || rc=$?
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log")
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
