"""English words for the core's codes: the one place a `Reason` or a `Check` becomes text.

A `Words` is made per result from the rule book the plan came from, since a rule's
own reason is text in the rule book. Labels shared by several formats (money,
months, staffing) live here too, so each is worded once.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ecomteam.codes import Code
from ecomteam.i18n import N_, _, current, current_territory, joined, ngettext
from ecomteam.terms import term
from ecomteam.vocab import Channel, Engagement, Goal, Language, Stage

if TYPE_CHECKING:
    from datetime import date

    from ecomteam.plan import Check, PhaseLine, Plan, Reason, TeamLine


#: The Babel locale each language formats numbers, money and dates with (English keeps ecomteam's own style).
BABEL_LOCALES = {Language.ES: "es_ES", Language.ZH: "zh_Hans_CN", Language.PL: "pl_PL", Language.IT: "it_IT"}


def _babel_locale() -> str | None:
    language, territory = current(), current_territory()
    if language is Language.EN:
        return None  # English keeps ecomteam's own style, without Babel
    return f"{language.value}_{territory}" if territory else BABEL_LOCALES[language]


def number(value: float) -> str:
    """A figure as people write it: no exponent, no trailing zeros, thousands apart (1,000,000; 0.25; es 1.000,5)."""
    locale = _babel_locale()
    if locale is not None:
        from babel.numbers import format_decimal

        return format_decimal(round(value, 6) + 0.0, format="#,##0.######", locale=locale)
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(share: float) -> str:
    """A share as a percentage, with a decimal only where it tells (20%, 20.2%: not 20% beside 10-20%)."""
    locale = _babel_locale()
    if locale is not None:
        from babel.numbers import format_percent

        return format_percent(share, format="#,##0.#%", locale=locale)
    return f"{share:.1%}".replace(".0%", "%")


def money(amount: float, currency: str, decimals: int = 0) -> str:
    """An amount of money as the reader's language writes it: `EUR 1,331`; es `1.331 €`, pl `1 331 zł`, zh `€1,331`."""
    locale = _babel_locale()
    if locale is None:
        return f"{currency} {amount:,.{decimals}f}"
    from babel import Locale
    from babel.numbers import format_currency

    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace(".00", ".00" if decimals else "")
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


def month_year(day: date, *, full: bool = False) -> str:
    """A month as the reader's language names it: `Mar 2027` (`March 2027` in full); es `mar 2027`, zh `2027年3月`."""
    locale = _babel_locale()
    if locale is None:
        return f"{day:%B %Y}" if full else f"{day:%b %Y}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM" if full else "yMMM", day, locale=locale)


def day_month(day: date, *, year: bool = False) -> str:
    """A day as the reader's language writes it: `24 Nov` (`24 Nov 2027` with the year)."""
    locale = _babel_locale()
    if locale is None:
        return f"{day:%d %b %Y}" if year else f"{day:%d %b}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd" if year else "MMMd", day, locale=locale)


@dataclass(frozen=True)
class Money:
    """An amount in a template: `{left}` is written with `money`, `{value:,.2f}` with cents."""

    amount: float
    currency: str

    def __format__(self, spec: str) -> str:
        """`money` of the amount; a spec ending in `.2f` keeps the cents."""
        return money(self.amount, self.currency, 2 if spec.endswith(".2f") else 0)


class _Figures(string.Formatter):
    """Fills templates, writing each `{name:g}` figure with `number` and each `{name:%}` share with `percent`."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in ("g", "%") and isinstance(value, int | float) and not isinstance(value, bool):
            return number(value) if format_spec == "g" else percent(value)
        if format_spec.endswith("%") and isinstance(value, int | float) and _babel_locale():
            return percent(round(value, 2) if format_spec == ".0%" else value)
        if format_spec.startswith(",") and isinstance(value, int | float) and _babel_locale():
            return number(round(value, 2 if format_spec.endswith(".2f") else 0))
        return str(super().format_field(value, format_spec))


_FIGURES = _Figures()


def months_text(phase: PhaseLine) -> str:
    """Format a phase's months, e.g. `0-3` or `12+`."""
    return f"{phase.start_month}+" if phase.end_month is None else f"{phase.start_month}-{phase.end_month}"


def _spaced(name: str) -> str:
    return name.replace("_", " ")


#: Codes worded by filling in their parameters (numbers, and lists joined with commas).
_TEMPLATES: dict[Code, str] = {
    Code.INTERIM_OWNER: N_("The owner covers this role until the {engagement} hire in phase {phase}."),
    Code.VOLUME_MISSING: N_("{base} not given: {fte:g} FTE assumed"),
    Code.ALSO_COVERS: N_("also covers {roles}"),
    Code.PRICED_IN: N_(
        "costs are in {currency}, converted from the catalogue's {base} bands at {rate:g} {currency} per {base} "
        "({date})"
    ),
    Code.PLATFORM_CHANNEL: N_("{platform} sells through the {channel} channel, so the plan includes that channel"),
    Code.PLATFORM_UNKNOWN: N_(
        "platform {platform} is not one the rule book knows ({known}); the plan does not depend on it"
    ),
    Code.PLATFORM_UNNAMED: N_(
        "no --platform was given, so the marketplace stores are planned as article 002's: an operator for each "
        "store; on a listing marketplace ({listing}) one person runs several, so name it with --platform"
    ),
    Code.BUDGET_LEFT: N_(
        "{left} of the phase 1 budget is left: enough to start a later hire sooner than the "
        "articles' order of hiring, if today's work needs it (any one of {roles})"
    ),
    Code.RAMPED: N_(
        "{fte:g} FTE: {share:.0%} of the way from the {previous} size ({start:g}) to the {stage} size ({end:g})"
    ),
    Code.ORDER_WORK: N_("{fte:g} FTE: today's orders already keep that many busy, of the {stage} size ({end:g})"),
    Code.COVERED_WORK: N_("{fte:g} FTE: the work of {roles}, which this role covers, needs that much"),
    Code.TAKES_OVER: N_("{fte:g} FTE: the work of {roles} at the {previous} stage, which this role takes over"),
    Code.STEPS_UP: N_("Grows to {engagement} {fte:g} FTE in phase {phase}."),
    Code.BUDGET_PART: N_("Starts with {fte:g} of its {wanted:g} FTE to fit the phase 1 budget."),
    Code.BROUGHT_FORWARD: N_(
        "starts in phase 1, not in phase {phase} as the articles time it: the budget holds all of phase 1 and this too"
    ),
    Code.WAITS_BEHIND: N_(
        "moved to phase {phase}: it waits for {role}, which comes first in the hiring order and does not fit "
        "the phase 1 budget"
    ),
    Code.CREWS_FIRST: N_(
        "moved to phase {phase}: the phase 1 budget goes first to the staff today's orders need "
        "({crews} a month at their full size)"
    ),
    Code.TEAM_TOO_SMALL: N_(
        "moved to phase {phase}: the {fte:g} FTE of {team} the phase 1 budget starts are too few to need a lead"
    ),
    Code.OVER_BUDGET: N_(
        "does not fit the phase 1 budget of {budget}: it needs at least {needs} "
        "a month and {committed} is already committed"
    ),
    Code.STAGE_DISAGREES: N_(
        "the stage was given as {given}, though the volumes suggest {suggested}; the plan follows the stage given"
    ),
    Code.COST_ABOVE_BENCHMARK: N_(
        "the full team would cost {share:%} of revenue; e-commerce businesses spend about {low:.0%}-{high:.0%} "
        "on staff, software and compliance together"
    ),
    Code.MEASURES_DISAGREE: N_(
        "the orders per day are a {orders} shop's and the monthly revenue a {revenue} shop's: the plan takes "
        "the stage between ({stage}); check both figures, or give --stage"
    ),
    Code.ORDER_VALUE_LOW: N_(
        "the order value is {value:,.2f}, too little to pay for picking, packing and shipping an "
        "order (the rule book's floor is {lowest}); check the revenue and the orders per day, "
        "since the plan is sized from them"
    ),
    Code.REVENUE_MISMATCH: N_(
        "the monthly revenue given ({given}) is far from orders per day x average order value "
        "({implied}); the plan uses the revenue given"
    ),
    Code.SHORT_OF_VOLUME: N_(
        "the phase 1 budget starts {roles} smaller or later than today's volume needs; until they reach their size "
        "in a later phase, that work will lag"
    ),
    Code.OWNER_AS_PLANNED: N_("by {people}, the owner, as the plan expects"),
    Code.NOBODY: N_("nobody covers it"),
    Code.SHORT: N_("{held:g} of {needed:g} FTE ({people})"),
    Code.SIDE_JOB: N_("only as a side job of {people}"),
    Code.COVERED_BY: N_("by {people}"),
    Code.STAYS_WITH_OWNER: N_("Stays with the owner ({people})."),
    Code.OWNER_COVERS: N_("The owner covers it."),
    Code.STAYS: N_("Stays: covered {coverage}."),
    Code.ADDED_PARTLY: N_("Added in phase {phase}: today {coverage}."),
    Code.ADDED_MISSING: N_("Added in phase {phase}: nobody covers it today."),
    Code.NOT_IN_PLAN: N_("not in the plan yet"),
    Code.OWNER_BY_PLAN: N_("the plan leaves it to the owner"),
    Code.PLANNED: N_("{engagement} {fte:g} FTE in the plan"),
}
_TEMPLATES[Code.MOVED_FOR_BUDGET] = N_(
    "moved to phase {phase}: does not fit the phase 1 budget of {budget}: it needs at least {needs} a month "
    "and {committed} is already committed"
)

#: Parameters that hold role ids (one, or a list).
_ROLE_PARAMETERS = frozenset({"role", "roles", "team"})
#: Parameters that hold an amount of money, written in the plan's currency.
_MONEY_PARAMETERS = frozenset({"left", "crews", "budget", "needs", "committed", "value", "lowest", "given", "implied"})
#: Parameters that hold a code of a vocabulary, named for the reader.
_CODE_PARAMETERS = {
    "engagement": Engagement, "wanted": Engagement, "stage": Stage, "previous": Stage, "given": Stage,
    "suggested": Stage, "orders": Stage, "revenue": Stage, "channel": Channel,
}  # fmt: skip

#: Profile fields and rule-book figures as a reader names them (`base` and `driver` in formulas).
FIELD_NAMES = {
    "orders_per_day": N_("orders per day"),
    "monthly_revenue": N_("monthly revenue"),
    "stores": N_("stores"),
    "skus": N_("SKUs"),
    "live_rooms": N_("live rooms"),
    "budget": N_("budget"),
    "category": N_("category"),
    "platform": N_("platform"),
    "goal": N_("goal"),
    "goals": N_("goals"),
    "channels": N_("channels"),
    "fulfilment": N_("fulfilment"),
    "one": N_("one"),
}


def field_name(name: str) -> str:
    """A profile field or a rule-book figure as the reader names it (`tickets_per_order`: tickets per order)."""
    known = FIELD_NAMES.get(name)
    return _(known) if known is not None else _(_spaced(name))


def _named_value(field: str, value: object) -> object:
    """A goal as its name; other values as given."""
    return term(Goal(value)) if field == "goal" and isinstance(value, str) and value in set(Goal) else value


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A note worded to follow "Note:", standing on its own: capitalised."""
    return _capitalized(text)


@dataclass(frozen=True)
class Words:
    """Words for one result: codes to the reader's language, with the rule book's own rule reasons."""

    rule_reasons: Mapping[str, str]
    left_out: Mapping[str, str] = field(default_factory=dict)  # per category, the work its plans do not staff
    role_names: Mapping[str, str] = field(default_factory=dict)  # a reader sees names, never role ids
    categories: Mapping[str, str] = field(default_factory=dict)  # a kind of business by its label

    def reason(self, reason: Reason) -> str:
        """Word a reason."""
        composed = self._composed.get(reason.code)
        if composed is not None:
            return composed(self, reason.params)
        return _FIGURES.format(_(_TEMPLATES[reason.code]), **self._filled(reason.params))

    def _filled(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Parameters ready for a template: lists joined, nested reasons worded, codes and amounts for the reader."""
        filled = {key: self._fill(key, value) for key, value in params.items()}
        currency = params.get("currency")
        if isinstance(currency, str):
            for key in _MONEY_PARAMETERS & filled.keys():
                if isinstance(filled[key], int | float):
                    filled[key] = Money(filled[key], currency)
        return filled

    def _fill(self, key: str, value: Any) -> Any:
        if key in _ROLE_PARAMETERS:
            value = [self.role_names.get(role, role) for role in ([value] if isinstance(value, str) else value)]
        elif key in _CODE_PARAMETERS and isinstance(value, str) and value in set(_CODE_PARAMETERS[key]):
            return term(_CODE_PARAMETERS[key](value))
        if isinstance(value, tuple | list):
            return joined(map(str, value))
        if key == "coverage":
            return self.reason(value)
        return field_name(value) if key == "base" else value

    def _rule(self, params: Mapping[str, Any]) -> str:
        return self.rule_reasons.get(params["rule"], params["rule"])

    def _fallback(self, params: Mapping[str, Any]) -> str:
        engagement, wanted = Engagement(params["engagement"]), Engagement(params["wanted"])
        template = (
            _("{engagement} instead of {wanted} to fit the phase 1 budget (the owner covers it).")
            if engagement is Engagement.OWNER
            else _("{engagement} instead of {wanted} to fit the phase 1 budget.")
        )
        return _capitalized(template.format(engagement=term(engagement), wanted=term(wanted)))

    def _formula(self, params: Mapping[str, Any]) -> str:
        steps = [f"{field_name(params['base'])} {number(params['value'])}"]
        steps += [f"{step['op']} {field_name(step['driver'])} {number(step['value'])}" for step in params["steps"]]
        if params["base"] == "one" and params["steps"]:  # a fixed crew: its first figure is the base
            steps = [steps[1].removeprefix("x "), *steps[2:]]
        limit = {"min": _(" (the rule's floor)"), "max": _(" (the rule's ceiling)")}.get(params.get("limit") or "", "")
        value = params["result"]
        result = f"{value:.2f}" if current() is Language.EN else number(round(value, 2))
        return _("{steps} = {result}, so {fte} FTE{limit}").format(
            steps=" ".join(steps), result=result, fte=number(params["fte"]), limit=limit
        )

    def _joined(self, params: Mapping[str, Any]) -> str:
        template = (
            _("the {rule} rule adds its own headcount: {fte} FTE in all")
            if params["joins"] == "add"
            else _("the {rule} rule sets the least headcount: {fte} FTE in all")
        )
        # A reader gets the rule's subject in words (service-desk-opening-hours: "the service desk opening hours").
        return template.format(rule=_spaced(params["rule"].replace("-", " ")), fte=number(params["fte"]))

    def _stage_inferred(self, params: Mapping[str, Any]) -> str:
        used = []
        for measure in params["measures"]:
            starts = ", ".join(
                _("{stage} from {start}").format(stage=term(Stage(stage)), start=number(round(start)))
                for stage, start in measure["starts"].items()
            )
            used.append(f"{field_name(measure['measure'])} {number(round(measure['value']))} ({starts})")
        return _("stage {stage} inferred from {measures}; give --stage to override").format(
            stage=term(Stage(params["stage"])), measures=_(" and ").join(used)
        )

    def _category_scope(self, params: Mapping[str, Any]) -> str:
        left_out = self.left_out.get(params["category"], "")
        return _("for {category}, the plan does not staff {left_out}").format(
            category=self.categories.get(params["category"], params["category"]), left_out=left_out
        )

    def _stage_ramp(self, params: Mapping[str, Any]) -> str:
        stage = term(Stage(params["stage"]))
        # Under half a percent reads as "0% of the way", which says nothing.
        template = (
            _(
                "the volumes have only just reached the {stage} stage: the roles it adds come in, and those it "
                "replaces go, in step with them, so the team grows without a jump at the threshold"
            )
            if params["share"] < 0.005
            else _(
                "the volumes are {share} of the way through the {stage} stage: the roles it adds come in, and "
                "those it replaces go, in step with them, so the team grows without a jump at the threshold"
            )
        )
        return template.format(stage=stage, share=percent(round(params["share"], 2)))

    def _no_effect(self, params: Mapping[str, Any]) -> str:
        field, value = params["field"], params["value"]
        if isinstance(value, int | float):
            why = (
                _("the roles it sizes are still at their least size")
                if params["covered"]
                else _("no role at this stage is sized by it")
            )
            value = number(value)
        elif field == "category":
            why = _("none of the figures it changes sizes a role at this stage")
            value = self.categories.get(str(value), value)
        elif params["covered"]:
            why = _("the team this stage needs already does that work")
        else:
            why = _("the rule book has no rule for it here")
        return _("{field} {value} changes nothing at the {stage} stage: {why}").format(
            field=field_name(field), value=_named_value(field, value), stage=term(Stage(params["stage"])), why=why
        )

    def _owner_keeps(self, params: Mapping[str, Any]) -> str:
        roles = self._fill("roles", params["roles"])
        match params["base"]:
            case "orders_per_day":
                template = _(
                    "at today's orders the work of {roles} comes to less than a quarter post, so the owner keeps it "
                    "until the orders grow"
                )
            case "monthly_revenue":
                template = _(
                    "today's revenue does not yet pay for {roles}, so the owner keeps that work until sales grow"
                )
            case _:
                template = _("at today's volume the work of {roles} does not make a post yet, so the owner keeps it")
        return template.format(roles=roles)

    def _owner_until(self, params: Mapping[str, Any]) -> str:
        until = params["until"]
        match params["base"]:
            case "orders_per_day":
                return _("The owner keeps this work until the orders reach some {until} a day.").format(
                    until=number(until)
                )
            case "monthly_revenue":
                return _("The owner keeps this work until the revenue reaches some {until} a month.").format(
                    until=money(until, params["currency"])
                )
            case base:
                return _("The owner keeps this work until {measure} reaches some {until}.").format(
                    measure=field_name(base), until=number(until)
                )

    #: Codes whose wording is put together from several parts.
    _composed: ClassVar[dict[Code, Callable[[Words, Mapping[str, Any]], str]]] = {
        Code.RULE: _rule,
        Code.BUDGET_FALLBACK: _fallback,
        Code.FORMULA: _formula,
        Code.JOINED: _joined,
        Code.STAGE_INFERRED: _stage_inferred,
        Code.NO_EFFECT: _no_effect,
        Code.STAGE_RAMP: _stage_ramp,
        Code.CATEGORY_SCOPE: _category_scope,
        Code.OWNER_KEEPS: _owner_keeps,
        Code.OWNER_UNTIL: _owner_until,
    }

    def check(self, check: Check | None) -> str:
        """Word how a condition came out (`disabled` for a rule that was not evaluated)."""
        if check is None:
            return _("disabled")
        match check.kind:
            case "always":
                return _("always")
            case "leaf":
                return _leaf(check)
            case "not":
                return _("not ({condition})").format(condition=self.check(check.children[0]))
            case "all":
                return _(" and ").join(self.check(child) for child in check.children)
            case "any":
                joined = "; ".join(self.check(child) for child in check.children)
                return joined if check.ok else _("none of: {conditions}").format(conditions=joined)
        raise AssertionError(check.kind)  # pragma: no cover - the kinds are closed

    def why(self, line: TeamLine) -> str:
        """A line's first reason, the one a table shows, as a sentence (a note's wording may lead)."""
        return sentence(self.reason(line.reasons[0]))

    def reasons(self, line: TeamLine) -> list[str]:
        """All of a line's reasons, worded, without repeats."""
        return list(dict.fromkeys(self.reason(reason) for reason in line.reasons))


def _leaf(check: Check) -> str:
    wanted = f"{check.field} {check.op} {_shown(check.value)}"
    if isinstance(check.actual, tuple | list):
        actual = ", ".join(map(str, check.actual)) or _("none")
    else:
        actual = _shown(check.actual) if check.actual is not None else _("not given")
    return _("{condition} (is {actual})").format(condition=wanted, actual=actual)


def _shown(value: object) -> str:
    """Format a condition value the way rule files write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, tuple | list):
        return ", ".join(_shown(item) for item in value)
    return str(value)


def engagement_text(line: TeamLine, name: Callable[[str], str]) -> str:
    """A line's engagement and, by `name`, the other roles the same person covers."""
    if not line.covers:
        return term(line.engagement)
    return _("{engagement}, also covers {roles}").format(
        engagement=term(line.engagement), roles=joined(map(name, line.covers))
    )


def fte_text(line: TeamLine) -> str:
    """How a line is held, e.g. `full-time 1 FTE`; the owner's lines have no size."""
    if line.engagement is Engagement.OWNER:
        return term(line.engagement)
    return _("{engagement} {fte} FTE").format(engagement=term(line.engagement), fte=number(line.fte))


def staffing_labels(plan: Plan) -> dict[str, str]:
    """Per role, how it is staffed over the phases, e.g. `owner, phase 1; then full-time 1 FTE, phase 3`."""
    staffing: dict[str, list[str]] = {}
    for line in plan.team:
        staffing.setdefault(line.role, []).append(
            _("{held}, phase {phase}").format(held=fte_text(line), phase=line.phase)
        )
    return {role: _("; then ").join(parts) for role, parts in staffing.items()}


def summary_rows(plan: Plan) -> list[tuple[str, str]]:
    """The plan in a few labelled lines: the team, and what phase 1 and the full plan cost."""
    currency, totals = plan.profile.currency, plan.totals
    roles = len({line.role for line in plan.team})
    owned = sum(line.engagement is Engagement.OWNER for line in plan.team)
    team = ngettext("{count} role", "{count} roles", roles).format(count=roles)
    if owned:
        team = ngettext("{roles}, {count} held by the owner", "{roles}, {count} held by the owner", owned).format(
            roles=team, count=owned
        )
    outside = (
        _("{fte} of it outsourced").format(fte=number(totals.outsource_fte))
        if totals.outsource_fte
        else _("all in-house")
    )
    phase_1 = _("{amount} a month").format(amount=money(totals.phase_1_monthly_cost, currency))
    if totals.budget is not None:
        phase_1 = _("{amount} a month against a budget of {budget}").format(
            amount=money(totals.phase_1_monthly_cost, currency), budget=money(totals.budget, currency)
        )
    full = {
        True: _("{amount} a month, within the budget"),
        False: _("{amount} a month, which growth must fund"),
        None: _("{amount} a month"),
    }[totals.within_budget].format(amount=money(totals.monthly_cost, currency))
    if totals.cost_to_revenue is not None and totals.monthly_revenue is not None:
        full = _("{cost}; {share} of a monthly revenue of {revenue}").format(
            cost=full, share=percent(totals.cost_to_revenue), revenue=money(totals.monthly_revenue, currency)
        )
    rows = [
        (_("Team"), _("{team}; {fte} FTE, {outside}").format(team=team, fte=number(totals.fte), outside=outside)),
        (_("Phase 1"), phase_1),
        (_("Full plan"), full),
    ]
    # Warnings are shown in full right after these rows; the row says when there are none.
    return rows if plan.warnings else [*rows, (_("Warnings"), _("none"))]
