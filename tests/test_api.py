"""The Python API: the same plans as the command line, no printing, no environment, errors that name the field."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Result
from ecomteam import api
from ecomteam.errors import DataError, EcomteamError, InputFileError, UsageError
from ecomteam.vocab import OutputFormat

Run = Callable[..., Result]
START = date(2027, 1, 1)


EXAMPLES = sorted(str(path.parent.relative_to(ROOT / "examples")) for path in (ROOT / "examples").rglob("profile.yaml"))


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("output", ["json", "markdown", "csv"])
def test_a_profile_gives_the_command_lines_plan_byte_for_byte(run: Run, example: str, output: str) -> None:
    path = ROOT / "examples" / example / "profile.yaml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = api.render(api.recommend(profile, start=START), output, start=START)
    assert text == run("recommend", "--profile", str(path), "-f", output, "--start", START.isoformat()).stdout


def test_the_api_prints_nothing_and_ignores_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOMTEAM_CATALOGUE", "/nowhere/roles.yaml")
    monkeypatch.setenv("ECOMTEAM_RULES", "/nowhere/rules.yaml")
    plan = api.recommend({"stage": "growth", "channels": ["marketplace"], "budget": 8000})
    for output in OutputFormat:
        assert api.render(plan, output.value, start=START)
    assert capsys.readouterr() == ("", "")


def test_a_profile_object_and_its_mapping_give_the_same_plan() -> None:
    values = {"orders_per_day": 120, "channels": ["own-site", "marketplace"], "budget": 15000}
    assert api.recommend(values) == api.recommend(api.Profile.model_validate(values))


@pytest.mark.parametrize(
    ("profile", "named"),
    [({"stage": "huge"}, "stage"), ({"stage": "solo", "budget": "lots"}, "budget"), ({"stages": "solo"}, "stages")],
)
def test_a_bad_profile_raises_an_error_naming_the_field(profile: dict[str, object], named: str) -> None:
    with pytest.raises(DataError, match=named):
        api.recommend(profile)


def test_assess_takes_a_team_mapping(run: Run, tmp_path: Path) -> None:
    team = {
        "people": [
            {"name": "Ana", "engagement": "full-time", "fte": 1, "roles": ["customer-service", "store-operator"]}
        ]
    }
    plan = api.recommend({"stage": "startup"})
    assessment = api.assess(plan, team)
    (tmp_path / "team.yaml").write_text(yaml.safe_dump(team), encoding="utf-8")
    shown = run("assess", "--team", str(tmp_path / "team.yaml"), "--stage", "startup", "-f", "json").stdout
    assert api.render(assessment, "json") == shown
    with pytest.raises(DataError, match="no-such-role"):
        api.assess(plan, {"people": [{"name": "Bo", "engagement": "full-time", "fte": 1, "roles": ["no-such-role"]}]})


def test_load_reads_a_users_rule_book(tmp_path: Path) -> None:
    rules = (ROOT / "data" / "rules.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "rules.yaml"
    custom.write_text(rules.replace("id: startup-hires-ecommerce-manager-third", "id: startup-third-hire"), "utf-8")
    knowledge = api.load(rules=custom)
    plan = api.recommend({"stage": "startup"}, knowledge)
    assert any("startup-third-hire" in line.rules for line in plan.team)
    with pytest.raises(InputFileError):
        api.load(catalogue=tmp_path / "missing.yaml")


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="choose from"):
        api.render(api.recommend({"stage": "solo"}), "xml")
    assert issubclass(UsageError, EcomteamError)


def test_the_readme_example_runs_and_shows_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Using ecomteam from Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(example, "README.md", "exec"), {})  # the README's own example
    printed = capsys.readouterr().out
    said = example.split("print(plan.totals.fte, plan.totals.monthly_cost)", 1)[1].split("# ", 1)[1].split(" with")[0]
    assert printed.startswith(said + "\n")
    assert "## Team" in printed


def test_render_gives_the_bytes_of_a_workbook_and_text_for_html() -> None:
    import io

    import openpyxl

    plan = api.recommend({"stage": "growth", "orders_per_day": 90})
    workbook = api.render(plan, "xlsx", start=START)
    assert isinstance(workbook, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["team"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [line.role for line in plan.team]
    page = api.render(plan, "html", start=START)
    assert isinstance(page, str)
    assert page.startswith("<!DOCTYPE html>")


def test_compare_puts_scenarios_side_by_side_and_renders_in_a_language() -> None:
    comparison = api.compare(
        {"small": {"stage": "growth", "budget": 2000}, "large": {"stage": "growth", "budget": 20000}}, start=START
    )
    assert [scenario.name for scenario in comparison.scenarios] == ["small", "large"]
    small, large = (scenario.plan for scenario in comparison.scenarios)
    assert small.totals.phase_1_monthly_cost < large.totals.phase_1_monthly_cost
    assert small.totals.fte == large.totals.fte  # the budget sets the pace, not the team
    english = api.render(comparison, "markdown", start=START)
    spanish = api.render(comparison, "markdown", start=START, lang="es")
    assert "Scenarios compared" in english
    assert "Scenarios compared" not in spanish
    assert english.count("|") == spanish.count("|")
