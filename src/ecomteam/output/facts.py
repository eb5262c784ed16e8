"""Labels and rows shared by the output formats, so each is worded once.

The terminal, markdown and CSV formats draw these in their own way.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecomteam.i18n import N_, _, current, joined, ngettext, pgettext
from ecomteam.output.words import (
    Words,
    day_month,
    field_name,
    money,
    month_year,
    months_text,
    number,
    percent,
)
from ecomteam.terms import term, terms
from ecomteam.vocab import Category, Engagement, Language, Sourcing, Stage

if TYPE_CHECKING:
    from ecomteam.assess import Assessment, Coverage, Hire, Overload
    from ecomteam.catalogue import RoleIndex
    from ecomteam.models import Article, Citation, Role
    from ecomteam.output.results import ComparisonReport, PlanReport, RoleCard, RoleList
    from ecomteam.plan import PhaseLine, Plan, TeamLine
    from ecomteam.rulebook import Country, EngagementTerms, Figure, Region, Rule
    from ecomteam.timeline import Month

#: Role facts shown as bullet lists rather than lines (their labels, translated where shown).
LISTED = frozenset({N_("Responsibilities"), N_("Skills"), N_("KPIs")})


def listed(label: str) -> bool:
    """Whether a role fact, by its shown label, is a bullet list."""
    return label in {_(name) for name in LISTED}


#: Between the ends of a range: an en dash, as typesetters set ranges in every language here.
RANGE_DASH = "\u2013"


def band_text(role: Role) -> str:
    """A role's cost band without its currency, e.g. `1,400` RANGE_DASH `2,000`."""
    return f"{number(round(role.cost.min))}{RANGE_DASH}{number(round(role.cost.max))}"


def cost_text(role: Role, currency: str) -> str:
    """A role's cost band with its currency written once, where the language puts it.

    `EUR 1,400-2,000`, es `1.400-2.000 €`, pl `1400-2000 zł`, zh `€1,400-2,000` (with RANGE_DASH).
    """
    if current() is Language.EN:
        return f"{currency} {band_text(role)}"
    low, high = money(role.cost.min, currency), money(role.cost.max, currency)
    after = re.search(r"\D*$", high).group()  # type: ignore[union-attr]  # " €", " zł"
    if after.strip():
        return f"{low.removesuffix(after)}{RANGE_DASH}{high}"
    before = re.match(r"\D*", low).group()  # type: ignore[union-attr]  # "€", "US$"
    return f"{low}{RANGE_DASH}{high.removeprefix(before)}"


def role_rows(result: RoleList) -> list[list[str]]:
    """Each role of a list: id, name, category, first stage, preferred sourcing and band."""
    rows = []
    for role in result.roles:
        stage = result.first_stages.get(role.id)
        rows.append(
            [
                role.id,
                role.name,
                term(role.category),
                term(stage) if stage else "-",
                term(role.sourcing.preferred),
                band_text(role),
            ]
        )
    return rows


def sourcing_text(role: Role) -> str:
    """A role's sourcing guidance, e.g. `in-house (part-time, full-time)`."""
    return f"{term(role.sourcing.preferred)} ({terms(role.sourcing.engagements)})"


def manager_text(role: Role, index: RoleIndex, present: frozenset[str] | None = None, *, with_id: bool = True) -> str:
    """Whom a role reports to; with `present`, the nearest manager above it that the team has, else the owner.

    `with_id` adds the manager's role id, for readers who look roles up on the command line.
    """
    if role.reports_to is None:
        return _("nobody (top of the team)")
    manager = index.role(role.reports_to)
    seen = {role.id}
    while present is not None and manager is not None and manager.id not in present and manager.id not in seen:
        seen.add(manager.id)
        manager = index.role(manager.reports_to) if manager.reports_to else None
    if manager is None:
        return _("the owner") if present is not None else str(role.reports_to)
    return f"{manager.name} ({manager.id})" if with_id else manager.name


def cost_basis(role: Role) -> str:
    """Where a role's cost band comes from."""
    return role.cost.source or role.cost.assumption or ""


def roles_title(result: RoleList) -> str:
    """The heading of a role list: how many roles, and the filters applied."""
    filters = [term(value) for value in (result.category, result.stage, result.sourcing) if value is not None]
    title = ngettext("{shown} of {count} role", "{shown} of {count} roles", len(result.index.catalogue.roles)).format(
        shown=len(result.roles), count=len(result.index.catalogue.roles)
    )
    return title + (f" ({', '.join(filters)})" if filters else "")


def role_facts(result: RoleCard) -> list[tuple[str, list[str]]]:
    """One role in full as (label, lines), in the order a reader wants them."""
    role = result.role
    currency = result.index.catalogue.cost_basis.currency
    return [
        (_("Summary"), [role.summary]),
        (_("Category"), [term(role.category)]),
        (_("From stage"), [term(result.first_stage) if result.first_stage else _("no rule brings it in")]),
        (_("Sourcing"), [sourcing_text(role), role.sourcing.reason]),
        (_("Cost"), [_("{band} per FTE and month").format(band=cost_text(role, currency)), cost_basis(role)]),
        (_("Reports to"), [manager_text(role, result.index)]),
        (_("Responsibilities"), list(role.responsibilities)),
        (_("Skills"), list(role.skills)),
        (_("KPIs"), list(role.kpis)),
        (_("Names"), [f"{language.value}: {name}" for language, name in role.names.items()]),
        (_("Also known as"), ["; ".join(role.aliases)]),
        (_("Sources"), [str(source) for source in role.sources]),
    ]


def plan_heading(result: PlanReport) -> str:
    """What the plan is for: stage, goals, channels and the kind of business."""
    profile = result.plan.profile
    heading = _(_STAGE_HEADINGS[profile.stage])
    if profile.goals:
        heading += _(", goals {goals}").format(goals=terms(profile.goals))
    if profile.channels:
        heading += _(", channels {channels}").format(channels=terms(profile.channels))
    if profile.category:
        label = result.book.categories[profile.category].label if profile.category in result.book.categories else None
        heading += _(", selling {category}").format(category=label or profile.category)
    return heading


#: A plan's heading per stage: a language may word each differently (English needs "a" or "an").
_STAGE_HEADINGS = {
    Stage.SOLO: N_("Team for a solo business"),
    Stage.STARTUP: N_("Team for a startup business"),
    Stage.GROWTH: N_("Team for a growth business"),
    Stage.MATURE: N_("Team for a mature business"),
    Stage.ENTERPRISE: N_("Team for an enterprise business"),
}


def split_rows(plan: Plan) -> list[tuple[str, str, float]]:
    """In-house, outsourced and total: (label, FTE, monthly cost)."""
    totals = plan.totals
    return [
        (_("in-house"), number(totals.in_house_fte), totals.in_house_monthly_cost),
        (_("outsourced"), number(totals.outsource_fte), totals.outsource_monthly_cost),
        (_("total"), number(totals.fte), totals.monthly_cost),
    ]


def department_rows(result: PlanReport) -> list[tuple[str, list[str], float, float]]:
    """The final team by department, in the catalogue's order: (department's name, names, FTE, monthly cost)."""
    final = [line for line in result.plan.team if line.until_phase is None]
    rows = []
    for category in Category:
        lines = [line for line in final if result.index.by_id[line.role].category is category]
        if lines:
            names = list(dict.fromkeys(line.name for line in lines))
            fte, cost = sum(line.fte for line in lines), sum(line.monthly_cost for line in lines)
            rows.append((term(category), names, fte, cost))
    return rows


def line_names(plan: Plan) -> dict[str, str]:
    """Role id to the name its plan line shows."""
    return {line.role: line.name for line in plan.team}


def landing_months(plan: Plan) -> dict[int, str]:
    """With a timeline, each phase as the months its hires and steps land, e.g. `months 1-11`."""
    landed: dict[int, list[int]] = {}
    for month in plan.timeline:
        for phase in (*(hire.phase for hire in month.hires), *(step.phase for step in month.steps)):
            landed.setdefault(phase, []).append(month.month)
    return {
        phase: _("month {month}").format(month=min(months))
        if min(months) == max(months)
        else _("months {first}-{last}").format(first=min(months), last=max(months))
        for phase, months in landed.items()
    }


def rollout_rows(plan: Plan) -> list[tuple[str, str, str, list[str], float]]:
    """Each phase: (number, months, label, names hired, run-rate); a role the owner holds says so."""
    names = line_names(plan)
    owned = {(line.phase, line.role) for line in plan.team if line.engagement is Engagement.OWNER}

    def hired(phase: int, role: str) -> str:
        return _("{name} (owner)").format(name=names[role]) if (phase, role) in owned else names[role]

    landing = landing_months(plan)

    def months(phase: PhaseLine) -> str:
        # With a timeline a phase spans the months its hires land in, which growth can stretch.
        landed = landing.get(phase.phase)
        return months_text(phase) + (_(" (hires land in {months})").format(months=landed) if landed else "")

    return [
        (
            str(phase.phase),
            months(phase),
            phase.label,
            list(dict.fromkeys(hired(phase.phase, role) for role in phase.roles)),
            phase.monthly_cost,
        )
        for phase in plan.phases
    ]


def org_chart_edges(result: PlanReport) -> list[tuple[str | None, str]]:
    """(manager, role) pairs linking the plan's roles by `reports_to`.

    A role whose manager is not in the plan hangs under the nearest manager above it
    that is; a role with none is at the top (manager None). Order follows the team.
    """
    present = list(dict.fromkeys(line.role for line in result.plan.team))
    in_plan = set(present)
    edges: list[tuple[str | None, str]] = []
    for role_id in present:
        role = result.index.role(role_id)
        manager = role.reports_to if role else None
        seen = {role_id}
        while manager is not None and manager not in in_plan and manager not in seen:
            seen.add(manager)
            above = result.index.role(manager)
            manager = above.reports_to if above else None
        edges.append((manager if manager in in_plan else None, role_id))
    return edges


#: Above this many roles an org chart is drawn department by department.
LARGE_TEAM = 14


@dataclass(frozen=True)
class Department:
    """A department of the plan's org chart: its roles, those at its head, and whom they report to."""

    category: Category
    roles: tuple[str, ...]  # in the team's order
    heads: tuple[str, ...]  # its roles whose manager is outside it, or who have none
    above: tuple[str, ...]  # the managers outside it that its heads report to
    fte: float  # of the final team
    at_top: bool  # one of its heads reports to nobody: it leads the whole team

    @property
    def name(self) -> str:
        """The department as a reader names it."""
        return term(self.category)

    @property
    def counts(self) -> str:
        """E.g. `3 roles, 4.5 FTE`."""
        roles = ngettext("{count} role", "{count} roles", len(self.roles)).format(count=len(self.roles))
        return _("{roles}, {fte} FTE").format(roles=roles, fte=number(self.fte))


def departments(result: PlanReport) -> list[Department]:
    """The plan's roles by department, in the catalogue's order of departments."""
    manager = {role: boss for boss, role in org_chart_edges(result)}
    final = [line for line in result.plan.team if line.until_phase is None]
    found = []
    for category in Category:
        roles = tuple(dict.fromkeys(line.role for line in result.plan.team if _category(result, line.role) is category))
        if roles:
            heads = tuple(role for role in roles if manager[role] not in roles)
            above = tuple(dict.fromkeys(boss for role in heads if (boss := manager[role]) is not None))
            fte = sum(line.fte for line in final if line.role in roles)
            at_top = any(manager[role] is None for role in heads)
            found.append(Department(category, roles, heads, above, fte, at_top))
    return found


def _category(result: PlanReport, role: str) -> Category:
    return result.index.by_id[role].category


def org_children(result: PlanReport) -> dict[str | None, list[str]]:
    """Each manager's direct reports in the plan (None: the top of the chart)."""
    children: dict[str | None, list[str]] = {}
    for manager, role_id in org_chart_edges(result):
        children.setdefault(manager, []).append(role_id)
    return children


def computation(item: Overload, words: Words) -> str:
    """How a person's load was estimated, written out."""
    parts = " + ".join(
        f"{words.role_names.get(part.role, part.role)} {number(float(f'{part.load:.2g}'))} ({words.reason(part.basis)})"
        for part in item.parts
    )
    left = len(item.roles) - item.counted_roles
    roles = ngettext("{count} role", "{count} roles", item.counted_roles).format(count=item.counted_roles)
    if left:
        roles = _("{roles} besides {left} the plan leaves to the owner").format(roles=roles, left=left)
    return parts + _(
        " = {load} FTE of work for {fte} FTE; {roles} (one person carries at most {most}, assumed)"
    ).format(load=number(item.load), fte=number(item.fte), roles=roles, most=number(item.max_roles))


def gap_text(hire: Hire, words: Words) -> str:
    """The gap a hire closes, e.g. `understaffed: 0.5 of 1 FTE (Ana)`."""
    return f"{status_text(hire.status)}: {words.reason(hire.gap)}"


#: How a role is covered today, as `assess` names it.
_STATUS = {
    "covered": N_("covered"),
    "missing": N_("missing"),
    "understaffed": N_("understaffed"),
    "side-job": N_("side job"),
}


def status_text(status: str) -> str:
    """A coverage status in the reader's language."""
    return _(_STATUS[status]) if status in _STATUS else status


def coverage_cells(item: Coverage, words: Words) -> list[str]:
    """One role of an assessment's coverage: name, status, needed and held FTE, phase and why."""
    return [
        item.name,
        status_text(item.status),
        number(item.needed_fte),
        number(item.held_fte),
        str(item.phase),
        words.reason(item.reason),
    ]


def holding_text(result: PlanReport, role_id: str) -> str:
    """How the plan holds a role, line by line, e.g. `full-time, in-house, 1 FTE from phase 3, EUR 6,732 a month`."""
    currency = result.plan.profile.currency
    return _("; then ").join(
        _("{engagement}, {sourcing}, {fte} FTE from phase {phase}, {cost} a month").format(
            engagement=term(line.engagement),
            sourcing=term(line.sourcing),
            fte=number(line.fte),
            phase=line.phase,
            cost=money(line.monthly_cost, currency),
        )
        for line in result.plan.team
        if line.role == role_id
    )


def assessment_cost_text(assessment: Assessment) -> str:
    """One sentence on what closing the gaps costs against the budget."""
    currency = assessment.profile.currency
    cost = money(assessment.gap_monthly_cost, currency)
    if assessment.budget is None:
        return _("Closing every gap costs {cost} a month (no budget given).").format(cost=cost)
    template = (
        _("Closing every gap costs {cost} a month, within the budget of {budget}.")
        if assessment.within_budget
        else _("Closing every gap costs {cost} a month, over the budget of {budget}.")
    )
    return template.format(cost=cost, budget=money(assessment.budget, currency))


# ------------------------------------------------------------ plan documents

#: How the checklist is introduced: the steps are article 000's.
CHECKLIST_INTRO = N_("The six steps of article 000's checklist, filled in for this plan:")


def _listed(lines: list[TeamLine]) -> str:
    return joined(dict.fromkeys(line.name for line in lines)) or _("nobody")


def checklist_steps(plan: Plan) -> list[tuple[str, str]]:
    """Article 000's six steps as (title, text), filled in with this plan's roles."""
    team = plan.team
    owner = [line for line in team if line.engagement is Engagement.OWNER]
    hires = [line for line in team if line.sourcing is Sourcing.IN_HOUSE and line.engagement is not Engagement.OWNER]
    goals = terms(plan.profile.goals)
    vision = (
        _("these goals: {goals}").format(goals=goals)
        if goals
        else _("no particular goal, so add yours and run it again")
    )
    later = [line for line in team if line.phase >= 3]
    return [
        (
            _("Set the e-commerce vision"),
            _(
                "Write down what the team must achieve in the next one to two years; this plan was built for {vision}."
            ).format(vision=vision),
        ),
        (
            _("Assess the current team"),
            _(
                "For each of the {count} roles below, note who does the work today, their strengths and gaps. "
                "Today the "
                "owner covers: {owner}."
            ).format(count=len({line.role for line in team}), owner=_listed(owner)),
        ),
        (
            _("Draw the ideal team"),
            _(
                "The plan's team is {fte} FTE in {lines} lines (see Team and Org chart), with the main duties of each "
                "role under The roles."
            ).format(fte=number(plan.totals.fte), lines=len(team)),
        ),
        (
            _("Set hiring priorities"),
            _(
                "Must have now (phase 1): {now}. Hire from outside first: {outside}. Can wait until the business grows "
                "(phase 3 and later): {later}."
            ).format(
                now=_listed([line for line in team if line.phase == 1]),
                outside=_listed([line for line in team if line.sourcing is Sourcing.OUTSOURCE]),
                later=_listed(later),
            ),
        ),
        (
            _("Recruit with job descriptions"),
            _(
                "Write a job description for each in-house hire, stating expectations, responsibilities and skills "
                "(ecomteam jd ROLE --stage {stage} drafts one): {hires}."
            ).format(stage=plan.profile.stage.value, hires=_listed(hires)),
        ),
        (
            _("Build the team culture"),
            _(
                "Agree the team's communication channels, hold a regular team meeting to review progress and the "
                "KPIs above, and keep time for learning new skills."
            ),
        ),
    ]


def cost_level(result: PlanReport) -> Region | Country:
    """The country's cost level if the profile names one, else the region's."""
    profile, book = result.plan.profile, result.book
    return book.countries[profile.country] if profile.country else book.regions[profile.region]


def cost_level_text(result: PlanReport) -> str:
    """The cost level as a reader wants it, e.g. `Southern and central EU: pay at 1× the bands`."""
    level = cost_level(result)
    return _("{level}: pay at {multiplier}× the bands").format(level=level.label, multiplier=number(level.multiplier))


def cost_method(result: PlanReport) -> str:
    """How every cost in the plan is worked out, with the cost level's basis."""
    level = cost_level(result)
    basis = (level.source or level.assumption or "").rstrip(".")
    return _(
        "Costs are monthly, in {currency}: FTE × the middle of the role's pay band × the engagement's cost factor "
        "(employer on-costs, or a freelancer's or agency's rate) × the cost level. The cost level here is {level}, "
        "{multiplier}× the bands. {basis}."
    ).format(currency=result.plan.profile.currency, level=level.label, multiplier=number(level.multiplier), basis=basis)


def plan_roles(result: PlanReport) -> list[Role]:
    """The catalogue roles of the plan's lines, in the team's order."""
    ids = dict.fromkeys(line.role for line in result.plan.team)
    return [role for role_id in ids if (role := result.index.role(role_id))]


def cost_band_rows(result: PlanReport) -> list[list[str]]:
    """Per role of the plan: name, band and where the band comes from."""
    return [[role.name, band_text(role), cost_basis(role)] for role in plan_roles(result)]


def engagements_used(result: PlanReport) -> list[tuple[Engagement, EngagementTerms]]:
    """The engagements the plan uses, in the vocabulary's order, with their terms."""
    used = sorted({line.engagement for line in result.plan.team}, key=list(Engagement).index)
    return [(engagement, result.book.engagements[engagement]) for engagement in used]


def engagement_rows(result: PlanReport) -> list[list[str]]:
    """Per engagement the plan uses: default FTE, cost factor and basis."""
    return [
        [term(engagement), number(terms.default_fte), number(terms.cost_factor), terms.source or terms.assumption or ""]
        for engagement, terms in engagements_used(result)
    ]


def rules_used(result: PlanReport) -> list[Rule]:
    """The rules that asked for the plan's lines, in the team's order."""
    rules = {rule.id: rule for rule in result.book.rules}
    wanted = (rule_id for line in result.plan.team for rule_id in line.rules)
    return list(dict.fromkeys(rules[rule_id] for rule_id in wanted if rule_id in rules))


def drivers_used(result: PlanReport) -> list[tuple[str, Figure]]:
    """The figures behind the headcount formulas of the rules used, by name, for the plan's category."""
    from ecomteam.rulebook import Formula  # here, not above: role lists and cards never load the rule models

    names = dict.fromkeys(
        name
        for rule in rules_used(result)
        if isinstance(rule.then.fte, Formula)
        for name in (*rule.then.fte.times, *rule.then.fte.per)
    )
    figures = result.book.for_category(result.plan.profile.category).drivers
    return [(name, figures[name]) for name in names]


def driver_rows(result: PlanReport) -> list[list[str]]:
    """The figures behind the headcount formulas of the rules used: name, value, unit and source."""
    articles = result.index.catalogue.articles
    return [
        [
            field_name(name),
            number(figure.value),
            figure.unit,
            readable_references(basis(figure.source, figure.assumption), articles),
        ]
        for name, figure in drivers_used(result)
    ]


def basis(*parts: str | None) -> str:
    """A figure's source and assumption, each as a sentence."""
    return " ".join(part if part.endswith((".", "。")) else part + "." for part in parts if part)


def cited_files(result: PlanReport) -> list[str]:
    """The seed articles the plan's rules and roles cite, by file name."""
    cited = [*(rule.sources for rule in rules_used(result)), *(role.sources for role in plan_roles(result))]
    return [citation.file for sources in cited for citation in sources]


#: The seed articles' languages, as the reader names them.
LANGUAGE_NAMES = {
    "en": N_("English"),
    "es": N_("Spanish"),
    "zh": N_("Chinese"),
    "pl": N_("Polish"),
    "it": N_("Italian"),
}


def language_name(code: str) -> str:
    """A language by its name in the reader's language."""
    return _(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def article_number(file: str, articles: Mapping[str, Article]) -> int | None:
    """An article's number in the sources (1 for the first the catalogue lists), None if unknown."""
    return next((n for n, name in enumerate(articles, start=1) if name == file), None)


def citation_text(citation: Citation, articles: Mapping[str, Article]) -> str:
    """A citation as a reader can follow it: the article's title and language, then where in it."""
    article = articles.get(citation.file)
    if article is None:
        return str(citation)
    where = ", ".join(part for part in (citation.where, citation.lines_text) if part)
    named = _("article {number}, “{title}” ({language})").format(
        number=article_number(citation.file, articles),
        title=article.title if article.language is current() else article.english or article.title,
        language=language_name(article.language.value),
    )
    return named + (f", {where}" if where else "")


def article_rows(files: Iterable[str], articles: Mapping[str, Article]) -> list[tuple[str, str, str]]:
    """The seed articles cited, in number order: (label, title, note), e.g. `Article 1`, the title, its language."""
    rows: list[tuple[str, str, str]] = []
    for file in sorted(set(files), key=lambda name: (article_number(name, articles) or 10**6, name)):
        article = articles.get(file)
        if article is None:
            rows.append(("", file, ""))
            continue
        language = language_name(article.language.value)
        # A reader of the article's own language reads its title; the gloss is for the others.
        glossed = article.english and article.language is not current()
        # Translators: the article's title in the reader's own language follows ("; en español: ...").
        english = _("; in English: {title}").format(title=article.english) if glossed else ""
        rows.append(
            (_("Article {number}").format(number=article_number(file, articles)), article.title, language + english)
        )
    return rows


def readable_references(text: str, articles: Mapping[str, Article]) -> str:
    """Article references in reason text, `(000 Q2)` or `(004)`, as `(article 1 Q2)`: numbers the sources list.

    A code in running text follows the word for article that the text already has
    ("Article 004's team", es "el artículo 004"), so only a bracketed one gets the word.
    """
    stems = _stems(articles)
    if not stems:
        return text
    pattern = _reference_pattern(stems)
    word = _("article")

    def numbered(match: re.Match[str]) -> str:
        before = text[: match.start()]
        named = _BRACKETED.search(before) is None and _CLAUSE_START.search(before) is None
        return str(stems[match.group(1)]) if named else f"{word} {stems[match.group(1)]}"

    return pattern.sub(numbered, text)


def referenced_files(texts: Iterable[str], articles: Mapping[str, Article]) -> list[str]:
    """The articles, by file name, that reason texts refer to by code, as `readable_references` finds them."""
    stems = _stems(articles)
    if not stems:
        return []
    pattern = _reference_pattern(stems)
    found = {match.group(1) for text in texts for match in pattern.finditer(text)}
    return [name for name in articles if name.split("_", 1)[0] in found]


def _stems(articles: Mapping[str, Article]) -> dict[str, int]:
    """Each article's code (its file name's stem, `000`) and its number in the sources list."""
    return {name.split("_", 1)[0]: number for number, name in enumerate(articles, start=1)}


def _reference_pattern(stems: Mapping[str, int]) -> re.Pattern[str]:
    # After a bracket or a space only, so the digits of `1,000` are never taken for an article.
    return re.compile(r"(?<![^\s(])(" + "|".join(map(re.escape, stems)) + r")(?=[\s),;.:'’])")


#: Text ending where a bracketed list of article codes goes on: `(` or `(000 Q2, `.
_BRACKETED = re.compile(r"\((?:\d{3}(?: Q\d)?[,;] )*$")
#: Text ending where a clause begins, so a code there has no word for article before it: `...; 003 notes`.
_CLAUSE_START = re.compile(r"(?:^|[;:.]\s+)$")


def horizon(plan: Plan) -> int:
    """How many months a chart of the plan shows: past the last phase's start, at least a year and a half."""
    return max(18, max(phase.start_month for phase in plan.phases) + 6)


def phase_start(plan: Plan, phase: int) -> int:
    """The month a phase begins."""
    return next(line.start_month for line in plan.phases if line.phase == phase)


def line_months(plan: Plan, line: TeamLine, months: int) -> tuple[int, int]:
    """The months [start, end) a team line is in place, within a chart of `months`."""
    end = phase_start(plan, line.until_phase) if line.until_phase is not None else months
    return phase_start(plan, line.phase), end


def monthly_costs(plan: Plan, months: int) -> list[float]:
    """The run-rate in each month from the start: the lines in place that month."""
    costs = [0.0] * months
    for line in plan.team:
        start, end = line_months(plan, line, months)
        for month in range(start, min(end, months)):
            costs[month] += line.monthly_cost
    return costs


# ------------------------------------------------------------------ timeline

#: The timeline table's columns, shared by the formats that draw it.
TIMELINE_HEADER = [
    N_("Month"),
    N_("Date"),
    N_("Orders/day"),
    N_("FTE"),
    N_("People"),
    N_("Monthly cost"),
    N_("Cumulative"),
    N_("Changes"),
    N_("Peak staff"),
    N_("Cost/revenue"),
]


def header(names: list[str]) -> list[str]:
    """Column names declared with `N_`, in the reader's language."""
    return [_(name) for name in names]


def month_changes(month: Month, name: Callable[[str], str]) -> str:
    """What changes in a month: who starts, who steps up, who hands over, e.g. `+ Packer; Packer 0.5 → 1`."""
    parts = [f"+ {name(hire.role)}" for hire in month.hires]
    parts += [
        f"{name(step.role)}: {held_text(step.from_engagement, step.from_fte)} → "
        f"{held_text(step.to_engagement, step.to_fte)}"
        for step in month.steps
    ]
    parts += [_("- {role} (handed over)").format(role=name(role)) for role in month.leaves]
    # Translators: between the changes of one month ("+ Accountant; Customer Service Agent: owner -> 0.5 FTE").
    return pgettext("changes", "; ").join(parts)


def timeline_rows(result: PlanReport) -> list[list[str]]:
    """The timeline as rows of text under `TIMELINE_HEADER`; a month over the staff-cost benchmark is marked."""
    currency = result.plan.profile.currency
    rows = []
    for month in result.plan.timeline:
        peak = f"{number(month.temporary_fte)} FTE, {money(month.temporary_cost, currency)}" if month.peaks else ""
        share = (
            ""
            if month.cost_to_revenue is None
            else percent(round(month.cost_to_revenue, 3)) + (_(" (over the benchmark)") if month.over_benchmark else "")
        )
        rows.append(
            [
                str(month.month),
                month_year(month.date),
                "" if month.orders_per_day is None else number(round(month.orders_per_day, 1)),
                number(month.fte),
                str(month.headcount),
                money(month.monthly_cost, currency),
                money(month.cumulative_cost, currency),
                month_changes(month, result.index.name),
                peak,
                share,
            ]
        )
    return rows


def timeline_intro(result: PlanReport) -> str:
    """What the timeline assumes, in a sentence."""
    profile = result.plan.profile
    growth = (
        _("orders and revenue growing {rate} a month").format(rate=percent(profile.growth))
        if profile.growth
        else _("volumes as today")
    )
    budget = (
        _(", the budget {rate} a month").format(rate=percent(profile.budget_growth)) if profile.budget_growth else ""
    )
    return _(
        "{months} months from {start}, {growth}{budget}. Each hire starts in the first month its work needs it "
        "(and the budget allows); nobody leaves because a month needs less."
    ).format(months=len(result.plan.timeline), start=month_year(result.start, full=True), growth=growth, budget=budget)


def peak_rows(result: PlanReport) -> list[list[str]]:
    """Each peak: name, dates, uplift, the temporary staff and what they cost."""
    currency = result.plan.profile.currency
    return [
        [
            peak.label,
            f"{day_month(peak.start)} - {day_month(peak.end, year=True)}",
            _("+{uplift} orders").format(uplift=percent(round(peak.uplift, 2))),
            "; ".join(f"{line.name} {number(line.fte)} FTE ({term(line.engagement)})" for line in peak.temporary)
            or _("none: the team in place absorbs it"),
            money(peak.cost, currency),
        ]
        for peak in result.plan.peaks
    ]


@dataclass(frozen=True)
class RoleSpan:
    """A stretch of months [start, end) in which a role is held one way."""

    start: int
    end: int
    engagement: Engagement
    fte: float


def role_spans(plan: Plan) -> dict[str, list[RoleSpan]]:
    """Each role's stretches over the chart: from the timeline when there is one, else from the rollout."""
    if not plan.timeline:
        months = horizon(plan)
        spans: dict[str, list[RoleSpan]] = {}
        for line in plan.team:
            start, end = line_months(plan, line, months)
            spans.setdefault(line.role, []).append(RoleSpan(start, end, line.engagement, line.fte))
        return spans
    return _timeline_spans(plan)


def _timeline_spans(plan: Plan) -> dict[str, list[RoleSpan]]:
    """Replay the timeline's hires, steps and hand-overs; the owner's roles are held from the first month."""
    months = len(plan.timeline)
    open_: dict[str, tuple[int, Engagement, float]] = {
        line.role: (0, line.engagement, line.fte)
        for line in plan.team
        if line.engagement is Engagement.OWNER and line_months(plan, line, months)[0] == 0
    }
    closed: dict[str, list[RoleSpan]] = {}

    def close(role: str, month: int) -> None:
        start, engagement, fte = open_.pop(role)
        if month > start:
            closed.setdefault(role, []).append(RoleSpan(start, month, engagement, fte))

    for index, month in enumerate(plan.timeline):
        for role in month.leaves:
            close(role, index)
        for step in month.steps:
            if step.role in open_:
                close(step.role, index)
            open_[step.role] = (index, step.to_engagement, step.to_fte)
        for hire in month.hires:
            open_[hire.role] = (index, hire.engagement, hire.fte)
    for role in list(open_):
        close(role, months)
    return closed


#: What a shop that does not ship its own orders pays outside the team.
_FULFILMENT_WORDS = {
    "in-house": N_("in-house: the plan staffs the warehouse"),
    "3pl": N_("a logistics provider (3PL): its fees are not in the team cost"),
    "dropship": N_("the suppliers ship (drop-shipping): their fees are not in the team cost"),
}


def profile_rows(result: PlanReport) -> list[tuple[str, str]]:
    """What the plan is for, as a reader checks it: stage, goals, channels, volumes, fulfilment, cost level."""
    profile, currency = result.plan.profile, result.plan.profile.currency
    volumes = [
        _("{count} orders a day").format(count=number(profile.orders_per_day))
        if profile.orders_per_day is not None
        else "",
        _("{count} stores").format(count=profile.stores) if profile.stores > 1 else "",
        _("{count} products").format(count=number(profile.skus)) if profile.skus is not None else "",
        _("revenue {amount} a month").format(amount=money(profile.monthly_revenue, currency))
        if profile.monthly_revenue is not None
        else "",
        ngettext("{count} live room", "{count} live rooms", profile.live_rooms).format(count=profile.live_rooms)
        if profile.live_rooms
        else "",
    ]
    rows = [
        (_("Stage"), term(profile.stage)),
        (_("Goals"), terms(profile.goals) or _("none given")),
        (_("Channels"), terms(profile.channels) or _("none given")),
        (_("Volumes"), joined(part for part in volumes if part) or _("none given")),
    ]
    if profile.platform is not None:
        rows.append((_("Platform"), profile.platform))
    if profile.category is not None:
        rows.append((_("Sells"), result.book.categories[profile.category].label))
    rows += [
        (_("Fulfilment"), _(_FULFILMENT_WORDS[profile.fulfilment.value])),
        (_("Cost level"), cost_level_text(result)),
    ]
    return rows


# ---------------------------------------------------------------- comparison


def scenario_cell(team: Mapping[str, tuple[float, str, float]], role: str) -> str:
    """How a scenario staffs a role in its full team, e.g. `1.5 full-time`, or `-` when it has none."""
    held = team.get(role)
    if held is None:
        return "-"
    fte, engagement, _ = held
    return held_text(Engagement(engagement), fte)


def held_text(engagement: Engagement, fte: float) -> str:
    """How much of a role, and how, e.g. `1.5 full-time`; the owner's holding has no size."""
    if engagement is Engagement.OWNER:
        return term(engagement)
    return _("{fte} {engagement}").format(fte=number(fte), engagement=term(engagement))


def comparison_rows(report: ComparisonReport) -> tuple[list[str], list[list[str]]]:
    """The roles of any scenario's full team, one column per scenario; a changed row's role ends with ` *`."""
    from ecomteam.compare import final_team

    scenarios = report.comparison.scenarios
    teams = [final_team(scenario.plan) for scenario in scenarios]
    changed = {difference.role for difference in report.comparison.differences}
    header = [_("Role"), *(scenario.name for scenario in scenarios)]
    rows = []
    for role in report.index.catalogue.roles:
        if any(role.id in team for team in teams):
            mark = " *" if role.id in changed else ""
            rows.append([role.name + mark, *(scenario_cell(team, role.id) for team in teams)])
    return header, rows


def comparison_totals(report: ComparisonReport) -> list[list[str]]:
    """The scenarios' totals as rows: FTE, cost per month, phase 1 against the budget, cost to revenue, warnings."""
    plans = [scenario.plan for scenario in report.comparison.scenarios]

    def budget_text(plan: Plan) -> str:
        totals = plan.totals
        spend = money(totals.phase_1_monthly_cost, plan.profile.currency)
        if totals.budget is None:
            return spend
        return _("{spend} of {budget}").format(spend=spend, budget=money(totals.budget, plan.profile.currency))

    return [
        ["FTE", *(number(plan.totals.fte) for plan in plans)],
        [_("Monthly cost, full team"), *(money(plan.totals.monthly_cost, plan.profile.currency) for plan in plans)],
        [_("Phase 1 a month, of the budget"), *(budget_text(plan) for plan in plans)],
        [_("The first 12 months"), *(money(sum(monthly_costs(plan, 12)), plan.profile.currency) for plan in plans)],
        [
            _("Cost to revenue"),
            *("-" if plan.totals.cost_to_revenue is None else percent(plan.totals.cost_to_revenue) for plan in plans),
        ],
        [_("Warnings"), *(str(len(plan.warnings)) for plan in plans)],
    ]


def sweep_kicks_in(report: ComparisonReport) -> list[tuple[str, str]]:
    """Along a sweep, where each change to the full team first appears: (the point, what changes)."""
    from ecomteam.compare import final_team

    scenarios = report.comparison.scenarios
    found = []
    for before, after in itertools.pairwise(scenarios):
        old, new = final_team(before.plan), final_team(after.plan)
        changes = [
            _change(report.index.name(role), scenario_cell(old, role), scenario_cell(new, role))
            for role in (role.id for role in report.index.catalogue.roles)
            if scenario_cell(old, role) != scenario_cell(new, role)
        ]
        if changes:
            found.append((after.name, "; ".join(changes)))
    return found


def scenario_lines(result: ComparisonReport) -> list[str]:
    """Each scenario and what it sets, for the list above the tables."""
    lines = []
    for scenario in result.comparison.scenarios:
        changes = ", ".join(f"{field_name(field)} {_shown_value(value)}" for field, value in scenario.changes.items())
        lines.append(f"{scenario.name}: " + (changes or _("as given")))
    return lines


def _shown_value(value: object) -> str:
    """A scenario's value as the reader writes it: a figure in the language's style."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _change(name: str, before: str, after: str) -> str:
    """A role's change between two points: `+ Packer 0.5 part-time`, `- Packer` or `Packer 1 → 2 full-time`."""
    if before == "-":
        return f"+ {name} {after}"
    if after == "-":
        return f"- {name}"
    return f"{name} {before} → {after}"


def sweep_rows(report: ComparisonReport) -> list[list[str]]:
    """Along a sweep, one row per point: the value, FTE, full-team cost, phase 1 cost and what changes there."""
    changes = dict(sweep_kicks_in(report))
    return [
        [
            scenario.name,
            number(totals.fte),
            money(totals.monthly_cost, scenario.plan.profile.currency),
            money(totals.phase_1_monthly_cost, scenario.plan.profile.currency),
            changes.get(scenario.name, ""),
        ]
        for scenario in report.comparison.scenarios
        if (totals := scenario.plan.totals)
    ]


#: The columns of `sweep_rows`, after the swept field's own.
SWEEP_HEADER = [N_("FTE"), N_("Monthly cost"), N_("Phase 1 a month"), N_("What changes from the point before")]


def comparison_starts(report: ComparisonReport) -> tuple[list[str], list[list[str]]]:
    """Where the scenarios start a role differently: its first paid line's phase and engagement in each."""
    scenarios = report.comparison.scenarios

    def first(plan: Plan, role: str) -> str:
        line = next((line for line in plan.team if line.role == role and line.engagement is not Engagement.OWNER), None)
        if line is None:
            return "-"
        return _("phase {phase}, {held}").format(phase=line.phase, held=held_text(line.engagement, line.fte))

    rows = []
    for role in report.index.catalogue.roles:
        cells = [first(scenario.plan, role.id) for scenario in scenarios]
        if len(set(cells)) > 1:
            rows.append([role.name, *cells])
    return [_("Role"), *(scenario.name for scenario in scenarios)], rows


def timeline_departments(result: PlanReport) -> tuple[list[str], list[list[str]]]:
    """The timeline's FTE by department: a row per month, a column per department that has anyone."""
    timeline = result.plan.timeline
    present = timeline_departments_present(result.plan)
    header = [_("Month"), *(term(category) for category in present)]
    rows = [
        [month_year(month.date), *(number(month.departments.get(category, 0.0)) for category in present)]
        for month in timeline
    ]
    return header, rows


def timeline_departments_present(plan: Plan) -> list[Category]:
    """The departments anyone works in over the timeline, in the catalogue's order."""
    return [category for category in Category if any(month.departments.get(category) for month in plan.timeline)]
