"""Shared fixtures: the repository's paths and the `sift` binary to compare with.

The binary is `SIFT_BIN` (`.ci/run` sets it to the debug build `cargo test` made), else
`target/debug/sift` of this repository; tests that compare with it fail when neither exists.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No example database: nothing is written into the repository, and each run draws afresh.
settings.register_profile("sift", database=None)
settings.load_profile("sift")

REPO = Path(__file__).resolve().parents[3]
CASES = REPO / "tests" / "cases"
SPECS = REPO / "tests" / "fixtures" / "specs"
SDK_VERSION = (REPO / "tests" / "sdk-version.txt").read_text().strip()


def sift_binary() -> Path:
    given = os.environ.get("SIFT_BIN")
    path = Path(given) if given else REPO / "target" / "debug" / "sift"
    if not path.is_file():
        pytest.fail(f"no sift binary at {path}: build it (cargo build -p sift-cli) or set SIFT_BIN")
    return path


class Cli:
    """Runs the real `sift` binary in an empty directory (no sift.toml is found there),
    without colour."""

    def __init__(self, binary: Path, cwd: Path) -> None:
        self.binary = binary
        self.cwd = cwd

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SIFT_", "AIRBYTE_"))}
        env["NO_COLOR"] = "1"
        return subprocess.run(
            [str(self.binary), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.cwd,
            env=env,
            timeout=60,
        )

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.run(*args, stdin=stdin).stdout)


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return Cli(sift_binary(), tmp_path_factory.mktemp("cli"))
