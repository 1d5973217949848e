"""The audit cache can cost time, never an answer or a crash: bad entries are misses, untrusted
folders are not used, writes are whole or absent, and no home folder means no cache."""

from __future__ import annotations

import os
import pwd
import shutil
from datetime import date
from pathlib import Path

import pytest

from checker import cache
from checker.api import Checker, cached_audit
from checker.cli import main
from checker.results import AuditReport

AS_OF = date(2026, 11, 27)
DATA = "events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n"


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, AuditReport]:
    """A cache folder of our own, a small dataset and its audit, computed without the cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATY_CHECK_CACHE", str(folder))
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    return folder, data, Checker.load([data]).audit(as_of=AS_OF)


def _entry(folder: Path) -> Path:
    [entry] = folder.glob("*.json")
    return entry


def _another_report(data: Path) -> str:
    """A well-formed audit that is not the answer: the same data as of another day."""
    return Checker.load([data]).audit(as_of=date(2000, 1, 1)).model_dump_json()


@pytest.mark.parametrize("content", [
    b"{ not json", b'{"findings": [', b"{}", b'[1, 2]', b"\xff\xfe\x00garbage", b"",
], ids=["corrupt", "truncated", "wrong-shape", "a-list", "not-utf8", "empty"])
def test_a_bad_entry_is_a_miss_and_is_rewritten(setup: tuple[Path, Path, AuditReport], content: bytes) -> None:
    folder, data, expected = setup
    assert cached_audit([data], as_of=AS_OF) == expected
    entry = _entry(folder)
    entry.write_bytes(content)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert AuditReport.model_validate_json(entry.read_text(encoding="utf-8")) == expected  # rewritten whole


def test_an_entry_that_is_a_link_is_not_followed(setup: tuple[Path, Path, AuditReport], tmp_path: Path) -> None:
    folder, data, expected = setup
    assert cached_audit([data], as_of=AS_OF) == expected
    entry = _entry(folder)
    planted = tmp_path / "planted.json"
    planted.write_text(_another_report(data), encoding="utf-8")
    entry.unlink()
    entry.symlink_to(planted)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert not entry.is_symlink() and planted.read_text(encoding="utf-8") == _another_report(data)
    entry.unlink()
    entry.symlink_to("/dev/zero")  # a link to a device: never read (it has no end)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert not entry.is_symlink()


def test_an_entry_that_is_a_fifo_does_not_block(setup: tuple[Path, Path, AuditReport]) -> None:
    folder, data, expected = setup
    assert cached_audit([data], as_of=AS_OF) == expected
    entry = _entry(folder)
    entry.unlink()
    os.mkfifo(entry)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert entry.is_file()


def test_a_failed_write_leaves_nothing_behind(setup: tuple[Path, Path, AuditReport], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, data, expected = setup

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert list(folder.iterdir()) == []


def test_an_entry_is_written_for_its_owner_only(setup: tuple[Path, Path, AuditReport]) -> None:
    folder, data, expected = setup
    cached_audit([data], as_of=AS_OF)
    assert _entry(folder).stat().st_mode & 0o077 == 0
    assert folder.stat().st_mode & 0o077 == 0


def test_a_folder_others_may_write_is_not_used(setup: tuple[Path, Path, AuditReport]) -> None:
    folder, data, expected = setup
    cached_audit([data], as_of=AS_OF)
    entry = _entry(folder)
    entry.write_text(_another_report(data), encoding="utf-8")  # planted by another user
    folder.chmod(0o777)
    assert cached_audit([data], as_of=AS_OF) == expected
    folder.chmod(0o770)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert entry.read_text(encoding="utf-8") == _another_report(data)  # neither read nor written


def test_an_entry_others_may_write_is_not_read(setup: tuple[Path, Path, AuditReport]) -> None:
    folder, data, expected = setup
    cached_audit([data], as_of=AS_OF)
    entry = _entry(folder)
    entry.write_text(_another_report(data), encoding="utf-8")
    entry.chmod(0o666)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert AuditReport.model_validate_json(entry.read_text(encoding="utf-8")) == expected
    assert entry.stat().st_mode & 0o077 == 0  # replaced by a private entry


def test_an_entry_or_folder_of_another_user_is_not_used(setup: tuple[Path, Path, AuditReport], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, data, expected = setup
    cached_audit([data], as_of=AS_OF)
    entry = _entry(folder)
    entry.write_text(_another_report(data), encoding="utf-8")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)  # we are now someone else
    assert cached_audit([data], as_of=AS_OF) == expected
    assert entry.read_text(encoding="utf-8") == _another_report(data)


def test_no_home_and_no_passwd_entry_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("TREATY_CHECK_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    assert main(["audit", "--data", str(data), "--as-of", "2026-11-27"]) == 0
    assert "findings" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.yaml"]


def test_a_relative_home_or_xdg_folder_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATY_CHECK_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", "also-relative")
    assert cache.cache_dir() is None
    monkeypatch.setenv("HOME", "/home/someone")
    assert cache.cache_dir() == Path("/home/someone/.cache/treaty-checker")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/someone")
    assert cache.cache_dir() == Path("/var/cache/someone/treaty-checker")


def test_an_empty_treaty_check_cache_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATY_CHECK_CACHE", "")
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    assert cache.cache_dir() is None
    cached_audit([data], as_of=AS_OF)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.yaml"]


def test_the_key_covers_the_tools_own_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "checker"
    shutil.copytree(Path(cache.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    before = cache.key([], "q")
    with (copy / "render.py").open("a", encoding="utf-8") as module:
        module.write("# an edit\n")
    assert cache.key([], "q") != before
