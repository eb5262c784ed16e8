"""`--format table` saved to a file: the terminal tables as plain text at a fixed width."""

from ecomteam.output.results import Result
from ecomteam.output.terminal import export


def render(result: Result) -> str:
    """The result's tables as plain text."""
    return export(result, "text")
