"""`--format html`: the terminal tables as an HTML page."""

from ecomteam.output.results import Result
from ecomteam.output.terminal import export


def render(result: Result) -> str:
    """The result's tables as HTML."""
    return export(result, "html")
