"""sift with the pinned Airbyte agent SDK, end to end: the SDK's real connector, in hosted mode,
sends a sift query through its own `context_store_search` to an API this test serves on
127.0.0.1 (fake credentials, a fake token), and the body it sends is compared, byte for byte,
with what `sift compile --emit request` prints.

The SDK's body differs from sift's in one member only: its HTTP client always adds
`"skip_truncation": true` after the action. Everything else, `params` included, is the same
bytes (httpx writes JSON compactly, non-ASCII as is, as sift does) whenever each number is
written as Python writes it back; a number written otherwise (`2.50`) reaches the SDK as a
Python float and leaves it as `2.5`, the same value in other text.

The driving runs in a child process with its own HOME, telemetry off and no proxy, so the SDK
talks to nothing but this server. `SIFT_REQUIRE_SDK=1` (set by `.ci/run`) makes a missing SDK
a failure instead of a skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import sift

from conftest import SDK_VERSION, Cli

if os.environ.get("SIFT_REQUIRE_SDK") == "1":
    import airbyte_agent_sdk  # noqa: F401  (a missing SDK fails the run)
else:
    pytest.importorskip("airbyte_agent_sdk")

CONNECTOR_ID = "00000000-0000-4000-8000-000000000026"
TOKEN = "fake-token-for-the-test-server"


class Recorder(BaseHTTPRequestHandler):
    """The hosted API, as far as a search needs it: the token exchange and the execute call.
    Every request is recorded with its raw body."""

    seen: list[tuple[str, str, dict[str, str], bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 (the http.server spelling)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.seen.append((self.command, self.path, dict(self.headers), body))
        if self.path == "/api/v1/account/applications/token":
            self.answer(200, {"access_token": TOKEN, "token_type": "Bearer"})
        elif self.path == f"/api/v1/integrations/connectors/{CONNECTOR_ID}/execute":
            self.answer(200, {"result": {"data": [], "meta": {"has_more": False}}})
        else:
            self.answer(404, {"detail": f"no route {self.path}"})

    def answer(self, status: int, value: Any) -> None:
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def api() -> Iterator[tuple[str, list[tuple[str, str, dict[str, str], bytes]]]]:
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", Recorder.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


DRIVER = r"""
import asyncio, json, sys
import sift, sift.sdk
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.types import AirbyteAuthConfig

how, query = sys.argv[1], sys.argv[2]

async def main():
    connector = HarvestConnector(auth_config=AirbyteAuthConfig(
        airbyte_client_id="fake-client-id",
        airbyte_client_secret="fake-client-secret",
        connector_id=sys.argv[3],
    ))
    catalog = sift.Catalog.from_sdk(connector.connector_name)
    if how == "method":
        entity = sift.compile(query, catalog=catalog, emit="request")["entity"]
        params = sift.sdk.search_params(query, catalog=catalog)
        await getattr(connector, entity).context_store_search(**params)
    elif how == "execute":
        await connector.execute(*sift.sdk.execute_args(query, catalog=catalog))
    else:
        await sift.sdk.search(connector, query)

asyncio.run(main())
"""


def drive(base: str, home: Path, how: str, query: str) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(
        {
            "SDK_DEV_ADP_API_HOST": base,
            "HOME": str(home),
            "AIRBYTE_TELEMETRY_MODE": "disabled",
            "DO_NOT_TRACK": "1",
            "NO_PROXY": "127.0.0.1,localhost",
        }
    )
    for secret in ("AIRBYTE_CLIENT_ID", "AIRBYTE_CLIENT_SECRET", "AIRBYTE_TOKEN"):
        env.pop(secret, None)
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, how, query, CONNECTOR_ID],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def harvest_spec() -> Path:
    spec = resources.files("airbyte_agent_sdk") / "specs" / "harvest" / "connector.yaml"
    return Path(str(spec))


def sift_request(cli: Cli, query: str) -> str:
    printed = cli.run("compile", "--emit", "request", "--spec", str(harvest_spec()), query)
    assert printed.returncode == 0, printed.stderr
    return printed.stdout.rstrip("\n")


def sent_body(seen: list[tuple[str, str, dict[str, str], bytes]]) -> bytes:
    executes = [s for s in seen if s[1].endswith("/execute")]
    assert len(executes) == 1, [s[1] for s in seen]
    _method, _path, headers, body = executes[0]
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    return body


def with_skip_truncation(request: str) -> str:
    """sift's request as the SDK sends it: `"skip_truncation":true` after the action."""
    action = '"action":"context_store_search",'
    assert request.count(action) == 1
    return request.replace(action, action + '"skip_truncation":true,')


def test_the_pinned_sdk_is_installed() -> None:
    from importlib import metadata

    assert metadata.version("airbyte-agent-sdk") == SDK_VERSION


QUERIES = [
    "from users where is_active = true",
    'from users where is_active = true and (first_name ~ "Ann" or email endswith "@acme.com") '
    "sort created_at desc limit 50 fields id, first_name, email",
    'from clients where name startswith "Ac" and id in [1, 2, 3] limit 5',
    'from users where first_name = "Zoë \\"Z\\" \\\\ 東京\\t" and weekly_capacity >= 144000',
    "from time_entries where hours > 2.5 and hours < 1000",
]


@pytest.mark.parametrize("how", ["method", "execute", "search"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_sdk_sends_the_body_sift_compiles(
    api: tuple[str, list[Any]], cli: Cli, tmp_path: Path, how: str, query: str
) -> None:
    base, seen = api
    drive(base, tmp_path, how, query)
    request = sift_request(cli, query)
    body = sent_body(seen)
    assert body == with_skip_truncation(request).encode()
    # The params, on their own, are sift's bytes.
    params = sift.compile_json(query, catalog=sift.Catalog.from_spec(harvest_spec()))
    assert body.endswith(b'"params":' + params.encode() + b"}")


def test_a_number_python_writes_otherwise_is_the_same_value(
    api: tuple[str, list[Any]], cli: Cli, tmp_path: Path
) -> None:
    base, seen = api
    query = "from time_entries where hours > 2.50 and hours < 1e3"
    drive(base, tmp_path, "method", query)
    request = sift_request(cli, query)
    body = sent_body(seen).decode()
    assert json.loads(body) == json.loads(with_skip_truncation(request))
    expected = with_skip_truncation(request).replace("2.50", "2.5").replace("1e3", "1000.0")
    assert body == expected
