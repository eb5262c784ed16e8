"""`ecomteam recommend` and `ecomteam assess`: the team a business needs, and the one it has."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ecomteam.cli.common import (
    CatalogueOption,
    ProfileOption,
    RulesOption,
    Sink,
    emit,
    handle_errors,
    load_profile,
    load_roles,
    load_rulebook,
    output_options,
    profile_options,
    read_team,
    say,
    start_date,
    team_file_option,
)
from ecomteam.i18n import _

if TYPE_CHECKING:
    from datetime import date

    from ecomteam.assess import Assessment
    from ecomteam.catalogue import RoleIndex
    from ecomteam.plan import Plan
    from ecomteam.profile import Profile
    from ecomteam.rulebook import RuleBook


def _plan(
    profile: Path | None,
    flags: dict[str, Any],
    catalogue_path: Path | None,
    rules_path: Path | None,
    *,
    start: date,
    explain: bool = False,
) -> tuple[Plan, RoleIndex, RuleBook]:
    """Read the profile, the catalogue and the rule book, and build the plan (with rule traces for `explain`)."""
    from ecomteam.currency import priced_for
    from ecomteam.engine import build_plan

    business = load_profile(profile or _discovered_profile(flags), flags)
    index = load_roles(catalogue_path)
    business, index, book = priced_for(business, index, load_rulebook(rules_path, index))
    return build_plan(business, index.catalogue, book, trace=explain, start=start), index, book


#: Profiles looked for in the current folder when neither --profile nor --stage is given.
DISCOVERED_PROFILES = ("profile.yaml", "ecomteam.yaml")


def _discovered_profile(flags: dict[str, Any]) -> Path | None:
    """The profile in the current folder, when the command line does not say the stage; announced on stderr."""
    if flags.get("stage") is not None:
        return None
    found = next((Path(name) for name in DISCOVERED_PROFILES if Path(name).is_file()), None)
    if found is not None:
        say(
            _(
                "ecomteam: using the profile in {path} (give --profile to choose another, or --stage to use none)"
            ).format(path=found)
        )
    return found


def _assess(plan: Plan, path: Path, index: RoleIndex, book: RuleBook) -> Assessment:
    from ecomteam.assess import assess

    people, roles_of = read_team(path, index)
    return assess(plan, people, roles_of, index, book)


@profile_options
@output_options
@handle_errors
def recommend(
    flags: dict[str, Any],
    sink: Sink,
    profile: ProfileOption = None,
    team: Annotated[
        Path | None,
        team_file_option(
            "--team", help="Your current team (team.yaml, .csv or .xlsx): show the plan as who stays and who is added."
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            help="First day of the rollout, YYYY-MM-DD, for the markdown gantt chart (default: the 1st of next month).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[bool, typer.Option(help="Also show every rule, whether it fired and why.")] = False,
    org_chart: Annotated[bool, typer.Option(help="Also show the team as an org chart.")] = False,
    brief: Annotated[
        bool, typer.Option("--brief", help="One screen: the summary and the team by department (table format).")
    ] = False,
    front_matter: Annotated[
        bool,
        typer.Option(
            "--front-matter",
            help="Start the markdown plan with YAML front matter (generator, start, profile) for static-site tools; "
            "GitHub shows it as a table, so it is left out unless asked for.",
        ),
    ] = False,
    rules_path: RulesOption = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Recommend a team: roles, FTE, in-house or outsourced, rollout phases and cost.

    \b
    Example:
      ecomteam recommend --stage startup \\
        --goal traffic,conversion --budget 2000
    """
    from ecomteam.output.results import PlanReport

    rollout_start = start_date(start)
    plan, index, book = _plan(profile, flags, catalogue_path, rules_path, start=rollout_start, explain=explain)
    if team is not None:
        from ecomteam.assess import with_team

        plan = with_team(plan, _assess(plan, team, index, book))
    report = PlanReport(
        plan, index, book, rollout_start, explain=explain, org_chart=org_chart, brief=brief, front_matter=front_matter
    )
    emit(report, sink)


@profile_options
@output_options
@handle_errors
def assess(
    flags: dict[str, Any],
    sink: Sink,
    team: Annotated[
        Path,
        team_file_option("--team", "-t", help="Your current team: team.yaml, or a .csv or .xlsx table."),
    ],
    profile: ProfileOption = None,
    rules_path: RulesOption = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Compare the team you have with the team you need: coverage, overload, next hires.

    \b
    Example:
      ecomteam assess --team team.yaml --stage startup \\
        --goal traffic,conversion --budget 2000
    """
    from ecomteam.output.results import AssessmentReport

    plan, index, book = _plan(profile, flags, catalogue_path, rules_path, start=start_date(None))
    emit(AssessmentReport(_assess(plan, team, index, book), book, index), sink)


@profile_options
@output_options
@handle_errors
def compare(
    flags: dict[str, Any],
    sink: Sink,
    profiles: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PROFILE", help="Profile files, one scenario each.", show_default=False),
    ] = None,
    profile: ProfileOption = None,
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            "-s",
            help="A scenario: FIELD=VALUE[,FIELD=VALUE...] over --profile and the options; lists joined with +, "
            "e.g. 'budget=5000' or 'orders_per_day=300,channels=own-site+marketplace'. Repeat for each.",
            metavar="CHANGES",
            show_default=False,
        ),
    ] = None,
    sweep: Annotated[
        str | None,
        typer.Option(
            help="One field from A to B: FIELD=A..B/STEP, e.g. orders_per_day=50..1000/50.",
            metavar="FIELD=A..B/STEP",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First day of the plans, YYYY-MM-DD.", metavar="DATE", show_default=False)
    ] = None,
    rules_path: RulesOption = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Put scenarios side by side: the team, cost and warnings of each, with the differences marked.

    \b
    Examples:
      ecomteam compare small.yaml big.yaml
      ecomteam compare --profile shop.yaml -s budget=2000 -s budget=5000
      ecomteam compare --stage growth --sweep orders_per_day=50..1000/50
    """
    from ecomteam.compare import compare as compare_scenarios
    from ecomteam.output.results import ComparisonReport

    index = load_roles(catalogue_path)
    book = load_rulebook(rules_path, index)
    first = start_date(start)
    field, scenarios = _scenarios(profiles or [], profile, flags, scenario or [], sweep)
    if scenarios:  # side by side in one currency: the first scenario's
        from ecomteam.currency import priced_for

        priced, index, book = priced_for(scenarios[0][2], index, book)
        scenarios = [
            (name, values, business.replaced({"currency": priced.currency})) for name, values, business in scenarios
        ]
    comparison = compare_scenarios(scenarios, index.catalogue, book, first, sweep=field)
    emit(ComparisonReport(comparison, index, book, first), sink)


def _scenarios(
    files: list[Path], base: Path | None, flags: dict[str, Any], changes: list[str], sweep: str | None
) -> tuple[str | None, list[tuple[str, dict[str, object], Profile]]]:
    """The scenarios the command line describes, and the field a sweep steps (None for none)."""
    from ecomteam.errors import UsageError

    if sweep is not None and (files or changes):
        raise UsageError("--sweep steps one field of one profile; give it without profile files or --scenario")
    found: list[tuple[str, dict[str, object], Profile]] = [(path.stem, {}, load_profile(path, flags)) for path in files]
    for text in changes:
        values = _changes(text)
        found.append((text, values, load_profile(base, flags | values)))
    if sweep is None:
        return None, found
    from ecomteam.compare import sweep_values

    field, points = sweep_values(sweep)
    _known_field(field, sweep)
    return field, [(f"{number:g}", {field: number}, load_profile(base, flags | {field: number}))
                   for number in points]  # fmt: skip


def _changes(text: str) -> dict[str, object]:
    """`budget=5000,channels=own-site+marketplace` as profile fields; lists joined with `+` (or `;`)."""
    from ecomteam.cli.common import LIST_FIELDS
    from ecomteam.errors import UsageError

    changes: dict[str, object] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        field, equals, value = part.partition("=")
        if not equals or not field.strip():
            raise UsageError(f"invalid value for --scenario: {text!r}; write FIELD=VALUE[,FIELD=VALUE...]")
        name = field.strip().replace("-", "_")
        _known_field(name, text)
        items = [item.strip() for item in re.split(r"[+;]", value) if item.strip()]
        changes[name] = items if name in LIST_FIELDS else value.strip()
    return changes


def _known_field(name: str, given: str) -> None:
    from ecomteam.errors import UsageError
    from ecomteam.fields import PROFILE_FIELDS
    from ecomteam.suggest import did_you_mean

    if name not in PROFILE_FIELDS:
        hint = did_you_mean(name, list(PROFILE_FIELDS))
        raise UsageError(f"{given!r}: {name!r} is not a profile field{hint}; the fields: {', '.join(PROFILE_FIELDS)}")
