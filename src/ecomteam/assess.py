"""Compare the team a business has with the team its plan needs (article 000, step 2).

A team file lists people and the roles they cover (by id, name or alias in any
language). `assess` returns, for every role in the plan, whether it is covered,
covered only as a side job, understaffed or missing; who is overloaded and how the load was estimated; the
next hires in the plan's order with the gap each closes; and what closing the gaps
costs against the budget. Pure: no I/O, deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, NamedTuple, Self

from pydantic import Field, model_validator

from ecomteam import __version__
from ecomteam.catalogue import RoleIndex, find_role
from ecomteam.codes import Code
from ecomteam.errors import DataError, Problem, UsageError
from ecomteam.models import Model, NotBool, Text
from ecomteam.plan import Plan, Reason, ResolvedProfile, TeamLine
from ecomteam.rulebook import RuleBook
from ecomteam.validation import format_loc, sort_problems, validated
from ecomteam.vocab import Engagement, Sourcing
from ecomteam.yamlfile import Located, parse_mapping

#: Version 2: coverage verdicts, load computations and gaps became codes with parameters.
#: Version 3: overloads count the roles the plan leaves to the owner apart (`counted_roles`).
SCHEMA_VERSION: Literal[4] = 4


# ------------------------------------------------------------------ team file


class Person(Model):
    """Someone on the team today and the roles they cover."""

    name: Text
    roles: tuple[Text, ...] = Field(min_length=1, description="Role ids, names or aliases, any language.")
    fte: Annotated[float, Field(gt=0, le=2), NotBool] | None = None
    hours_per_week: Annotated[float, Field(gt=0, le=100), NotBool] | None = None
    engagement: Engagement
    sourcing: Sourcing | None = Field(None, description="Optional: the engagement implies it; if given it must agree.")
    skills: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _one_measure(self) -> Self:
        if (self.fte is None) == (self.hours_per_week is None):
            raise ValueError("give either fte or hours_per_week")
        if self.sourcing is not None and self.sourcing is not self.engagement.sourcing:
            raise ValueError(
                f"sourcing {self.sourcing.value} contradicts engagement {self.engagement.value}, "
                f"which is {self.engagement.sourcing.value}; leave sourcing out"
            )
        return self


class Team(Model):
    """A team file: the people a business has now."""

    people: tuple[Person, ...] = Field(min_length=1)


def parse_team(text: str, source: str, roles: RoleIndex) -> tuple[Team, tuple[tuple[str, ...], ...]]:
    """Parse a team file and resolve every person's roles to catalogue ids.

    Returns:
        The team, and for each person the ids of the roles they cover, in their order.

    Raises:
        DataError: Every problem with its line, including role names that match no role.
    """
    return resolve_team(parse_mapping(text, source, "team"), roles)


def resolve_team(document: Located, roles: RoleIndex) -> tuple[Team, tuple[tuple[str, ...], ...]]:
    """Validate a team document (from YAML or from a table) and resolve every person's roles to catalogue ids.

    Raises:
        DataError: Every problem with its place, including role names that match no role.
    """
    source = document.source
    team = validated(document, Team, "team")
    problems: list[Problem] = []
    resolved: list[tuple[str, ...]] = []
    for index, person in enumerate(team.people):
        ids: list[str] = []
        for number, name in enumerate(person.roles):
            try:
                role_id = find_role(roles, name).id
            except UsageError as exc:
                loc = ("people", index, "roles", number)
                problems.append(Problem(source, str(exc), format_loc(loc), *document.position(loc)))
                continue
            if role_id not in ids:
                ids.append(role_id)
        resolved.append(tuple(ids))
    if problems:
        raise DataError(sort_problems(problems), "team")
    return team, tuple(resolved)


# ----------------------------------------------------------------- assessment


#: How a role of the plan is covered today: fully; only as someone's side job (enough
#: time, but not their main role); by too few people (a gap to hire for); not at all.
Status = Literal["covered", "side-job", "understaffed", "missing"]
GapStatus = Literal["understaffed", "missing"]


class Coverage(Model):
    """How well one role of the plan is covered today."""

    role: str
    name: str
    status: Status
    needed_fte: float = Field(description="FTE the plan asks for; 0 when the owner is meant to cover it.")
    held_fte: float = Field(description="FTE the people covering it give it (a person's FTE split over their roles).")
    people: tuple[str, ...]
    phase: int
    reason: Reason


class LoadPart(Model):
    """One role's share of a person's load, and what the estimate rests on."""

    role: str
    load: float
    basis: Reason


class Overload(Model):
    """A person carrying more than one person can."""

    person: str
    fte: float
    load: float = Field(description="Estimated FTE the person's roles need.")
    roles: tuple[str, ...]
    parts: tuple[LoadPart, ...]
    counted_roles: int = Field(description="Roles counted against max_roles: all but the ones left to the owner.")
    max_roles: float = Field(description="Roles one person can carry (an assumption in the rule book).")


class Hire(Model):
    """A hire that closes a gap, in the plan's order: the FTE the plan needs less the FTE held today."""

    role: str
    name: str
    engagement: Engagement
    sourcing: Sourcing
    fte: float = Field(
        description="The gap: FTE the plan needs for the role less the FTE staff hold today (the owner hands it over)."
    )
    phase: int
    monthly_cost: float = Field(description="What the gap costs: the plan line's cost for the share it leaves open.")
    status: GapStatus
    gap: Reason = Field(description="Why the role is not covered today.")
    reason: Reason = Field(description="The plan line's first reason.")
    rules: tuple[str, ...]


class Idle(Model):
    """A role someone holds that the plan does not need yet."""

    role: str
    name: str
    people: tuple[str, ...]


class Assessment(Model):
    """The team a business has against the team it needs."""

    schema_version: Literal[4] = SCHEMA_VERSION
    ecomteam_version: str
    profile: ResolvedProfile
    coverage: tuple[Coverage, ...]
    overloaded: tuple[Overload, ...]
    next_hires: tuple[Hire, ...]
    not_needed_yet: tuple[Idle, ...]
    gap_monthly_cost: float
    budget: float | None
    within_budget: bool | None


def _figure(book: RuleBook, name: str) -> float:
    return book.drivers[name].value  # the rule book checks that the figures `assess` uses are there


def _need(lines: list[TeamLine]) -> tuple[float, int, TeamLine]:
    """The FTE a role needs in the end, the phase it is first staffed in, and its final line.

    A role left to the owner needs 0 FTE of hires.
    """
    first = min(lines, key=lambda line: line.phase)
    final = next((line for line in lines if line.until_phase is None), lines[-1])
    if final.engagement is Engagement.OWNER:
        return 0.0, first.phase, final
    return final.fte, first.phase, final


def assess(
    plan: Plan, team: Team, roles_of: tuple[tuple[str, ...], ...], index: RoleIndex, book: RuleBook
) -> Assessment:
    """Compare a team with the plan for its business.

    Args:
        plan: The recommended plan.
        team: The people the business has.
        roles_of: Each person's role ids (from `parse_team`), in team order.
        index: The catalogue, for role names.
        book: For the assessment figures (hours per FTE, roles per person, load of unplanned roles).
    """
    lines_of: dict[str, list[TeamLine]] = {}
    for line in plan.team:
        lines_of.setdefault(line.role, []).append(line)
    unplanned = _figure(book, "unplanned_role_load")
    need = {role_id: _need(lines)[0] for role_id, lines in lines_of.items()}
    people = _holders(
        team,
        as_planned(plan, roles_of),
        _figure(book, "full_time_hours_per_week"),
        lambda role: need.get(role, unplanned),
    )
    held: dict[str, float] = {}
    by_staff: dict[str, float] = {}  # what stays held once a hire comes: the owner hands a hired role over
    for holder in people:
        for role_id, share in holder.shares.items():
            held[role_id] = held.get(role_id, 0.0) + share
            if not holder.owner:
                by_staff[role_id] = by_staff.get(role_id, 0.0) + share
    coverage = [_coverage(role_id, lines, people, held) for role_id, lines in lines_of.items()]
    # In the plan's order: by the first paid line of each role (phase, then hiring order).
    first_paid: dict[str, tuple[int, int]] = {}
    for position, line in enumerate(plan.team):
        if line.engagement is not Engagement.OWNER:
            first_paid.setdefault(line.role, (line.phase, position))
    gaps = [item for item in coverage if item.status in ("understaffed", "missing")]
    hires = [
        _hire(
            _need(lines_of[item.role])[2],
            item.needed_fte - by_staff.get(item.role, 0.0),
            first_paid[item.role][0],
            book,
            item,
        )
        for item in sorted(gaps, key=lambda item: first_paid[item.role])
    ]
    idle = _idle(people, lines_of, index)
    gap_cost = round(sum(hire.monthly_cost for hire in hires), 2)
    budget = plan.totals.budget
    return Assessment(
        ecomteam_version=__version__,
        profile=plan.profile,
        coverage=tuple(coverage),
        overloaded=tuple(_overloads(people, lines_of, held, book)),
        next_hires=tuple(hires),
        not_needed_yet=tuple(idle),
        gap_monthly_cost=gap_cost,
        budget=budget,
        within_budget=None if budget is None else gap_cost <= budget,
    )


def as_planned(plan: Plan, roles_of: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Each person's roles as the plan names the work: a role a plan line covers is that line's role.

    Two store operators hold the e-commerce specialist's line that covers store
    operations; counted under their own title they would be "not needed yet" beside a
    missing specialist, and the advice would be to hire one more.
    """
    planned = {line.role for line in plan.team}
    covering = {covered: line.role for line in plan.team for covered in line.covers if covered not in planned}
    return tuple(tuple(dict.fromkeys(covering.get(role, role) for role in roles)) for roles in roles_of)


def _holders(
    team: Team, roles_of: tuple[tuple[str, ...], ...], hours: float, weight: Callable[[str], float]
) -> list[_Holder]:
    """The people with their FTE (hours turned into FTE), role ids, and the share of their FTE each role has."""
    holders = []
    for person, roles in zip(team.people, roles_of, strict=True):
        fte = person.fte if person.fte is not None else round((person.hours_per_week or 0) / hours, 2)
        holders.append(
            _Holder(person.name, fte, roles, person.engagement is Engagement.OWNER, _shares(fte, roles, weight))
        )
    return holders


def _shares(fte: float, roles: tuple[str, ...], weight: Callable[[str], float]) -> dict[str, float]:
    """A person's FTE over their roles in proportion to the work each needs (evenly when none needs any).

    Someone doing customer service (0.75 FTE in the plan) and returns (0.25) full time
    covers both; an even split would call the first short and the second overstaffed.
    """
    weights = {role: weight(role) for role in roles}
    total = sum(weights.values())
    if total <= 0:
        return {role: fte / len(roles) for role in roles}
    return {role: fte * share / total for role, share in weights.items()}


def _idle(people: list[_Holder], lines_of: dict[str, list[TeamLine]], index: RoleIndex) -> list[Idle]:
    """Roles people hold that the plan does not need yet, with who holds them."""
    holders_of: dict[str, list[str]] = {}
    for holder in people:
        for role_id in holder.roles:
            holders_of.setdefault(role_id, []).append(holder.name)
    return [
        Idle(role=role_id, name=index.name(role_id), people=tuple(names))
        for role_id, names in holders_of.items()
        if role_id not in lines_of
    ]


class _Holder(NamedTuple):
    name: str
    fte: float
    roles: tuple[str, ...]
    owner: bool
    shares: dict[str, float]  # of `fte`, by role


def _coverage(role_id: str, lines: list[TeamLine], people: list[_Holder], held: dict[str, float]) -> Coverage:
    needed, phase, _ = _need(lines)
    have = round(held.get(role_id, 0.0), 2)
    names = tuple(holder.name for holder in people if role_id in holder.roles)
    # A side job: every person covering the role lists another role first.
    side_job = all(holder.roles[0] != role_id for holder in people if role_id in holder.roles)
    owners = tuple(holder.name for holder in people if holder.owner)
    status: Status
    if not names and not needed and owners:
        status, reason = "covered", Reason.of(Code.OWNER_AS_PLANNED, people=owners)
    elif not names and needed:
        status, reason = "missing", Reason.of(Code.NOBODY)
    elif not names:
        status, reason = "covered", Reason.of(Code.OWNER_AS_PLANNED, people=())
    elif have + 1e-9 < needed:
        status, reason = "understaffed", Reason.of(Code.SHORT, held=have, needed=needed, people=names)
    elif side_job:
        status, reason = "side-job", Reason.of(Code.SIDE_JOB, people=names)
    else:
        status, reason = "covered", Reason.of(Code.COVERED_BY, people=names)
    return Coverage(
        role=role_id,
        name=lines[0].name,
        status=status,
        needed_fte=needed,
        held_fte=have,
        people=names,
        phase=phase,
        reason=reason,
    )


def _overloads(
    people: list[_Holder], lines_of: dict[str, list[TeamLine]], held: dict[str, float], book: RuleBook
) -> list[Overload]:
    """People who hold more roles than one person can, or whose roles take more than their FTE.

    A role with too few people is a gap to hire for, not extra load: each person gives
    it at most their share of their own time.
    """
    max_roles = _figure(book, "max_roles_per_person")
    unplanned = _figure(book, "unplanned_role_load")
    overloaded = []
    for holder in people:
        parts = [_load_part(role_id, holder, lines_of, held, unplanned) for role_id in holder.roles]
        total = round(sum(part.load for part in parts), 2)
        # The roles the plan leaves to the owner are the owner's job, not one more to carry.
        carried = [part for part in parts if not (holder.owner and part.basis.code is Code.OWNER_BY_PLAN)]
        if total > holder.fte + 1e-9 or len(carried) > max_roles:
            overloaded.append(
                Overload(
                    person=holder.name,
                    fte=holder.fte,
                    load=total,
                    roles=holder.roles,
                    parts=tuple(parts),
                    counted_roles=len(carried),
                    max_roles=max_roles,
                )
            )
    return overloaded


def _load_part(
    role_id: str, holder: _Holder, lines_of: dict[str, list[TeamLine]], held: dict[str, float], unplanned: float
) -> LoadPart:
    """The FTE one of a person's roles takes from them: their share of its need, at most their time for it."""
    if role_id not in lines_of:
        return LoadPart(role=role_id, load=unplanned, basis=Reason.of(Code.NOT_IN_PLAN))
    needed, _, hire = _need(lines_of[role_id])
    if not needed or (holder.owner and _left_to_owner(lines_of[role_id])):
        # The plan leaves the role to the owner (for good, or until its hire): the owner's
        # own job, other people's extra work.
        load = 0.0 if holder.owner else unplanned
        return LoadPart(role=role_id, load=load, basis=Reason.of(Code.OWNER_BY_PLAN))
    time_for_it = holder.shares[role_id]
    share = time_for_it * min(1.0, needed / held[role_id])
    return LoadPart(
        role=role_id, load=share, basis=Reason.of(Code.PLANNED, engagement=hire.engagement.value, fte=hire.fte)
    )


def _left_to_owner(lines: list[TeamLine]) -> bool:
    return any(line.engagement is Engagement.OWNER for line in lines)


def _hire(line: TeamLine, open_fte: float, phase: int, book: RuleBook, item: Coverage) -> Hire:
    """The hire that closes a role's gap from `phase`: its final line, for the `open_fte` staff do not hold.

    The owner's share is not counted: a hire takes the role over from the owner, who
    has the rest of the shop to run. A full-time line whose gap is less than a post is
    hired part-time: nobody is hired full-time for two thirds of a week.
    """
    if item.status not in ("understaffed", "missing"):  # callers pass only the gaps
        raise AssertionError(item.role)
    gap = round(max(0.0, open_fte), 2)
    engagement = line.engagement
    cost = line.monthly_cost * gap / line.fte if line.fte else 0.0
    if engagement is Engagement.FULL_TIME and gap < 1:
        engagement = Engagement.PART_TIME
        full, part = (book.engagements[kind].cost_factor for kind in (Engagement.FULL_TIME, Engagement.PART_TIME))
        cost = cost * part / full if full else cost
    return Hire(
        role=line.role,
        name=line.name,
        engagement=engagement,
        sourcing=line.sourcing,
        fte=gap,
        phase=phase,
        monthly_cost=round(cost),
        status=item.status,
        gap=item.reason,
        reason=line.reasons[0],
        rules=line.rules,
    )


def with_team(plan: Plan, assessment: Assessment) -> Plan:
    """The plan with each line's reasons led by who covers the role today, or that it is a new hire."""
    coverage = {item.role: item for item in assessment.coverage}
    lines = [
        line.model_copy(update={"reasons": (_today(line, coverage[line.role]), *line.reasons)}) for line in plan.team
    ]
    return plan.model_copy(update={"team": tuple(lines)})


def _today(line: TeamLine, item: Coverage) -> Reason:
    if line.engagement is Engagement.OWNER:
        return Reason.of(Code.STAYS_WITH_OWNER, people=item.people) if item.people else Reason.of(Code.OWNER_COVERS)
    if item.status in ("covered", "side-job"):
        return Reason.of(Code.STAYS, coverage=item.reason)
    if item.status == "understaffed":
        return Reason.of(Code.ADDED_PARTLY, phase=line.phase, coverage=item.reason)
    return Reason.of(Code.ADDED_MISSING, phase=line.phase)
