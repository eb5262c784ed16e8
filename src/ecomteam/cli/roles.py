"""`ecomteam roles list|show` and `ecomteam catalogue validate`: the role catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    say,
)
from ecomteam.cli.complete import complete_yaml
from ecomteam.i18n import _
from ecomteam.vocab import Category, Sourcing, Stage

if TYPE_CHECKING:
    from ecomteam.catalogue import RoleIndex
    from ecomteam.rulebook import RuleBook

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
    from ecomteam.i18n import speaking
    from ecomteam.vocab import Language

    chosen = path or catalogue_path
    with speaking(Language.EN):  # the catalogue as written, to see what its translations lack
        index = load_roles(chosen)
        book = load_rulebook(rules_path, index)
    roles = index.catalogue.roles
    aliases = sum(len(role.aliases) for role in roles)
    catalogue_file, rules_file = chosen or bundled_catalogue_path(), rules_path or bundled_rules_path()
    typer.echo(
        _("{file}: valid catalogue with {roles} roles and {aliases} aliases").format(
            file=catalogue_file, roles=len(roles), aliases=aliases
        )
    )
    typer.echo(_("{file}: valid rule book with {rules} rules").format(file=rules_file, rules=len(book.rules)))
    _translation_gaps(index, book, catalogue_file, rules_file)


def _translation_gaps(index: RoleIndex, book: RuleBook, catalogue_file: Path, rules_file: Path) -> None:
    """Warn, per language, of the names and texts that have no translation and show in English."""
    from ecomteam.i18n import ngettext
    from ecomteam.localize import untranslated
    from ecomteam.vocab import TRANSLATIONS

    for language in TRANSLATIONS:
        unnamed = [role.id for role in index.catalogue.roles if language not in role.names]
        if unnamed:
            message = ngettext(
                "warning: {file}: {count} role has no {language} name: {role}",
                "warning: {file}: {count} roles have no {language} name, e.g. {role}",
                len(unnamed),
            )
            say(message.format(file=catalogue_file, count=len(unnamed), language=language.value, role=unnamed[0]))
        for file, model in ((catalogue_file, index.catalogue), (rules_file, book)):
            missing = untranslated(model, language)
            if missing:
                message = ngettext(
                    "warning: {file}: {count} text has no {language} translation and shows in English: {text!r}",
                    "warning: {file}: {count} texts have no {language} translation and show in English, e.g. {text!r}",
                    len(missing),
                )
                say(message.format(file=file, count=len(missing), language=language.value, text=missing[0][:60]))
