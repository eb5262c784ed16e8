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
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, assert_never

import typer

from ecomteam import __version__
from ecomteam.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EcomteamError, UsageError
from ecomteam.vocab import Category, OutputFormat, Sourcing, Stage

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, RenderableType

    from ecomteam.assess import Team
    from ecomteam.models import Catalogue
    from ecomteam.plan import Plan
    from ecomteam.rulebook import Profile, RuleBook

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
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
roles_app = typer.Typer(
    help="Browse the role catalogue.", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]}
)
catalogue_app = typer.Typer(
    help="Check a role catalogue file.", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]}
)
profile_app = typer.Typer(
    help="Write a business profile file.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(roles_app, name="roles")
app.add_typer(catalogue_app, name="catalogue")
team_app = typer.Typer(
    help="Write a team file.", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]}
)
app.add_typer(profile_app, name="profile")
app.add_typer(team_app, name="team")

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
RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        envvar="ECOMTEAM_RULES",
        help="Rule book YAML to use instead of the bundled one (start from a copy of data/rules.yaml).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of stdout (- is stdout); an existing file is kept unless --force.",
        show_default=False,
        dir_okay=True,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]
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
    debug: Annotated[
        bool, typer.Option("--debug", help=f"Show a traceback for internal errors (same as {DEBUG_ENV}=1).")
    ] = False,
) -> None:
    """Which e-commerce team does your business need?"""
    if debug:
        os.environ[DEBUG_ENV] = "1"


# ---------------------------------------------------------------- helpers


def _console() -> "Console":
    from rich.console import Console

    return Console(emoji=False, highlight=False, markup=False)


def _load_catalogue(path: Path | None) -> "Catalogue":
    from ecomteam.catalogue import parse_catalogue
    from ecomteam.files import bundled_catalogue_path, read_text

    source = path if path is not None else bundled_catalogue_path()
    return parse_catalogue(read_text(source, "catalogue"), str(source))


def _load_rulebook(path: Path | None, catalogue: "Catalogue") -> "RuleBook":
    from ecomteam.files import bundled_rules_path, read_text
    from ecomteam.rulebook import parse_rulebook

    source = path if path is not None else bundled_rules_path()
    return parse_rulebook(read_text(source, "rule book"), str(source), catalogue)


def _start_date(text: str | None) -> "date":
    """Parse --start; without it, the first day of next month (the only clock read)."""
    from datetime import date

    from ecomteam.report import first_of_next_month

    if text is None:
        return first_of_next_month(date.today())
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"invalid value for --start: {text!r} is not a date like 2027-01-01") from None


#: Profile fields whose command-line option is not simply `--field-name`.
_FLAG_NAMES = {"goals": "--goal", "channels": "--channel"}


def _split_list(values: list[str] | None) -> list[str] | None:
    """Flatten repeated and comma-separated values: `-g a,b -g c` is a, b, c."""
    if not values:
        return None
    return [part.strip().lower() for value in values for part in value.split(",") if part.strip()]


def _load_profile(path: Path | None, flags: dict[str, Any]) -> "Profile":
    """Read the profile file if any, then let the flags given override its fields."""
    import difflib
    import re

    from pydantic import ValidationError

    from ecomteam.files import read_text
    from ecomteam.rulebook import Profile, parse_profile

    base: dict[str, Any] = {}
    if path is not None:
        base = parse_profile(read_text(path, "profile"), str(path)).model_dump(exclude_unset=True)
    merged = base | {name: value for name, value in flags.items() if value is not None}
    try:
        return Profile.model_validate(merged)
    except ValidationError as exc:
        messages = []
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0])
            flag = _FLAG_NAMES.get(field, "--" + field.replace("_", "-"))
            given = error.get("input")
            if error["type"] == "enum":
                choices = re.findall(r"'([^']+)'", str(error.get("ctx", {}).get("expected", "")))
                close = difflib.get_close_matches(str(given), choices, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                messages.append(f"invalid value for {flag}: {given!r}{hint}; choose from {', '.join(choices)}")
            else:
                messages.append(f"invalid value for {flag}: {error['msg']} (got {given!r})")
        raise UsageError("; ".join(messages)) from exc


def _emit(
    output: OutputFormat,
    destination: Path | None,
    force: bool,
    *,
    title: str,
    table: Callable[[], "RenderableType"],
    record: Callable[[], Any],
    markdown: Callable[[], str],
) -> None:
    """Write one result in the chosen format to stdout or, atomically, to a file."""
    from ecomteam import render

    to_stdout = destination is None or str(destination) == "-"
    if output is OutputFormat.TABLE and to_stdout:
        _console().print(table())  # the terminal's own width and colours
        return
    match output:
        case OutputFormat.TABLE:
            text = render.export(table(), "text")
        case OutputFormat.JSON:
            text = render.to_json(record())
        case OutputFormat.YAML:
            text = render.to_yaml(record())
        case OutputFormat.MARKDOWN:
            text = markdown()
        case OutputFormat.SVG:
            text = render.export(table(), "svg", title=title)
        case OutputFormat.HTML:
            text = render.export(table(), "html", title=title)
        case _:
            assert_never(output)
    if to_stdout:
        typer.echo(text, nl=False)
        return
    from ecomteam.files import write_output

    assert destination is not None
    write_output(destination, text, force=force)
    typer.echo(f"ecomteam: wrote {destination}", err=True)


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
    destination: OutputOption = None,
    force: ForceOption = False,
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
        destination,
        force,
        title="ecomteam roles",
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
    destination: OutputOption = None,
    force: ForceOption = False,
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
        destination,
        force,
        title=f"ecomteam: {found.name}",
        table=lambda: render.role_view(found, catalogue),
        record=lambda: render.role_record(found),
        markdown=lambda: render.role_markdown(found, catalogue),
    )


# -------------------------------------------------------------- recommend

StageOption = Annotated[
    Stage | None,
    typer.Option(
        case_sensitive=False, help="Stage of the business; inferred from volumes when left out.", show_default=False
    ),
]
BudgetOption = Annotated[
    float | None, typer.Option(help="Monthly amount available for the team now.", show_default=False)
]
CurrencyOption = Annotated[
    str | None, typer.Option(help="Currency of the budget; must match the catalogue's (EUR).", show_default=False)
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        help="Cost level: mid-eu (default), west-eu, east-eu, north-america, latin-america, china, southeast-asia.",
        show_default=False,
    ),
]
GoalOption = Annotated[
    list[str] | None,
    typer.Option(
        "--goal",
        "-g",
        help="What to improve; repeat or separate with commas: traffic, conversion, "
        "retention, customer-experience, international, marketplaces, social-commerce, catalogue, "
        "fulfilment, automation, brand.",
        show_default=False,
    ),
]
ChannelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--channel",
        "-c",
        help="Where you sell; repeat or separate with commas: own-site, marketplace, social, livestream, b2b.",
        show_default=False,
    ),
]
StoresOption = Annotated[int | None, typer.Option(help="Number of stores (default 1).", show_default=False)]
OrdersOption = Annotated[float | None, typer.Option(help="Orders per day.", show_default=False)]
SkusOption = Annotated[int | None, typer.Option(help="Number of products (SKUs).", show_default=False)]
RevenueOption = Annotated[float | None, typer.Option(help="Revenue per month.", show_default=False)]
PlatformOption = Annotated[
    str | None, typer.Option(help="Store platform, e.g. shopify, webflow, tmall.", show_default=False)
]
LiveRoomsOption = Annotated[
    int | None,
    typer.Option(help="Live-stream rooms run at once (default 1 with --channel livestream).", show_default=False),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile", "-p", help="Profile YAML with any of the fields above; flags override it.", show_default=False
    ),
]


def _profile_flags(
    stage: Stage | None,
    budget: float | None,
    currency: str | None,
    region: str | None,
    goal: list[str] | None,
    channel: list[str] | None,
    stores: int | None,
    orders_per_day: float | None,
    skus: int | None,
    monthly_revenue: float | None,
    platform: str | None,
    live_rooms: int | None,
) -> dict[str, Any]:
    """The profile fields given as options, normalised; None where an option was left out."""
    return {
        "stage": stage,
        "budget": budget,
        "currency": currency.upper() if currency else None,
        "region": region.lower() if region else None,
        "goals": _split_list(goal),
        "channels": _split_list(channel),
        "stores": stores,
        "orders_per_day": orders_per_day,
        "skus": skus,
        "monthly_revenue": monthly_revenue,
        "platform": platform,
        "live_rooms": live_rooms,
    }


def _plan(
    profile: Path | None, flags: dict[str, Any], catalogue_path: Path | None, rules_path: Path | None
) -> "tuple[Plan, Catalogue, RuleBook]":
    """Read the profile, the catalogue and the rule book, and build the plan."""
    from ecomteam.engine import build_plan

    business = _load_profile(profile, flags)
    catalogue = _load_catalogue(catalogue_path)
    book = _load_rulebook(rules_path, catalogue)
    return build_plan(business, catalogue, book), catalogue, book


def _load_team(path: Path, catalogue: "Catalogue") -> "tuple[Team, tuple[tuple[str, ...], ...]]":
    from ecomteam.assess import parse_team
    from ecomteam.files import read_text

    return parse_team(read_text(path, "team"), str(path), catalogue)


def _with_team_delta(plan: "Plan", path: Path, catalogue: "Catalogue", book: "RuleBook") -> "Plan":
    """The plan with each line's reasons led by who covers it today (or that it is a new hire)."""
    from ecomteam.assess import assess

    team, roles_of = _load_team(path, catalogue)
    coverage = {item.role: item for item in assess(plan, team, roles_of, catalogue, book).coverage}
    lines = []
    for line in plan.team:
        item = coverage[line.role]
        if line.engagement.value == "owner":
            now = f"Stays with the owner ({', '.join(item.people)})." if item.people else "The owner covers it."
        elif item.status == "covered":
            now = f"Stays: covered {item.reason}."
        elif item.status == "partly":
            now = f"Added in phase {line.phase}: today {item.reason}."
        else:
            now = f"Added in phase {line.phase}: nobody covers it today."
        lines.append(line.model_copy(update={"reasons": (now, *line.reasons)}))
    return plan.model_copy(update={"team": tuple(lines)})


@app.command()
@_handle_errors
def recommend(
    stage: StageOption = None,
    budget: BudgetOption = None,
    currency: CurrencyOption = None,
    region: RegionOption = None,
    goal: GoalOption = None,
    channel: ChannelOption = None,
    stores: StoresOption = None,
    orders_per_day: OrdersOption = None,
    skus: SkusOption = None,
    monthly_revenue: RevenueOption = None,
    platform: PlatformOption = None,
    live_rooms: LiveRoomsOption = None,
    profile: ProfileOption = None,
    team: Annotated[
        Path | None,
        typer.Option(
            "--team",
            help="Your current team (team.yaml): show the plan as who stays and who is added.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            help="First day of the rollout, YYYY-MM-DD, for the markdown gantt chart (default: the 1st of next month).",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[bool, typer.Option(help="Also show every rule, whether it fired and why.")] = False,
    org_chart: Annotated[bool, typer.Option(help="Also show the team as an org chart.")] = False,
    output: FormatOption = OutputFormat.TABLE,
    destination: OutputOption = None,
    force: ForceOption = False,
    rules_path: RulesOption = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Recommend a team: roles, FTE, in-house or outsourced, rollout phases and cost.

    Example: ecomteam recommend --stage startup --goal traffic,conversion --budget 2000
    """
    from ecomteam import render, report

    rollout_start = _start_date(start)
    flags = _profile_flags(
        stage, budget, currency, region, goal, channel, stores, orders_per_day, skus, monthly_revenue, platform,
        live_rooms,
    )  # fmt: skip
    plan, catalogue, book = _plan(profile, flags, catalogue_path, rules_path)
    if team is not None:
        plan = _with_team_delta(plan, team, catalogue, book)
    _emit(
        output,
        destination,
        force,
        title="ecomteam plan",
        table=lambda: render.plan_view(plan, catalogue, explain=explain, org_chart=org_chart),
        record=lambda: render.plan_record(plan, explain=explain),
        markdown=lambda: report.plan_document(plan, catalogue, book, rollout_start),
    )


# ------------------------------------------------------------- assess


@app.command()
@_handle_errors
def assess(
    team: Annotated[Path, typer.Option("--team", "-t", help="Your current team (team.yaml).", show_default=False)],
    stage: StageOption = None,
    budget: BudgetOption = None,
    currency: CurrencyOption = None,
    region: RegionOption = None,
    goal: GoalOption = None,
    channel: ChannelOption = None,
    stores: StoresOption = None,
    orders_per_day: OrdersOption = None,
    skus: SkusOption = None,
    monthly_revenue: RevenueOption = None,
    platform: PlatformOption = None,
    live_rooms: LiveRoomsOption = None,
    profile: ProfileOption = None,
    output: FormatOption = OutputFormat.TABLE,
    destination: OutputOption = None,
    force: ForceOption = False,
    rules_path: RulesOption = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Compare the team you have with the team you need: coverage, overload, next hires.

    Example: ecomteam assess --team team.yaml --stage startup --goal traffic,conversion --budget 2000
    """
    from ecomteam import render
    from ecomteam.assess import assess as compare

    flags = _profile_flags(
        stage, budget, currency, region, goal, channel, stores, orders_per_day, skus, monthly_revenue, platform,
        live_rooms,
    )  # fmt: skip
    plan, catalogue, book = _plan(profile, flags, catalogue_path, rules_path)
    people, roles_of = _load_team(team, catalogue)
    result = compare(plan, people, roles_of, catalogue, book)
    _emit(
        output,
        destination,
        force,
        title="ecomteam assessment",
        table=lambda: render.assessment_view(result),
        record=lambda: result.model_dump(mode="json"),
        markdown=lambda: render.assessment_markdown(result),
    )


@team_app.command("init")
@_handle_errors
def team_init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the team file; - prints it.")] = Path(
        "team.yaml"
    ),
    force: ForceOption = False,
) -> None:
    """Write a commented starter team.yaml (and its schema, for editor completion).

    Example: ecomteam team init team.yaml
    """
    from ecomteam import render
    from ecomteam.assess import starter_team
    from ecomteam.documents import json_schema

    _write_text(starter_team(), path, force)
    if str(path) != "-":
        schema_path = path.with_name("team.schema.json")
        if force or not schema_path.exists():
            _write_text(render.to_json(json_schema("team")), schema_path, True)


# -------------------------------------------------------- documents


def _write_text(text: str, destination: Path | None, force: bool) -> None:
    """Print text, or write it atomically to `destination` (- is stdout)."""
    if destination is None or str(destination) == "-":
        typer.echo(text, nl=False)
        return
    from ecomteam.files import write_output

    write_output(destination, text, force=force)
    typer.echo(f"ecomteam: wrote {destination}", err=True)


@app.command()
@_handle_errors
def jd(
    role: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="Role id, name or alias in any language, e.g. customer-service or 客服."),
    ],
    stage: Annotated[
        Stage | None,
        typer.Option(
            case_sensitive=False,
            help="Stage of the business; sets the seniority (default: the role's).",
            show_default=False,
        ),
    ] = None,
    destination: OutputOption = None,
    force: ForceOption = False,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Draft a job description in markdown for one role.

    Example: ecomteam jd customer-service --stage growth --output customer-service.md
    """
    from ecomteam.catalogue import find_role
    from ecomteam.documents import job_description

    catalogue = _load_catalogue(catalogue_path)
    _write_text(job_description(find_role(catalogue, role), catalogue, stage), destination, force)


class SchemaName(StrEnum):
    """Files `ecomteam schema` describes."""

    PROFILE = "profile"
    PLAN = "plan"
    CATALOGUE = "catalogue"
    RULES = "rules"
    TEAM = "team"
    ASSESSMENT = "assessment"


@app.command()
@_handle_errors
def schema(
    name: Annotated[
        SchemaName, typer.Argument(metavar="NAME", help="profile, plan, catalogue or rules.", case_sensitive=False)
    ],
    destination: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Print the JSON Schema (draft-07) of a file, for editors that validate YAML.

    Example: ecomteam schema profile --output profile.schema.json
    """
    from ecomteam import render
    from ecomteam.documents import json_schema

    _write_text(render.to_json(json_schema(name.value)), destination, force)


@profile_app.command("init")
@_handle_errors
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

    Example: ecomteam profile init shop.yaml --interactive
    """
    from ecomteam import render
    from ecomteam.documents import json_schema, starter_profile

    values = _ask_profile() if interactive else None
    _write_text(starter_profile(values), path, force)
    if str(path) != "-":
        schema_path = path.with_name("profile.schema.json")
        if force or not schema_path.exists():
            _write_text(render.to_json(json_schema("profile")), schema_path, True)


#: The questions of `profile init --interactive`: field, prompt, default.
_QUESTIONS = (
    ("stage", "Stage (solo, startup, growth, mature, enterprise)", "startup"),
    ("budget", "Monthly budget for the team, EUR (empty: none)", ""),
    ("goals", "Goals, comma-separated (traffic, conversion, retention, customer-experience, ...)", ""),
    ("channels", "Channels, comma-separated (own-site, marketplace, social, livestream, b2b)", "own-site"),
    ("stores", "Number of stores", "1"),
    ("orders_per_day", "Orders per day (empty: unknown)", ""),
    ("platform", "Store platform, e.g. shopify, webflow (empty: none)", ""),
)


def _ask_profile() -> dict[str, Any]:
    """Ask the profile questions at the terminal, re-asking until each answer is valid."""
    from pydantic import ValidationError

    from ecomteam.rulebook import Profile

    if not sys.stdin.isatty():
        raise UsageError("--interactive needs a terminal; run `ecomteam profile init` and edit the file instead")
    answers: dict[str, Any] = {}
    for field, question, default in _QUESTIONS:
        while True:
            text = typer.prompt(question, default=default, show_default=bool(default)).strip()
            if not text:
                break
            value: Any = _split_list([text]) if field in ("goals", "channels") else text
            try:
                Profile.model_validate({field: value})
            except ValidationError as exc:
                typer.echo(f"  {exc.errors(include_url=False)[0]['msg']}", err=True)
                continue
            answers[field] = value
            break
    return answers


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
    rules_path: RulesOption = None,
) -> None:
    """Check a role catalogue, and the rule book against it, reporting every problem with its line.

    Exits 0 when the catalogue is valid and 65 when it is not.

    Example: ecomteam catalogue validate my-roles.yaml
    """
    from ecomteam.files import bundled_catalogue_path, bundled_rules_path

    chosen = path or catalogue_path
    catalogue = _load_catalogue(chosen)
    aliases = sum(len(role.aliases) for role in catalogue.roles)
    typer.echo(
        f"{chosen or bundled_catalogue_path()}: valid catalogue with {len(catalogue.roles)} roles and {aliases} aliases"
    )
    book = _load_rulebook(rules_path, catalogue)
    typer.echo(f"{rules_path or bundled_rules_path()}: valid rule book with {len(book.rules)} rules")


def main() -> None:
    """Run the command line (the `ecomteam` console script)."""
    try:
        app()
    except KeyboardInterrupt:  # before or after a command runs; inside one, _handle_errors answers
        sys.stderr.write("ecomteam: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`ecomteam roles list | head`); exit quietly.
        sys.stderr.close()
        sys.exit(0)
