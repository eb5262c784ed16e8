"""The bundled catalogue and rule book: validated once, then read from a cache.

Parsing and validating the two YAML files that ship with ecomteam is most of what a
command spends beyond its imports, and gives the same result every time. So the first
run validates them as any catalogue and rule book is validated and keeps the result in
a cache directory, under a key made of ecomteam's version, the files' contents and the
source of the classes it holds;
later runs unpickle it, without YAML parsing or model validation. A user's own
catalogue or rule book is always validated in full.

The caller names the directory (the command line uses the user's cache directory; the
Python API none), so nothing here reads the environment. Unpickling runs code, so a
cache file is read only when the user running ecomteam owns it and nobody else may
write to it or to its directory; anything unreadable is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ecomteam import __version__
from ecomteam.vocab import Language

if TYPE_CHECKING:
    from collections.abc import Callable

    from ecomteam.models import Catalogue
    from ecomteam.rulebook import RuleBook


@dataclass(frozen=True)
class Bundled:
    """The bundled catalogue and the rule book, checked against the catalogue's role ids."""

    catalogue: Catalogue
    book: RuleBook
    role_ids: frozenset[str]  # the roles the book was checked against: valid for any catalogue with these
    key: str = ""  # of the files and classes it was made from; its cache file is named by it


def bundled(cache_dir: Path | None) -> Bundled:
    """The bundled catalogue and rule book, from the cache in `cache_dir` when it holds them.

    Raises:
        InputFileError: The installation lacks its data files.
        DataError: The bundled files are invalid (a broken installation or a local edit).
    """
    return _bundled(cache_dir)


def bundled_in(cache_dir: Path | None, language: Language) -> Bundled:
    """The bundled catalogue and rule book as a reader of `language` sees them (`ecomteam.localize`).

    Wording them costs more than reading them, so each language is cached too, under the
    key of the English files and the language's compiled data catalogue.
    """
    return _bundled(cache_dir) if language is Language.EN else _localized(cache_dir, language)


def forget() -> None:
    """Forget what this process loaded, so the next `bundled` reads the files (or the cache) again."""
    _sources.cache_clear()
    _bundled.cache_clear()
    _localized.cache_clear()


@cache
def _localized(cache_dir: Path | None, language: Language) -> Bundled:
    from importlib.resources import files

    from ecomteam.i18n import speaking
    from ecomteam.localize import localized_catalogue, localized_rulebook

    words = (files("ecomteam") / "locales" / language.value / "LC_MESSAGES" / "data.mo").read_bytes()
    prefix = f"bundled-{_sources()[2]}-{language.value}-"
    cached = None if cache_dir is None else cache_dir / f"{prefix}{hashlib.sha256(words).hexdigest()[:16]}.pickle"
    found = _read(cached) if cached is not None else None
    if found is not None:
        return found  # without reading the English copy at all
    english = _bundled(cache_dir)
    with speaking(language):
        made = Bundled(
            localized_catalogue(english.catalogue, language),
            localized_rulebook(english.book, language),
            english.role_ids,
            english.key,
        )
    if cached is not None:
        _write(cached, made, stale=lambda other: other.name.startswith(prefix))
    return made


@cache
def _sources() -> tuple[tuple[Path, Path], list[bytes], str]:
    """The bundled files' paths and bytes, and the cache key they make with the version and the classes."""
    from ecomteam.files import bundled_catalogue_path, bundled_rules_path, read_bytes

    paths = (bundled_catalogue_path(), bundled_rules_path())
    texts = [read_bytes(path, what) for path, what in zip(paths, ("catalogue", "rule book"), strict=True)]
    key = hashlib.sha256(b"\0".join([__version__.encode(), *_class_sources(), *texts])).hexdigest()[:32]
    return paths, texts, key


@cache
def _bundled(cache_dir: Path | None) -> Bundled:
    paths, texts, key = _sources()
    cached = None if cache_dir is None else cache_dir / f"bundled-{key}.pickle"
    found = _read(cached) if cached is not None else None
    if found is not None:
        return found
    made = replace(validated(paths, texts), key=key)
    if cached is not None:
        _write(cached, made, stale=lambda other: not other.name.startswith(f"bundled-{key}"))
    return made


#: The modules whose classes the cache holds: a change to them (a new field, even without a
#: new version, as in a checkout) must not unpickle objects of the old shape.
_PICKLED_MODULES = ("bundled", "models", "rulebook", "profile", "vocab", "catalogue")


def _class_sources() -> list[bytes]:
    here = Path(__file__).parent
    return [(here / f"{name}.py").read_bytes() if (here / f"{name}.py").is_file() else b"" for name in _PICKLED_MODULES]


def validated(paths: tuple[Path, Path], texts: list[bytes]) -> Bundled:
    """The catalogue and rule book in `texts` (read from `paths`), validated as any user's files are."""
    from ecomteam.catalogue import parse_catalogue
    from ecomteam.rulebook import parse_rulebook

    catalogue = parse_catalogue(texts[0].decode("utf-8"), str(paths[0]))
    book = parse_rulebook(texts[1].decode("utf-8"), str(paths[1]), catalogue)
    return Bundled(catalogue, book, frozenset(role.id for role in catalogue.roles))


def _read(path: Path) -> Bundled | None:
    try:
        with path.open("rb") as file:
            if not _trusted(os.fstat(file.fileno())) or not _trusted(path.parent.stat()):
                return None
            found = pickle.load(file)  # our own file, in a directory only this user writes to
    except Exception:  # missing, damaged, or from classes that changed: validate again
        return None
    return found if isinstance(found, Bundled) else None


def _trusted(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (always so where there are no owners)."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(path: Path, made: Bundled, stale: Callable[[Path], bool]) -> None:
    """Keep `made` for the next run, and remove the `stale` files it replaces.

    A cache that cannot be written is only a slower next run.
    """
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".bundled-", delete=False) as temporary:
            try:
                pickle.dump(made, temporary, protocol=pickle.HIGHEST_PROTOCOL)
                temporary.close()
                os.replace(temporary.name, path)  # whole or not at all, even with two runs at once
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary.name)
        for older in path.parent.glob("bundled-*.pickle"):  # another version's, or files since edited
            if older != path and stale(older):
                older.unlink(missing_ok=True)
