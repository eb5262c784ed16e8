"""`ecomteam recommend` as a user meets it."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Result
from ecomteam.errors import EXIT_DATA, EXIT_USAGE
from ecomteam.plan import SCHEMA_VERSION

Run = Callable[..., Result]


def test_recommend_prints_the_tables(run: Run) -> None:
    result = run("recommend", "--stage", "startup")
    assert result.exit_code == 0, result.stderr
    for title in ("Team", "Why", "In-house and outsourced", "Rollout", "Phase 1"):
        assert title in result.stdout
    assert result.stderr == ""


def test_the_summary_and_warnings_come_before_the_team(run: Run) -> None:
    shown = run("recommend", *COSTLY, "--budget", "3000").stdout
    plan = json.loads(run("recommend", *COSTLY, "--budget", "3000", "-f", "json").stdout)
    summary, team_and_after = shown.split("\nTeam ", 2)[1], shown.split("┏", 1)[1]
    assert f"{plan['totals']['fte']:g} FTE" in summary
    assert f"EUR {plan['totals']['phase_1_monthly_cost']:,.0f} a month against a budget of EUR 3,000" in summary
    assert plan["warnings"]
    assert shown.split("┏", 1)[0].count("Warning:") == len(plan["warnings"])
    assert "Warning:" not in team_and_after  # every warning is above the team table


#: Wide and deep profiles: each must still fit one 80x24 screen with --brief.
BRIEF_PROFILES = [
    ("--stage", "startup"),
    ("--stage", "mature", "--channel", "own-site,marketplace,livestream,b2b", "--orders-per-day", "3000"),
    ("--stage", "enterprise", "--stores", "10", "--channel", "marketplace,livestream", "--live-rooms", "4",
     "--goal", "traffic,conversion,international,catalogue", "--monthly-revenue", "100000"),
]  # fmt: skip


@pytest.mark.parametrize("profile", BRIEF_PROFILES)
def test_brief_fits_one_screen_and_names_every_department(run: Run, profile: tuple[str, ...]) -> None:
    brief = run("recommend", *profile, "--brief", env={"COLUMNS": "80", "LINES": "24"}).stdout
    full = json.loads(run("recommend", *profile, "-f", "json").stdout)
    assert len(brief.splitlines()) <= 24, brief
    assert f"{full['totals']['fte']:g} FTE" in brief
    assert "Why" not in brief
    departments = {line.split("│")[1].strip() for line in brief.splitlines() if line.startswith("│")}
    assert len(departments) >= 2
    assert len(run("recommend", *profile, env={"COLUMNS": "80"}).stdout.splitlines()) > len(brief.splitlines())


def test_json_is_the_documented_shape(run: Run) -> None:
    result = run("recommend", "--stage", "growth", "--budget", "20000", "-g", "traffic", "--format", "json")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert {"schema_version", "ecomteam_version", "profile", "team", "phases", "totals", "deferred"} <= set(plan)
    assert "explain" not in plan
    line = plan["team"][0]
    assert set(line) == {
        "role", "name", "fte", "sourcing", "engagement", "phase", "monthly_cost", "until_phase", "covers",
        "reasons", "rules",
    }  # fmt: skip
    assert line["sourcing"] in ("in-house", "outsource")
    assert line["engagement"] in ("owner", "full-time", "part-time", "freelance", "agency")
    assert isinstance(line["phase"], int)
    assert isinstance(line["fte"], int | float)
    assert set(plan["phases"][0]) == {"phase", "label", "start_month", "end_month", "roles", "monthly_cost"}
    assert {
        "fte", "in_house_fte", "outsource_fte", "monthly_cost", "in_house_monthly_cost",
        "outsource_monthly_cost", "budget", "within_budget",
    } <= set(plan["totals"])  # fmt: skip
    assert plan["profile"]["goals"] == ["traffic"]


def test_explain_adds_every_rule(run: Run) -> None:
    result = run("recommend", "--stage", "solo", "--explain", "--format", "json")
    traces = json.loads(result.stdout)["explain"]
    rules = yaml.safe_load((ROOT / "data" / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    assert [trace["rule"] for trace in traces] == [rule["id"] for rule in rules]
    table = run("recommend", "--stage", "solo", "--explain")
    assert "Rules" in table.stdout
    assert "stage eq solo (is solo)" in table.stdout


def test_org_chart(run: Run) -> None:
    result = run("recommend", "--stage", "startup", "--org-chart")
    assert "Org chart" in result.stdout
    assert "└── E-commerce Manager" in result.stdout


@pytest.mark.parametrize("output", ["yaml", "markdown"])
def test_other_formats(run: Run, output: str) -> None:
    result = run("recommend", "--stage", "growth", "-f", output)
    assert result.exit_code == 0
    if output == "yaml":
        assert yaml.safe_load(result.stdout)["schema_version"] == SCHEMA_VERSION
    else:
        assert result.stdout.startswith("# E-commerce team plan: growth business\n")


def test_goals_repeat_and_take_commas(run: Run) -> None:
    result = run("recommend", "--stage", "growth", "-g", "Traffic,conversion", "--goal", "brand", "-f", "json")
    assert json.loads(result.stdout)["profile"]["goals"] == ["brand", "conversion", "traffic"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--stage", "huge"], "invalid value for --stage: 'huge'; choose from solo, startup"),
        (["--stage", "grwoth"], "invalid value for --stage: 'grwoth' (did you mean 'growth'?)"),
        (["--orders-per-day", "9", "--fulfilment", "drop-ship"], "(did you mean 'dropship'?)"),
        (["--stage", "growth", "--goal", "trafic"], "invalid value for --goal: 'trafic' (did you mean 'traffic'?)"),
        (["--stage", "growth", "--channel", "tv"], "invalid value for --channel"),
        (["--stage", "growth", "--budget", "-5"], "invalid value for --budget: must be at least 0"),
        (["--stage", "growth", "--budget", "nan"], "invalid value for --budget"),
        (["--stage", "growth", "--budget", "inf"], "invalid value for --budget"),
        (["--stage", "growth", "--stores", "0"], "invalid value for --stores"),
        (["--stage", "growth", "--budget", "lots"], "invalid value for --budget: 'lots' is not an amount"),
        (["--stage", "growth", "--region", "mars"], "unknown region 'mars'; choose one of"),
        (["--stage", "growth", "--currency", "jpy"], "no exchange rate from EUR to JPY"),
        ([], "say the stage"),
    ],
)
def test_bad_values_are_usage_errors(run: Run, args: list[str], expected: str) -> None:
    result = run("recommend", *args)
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_flags_override_the_profile_file(run: Run, tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text("stage: startup\ngoals: [traffic]\nbudget: 1000\n", encoding="utf-8")
    result = run("recommend", "--profile", str(profile), "--budget", "3000", "-f", "json")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["profile"]["stage"] == "startup"
    assert plan["profile"]["budget"] == 3000


def test_a_bad_profile_file_names_its_line(run: Run, tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text("stage: startup\nbudgit: 1000\n", encoding="utf-8")
    result = run("recommend", "--profile", str(profile))
    assert result.exit_code == EXIT_DATA
    assert f"{profile}:2:1: budgit: unknown field 'budgit' (did you mean 'budget'?)" in result.stderr


def test_a_users_rules_change_the_recommendation(run: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    extra = """
  - id: always-a-photographer
    description: This shop wants its own photographer from the start.
    sources: [002_28deebc3603e6c0f.txt]
    when: {field: stage, op: eq, value: startup}
    then: {role: photographer, engagement: part-time, reason: Our products sell on photos.}
"""
    rules.write_text((ROOT / "data" / "rules.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    before = json.loads(run("recommend", "--stage", "startup", "-f", "json").stdout)
    after = json.loads(run("recommend", "--stage", "startup", "--rules", str(rules), "-f", "json").stdout)
    assert "photographer" not in {line["role"] for line in before["team"]}
    photographer = next(line for line in after["team"] if line["role"] == "photographer")
    assert (photographer["engagement"], photographer["phase"]) == ("part-time", 1)
    assert photographer["rules"] == ["always-a-photographer"]


def test_a_broken_rules_file_is_a_data_error(run: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("schema_version: 1\nrules: []\n", encoding="utf-8")
    result = run("recommend", "--stage", "startup", "--rules", str(rules))
    assert result.exit_code == EXIT_DATA
    assert "invalid rule book" in result.stderr


def test_validate_checks_the_rules_too(run: Run) -> None:
    result = run("catalogue", "validate")
    assert result.exit_code == 0
    assert "valid rule book with" in result.stdout


# A shop whose team would cost more of its revenue than e-commerce businesses spend, and whose
# orders x order value (10 x 20 x 30.4 = about 6,000) are far from the revenue given.
COSTLY = ("--stage", "growth", "--orders-per-day", "10", "--average-order-value", "20", "--monthly-revenue", "20000")


def test_json_warns_of_cost_against_revenue_and_inputs_that_disagree(run: Run) -> None:
    plan = json.loads(run("recommend", *COSTLY, "-f", "json").stdout)
    codes = [warning["code"] for warning in plan["warnings"]]
    assert codes == ["revenue-mismatch", "cost-above-benchmark"]
    for warning in plan["warnings"]:
        assert isinstance(warning["message"], str)
        assert warning["message"]
        assert "text" not in warning
    share = plan["totals"]["cost_to_revenue"]
    assert share == round(plan["totals"]["monthly_cost"] / 20000, 4) > 0.2
    assert next(w for w in plan["warnings"] if w["code"] == "cost-above-benchmark")["share"] == share


def test_a_plan_within_its_revenue_has_no_warnings(run: Run) -> None:
    plan = json.loads(run("recommend", "--stage", "startup", "--monthly-revenue", "500000", "-f", "json").stdout)
    assert plan["warnings"] == []
    assert plan["totals"]["cost_to_revenue"] < 0.2


@pytest.mark.parametrize("output", ["table", "markdown"])
def test_the_terminal_and_markdown_show_the_same_warnings(run: Run, output: str) -> None:
    messages = [w["message"] for w in json.loads(run("recommend", *COSTLY, "-f", "json").stdout)["warnings"]]
    shown = " ".join(run("recommend", *COSTLY, "-f", output).stdout.split())
    for message in messages:
        assert " ".join(message.split()) in shown


@pytest.mark.parametrize("name", ["profile.yaml", "ecomteam.yaml"])
def test_a_profile_in_the_current_folder_is_used_and_announced(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("stage: growth\nchannels: [marketplace]\n", encoding="utf-8")
    result = run("recommend", "-f", "json")
    assert result.exit_code == 0
    assert f"using the profile in {name}" in result.stderr
    assert json.loads(result.stdout)["profile"]["channels"] == ["marketplace"]
    given = run("recommend", "--stage", "solo", "-f", "json")  # a stage on the command line uses no file
    assert given.stderr == ""
    assert json.loads(given.stdout)["profile"]["channels"] == []


def test_without_a_stage_or_a_profile_the_error_says_how_to_give_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("recommend")
    assert result.exit_code == EXIT_USAGE
    assert "--profile" in result.stderr
    assert "profile init" in result.stderr
