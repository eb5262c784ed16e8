"""`ecomteam batch`: a plan for every profile in a file, on every core, in input order."""

from __future__ import annotations

import itertools
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from ecomteam.cli.common import (
    CatalogueOption,
    ForceOption,
    OutputOption,
    RulesOption,
    closed_choice,
    handle_errors,
    load_roles,
    load_rulebook,
    say,
    start_date,
)
from ecomteam.cli.complete import complete_profiles
from ecomteam.errors import OutputError, RowsFailed, UsageError
from ecomteam.i18n import _, ngettext
from ecomteam.vocab import PROFILE_EXTENSIONS, BatchFormat, ProfilesFormat

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from datetime import date

    from ecomteam.api import Knowledge
    from ecomteam.batch import Outcome, Row
    from ecomteam.output.batch import Writer
    from ecomteam.output.words import Words

#: Profiles sent to a worker at a time: enough to make the hand-over cheap
#: (256 plans 10,000 profiles about 3% faster than 64 on two cores).
CHUNK = 256
#: Fewer profiles than this are planned in this process: starting workers costs more.
IN_PROCESS_BELOW = 64
#: Chunks in flight per worker: keeps every core busy while memory stays flat.
AHEAD = 4

#: The format the extension of `--output` implies.
OUTPUT_EXTENSIONS = {
    ".jsonl": BatchFormat.JSONL,
    ".ndjson": BatchFormat.JSONL,
    ".csv": BatchFormat.CSV,
    ".xlsx": BatchFormat.XLSX,
    ".md": BatchFormat.MARKDOWN,
    ".markdown": BatchFormat.MARKDOWN,
}


@handle_errors
def batch(
    profiles: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Profiles: a CSV or XLSX table with a column per profile field (and an optional id), "
            "JSON Lines, or a YAML list; - reads stdin (give --from).",
            show_default=False,
            autocompletion=complete_profiles,
        ),
    ],
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            **closed_choice(
                BatchFormat,
                "FORMAT",
                "jsonl: a full plan per line, as `recommend -f json`; csv, xlsx, markdown: a summary row per profile. "
                "Default: from the --output extension, else jsonl.",
            ),
            show_default=False,
        ),
    ] = None,
    destination: OutputOption = None,
    force: ForceOption = False,
    from_: Annotated[
        ProfilesFormat | None,
        typer.Option(
            "--from",
            **closed_choice(ProfilesFormat, "FORMAT", "Format of the profiles file (default: from its extension)."),
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=256,
            metavar="N",
            help="Processes that plan at once (default: one per core).",
            show_default=False,
        ),
    ] = None,
    fail_fast: Annotated[
        bool,
        typer.Option("--fail-fast", help="Stop at the first row with a problem, and write no output file."),
    ] = False,
    rules_path: RulesOption = None,
    catalogue_path: CatalogueOption = None,
) -> None:
    """Plan many shops at once: a profile per row, plans or a summary out.

    Rows with a problem are reported on stderr with their row and column, the others
    are planned; the exit code is then 65.

    \b
    Examples:
      ecomteam batch shops.csv -o plans.jsonl
      ecomteam batch shops.xlsx -o summary.xlsx
      cat shops.jsonl | ecomteam batch - --from jsonl \\
        -f markdown
    """
    from ecomteam.output.batch import writer

    source_format = from_ or _profiles_format(profiles)
    output_format = format or _output_format(destination)
    job = _Job(str(profiles), output_format, catalogue_path, rules_path, start_date(None))
    _loaded[:] = [_Loaded.of(job)]  # before any worker starts: a forked worker inherits it
    with ExitStack() as stack:
        rows = _read(stack, profiles, source_format)
        pool = stack.enter_context(_pool(jobs or _cores(), job))
        sink = stack.enter_context(_sink(destination, output_format, force))
        progress = stack.enter_context(_progress())
        counts = _run(rows, (pool, writer(output_format, sink)), progress, fail_fast=fail_fast)
    _finish(counts, destination)


@dataclass(frozen=True)
class _Job:
    """What a worker is told: where the rows come from, what to make of them, and the files to plan with."""

    source: str
    format: BatchFormat
    catalogue: Path | None
    rules: Path | None
    start: date  # of every timeline: the first of next month, as `recommend` without --start


@dataclass(frozen=True)
class _Loaded:
    """A job with its catalogue and rule book loaded: what a worker plans with."""

    job: _Job
    knowledge: Knowledge
    words: Words

    @classmethod
    def of(cls, job: _Job) -> _Loaded:
        from ecomteam.api import Knowledge
        from ecomteam.output.results import words_for

        index = load_roles(job.catalogue)
        book = load_rulebook(job.rules, index)
        return cls(job, Knowledge(index, book), words_for(book, index))


#: The loaded job of this process: set by the command before workers start, so a
#: forked worker has it already; a spawned one loads it when it starts.
_loaded: list[_Loaded] = []


def _profiles_format(path: Path) -> ProfilesFormat:
    found = PROFILE_EXTENSIONS.get(path.suffix.lower())
    if found is None:
        where = "stdin" if str(path) == "-" else f"{path}: its extension"
        raise UsageError(f"{where} does not say the format; give --from ({', '.join(ProfilesFormat)})")
    return found


def _output_format(destination: Path | None) -> BatchFormat:
    if destination is None or str(destination) == "-":
        return BatchFormat.JSONL
    return OUTPUT_EXTENSIONS.get(destination.suffix.lower(), BatchFormat.JSONL)


def _cores() -> int:
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13: the cores this process may use
    if counted is not None:
        return int(counted() or 1)
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


# ------------------------------------------------------------------ reading


def _read(stack: ExitStack, path: Path, format: ProfilesFormat) -> Iterator[Row]:
    """The rows of the profiles file (or stdin), read as they are needed."""
    import io

    from ecomteam.batch import read_rows
    from ecomteam.files import open_input

    binary: BinaryIO
    if str(path) == "-":
        if sys.stdin is None:
            raise UsageError("standard input is closed; give a profiles file")
        binary = sys.stdin.buffer
    else:
        binary = stack.enter_context(open_input(path, "profiles"))
    stream: IO[str] | IO[bytes]
    if format is ProfilesFormat.XLSX:
        from ecomteam.files import read_capped

        # A zip is read from its end: a pipe's bytes are gathered first.
        stream = binary if binary.seekable() else io.BytesIO(read_capped(binary, str(path), "workbook"))
    else:
        stream = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    return read_rows(stream, format, str(path))


# ------------------------------------------------------------------ planning


def _start_worker(job: _Job) -> None:
    import signal

    # Ctrl-C and the signals that end a session reach the whole group: the parent stops
    # the pool. A worker killed while it sends its results would leave half a message,
    # which the parent's executor would wait for forever; so it finishes its chunk, and
    # dies with the parent if the parent goes first.
    ignored = {getattr(signal, name) for name in GROUP_SIGNALS if hasattr(signal, name)}
    for number in ignored:
        signal.signal(number, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, ignored)  # held by the parent while it started us
    _die_with_parent()
    if not _loaded or _loaded[0].job != job:
        _loaded[:] = [_Loaded.of(job)]
    _collect_as_you_go()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it ends (elsewhere: nothing)."""
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    set_death_signal = 1  # PR_SET_PDEATHSIG, from <sys/prctl.h>
    ctypes.CDLL(None).prctl(set_death_signal, signal.SIGKILL)


def _collect_as_you_go() -> None:
    """Let the cycle collector run again, leaving out what lives as long as the process.

    Commands pause it while they load; a batch runs long enough that every plan's
    garbage must be collected as it goes, or memory would grow with the input.
    """
    import gc

    gc.freeze()  # the catalogue and rule book: never garbage, so never scanned again
    gc.enable()


def _plan_chunk(rows: list[Row]) -> list[Outcome]:
    return [_outcome(row, _loaded[0]) for row in rows]


def _outcome(row: Row, loaded: _Loaded) -> Outcome:
    """A row's plan, as the output format wants it, or its problems."""
    from ecomteam.batch import Outcome, plan_row, summarise
    from ecomteam.output.batch import plan_line

    result = plan_row(row, loaded.job.source, loaded.knowledge, loaded.job.start)
    if isinstance(result, tuple):
        return Outcome(row.number, row.id, problems=result)
    if loaded.job.format is BatchFormat.JSONL:
        return Outcome(row.number, row.id, text=plan_line(result, loaded.words))
    return Outcome(row.number, row.id, summary=summarise(result))


@dataclass
class _Planner:
    """Plans chunks of rows in this process, or in a pool of workers started on first need."""

    job: _Job
    jobs: int
    pool: ProcessPoolExecutor | None = None

    def outcomes(self, rows: Iterator[Row]) -> Iterator[Outcome]:
        """Every row's outcome, in input order."""
        first = list(_take(rows, CHUNK))
        if self.jobs == 1 or len(first) < IN_PROCESS_BELOW:
            _collect_as_you_go()
            for row in itertools.chain(first, rows):
                yield _outcome(row, _loaded[0])
            return
        if len(first) < CHUNK:  # all there is: a share for each worker
            share = -(-len(first) // self.jobs)
            yield from self._in_pool(first[start : start + share] for start in range(0, len(first), share))
            return
        yield from self._in_pool(_chunks(first, rows))

    def _in_pool(self, chunks: Iterable[list[Row]]) -> Iterator[Outcome]:
        from concurrent.futures import ProcessPoolExecutor

        # An executor, not multiprocessing.Pool: a worker killed mid-task (the whole group
        # sent SIGTERM) breaks it at once, where a pool could wait forever on a lost lock.
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.jobs, mp_context=_context(), initializer=_start_worker, initargs=(self.job,)
            )
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in chunks:
            with _signals_held(when=not pending):  # the first task starts the workers
                pending.append(self.pool.submit(_plan_chunk, chunk))
            if len(pending) >= self.jobs * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


#: Signals a worker ignores: the parent handles them for the whole group.
GROUP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextmanager
def _signals_held(*, when: bool) -> Iterator[None]:
    """Hold the group's signals while workers start, so none arrives before a worker ignores it."""
    import signal

    held = {getattr(signal, name) for name in GROUP_SIGNALS if hasattr(signal, name)}
    if not when or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _context() -> Any:
    """Fork where it is safe (Linux: workers inherit the loaded rule book), spawn elsewhere."""
    import multiprocessing

    method = "fork" if sys.platform == "linux" else "spawn"
    return multiprocessing.get_context(method)


@contextmanager
def _pool(jobs: int, job: _Job) -> Iterator[_Planner]:
    planner = _Planner(job, jobs)
    try:
        yield planner
    except BaseException:
        if planner.pool is not None:
            _stop_now(planner.pool)
        raise
    if planner.pool is not None:
        planner.pool.shutdown()


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Cancel the work not started: the run is over (an error, Ctrl-C, a signal).

    Each worker finishes the chunk in hand (well under a second) and exits; killing it
    mid-send would leave the executor waiting for the rest of its message.
    """
    pool.shutdown(wait=False, cancel_futures=True)


def _take(rows: Iterator[Row], count: int) -> Iterator[Row]:
    for _taken in range(count):
        row = next(rows, None)
        if row is None:
            return
        yield row


def _chunks(first: list[Row], rows: Iterator[Row]) -> Iterator[list[Row]]:
    chunk = first
    while chunk:
        yield chunk
        chunk = list(_take(rows, CHUNK))


# ------------------------------------------------------------------ writing


@contextmanager
def _sink(destination: Path | None, format: BatchFormat, force: bool) -> Iterator[BinaryIO]:
    """Where the output goes: stdout, or a file that appears whole when the batch ends."""
    if destination is None or str(destination) == "-":
        if sys.stdout is None:
            raise UsageError("standard output is closed; give --output FILE")
        if format is BatchFormat.XLSX and sys.stdout.isatty():
            raise UsageError("an XLSX workbook is a binary file: give --output FILE, or pipe it")
        try:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise  # the reader went away: exit 141, quietly
        except OSError as exc:  # a full disk behind a redirection, /dev/full
            raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from exc
        return
    from ecomteam.files import output_stream

    with output_stream(destination, force=force) as stream:
        yield stream


@dataclass
class _Counts:
    planned: int = 0
    failed: int = 0


def _run(
    rows: Iterator[Row],
    through: tuple[_Planner, Writer],
    progress: Callable[[str | None], None],
    *,
    fail_fast: bool,
) -> _Counts:
    """Plan every row and write its outcome in order, reporting problems as they come."""
    planner, output = through
    counts = _Counts()
    for outcome in planner.outcomes(rows):
        for problem in outcome.problems:
            progress(str(problem))
        if outcome.problems:
            counts.failed += 1
            if fail_fast:
                raise RowsFailed("stopped at the first row with a problem (--fail-fast); no output file was written")
        else:
            counts.planned += 1
        output.write(outcome)
        progress(None)
    output.close()
    return counts


@contextmanager
def _progress() -> Iterator[Callable[[str | None], None]]:
    """A callback that counts a profile (None) or shows a problem: a bar on a terminal's stderr, else plain lines."""
    if sys.stderr is None or not sys.stderr.isatty():
        yield lambda message: say(f"ecomteam: {message}") if message is not None else None
        return
    from ecomteam.output.progress import progress_bar

    with progress_bar() as advance:
        yield advance


def _finish(counts: _Counts, destination: Path | None) -> None:
    total = counts.planned + counts.failed
    if destination is not None and str(destination) != "-":
        say(_("ecomteam: wrote {path}").format(path=destination))
    if counts.failed:
        if counts.planned:
            message = ngettext(
                "{failed} of {total} rows has problems (listed above); the others were planned",
                "{failed} of {total} rows have problems (listed above); the others were planned",
                counts.failed,
            )
        else:
            message = ngettext(
                "{failed} of {total} rows has problems (listed above); none was planned",
                "{failed} of {total} rows have problems (listed above); none was planned",
                counts.failed,
            )
        raise RowsFailed(message.format(failed=counts.failed, total=total))
