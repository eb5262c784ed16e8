"""`--format yaml`: the same data as the JSON format, as YAML."""

from ecomteam.output.records import record, to_yaml
from ecomteam.output.results import Result


def render(result: Result) -> str:
    """The YAML text of a result."""
    return to_yaml(record(result))
