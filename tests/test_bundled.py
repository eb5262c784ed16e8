"""The bundled catalogue and rule book: validated once, then read from a cache that can be trusted."""

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Result
from ecomteam import bundled as cache
from ecomteam.catalogue import parse_catalogue
from ecomteam.rulebook import parse_rulebook


@pytest.fixture(autouse=True)
def _fresh() -> None:
    cache.forget()  # each test sees the files on disk, not what another test loaded


def _validated_again(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the validations from here on."""
    calls: list[int] = []
    real = cache.validated

    def counting(*args: object) -> cache.Bundled:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "validated", counting)
    return calls


def test_the_cache_holds_what_validation_gives(tmp_path: Path) -> None:
    first = cache.bundled(tmp_path)
    catalogue_text = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
    rules_text = (ROOT / "data" / "rules.yaml").read_text(encoding="utf-8")
    catalogue = parse_catalogue(catalogue_text, "roles.yaml")
    assert first.catalogue == catalogue
    assert first.book == parse_rulebook(rules_text, "rules.yaml", catalogue)
    (written,) = tmp_path.glob("bundled-*.pickle")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    cache.forget()
    assert cache.bundled(tmp_path) == first


def test_a_second_run_reads_the_cache_without_validating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.bundled(tmp_path)
    cache.forget()
    calls = _validated_again(monkeypatch)
    cache.bundled(tmp_path)
    assert calls == []


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])  # the last: a pickled 1
def test_a_damaged_cache_is_validated_again_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    expected = cache.bundled(tmp_path)
    (written,) = tmp_path.glob("bundled-*.pickle")
    written.write_bytes(damage)
    cache.forget()
    calls = _validated_again(monkeypatch)
    assert cache.bundled(tmp_path) == expected
    assert calls == [1]
    assert written.read_bytes() != damage


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")
@pytest.mark.parametrize("mode", [0o666, 0o620])
def test_a_cache_others_may_write_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int) -> None:
    cache.bundled(tmp_path)
    (written,) = tmp_path.glob("bundled-*.pickle")
    written.chmod(mode)
    cache.forget()
    calls = _validated_again(monkeypatch)
    cache.bundled(tmp_path)
    assert calls == [1]


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("in the way", encoding="utf-8")
    assert cache.bundled(blocked / "cache").catalogue.roles  # a directory that cannot be made
    assert blocked.read_text(encoding="utf-8") == "in the way"


def test_a_cache_of_other_files_is_not_used_and_is_cleared(tmp_path: Path) -> None:
    stale = tmp_path / "bundled-0123456789abcdef0123456789abcdef.pickle"
    stale.write_bytes(b"from another version")
    cache.bundled(tmp_path)
    assert not stale.exists()
    assert len(list(tmp_path.glob("bundled-*.pickle"))) == 1


def test_an_empty_cache_setting_keeps_no_cache(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("recommend", "--stage", "startup", "-f", "json", env={"ECOMTEAM_CACHE_DIR": ""})
    assert result.exit_code == 0
    where = tmp_path / "cache"
    run("recommend", "--stage", "startup", "-f", "json", env={"ECOMTEAM_CACHE_DIR": str(where)})
    assert list(where.glob("bundled-*.pickle"))


def test_the_bundled_rules_are_checked_against_a_catalogue_of_ones_own(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    document = yaml.safe_load((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"))
    document["roles"] = [role for role in document["roles"] if role["id"] != "accountant"]
    own = tmp_path / "roles.yaml"
    own.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = run("recommend", "--stage", "startup", "--catalogue", str(own))
    assert result.exit_code == 65
    assert "accountant" in result.stderr


def test_a_change_to_the_pickled_classes_is_a_new_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.bundled(tmp_path)
    (first,) = tmp_path.glob("bundled-*.pickle")
    cache.forget()
    monkeypatch.setattr(cache, "_class_sources", lambda: [b"class Role: a new field"])
    calls = _validated_again(monkeypatch)
    cache.bundled(tmp_path)
    assert calls == [1]  # the old objects are not unpickled into the changed classes
    assert [path.name for path in tmp_path.glob("bundled-*.pickle")] != [first.name]


def test_each_language_is_cached_as_its_reader_sees_it(tmp_path: Path) -> None:
    from ecomteam.i18n import speaking
    from ecomteam.localize import localized_catalogue, localized_rulebook
    from ecomteam.vocab import Language

    english = cache.bundled(tmp_path)
    spanish = cache.bundled_in(tmp_path, Language.ES)
    with speaking(Language.ES):
        assert spanish.catalogue == localized_catalogue(english.catalogue, Language.ES)
        assert spanish.book == localized_rulebook(english.book, Language.ES)
    assert cache.bundled_in(tmp_path, Language.EN) is english
    cache.forget()
    assert cache.bundled_in(tmp_path, Language.ES) == spanish  # read back from its own file
    (base,) = [path.name for path in tmp_path.glob("bundled-*.pickle") if "-es-" not in path.name]
    (worded,) = [path.name for path in tmp_path.glob("bundled-*.pickle") if "-es-" in path.name]
    assert worded.startswith(base.removesuffix(".pickle") + "-es-")
