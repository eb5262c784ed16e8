"""`--format svg`: the terminal tables drawn as an SVG picture."""

from ecomteam.output.results import Result
from ecomteam.output.terminal import export


def render(result: Result) -> str:
    """The result's tables as SVG."""
    return export(result, "svg")
