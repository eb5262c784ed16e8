"""`ecomteam compare`: scenarios side by side, sweeps, and differences that are exactly the plans' differences."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from ecomteam.catalogue import RoleIndex
from ecomteam.compare import compare, sweep_values
from ecomteam.errors import UsageError
from ecomteam.profile import Profile
from ecomteam.rulebook import RuleBook
from test_engine_properties import profiles

Run = Callable[..., Result]
START = date(2027, 1, 1)
FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def full_team(plan) -> dict[str, tuple[float, str, float]]:  # type: ignore[no-untyped-def]
    team: dict[str, list] = {}
    for line in plan.team:
        if line.until_phase is None:
            held = team.setdefault(line.role, [0.0, line.engagement.value, 0.0])
            held[0] += line.fte
            held[2] += line.monthly_cost
    return {role: (round(fte, 4), engagement, cost) for role, (fte, engagement, cost) in team.items()}


@FEW
@given(profile=profiles())
def test_a_scenario_compared_with_itself_differs_in_nothing(profile: Profile, roles: RoleIndex, book: RuleBook) -> None:
    result = compare([("a", {}, profile), ("b", {}, profile)], roles.catalogue, book, START)
    assert result.differences == ()
    assert result.totals == ()
    assert result.scenarios[0].plan == result.scenarios[1].plan


@FEW
@given(first=profiles(), second=profiles())
def test_the_differences_are_exactly_the_plans_differences(
    first: Profile, second: Profile, roles: RoleIndex, book: RuleBook
) -> None:
    result = compare([("a", {}, first), ("b", {}, second)], roles.catalogue, book, START)
    a, b = (full_team(scenario.plan) for scenario in result.scenarios)
    expected = {role for role in set(a) | set(b) if a.get(role) != b.get(role)}
    assert {difference.role for difference in result.differences} == expected
    for difference in result.differences:
        assert difference.fte == tuple(team.get(difference.role, (0.0,))[0] for team in (a, b))
    listed = {total.total for total in result.totals}
    plans = [scenario.plan for scenario in result.scenarios]
    for name in ("fte", "monthly_cost", "phase_1_monthly_cost"):
        assert (name in listed) == (getattr(plans[0].totals, name) != getattr(plans[1].totals, name))


@FEW
@given(profile=profiles(), budgets=st.lists(st.floats(min_value=0, max_value=200_000), min_size=2, max_size=4))
def test_budgets_change_the_pace_never_the_full_team(
    profile: Profile, budgets: list[float], roles: RoleIndex, book: RuleBook
) -> None:
    scenarios = [(str(budget), {"budget": budget}, profile.model_copy(update={"budget": budget})) for budget in budgets]
    result = compare(scenarios, roles.catalogue, book, START)
    assert result.differences == ()


@pytest.mark.parametrize(
    ("text", "field", "values"),
    [("orders_per_day=50..200/50", "orders_per_day", [50, 100, 150, 200]),
     ("budget=1000..2000/400", "budget", [1000, 1400, 1800]), ("orders-per-day = 10 .. 30 / 10", "orders_per_day",
     [10, 20, 30])],
)  # fmt: skip
def test_a_sweep_steps_from_a_to_b(text: str, field: str, values: list[float]) -> None:
    assert sweep_values(text) == (field, values)


@pytest.mark.parametrize("text", ["orders_per_day=50-200", "orders_per_day=200..50/10", "budget=0..1/0",
                                  "orders_per_day=1..100000/1"])  # fmt: skip
def test_a_bad_sweep_is_refused(text: str) -> None:
    with pytest.raises(UsageError):
        sweep_values(text)


def test_scenarios_over_a_profile_with_lists_joined_by_plus(run: Run, tmp_path: Path) -> None:
    shop = tmp_path / "shop.yaml"
    shop.write_text("stage: growth\norders_per_day: 120\nbudget: 8000\n", encoding="utf-8")
    result = run("compare", "--profile", str(shop), "-s", "budget=2000", "-s",
                 "orders_per_day=300,channels=own-site+marketplace", "-f", "json", "--start", "2027-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [scenario["name"] for scenario in data["scenarios"]] == [
        "budget=2000",
        "orders_per_day=300,channels=own-site+marketplace",
    ]
    second = data["scenarios"][1]["plan"]["profile"]
    assert (second["orders_per_day"], second["channels"], second["budget"]) == (300, ["marketplace", "own-site"], 8000)
    assert data["differences"]
    assert {"role", "name", "fte", "engagement", "monthly_cost"} <= set(data["differences"][0])


def test_profile_files_are_scenarios_named_after_them(run: Run, tmp_path: Path) -> None:
    for name, orders in (("small", 20), ("big", 400)):
        (tmp_path / f"{name}.yaml").write_text(f"stage: growth\norders_per_day: {orders}\n", encoding="utf-8")
    result = run("compare", str(tmp_path / "small.yaml"), str(tmp_path / "big.yaml"), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "| Role | small | big |" in result.stdout
    assert "Warehouse Packer * |" in result.stdout  # a role that differs is marked


def test_a_sweep_says_where_each_hire_kicks_in(run: Run) -> None:
    result = run("compare", "--stage", "growth", "--sweep", "orders_per_day=50..400/50", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "xychart-beta" in result.stdout
    assert "+ Warehouse Packer" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--stage", "growth", "-s", "budget=1"], "two or more scenarios"),
     (["--stage", "growth", "-s", "budgte=1", "-s", "budget=2"], "'budgte' is not a profile field (did you mean"),
     (["--stage", "growth", "-s", "budget"], "write FIELD=VALUE"),
     (["--stage", "growth", "--sweep", "orders_per_day=1..10/1", "-s", "budget=2"], "without profile files"),
     (["--stage", "growth", "-s", "budget=-5", "-s", "budget=2"], "invalid value for --budget")],
)  # fmt: skip
def test_a_bad_comparison_says_why(run: Run, args: list[str], message: str) -> None:
    result = run("compare", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("output", ["table", "yaml", "html", "csv", "svg"])
def test_every_format_writes_a_comparison(run: Run, output: str) -> None:
    result = run("compare", "--stage", "startup", "-s", "budget=1000", "-s", "budget=6000", "-f", output)
    assert result.exit_code == 0, result.stderr
    assert "6000" in result.stdout or "6,000" in result.stdout


def test_a_comparison_workbook_has_one_column_per_scenario(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "compare.xlsx"
    assert (
        run("compare", "--stage", "growth", "--sweep", "orders_per_day=100..300/100", "-o", str(target)).exit_code == 0
    )
    sheet = openpyxl.load_workbook(target)["comparison"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["role", "name", "100", "200", "300"]
    assert all(isinstance(cell.value, int | float) for cell in sheet[2][2:])
