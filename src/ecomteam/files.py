"""The CLI's file boundary: find, read and write files, turning OS errors into messages.

Only the CLI calls this module; the core works on text it is given.

Writing follows these rules (the README's "Saving results" says the same):

- a regular file is written atomically: a temporary file in the same folder, then a
  rename, so a failure never leaves half a file;
- an existing file is kept unless `force`; without `force` the new file is created
  with `os.link`, so of many writers racing for one name exactly one wins;
- with `force` the replaced file keeps its permission bits; other hard links to it
  keep the old content, since the name now points at a new file;
- a symbolic link is written through to the file it points at, by the same rules; a
  link loop is refused;
- a device, FIFO or terminal is written into as a stream, like stdout, and is never
  replaced; a socket or anything else that is not a regular file is refused.
"""

from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import IO, AnyStr, BinaryIO

from ecomteam.errors import DataError, InputFileError, OutputError, Problem
from ecomteam.i18n import NC_, _, pgettext

#: Largest input file read, in bytes. Real catalogues are far smaller; the cap keeps a
#: wrong path (a video, a disk image, /dev/zero) from being read into memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def bundled_path(name: str) -> Path:
    """Return the path of a data file that ships with ecomteam (`roles.yaml`, `rules.yaml`).

    A wheel carries it in `ecomteam/data/`; an editable install or a source checkout
    has it in the repository's `data/`.

    Raises:
        InputFileError: Neither place has it (a broken installation).
    """
    packaged = Path(str(resources.files("ecomteam"))) / "data" / name
    checkout = Path(__file__).resolve().parents[2] / "data" / name
    for candidate in (packaged, checkout):
        if candidate.is_file():
            return candidate
    raise InputFileError(f"the bundled {name} is missing (looked for {packaged} and {checkout}); reinstall ecomteam")


def bundled_catalogue_path() -> Path:
    """Return the path of the role catalogue that ships with ecomteam."""
    return bundled_path("roles.yaml")


def bundled_rules_path() -> Path:
    """Return the path of the rule book that ships with ecomteam."""
    return bundled_path("rules.yaml")


# ------------------------------------------------------------------ reading


def read_bytes(path: Path, what: str) -> bytes:
    """Read a file for the CLI as bytes (a workbook, a CSV whose encoding is checked later), at most `MAX_INPUT_BYTES`.

    Raises:
        InputFileError: Missing, a directory, or unreadable.
        DataError: Too large.
    """
    with open_input(path, what) as stream:
        try:
            return read_capped(stream, str(path), what)
        except OSError as exc:
            raise InputFileError(_cannot_read(path, what, exc)) from exc


def read_text(path: Path, what: str) -> str:
    """Read a UTF-8 text file for the CLI, at most `MAX_INPUT_BYTES` of it from any kind of file.

    Args:
        path: The file to read.
        what: What the file is, for messages ("catalogue", "profile").

    Raises:
        InputFileError: Missing, a directory, or unreadable.
        DataError: Too large, or not UTF-8 text.
    """
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = _("not UTF-8 text (byte 0x{byte}); save the file as UTF-8").format(byte=f"{data[exc.start]:02x}")
        raise DataError([Problem(str(path), message, line=line, column=column)]) from exc


def read_capped(stream: IO[AnyStr], source: str, what: str) -> AnyStr:
    """All of a stream, at most `MAX_INPUT_BYTES` of it.

    One byte (or character) more is read, so a larger or endless input is known to be too large.

    Raises:
        DataError: The input is larger.
    """
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        raise DataError([Problem(source, f"the file is larger than {limit} MiB, the most a {what} may be")])
    return data


@contextmanager
def open_input(path: Path, what: str) -> Iterator[BinaryIO]:
    """Open a file to read as a stream, turning the OS's refusals into messages.

    Only opening is guarded: what the caller does with the stream is its own business.

    Raises:
        InputFileError: Missing, a directory, or unreadable.
    """
    try:
        stream = path.open("rb")
    except FileNotFoundError as exc:
        raise InputFileError(_("{path}: no such {what} file").format(path=path, what=kind_name(what))) from exc
    except IsADirectoryError as exc:
        raise InputFileError(
            _("{path}: is a directory; give the path of a {what} file").format(path=path, what=kind_name(what))
        ) from exc
    except PermissionError as exc:
        raise InputFileError(
            _("{path}: permission denied; cannot read the {what}").format(path=path, what=kind_name(what))
        ) from exc
    except OSError as exc:
        raise InputFileError(_cannot_read(path, what, exc)) from exc
    with stream:
        yield stream


# ------------------------------------------------------------------ writing


def silence_stdout() -> None:
    """Point stdout at the null device: its reader went away, and Python must not complain at exit."""
    if sys.stdout is not None:
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def write_output(path: Path, content: str | bytes, *, force: bool) -> None:
    """Write `content` to `path` by the rules in this module's docstring.

    Raises:
        OutputError: The file exists (without `force`), is a directory, a socket or a
            link loop, its folder is missing, or it cannot be written.
    """
    with output_stream(path, force=force) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)


@contextmanager
def output_stream(path: Path, *, force: bool) -> Iterator[BinaryIO]:
    """A stream to write `path` through, by the rules in this module's docstring.

    The file appears, whole, when the block ends without an error; an error (or a
    signal) inside it leaves what was there before untouched.

    Raises:
        OutputError: As `write_output`.
    """
    try:
        target = _target(path)
        mode = _existing_mode(target)
        if mode is not None and not stat.S_ISREG(mode):
            _check_streamable(target, mode)
            with target.open("wb") as device:
                yield device
            return
        if mode is not None and not force:
            raise OutputError(_already_exists(path))
        with _atomically(target, mode if force else None) as stream:
            yield stream
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot write ({reason}); nothing was written").format(path=path, reason=exc.strerror or exc)
        ) from exc


def _target(path: Path) -> Path:
    """The file a path names: a symbolic link is followed to its target, which may not exist yet."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except (RuntimeError, OSError) as exc:  # a loop: RuntimeError before Python 3.13, OSError(ELOOP) after
        raise OutputError(f"{path}: is a symbolic link loop; nothing was written") from exc


def _existing_mode(target: Path) -> int | None:
    """The mode of what is at `target` now, or None when nothing is."""
    try:
        return target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(
                _("{path}: the folder {folder} does not exist; nothing was written").format(
                    path=target, folder=target.parent
                )
            ) from None
        return None


def _check_streamable(target: Path, mode: int) -> None:
    """Allow a device, FIFO or terminal, written as a stream; refuse anything else that is not a file."""
    if stat.S_ISDIR(mode):
        raise OutputError(_("{path}: is a directory; give a file name for the output").format(path=target))
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OutputError(f"{target}: is not a regular file, a device or a pipe; nothing was written")


@contextmanager
def _atomically(target: Path, keep_mode: int | None) -> Iterator[BinaryIO]:
    """Write a temporary file beside `target`, then rename it over (with `keep_mode`) or link it in (without)."""
    # A short name of our own: `.NAME.tmp` would outgrow the 255-byte limit for long names.
    temporary = target.with_name(f".ecomteam-{secrets.token_hex(6)}.tmp")
    with _cleaned_up_on_signals(temporary):
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if keep_mode is not None:
            os.chmod(temporary, stat.S_IMODE(keep_mode))
            os.replace(temporary, target)
        else:
            _link_new(temporary, target)


def _link_new(temporary: Path, target: Path) -> None:
    """Give the finished file its name only if the name is free: exactly one racing writer wins."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(_already_exists(target)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: create the name exclusively and copy.
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as stream:
            stream.write(temporary.read_bytes())
    temporary.unlink()


@contextmanager
def _cleaned_up_on_signals(temporary: Path) -> Iterator[None]:
    """Remove the temporary file if the write fails or SIGTERM, SIGHUP or SIGINT arrives."""
    previous = {}

    def stop(number: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    with suppress(ValueError):  # signals can be set in the main thread only
        for number in (signal.SIGTERM, signal.SIGHUP):
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        with suppress(FileNotFoundError):
            temporary.unlink()


def _cannot_read(path: Path, what: str, exc: OSError) -> str:
    return _("{path}: cannot read the {what}: {reason}").format(
        path=path, what=kind_name(what), reason=exc.strerror or exc
    )


def _already_exists(path: Path) -> str:
    return _("{path}: already exists; nothing was written (add --force to replace it)").format(path=path)


#: The kinds of file named in messages, marked for translation where they are passed as `what`.
FILE_KINDS = (
    NC_("file kind", "catalogue"), NC_("file kind", "rule book"), NC_("file kind", "profile"),
    NC_("file kind", "team"), NC_("file kind", "profiles"), NC_("file kind", "file"),
    NC_("file kind", "profile table"), NC_("file kind", "YAML"),
)  # fmt: skip


def kind_name(what: str) -> str:
    """A kind of file, as the reader's language names it."""
    return pgettext("file kind", what)
