#!/usr/bin/env python3
"""Time per `tools/call` of `sift mcp` over its pipes: CALLS (default 2000) calls of each
typical request sent back to back to one release process, from the first sent to the last
answer read, divided by CALLS. This is the server time plus JSON-RPC framing and the pipe, an
upper bound of the tools' own time (`cargo bench -p sift-mcp` times them alone).
Needs `cargo build --release -p sift-cli` first."""
import json
import os
import subprocess
import threading
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sift = os.path.join(root, "target", "release", "sift")
calls = int(os.environ.get("CALLS", "2000"))
cases = {
    "validate, {gte, eq} in one object (warning + corrected JSON)": ("validate", {
        "document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_active": True}},
        "entity": "users"}),
    "validate, a valid 3-condition filter": ("validate", {
        "document": {"and": [{"eq": {"is_active": True}}, {"endswith": {"email": "@acme.com"}},
                             {"gte": {"created_at": "2026-01-01T00:00:00Z"}}]},
        "entity": "users"}),
    "compile, a query to a request": ("compile", {
        "query": 'from users where is_active = true and email endswith "@acme.com" '
                 'and created_at >= 2026-01-01T00:00:00Z sort created_at desc limit 20',
        "emit": "request"}),
    "compile, an unknown field (diagnostic)": ("compile", {
        "query": "from users where is_actve = true"}),
}
env = {k: v for k, v in os.environ.items() if not k.startswith("AIRBYTE_")}
child = subprocess.Popen([sift, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=env, cwd=root)


def send(message):
    child.stdin.write((json.dumps(message) + "\n").encode())


send({"jsonrpc": "2.0", "id": 0, "method": "initialize",
      "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                 "clientInfo": {"name": "bench", "version": "0"}}})
child.stdin.flush()
child.stdout.readline()
send({"jsonrpc": "2.0", "method": "notifications/initialized"})
next_id = 1
for name, (tool, arguments) in cases.items():
    lines = [json.dumps({"jsonrpc": "2.0", "id": next_id + i, "method": "tools/call",
                         "params": {"name": tool, "arguments": arguments}}) + "\n"
             for i in range(calls)]
    next_id += calls

    def writer():
        for line in lines:
            child.stdin.write(line.encode())
        child.stdin.flush()

    start = time.perf_counter()
    thread = threading.Thread(target=writer)
    thread.start()
    for _ in range(calls):
        answer = json.loads(child.stdout.readline())
        assert "result" in answer and not answer["result"].get("isError"), answer
    elapsed = time.perf_counter() - start
    thread.join()
    print(f"{name}: {elapsed / calls * 1e6:.0f} µs per call ({calls} calls)")
child.stdin.close()
child.wait(timeout=10)
