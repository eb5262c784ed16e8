"""ecomteam as a library, for notebooks and services: plans, assessments and their text.

This module is the stable API: its names and signatures keep working across minor
versions. Nothing here prints, exits or reads environment variables; the bundled
catalogue and rule book are used unless `load` is given others. Every error a caller
can cause is an `ecomteam.errors.EcomteamError` whose message names the field (and,
for files, the line).

    from ecomteam import api

    plan = api.recommend({"stage": "startup", "goals": ["traffic"], "budget": 2000})
    plan.totals.monthly_cost                # the full team's monthly run-rate
    [line.role for line in plan.team]       # role ids, in rollout order
    print(api.render(plan, "markdown"))     # or "json", "yaml", "csv", "table", "html", "svg"
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecomteam.assess import Assessment
from ecomteam.plan import Plan
from ecomteam.profile import Profile
from ecomteam.vocab import Language, OutputFormat

if TYPE_CHECKING:
    from ecomteam.catalogue import RoleIndex
    from ecomteam.compare import Comparison
    from ecomteam.rulebook import RuleBook

__all__ = ["Assessment", "Knowledge", "Plan", "Profile", "assess", "load", "recommend", "render"]


@dataclass(frozen=True)
class Knowledge:
    """A role catalogue and the rule book checked against it: what every plan is built from."""

    roles: RoleIndex
    rules: RuleBook


def load(catalogue: str | Path | None = None, rules: str | Path | None = None) -> Knowledge:
    """Read a catalogue and a rule book (the bundled ones where a path is not given).

    Raises:
        InputFileError: A file is missing or unreadable.
        DataError: A file is not a valid catalogue or rule book; every problem with its line.
    """
    from ecomteam.bundled import bundled
    from ecomteam.catalogue import index_roles, parse_catalogue
    from ecomteam.files import bundled_rules_path, read_text
    from ecomteam.rulebook import parse_rulebook

    if catalogue is None and rules is None:  # validated once per process; no cache on disk
        shipped = bundled(None)
        return Knowledge(index_roles(shipped.catalogue), shipped.book)
    if catalogue is None:
        index = index_roles(bundled(None).catalogue)
    else:
        index = index_roles(parse_catalogue(read_text(Path(catalogue), "catalogue"), str(catalogue)))
    rules_path = Path(rules) if rules is not None else bundled_rules_path()
    book = parse_rulebook(read_text(rules_path, "rule book"), str(rules_path), index.catalogue)
    return Knowledge(index, book)


@functools.cache
def _bundled() -> Knowledge:
    return load()


def recommend(
    profile: Mapping[str, Any] | Profile, knowledge: Knowledge | None = None, *, start: date | None = None
) -> Plan:
    """The team a business needs: a `Plan`, the same one `ecomteam recommend` prints.

    Args:
        profile: A `Profile`, or a mapping with its fields as in a profile file
            (`stage`, `budget`, `goals`, `channels`, `orders_per_day`, ...; `months`,
            `growth` and `peaks` add a timeline).
        knowledge: From `load`; the bundled catalogue and rule book when left out.
        start: The first day of the plan, for a timeline; the 1st of next month when left out.

    Raises:
        DataError: A field is missing a stage and volumes, or holds a bad value; the message names it.
    """
    from ecomteam.currency import priced_for
    from ecomteam.engine import build_plan
    from ecomteam.months import first_of_next_month

    known = knowledge or _bundled()
    first = start or first_of_next_month(date.today())
    business, index, book = priced_for(_profile(profile), known.roles, known.rules)
    return build_plan(business, index.catalogue, book, start=first)


def assess(plan: Plan, team: Mapping[str, Any], knowledge: Knowledge | None = None) -> Assessment:
    """Compare the team a business has with its plan: coverage, overload, next hires, cost of the gaps.

    Args:
        plan: From `recommend`, built with the same knowledge.
        team: A mapping shaped like a team file: `{"people": [{"name": ..., "roles": [...]}, ...]}`.
        knowledge: From `load`; the bundled catalogue and rule book when left out.

    Raises:
        DataError: The team is malformed or names roles the catalogue does not have.
    """
    from ecomteam.assess import assess as compare
    from ecomteam.assess import parse_team

    known = knowledge or _bundled()
    people, roles_of = parse_team(_as_text(team), "team", known.roles)
    return compare(plan, people, roles_of, known.roles, known.rules)


def compare(
    scenarios: Mapping[str, Mapping[str, Any] | Profile],
    knowledge: Knowledge | None = None,
    *,
    start: date | None = None,
) -> Comparison:
    """Several scenarios side by side: each one's plan, and where their teams and totals differ.

    Args:
        scenarios: Each scenario's name and its profile (a `Profile` or a mapping of profile-file fields),
            e.g. `{"budget 2000": {..., "budget": 2000}, "budget 5000": {..., "budget": 5000}}`. They are
            priced in the first scenario's currency, so their costs compare.
        knowledge: From `load`; the bundled catalogue and rule book when left out.
        start: The first day of the plans, for timelines; the 1st of next month when left out.

    Raises:
        UsageError: Fewer than two scenarios, or too many.
        DataError: A profile holds a bad value; the message names it.
    """
    from ecomteam.compare import compare as compare_scenarios
    from ecomteam.currency import priced_for
    from ecomteam.months import first_of_next_month

    known = knowledge or _bundled()
    profiles = [(name, _profile(profile)) for name, profile in scenarios.items()]
    if not profiles:
        return compare_scenarios([], known.roles.catalogue, known.rules, start or first_of_next_month(date.today()))
    priced, index, book = priced_for(profiles[0][1], known.roles, known.rules)
    currency = {"currency": priced.currency}
    chosen: list[tuple[str, dict[str, object], Profile]] = [
        (name, {}, profile.replaced(currency)) for name, profile in profiles
    ]
    return compare_scenarios(chosen, index.catalogue, book, start or first_of_next_month(date.today()))


def render(
    result: Plan | Assessment | Comparison,
    format: str = "json",
    *,
    knowledge: Knowledge | None = None,
    start: date | None = None,
    explain: bool = False,
    org_chart: bool = False,
    lang: str = "en",
) -> str | bytes:
    """A plan, an assessment or a comparison as text, as `ecomteam --format FORMAT` writes it (bytes for xlsx).

    Args:
        result: From `recommend`, `assess` or `compare`.
        format: json, yaml, markdown, csv, table (plain text), html, svg or xlsx (the bytes of the workbook).
        knowledge: The one the result was built with; the bundled one when left out.
        start: First day of the rollout in the markdown gantt chart; the 1st of next month when left out.
        explain: Add every rule, whether it fired and why (plans only).
        org_chart: Add the org chart (plans only).
        lang: The language of the words: en, es, zh, pl or it (keys and codes stay English in JSON and YAML),
            with a country for its way of writing numbers if wanted (`es-MX`: 1,500.50).

    Raises:
        UsageError: An unknown format or language.
    """
    from ecomteam import output
    from ecomteam.currency import priced_for
    from ecomteam.errors import UsageError
    from ecomteam.i18n import parse_locale, speaking
    from ecomteam.localize import relabelled
    from ecomteam.months import first_of_next_month
    from ecomteam.output.results import AssessmentReport, ComparisonReport, PlanReport

    try:
        chosen = OutputFormat(format)
    except ValueError:
        raise UsageError(f"unknown format {format!r}; choose from {', '.join(OutputFormat)}") from None
    locale, unknown = parse_locale(lang)
    if locale is None or unknown is not None:
        raise UsageError(f"unknown language {lang!r}; choose from {', '.join(Language)}, or one with a country: es-MX")
    language = locale.language
    with speaking(locale):
        index, book = _in_language(knowledge or _bundled(), language)
        if isinstance(result, Assessment):
            return output.render(AssessmentReport(result, book, index), chosen)
        rollout = start or first_of_next_month(date.today())
        if not isinstance(result, Plan):  # a comparison: its scenarios share one currency
            _, index, book = priced_for(result.scenarios[0].plan.profile, index, book)
            scenarios = tuple(
                scenario.replaced({"plan": relabelled(scenario.plan, index, book)}) for scenario in result.scenarios
            )
            return output.render(
                ComparisonReport(result.replaced({"scenarios": scenarios}), index, book, rollout), chosen
            )
        _, index, book = priced_for(result.profile, index, book)
        plan = relabelled(result, index, book)
        return output.render(PlanReport(plan, index, book, rollout, explain=explain, org_chart=org_chart), chosen)


def _in_language(known: Knowledge, language: Language) -> tuple[RoleIndex, RuleBook]:
    """The catalogue's index and the rule book with their prose in `language`."""
    from ecomteam.catalogue import index_roles
    from ecomteam.localize import localized_catalogue, localized_rulebook

    if language is Language.EN:
        return known.roles, known.rules
    return index_roles(localized_catalogue(known.roles.catalogue, language)), localized_rulebook(known.rules, language)


def _profile(profile: Mapping[str, Any] | Profile) -> Profile:
    from ecomteam.profile import parse_profile

    return profile if isinstance(profile, Profile) else parse_profile(_as_text(profile), "profile")


def _as_text(values: Mapping[str, Any]) -> str:
    """A mapping as the text of a file, so it is checked, and its errors located, as a file would be."""
    return json.dumps(dict(values), indent=1, default=str, ensure_ascii=False)  # JSON is YAML
