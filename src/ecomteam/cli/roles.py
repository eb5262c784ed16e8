"""`ecomteam roles list|show` and `ecomteam catalogue validate`: the role catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecomteam.cli.common import (
    HELP_OPTIONS,
    CatalogueOption,
    RoleArgument,
    RulesOption,
    Sink,
    closed_choice,
    emit,
    handle_errors,
    load_roles,
    load_rulebook,
    output_options,
)
from ecomteam.cli.complete import complete_yaml
from ecomteam.vocab import Category, Sourcing, Stage

roles_app = typer.Typer(help="Browse the role catalogue.", no_args_is_help=True, context_settings=HELP_OPTIONS)
catalogue_app = typer.Typer(help="Check a role catalogue file.", no_args_is_help=True, context_settings=HELP_OPTIONS)


@roles_app.command("list")
@output_options
@handle_errors
def roles_list(
    sink: Sink,
    category: Annotated[
        Category | None,
        typer.Option(show_default=False, **closed_choice(Category, "CATEGORY", "Only roles of this department.")),
    ] = None,
    stage: Annotated[
        Stage | None,
        typer.Option(
            show_default=False, **closed_choice(Stage, "STAGE", "Only roles needed at this stage or earlier.")
        ),
    ] = None,
    sourcing: Annotated[
        Sourcing | None,
        typer.Option(show_default=False, **closed_choice(Sourcing, "SOURCING", "Only roles best staffed this way.")),
    ] = None,
    catalogue_path: CatalogueOption = None,
    rules_path: RulesOption = None,
) -> None:
    """List the roles of an e-commerce team.

    \b
    Example:
      ecomteam roles list --stage startup --sourcing outsource
    """
    from ecomteam.catalogue import filter_roles
    from ecomteam.output.results import RoleList
    from ecomteam.rulebook import first_stages

    index = load_roles(catalogue_path)
    stages = first_stages(load_rulebook(rules_path, None))
    roles = filter_roles(index.catalogue.roles, stages, category=category, stage=stage, sourcing=sourcing)
    result = RoleList(tuple(roles), index, stages, category=category, stage=stage, sourcing=sourcing)
    emit(result, sink)


@roles_app.command("show")
@output_options
@handle_errors
def roles_show(
    sink: Sink,
    role: RoleArgument,
    catalogue_path: CatalogueOption = None,
    rules_path: RulesOption = None,
) -> None:
    """Show one role in full: duties, skills, KPIs, sourcing, cost and sources.

    ROLE matches the id, a name or any alias in any language, ignoring case,
    accents, punctuation and spacing.

    \b
    Example:
      ecomteam roles show "gerente de comercio electronico"
    """
    from ecomteam.catalogue import find_role
    from ecomteam.output.results import RoleCard
    from ecomteam.rulebook import first_stages

    index = load_roles(catalogue_path)
    found = find_role(index, role)
    first_stage = first_stages(load_rulebook(rules_path, None)).get(found.id)
    emit(RoleCard(found, index, first_stage), sink)


@catalogue_app.command("validate")
@handle_errors
def catalogue_validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="Catalogue to check; default the --catalogue one, else the bundled one.",
            autocompletion=complete_yaml,
            show_default=False,
            readable=False,
        ),
    ] = None,
    catalogue_path: CatalogueOption = None,
    rules_path: RulesOption = None,
) -> None:
    """Check a role catalogue, and the rule book against it, reporting every problem with its line.

    Exits 0 when the catalogue is valid and 65 when it is not.

    \b
    Example:
      ecomteam catalogue validate my-roles.yaml
    """
    from ecomteam.files import bundled_catalogue_path, bundled_rules_path

    chosen = path or catalogue_path
    index = load_roles(chosen)
    roles = index.catalogue.roles
    aliases = sum(len(role.aliases) for role in roles)
    typer.echo(f"{chosen or bundled_catalogue_path()}: valid catalogue with {len(roles)} roles and {aliases} aliases")
    book = load_rulebook(rules_path, index)
    typer.echo(f"{rules_path or bundled_rules_path()}: valid rule book with {len(book.rules)} rules")
