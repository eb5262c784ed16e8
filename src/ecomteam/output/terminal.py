"""Rich renderables for the terminal, and their export as text, SVG or HTML.

Every string from data is wrapped in `rich.text.Text`, so `[brackets]` and `:emoji:`
codes in a catalogue are shown literally. rich is imported inside the functions
that draw, keeping it off the start-up path.
"""

from __future__ import annotations

import io
import re
from itertools import pairwise
from typing import TYPE_CHECKING, assert_never

from ecomteam.errors import UsageError
from ecomteam.i18n import _, joined
from ecomteam.output import facts
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
from ecomteam.output.words import field_name, money, number, staffing_labels, summary_rows
from ecomteam.terms import term
from ecomteam.vocab import Category

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table
    from rich.text import Text

    from ecomteam.plan import Reason

#: Width of tables saved to files (text, SVG, HTML): fixed, so the output is reproducible.
EXPORT_WIDTH = 100


def renderable(result: Result) -> RenderableType:
    """The rich renderable of a result."""
    _break_between_cjk_characters()
    match result:
        case RoleList():
            return roles_table(result)
        case RoleCard():
            return role_view(result)
        case PlanReport():
            return plan_view(result)
        case AssessmentReport():
            return assessment_view(result)
        case JobDescription():
            raise UsageError(_("a job description is written as markdown or HTML"))
        case ComparisonReport():
            return comparison_view(result)
        case _:
            assert_never(result)


#: One "word" for rich's line breaking: a single CJK character, or a run of other non-space characters.
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
# The Chinese comma, full stop, colons, closing bracket and marks: they never start a line.
_CLOSING = "\u3001\u3002\uff0c\uff1b\uff1a\uff09\uff01\uff1f"
# The opening bracket and quotes: they never end a line, so they go with what follows.
_OPENING = "\uff08\u201c\u2018\u300c\u300a"
_CJK_WORDS = re.compile(
    rf"\s*[{_OPENING}]*[{_CJK}][{_CLOSING}]*\s*|\s*[{_OPENING}]*[^\s{_CJK}{_OPENING}]+[{_CLOSING}]*\s*|\s*\S+\s*"
)  # the last branch, rich's own pattern, takes what the others leave (a lone opening quote)


def _break_between_cjk_characters() -> None:
    """Let rich break a line between two Chinese characters, as Chinese text is set.

    rich takes a word to be a run of non-space characters, so a Chinese sentence is one
    long word: it jumps to a new line and then folds at the column edge. Its word
    pattern is the one thing that decides this (rich._wrap.re_word); each CJK character
    becomes a word of its own, and Latin words stay whole.
    """
    from rich import _wrap

    _wrap.re_word = _CJK_WORDS


#: Narrowest width drawn at: below it (COLUMNS=0, a tiny pane) tables would lose their text.
MIN_WIDTH = 40


def screen(result: Result) -> tuple[str, int]:
    """A result drawn for this terminal, at its width (at least `MIN_WIDTH`) and colours, and the terminal's height.

    Drawn to a string first, so the caller can tell whether it fits the screen.
    """
    from rich.console import Console

    console = Console(emoji=False, highlight=False, markup=False)
    if console.width < MIN_WIDTH:
        console = Console(emoji=False, highlight=False, markup=False, width=MIN_WIDTH)
    with console.capture() as captured:
        console.print(renderable(result))
    return captured.get(), console.height


def export(result: Result, kind: str) -> str:
    """Draw a result at a fixed width as plain text (`text`), an SVG picture or an HTML page."""
    from rich.console import Console

    plain = kind == "text"
    console = Console(
        file=io.StringIO(),
        width=EXPORT_WIDTH,
        record=not plain,
        color_system=None if plain else "truecolor",
        force_terminal=not plain,
        emoji=False,
        highlight=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(renderable(result))
    if kind == "svg":
        return console.export_svg(title=_title(result), code_format=_offline_svg_format())
    if kind == "html":
        return console.export_html(inline_styles=True)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _offline_svg_format() -> str:
    """Rich's SVG template without its web font: no request leaves the picture, and any monospace font draws it.

    rich loads Fira Code from a CDN; offline a viewer falls back to a font of its own
    choosing. Local monospace fonts of each system come first instead.
    """
    import re

    # The template `export_svg` uses by default; rich keeps it in this module. A test checks the result has no
    # web font, so a rich that moves or renames it fails there, not silently.
    from rich._export_format import CONSOLE_SVG_FORMAT

    without_fonts = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)
    return without_fonts.replace(
        "font-family: Fira Code, monospace;",
        'font-family: "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;',
    )


def _title(result: Result) -> str:
    match result:
        case RoleList():
            return "ecomteam roles"
        case RoleCard() | JobDescription():
            return f"ecomteam: {result.role.name}"
        case PlanReport():
            return "ecomteam plan"
        case AssessmentReport():
            return "ecomteam assessment"
        case ComparisonReport():
            return "ecomteam comparison"
        case _:
            assert_never(result)


def _table(title: str, columns: list[tuple[str, str]]) -> Table:
    """A table with a left-aligned title and columns of (header, justify) that fold long words."""
    from rich.table import Table

    table = Table(title=_text(title), title_justify="left")
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    return table


def _text(text: str, style: str = "") -> Text:
    """Text from data, shown literally: no markup, no control sequences."""
    from rich.text import Text

    return Text(clean(text), style=style)


def _add_row(table: Table, cells: list[str]) -> None:
    table.add_row(*(_text(cell) for cell in cells))


# ------------------------------------------------------------------ roles


def roles_table(result: RoleList) -> RenderableType:
    """A table listing roles: one line each where the screen is wide enough, else grouped by department."""
    return _WidestThatFits(_roles_wide(result), _roles_narrow(result), one_line=True)


class _WidestThatFits:
    """Draws `wide` when it fits the screen, else `narrow` (rich asks at draw time).

    It fits when no word must break, or with `one_line`, when every row stays on one line.
    """

    def __init__(self, wide: RenderableType, narrow: RenderableType, *, one_line: bool = False) -> None:
        self.wide, self.narrow, self.one_line = wide, narrow, one_line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.measure import Measurement

        # Measured without the screen's limit, which would clamp the answer to it.
        needed = Measurement.get(console, options.update(max_width=10_000), self.wide)
        yield self.wide if (needed.maximum if self.one_line else needed.minimum) <= options.max_width else self.narrow


def _roles_wide(result: RoleList) -> Table:
    currency = result.index.catalogue.cost_basis.currency
    table = _table(
        facts.roles_title(result),
        [
            (_("Role"), "left"),
            (_("Name"), "left"),
            (_("Category"), "left"),
            (_("Stage"), "left"),
            (_("Sourcing"), "left"),
            (_("{currency} / FTE / month").format(currency=currency), "right"),
        ],
    )
    table.expand = False
    table.columns[0].style = "bold"
    for row in facts.role_rows(result):
        _add_row(table, row)
    return table


def _roles_narrow(result: RoleList) -> Table:
    # Name over id in one column, and the departments as headings, so ids stay whole at 80 columns.
    currency = result.index.catalogue.cost_basis.currency
    table = _table(
        facts.roles_title(result),
        [
            (_("Role"), "left"),
            (_("Stage"), "left"),
            (_("Sourcing"), "left"),
            (_("{currency} / FTE / month").format(currency=currency), "right"),
        ],
    )
    rows = facts.role_rows(result)
    for department in dict.fromkeys(term(category) for category in Category):
        members = [row for row in rows if row[2] == department]
        if members:
            table.add_row(_text(department, style="bold underline"))
        for role_id, name, _category, *rest in members:
            role = _text(name, style="bold")
            role.append(clean(f"\n{role_id}"), style="dim")
            table.add_row(role, *(_text(cell) for cell in rest))
    return table


def role_view(result: RoleCard) -> RenderableType:
    """One role in full: a grid of labels and values."""
    from rich.table import Table

    role = result.role
    table = Table.grid(padding=(0, 2))
    table.title = _text(f"{role.name} ({role.id})", style="bold")
    table.title_justify = "left"
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, lines in facts.role_facts(result):
        bullets = facts.listed(label)
        table.add_row(label, _text("\n".join(f"• {item}" for item in lines) if bullets else "\n".join(lines)))
    return table


# --------------------------------------------------------------------- plans


def plan_view(result: PlanReport) -> RenderableType:
    """A plan: heading, notes, summary and warnings, team, why, split, rollout, and the optional extras.

    `brief` stops after the summary with the team by department, one screen for any team.
    """
    from rich.console import Group

    plan, articles = result.plan, result.index.catalogue.articles

    def worded(reason: Reason) -> str:  # article references numbered as the documents number them
        return facts.readable_references(result.words.reason(reason), articles)

    parts: list[RenderableType] = [_text(facts.plan_heading(result), style="bold")]
    if not result.brief:
        parts += [_text(_("Note: {note}").format(note=worded(note)), style="italic") for note in plan.notes]
    parts.append(_summary(result))
    parts += [
        _text(_("Warning: {warning}.").format(warning=worded(warning)), style="bold") for warning in plan.warnings
    ]
    if result.brief:
        parts += [_departments_table(result), _text(_("Every line, the reasons and the rollout: leave out --brief."))]
        return Group(*parts)
    team = _WidestThatFits(_team_table(result), _team_table(result, with_sourcing=False))
    parts += [team, _why(result), *_articles(result), _split_table(result), _rollout_table(result)]
    if plan.timeline:
        parts += [_text(facts.timeline_intro(result)), _timeline_table(result), _timeline_departments(result)]
    if plan.peaks:
        parts.append(_peaks_table(result))
    for item in plan.deferred:
        parts.append(
            _text(_("Deferred: {role} {reason}.").format(role=result.index.name(item.role), reason=worded(item.reason)))
        )
    if result.org_chart:
        parts.append(org_tree(result))
    if result.explain:
        parts.append(explain_table(result))
    return Group(*parts)


def _summary(result: PlanReport) -> RenderableType:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in summary_rows(result.plan):
        grid.add_row(label, _text(text))
    if result.brief and result.plan.notes:
        grid.add_row(_("Notes"), _text(_("{count}, shown without --brief").format(count=len(result.plan.notes))))
    return grid


def _departments_table(result: PlanReport) -> Table:
    currency = result.plan.profile.currency
    table = _table(
        "",
        [
            (_("Department"), "left"),
            (_("Roles"), "left"),
            (_("FTE"), "right"),
            (_("{currency} / month").format(currency=currency), "right"),
        ],
    )
    # One line per department, so any team fits a screen: the names take the room left, cut with an ellipsis.
    table.expand = True
    for column in table.columns:
        column.no_wrap = True
    table.columns[1].overflow, table.columns[1].ratio = "ellipsis", 1
    for department, names, fte, cost in facts.department_rows(result):
        _add_row(table, [department, joined(names), number(fte), number(round(cost))])
    return table


def _team_table(result: PlanReport, *, with_sourcing: bool = True) -> Table:
    """The team, one row per line; narrow screens go without the sourcing, which the engagement implies."""
    currency = result.plan.profile.currency
    sourcing = [(_("Sourcing"), "left")] if with_sourcing else []
    team = _table(
        _("Team"),
        [
            (_("Phase"), "right"),
            (_("Role"), "left"),
            (_("FTE"), "right"),
            *sourcing,
            (_("Engagement"), "left"),
            (_("{currency} / month").format(currency=currency), "right"),
        ],
    )
    # The roles a person also covers go under the name, where the widest column has room for them.
    for line in result.plan.team:
        role = "\n".join([line.name, *(f"+ {result.index.name(covered)}" for covered in line.covers)])
        cells = [str(line.phase), role, number(line.fte), *([term(line.sourcing)] if with_sourcing else [])]
        _add_row(team, [*cells, term(line.engagement), number(round(line.monthly_cost))])
    return team


def _why(result: PlanReport) -> RenderableType:
    # Only the heading and each role's name are bold; the reasons read as plain text.
    why = _text("")
    why.append(_("Why") + "\n", style="bold")
    for line in result.plan.team:
        held = _("{engagement}, phase {phase}").format(engagement=term(line.engagement), phase=line.phase)
        why.append(clean(f"• {line.name} ({held}): "), style="bold")
        why.append(clean(facts.readable_references(result.words.why(line), result.index.catalogue.articles) + "\n"))
    return why


def _articles(result: PlanReport) -> list[RenderableType]:
    """The seed articles the notes and reasons shown cite by number ("article 1"), for a reader to look them up."""
    plan, words, articles = result.plan, result.words, result.index.catalogue.articles
    shown = [*map(words.reason, [*plan.notes, *plan.warnings]), *map(words.why, plan.team)]
    rows = facts.article_rows(facts.referenced_files(shown, articles), articles)
    if not rows:
        return []
    cited = _text("")
    cited.append(_("Seed articles") + "\n", style="bold")
    for label, title, note in rows:
        named = f"{label}: " if label else ""
        cited.append(clean(f"• {named}{title}" + (f" ({note})" if note else "") + "\n"))
    return [cited]


def _split_table(result: PlanReport) -> Table:
    currency = result.plan.profile.currency
    split = _table(
        _("In-house and outsourced"),
        [("", "left"), (_("FTE"), "right"), (_("{currency} / month").format(currency=currency), "right")],
    )
    for label, fte, cost in facts.split_rows(result.plan):
        _add_row(split, [label, fte, money(cost, currency)])
    for column in split.columns:
        column.overflow = "ellipsis"
    return split


def _rollout_table(result: PlanReport) -> Table:
    rollout = _table(
        _("Rollout"),
        [
            (_("Phase"), "right"),
            (_("Months"), "left"),
            (_("When"), "left"),
            (_("Hires"), "left"),
            (_("Run-rate"), "right"),
        ],
    )
    for phase, months, label, hires, cost in facts.rollout_rows(result.plan):
        _add_row(rollout, [phase, months, label, joined(hires) or "-", money(cost, result.plan.profile.currency)])
    return rollout


def _timeline_table(result: PlanReport) -> RenderableType:
    """The months, changes in a column where the screen holds every word whole, else listed under the table."""
    from rich.console import Group

    rows = facts.timeline_rows(result)
    changes = facts.TIMELINE_HEADER.index("Changes")
    dated = [(row[1], row[changes]) for row in rows if row[changes]]
    listed = [_text(f"{date}: {change}") for date, change in dated]
    narrow = Group(_months_table(rows, with_changes=False), *listed) if listed else _months_table(rows, False)
    return _WidestThatFits(_months_table(rows, with_changes=True), narrow)


def _months_table(rows: list[list[str]], with_changes: bool) -> Table:
    numbers = {"Date", "Orders/day", "FTE", "People", "Monthly cost", "Cumulative"}
    kept = [  # the month's number repeats its date; a column no month fills says nothing
        index
        for index, name in enumerate(facts.TIMELINE_HEADER)
        if name != "Month" and (with_changes if name == "Changes" else any(row[index] for row in rows))
    ]
    names = [facts.TIMELINE_HEADER[index] for index in kept]
    timeline = _table(_("Month by month"), [(_(name), "right" if name in numbers else "left") for name in names])
    for column, name in zip(timeline.columns, names, strict=True):
        if name in numbers:  # a figure or a date is never cut in two
            column.no_wrap, column.header = True, _unbroken(str(column.header))
    for row in rows:
        timeline.add_row(*(_unbroken(row[i]) if names[n] in numbers else _text(row[i]) for n, i in enumerate(kept)))
    return timeline


def _unbroken(text: str) -> Text:
    """Text measured as one piece, so a table that would have to break it is known not to fit."""
    from rich.measure import Measurement
    from rich.text import Text

    class Unbroken(Text):
        def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
            widest = super().__rich_measure__(console, options).maximum
            return Measurement(widest, widest)

    return Unbroken(clean(text))


def _timeline_departments(result: PlanReport) -> RenderableType:
    """A column per department where the screen holds its name whole, else a department's changes per row."""
    header, rows = facts.timeline_departments(result)
    wide = _table(_("FTE by department"), [(header[0], "left"), *((name, "right") for name in header[1:])])
    for row in rows:
        wide.add_row(*map(_unbroken, row))
    narrow = _table(_("FTE by department"), [(_("Department"), "left"), (_("FTE over the months"), "left")])
    for column, department in enumerate(header[1:], start=1):
        values = [(row[0], row[column]) for row in rows]
        steps = [values[0][1]] + [
            f"→ {value} ({month})" for (_before, previous), (month, value) in pairwise(values) if value != previous
        ]
        _add_row(narrow, [department, " ".join(steps)])
    return _WidestThatFits(wide, narrow)


def _peaks_table(result: PlanReport) -> Table:
    peaks = _table(
        _("Peaks"),
        [
            (_("Peak"), "left"),
            (_("When"), "left"),
            (_("Uplift"), "left"),
            (_("Temporary staff"), "left"),
            (_("Cost"), "right"),
        ],
    )
    for row in facts.peak_rows(result):
        _add_row(peaks, row)
    return peaks


def comparison_view(result: ComparisonReport) -> RenderableType:
    """Scenarios side by side: the full teams (changed roles marked), the totals and the warnings.

    A sweep is one row per point instead, which fits a terminal however many points it has.
    """
    from rich.console import Group

    if result.comparison.sweep:
        field = field_name(result.comparison.sweep)
        points = _table(
            _("The team along {field}").format(field=field),
            [
                (field, "right"),
                (_("FTE"), "right"),
                (_("Monthly cost"), "right"),
                (_("Phase 1"), "right"),
                (_("What changes"), "left"),
            ],
        )
        for row in facts.sweep_rows(result):
            _add_row(points, row)
        return points
    header, rows = facts.comparison_rows(result)
    columns = [(header[0], "left"), *((name, "right") for name in header[1:])]
    team = _table(_("Full team by scenario (* differs)"), columns)
    for row in rows:
        _add_row(team, row)
    totals = _table(_("Totals"), [("", "left"), *columns[1:]])
    for row in facts.comparison_totals(result):
        _add_row(totals, row)
    parts: list[RenderableType] = [team, totals]
    start_header, starts = facts.comparison_starts(result)
    if starts:
        paced = _table(
            _("When each role starts"), [(start_header[0], "left"), *((n, "right") for n in start_header[1:])]
        )
        for row in starts:
            _add_row(paced, row)
        parts.append(paced)
    for scenario in result.comparison.scenarios:
        parts += [
            _text(
                _("{scenario}: warning: {warning}.").format(scenario=scenario.name, warning=result.words.reason(item))
            )
            for item in scenario.plan.warnings
        ]
    return Group(*parts)


def explain_table(result: PlanReport) -> Table:
    """Every rule: fired or not, and the values that decided it."""
    table = _table(_("Rules"), [(_("Fired"), "left"), (_("Rule"), "left"), (_("Role"), "left"), (_("Because"), "left")])
    table.columns[0].no_wrap, table.columns[0].overflow = True, "ellipsis"
    for trace in result.plan.explain:
        _add_row(table, [_("yes") if trace.fired else _("no"), trace.rule, trace.role, result.words.check(trace.check)])
    return table


def org_tree(result: PlanReport) -> RenderableType:
    """The plan's org chart as a rich tree."""
    from rich.tree import Tree

    labels = staffing_labels(result.plan)
    names = facts.line_names(result.plan)
    children = facts.org_children(result)
    root = Tree(_text(_("Org chart"), style="bold"))

    def grow(node: Tree, manager: str | None) -> None:
        for role_id in children.get(manager, []):
            grow(node.add(_text(f"{names[role_id]}: {labels[role_id]}")), role_id)

    grow(root, None)
    return root


# ----------------------------------------------------------------- assessment


def assessment_view(result: AssessmentReport) -> RenderableType:
    """An assessment: coverage, overload, next hires, idle roles and the cost of the gaps."""
    from rich.console import Group

    assessment, words = result.assessment, result.words
    coverage = _table(
        _("Coverage"),
        [
            (_("Role"), "left"),
            (_("Status"), "left"),
            (_("Needed"), "right"),
            (_("Held"), "right"),
            (_("Phase"), "right"),
            (_("Detail"), "left"),
        ],
    )
    for item in assessment.coverage:
        _add_row(coverage, facts.coverage_cells(item, words))
    parts: list[RenderableType] = [coverage]
    parts += [
        _text(
            _("Overloaded: {person}: {computation}").format(
                person=item.person, computation=facts.computation(item, words)
            )
        )
        for item in assessment.overloaded
    ]
    parts.append(_hires_table(result))
    parts += [
        _text(_("Not needed yet: {role} ({people})").format(role=idle.name, people=joined(idle.people)))
        for idle in assessment.not_needed_yet
    ]
    parts.append(_text(facts.assessment_cost_text(assessment)))
    return Group(*parts)


def _hires_table(result: AssessmentReport) -> Table:
    currency = result.assessment.profile.currency
    hires = _table(
        _("Next hires"),
        [
            ("#", "right"),
            (_("Role"), "left"),
            (_("Engagement"), "left"),
            (_("FTE"), "right"),
            (_("Phase"), "right"),
            (_("{currency} / month").format(currency=currency), "right"),
            (_("Gap"), "left"),
        ],
    )
    for position, hire in enumerate(result.assessment.next_hires, start=1):
        _add_row(
            hires,
            [
                str(position),
                hire.name,
                term(hire.engagement),
                number(hire.fte),
                str(hire.phase),
                number(round(hire.monthly_cost)),
                facts.gap_text(hire, result.words),
            ],
        )
    return hires
