"""Charts for the HTML report, drawn as inline SVG: no script, no web font, no request.

Each function takes figures and labels already worded and returns one `<svg>`.
Colours come from the document's stylesheet through class names (`bar`, `in-house`,
`outsource`, `owner`, `budget`), so the print stylesheet and the page agree. Every
chart has a `<title>` for screen readers; the report gives its figures as a table too.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ecomteam.output.clean import clean

#: Drawing units; the SVG scales to its container, keeping this aspect.
WIDTH = 720
ROW = 26
LABEL_WIDTH = 250


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length and the figure written beside it."""

    label: str
    value: float
    text: str
    kind: str = "bar"  # a class name the stylesheet colours


@dataclass(frozen=True)
class Span:
    """Part of a gantt row: months [start, end) in one kind of engagement."""

    start: int
    end: int
    kind: str
    text: str
    thickness: float = 1.0  # the bar's height as a share of the row's


@dataclass(frozen=True)
class Task:
    """A gantt row: a role and its spans over the months."""

    label: str
    spans: tuple[Span, ...]


def _text(value: str) -> str:
    return html.escape(clean(value), quote=True)


def _clipped(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg(height: float, title: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg class="chart {css_class}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f"<title>{_text(title)}</title>" + "".join(body) + "</svg>"
    )


def bars(rows: Sequence[Bar], title: str) -> str:
    """Horizontal bars, longest scale at the widest value, each labelled and figured."""
    room = WIDTH - LABEL_WIDTH - 110
    top = max((row.value for row in rows), default=0) or 1
    body = []
    for position, row in enumerate(rows):
        y = position * ROW + 4
        length = max(row.value / top * room, 1.5 if row.value else 0)
        body += [
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{_text(_clipped(row.label))}'
            f"<title>{_text(row.label)}</title></text>",
            f'<rect class="{row.kind}" x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}" rx="2"/>',
            f'<text class="figure" x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}">{_text(row.text)}</text>',
        ]
    return _svg(len(rows) * ROW + 8, title, body, "bars")


def split(parts: Sequence[Bar], title: str) -> str:
    """One bar cut into parts by value, with a legend under it."""
    total = sum(part.value for part in parts) or 1
    x, body = 0.0, []
    for part in parts:
        width = part.value / total * WIDTH
        body.append(f'<rect class="{part.kind}" x="{x:.1f}" y="0" width="{width:.1f}" height="28"/>')
        x += width
    for position, part in enumerate(parts):
        left = position * (WIDTH / max(len(parts), 1))
        body += [
            f'<rect class="{part.kind}" x="{left:.1f}" y="40" width="14" height="14"/>',
            f'<text class="label" x="{left + 20:.1f}" y="52">{_text(part.label)}: {_text(part.text)}</text>',
        ]
    return _svg(62, title, body, "split")


def columns(values: Sequence[float], ticks: Sequence[tuple[int, str]], scale: Sequence[tuple[float, str]],
            title: str, line: tuple[float, str] | None = None) -> str:  # fmt: skip
    """One column per month, with a money scale (`scale`: value, label), month labels and an optional line."""
    left, height, bottom = 90, 200, 30
    room = WIDTH - left - 10
    top = max([*values, *(value for value, _ in scale), line[0] if line else 0]) or 1
    step = room / max(len(values), 1)

    def y(value: float) -> float:
        return height - value / top * (height - 10)

    body = [
        f'<line class="grid" x1="{left}" x2="{WIDTH - 10}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
        f'<text class="axis" x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_text(label)}</text>'
        for v, label in scale
    ]
    body += [
        f'<rect class="bar" x="{left + i * step + 1:.1f}" y="{y(v):.1f}" width="{max(step - 2, 1):.1f}" '
        f'height="{height - y(v):.1f}"/>'
        for i, v in enumerate(values)
    ]
    body += [
        f'<text class="axis" x="{left + i * step:.1f}" y="{height + 18}">{_text(label)}</text>' for i, label in ticks
    ]
    if line is not None:
        body.append(
            f'<line class="budget" x1="{left}" x2="{WIDTH - 10}" y1="{y(line[0]):.1f}" y2="{y(line[0]):.1f}"/>'
            f'<text class="budget-label" x="{WIDTH - 12}" y="{y(line[0]) - 5:.1f}" text-anchor="end">'
            f"{_text(line[1])}</text>"
        )
    return _svg(height + bottom, title, body, "columns")


def gantt(tasks: Sequence[Task], months: int, ticks: Sequence[tuple[int, str]],
          marks: Sequence[tuple[int, str]], title: str) -> str:  # fmt: skip
    """Rows of spans over `months`, a month scale (`ticks`) and vertical marks (the phases)."""
    head, room = 34, WIDTH - LABEL_WIDTH - 10
    step = room / max(months, 1)
    body = [
        f'<line class="mark" x1="{LABEL_WIDTH + month * step:.1f}" x2="{LABEL_WIDTH + month * step:.1f}" y1="18" '
        f'y2="{head + len(tasks) * ROW}"/><text class="mark-label" x="{LABEL_WIDTH + month * step + 3:.1f}" '
        f'y="12">{_text(label)}</text>'
        for month, label in marks
    ]
    body += [f'<text class="axis" x="{LABEL_WIDTH + m * step:.1f}" y="29">{_text(label)}</text>' for m, label in ticks]
    for position, task in enumerate(tasks):
        y = head + position * ROW
        body.append(
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">'
            f"{_text(_clipped(task.label))}<title>{_text(task.label)}</title></text>"
        )
        for span in task.spans:
            x, width = LABEL_WIDTH + span.start * step, max((span.end - span.start) * step, 2)
            height = (ROW - 8) * span.thickness
            body.append(
                f'<rect class="{span.kind}" x="{x:.1f}" y="{y + 4 + (ROW - 8 - height) / 2:.1f}" width="{width:.1f}" '
                f'height="{height:.1f}" rx="3">'
                f"<title>{_text(task.label)}: {_text(span.text)}</title></rect>"
            )
            if width > 7 * len(span.text):  # a shorter bar keeps its words in its tooltip
                body.append(f'<text class="in-bar" x="{x + 5:.1f}" y="{y + 17}">{_text(span.text)}</text>')
    return _svg(head + len(tasks) * ROW + 6, title, body, "gantt")
