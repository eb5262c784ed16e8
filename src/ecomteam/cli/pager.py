"""Long terminal output through a pager, the way git does it.

Only when stdout is a terminal and the text is taller than the screen. The pager is
`ECOMTEAM_PAGER`, else `PAGER`, else `less`; an empty value or `cat` turns it off,
as does `--no-pager`. `less` gets `LESS=FRX` unless the user set `LESS`: quit when
the text fits after all, keep the colours, and leave the text on screen after.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping

PAGER_ENV = "ECOMTEAM_PAGER"


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager to run, as words, or None when the user turned paging off."""
    chosen = environ.get(PAGER_ENV, environ.get("PAGER", "less"))
    try:
        words = shlex.split(chosen)
    except ValueError:  # unbalanced quotes: a pager that cannot be run
        return None
    if not words or words == ["cat"]:
        return None
    return words


def page(text: str, height: int) -> bool:
    """Show `text` through the pager if stdout is a terminal and it is taller than `height`; whether it did."""
    if not sys.stdout.isatty() or text.count("\n") < height:
        return False
    command = pager_command(os.environ)
    if command is None or shutil.which(command[0]) is None:
        return False
    sys.stdout.flush()
    environ = {"LESS": "FRX", "LV": "-c"} | dict(os.environ)
    with subprocess.Popen(command, stdin=subprocess.PIPE, env=environ) as pager:
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
            pager.stdin.close()
        except BrokenPipeError:  # the reader quit the pager before the end
            pass
        _wait(pager)
    return True


def _wait(pager: subprocess.Popen[bytes]) -> None:
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
    while True:
        try:
            pager.wait()
            return
        except KeyboardInterrupt:
            continue
