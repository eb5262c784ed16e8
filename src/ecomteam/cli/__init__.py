"""The command line: one module per command group, sharing `ecomteam.cli.common`.

Command bodies parse, call the core, hand the result to `ecomteam.output`, and
write. This package is the only one that prints or exits.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ecomteam import __version__
from ecomteam.cli.common import DEBUG_ENV, HELP_OPTIONS, LanguageOption, set_debug, set_language
from ecomteam.cli.helptext import TranslatedGroup

app = typer.Typer(
    name="ecomteam",
    cls=TranslatedGroup,
    help="Which e-commerce team does your business need? Roles, headcount, in-house or outsourced, and cost.",
    # \b keeps click from rewrapping the examples, which would split them at hyphens.
    epilog=(
        "\b\nExamples:\n"
        "  ecomteam recommend --stage startup --budget 2000\n"
        "  ecomteam recommend --orders-per-day 120 \\\n"
        "    --channel own-site,marketplace -f markdown -o plan.md\n"
        "  ecomteam assess --profile profile.yaml --team team.yaml\n"
        "  ecomteam roles show 客服"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
TranslatedGroup.lazy = {
    "recommend": "ecomteam.cli.plans:recommend",
    "assess": "ecomteam.cli.plans:assess",
    "compare": "ecomteam.cli.plans:compare",
    "batch": "ecomteam.cli.batch:batch",
    "jd": "ecomteam.cli.documents:jd",
    "schema": "ecomteam.cli.documents:schema",
    "roles": "ecomteam.cli.roles:roles_app",
    "catalogue": "ecomteam.cli.roles:catalogue_app",
    "profile": "ecomteam.cli.documents:profile_app",
    "team": "ecomteam.cli.documents:team_app",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ecomteam {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    _version_asked: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=f"Show a traceback for internal errors (same as {DEBUG_ENV}=1).")
    ] = False,
    lang: LanguageOption = None,
) -> None:
    """Which e-commerce team does your business need?"""
    set_debug(debug)
    set_language(lang)
