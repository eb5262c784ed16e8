"""`--format html`: one self-contained document to share, print or save as PDF.

Semantic HTML with the stylesheet inline and the charts as inline SVG
(`ecomteam.output.charts`): it opens offline and requests nothing. Every string from
data is escaped here; the document's language is `lang` on `<html>`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, assert_never

from ecomteam import __version__
from ecomteam.i18n import _, current, joined, ngettext
from ecomteam.months import add_months
from ecomteam.output import charts, facts
from ecomteam.output.clean import clean
from ecomteam.output.results import (
    AssessmentReport,
    ComparisonReport,
    JobDescription,
    PlanReport,
    Result,
    RoleCard,
    RoleList,
)
from ecomteam.output.words import (
    day_month,
    engagement_text,
    field_name,
    money,
    month_year,
    number,
    percent,
    sentence,
    staffing_labels,
    summary_rows,
)
from ecomteam.terms import term
from ecomteam.vocab import Engagement, Language

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ecomteam.models import Article, Role
    from ecomteam.plan import Plan, TeamLine

STYLE = """
:root{--ink:#1d2430;--muted:#5b6573;--line:#d8dde5;--paper:#fff;--tint:#f4f6f9;--accent:#1f5fae;
--out:#c2571a;--owner:#8a94a3;--warn:#8a4b00;--warn-bg:#fff4e0}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,
"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
color:var(--ink);background:var(--paper)}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:1.8rem;line-height:1.2;margin:0 0 .3rem}
h2{font-size:1.35rem;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:1px solid var(--line)}
h3{font-size:1.08rem;margin:1.2rem 0 .4rem}
p.lede{color:var(--muted);margin:0 0 1rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:1rem 0}
.tile{background:var(--tint);border-radius:8px;padding:12px 14px}
.tile .value{font-size:1.35rem;font-weight:650;display:block}
.tile .what{color:var(--muted);font-size:.9rem}
.table-wrap{overflow-x:auto;margin:.6rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.93rem}
caption{text-align:left;color:var(--muted);padding:0 0 .3rem}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:var(--tint);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
tfoot td{font-weight:600;border-top:2px solid var(--ink)}
.note,.warning{border-left:4px solid var(--accent);background:var(--tint);padding:8px 12px;margin:.5rem 0}
.warning{border-color:var(--warn);background:var(--warn-bg)}
.warning strong{color:var(--warn)}
figure{margin:1rem 0}
figcaption{color:var(--muted);font-size:.9rem}
.chart-wrap{overflow-x:auto}
svg.chart{width:100%;min-width:520px;height:auto;display:block;font-family:inherit}
svg .label,svg .figure,svg .axis,svg .mark-label,svg .budget-label,svg .in-bar{font-size:13px;fill:var(--ink)}
svg .axis,svg .mark-label{fill:var(--muted);font-size:12px}
svg .in-bar{fill:#fff;font-size:11px}
svg .bar,svg .in-house{fill:var(--accent)}
svg .outsource{fill:var(--out)}
svg .owner{fill:var(--owner)}
svg .grid{stroke:var(--line)}
svg .mark{stroke:var(--line);stroke-dasharray:3 3}
svg .budget{stroke:var(--warn);stroke-width:2;stroke-dasharray:6 4}
svg .budget-label{fill:var(--warn);paint-order:stroke;stroke:#fff;stroke-width:4px;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:.9rem;color:var(--muted);margin:.3rem 0}
.legend span::before{content:"";display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px;
border-radius:2px;background:var(--c)}
.org{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}
.org section{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.org h3{margin:0 0 .3rem;font-size:1rem}
.org .counts{color:var(--muted);font-size:.88rem;margin:0 0 .4rem}
.org ul{list-style:none;margin:0;padding:0}
.org ul ul{padding-left:14px;border-left:2px solid var(--line);margin-left:4px}
.org li{margin:.25rem 0}
.org .who{font-weight:600}
.org .how{display:block;color:var(--muted);font-size:.86rem}
.org .top{border-color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:14px}
.card{border:1px solid var(--line);border-radius:8px;padding:4px 14px 10px}
.card h3{margin-top:.7rem}
.card dl{margin:.3rem 0}
.card dt{font-weight:600;margin-top:.5rem}
.card dd{margin:0}
.card ul{margin:.2rem 0;padding-left:1.2rem}
ol.steps li{margin:.4rem 0}
footer{color:var(--muted);font-size:.85rem;padding:2rem 20px 2.5rem}
@media (max-width:600px){body{font-size:15px}h1{font-size:1.45rem}.cards{grid-template-columns:1fr}
table.wide thead{position:absolute;left:-9999px}table.wide tr{display:block;border-bottom:2px solid var(--line);
padding:4px 0}table.wide td{display:flex;gap:10px;border:0;padding:2px 4px;text-align:left;overflow-wrap:anywhere}
table.wide td::before{content:attr(data-label);flex:0 0 34%;font-weight:600;color:var(--muted)}
table.wide td.num{text-align:left;white-space:normal}
figure .chart-wrap+figcaption::before{content:var(--swipe);font-weight:600}}
@media print{body{font-size:11pt}header,main,footer{max-width:none;padding:0}h2,h3{break-after:avoid}
h2+*,h3+*,.legend+figure{break-before:avoid}
.card,.org section,figure,tr{break-inside:avoid}.chart-wrap,.table-wrap{overflow:visible}svg.chart{min-width:0}
details::details-content{content-visibility:visible;display:block}details>summary,.screen-only{display:none}
a{color:inherit;text-decoration:none}}
"""


def render(result: Result) -> str:
    """The HTML document of a result."""
    match result:
        case PlanReport():
            return _plan_document(result)
        case AssessmentReport():
            return _assessment_document(result)
        case JobDescription():
            return _job_document(result)
        case RoleCard():
            return _document(result.role.name, [_role_card(result.role, result.index.catalogue.articles, "h1")])
        case RoleList():
            return _roles_document(result)
        case ComparisonReport():
            return _comparison_document(result)
        case _:
            assert_never(result)


# ------------------------------------------------------------------ building


def esc(text: object) -> str:
    """Text from data as HTML text: escaped, with no control character."""
    return html.escape(clean(str(text)), quote=True)


def _swipe_hint() -> str:
    """The phone layout's hint above a wide chart, as a CSS string in the reader's language."""
    text = _("Swipe the chart sideways to see all of it.") + " "
    quoted = "".join(f"\\{ord(char):x} " if not char.isalnum() and char != " " else char for char in text)
    return f':root{{--swipe:"{quoted}"}}'


def _document(title: str, body: Sequence[str], lede: str = "", lang: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang or current().value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="ecomteam {__version__}">\n'
        f"<title>{esc(title)} · ecomteam</title>\n<style>{STYLE}{_swipe_hint()}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1>" + (f'<p class="lede">{esc(lede)}</p>' if lede else "") + "</header>\n"
        "<main>\n" + "\n".join(body) + "\n</main>\n"
        "<footer>"
        + esc(
            _(
                "Made with ecomteam {version}, from five articles on building e-commerce teams and from public wage "
                "statistics. Check it against your own figures before you hire."
            ).format(version=__version__)
        )
        + "</footer>\n"
        "</body>\n</html>\n"
    )


def _section(anchor: str, heading: str, *parts: str) -> str:
    return f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n<h2 id="{anchor}-h">{esc(heading)}</h2>\n' + (
        "\n".join(part for part in parts if part) + "\n</section>"
    )


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    numeric: frozenset[int] = frozenset(),
    caption: str = "",
    footer: Sequence[object] = (),
) -> str:
    """A table with a header row (and a `footer` row of totals); the columns in `numeric` are right-aligned."""

    def cell(tag: str, position: int, value: object) -> str:
        kind = ' class="num"' if position in numeric else ""
        # A header cell scopes its column; a data cell carries its column's name for the phone layout.
        scope = ' scope="col"' if tag == "th" else f' data-label="{esc(header[position])}"'
        return f"<{tag}{kind}{scope}>{esc(value)}</{tag}>"

    head = "".join(cell("th", i, value) for i, value in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, value) for i, value in enumerate(row)) + "</tr>\n" for row in rows)
    title = f"<caption>{esc(caption)}</caption>" if caption else ""
    wide = ' class="wide"' if len(header) >= 3 else ""  # folds into one card per row on a phone
    foot = "<tfoot><tr>" + "".join(cell("td", i, value) for i, value in enumerate(footer)) + "</tr></tfoot>"
    table = (
        f"<table{wide}>{title}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>{foot if footer else ''}</table>"
    )
    # A table this wide may scroll sideways: its region takes keyboard focus, as a chart's does.
    label = esc(caption or header[0] or "table")
    focus = f' tabindex="0" role="region" aria-label="{label}"' if len(header) > 5 else ""
    return f'<div class="table-wrap"{focus}>{table}</div>'


def _pairs(rows: Iterable[tuple[str, str]], caption: str) -> str:
    body = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{esc(value)}</td></tr>\n' for label, value in rows)
    return f'<div class="table-wrap"><table><caption>{esc(caption)}</caption><tbody>\n{body}</tbody></table></div>'


def _list(items: Iterable[str], tag: str = "ul", css: str = "") -> str:
    kind = f' class="{css}"' if css else ""
    return f"<{tag}{kind}>" + "".join(f"<li>{esc(item)}</li>" for item in items) + f"</{tag}>"


def _figure(svg: str, caption: str) -> str:
    # A phone scrolls a wide chart sideways: the region takes keyboard focus so it can scroll without a mouse.
    wrap = f'<div class="chart-wrap" tabindex="0" role="region" aria-label="{esc(caption)}">{svg}</div>'
    return f"<figure>{wrap}<figcaption>{esc(caption)}</figcaption></figure>"


# ------------------------------------------------------------------ plans


def _plan_document(result: PlanReport) -> str:
    plan = result.plan
    title = _("E-commerce team plan: {stage} business").format(stage=term(plan.profile.stage))
    lede = _("{heading}. Rollout from {day}.").format(heading=facts.plan_heading(result), day=_day(result.start))
    body = [
        _summary(result),
        _team(result),
        _costs(result),
        _departments(result),
        _org_chart(result),
        _rollout(result),
        _timeline(result),
        _roles(result),
        _checklist(result),
        _sources(result),
    ]
    return _document(title, body, lede)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}" if current() is Language.EN else day_month(day, year=True)


def _cited(result: PlanReport, text: str) -> str:
    return facts.readable_references(text, result.index.catalogue.articles)


def _summary(result: PlanReport) -> str:
    plan = result.plan
    totals, currency = plan.totals, plan.profile.currency
    tiles = [
        (
            number(totals.fte),
            _("FTE in the full team, besides the owner") if _owner_holds(plan) else _("FTE in the full team"),
        ),
        (money(totals.phase_1_monthly_cost, currency), _("a month in phase 1")),
        (money(totals.monthly_cost, currency), _("a month for the full team")),
    ]
    if totals.cost_to_revenue is not None:
        tiles.append((percent(round(totals.cost_to_revenue, 3)), _("of monthly revenue")))
    tile_html = "".join(
        f'<div class="tile"><span class="value">{esc(value)}</span><span class="what">{esc(what)}</span></div>'
        for value, what in tiles
    )
    rows = [*facts.profile_rows(result), *summary_rows(plan)]
    notes = "".join(
        f'<p class="note">{esc(_cited(result, sentence(result.words.reason(note))))}</p>' for note in plan.notes
    )
    notes += "".join(
        '<p class="warning"><strong>' + esc(_("Warning:")) + "</strong> "
        f"{esc(_cited(result, result.words.reason(item)))}.</p>"
        for item in plan.warnings
    )
    return _section(
        "summary", _("Summary"), f'<div class="tiles">{tile_html}</div>', notes, _pairs(rows, _("The plan"))
    )


def _owner_holds(plan: Plan) -> bool:
    """Whether the owner still holds a role once every phase is done (their time is not in the FTE)."""
    return any(line.engagement is Engagement.OWNER and line.until_phase is None for line in plan.team)


def _team(result: PlanReport) -> str:
    currency = result.plan.profile.currency
    rows = [
        [
            line.phase,
            line.name,
            number(line.fte),
            term(line.sourcing),
            _engagement(result, line),
            money(line.monthly_cost, currency),
            _cited(result, result.words.why(line)),
        ]
        for line in result.plan.team
    ]
    header = [_("Phase"), _("Role"), _("FTE"), _("Sourcing"), _("Engagement"), _("Monthly cost"), _("Why")]
    totals = result.plan.totals
    footer = [
        "",
        _("The full team"),
        number(totals.fte),
        "",
        "",
        money(totals.monthly_cost, currency),
        _("The lines still in place once every phase is done; a line marked 'until phase N' is replaced then."),
    ]
    return _section("team", _("Team"), _table(header, rows, frozenset({0, 2, 5}), footer=footer))


def _engagement(result: PlanReport, line: TeamLine) -> str:
    """The engagement, the roles it also covers and, for a starter line, the phase its replacement comes in."""
    until = _(", until phase {phase}").format(phase=line.until_phase) if line.until_phase is not None else ""
    return engagement_text(line, result.index.name) + until


def _scale(top: float, currency: str) -> list[tuple[float, str]]:
    """Four round gridlines up to `top`."""
    if top <= 0:
        return [(0, money(0, currency))]
    magnitude = 10 ** max(len(str(int(top / 4))) - 1, 0)
    step = max(round(top / 4 / magnitude), 1) * magnitude
    return [(step * n, money(step * n, currency)) for n in range(5) if step * n <= top * 1.05]


def _month_ticks(start: date, months: int) -> list[tuple[int, str]]:
    return [(month, month_year(add_months(start, month))) for month in range(0, months, 3)]


def _costs(result: PlanReport) -> str:
    plan = result.plan
    currency, totals = plan.profile.currency, plan.totals
    if plan.timeline:
        months = len(plan.timeline)
        values = [month.monthly_cost + month.temporary_cost for month in plan.timeline]
    else:
        months = facts.horizon(plan)
        values = facts.monthly_costs(plan, months)
    budget = (
        (totals.budget, _("budget {amount}").format(amount=money(totals.budget, currency)))
        if totals.budget is not None
        else None
    )
    top = max([*values, budget[0] if budget else 0])
    chart = charts.columns(
        values, _month_ticks(result.start, months), _scale(top, currency), _("Team cost per month"), budget
    )
    caption = (
        _("Team cost per month over the first {months} months, as the volumes grow, with the peaks' temporary staff")
        if plan.timeline
        else _("Team cost per month over the first {months} months, as each phase's hires start")
    ).format(months=months)
    split_parts = [
        charts.Bar(
            _("in-house"), totals.in_house_monthly_cost, money(totals.in_house_monthly_cost, currency), "in-house"
        ),
        charts.Bar(
            _("outsourced"), totals.outsource_monthly_cost, money(totals.outsource_monthly_cost, currency), "outsource"
        ),
    ]
    split_table = _table(
        ["", _("FTE"), _("Monthly cost")],
        [[label, fte, money(cost, currency)] for label, fte, cost in facts.split_rows(plan)],
        frozenset({1, 2}),
        _("In-house and outsourced, full team"),
    )
    split = _figure(charts.split(split_parts, _("In-house and outsourced cost")), _("The full team's cost by sourcing"))
    return _section("cost", _("Cost"), _figure(chart, caption), split, split_table)


def _departments(result: PlanReport) -> str:
    rows = facts.department_rows(result)
    bars = [charts.Bar(name, fte, f"{number(fte)} FTE") for name, _, fte, _ in rows]
    table = _table(
        [_("Department"), _("Roles"), _("FTE"), _("Monthly cost")],
        [
            [name, joined(names), number(fte), money(cost, result.plan.profile.currency)]
            for name, names, fte, cost in rows
        ],
        frozenset({2, 3}),
    )
    chart = _figure(charts.bars(bars, _("Full-team FTE by department")), _("Full-team FTE by department"))
    return _section("departments", _("Headcount by department"), chart, table)


def _org_chart(result: PlanReport) -> str:
    children = facts.org_children(result)
    names, staffing = facts.line_names(result.plan), staffing_labels(result.plan)
    folded = len(names) > facts.LARGE_TEAM

    def branch(role: str, within: tuple[str, ...]) -> str:
        below = [child for child in children.get(role, []) if child in within]
        inner = "<ul>" + "".join(branch(child, within) for child in below) + "</ul>" if below else ""
        who = f'<span class="who">{esc(names[role])}</span><span class="how">{esc(staffing[role])}</span>'
        return f"<li>{who}{inner}</li>"

    boxes = []
    for department in facts.departments(result):
        tree = "<ul>" + "".join(branch(role, department.roles) for role in department.heads) + "</ul>"
        if folded:
            tree = "<details><summary>" + esc(_("Show the roles")) + f"</summary>{tree}</details>"
        reports = "".join(f". {line}" for line in _reporting(department, children, names))
        top = " top" if department.at_top else ""  # it holds the head of the whole team
        boxes.append(
            f'<section class="dept{top}" aria-label="{esc(department.name)}"><h3>{esc(department.name)}</h3>'
            f'<p class="counts">{esc(department.counts + reports)}.</p>{tree}</section>'
        )
    intro = _("Grouped by department; indented roles report to the role above them. The framed box leads the team.")
    if folded:
        intro += " " + _("The team is large, so each department is folded: open it to see its roles.")
    return _section("org", _("Org chart"), f"<p>{esc(intro)}</p>", '<div class="org">' + "".join(boxes) + "</div>")


def _reporting(department: facts.Department, children: dict[str | None, list[str]], names: dict[str, str]) -> list[str]:
    """Who at the head of a department reports to whom outside it: `Store Operator reports to E-commerce Manager`."""
    manager_of = {role: manager for manager, roles in children.items() for role in roles}
    by_manager: dict[str, list[str]] = {}
    for head in department.heads:
        if (manager := manager_of.get(head)) is not None:
            by_manager.setdefault(manager, []).append(names[head])
    return [
        ngettext("{roles} reports to {manager}", "{roles} report to {manager}", len(heads)).format(
            roles=_(" and ").join(heads), manager=names[manager]
        )
        for manager, heads in by_manager.items()
    ]


def _rollout(result: PlanReport) -> str:
    plan = result.plan
    months = len(plan.timeline) or facts.horizon(plan)
    names = facts.line_names(plan)
    tasks = [
        charts.Task(names.get(role, result.index.name(role)), tuple(_bar(span) for span in spans))
        for role, spans in facts.role_spans(plan).items()
    ]
    marks = [
        (phase.start_month, _("Phase {phase}").format(phase=phase.phase))
        for phase in plan.phases
        if phase.start_month < months
    ]
    chart = charts.gantt(tasks, months, _month_ticks(result.start, months), marks, _("Rollout of the hires"))
    kinds = [("accent", _("in-house")), ("out", _("outsourced")), ("owner", _("the owner covers it"))]
    legend = (
        '<p class="legend">'
        + "".join(f'<span style="--c:var(--{colour})">{esc(text)}</span>' for colour, text in kinds)
        + "</p>"
    )
    rows = [
        [
            number_,
            months_,
            _day(add_months(result.start, phase.start_month)),
            label,
            joined(hires) or "-",
            money(cost, plan.profile.currency),
        ]
        for phase, (number_, months_, label, hires, cost) in zip(plan.phases, facts.rollout_rows(plan), strict=True)
    ]
    table = _table([_("Phase"), _("Months"), _("From"), _("When"), _("Hires"), _("Run-rate")], rows, frozenset({0, 5}))
    caption = _("Each bar runs from the hire to the end of the chart; a change of colour or size is a step up.")
    return _section("rollout", _("Rollout"), legend, _figure(chart, caption), table)


def _timeline(result: PlanReport) -> str:
    plan = result.plan
    if not plan.timeline:
        return ""
    numeric = frozenset({0, 2, 3, 4, 5, 6})
    parts = [
        f"<p>{esc(facts.timeline_intro(result))}</p>",
        _table(facts.header(facts.TIMELINE_HEADER), facts.timeline_rows(result), numeric),
    ]
    department_header, department_rows = facts.timeline_departments(result)
    numbers = frozenset(range(1, len(department_header)))
    parts.append("<h3>" + _("FTE by department") + "</h3>" + _table(department_header, department_rows, numbers))
    if plan.peaks:
        peaks = _table(
            [_("Peak"), _("When"), _("Uplift"), _("Temporary staff"), _("Cost")],
            facts.peak_rows(result),
            frozenset({4}),
        )
        parts.append("<h3>" + _("Peaks") + "</h3>" + peaks)
    return _section("timeline", _("Month by month"), *parts)


def _bar(span: facts.RoleSpan) -> charts.Span:
    """A stretch of a role as a gantt bar: coloured by sourcing, its height fuller for more FTE, so a step shows."""
    if span.engagement is Engagement.OWNER:
        return charts.Span(span.start, span.end, "owner", term(Engagement.OWNER), 1.0)
    text = f"{term(span.engagement)} {number(span.fte)}"
    # At least 0.7 of the row, so the words inside stay on the bar; a larger share for more FTE shows a step.
    return charts.Span(span.start, span.end, span.engagement.sourcing.value, text, 0.7 + 0.3 * min(span.fte, 1.0))


def _roles(result: PlanReport) -> str:
    cards = []
    for role in facts.plan_roles(result):
        lines = [line for line in result.plan.team if line.role == role.id]
        how = facts.holding_text(result, role.id)
        reasons = dict.fromkeys(r for line in lines for r in result.words.reasons(line))
        why = [_cited(result, sentence(text)) for text in reasons]
        extra = [(_("In this plan"), [how]), (_("Why"), why)]
        cards.append(_role_card(role, result.index.catalogue.articles, "h3", extra))
    return _section("roles", _("The roles"), '<div class="cards">' + "".join(cards) + "</div>")


def _role_card(
    role: Role, articles: Mapping[str, Article], heading: str, extra: Sequence[tuple[str, Sequence[str]]] = ()
) -> str:
    parts = [
        *extra,
        (_("In-house or outsourced"), [facts.readable_references(role.sourcing.reason, articles)]),
        (_("Responsibilities"), list(role.responsibilities)),
        (_("KPIs to track"), list(role.kpis)),
        (_("Skills"), list(role.skills)),
        (_("Sources"), [facts.citation_text(citation, articles) for citation in role.sources]),
    ]
    body = "".join(
        f"<dt>{esc(label)}</dt><dd>{_list(items) if len(items) > 1 else esc(items[0])}</dd>"
        for label, items in parts
        if items
    )
    return (
        f'<article class="card" id="role-{esc(role.id)}"><{heading}>{esc(role.name)}</{heading}>'
        f"<p>{esc(role.summary)}</p><dl>{body}</dl></article>"
    )


def _checklist(result: PlanReport) -> str:
    steps = "".join(
        f"<li><strong>{esc(title)}.</strong> {esc(text)}</li>" for title, text in facts.checklist_steps(result.plan)
    )
    intro = f"<p>{esc(_cited(result, _(facts.CHECKLIST_INTRO)))}</p>"
    return _section("checklist", _("Action checklist"), intro, f'<ol class="steps">{steps}</ol>')


def _sources(result: PlanReport) -> str:
    articles = result.index.catalogue.articles
    used = facts.rules_used(result)
    currency = result.plan.profile.currency
    parts = [
        f"<p>{esc(facts.cost_method(result))}</p>",
        "<h3>"
        + _("Cost bands")
        + "</h3>"
        + _table(
            [_("Role"), _("{currency} per FTE and month").format(currency=currency), _("Basis")],
            facts.cost_band_rows(result),
            frozenset({1}),
        ),
        "<h3>"
        + _("Engagements")
        + "</h3>"
        + _table(
            [_("Engagement"), _("Default FTE"), _("Cost factor"), _("Basis")],
            facts.engagement_rows(result),
            frozenset({1, 2}),
        ),
    ]
    drivers = facts.driver_rows(result)
    if drivers:
        parts.append(
            "<h3>"
            + _("Headcount drivers")
            + "</h3>"
            + _table([_("Driver"), _("Value"), _("Unit"), _("Source")], drivers, frozenset({1}))
        )
    rules = "".join(
        f'<li>{esc(rule.description)} <span class="how">' + esc(_("Source:")) + " "
        f"{esc('; '.join(facts.citation_text(c, articles) for c in rule.sources))}.</span></li>"
        for rule in used
    )
    parts.append("<h3>" + _("Rules that shaped this plan") + f"</h3><ul>{rules}</ul>")
    parts.append(
        "<h3>"
        + _("Seed articles")
        + "</h3><ul>"
        + "".join(_article(row) for row in facts.article_rows(facts.cited_files(result), articles))
    )
    parts[-1] += "</ul>"
    return _section("sources", _("Sources"), *parts)


def _article(row: tuple[str, str, str]) -> str:
    label, title, note = row
    named = f"<strong>{esc(label)}</strong>: " if label else ""
    return f"<li>{named}<cite>{esc(title)}</cite>" + (f" ({esc(note)})" if note else "") + "</li>"


# ----------------------------------------------------------- other results


def _assessment_document(result: AssessmentReport) -> str:
    assessment, words = result.assessment, result.words
    articles = result.index.catalogue.articles if result.index else {}

    def cited(text: str) -> str:
        return facts.readable_references(text, articles)

    currency = assessment.profile.currency
    coverage = _table(
        [_("Role"), _("Status"), _("Needed FTE"), _("Held FTE"), _("Phase"), _("Detail")],
        [
            [
                item.name,
                item.status,
                number(item.needed_fte),
                number(item.held_fte),
                item.phase,
                words.reason(item.reason),
            ]
            for item in assessment.coverage
        ],
        frozenset({2, 3, 4}),
    )
    parts = [
        _section("summary", _("Summary"), f"<p>{esc(facts.assessment_cost_text(assessment))}</p>"),
        _section("coverage", _("Coverage"), coverage),
    ]
    if assessment.overloaded:
        overloaded = [f"{item.person}: {facts.computation(item, words)}" for item in assessment.overloaded]
        parts.append(_section("overloaded", _("Overloaded"), _list(overloaded)))
    hires = _table(
        ["#", _("Role"), _("Engagement"), _("Sourcing"), _("FTE"), _("Phase"), _("Monthly cost"), _("Gap"), _("Why")],
        [
            [
                n,
                hire.name,
                term(hire.engagement),
                term(hire.sourcing),
                number(hire.fte),
                hire.phase,
                money(hire.monthly_cost, currency),
                facts.gap_text(hire, words),
                cited(words.reason(hire.reason)),
            ]
            for n, hire in enumerate(assessment.next_hires, start=1)
        ],
        frozenset({0, 4, 5, 6}),
    )
    parts.append(_section("hires", _("Next hires"), hires))
    if assessment.not_needed_yet:
        idle = [f"{item.name}: {', '.join(item.people)}" for item in assessment.not_needed_yet]
        parts.append(_section("idle", _("Held but not needed yet"), _list(idle)))
    if articles:
        listed = "".join(_article(row) for row in facts.article_rows(articles, articles))
        parts.append(_section("sources", _("Sources"), "<h3>" + _("Seed articles") + f"</h3><ul>{listed}</ul>"))
    return _document(_("Team assessment: {stage} business").format(stage=term(assessment.profile.stage)), parts)


def _comparison_document(result: ComparisonReport) -> str:
    comparison = result.comparison
    header, rows = facts.comparison_rows(result)
    scenarios = comparison.scenarios
    costs = [
        charts.Bar(
            scenario.name,
            scenario.plan.totals.monthly_cost,
            money(scenario.plan.totals.monthly_cost, scenario.plan.profile.currency),
        )
        for scenario in scenarios
    ]
    fte = [
        charts.Bar(scenario.name, scenario.plan.totals.fte, f"{number(scenario.plan.totals.fte)} FTE")
        for scenario in scenarios
    ]
    parts = [
        _section("scenarios", _("Scenarios"), _list(facts.scenario_lines(result))),
        _section(
            "team",
            _("Full team by scenario"),
            "<p>" + esc(_("Roles marked * differ between the scenarios.")) + "</p>",
            _table(header, rows),
        ),
        _section(
            "totals",
            _("Totals"),
            _table(["", *header[1:]], facts.comparison_totals(result)),
            _figure(charts.bars(fte, _("Full-team FTE by scenario")), _("Full-team FTE by scenario")),
            _figure(charts.bars(costs, _("Monthly cost by scenario")), _("Monthly cost of the full team by scenario")),
        ),
    ]
    start_header, starts = facts.comparison_starts(result)
    if starts:
        parts.append(
            _section(
                "starts",
                _("When each role starts"),
                "<p>" + esc(_("Where the scenarios differ in pace.")) + "</p>",
                _table(start_header, starts),
            )
        )
    warnings = [
        f"{scenario.name}: {result.words.reason(item)}" for scenario in scenarios for item in scenario.plan.warnings
    ]
    if warnings:
        parts.append(_section("warnings", _("Warnings"), _list(warnings)))
    if comparison.sweep:
        field = field_name(comparison.sweep)
        steps = _table([field, *facts.header(facts.SWEEP_HEADER)], facts.sweep_rows(result), frozenset({0, 1, 2, 3}))
        values = [scenario.plan.totals.fte for scenario in scenarios]
        ticks = [(index, scenario.name) for index, scenario in enumerate(scenarios)][:: max(len(scenarios) // 10, 1)]
        scale = [(value, number(value)) for value in range(0, int(max(values)) + 2, max(int(max(values)) // 4, 1))]
        chart = _figure(
            charts.columns(values, ticks, scale, _("Full-team FTE along {field}").format(field=field)),
            _("Full-team FTE at each {field}").format(field=field),
        )
        parts.append(_section("sweep", _("Where each hire kicks in"), chart, steps))
    title = (
        _("Team along {field}").format(field=field_name(str(comparison.sweep)))
        if comparison.sweep
        else _("Scenarios compared")
    )
    return _document(title, parts)


def _job_document(result: JobDescription) -> str:
    from ecomteam.output.markdown import job_sections

    title, lede, sections = job_sections(result)
    body = [
        _section(f"s{n}", heading, _list(items) if bullets else f"<p>{esc(' '.join(items))}</p>")
        for n, (heading, items, bullets) in enumerate(sections, start=1)
        if items
    ]
    return _document(title, body, lede)


def _roles_document(result: RoleList) -> str:
    currency = result.index.catalogue.cost_basis.currency
    header = [
        _("Id"),
        _("Role"),
        _("Department"),
        _("From stage"),
        _("Sourcing"),
        _("{currency} per FTE and month").format(currency=currency),
    ]
    rows = [[*row[:2], row[2], *row[3:]] for row in facts.role_rows(result)]
    return _document(_("E-commerce team roles"), [_table(header, rows, frozenset({5}), facts.roles_title(result))])
