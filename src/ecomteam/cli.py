"""The command line: parse arguments, call the core, print, exit.

The only module that prints or exits. Heavy modules (pydantic models, YAML, rich)
are imported inside the commands that need them, so `--version` and `--help` stay
quick. Every `EcomteamError` becomes a message on stderr and its exit code here,
inside the command layer, so tests through typer's `CliRunner` see the same thing
a user does.
"""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, assert_never

import typer

from ecomteam import __version__
from ecomteam.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EcomteamError
from ecomteam.vocab import Category, OutputFormat, Sourcing, Stage

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ecomteam.models import Catalogue

P = ParamSpec("P")
R = TypeVar("R")

#: Set to 1 to see a traceback for internal errors instead of the one-line report.
DEBUG_ENV = "ECOMTEAM_DEBUG"

app = typer.Typer(
    name="ecomteam",
    help="Which e-commerce team does your business need? Roles, headcount, in-house or outsourced, and cost.",
    epilog=(
        "Examples: `ecomteam roles list --stage startup` · `ecomteam roles show 客服` · "
        "`ecomteam roles show seo-specialist --format json` · `ecomteam catalogue validate my-roles.yaml`"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
roles_app = typer.Typer(
    help="Browse the role catalogue.", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]}
)
catalogue_app = typer.Typer(
    help="Check a role catalogue file.", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]}
)
app.add_typer(roles_app, name="roles")
app.add_typer(catalogue_app, name="catalogue")

CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        envvar="ECOMTEAM_CATALOGUE",
        help="Role catalogue YAML to use instead of the bundled one.",
        show_default=False,
        dir_okay=True,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]


def _handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn errors into a message on stderr and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except EcomteamError as exc:
            typer.echo(f"ecomteam: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("ecomteam: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            typer.echo(
                f"ecomteam {__version__}: internal error ({type(exc).__name__}: {exc}). "
                f"This is a bug: please report it with the command you ran ({DEBUG_ENV}=1 shows the traceback).",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ecomteam {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Which e-commerce team does your business need?"""


# ---------------------------------------------------------------- helpers


def _console() -> "Console":
    from rich.console import Console

    return Console(emoji=False, highlight=False, markup=False)


def _load_catalogue(path: Path | None) -> "Catalogue":
    from ecomteam.catalogue import parse_catalogue
    from ecomteam.files import bundled_catalogue_path, read_text

    source = path if path is not None else bundled_catalogue_path()
    return parse_catalogue(read_text(source, "catalogue"), str(source))


def _emit(
    output: OutputFormat,
    *,
    table: Callable[[], "RenderableType"],
    record: Callable[[], Any],
    markdown: Callable[[], str],
) -> None:
    """Write one result to stdout in the chosen format."""
    from ecomteam import render

    match output:
        case OutputFormat.TABLE:
            _console().print(table())
        case OutputFormat.JSON:
            typer.echo(render.to_json(record()), nl=False)
        case OutputFormat.YAML:
            typer.echo(render.to_yaml(record()), nl=False)
        case OutputFormat.MARKDOWN:
            typer.echo(markdown(), nl=False)
        case _:
            assert_never(output)


# ------------------------------------------------------------------ roles


@roles_app.command("list")
@_handle_errors
def roles_list(
    category: Annotated[
        Category | None, typer.Option(case_sensitive=False, help="Only roles of this department.", show_default=False)
    ] = None,
    stage: Annotated[
        Stage | None,
        typer.Option(case_sensitive=False, help="Only roles needed at this stage or earlier.", show_default=False),
    ] = None,
    sourcing: Annotated[
        Sourcing | None,
        typer.Option(case_sensitive=False, help="Only roles best staffed this way.", show_default=False),
    ] = None,
    output: FormatOption = OutputFormat.TABLE,
    catalogue_path: CatalogueOption = None,
) -> None:
    """List the roles of an e-commerce team.

    Example: ecomteam roles list --stage startup --sourcing outsource
    """
    from ecomteam import render
    from ecomteam.catalogue import filter_roles

    catalogue = _load_catalogue(catalogue_path)
    roles = filter_roles(catalogue.roles, category=category, stage=stage, sourcing=sourcing)
    filters = [
        f"{name} {value.value}"
        for name, value in (("category", category), ("stage", stage), ("sourcing", sourcing))
        if value is not None
    ]
    title = f"{len(roles)} of {len(catalogue.roles)} roles" + (f" ({', '.join(filters)})" if filters else "")
    _emit(
        output,
        table=lambda: render.roles_table(roles, title, catalogue.cost_basis.currency),
        record=lambda: render.roles_record(roles),
        markdown=lambda: render.roles_markdown(roles),
    )


@roles_app.command("show")
@_handle_errors
def roles_show(
    role: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="Role id, name or alias in any language, e.g. customer-service or 客服."),
    ],
    output: FormatOption = OutputFormat.TABLE,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Show one role in full: duties, skills, KPIs, sourcing, cost and sources.

    ROLE matches the id, a name or any alias in any language, ignoring case,
    accents, punctuation and spacing.

    Example: ecomteam roles show "gerente de comercio electronico"
    """
    from ecomteam import render
    from ecomteam.catalogue import find_role

    catalogue = _load_catalogue(catalogue_path)
    found = find_role(catalogue, role)
    _emit(
        output,
        table=lambda: render.role_view(found, catalogue),
        record=lambda: render.role_record(found),
        markdown=lambda: render.role_markdown(found, catalogue),
    )


# -------------------------------------------------------------- catalogue


@catalogue_app.command("validate")
@_handle_errors
def catalogue_validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="Catalogue to check; default the --catalogue one, else the bundled one.",
            show_default=False,
        ),
    ] = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Check a role catalogue and report every problem with its line.

    Exits 0 when the catalogue is valid and 65 when it is not.

    Example: ecomteam catalogue validate my-roles.yaml
    """
    from ecomteam.files import bundled_catalogue_path

    chosen = path or catalogue_path
    catalogue = _load_catalogue(chosen)
    aliases = sum(len(role.aliases) for role in catalogue.roles)
    shown = chosen or bundled_catalogue_path()
    typer.echo(f"{shown}: valid catalogue with {len(catalogue.roles)} roles and {aliases} aliases")


def main() -> None:
    """Run the command line (the `ecomteam` console script)."""
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`ecomteam roles list | head`); exit quietly.
        sys.stderr.close()
        sys.exit(0)
