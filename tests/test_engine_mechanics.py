"""Engine mechanics on small rule books written here: precedence, covers, disabled rules, budget order."""

import textwrap

import pytest

from ecomteam.catalogue import parse_catalogue
from ecomteam.codes import Code
from ecomteam.engine import build_plan
from ecomteam.errors import DataError
from ecomteam.models import Catalogue
from ecomteam.plan import Deferral, Plan, Reason
from ecomteam.profile import Profile
from ecomteam.rulebook import RuleBook, first_stages, parse_rulebook
from helpers import catalogue_yaml, role_yaml

CATALOGUE = parse_catalogue(catalogue_yaml(role_yaml("lead"), role_yaml("helper"), role_yaml("extra")), "cat.yaml")

BOOK_HEAD = """\
schema_version: 2
drivers:
  full_time_hours_per_week: {value: 40, unit: hours, assumption: a}
  max_roles_per_person: {value: 3, unit: roles, assumption: a}
  unplanned_role_load: {value: 0.25, unit: FTE, assumption: a}
  days_per_month: {value: 30, unit: days, assumption: a}
  staff_cost_to_revenue: {value: 0.2, range: [0.1, 0.2], unit: share, assumption: a}
  revenue_mismatch: {value: 0.5, unit: share, assumption: a}
engagements:
  owner: {default_fte: 0, cost_factor: 0, assumption: a}
  full-time: {default_fte: 1, cost_factor: 1, assumption: a}
  part-time: {default_fte: 0.5, cost_factor: 1, assumption: a}
  freelance: {default_fte: 0.25, cost_factor: 1, assumption: a}
  agency: {default_fte: 0.25, cost_factor: 1, assumption: a}
default_region: here
regions: {here: {multiplier: 1, label: Here, assumption: a}}
hiring_order: [%s]
phases:
  - {phase: 1, start_month: 0, end_month: 3, label: now}
  - {phase: 2, start_month: 3, end_month: null, label: later}
stage_thresholds:
  orders_per_day: {startup: 5, growth: 50, mature: 300, enterprise: 2000}
  monthly_revenue: {startup: 5000, growth: 50000, mature: 300000, enterprise: 3000000}
  assumption: a
rules:
"""


def book(rules: str, order: str = "lead, helper, extra") -> RuleBook:
    return parse_rulebook(BOOK_HEAD % order + textwrap.indent(textwrap.dedent(rules), "  "), "rules.yaml", CATALOGUE)


def rule(rule_id: str, role: str, when: str = "null", extra: str = "", then: str = "") -> str:
    return (
        f"- id: {rule_id}\n  description: d\n  sources: [s]\n  when: {when}\n{extra}"
        f"  then: {{role: {role}, reason: because {rule_id}{then}}}\n"
    )


def plan(rules: RuleBook, catalogue: Catalogue = CATALOGUE, **profile: object) -> Plan:
    return build_plan(Profile.model_validate({"stage": "growth", **profile}), catalogue, rules)


def line_rules(result: Plan, role: str) -> tuple[str, ...]:
    (line,) = [line for line in result.team if line.role == role]
    return line.rules


def test_the_overriding_rule_staffs_the_role_whatever_the_file_order() -> None:
    wins = rule("wins", "lead", extra="  overrides: [loses]\n", then=", engagement: part-time")
    loses = rule("loses", "lead", then=", engagement: full-time")
    for text in (wins + loses, loses + wins):
        result = plan(book(text))
        assert line_rules(result, "lead") == ("wins", "loses")
        assert result.team[0].engagement == "part-time"
        assert result.team[0].reasons[:2] == (Reason.of(Code.RULE, rule="wins"), Reason.of(Code.RULE, rule="loses"))


def test_two_rules_that_can_fire_together_must_say_which_wins() -> None:
    with pytest.raises(DataError) as caught:
        book(rule("one", "lead") + rule("two", "lead", when="{field: stage, op: gte, value: growth}"))
    assert "both bring in 'lead' at growth, mature, enterprise" in str(caught.value)
    assert "add `overrides: [one]`" in str(caught.value)


def test_rules_for_different_stages_need_no_order() -> None:
    small = rule("small", "lead", when="{field: stage, op: lte, value: startup}")
    large = rule("large", "lead", when="{field: stage, op: gte, value: growth}")
    assert line_rules(plan(book(small + large)), "lead") == ("large",)


def test_an_override_must_name_a_rule_for_the_same_role() -> None:
    with pytest.raises(DataError) as caught:
        book(rule("a", "lead", extra="  overrides: [b, nope]\n") + rule("b", "helper"))
    message = str(caught.value)
    assert "rule 'b' is for another role" in message
    assert "no rule 'nope'" in message


def test_a_covered_role_folds_into_the_coverer() -> None:
    result = plan(book(rule("lead", "lead", then=", covers: [helper]") + rule("helper", "helper")))
    assert [line.role for line in result.team] == ["lead"]
    assert result.team[0].covers == ("helper",)
    assert result.team[0].rules == ("lead", "helper")
    assert Reason.of(Code.ALSO_COVERS, roles=["helper"]) in result.team[0].reasons


def test_a_standalone_role_keeps_its_own_line_even_when_covered() -> None:
    text = rule("lead", "lead", then=", covers: [helper]") + rule("helper", "helper", then=", standalone: true")
    result = plan(book(text))
    assert sorted(line.role for line in result.team) == ["helper", "lead"]
    assert next(line for line in result.team if line.role == "lead").covers == ()


def test_a_disabled_rule_never_fires_and_says_so() -> None:
    result = plan(book(rule("lead", "lead") + rule("off", "extra", extra="  enabled: false\n")))
    assert [line.role for line in result.team] == ["lead"]
    trace = next(trace for trace in result.explain if trace.rule == "off")
    assert (trace.fired, trace.check) == (False, None)


@pytest.mark.parametrize(("order", "first"), [("lead, helper", "lead"), ("helper, lead", "helper")])
def test_the_hiring_order_decides_who_claims_the_budget_first(order: str, first: str) -> None:
    text = rule("lead", "lead", then=", engagement: full-time, fallback: []") + rule(
        "helper", "helper", then=", engagement: full-time, fallback: []"
    )
    cost = plan(book(text)).team[0].monthly_cost
    result = plan(book(text, order=order), budget=cost)
    assert [line.role for line in result.team if line.phase == 1] == [first]
    assert [item.role for item in result.deferred] == [({"lead", "helper"} - {first}).pop()]


def test_first_stages_come_from_the_rules_and_their_covers() -> None:
    text = rule("lead", "lead", when="{field: stage, op: eq, value: startup}", then=", covers: [extra]")
    text += rule(
        "helper", "helper", when="{all: [{field: stage, op: gte, value: mature}, {field: skus, op: gte, value: 5}]}"
    )
    assert first_stages(book(text)) == {"extra": "startup", "helper": "mature", "lead": "startup"}


def test_joining_rules_add_their_headcount_or_set_a_floor() -> None:
    stores = "{base: stores, step: 1}"
    rooms = "{base: live_rooms, step: 1}"
    text = (
        rule("per-store", "helper", then=f", fte: {stores}")
        + rule("per-room", "helper", then=f", fte: {rooms}, joins: add")
        + rule("floor", "helper", then=", fte: 4, joins: at-least")
    )
    result = plan(book(text), stores=2, live_rooms=3, channels=["livestream"])
    (line,) = [line for line in result.team if line.role == "helper"]
    assert line.fte == 5  # 2 stores + 3 rooms, above the floor of 4
    assert line.rules[0] == "per-store"
    assert Reason.of(Code.JOINED, rule="per-room", joins="add", fte=5) in line.reasons
    small = plan(book(text), stores=1, live_rooms=1, channels=["livestream"])
    assert [line.fte for line in small.team if line.role == "helper"] == [4]


def test_rules_that_join_need_not_say_which_wins() -> None:
    text = rule("one", "helper", then=", fte: 1") + rule("two", "helper", then=", fte: 2, joins: add")
    assert [line.fte for line in plan(book(text)).team] == [3]


def test_a_formula_without_its_volume_takes_its_unknown_size_and_a_small_volume_may_need_none() -> None:
    sized = ", engagement: part-time, fte: {base: orders_per_day, step: 0.25, rounding: nearest, unknown: 0.5}"
    text = rule("helps", "helper", then=sized + ", interim: owner")
    unsaid = plan(book(text))
    (line,) = unsaid.team
    assert line.fte == 0.5
    assert Reason.of(Code.VOLUME_MISSING, base="orders_per_day", fte=0.5) in line.reasons
    assert [line.fte for line in plan(book(text), orders_per_day=2).team] == [2]
    idle = plan(book(text), orders_per_day=0.1)
    (owner,) = idle.team
    assert (owner.role, owner.engagement, owner.fte, owner.monthly_cost) == ("helper", "owner", 0, 0)
    # A quarter post, rounded to the nearest, from an eighth of a post: some 1 order a day here.
    assert owner.reasons[0] == Reason.of(Code.OWNER_UNTIL, base="orders_per_day", until=1.0, currency=None)
    assert Reason.of(Code.OWNER_KEEPS, roles=["helper"], base="orders_per_day") in idle.notes


def test_work_that_comes_to_no_one_is_the_owners_only_where_the_rule_says_so() -> None:
    text = rule("helps", "helper", then=", fte: {base: orders_per_day, step: 1, rounding: down}")
    idle = plan(book(text), orders_per_day=0.5)
    assert idle.team == ()
    assert all(note.code is not Code.OWNER_KEEPS for note in idle.notes)


def test_a_lead_follows_the_team_it_leads_and_comes_once_the_team_is_half_a_span() -> None:
    drivers = "  span: {value: 10, unit: people per lead, assumption: a}\n"
    text = rule("agents", "helper", then=", fte: {base: orders_per_day, step: 1}") + rule(
        "leads", "lead", then=", engagement: full-time, fte: {team: helper, per: [span], step: 1, rounding: nearest}"
    )
    rules = parse_rulebook(
        (BOOK_HEAD % "lead, helper, extra").replace("drivers:\n", "drivers:\n" + drivers) + textwrap.indent(text, "  "),
        "rules.yaml",
        CATALOGUE,
    )
    for orders, leads in ((4, []), (5, [1]), (14, [1]), (25, [3])):
        assert [line.fte for line in plan(rules, orders_per_day=orders).team if line.role == "lead"] == leads


def test_a_lead_cannot_lead_leads() -> None:
    text = rule("a", "helper", then=", fte: {team: lead}") + rule("b", "lead", then=", fte: {team: helper}")
    with pytest.raises(DataError) as caught:
        book(text)
    assert "sized from a team" in str(caught.value)


def test_a_formula_has_a_base_or_a_team_not_both() -> None:
    with pytest.raises(DataError) as caught:
        book(rule("a", "helper", then=", fte: {base: stores, team: lead}"))
    assert "either `base`" in str(caught.value)
    assert "1 problem:" in str(caught.value)  # not also the list it left empty


def test_a_formulas_unknown_size_lies_within_its_bounds() -> None:
    with pytest.raises(DataError) as caught:
        book(rule("a", "helper", then=", fte: {base: stores, max: 1, unknown: 2}"))
    assert "`unknown` (2) must lie between `min` and `max`" in str(caught.value)
    assert "rules.yaml:" in str(caught.value)


def test_a_short_budget_starts_volume_crews_with_part_of_their_posts_before_other_roles() -> None:
    # "lead" comes first in the hiring order, yet the crew sized by orders claims the money first.
    text = rule("lead", "lead", then=", engagement: full-time, fallback: [owner]") + rule(
        "crew", "helper", then=", engagement: full-time, fte: {base: orders_per_day, step: 1}"
    )
    rules = book(text)
    full = plan(rules, orders_per_day=8)
    post = next(line.monthly_cost for line in full.team if line.role == "helper") / 8
    for budget, posts in ((3 * post, 3), (5.5 * post, 5), (8 * post, 8)):
        result = plan(rules, orders_per_day=8, budget=budget)
        first = {line.role: line for line in result.team if line.phase == 1}
        assert first["helper"].fte == posts
        assert first["helper"].engagement == "full-time"
        assert result.totals.phase_1_monthly_cost <= budget
        # the team in the end is the budget-free one
        assert sorted((line.role, line.fte) for line in result.team if line.until_phase is None) == sorted(
            (line.role, line.fte) for line in full.team
        )
        if posts < 8:
            assert first["helper"].reasons[0] == Reason.of(Code.BUDGET_PART, fte=posts, wanted=8)
            assert first["lead"].engagement == "owner"
            assert [warning.code for warning in result.warnings] == [Code.SHORT_OF_VOLUME]


def test_a_lead_starts_with_the_part_of_its_crew_the_budget_starts() -> None:
    # "lead" supervises the helpers, one per four; "extra" comes first in the hiring order.
    text = (
        rule("crew", "helper", then=", engagement: full-time, fte: {base: orders_per_day, step: 1}")
        + rule("leads", "lead", then=", fte: {team: helper, per: [span], step: 1, rounding: nearest}")
        + rule("extra", "extra")
    )
    span = "drivers:\n  span: {value: 4, unit: people, assumption: a}\n"
    head = (BOOK_HEAD % "extra, lead, helper").replace("drivers:\n", span)
    rules = parse_rulebook(head + textwrap.indent(textwrap.dedent(text), "  "), "rules.yaml", CATALOGUE)
    full = plan(rules, orders_per_day=12)
    assert {line.role: line.fte for line in full.team} == {"helper": 12, "lead": 3, "extra": 1}
    post = {line.role: line.monthly_cost / line.fte for line in full.team}
    # Five helpers need one lead; a sixth would need a second, which the money does not pay.
    result = plan(rules, orders_per_day=12, budget=5 * post["helper"] + post["lead"] + post["helper"] / 2)
    assert {line.role: line.fte for line in result.team if line.phase == 1} == {"helper": 5, "lead": 1}
    # One helper needs no lead yet, and the plan says why the lead waits.
    alone = plan(rules, orders_per_day=12, budget=1.5 * post["helper"])
    assert {line.role: line.fte for line in alone.team if line.phase == 1} == {"helper": 1}
    waits = Reason.of(Code.TEAM_TOO_SMALL, phase=2, team="helper", fte=1.0)
    assert Deferral(role="lead", reason=waits) in alone.deferred


def test_other_roles_join_phase_one_only_once_the_crews_could_be_full() -> None:
    text = (
        rule("lead", "lead", then=", engagement: full-time, fallback: [owner]")
        + rule("crew", "helper", then=", engagement: full-time, fte: {base: orders_per_day, step: 1}")
        + rule("extra", "extra", then=", engagement: part-time")
    )
    rules = book(text, order="lead, extra, helper")
    full = plan(rules, orders_per_day=4)
    cost = {line.role: line.monthly_cost for line in full.team}
    # "extra" comes before the crew in the hiring order and would fit, even at the quarter
    # post a part-timer can start with, but then the crew would be short.
    short = plan(rules, orders_per_day=4, budget=cost["helper"] + cost["extra"] / 2 - 1)
    (waiting,) = short.deferred
    assert waiting == Deferral(
        role="extra", reason=Reason.of(Code.CREWS_FIRST, phase=2, crews=cost["helper"], currency="EUR")
    )
    assert {line.role: line.fte for line in short.team if line.phase == 1}["helper"] == 4
    enough = plan(rules, orders_per_day=4, budget=cost["helper"] + cost["extra"])
    first = {line.role: line for line in enough.team if line.phase == 1}
    assert (first["helper"].fte, first["extra"].fte, enough.deferred) == (4, 0.5, ())


def test_a_single_hire_between_stages_waits_for_the_revenue_that_carries_it() -> None:
    """Past its point in the ramp, a hire still waits while it alone costs more than shops spend on staff."""
    hires = book(rule("hire", "lead", when="{field: stage, op: gte, value: startup}", then=", engagement: full-time"))
    # Orders and revenue both 90% of the way through the startup stage: the hire's point is passed.
    shop = {"orders_per_day": 40, "monthly_revenue": 5000 * 10**0.9}

    def hired(staff_share: float) -> bool:
        figure = hires.drivers["staff_cost_to_revenue"].replaced({"value": staff_share, "range": None})
        rules = hires.replaced({"drivers": {**hires.drivers, "staff_cost_to_revenue": figure}})
        return any(line.role == "lead" for line in plan(rules, stage=None, **shop).team)

    assert hired(0.2)
    assert not hired(0.01)  # 1% of the revenue does not pay its 1,500 a month
