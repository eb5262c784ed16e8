"""Turn a business profile into a team plan. Pure and deterministic: no I/O, no clock, no sentences.

How a plan is built (the README documents the same steps):

1. Resolve the profile: infer the stage from volumes when it is not given, pick the
   region and currency, default the live rooms.
2. Evaluate every rule's condition; record the check that decided each one.
3. Per role, the fired rule that no other fired rule `overrides` decides how it is
   staffed (the rule book makes sure there is one; failing that, the first in the
   file). The others still add their reasons and ids.
4. A role listed in another line's `covers` is dropped, unless its own rule says
   `standalone`: one person does both jobs.
5. Size each line (fixed FTE, a formula over drivers, or the engagement's default)
   and price it: FTE x mid-band cost x engagement cost factor x region multiplier.
6. Fit phase 1 to the budget. In the rule book's `hiring_order`, phase-1 lines join
   while the sum of their smallest starts fits; once one does not, it and every later
   line with a cost move to phase 2 (lines that can cost nothing always stay). The
   money left grows the crews sized by a volume first, with the leads sized from them,
   then, once they are full, each other line takes the most wanted engagement the
   money left allows (`_fit_budget`).
   So more budget never removes a role from phase 1.
7. A line staffed after phase 1 whose rule names an `interim` gets an owner line in
   phase 1: the owner covers the role until the hire.

A line's cheaper engagements are the rule's `fallback`, or else those of the role's
suitable engagements that are a lighter commitment than the one wanted (`LIGHTER`):
full-time may become part-time, freelance or the owner; part-time or agency work may
become freelance or the owner; freelance work may fall to the owner.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ecomteam import __version__
from ecomteam.codes import Code
from ecomteam.errors import UsageError
from ecomteam.i18n import _
from ecomteam.models import Catalogue, Role
from ecomteam.plan import (
    Check,
    Deferral,
    PhaseLine,
    Plan,
    PlanWarning,
    Reason,
    ResolvedProfile,
    RuleTrace,
    TeamLine,
    Totals,
)
from ecomteam.profile import Profile
from ecomteam.rulebook import (
    MAX_LINE_FTE,
    All,
    Any_,
    Condition,
    Formula,
    Leaf,
    Not,
    ProfileField,
    Quantity,
    Rule,
    RuleBook,
    leaf_holds,
    leaves,
)
from ecomteam.suggest import did_you_mean
from ecomteam.vocab import Channel, Engagement, Sourcing, Stage

if TYPE_CHECKING:
    from datetime import date

#: Ramped lines are sized to the nearest quarter post: a day or so a week is the smallest useful share.
RAMP_STEP = 0.25

#: The lighter commitments a wanted engagement may fall back to when money is short.
LIGHTER: dict[Engagement, tuple[Engagement, ...]] = {
    Engagement.FULL_TIME: (Engagement.PART_TIME, Engagement.FREELANCE, Engagement.OWNER),
    Engagement.PART_TIME: (Engagement.FREELANCE, Engagement.OWNER),
    Engagement.AGENCY: (Engagement.FREELANCE, Engagement.OWNER),
    Engagement.FREELANCE: (Engagement.OWNER,),
    Engagement.OWNER: (),
}

# ------------------------------------------------------------------ profile


def resolve_profile(profile: Profile, catalogue: Catalogue, book: RuleBook) -> tuple[ResolvedProfile, list[Reason]]:
    """Fill in the stage, region, currency and live rooms; return notes on what was assumed.

    Raises:
        UsageError: No stage and nothing to infer it from, an unknown region, or a
            currency other than the catalogue's.
    """
    notes: list[Reason] = []
    stage = profile.stage
    if stage is None:
        stage, note = infer_stage(profile, book)
        notes.append(note)
    elif profile.orders_per_day is not None or profile.monthly_revenue is not None:
        suggested, _ = infer_stage(profile, book)
        if suggested is not stage:
            notes.append(Reason.of(Code.STAGE_DISAGREES, given=stage.value, suggested=suggested.value))
    _check_profile(profile, catalogue, book)
    live_rooms = profile.live_rooms
    if live_rooms is None:
        live_rooms = 1 if Channel.LIVESTREAM in profile.channels else 0
    channels = set(profile.channels) | _platform_channel(profile, book, notes)
    if profile.category is not None and book.categories[profile.category].leaves_out:
        notes.append(Reason.of(Code.CATEGORY_SCOPE, category=profile.category))
    converted = catalogue.cost_basis.converted
    if converted is not None:
        notes.append(
            Reason.of(
                Code.PRICED_IN,
                currency=catalogue.cost_basis.currency,
                base=converted.base,
                rate=round(converted.rate, 6),
                date=converted.date or "given",
            )
        )
    data = profile.model_dump() | {
        "stage": stage,
        "region": _region(profile, book),
        "currency": catalogue.cost_basis.currency,
        "live_rooms": live_rooms,
        "goals": tuple(sorted(set(profile.goals))),
        "channels": tuple(sorted(channels)),
    }
    return ResolvedProfile.model_validate(data), notes


def _platform_channel(profile: Profile, book: RuleBook, notes: list[Reason]) -> set[Channel]:
    """The channel a known platform implies, noted when the profile left it out; a note for an unknown one."""
    if book.platforms is None:
        return set()
    if profile.platform is None:
        if Channel.MARKETPLACE in profile.channels:
            notes.append(Reason.of(Code.PLATFORM_UNNAMED, listing=list(book.platforms.listing)))
        return set()
    channel = book.platforms.channel_of(profile.platform)
    if channel is None:
        known = sorted(name for names in book.platforms.channels.values() for name in names)
        notes.append(Reason.of(Code.PLATFORM_UNKNOWN, platform=profile.platform, known=known))
        return set()
    if channel not in profile.channels:
        notes.append(Reason.of(Code.PLATFORM_CHANNEL, platform=profile.platform, channel=channel.value))
    return {channel}


def _check_profile(profile: Profile, catalogue: Catalogue, book: RuleBook) -> None:
    """Refuse what the profile's fields say together that the book cannot plan for."""
    if profile.live_rooms and Channel.LIVESTREAM not in profile.channels:
        raise UsageError(
            _(
                "live rooms ({rooms}) were given without the livestream channel; add --channel livestream, "
                "or leave out --live-rooms"
            ).format(rooms=profile.live_rooms)
        )
    if profile.country is not None and profile.country not in book.countries:
        raise UsageError(
            _("no cost level for country {country!r}; choose one of: {known}, or give --region").format(
                country=profile.country, known=", ".join(sorted(book.countries))
            )
        )
    if profile.category is not None and profile.category not in book.categories:
        raise UsageError(
            _("unknown category {category!r}{hint}; the categories are: {known}").format(
                category=profile.category,
                hint=did_you_mean(profile.category, book.categories),
                known=", ".join(book.categories) or _("none in this rule book"),
            )
        )
    region = _region(profile, book)
    if region not in book.regions:
        raise UsageError(
            _("unknown region {region!r}; choose one of: {known}").format(
                region=region, known=", ".join(sorted(book.regions))
            )
        )
    currency = catalogue.cost_basis.currency
    if profile.currency is not None and profile.currency != currency:
        raise UsageError(
            f"the catalogue's costs are in {currency}, not {profile.currency}; price it in {profile.currency} first "
            "(ecomteam.currency.priced_in), as the command line does"
        )


def _region(profile: Profile, book: RuleBook) -> str:
    """The region given, else the one the country belongs to, else the rule book's default."""
    if profile.region is not None:
        return profile.region
    if profile.country is not None and profile.country in book.countries:
        return book.countries[profile.country].region
    return book.default_region


def infer_stage(profile: Profile, book: RuleBook) -> tuple[Stage, Reason]:
    """Infer the stage from the volumes: orders per day and monthly revenue, as far as known.

    Each known measure places the shop on the stage scale (a stage and how far through
    it, `_position`); the stage is where their mean falls. Orders measure the work, and
    revenue (given, or orders x order value) the business the team must run: a B2B shop
    with few large orders is neither a small shop nor a mature one with a mature team.

    Raises:
        UsageError: Neither volume is known.
    """
    known = _stage_measures(profile, book)
    if not known:
        stages = "|".join(stage.value for stage in Stage)
        raise UsageError(
            _(
                "say the stage (--stage {stages}), or give --monthly-revenue or --orders-per-day so it can be "
                "inferred, or give a profile with --profile (`ecomteam profile init` writes a starter profile.yaml, "
                "which is then used from the folder it is in)"
            ).format(stages=stages)
        )
    stage = tuple(Stage)[math.floor(_position(known))]
    measures = [
        {"measure": name, "value": value, "starts": {s.value: start for s, start in _in_order(table)}}
        for name, value, table in known
    ]
    return stage, Reason.of(Code.STAGE_INFERRED, stage=stage.value, measures=measures)


def _stage_measures(profile: Profile, book: RuleBook) -> list[tuple[str, float, dict[Stage, float]]]:
    """The measures the stage is read from: orders per day and monthly revenue, where known.

    Revenue is the one given, else orders x average order value when both are.
    """
    thresholds = book.stage_thresholds
    known = []
    if profile.orders_per_day is not None:
        known.append(("orders_per_day", profile.orders_per_day, thresholds.orders_per_day))
    revenue = profile.monthly_revenue
    if revenue is None and profile.orders_per_day is not None and profile.average_order_value is not None:
        revenue = profile.orders_per_day * profile.average_order_value * book.drivers["days_per_month"].value
    # No revenue yet says nothing about the size of a shop that already ships orders.
    if revenue is not None and (revenue > 0 or not known):
        known.append(("monthly_revenue", revenue, thresholds.monthly_revenue))
    return known


def _in_order(table: dict[Stage, float]) -> list[tuple[Stage, float]]:
    return sorted(table.items(), key=lambda item: item[0].rank)


def _position(known: list[tuple[str, float, dict[Stage, float]]]) -> float:
    """Where the measures put the shop on the stage scale: a stage's rank plus how far through it, averaged.

    The first and the last stage span the same ratio as their neighbour (solo from a
    tenth of the startup threshold, when startup spans a factor ten), and the last ends
    just short of the rank after it, so the scale has no step anywhere.
    """
    positions = [_measure_position(value, table) for _, value, table in known]
    return sum(positions) / len(positions)


def _measure_position(value: float, table: dict[Stage, float]) -> float:
    """Where one measure puts the shop on the stage scale (see `_position`)."""
    stage = max((s for s, start in table.items() if value >= start), key=lambda s: s.rank, default=Stage.SOLO)
    through = _solo_share(value, table) if stage is Stage.SOLO else _share(value, table, stage)
    return stage.rank + min(through, 0.9999)


def _solo_share(value: float, table: dict[Stage, float]) -> float:
    """How far `value` is through the solo stage, on the log span of the stage after it."""
    first, second = sorted(table.values())[:2]
    start = first * first / second
    if value <= start:
        return 0.0
    return math.log(value / start) / math.log(first / start)


def _measures_disagree(profile: Profile, resolved: ResolvedProfile, book: RuleBook) -> list[PlanWarning]:
    """A warning when orders and revenue put an inferred stage two stages or more apart."""
    known = _stage_measures(profile, book)
    if profile.stage is not None or len(known) < 2:
        return []
    (_, orders, by_orders), (_, revenue, by_revenue) = known
    apart = [
        tuple(Stage)[math.floor(_measure_position(value, table))]
        for value, table in ((orders, by_orders), (revenue, by_revenue))
    ]
    if abs(apart[0].rank - apart[1].rank) < 2:
        return []
    return [
        PlanWarning.of(
            Code.MEASURES_DISAGREE, orders=apart[0].value, revenue=apart[1].value, stage=resolved.stage.value
        )
    ]


# --------------------------------------------------------------- conditions


@dataclass(frozen=True)
class ProfileFacts:
    """The resolved profile as conditions see it."""

    profile: ResolvedProfile

    def get(self, name: ProfileField) -> object:
        """Return the profile's value for a condition field."""
        return getattr(self.profile, name.value)


def evaluate(condition: Condition | None, facts: ProfileFacts) -> Check:
    """Evaluate a condition, keeping the tests that decided it."""
    match condition:
        case None:
            return Check(kind="always", ok=True)
        case All():
            return _all(condition.all, facts)
        case Any_():
            return _any(condition.any, facts)
        case Not():
            inner = evaluate(condition.not_, facts)
            return Check(kind="not", ok=not inner.ok, children=(inner,))
        case Leaf():
            actual = facts.get(condition.field)
            shown = actual.value if isinstance(actual, Stage) else actual
            return Check(
                kind="leaf",
                ok=leaf_holds(condition, actual),
                field=condition.field.value,
                op=condition.op.value,
                value=condition.value,
                actual=tuple(str(item) for item in shown) if isinstance(shown, tuple) else shown,
            )
    raise AssertionError(condition)  # pragma: no cover - the union is closed


def _all(conditions: Iterable[Condition], facts: ProfileFacts) -> Check:
    passed = []
    for child in conditions:
        check = evaluate(child, facts)
        if not check.ok:
            return Check(kind="all", ok=False, children=(check,))
        passed.append(check)
    return Check(kind="all", ok=True, children=tuple(passed))


def _any(conditions: Iterable[Condition], facts: ProfileFacts) -> Check:
    failed = []
    for child in conditions:
        check = evaluate(child, facts)
        if check.ok:
            return Check(kind="any", ok=True, children=(check,))
        failed.append(check)
    return Check(kind="any", ok=False, children=tuple(failed))


# --------------------------------------------------------------- the plan


@dataclass
class _Line:
    """A line being built; becomes a `TeamLine`."""

    role: Role
    rule: Rule
    rules: list[Rule]
    order: int  # place in the rule book's hiring order
    phase: int
    engagement: Engagement
    fte: float
    options: list[tuple[Engagement, float, float]]  # (engagement, fte, cost), most wanted first
    cost: float = 0.0
    covers: list[str] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)
    lead: Reason | None = None  # the reason to give first, when it is not the rule's own
    until: int | None = None  # the phase in which the role's next line takes over
    work: float = 0.0  # what the order-sized formulas alone come to, below any floor (`_order_work`)

    @property
    def smallest(self) -> tuple[Engagement, float, float]:
        """The cheapest way to start the line.

        One post of a crew, or the line's cheapest engagement: a quarter post of it for a
        part-time one, since ten hours a week is a job too.
        """
        cheapest = min(self.options, key=lambda option: option[2])
        wanted, fte, cost = self.options[0]
        step = _post_step(self.role, wanted)
        if not _volume_sized(self):
            return _quarter_post(cheapest)
        if fte <= step or cost / fte * step >= cheapest[2]:
            return cheapest
        return _posts(wanted, step), step, float(round(cost / fte * step))

    @property
    def min_cost(self) -> float:
        return self.smallest[2]

    @property
    def key(self) -> tuple[int, str]:
        """Hiring order: the rule book's list, then the role id."""
        return self.order, self.role.id


def build_plan(
    profile: Profile, catalogue: Catalogue, book: RuleBook, *, trace: bool = True, start: date | None = None
) -> Plan:
    """Build the recommended team for a profile.

    Args:
        profile: What the user said about the business.
        catalogue: The roles.
        book: The rules and the figures behind them.
        trace: Record every rule's check in `Plan.explain` (a quarter of the work;
            only `--explain` shows it).
        start: The first day of the plan, for the timeline's dates and peaks; needed
            with `months` or `peaks` only (the engine reads no clock).

    Raises:
        UsageError: The profile cannot be resolved (see `resolve_profile`).
    """
    resolved, notes = resolve_profile(profile, catalogue, book)
    general, book = book, book.for_category(resolved.category)
    lines, ramp_notes, kept = _staffed(profile, resolved, catalogue, book)
    notes += ramp_notes + _without_effect(profile, resolved, [*lines, *kept], catalogue, general)
    deferred, starters = _fit_budget(lines, resolved.budget, len(book.phases), resolved.currency, book)
    if not deferred and not starters:
        _bring_forward(lines, resolved.budget)
    short = _short_of_volume(lines, starters, deferred)
    lines += starters + _interim_lines(lines, started={starter.role.id for starter in starters}) + kept
    lines.sort(key=lambda line: (line.phase, *line.key, line.engagement is not Engagement.OWNER))
    team = tuple(_team_line(line) for line in lines)
    revenue, warnings = _revenue(resolved, book)
    warnings += _order_value_low(resolved, revenue, book)
    totals = _totals(team, resolved.budget, revenue)
    notes += _budget_left(team, totals, resolved.currency)
    plan = Plan(
        ecomteam_version=__version__,
        profile=resolved,
        notes=tuple(notes),
        team=team,
        phases=_phases(team, book),
        totals=totals,
        deferred=tuple(deferred),
        warnings=(*warnings, *_measures_disagree(profile, resolved, book), *_cost_warnings(totals, book), *short),
        explain=tuple(_traces(book, ProfileFacts(resolved))) if trace else (),
    )
    if profile.months is None and not profile.peaks:
        return plan
    from ecomteam.timeline import with_timeline

    if start is None:
        raise UsageError("a timeline (months or peaks) needs the plan's start date")
    return with_timeline(plan, profile, catalogue, general, start)


def _staffed(
    profile: Profile, resolved: ResolvedProfile, catalogue: Catalogue, book: RuleBook
) -> tuple[list[_Line], list[Reason], list[_Line]]:
    """A sized line per role (ramped for an inferred stage), the notes on them, and the owner's for what waits.

    Covered roles are folded before the ramp, so that no share of a post is moved onto
    a line that then disappears into another.
    """
    sized = _lines_for(resolved, catalogue, book)
    lines = _merge_covered(_staffed_only(sized), book, resolved)
    ramp = None if profile.stage is not None else _stage_ramp(resolved, book)
    notes: list[Reason] = []
    if ramp is not None:
        previous, share = ramp
        earlier = resolved.model_copy(update={"stage": previous})
        before = _merge_covered(_staffed_only(_lines_for(earlier, catalogue, book)), book, earlier)
        lines = _uncovered(_ramped(lines, before, _Ramp(previous, resolved.stage, share), book, resolved))
        notes.append(Reason.of(Code.STAGE_RAMP, stage=resolved.stage.value, previous=previous.value, share=share))
    kept = _kept_by_owner(sized, lines, resolved.currency)
    return lines, [*notes, *_owner_keeps(kept)], kept


def _team_of(staffed: tuple[list[_Line], list[Reason], list[_Line]]) -> list[_Line]:
    """The lines `_staffed` gives, the owner's for what waits among them."""
    lines, _notes, kept = staffed
    return [*lines, *kept]


def _staffed_only(lines: list[_Line]) -> list[_Line]:
    """The lines that come to someone: a post, part of one, or the owner."""
    return [line for line in lines if line.fte > 0 or line.engagement is Engagement.OWNER]


def _kept_by_owner(sized: list[_Line], team: list[_Line], currency: str) -> list[_Line]:
    """The owner's lines for work that a stage's rules give a post today's volume sizes at nothing yet.

    Only a rule that leaves the role to the owner until the hire (`interim: owner`) says
    who does the work meanwhile; other work the stage's team shares out. The plan shows
    the owner holding it, as it shows the owner holding a role until a later hire.
    """
    held = {line.role.id for line in team} | {role for line in team for role in line.covers}
    idle = [line for line in sized if not line.fte and line.rule.then.interim == "owner" and line.role.id not in held]
    return [
        replace(
            line,
            phase=1,
            engagement=Engagement.OWNER,
            cost=0.0,
            options=[(Engagement.OWNER, 0.0, 0.0)],
            covers=[],
            lead=_owner_until(line, currency),
        )
        for line in idle
    ]


def _owner_until(line: _Line, currency: str) -> Reason:
    """Why the owner holds a line sized at nothing: until what volume, where its formula says (`_first_post_at`)."""
    base, until = _waits_for(line), _first_post_at(line)
    if until is None:
        return Reason.of(Code.OWNER_KEEPS, roles=[line.role.id], base=base)
    money = currency if base == Quantity.MONTHLY_REVENUE.value else None
    return Reason.of(Code.OWNER_UNTIL, base=base, until=until, currency=money)


def _first_post_at(line: _Line) -> float | None:
    """The volume at which the line's formula first comes to a post (its first step), rounded up; None if unknown."""
    spec = line.rule.then.fte
    worked = next((note.params for note in line.notes if note.code is Code.FORMULA), None)
    if not isinstance(spec, Formula) or worked is None or not worked["value"] or not worked["result"]:
        return None
    first = {"down": spec.step, "nearest": spec.step / 2}.get(spec.rounding)
    if first is None:  # rounded up, any volume makes a post: no volume is "not yet"
        return None
    at = first * worked["value"] / worked["result"]
    unit = 100 if spec.base is Quantity.MONTHLY_REVENUE else 1
    return float(math.ceil(round(at / unit, 6)) * unit)


def _waits_for(line: _Line) -> str:
    """What a post the owner keeps waits for: the measure its rule's formula starts from."""
    spec = line.rule.then.fte
    return _measure(spec) if isinstance(spec, Formula) else ""


def _owner_keeps(kept: list[_Line]) -> list[Reason]:
    """A note, for each measure the posts wait for (orders, revenue, ...), on the work the owner keeps."""
    idle: dict[str, list[str]] = {}
    for line in kept:
        idle.setdefault(_waits_for(line), []).append(line.role.id)
    return [Reason.of(Code.OWNER_KEEPS, roles=sorted(roles), base=base) for base, roles in sorted(idle.items())]


def _without_effect(
    profile: Profile,
    resolved: ResolvedProfile,
    lines: list[_Line],
    catalogue: Catalogue,
    book: RuleBook,
) -> list[Reason]:
    """A note for each goal, known platform and volume (stores, SKUs, rooms) the team would be the same without.

    `lines` is the team `_staffed` gives, the owner's lines for what waits among them.

    A user who names a goal expects it to count; when the rule book has nothing for it
    at this stage, the plan says so rather than leave the user to wonder.
    """
    variants = [
        ("goal", goal.value, profile.model_copy(update={"goals": tuple(g for g in profile.goals if g is not goal)}))
        for goal in resolved.goals
    ]
    if profile.platform is not None and book.platforms and book.platforms.channel_of(profile.platform):
        variants.append(("platform", profile.platform, profile.model_copy(update={"platform": None})))
    if profile.category is not None:
        variants.append(("category", profile.category, profile.model_copy(update={"category": None})))
    variants += [
        (name, value, profile.model_copy(update={name: unsaid}))
        for name, unsaid in _VOLUME_DEFAULTS.items()
        if (value := getattr(profile, name)) is not None and value != unsaid
    ]
    notes = []
    stages = _staffing_stages(profile, resolved, book)
    fired = [rule for rules in _fire(book, ProfileFacts(resolved)).values() for rule in rules]
    for name, value, variant in variants:
        other, _ = resolve_profile(variant, catalogue, book)
        alike = _fires_alike(book, resolved, other, stages)
        own_book = book.for_category(other.category)
        if not alike and _loses_a_role(lines, variant, other, own_book):
            continue
        if alike or _shape(lines) == _shape(_team_of(_staffed(variant, other, catalogue, own_book))):
            # For a volume, `covered` says a role is sized by it but is still at its least size.
            covered = (
                _sized_by(book, resolved, {name})
                if name in _VOLUME_DEFAULTS
                else name != "category" and any(_mentions(rule, name, value) for rule in fired)
            )
            notes.append(
                Reason.of(Code.NO_EFFECT, field=name, value=value, stage=resolved.stage.value, covered=covered)
            )
    return notes


#: Volumes a user may give that no line may read at a stage, and the value that means the same as saying nothing
#: (a live seller without a room count is sized for one room).
_VOLUME_DEFAULTS: dict[str, int | None] = {"stores": 1, "skus": None, "live_rooms": 1}

#: Profile fields the rules test but the sizing of lines never reads.
_TESTED_ONLY = frozenset({"goals", "channels", "platform"})


def _staffing_stages(profile: Profile, resolved: ResolvedProfile, book: RuleBook) -> tuple[Stage, ...]:
    """The stages whose rules decide the team: the profile's, and the one a ramp starts from."""
    ramp = None if profile.stage is not None else _stage_ramp(resolved, book)
    return (resolved.stage,) if ramp is None else (resolved.stage, ramp[0])


def _fires_alike(book: RuleBook, one: ResolvedProfile, other: ResolvedProfile, stages: tuple[Stage, ...]) -> bool:
    """Whether two profiles that differ only in what rules test fire the same rules at each stage.

    Then their teams are the same without building the other: a quick answer for the
    common case of `_without_effect`, which would otherwise staff the team once per goal.
    """
    changed = {name for name in type(one).model_fields if getattr(one, name) != getattr(other, name)}
    if not changed <= _TESTED_ONLY | _VOLUME_DEFAULTS.keys():
        return False
    for stage in stages:
        first, second = (profile.model_copy(update={"stage": stage}) for profile in (one, other))
        touched = [test for rule, test in book.tests_at(stage) if book.tested_fields[rule.id] & changed]
        if any(test(first) != test(second) for test in touched) or _sized_by(book, first, changed):
            return False
    return True


def _loses_a_role(lines: list[_Line], profile: Profile, resolved: ResolvedProfile, book: RuleBook) -> bool:
    """Whether a role of the team fires no rule for the other profile at any stage that staffs it.

    Then the other team lacks that role, and differs, without being staffed: the quick
    answer for a goal that brings a role in.
    """
    fired: set[str] = set()
    for stage in _staffing_stages(profile, resolved, book):
        fired.update(_fire(book, ProfileFacts(resolved.model_copy(update={"stage": stage}))))
    return any(line.role.id not in fired for line in lines)


def _sized_by(book: RuleBook, profile: ResolvedProfile, names: set[str]) -> bool:
    """Whether a rule that fires for the profile works a headcount out from one of these volumes."""
    return any(
        isinstance(rule.then.fte, Formula) and rule.then.fte.base in names and test(profile)
        for rule, test in book.tests_at(profile.stage)
    )


def _mentions(rule: Rule, name: str, value: str) -> bool:
    """Whether a rule's condition tests this goal or platform."""
    field = ProfileField.GOALS if name == "goal" else ProfileField.PLATFORM
    return any(leaf.field is field and value in _values(leaf.value) for leaf in leaves(rule.when))


def _values(value: str | float | bool | tuple[str, ...]) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else (value,)


def _shape(lines: list[_Line]) -> list[tuple[str, float, Engagement, int]]:
    """What a user sees of a team: each role's size, engagement and phase, and who covers it until then."""
    return sorted((line.role.id, line.fte, line.engagement, line.phase) for line in [*lines, *_interim_lines(lines)])


def _lines_for(profile: ResolvedProfile, catalogue: Catalogue, book: RuleBook) -> list[_Line]:
    """Fire the rules for a profile and size a line for each role they name.

    Leads are sized after the teams they lead (`team` formulas). A line may come to no
    one (a lead whose team is not yet full, work a small volume does not make a post of).
    """
    fired = _fire(book, ProfileFacts(profile))
    roles = {role.id: role for role in catalogue.roles}
    order = {role_id: index for index, role_id in enumerate(book.hiring_order)}
    sizing = _Sizing(book, profile, staff={})
    lines = []
    for role_id, rules in sorted(fired.items(), key=lambda item: (_leads(item[1]), item[0])):
        line = _new_line(roles[role_id], _ranked(rules), order.get(role_id, len(order)), sizing)
        sizing.staff[role_id] = line.fte
        lines.append(line)
    lines.sort(key=lambda line: line.role.id)
    return lines


def _leads(rules: list[Rule]) -> bool:
    """Whether any of a role's rules sizes it from another role's team."""
    return any(isinstance(rule.then.fte, Formula) and rule.then.fte.team is not None for rule in rules)


# ------------------------------------------------------------ stage ramp


def _stage_ramp(profile: ResolvedProfile, book: RuleBook) -> tuple[Stage, float] | None:
    """How far an inferred stage's volumes are through it: the stage before, and a share in [0, 1).

    A stage's thresholds are where its roles may start, not where they are all needed:
    a shop just past one still runs with the team of the stage before. So the plan moves
    from one stage's team to the next in step with the volume, measured on a log scale
    from the stage's start to the next stage's (for the last stage, a span as wide, in
    ratio, as the one before it). None when there is nothing to ramp from, or the shop
    is through the stage.
    """
    known = _stage_measures(profile, book)
    if profile.stage.rank == 0 or not known:
        return None
    share = _position(known) - profile.stage.rank
    if not 0 <= share < 1:
        return None
    previous = tuple(Stage)[profile.stage.rank - 1]
    return previous, round(share, 4)


def _share(value: float, table: dict[Stage, float], stage: Stage) -> float:
    """How far `value` is through `stage` in one measure, on a log scale (0 below its start)."""
    starts = sorted(table.values())
    start = table.get(stage)
    if start is None or start <= 0 or value < start:
        return 0.0
    later = [other for other in starts if other > start]
    earlier = [other for other in starts if 0 < other < start]
    if later:
        end = later[0]
    elif earlier:
        end = start * start / earlier[-1]
    else:
        return 1.0
    return min(1.0, math.log(value / start) / math.log(end / start))


@dataclass(frozen=True)
class _Ramp:
    previous: Stage
    stage: Stage
    share: float

    def note(self, start: float, end: float, fte: float) -> Reason:
        return Reason.of(
            Code.RAMPED,
            previous=self.previous.value,
            start=start,
            stage=self.stage.value,
            end=end,
            share=self.share,
            fte=fte,
        )


_Pair = tuple["_Line | None", "_Line | None"]  # a role's line in the stage before, and in this stage


def _ramped(
    now: list[_Line], before: list[_Line], ramp: _Ramp, book: RuleBook, profile: ResolvedProfile
) -> list[_Line]:
    """Size each role between its line in the stage before (`before`) and in this stage (`now`)."""
    earlier = {line.role.id: line for line in before}
    pairs: list[_Pair] = [(earlier.pop(line.role.id, None), line) for line in now]
    pairs += [(old, None) for old in earlier.values()]
    entries = _entries(pairs, len(book.phases))
    come_in = _ComingIn(entries, ramp.share, _revenue(profile, book)[0], book.drivers["staff_cost_to_revenue"].value)
    successors = _successors(now, before, entries)
    carried = _carried(pairs, entries, set(successors))
    lines: list[_Line | None] = []
    for old, new in pairs:
        if new is not None and id(new) in entries:
            lines.append(new if come_in(new) else old)
        elif new is None and old is not None and old.role.id in successors:
            lines.append(None if come_in(successors[old.role.id]) else old)
        elif new is None and old is not None and old.role.id in carried.roles:
            lines.append(None)
        elif _handed_over(old, new):
            # A part-time or outside hire that takes a job off the owner grows in step too
            # (one full-time hire comes in whole, `_entries`); until it starts, the owner keeps it.
            lines.append(_ramped_line(None, new, ramp, book, profile) or old)
        elif any(line is not None and _by_owner(line) for line in (old, new)):
            # The owner takes a job on at once: halfway through the stage.
            lines.append(new if ramp.share >= 0.5 else old)
        else:
            lines.append(_ramped_line(old, new, ramp, book, profile, carried=carried.of(new)))
    return [line for line in lines if line is not None]


@dataclass(frozen=True)
class _Carried:
    """What the lines of this stage that grow in step carry over from roles they fold in.

    A role this stage folds into a line that grows with the volume (the very small
    business's assistant, who answered the customers, into a startup's store operator who
    answers the buyers) is one job: the person doing it carries on in the new line, which
    is that size at least from the start. Otherwise the old line would fade while the new
    one already did its work, and the team would shrink as the shop grew.
    """

    floors: dict[int, tuple[float, tuple[str, ...]]]  # id of a line of this stage: (FTE, roles it takes over)
    roles: frozenset[str]

    def of(self, line: _Line | None) -> tuple[float, tuple[str, ...]]:
        return self.floors.get(id(line), (0.0, ()))


def _carried(pairs: list[_Pair], entries: dict[int, float], succeeded: set[str]) -> _Carried:
    """The floors of `_Carried`: roles of the stage before that end with no successor coming in whole."""
    ending = {
        old.role.id: old
        for old, new in pairs
        if new is None and old is not None and not _by_owner(old) and old.role.id not in succeeded
    }
    floors: dict[int, tuple[float, tuple[str, ...]]] = {}
    growing = [new for _, new in pairs if new is not None and id(new) not in entries and not _by_owner(new)]
    for new in sorted(growing, key=lambda line: line.key):
        taken = tuple(role for role, old in ending.items() if _one_job(old, new))
        fte = round(sum(ending[role].fte for role in taken), 2)
        if taken and fte <= new.fte:  # a larger job than the new line's whole size fades in step instead
            floors[id(new)] = fte, taken
            for role in taken:  # one old line carries on in one new line only
                del ending[role]
    return _Carried(floors, frozenset(role for _, taken in floors.values() for role in taken))


def _one_job(old: _Line, new: _Line) -> bool:
    """Whether a line of the stage before and one of this stage are the same work: one covers the other's role."""
    return old.role.id in new.covers or new.role.id in old.covers


def _by_owner(line: _Line) -> bool:
    return line.engagement is Engagement.OWNER


def _successors(now: list[_Line], before: list[_Line], entries: dict[int, float]) -> dict[str, _Line]:
    """The line of this stage, coming in a single step, that takes over each role of the stage before that ends.

    A role this stage folds into another line (that line `covers` it), and one whose
    line in the stage before covered a role this stage gives its own line (the
    startup's marketer who bought the ads, before a growing shop's ads specialist):
    either way it is one job, so the old line stays whole until its successor comes in
    whole, rather than both being paid for part of the stage.
    """
    staying = {line.role.id for line in now}
    folded = {role: line for line in now for role in line.covers if id(line) in entries}
    taken_over = {
        old.role.id: line
        for old in before
        if old.role.id not in staying
        for line in now
        if line.role.id in old.covers and id(line) in entries
    }
    return taken_over | folded


@dataclass(frozen=True)
class _ComingIn:
    """Whether a hire that comes in a single step has come in at the ramp's share.

    At its place in the stage (`entries`), and once the revenue, where known, carries
    it: a post that alone costs more than the share of revenue shops spend on their
    whole staff (`staff_cost_to_revenue`) waits for the sales that pay for it.
    """

    entries: dict[int, float]
    share: float
    revenue: float | None
    staff_share: float

    def __call__(self, line: _Line) -> bool:
        carried = self.revenue is None or line.cost <= self.staff_share * self.revenue
        return self.share >= self.entries[id(line)] and carried


def _entries(pairs: list[_Pair], phases: int) -> dict[int, float]:
    """Where in the stage each role that comes in a single step does, whole: spread over the stage in turn.

    A role the stage brings in (or takes off the owner) in one ramp step, a freelancer
    a day a week, one operations director, has no smaller start; nor has the one
    full-time hire who takes a job off the owner. The stage is cut in as many equal parts
    as the plan has phases, and the hires of each phase share theirs: each comes in the
    middle of its own equal slice, in hiring order. So no point of the stage takes on a
    handful of them at once, a hire the rules leave for later comes late in the stage
    too, a first hire comes early whatever comes after it, and a shop just past the
    threshold keeps the team of the stage before. A role under a quarter post (a day a
    month of an accountant) is no step at all and comes at the threshold.
    """
    newcomers = [new for old, new in pairs if new is not None and (old is None or _handed_over(old, new))]
    tiny = {id(line): 0.0 for line in newcomers if 0 < line.fte < RAMP_STEP}
    # The owner hands a job to one full-time hire at once, not to a freelancer by the day first.
    hires = {id(new) for old, new in pairs if new is not None and _handed_over(old, new) and _one_employee(new)}
    single = sorted(
        (line for line in newcomers if RAMP_STEP <= line.fte <= _single_step(line) or id(line) in hires),
        key=lambda line: line.key,
    )
    entries = tiny
    for phase in range(1, phases + 1):
        slice_ = [line for line in single if line.phase == phase]
        for index, line in enumerate(slice_):
            entries[id(line)] = (phase - 1 + (index + 0.5) / len(slice_)) / phases
    return entries


def _single_step(line: _Line) -> float:
    """The largest size that comes into a stage as one hire, in a single step (`_entries`).

    A whole post for a role that takes no part-timer or outsider, and for a lead (or its
    size, when the lead is a part-time post); a quarter post otherwise.
    """
    if _whole_posts(line.role):
        return 1.0
    return min(1.0, line.fte) if _leads(line.rules) else RAMP_STEP


def _one_employee(line: _Line) -> bool:
    return line.engagement is Engagement.FULL_TIME and line.fte <= 1


def _handed_over(old: _Line | None, new: _Line | None) -> bool:
    """Whether the stage before leaves the role to the owner and this stage hires for it."""
    return (
        old is not None
        and old.engagement is Engagement.OWNER
        and new is not None
        and new.engagement is not Engagement.OWNER
    )


def _ramped_line(
    old: _Line | None,
    new: _Line | None,
    ramp: _Ramp,
    book: RuleBook,
    profile: ResolvedProfile,
    *,
    carried: tuple[float, tuple[str, ...]] = (0.0, ()),
) -> _Line | None:
    """A role's line between its size in the stage before and in this stage, at the ramp's share.

    Never below what today's orders already need of it, nor below the work it takes over
    (`carried`: the size, and the roles of the stage before whose work it is).
    """
    start, end = _fte_of(old), _fte_of(new)
    # Exactly the share of the way, not in steps: the team's total is then the two stages'
    # totals mixed at the ramp's share, and grows with them. Lines rounded to quarter posts
    # one by one let a line that fades (or one whose gap closes as the volume grows) step
    # down before those that grow stepped up, and the team shrank as the shop grew.
    ramped = round(start + (end - start) * ramp.share, 2)
    work = min(max(start, end), new.work) if new else 0.0
    fte = max(ramped, work, carried[0])
    note = ramp.note(start, end, fte)
    if fte > max(ramped, work):
        note = Reason.of(Code.TAKES_OVER, roles=carried[1], previous=ramp.previous.value, fte=fte)
    elif fte > ramped:
        note = Reason.of(Code.ORDER_WORK, stage=ramp.stage.value, end=end, fte=fte)
    return _resized(old, new, fte, note=note, book=book, profile=profile, nearer_new=ramp.share >= 0.5)


def _either(pair: _Pair) -> _Line:
    line = pair[1] or pair[0]
    assert line is not None  # a pair has a line in one stage at least
    return line


def _fte_of(line: _Line | None) -> float:
    return 0.0 if line is None else line.fte


def _resized(
    old: _Line | None,
    new: _Line | None,
    fte: float,
    *,
    note: Reason,
    book: RuleBook,
    profile: ResolvedProfile,
    nearer_new: bool,
) -> _Line | None:
    """The role's line at `fte`, with the engagement that suits that size and `note` saying why."""
    nearer = (new, old) if nearer_new else (old, new)
    # Someone already on the team in one stage does not wait for a later phase in between.
    phase = min(line.phase for line in (old, new) if line is not None)
    for line in nearer:  # the nearer stage's line, if the size is its
        if line is not None and fte == line.fte:
            return line if line.phase == phase else replace(line, phase=phase)
    if fte <= 0:
        return None
    base = nearer[0] or nearer[1]
    assert base is not None  # one of the two is always given
    engagement = _engagement_for(base.role, base.engagement, fte)
    full = (engagement, fte, _cost(base.role, engagement, fte, book, profile))
    return replace(
        base,
        engagement=engagement,
        fte=fte,
        phase=phase,
        options=[full, *_cheaper(base.role, base.rule, full, book, profile)],
        cost=full[2],
        notes=[*base.notes, note],
    )


def _engagement_for(role: Role, engagement: Engagement, fte: float) -> Engagement:
    """The engagement that suits a size: employees full-time from one post up, part-time below.

    Outsourced work keeps its engagement (a freelancer or an agency simply bills more
    or fewer days). Less than a post of a role that takes no part-timers goes to a
    freelancer or an agency where the role allows one; a role that allows neither comes
    in whole posts only (`_whole_posts`).
    """
    allowed = role.sourcing.engagements
    if engagement in (Engagement.FREELANCE, Engagement.AGENCY, Engagement.OWNER):
        return engagement
    if fte >= 1:
        return Engagement.FULL_TIME if Engagement.FULL_TIME in allowed else engagement
    return next((option for option in SPLITTABLE if option in allowed), engagement)


#: Engagements that can take less than a whole post.
SPLITTABLE = (Engagement.PART_TIME, Engagement.FREELANCE, Engagement.AGENCY)


def _whole_posts(role: Role) -> bool:
    """Whether the role can only be staffed by whole posts (none of its engagements splits)."""
    return not any(engagement in role.sourcing.engagements for engagement in SPLITTABLE)


def _revenue(profile: ResolvedProfile, book: RuleBook) -> tuple[float | None, list[PlanWarning]]:
    """The monthly revenue: as given, or orders per day x order value x days; and a warning if they disagree."""
    implied = None
    if profile.orders_per_day is not None and profile.average_order_value is not None:
        implied = profile.orders_per_day * profile.average_order_value * book.drivers["days_per_month"].value
    given = profile.monthly_revenue
    if given is None or implied is None:
        return (given if given is not None else implied), []
    tolerance = book.drivers["revenue_mismatch"].value
    if abs(implied - given) <= tolerance * max(given, implied):
        return given, []
    warning = PlanWarning.of(Code.REVENUE_MISMATCH, given=given, implied=round(implied, 2), currency=profile.currency)
    return given, [warning]


def _order_value_low(profile: ResolvedProfile, revenue: float | None, book: RuleBook) -> list[PlanWarning]:
    """A warning when the order value (given, or revenue per order) is below what an order costs to handle.

    Such a figure is most often a typo in the revenue or the orders, and the plan is
    sized from both. The check needs the rule book's `lowest_order_value`.
    """
    lowest = book.drivers.get("lowest_order_value")
    value = profile.average_order_value
    if value is None and revenue is not None and profile.orders_per_day:
        value = revenue / (profile.orders_per_day * book.drivers["days_per_month"].value)
    if lowest is None or value is None or value >= lowest.value:
        return []
    return [PlanWarning.of(Code.ORDER_VALUE_LOW, value=round(value, 2), lowest=lowest.value, currency=profile.currency)]


def _bring_forward(lines: list[_Line], budget: float | None) -> None:
    """Start phase 2's hires in phase 1, in hiring order, while the budget holds them beside all of phase 1.

    Only once every phase-1 line has its full size: the budget sets the pace, so money
    left over starts the next hires now rather than waiting (traffic funds the later
    phases). A strict queue, as in phase 1: more budget only ever brings more forward.
    Roles with more than one line (a step, a ramp) keep their timing; phase 3 waits.
    """
    if budget is None:
        return
    left = budget - sum(line.cost for line in lines if line.phase == 1)
    lines_of = Counter(line.role.id for line in lines)
    for line in sorted((line for line in lines if line.phase == 2), key=lambda line: line.key):
        if lines_of[line.role.id] > 1 or line.until is not None:
            continue
        if line.cost > left:
            return
        left -= line.cost
        line.notes.append(Reason.of(Code.BROUGHT_FORWARD, phase=line.phase))
        line.phase = 1


def _budget_left(team: tuple[TeamLine, ...], totals: Totals, currency: str) -> list[Reason]:
    """A note when the phase-1 budget leaves enough to start a hire the rule book times for later.

    The phases follow the articles' order of hiring, not the money; the owner may bring
    a hire forward when today's work needs it.
    """
    if totals.budget is None:
        return []
    left = round(totals.budget - totals.phase_1_monthly_cost)
    now = {line.role for line in team if line.phase == 1 and line.engagement is not Engagement.OWNER}
    fits = sorted({line.role for line in team if line.role not in now and 0 < line.monthly_cost <= left})
    return [Reason.of(Code.BUDGET_LEFT, left=left, currency=currency, roles=fits)] if fits else []


def _short_of_volume(lines: list[_Line], starters: list[_Line], deferred: list[Deferral]) -> list[PlanWarning]:
    """A warning when the budget starts or defers work today's volume already needs.

    The budget only sets the pace, but a consultant would say out loud that service or
    shipping sized by the orders will lag until the later phase.
    """
    later = {line.role.id for line in starters} | {item.role for item in deferred}
    sized = [line.role.id for line in lines if line.role.id in later and _volume_sized(line)]
    return [PlanWarning.of(Code.SHORT_OF_VOLUME, roles=sorted(set(sized)))] if sized else []


#: The quantities that make a line a crew today's volume needs (a lead sized from its team is not one).
_VOLUMES = frozenset(quantity.value for quantity in Quantity if quantity is not Quantity.ONE)


def _volume_sized(line: _Line) -> bool:
    return any(note.code is Code.FORMULA and note.params["base"] in _VOLUMES for note in line.notes)


def _cost_warnings(totals: Totals, book: RuleBook) -> list[PlanWarning]:
    """A warning when the team in the end costs more of the revenue than e-commerce businesses spend."""
    benchmark = book.drivers["staff_cost_to_revenue"]
    if totals.cost_to_revenue is None or totals.cost_to_revenue <= benchmark.value:
        return []
    low = benchmark.range[0] if benchmark.range else benchmark.value
    return [PlanWarning.of(Code.COST_ABOVE_BENCHMARK, share=totals.cost_to_revenue, low=low, high=benchmark.value)]


def _fire(book: RuleBook, facts: ProfileFacts) -> dict[str, list[Rule]]:
    """The fired rules per role, in file order."""
    fired: dict[str, list[Rule]] = {}
    for rule, test in book.tests_at(facts.profile.stage):
        if test(facts.profile):
            fired.setdefault(rule.then.role, []).append(rule)
    return fired


def _traces(book: RuleBook, facts: ProfileFacts) -> list[RuleTrace]:
    """Every rule, whether it fired, and the tests that decided it (for `--explain`)."""
    traces = []
    for rule in book.rules:
        check = evaluate(rule.when, facts) if rule.enabled else None
        traces.append(RuleTrace(rule=rule.id, role=rule.then.role, fired=bool(check and check.ok), check=check))
    return traces


def _ranked(rules: list[Rule]) -> list[Rule]:
    """The fired rules of one role, the one that decides its staffing first.

    The winner is the first rule (in file order) that no other fired rule overrides,
    preferring a rule that does not only join the line (`joins`).
    """
    overridden = {rule_id for rule in rules for rule_id in rule.overrides}
    standing = [rule for rule in rules if rule.id not in overridden]
    winner = next((rule for rule in standing if rule.then.joins is None), standing[0] if standing else rules[0])
    return [winner, *(rule for rule in rules if rule is not winner)]


@dataclass(frozen=True)
class _Sizing:
    """What lines are sized from: the rule book, the profile, and the FTE of each role sized so far."""

    book: RuleBook
    profile: ResolvedProfile
    staff: dict[str, float]


def _new_line(role: Role, rules: list[Rule], order: int, sizing: _Sizing) -> _Line:
    book, profile = sizing.book, sizing.profile
    rule = rules[0]
    action = rule.then
    asked = action.engagement or role.sourcing.engagements[0]
    notes: list[Reason] = []
    own = _fte(action.fte, asked, sizing, notes)
    fte = _joined(own, rules, asked, sizing, notes)
    # A size the rule or a joining rule works out takes the engagement that suits it
    # (a part-timer lifted to 1.5 FTE is a full-time post and a half).
    wanted = _engagement_for(role, asked, fte) if action.fte is not None or fte != own else asked
    full = (wanted, fte, _cost(role, wanted, fte, book, profile))
    options = [full, *_cheaper(role, rule, full, book, profile)]
    return _Line(
        role=role,
        rule=rule,
        rules=rules,
        order=order,
        phase=min(action.phase, len(book.phases)),
        engagement=wanted,
        fte=fte,
        options=options,
        cost=options[0][2],
        covers=list(action.covers),
        notes=notes,
        work=_order_work(rules, profile, book),
    )


def _joined(fte: float, rules: list[Rule], engagement: Engagement, sizing: _Sizing, notes: list[Reason]) -> float:
    """The line's FTE once the other fired rules that join it have added theirs or set a floor."""
    overridden = {rule_id for rule in rules for rule_id in rule.overrides}
    for other in rules[1:]:
        if other.then.joins is None or other.id in overridden:
            continue
        own = _fte(other.then.fte, engagement, sizing, notes)
        fte = round(fte + own if other.then.joins == "add" else max(fte, own), 2)
        notes.append(Reason.of(Code.JOINED, rule=other.id, joins=other.then.joins, fte=fte))
    return fte


def _cheaper(
    role: Role, rule: Rule, full: tuple[Engagement, float, float], book: RuleBook, profile: ResolvedProfile
) -> list[tuple[Engagement, float, float]]:
    """The engagements a line may fall back to, dearest first, each cheaper than the one wanted (`full`)."""
    wanted, fte, full_cost = full
    action = rule.then
    if action.fallback is not None:
        fallbacks = action.fallback
    else:
        fallbacks = tuple(engagement for engagement in role.sourcing.engagements if engagement in LIGHTER[wanted])
    options = []
    for engagement in fallbacks:
        if engagement is wanted:
            continue
        default = book.engagements[engagement].default_fte
        smaller = min(fte, default) if default > 0 else 0.0
        cost = _cost(role, engagement, smaller, book, profile)
        if cost < full_cost:
            options.append((engagement, smaller, cost))
    return sorted(options, key=lambda option: (-option[2], option[0].value))


def _fte(spec: float | Formula | None, engagement: Engagement, sizing: _Sizing, notes: list[Reason]) -> float:
    book = sizing.book
    if engagement is Engagement.OWNER:
        return 0.0
    if spec is None:
        return book.engagements[engagement].default_fte
    if not isinstance(spec, Formula):
        return float(spec)
    base_name, base = _formula_base(spec, sizing)
    if base is None:
        assumed = spec.min if spec.unknown is None else spec.unknown
        notes.append(Reason.of(Code.VOLUME_MISSING, base=base_name, fte=assumed))
        return assumed
    value, steps = _worked_out(spec, float(base), book, cost_level(sizing.profile, book))
    rounded = _rounded(spec, value)
    bounded = round(max(spec.min, rounded), 2)
    # Say when the rule's floor or ceiling, not the work, decided the size.
    limit = "min" if bounded > rounded else "max" if spec.max is not None and value > spec.max else None
    notes.append(
        Reason.of(Code.FORMULA, base=base_name, value=float(base), steps=steps, result=value, fte=bounded, limit=limit)
    )
    return bounded


def _worked_out(
    spec: Formula, base: float, book: RuleBook, level: float = 1.0
) -> tuple[float, list[dict[str, object]]]:
    """A formula's value from its base, and the steps taken (each driver multiplied or divided by).

    A figure that follows pay is taken at the plan's pay `level` (`cost_level`).
    """
    value = base
    steps: list[dict[str, object]] = []
    for op, names in (("x", spec.times), ("/", spec.per)):
        for name in names:
            driver = book.drivers[name]
            figure = driver.value * level if driver.follows_pay else driver.value
            value = value * figure if op == "x" else value / figure
            steps.append({"op": op, "driver": name, "value": figure})
    return min(value, MAX_LINE_FTE), steps


def _rounded(spec: Formula, value: float, rounding: str | None = None) -> float:
    """A formula's value in its steps (by its own rounding unless told), within its ceiling.

    Its floor (`min`) is left to the caller.
    """
    rounded = _ROUNDING[rounding or spec.rounding](round(value / spec.step, 9)) * spec.step
    return rounded if spec.max is None else min(spec.max, rounded)


def _order_work(rules: list[Rule], profile: ResolvedProfile, book: RuleBook) -> float:
    """What a line's order-sized formulas come to without their floors: the people today's orders keep busy.

    A stage's floors (a first full post, a desk's opening hours) come in step with the
    volume between stages; this much of the line never waits for that.
    """
    if profile.orders_per_day is None:
        return 0.0
    overridden = {rule_id for rule in rules for rule_id in rule.overrides}
    # Rounded down: the posts today's orders keep busy all day, not the one they start.
    sizes = [
        _rounded(spec, _worked_out(spec, profile.orders_per_day, book, cost_level(profile, book))[0], "down")
        for rule in rules
        if (rule is rules[0] or rule.then.joins) and rule.id not in overridden
        for spec in [rule.then.fte]
        if isinstance(spec, Formula) and spec.base is Quantity.ORDERS_PER_DAY
    ]
    return round(max(sizes, default=0.0), 2)


_ROUNDING: dict[str, Callable[[float], int]] = {
    "up": math.ceil,
    "down": math.floor,
    "nearest": lambda steps: math.floor(steps + 0.5),  # half up, not Python's half to even
}


def _formula_base(spec: Formula, sizing: _Sizing) -> tuple[str, float | None]:
    """What a formula starts from: a profile quantity, or the FTE of the team a lead leads (0 if none)."""
    name = _measure(spec)
    if spec.team is not None:
        return name, sizing.staff.get(spec.team, 0.0)
    if spec.base is Quantity.ONE:
        return name, 1.0
    if spec.base is Quantity.MONTHLY_REVENUE:  # as given, else orders x order value, as the totals count it
        value = _revenue(sizing.profile, sizing.book)[0]
    else:
        value = getattr(sizing.profile, name)
    return name, None if value is None else float(value)


def _measure(spec: Formula) -> str:
    """What a formula starts from: a profile quantity, or the role whose team it leads."""
    if spec.team is not None:
        return spec.team
    assert spec.base is not None  # a formula has a base or a team
    return spec.base.value


def staffing_cost(role: Role, engagement: Engagement, fte: float, book: RuleBook, profile: ResolvedProfile) -> float:
    """What `fte` of a role costs a month in an engagement, at the profile's cost level."""
    return _cost(role, engagement, fte, book, profile)


def _cost(role: Role, engagement: Engagement, fte: float, book: RuleBook, profile: ResolvedProfile) -> float:
    middle = (role.cost.min + role.cost.max) / 2
    terms = book.engagements[engagement]
    return float(round(fte * middle * terms.cost_factor * cost_level(profile, book)))


def cost_level(profile: Profile, book: RuleBook) -> float:
    """What the catalogue's bands are multiplied by: the country's level if one is given, else the region's."""
    if profile.country is not None:
        return book.countries[profile.country].multiplier
    return book.regions[profile.region or book.default_region].multiplier


def _uncovered(lines: list[_Line]) -> list[_Line]:
    """Leave each covered role on one line only, and on none while it still has a line of its own.

    Between two stages a role can keep its line while the line that takes it over
    grows in, and two lines can take the same role over (the operator going, the
    specialist coming): the larger of them covers it.
    """
    staffed = {line.role.id for line in lines}
    covering: dict[str, _Line] = {}
    for line in sorted(lines, key=lambda line: (-line.fte, line.key)):
        for role in line.covers:
            covering.setdefault(role, line)
    for line in lines:
        mine = [role for role in line.covers if role not in staffed and covering[role] is line]
        if mine != line.covers:
            line.covers = mine
            line.notes = [note for note in line.notes if note.code is not Code.ALSO_COVERS]
            if mine:
                line.notes.append(Reason.of(Code.ALSO_COVERS, roles=mine))
    return lines


def _merge_covered(lines: list[_Line], book: RuleBook, profile: ResolvedProfile) -> list[_Line]:
    """Fold covered roles into the line that covers them, in hiring order.

    The line is then as large as the largest of the lines it took in, at least: the
    work of a role its rules size (half a post of service for a better customer
    experience) does not go away because someone else's job now includes it.
    """
    by_role = {line.role.id: line for line in lines}
    dropped: set[str] = set()
    largest: dict[str, _Line] = {}
    for line in sorted(lines, key=lambda line: line.key):
        if line.role.id in dropped:
            continue
        kept = []
        for covered_id in line.covers:
            covered = by_role.get(covered_id)
            if covered is not None and covered_id not in dropped:
                if covered.rule.then.standalone:
                    continue  # its own rule keeps it a separate line
                dropped.add(covered_id)
                line.rules += [rule for rule in covered.rules if rule not in line.rules]
                if covered.fte > largest.get(line.role.id, line).fte:
                    largest[line.role.id] = covered
            kept.append(covered_id)
        line.covers = kept
        if kept:
            line.notes.append(Reason.of(Code.ALSO_COVERS, roles=kept))
    return [_covering(line, largest.get(line.role.id), book, profile) for line in lines if line.role.id not in dropped]


def _covering(line: _Line, covered: _Line | None, book: RuleBook, profile: ResolvedProfile) -> _Line:
    """`line`, grown to the size of the largest line it took in (`covered`) when that is larger."""
    if covered is None or _by_owner(line):
        return line
    note = Reason.of(Code.COVERED_WORK, roles=(covered.role.id,), fte=covered.fte)
    resized = _resized(None, line, covered.fte, note=note, book=book, profile=profile, nearer_new=True)
    assert resized is not None  # the covered line has a post, so the size is above nothing
    return resized


def _fit_budget(
    lines: list[_Line], budget: float | None, phases: int, currency: str, book: RuleBook
) -> tuple[list[Deferral], list[_Line]]:
    """Decide what starts in phase 1 within the budget; the team in the end does not change.

    Phase-1 lines join at their smallest start while the money lasts (`_members`).
    What is left then grows first the crews that today's volume already needs (lines
    sized by a volume: service seats, shipping, store operators), a post step at a
    time to the crew furthest from its full size, since orders and customers cannot
    wait for a hire. A crew's lead (a supervisor sized from it) grows with it, from the
    posts it starts with. Only once every crew has its full size do the other lines
    take, in hiring order, the most wanted engagement the money left allows. Returns
    the deferrals, and the smaller lines some roles start with before they grow to
    their full size in phase 2.
    """
    if budget is None:
        return [], []
    later = min(2, phases)
    leads = _crew_leads(lines)
    members, deferred, left = _members(lines, {id(led.lead) for led in leads}, budget, later, currency)
    crews = [line for line in members if _volume_sized(line)]
    starts = {id(line): line.smallest for line in crews}
    led = _Leads(leads, book, starts)
    left -= sum(led.cost(line, starts[id(line)][1]) for line in crews)  # the leads beside the crews' first posts
    waiting = {item.role for item in deferred}
    # Growing the crews that started while another waits for its first post would take
    # posts away from them once more money lets that one start.
    if not any(_volume_sized(line) and line.role.id in waiting for line in lines):
        left = _grow_crews(crews, starts, left, led)
    starts |= led.starts()
    full = all(starts[id(line)] == line.options[0] for line in [*crews, *led.lines])
    for line in (line for line in members if id(line) not in starts):
        affordable = (option for option in line.options if option[2] - line.min_cost <= left)
        starts[id(line)] = next(affordable, line.smallest) if full else line.smallest
        left -= starts[id(line)][2] - line.min_cost
    deferred += led.defer_unstarted(starts, later)
    starters = (_starter(line, starts[id(line)], later) for line in members if line.phase == 1)
    return deferred, [starter for starter in starters if starter is not None]


@dataclass(frozen=True)
class _CrewLead:
    """A phase-1 lead sized from a phase-1 crew (a supervisor and the packers), and the formula that sizes it."""

    lead: _Line
    crew: _Line
    spec: Formula


def _crew_leads(lines: list[_Line]) -> list[_CrewLead]:
    crews = {line.role.id: line for line in lines if line.phase == 1 and _volume_sized(line)}
    return [
        _CrewLead(line, crews[spec.team], spec)
        for line in lines
        if line.phase == 1
        for spec in [next(_team_formulas(line, crews), None)]
        if spec is not None and spec.team is not None
    ]


def _team_formulas(line: _Line, crews: dict[str, _Line]) -> Iterator[Formula]:
    for rule in line.rules:
        if isinstance(spec := rule.then.fte, Formula) and spec.team in crews:
            yield spec


_Start = tuple[Engagement, float, float]  # how a line starts in phase 1: engagement, FTE, monthly cost


class _Leads:
    """The leads that grow with their crews in phase 1, each sized from the posts its crew starts with."""

    def __init__(self, leads: list[_CrewLead], book: RuleBook, crew_starts: dict[int, _Start]) -> None:
        self.leads = leads
        self.book = book
        self.crew_starts = crew_starts  # by the crew line's id; a crew not in it has not started

    @property
    def lines(self) -> list[_Line]:
        return [led.lead for led in self.leads]

    def start(self, led: _CrewLead, crew_fte: float) -> _Start:
        """The lead's start beside `crew_fte` of its crew: its formula over those posts, at most its full size."""
        wanted, full_fte, full_cost = led.lead.options[0]
        fte = round(_rounded(led.spec, _worked_out(led.spec, crew_fte, self.book)[0]), 2)
        # A full crew has its full lead, whatever floor or ramp set that lead's size.
        if fte >= full_fte or crew_fte >= led.crew.fte:
            return led.lead.options[0]
        return _posts(wanted, fte), fte, float(round(fte * full_cost / full_fte))

    def cost(self, crew: _Line, crew_fte: float) -> float:
        """What the leads of `crew` cost beside `crew_fte` of it."""
        return sum(self.start(led, crew_fte)[2] for led in self.leads if led.crew is crew)

    def starts(self) -> dict[int, _Start]:
        return {id(led.lead): self.start(led, self._crew_fte(led.crew)) for led in self.leads}

    def _crew_fte(self, crew: _Line) -> float:
        start = self.crew_starts.get(id(crew))
        return 0.0 if start is None else start[1]

    def defer_unstarted(self, starts: dict[int, _Start], later: int) -> list[Deferral]:
        """Move to a later phase the leads whose crew starts too small to need one yet."""
        deferred = []
        for led in self.leads:
            if starts[id(led.lead)][1] > 0:
                continue
            led.lead.phase = later
            crew = led.crew.role.id
            reason = Reason.of(Code.TEAM_TOO_SMALL, phase=later, team=crew, fte=self._crew_fte(led.crew))
            led.lead.notes.append(reason)
            deferred.append(Deferral(role=led.lead.role.id, reason=reason))
        return deferred


def _members(
    lines: list[_Line], leads: set[int], budget: float, later: int, currency: str
) -> tuple[list[_Line], list[Deferral], float]:
    """The phase-1 lines that join at their smallest start, the deferrals, and the money left.

    The crews today's volume needs join first, in hiring order, the essential ones
    (the books) before the others. The essential lines no volume sizes join next,
    and the other lines, in hiring order, only from what is left once every crew, and
    the leads that grow with them (`leads`), could have its full size and the
    essential lines have started: orders and customers cannot wait for a marketer,
    nor the books. In each queue, lines join until one does not fit,
    and the later ones wait behind it even when they would fit, so that more budget
    never takes a role out of phase 1. Lines that can cost nothing always join. The
    leads join at no cost; their start follows their crew's.
    """
    queue = sorted((line for line in lines if line.phase == 1), key=lambda line: line.key)
    # The books first among the crews too, when the orders size them: they cannot wait.
    crews = sorted((line for line in queue if _volume_sized(line)), key=lambda line: not line.rule.then.essential)
    followers = [line for line in queue if id(line) in leads]
    reserve = sum(line.cost for line in [*crews, *followers])
    members, deferred, spent = _joined_in_turn(crews, budget, 0.0, later, currency)
    rest = [line for line in queue if not _volume_sized(line) and id(line) not in leads]
    essentials = [line for line in rest if line.rule.then.essential]
    firsts, late, essential_spent = _joined_in_turn(essentials, budget, reserve, later, currency)
    others = [line for line in rest if not line.rule.then.essential]
    reserve += sum(line.min_cost for line in essentials)  # the same whatever the budget: more never costs a role
    joined, waiting, other_spent = _joined_in_turn(others, budget, reserve, later, currency)
    spent += essential_spent + other_spent
    return members + followers + firsts + joined, deferred + late + waiting, budget - spent


def _joined_in_turn(
    queue: list[_Line], budget: float, reserve: float, later: int, currency: str
) -> tuple[list[_Line], list[Deferral], float]:
    """The lines of one queue that join at their smallest start beside `reserve`, the deferrals, the money spent."""
    members: list[_Line] = []
    spent = 0.0
    deferred: list[Deferral] = []
    for line in queue:
        if not deferred and reserve + spent + line.min_cost <= budget:
            members.append(line)
            spent += line.min_cost
        elif line.min_cost == 0:
            members.append(line)
        else:
            line.phase = later
            reason = _why_later(line, deferred, budget=budget, spent=spent, reserve=reserve, currency=currency)
            deferred.append(Deferral(role=line.role.id, reason=reason))
            line.notes.append(
                reason
                if reason.code is not Code.OVER_BUDGET
                else Reason.of(Code.MOVED_FOR_BUDGET, phase=line.phase, **reason.params)
            )
    return members, deferred, spent


def _why_later(
    line: _Line, deferred: list[Deferral], *, budget: float, spent: float, reserve: float, currency: str
) -> Reason:
    """Why a line leaves phase 1: it waits behind the first that did not fit, or for the crews, or it does not fit."""
    if deferred:
        return Reason.of(Code.WAITS_BEHIND, phase=line.phase, role=deferred[0].role)
    if spent + line.min_cost <= budget:
        return Reason.of(Code.CREWS_FIRST, phase=line.phase, crews=round(reserve), currency=currency)
    committed = reserve + spent
    return Reason.of(Code.OVER_BUDGET, budget=budget, needs=line.min_cost, committed=committed, currency=currency)


def _grow_crews(crews: list[_Line], starts: dict[int, _Start], left: float, leads: _Leads) -> float:
    """Grow the crews from their starts a post step at a time, until the next step does not fit.

    Each step goes to the crew furthest from its full size (the earlier in hiring order
    on a tie), and costs its post and what its leads grow by beside it. The steps come
    in the same order whatever the budget, and stop at the first that does not fit, so
    more money only ever adds posts. Returns the money still left.
    """
    while True:
        steps = [step for line in crews if (step := _next_post(line, starts[id(line)]))]
        if not steps:
            return left
        line, start = min(steps, key=lambda step: (starts[id(step[0])][1] / step[0].fte, step[0].key))
        now = starts[id(line)]
        cost = start[2] - now[2] + leads.cost(line, start[1]) - leads.cost(line, now[1])
        if cost > left:
            return left
        left -= cost
        starts[id(line)] = start


def _next_post(line: _Line, start: _Start) -> tuple[_Line, _Start] | None:
    """A crew's start with one more post step (the last one to its full size, however small), or None when full."""
    wanted, full_fte, full_cost = line.options[0]
    if start[1] >= full_fte:
        return None
    fte = round(start[1] + _post_step(line.role, wanted), 2)
    if fte >= full_fte:
        return line, line.options[0]
    return line, (_posts(wanted, fte), fte, float(round(fte * full_cost / full_fte)))


def _quarter_post(option: tuple[Engagement, float, float]) -> tuple[Engagement, float, float]:
    """A part-time engagement cut to a quarter post; any other as it is."""
    engagement, fte, cost = option
    if engagement is not Engagement.PART_TIME or fte <= RAMP_STEP:
        return option
    return engagement, RAMP_STEP, float(round(cost / fte * RAMP_STEP))


def _post_step(role: Role, wanted: Engagement) -> float:
    """The smallest share of a crew's posts that starts on its own: a half post where part-time is allowed."""
    splits = wanted is not Engagement.FULL_TIME or Engagement.PART_TIME in role.sourcing.engagements
    return 0.5 if splits else 1.0


def _posts(wanted: Engagement, fte: float) -> Engagement:
    """The engagement for `fte` posts of a crew wanted at `wanted`: under one post, part-time."""
    return Engagement.PART_TIME if wanted is Engagement.FULL_TIME and fte < 1 else wanted


def _starter(line: _Line, start: tuple[Engagement, float, float], later: int) -> _Line | None:
    """The phase-1 line a role starts with when it starts smaller (None when it starts at full size)."""
    engagement, fte, cost = start
    if (engagement, fte) == (line.engagement, line.fte) or later == line.phase:
        return None
    full = Reason.of(Code.STEPS_UP, engagement=line.engagement.value, fte=round(line.fte, 2), phase=later)
    if engagement is line.engagement:
        lead = Reason.of(Code.BUDGET_PART, fte=fte, wanted=round(line.fte, 2))
    else:
        lead = Reason.of(Code.BUDGET_FALLBACK, engagement=engagement.value, wanted=line.engagement.value)
    line.phase = later
    return replace(line, phase=1, engagement=engagement, fte=fte, cost=cost, notes=[full], lead=lead, until=later)


def _interim_lines(lines: Iterable[_Line], started: frozenset[str] | set[str] = frozenset()) -> list[_Line]:
    """The owner's lines for roles whose hire comes later, unless the budget already starts one in phase 1."""
    return [
        replace(
            line,
            phase=1,
            engagement=Engagement.OWNER,
            fte=0.0,
            cost=0.0,
            covers=[],
            notes=[],
            lead=Reason.of(Code.INTERIM_OWNER, engagement=line.engagement.value, phase=line.phase),
            until=line.phase,
        )
        for line in lines
        if line.phase > 1 and line.rule.then.interim == "owner" and line.role.id not in started
    ]


def _team_line(line: _Line) -> TeamLine:
    own = Reason.of(Code.RULE, rule=line.rule.id)
    others = [Reason.of(Code.RULE, rule=rule.id) for rule in line.rules if rule is not line.rule]
    reasons = [*([line.lead] if line.lead else []), own, *line.notes, *others]
    return TeamLine(
        role=line.role.id,
        name=line.role.name,
        fte=round(line.fte, 2),
        sourcing=line.engagement.sourcing,
        engagement=line.engagement,
        phase=line.phase,
        monthly_cost=line.cost,
        until_phase=line.until,
        covers=tuple(line.covers),
        reasons=tuple(reasons),
        rules=tuple(rule.id for rule in line.rules),
    )


def _phases(team: tuple[TeamLine, ...], book: RuleBook) -> tuple[PhaseLine, ...]:
    return tuple(
        PhaseLine(
            phase=spec.phase,
            label=spec.label,
            start_month=spec.start_month,
            end_month=spec.end_month,
            roles=tuple(line.role for line in team if line.phase == spec.phase),
            monthly_cost=sum(line.monthly_cost for line in team if _active(line, spec.phase)),
        )
        for spec in book.phases
    )


def _active(line: TeamLine, phase: int) -> bool:
    """Whether a line is part of the team during `phase`."""
    return line.phase <= phase and (line.until_phase is None or line.until_phase > phase)


def _totals(all_lines: tuple[TeamLine, ...], budget: float | None, revenue: float | None) -> Totals:
    """The team in the end (lines that no later line replaces), and what phase 1 costs."""

    def total(values: Iterable[float]) -> float:
        return round(sum(values), 2)

    team = [line for line in all_lines if line.until_phase is None]
    revenue = None if revenue is None else round(revenue, 2)
    inside = [line for line in team if line.sourcing is Sourcing.IN_HOUSE]
    outside = [line for line in team if line.sourcing is Sourcing.OUTSOURCE]
    monthly = total(line.monthly_cost for line in team)
    return Totals(
        fte=total(line.fte for line in team),
        in_house_fte=total(line.fte for line in inside),
        outsource_fte=total(line.fte for line in outside),
        monthly_cost=monthly,
        in_house_monthly_cost=total(line.monthly_cost for line in inside),
        outsource_monthly_cost=total(line.monthly_cost for line in outside),
        phase_1_monthly_cost=total(line.monthly_cost for line in all_lines if _active(line, 1)),
        budget=budget,
        within_budget=None if budget is None else monthly <= budget,
        monthly_revenue=revenue,
        cost_to_revenue=round(monthly / revenue, 4) if revenue else None,
    )
