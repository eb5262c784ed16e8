"""Each fact is declared once; everything that repeats it is checked against the declaration here."""

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import Result
from ecomteam import output
from ecomteam.catalogue import RoleIndex
from ecomteam.cli.common import _OPTION_TYPES
from ecomteam.cli.documents import SchemaName
from ecomteam.codes import Code
from ecomteam.documents import SCHEMA_MODELS
from ecomteam.errors import UsageError
from ecomteam.fields import PROFILE_FIELDS
from ecomteam.output.results import AssessmentReport, JobDescription, PlanReport, RoleCard, RoleList
from ecomteam.output.starters import starter_profile
from ecomteam.output.words import _TEMPLATES, Words
from ecomteam.plan import Plan
from ecomteam.profile import Profile
from ecomteam.rulebook import ProfileField, RuleBook
from ecomteam.vocab import OutputFormat, Stage

Run = Callable[..., Result]


def test_the_profile_fields_have_words_and_options() -> None:
    fields = list(Profile.model_fields)
    assert list(PROFILE_FIELDS) == fields
    assert list(_OPTION_TYPES) == fields
    assert {field.value for field in ProfileField} <= set(fields)
    for name, info in Profile.model_fields.items():
        assert info.description == PROFILE_FIELDS[name].help


@pytest.mark.parametrize("command", ["recommend", "assess"])
def test_every_profile_field_is_an_option(run: Run, command: str) -> None:
    usage = run(command, "--help").stdout
    for name, doc in PROFILE_FIELDS.items():
        assert doc.option(name) in usage


def test_the_starter_profile_names_every_field() -> None:
    text = starter_profile()
    for name in PROFILE_FIELDS:
        assert f"{name}: " in text


def test_every_schema_has_a_name_on_the_command_line() -> None:
    assert [name.value for name in SchemaName] == list(SCHEMA_MODELS)


def test_every_code_has_words() -> None:
    worded = set(_TEMPLATES) | set(Words._composed)  # noqa: SLF001 - the table itself is what is checked
    assert worded == set(Code)


@pytest.fixture(scope="module")
def results(plan_for: Callable[..., Plan], roles: RoleIndex, book: RuleBook) -> list[object]:
    from ecomteam.assess import assess, parse_team

    plan = plan_for(stage="growth", channels=["marketplace"], orders_per_day=80, budget=9000)
    team, held = parse_team(
        "people: [{name: Ana, roles: [客服], fte: 1, sourcing: in-house, engagement: owner}]", "t.yaml", roles
    )
    role = roles.role("customer-service")
    assert role is not None
    return [
        RoleList(roles.catalogue.roles, roles, {"customer-service": Stage.SOLO}),
        RoleCard(role, roles, Stage.SOLO),
        JobDescription(role, roles, Stage.GROWTH),
        PlanReport(plan, roles, book, date(2027, 1, 1), explain=True, org_chart=True),
        AssessmentReport(assess(plan, team, held, roles, book), book),
    ]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_renders_every_result_or_says_why_not(fmt: OutputFormat, results: list[object]) -> None:
    rendered = 0
    for result in results:
        try:
            text = output.render(result, fmt)  # type: ignore[arg-type]
        except UsageError as exc:  # rendering or refusing are both answers; only a crash is wrong
            assert str(exc)  # noqa: PT017
            continue
        assert text.strip()
        rendered += 1
    assert rendered >= 3  # every format shows at least roles, plans and assessments


def test_the_region_help_names_every_region_of_the_bundled_rule_book(book: RuleBook) -> None:
    for region in book.regions:
        assert region in PROFILE_FIELDS["region"].help
        assert region in PROFILE_FIELDS["region"].prompt


def test_formula_quantities_are_profile_fields() -> None:
    from ecomteam.rulebook import Quantity

    assert {quantity.value for quantity in Quantity} - {"one"} <= set(Profile.model_fields)


def test_every_list_of_formats_in_the_readme_is_complete() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lists = [line for line in readme.splitlines() if "`json`" in line and "`yaml`" in line]
    lists += re.findall(r"--format (table\|[a-z|]+)", readme)
    assert lists
    for listing in lists:
        assert all(fmt.value in listing for fmt in OutputFormat), listing


def test_a_profile_file_and_the_flags_read_choices_alike(run: Run, tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text("stage: Growth\ncurrency: eur\nregion: West-EU\ngoals: [Traffic]\n", encoding="utf-8")
    from_file = run("recommend", "-p", str(profile), "-f", "json")
    from_flags = run("recommend", "--stage", "GROWTH", "--currency", "eur", "--region", "West-EU", "--goal", "Traffic",
                     "-f", "json")  # fmt: skip
    assert from_file.exit_code == from_flags.exit_code == 0, from_file.stderr + from_flags.stderr
    assert from_file.stdout == from_flags.stdout


def test_every_template_uses_only_its_codes_parameters() -> None:
    import string

    from ecomteam.codes import PARAMS

    for code, template in _TEMPLATES.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert fields <= set(PARAMS[code]), code
