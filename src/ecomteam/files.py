"""The CLI's file boundary: find and read input files, turning OS errors into messages.

Only the CLI calls this module; the core works on text it is given.
"""

from __future__ import annotations

import os
import tempfile
from importlib import resources
from pathlib import Path

from ecomteam.errors import DataError, InputFileError, OutputError, Problem

#: Largest input file read, in bytes. Real catalogues are far smaller; the cap keeps a
#: wrong path (a video, a disk image) from being read into memory.
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


def read_text(path: Path, what: str) -> str:
    """Read a UTF-8 text file for the CLI.

    Args:
        path: The file to read.
        what: What the file is, for messages ("catalogue", "profile").

    Raises:
        InputFileError: Missing, a directory, or unreadable.
        DataError: Too large, or not UTF-8 text.
    """
    try:
        if path.is_dir():
            raise InputFileError(f"{path}: is a directory; give the path of a {what} file")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            limit = MAX_INPUT_BYTES // (1024 * 1024)
            raise DataError([Problem(str(path), f"the file is {size:,} bytes; a {what} may be at most {limit} MiB")])
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(f"{path}: no such {what} file") from exc
    except PermissionError as exc:
        raise InputFileError(f"{path}: permission denied; cannot read the {what}") from exc
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        raise DataError([Problem(str(path), message, line=line)]) from exc


def write_output(path: Path, content: str, *, force: bool) -> None:
    """Write a file atomically: a temporary file in the same folder, then a rename.

    A failure never leaves a partial file, and an existing file is kept unless
    `force` is given.

    Raises:
        OutputError: The file exists (without `force`), is a directory, its folder is
            missing, or it cannot be written.
    """
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; nothing was written (add --force to replace it)")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist; nothing was written")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc}); nothing was written") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); nothing was written") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
