#!/usr/bin/env python3
"""Start-up of `sift mcp`: from spawning the release binary to reading its answer to
`initialize` on standard output, RUNS times (default 30); prints the median and the slowest.
Needs `cargo build --release -p sift-cli` first."""
import json
import os
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sift = os.path.join(root, "target", "release", "sift")
runs = int(os.environ.get("RUNS", "30"))
initialize = json.dumps({
    "jsonrpc": "2.0", "id": 1, "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {},
               "clientInfo": {"name": "bench", "version": "0"}},
}) + "\n"
env = {k: v for k, v in os.environ.items() if not k.startswith("AIRBYTE_")}
times = []
for _ in range(runs):
    start = time.perf_counter()
    child = subprocess.Popen([sift, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, cwd=root)
    child.stdin.write(initialize.encode())
    child.stdin.flush()
    line = child.stdout.readline()
    times.append((time.perf_counter() - start) * 1000)
    assert json.loads(line)["id"] == 1, line
    child.stdin.close()
    child.wait(timeout=10)
print(f"sift mcp start-up to the first answer: median {statistics.median(times):.2f} ms, "
      f"slowest {max(times):.2f} ms ({runs} runs)")
