"""The output layer: the only place that turns results into words, and the only one that imports rich.

One module per format, each with `render(result) -> str`; `formatter` picks the
module for an `OutputFormat`. A format module handles every result type in
`ecomteam.output.results` (a `match` with `assert_never`), so a new result type
cannot be forgotten, and a new format is one module plus its enum value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, assert_never

from ecomteam.vocab import OutputFormat

if TYPE_CHECKING:
    from ecomteam.output.results import Result


class Formatter(Protocol):
    """What a format module offers."""

    def render(self, result: Result) -> str | bytes:
        """The text of a result in this format (the bytes of the file, for a workbook)."""
        ...


def formatter(output: OutputFormat) -> Formatter:  # noqa: PLR0911 - one return per format
    """The format module for an output format, imported only when it is used."""
    # Imports inside the cases: a command loads only the format it writes.
    match output:
        case OutputFormat.TABLE:
            from ecomteam.output import table

            return table
        case OutputFormat.JSON:
            from ecomteam.output import json

            return json
        case OutputFormat.YAML:
            from ecomteam.output import yaml

            return yaml
        case OutputFormat.MARKDOWN:
            from ecomteam.output import markdown

            return markdown
        case OutputFormat.SVG:
            from ecomteam.output import svg

            return svg
        case OutputFormat.HTML:
            from ecomteam.output import html

            return html
        case OutputFormat.CSV:
            from ecomteam.output import csv

            return csv
        case OutputFormat.XLSX:
            from ecomteam.output import xlsx

            return xlsx
        case _:
            assert_never(output)


def render(result: Result, output: OutputFormat) -> str | bytes:
    """A result's text in a format (the bytes of the file, for a workbook)."""
    return formatter(output).render(result)
