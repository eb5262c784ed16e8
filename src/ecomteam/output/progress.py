"""The progress line `ecomteam batch` draws on a terminal's stderr while it plans."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ecomteam.output.clean import clean

#: Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
REDRAW = 0.1


@contextmanager
def progress_bar() -> Iterator[Callable[[str | None], None]]:
    """A callback that counts a profile (None) or shows a message above the bar; the bar goes at the end."""
    columns = (SpinnerColumn(), TextColumn("profiles planned: {task.completed:,}"), TimeElapsedColumn())
    # Drawn from this thread only: a refresh thread would be running when the pool forks its workers.
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("plans", total=None)
        drawn = time.monotonic()

        def advance(message: str | None) -> None:
            nonlocal drawn
            if message is not None:
                bar.console.print(f"ecomteam: {clean(message)}", markup=False, highlight=False)
                return
            bar.advance(task)
            if time.monotonic() - drawn > REDRAW:
                bar.refresh()
                drawn = time.monotonic()

        yield advance
