"""The timeline: month by month from projected volumes, with peaks; its invariants over random shops."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecomteam.catalogue import RoleIndex
from ecomteam.codes import Code
from ecomteam.engine import build_plan
from ecomteam.output import facts
from ecomteam.plan import Plan
from ecomteam.profile import Profile
from ecomteam.rulebook import RuleBook
from test_engine_properties import profiles

START = date(2027, 1, 1)
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def planned(profile: Profile, roles: RoleIndex, book: RuleBook) -> Plan:
    return build_plan(profile, roles.catalogue, book, trace=False, start=START)


def active_at(plan: Plan, role: str, month: int) -> bool:
    months = facts.horizon(plan) + month
    return any(
        line.role == role and line.engagement.value != "owner"
        and facts.line_months(plan, line, months)[0] <= month < facts.line_months(plan, line, months)[1]
        for line in plan.team
    )  # fmt: skip


@FEW
@given(profile=profiles(), months=st.integers(min_value=1, max_value=18))
def test_without_growth_the_timeline_is_todays_plan_month_by_month(
    profile: Profile, months: int, roles: RoleIndex, book: RuleBook
) -> None:
    plan = planned(profile.model_copy(update={"months": months}), roles, book)
    today = planned(profile, roles, book)
    expected = facts.monthly_costs(today, max(months, facts.horizon(today)))[:months]
    assert [month.monthly_cost for month in plan.timeline] == pytest.approx(expected)
    assert plan.team == today.team


@FEW
@given(profile=profiles(), growth=st.floats(min_value=0.01, max_value=0.3), months=st.integers(2, 10))
def test_with_growth_fte_and_cost_never_fall(
    profile: Profile, growth: float, months: int, roles: RoleIndex, book: RuleBook
) -> None:
    plan = planned(profile.model_copy(update={"months": months, "growth": growth}), roles, book)
    for earlier, later in zip(plan.timeline, plan.timeline[1:], strict=False):
        assert later.fte >= earlier.fte - 1e-9
        assert later.monthly_cost >= earlier.monthly_cost - 0.5
        assert later.cumulative_cost > earlier.cumulative_cost or later.monthly_cost == 0


@FEW
@given(profile=profiles(), growth=st.floats(min_value=0.02, max_value=0.3), months=st.integers(2, 8))
def test_a_hire_lands_in_the_first_month_its_volume_needs_it(
    profile: Profile, growth: float, months: int, roles: RoleIndex, book: RuleBook
) -> None:
    plan = planned(profile.model_copy(update={"months": months, "growth": growth}), roles, book)
    factor = 1 + growth

    def needs(role: str, month: int) -> bool:
        grown = {name: value * factor**month for name in ("orders_per_day", "monthly_revenue")
                 if (value := getattr(profile, name)) is not None}  # fmt: skip
        return active_at(planned(profile.model_copy(update=grown), roles, book), role, month)

    for month in plan.timeline:
        for hire in month.hires:
            assert needs(hire.role, month.month - 1)
            assert not any(needs(hire.role, earlier) for earlier in range(month.month - 1))


def test_a_peak_adds_agency_staff_for_its_days_only(roles: RoleIndex, book: RuleBook) -> None:
    profile = Profile(stage="mature", orders_per_day=400, months=12, peaks=("black-friday",))
    plan = planned(profile, roles, book)
    (peak,) = plan.peaks
    assert (peak.start, peak.end) == (date(2027, 11, 24), date(2027, 12, 2))
    assert peak.temporary
    assert {line.engagement.value for line in peak.temporary} == {"agency"}
    assert {roles.by_id[line.role].category.value for line in peak.temporary} <= {"customer-service", "logistics"}
    busy = [month for month in plan.timeline if month.peaks]
    assert [month.date.month for month in busy] == [11, 12]
    assert sum(month.temporary_cost for month in busy) == pytest.approx(peak.cost, abs=1)
    quiet = [month for month in plan.timeline if not month.peaks]
    assert all(month.temporary_fte == 0 for month in quiet)
    without = planned(profile.model_copy(update={"peaks": ()}), roles, book)
    assert [month.monthly_cost for month in plan.timeline] == [month.monthly_cost for month in without.timeline]


def test_a_peak_rents_crews_not_their_leads(roles: RoleIndex, book: RuleBook) -> None:
    profile = Profile(stage="enterprise", orders_per_day=3_000, platform="tmall", months=12, peaks=("11-11",))
    plan = planned(profile, roles, book)
    # A lead's formula starts from the team it leads, a role, not from a volume.
    leads = {
        line.role
        for line in plan.team
        if any(reason.code is Code.FORMULA and reason.params["base"] in roles.by_id for reason in line.reasons)
    }
    (peak,) = plan.peaks
    temporary = {line.role for line in peak.temporary}
    assert leads
    assert {"customer-service", "warehouse-packer"} <= temporary
    assert not leads & temporary


def test_a_bigger_uplift_needs_no_fewer_temporary_staff(roles: RoleIndex, book: RuleBook) -> None:
    def temporary(uplift: float) -> float:
        peak = {"name": "sale", "start": "03-01", "end": "03-10", "uplift": uplift}
        plan = planned(Profile(stage="growth", orders_per_day=150, months=6, peaks=(peak,)), roles, book)
        return sum(line.fte for line in plan.peaks[0].temporary)

    sizes = [temporary(uplift) for uplift in (0.5, 1, 2, 4)]
    assert sizes == sorted(sizes)
    assert sizes[-1] > 0


def test_an_unknown_peak_is_named_with_a_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    result = run("recommend", "--stage", "growth", "--peak", "black-fryday")
    assert result.exit_code == 2
    assert "unknown peak 'black-fryday' (did you mean 'black-friday'?)" in result.stderr


@pytest.mark.parametrize("rate", ["8%", "0.08", "8"])
def test_growth_reads_a_percentage_either_way(run, rate: str) -> None:  # type: ignore[no-untyped-def]
    result = run("recommend", "--stage", "growth", "--orders-per-day", "80", "--months", "3", "--growth", rate,
                 "--start", "2027-01-01", "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    import json

    timeline = json.loads(result.stdout)["timeline"]
    assert [round(month["orders_per_day"], 2) for month in timeline] == [80, 86.4, 93.31]


def test_the_workbook_has_the_timeline_its_departments_and_the_peaks(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    target = tmp_path / "plan.xlsx"
    args = ("recommend", "--stage", "growth", "--orders-per-day", "150", "--months", "6", "--growth", "5%",
            "--peak", "christmas", "--start", "2027-07-01", "-o", str(target))  # fmt: skip
    assert run(*args).exit_code == 0
    book = openpyxl.load_workbook(target)
    assert {"timeline", "departments", "peaks"} <= set(book.sheetnames)
    months = list(book["timeline"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 6
    assert all(isinstance(row[5], int | float) for row in months)  # monthly cost
    departments = list(book["departments"].iter_rows(values_only=True))
    assert departments[0][0] == "Month"
    assert len(departments) == 7


@FEW
@given(profile=profiles(), growth=st.floats(min_value=0.0, max_value=0.3), months=st.integers(2, 14))
def test_a_phase_spans_the_months_its_hires_land_in(
    profile: Profile, growth: float, months: int, roles: RoleIndex, book: RuleBook
) -> None:
    plan = planned(profile.model_copy(update={"months": months, "growth": growth}), roles, book)
    starts = {phase.phase: phase.start_month for phase in plan.phases}
    for month in plan.timeline:
        for change in (*month.hires, *month.steps):
            assert month.month - 1 >= starts[change.phase]  # nothing lands before its phase begins
    if growth == 0:
        landed = facts.landing_months(plan)
        assert all(int(text.split()[-1].split("-")[0]) == starts[phase] + 1 for phase, text in landed.items())


def test_a_later_peak_is_staffed_for_the_grown_volume(roles: RoleIndex, book: RuleBook) -> None:
    def crew(growth: float) -> float:
        profile = Profile(stage="mature", orders_per_day=400, months=12, growth=growth, peaks=("black-friday",))
        return sum(line.fte for line in planned(profile, roles, book).peaks[0].temporary)

    assert crew(0.05) > crew(0.0)


def test_a_peak_month_counts_the_peaks_orders_in_its_revenue(roles: RoleIndex, book: RuleBook) -> None:
    """The temps a peak rents are set against the sales they serve, not an ordinary month's."""
    profile = Profile(stage="mature", orders_per_day=400, average_order_value=50, months=12, peaks=("11-11",))
    plan = planned(profile, roles, book)
    (peak,) = plan.peaks
    ordinary = plan.totals.monthly_revenue
    assert ordinary is not None
    (november,) = [month for month in plan.timeline if month.peaks]
    days = (peak.end - peak.start).days + 1
    extra = ordinary / book.drivers["days_per_month"].value * days * peak.uplift
    assert november.monthly_revenue == pytest.approx(ordinary + extra, rel=1e-6)
    cost = november.monthly_cost + november.temporary_cost
    assert november.cost_to_revenue == pytest.approx(cost / (ordinary + extra))
    assert all(month.monthly_revenue == ordinary for month in plan.timeline if not month.peaks)
