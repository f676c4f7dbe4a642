"""The SDK's way of validating JSON filters: pydantic's TypeAdapter over the SDK's TypedDict for
a users condition, one validate_json per line, in one Python process. Exit 1 when a line is
invalid. Used by whole-process.sh and core-figures.sh, beside `sift validate --jsonl`."""
import sys

from pydantic import TypeAdapter, ValidationError
from airbyte_agent_sdk.connectors.harvest.types import UsersCondition

adapter = TypeAdapter(UsersCondition)
valid = invalid = 0
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        if line.strip():
            try:
                adapter.validate_json(line)
                valid += 1
            except ValidationError:
                invalid += 1
print(f"pydantic: {valid} valid, {invalid} invalid", file=sys.stderr)
sys.exit(1 if invalid else 0)
