"""The console script's entry point: the process boundary, kept light so `--version` starts in a blink.

`ecomteam --version` (or `-V`) alone is answered here without importing typer, rich,
pydantic or PyYAML; everything else goes to the typer app in `ecomteam.cli`. What
can go wrong outside any command is answered here too, never with a traceback:
Ctrl-C while modules load (130), a reader that went away (141, quietly, as other
Unix tools do), and a standard output that is closed, full or cannot encode the
text (73).
"""

import gc
import sys

from ecomteam import __version__
from ecomteam.exitcodes import EXIT_BROKEN_PIPE, EXIT_CANT_WRITE, EXIT_INTERRUPTED, EXIT_OK


def main() -> None:
    """Run the `ecomteam` command and exit with its status."""
    if sys.argv[1:] in (["--version"], ["-V"]):  # before any import: errors' dataclasses pull in `inspect`
        sys.exit(_version())
    from ecomteam.errors import watch_interrupts

    watch_interrupts()
    try:
        status = _run()
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk or a closed pipe shows up here, not at exit
    except KeyboardInterrupt:
        status = _fail("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        status = _reader_gone()
    except OSError as exc:
        status = _fail(f"cannot write the output: {exc.strerror or exc}", EXIT_CANT_WRITE)
    except UnicodeEncodeError as exc:
        status = _fail(f"standard output cannot show this text ({exc.encoding}); set PYTHONIOENCODING=utf-8 "
                       "or write to a file with --output", EXIT_CANT_WRITE)  # fmt: skip
    # Spare the final collection a scan of everything the command built (about a fifth of the exit time).
    gc.freeze()
    sys.exit(status)


def _version() -> int:
    try:
        if sys.stdout is None:
            return _fail("standard output is closed; nothing was written", EXIT_CANT_WRITE)
        sys.stdout.write(f"ecomteam {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone()
    except OSError as exc:
        return _fail(f"cannot write the output: {exc.strerror or exc}", EXIT_CANT_WRITE)
    return EXIT_OK


def _run() -> int | str | None:
    from ecomteam.cli import app

    try:
        app()
    except SystemExit as done:
        return done.code
    return EXIT_OK


def _fail(message: str, status: int) -> int:
    if sys.stderr is not None:
        sys.stderr.write(f"ecomteam: {message}\n")
    return status


def _reader_gone() -> int:
    """The reader of our output went away: stop quietly."""
    from ecomteam.files import silence_stdout

    silence_stdout()
    return EXIT_BROKEN_PIPE
