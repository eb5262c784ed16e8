"""`--format json`: the result as JSON data, written straight to the stream (never through rich)."""

from ecomteam.output.records import record, to_json
from ecomteam.output.results import Result


def render(result: Result) -> str:
    """The JSON text of a result."""
    return to_json(record(result))
