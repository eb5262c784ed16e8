"""`ecomteam jd`, `schema`, `profile init` and `team init`: files to share, check against or fill in."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ecomteam.cli.common import (
    HELP_OPTIONS,
    LIST_FIELDS,
    CatalogueOption,
    ForceOption,
    OutputOption,
    RoleArgument,
    RulesOption,
    Sink,
    closed_choice,
    emit,
    handle_errors,
    load_roles,
    load_rulebook,
    output_options_for,
    split_list,
    write_text,
)
from ecomteam.errors import UsageError
from ecomteam.fields import PROFILE_FIELDS
from ecomteam.i18n import _
from ecomteam.vocab import OutputFormat, Stage

profile_app = typer.Typer(help="Write a business profile file.", no_args_is_help=True, context_settings=HELP_OPTIONS)
team_app = typer.Typer(help="Write a team file.", no_args_is_help=True, context_settings=HELP_OPTIONS)


class SchemaName(StrEnum):
    """Files `ecomteam schema` describes (the keys of `ecomteam.documents.SCHEMA_MODELS`)."""

    PROFILE = "profile"
    PLAN = "plan"
    CATALOGUE = "catalogue"
    RULES = "rules"
    TEAM = "team"
    ASSESSMENT = "assessment"
    ROLE = "role"
    ROLES = "roles"


@output_options_for(OutputFormat.MARKDOWN)
@handle_errors
def jd(
    role: RoleArgument,
    sink: Sink,
    stage: Annotated[
        Stage | None,
        typer.Option(
            show_default=False,
            **closed_choice(
                Stage,
                "STAGE",
                "Stage of the business; sets the seniority (default: the first stage that needs the role).",
            ),
        ),
    ] = None,
    catalogue_path: CatalogueOption = None,
    rules_path: RulesOption = None,
) -> None:
    """Draft a job description for one role: markdown unless --format or the file's extension says otherwise.

    \b
    Example:
      ecomteam jd customer-service --stage growth \\
        --output customer-service.md
    """
    from ecomteam.catalogue import find_role
    from ecomteam.engine import build_plan
    from ecomteam.output.results import JobDescription
    from ecomteam.profile import Profile
    from ecomteam.rulebook import first_stages

    index = load_roles(catalogue_path)
    found = find_role(index, role)
    book = load_rulebook(rules_path, index)
    if stage is None:
        stage = first_stages(book).get(found.id, Stage.STARTUP)
    # The reporting line names a role a business of that stage has (the plan for the stage alone).
    present = frozenset(line.role for line in build_plan(Profile(stage=stage), index.catalogue, book).team)
    emit(JobDescription(found, index, stage, present), sink)


@handle_errors
def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(**closed_choice(SchemaName, "NAME", "Which file.")),
    ],
    destination: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print the JSON Schema (draft-07) of a file, for editors that validate YAML.

    \b
    Example:
      ecomteam schema profile --output profile.schema.json
    """
    from ecomteam.documents import json_schema
    from ecomteam.output.records import to_json

    write_text(to_json(json_schema(name.value)), destination, force)


def _write_with_schema(text: str, path: Path, schema_name: str, force: bool) -> None:
    """Write a starter file and, beside it, the schema its first line points editors at."""
    from ecomteam.documents import json_schema
    from ecomteam.output.records import to_json

    schema_path = path.with_name(f"{schema_name}.schema.json")
    if str(path) != "-" and path.resolve() == schema_path.resolve():
        raise UsageError(f"{path}: that is where the schema goes; choose another name for the {schema_name} file")
    write_text(text, path, force)
    if str(path) != "-" and (force or not schema_path.exists()):
        write_text(to_json(json_schema(schema_name)), schema_path, True)


@profile_app.command("init")
@handle_errors
def profile_init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the profile; - prints it.")] = Path(
        "profile.yaml"
    ),
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Answer the profile's questions at a prompt (terminal only).")
    ] = False,
    force: ForceOption = False,
) -> None:
    """Write a commented starter profile.yaml (and its schema, for editor completion).

    \b
    Example:
      ecomteam profile init shop.yaml --interactive
    """
    from ecomteam.output.starters import starter_profile

    values = _ask_profile() if interactive else None
    _write_with_schema(starter_profile(values), path, "profile", force)


class TeamFormat(StrEnum):
    """Files `ecomteam team init` writes: the commented YAML, or a table to fill in a spreadsheet."""

    YAML = "yaml"
    CSV = "csv"
    XLSX = "xlsx"


_TEAM_SUFFIXES = {".yaml": TeamFormat.YAML, ".yml": TeamFormat.YAML, ".csv": TeamFormat.CSV, ".xlsx": TeamFormat.XLSX}


@team_app.command("init")
@handle_errors
def team_init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the team file; - prints it.")] = Path(
        "team.yaml"
    ),
    file_format: Annotated[
        TeamFormat | None,
        typer.Option(
            "--format",
            "-f",
            show_default=False,
            **closed_choice(TeamFormat, "FORMAT", "File type (default: FILE's extension, else yaml)."),
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Write a starter team file: commented YAML (with its schema), or a CSV or XLSX table to fill in.

    \b
    Example:
      ecomteam team init team.yaml
      ecomteam team init team.xlsx
    """
    from ecomteam.output.starters import starter_team, starter_team_rows, team_notes

    implied = None if str(path) == "-" else _TEAM_SUFFIXES.get(path.suffix.lower())
    if file_format is not None and implied is not None and file_format is not implied:
        raise UsageError(f"--format {file_format} does not match {path}, whose extension means {implied}")
    chosen = file_format or implied or TeamFormat.YAML
    if chosen is TeamFormat.YAML:
        _write_with_schema(starter_team(), path, "team", force)
    elif chosen is TeamFormat.CSV:
        from ecomteam.output.csv import table_text

        write_text(table_text(starter_team_rows()), path, force)
    else:
        from ecomteam.output.xlsx import workbook_bytes

        notes: list[list[str | float | int | None]] = [[_("how to fill in the team sheet")]]
        notes += [[note] for note in team_notes()]
        write_text(workbook_bytes([("team", starter_team_rows(), {}), ("notes", notes, {})]), path, force)


def _ask_profile() -> dict[str, Any]:
    """Ask every profile question at the terminal, re-asking until each answer is valid."""
    from pydantic import ValidationError

    from ecomteam.profile import Profile
    from ecomteam.validation import pydantic_message

    if not sys.stdin.isatty():
        raise UsageError(_("--interactive needs a terminal; run `ecomteam profile init` and edit the file instead"))
    answers: dict[str, Any] = {}
    for field, doc in PROFILE_FIELDS.items():
        while True:
            question = _("{question} (empty: leave out)").format(question=_(doc.prompt))
            text = typer.prompt(question, default="", show_default=False).strip()
            if not text:
                break
            value: Any = split_list([text]) if field in LIST_FIELDS else text
            try:
                answers[field] = getattr(Profile.model_validate({field: value}), field)
            except ValidationError as exc:
                typer.echo(f"  {pydantic_message(exc.errors(include_url=False)[0])}", err=True)
                continue
            break
    return answers
