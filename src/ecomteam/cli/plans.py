"""`ecomteam recommend` and `ecomteam assess`: the team a business needs, and the one it has."""

from __future__ import annotations

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

if TYPE_CHECKING:
    from datetime import date

    from ecomteam.assess import Assessment
    from ecomteam.catalogue import RoleIndex
    from ecomteam.plan import Plan
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
    from ecomteam.engine import build_plan

    business = load_profile(profile or _discovered_profile(flags), flags)
    index = load_roles(catalogue_path)
    book = load_rulebook(rules_path, index)
    return build_plan(business, index.catalogue, book, trace=explain, start=start), index, book


#: Profiles looked for in the current folder when neither --profile nor --stage is given.
DISCOVERED_PROFILES = ("profile.yaml", "ecomteam.yaml")


def _discovered_profile(flags: dict[str, Any]) -> Path | None:
    """The profile in the current folder, when the command line does not say the stage; announced on stderr."""
    if flags.get("stage") is not None:
        return None
    found = next((Path(name) for name in DISCOVERED_PROFILES if Path(name).is_file()), None)
    if found is not None:
        say(f"ecomteam: using the profile in {found} (give --profile to choose another, or --stage to use none)")
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
