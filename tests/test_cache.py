"""The audit cache can cost time, never an answer or a crash: bad entries are misses, untrusted
folders are not used, writes are whole or absent, and no home folder means no cache."""

from __future__ import annotations

import hashlib
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


def _body(entry: Path) -> str:
    """An entry's text, its digest line checked."""
    head, _, body = entry.read_bytes().partition(b"\n")
    assert head.split(b" ")[0].decode() == hashlib.sha256(body).hexdigest()
    return body.decode("utf-8")


def _plant(entry: Path, text: str | bytes, note: str = "") -> None:
    """Write an entry as the cache writes one (a right digest), so that only its content is at fault."""
    body = text.encode("utf-8") if isinstance(text, str) else text
    entry.write_bytes(f"{hashlib.sha256(body).hexdigest()} {note}\n".encode() + body)


def _another_report(data: Path) -> str:
    """A well-formed audit that is not the answer: the same data as of another day."""
    return Checker.load([data]).audit(as_of=date(2000, 1, 1)).model_dump_json()


@pytest.mark.parametrize("content", [
    b"{ not json", b'{"findings": [', b"{}", b'[1, 2]', b"\xff\xfe\x00garbage", b"",
], ids=["corrupt", "truncated", "wrong-shape", "a-list", "not-utf8", "empty"])
@pytest.mark.parametrize("digested", [False, True], ids=["raw", "digested"])
def test_a_bad_entry_is_a_miss_and_is_rewritten(setup: tuple[Path, Path, AuditReport], content: bytes,
                                                digested: bool) -> None:
    folder, data, expected = setup
    assert cached_audit([data], as_of=AS_OF) == expected
    entry = _entry(folder)
    if digested:
        _plant(entry, content)  # the digest matches: the parse must refuse it
    else:
        entry.write_bytes(content)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert AuditReport.model_validate_json(_body(entry)) == expected  # rewritten whole


def test_an_entry_whose_text_does_not_match_its_digest_is_a_miss(setup: tuple[Path, Path, AuditReport]) -> None:
    folder, data, expected = setup
    assert cached_audit([data], as_of=AS_OF) == expected
    entry = _entry(folder)
    head, _, _ = entry.read_bytes().partition(b"\n")
    entry.write_bytes(head + b"\n" + _another_report(data).encode())  # a well-formed audit, not the one digested
    assert cached_audit([data], as_of=AS_OF) == expected
    assert AuditReport.model_validate_json(_body(entry)) == expected


def test_an_entry_that_is_a_link_is_not_followed(setup: tuple[Path, Path, AuditReport], tmp_path: Path) -> None:
    folder, data, expected = setup
    assert cached_audit([data], as_of=AS_OF) == expected
    entry = _entry(folder)
    planted = tmp_path / "planted.json"
    _plant(planted, _another_report(data))
    entry.unlink()
    entry.symlink_to(planted)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert not entry.is_symlink() and _body(planted) == _another_report(data)
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
    _plant(entry, _another_report(data))  # planted by another user
    folder.chmod(0o777)
    assert cached_audit([data], as_of=AS_OF) == expected
    folder.chmod(0o770)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert _body(entry) == _another_report(data)  # neither read nor written


def test_an_entry_others_may_write_is_not_read(setup: tuple[Path, Path, AuditReport]) -> None:
    folder, data, expected = setup
    cached_audit([data], as_of=AS_OF)
    entry = _entry(folder)
    _plant(entry, _another_report(data))
    entry.chmod(0o666)
    assert cached_audit([data], as_of=AS_OF) == expected
    assert AuditReport.model_validate_json(_body(entry)) == expected
    assert entry.stat().st_mode & 0o077 == 0  # replaced by a private entry


def test_an_entry_or_folder_of_another_user_is_not_used(setup: tuple[Path, Path, AuditReport], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, data, expected = setup
    cached_audit([data], as_of=AS_OF)
    entry = _entry(folder)
    _plant(entry, _another_report(data))
    monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)  # we are now someone else
    assert cached_audit([data], as_of=AS_OF) == expected
    assert _body(entry) == _another_report(data)


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


ERROR = DATA + "  - {id: p, treaty: apmbc, state: FIN, action: production, date: 2020-01-01}\n"
SHAPES = [[], ["--format", "json"], ["--format", "csv"], ["--severity", "error"],
          ["--code", "deadline_unknown"], ["--format", "json", "--code", "deadline_unknown", "--severity", "warning"]]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: " ".join(s) or "text")
def test_a_repeated_cli_audit_writes_the_kept_output_as_the_audit_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shape: list[str],
) -> None:
    """The CLI keeps each output (format and filters) with its exit code; a repeat writes those
    bytes without reading the report back, and they are what an uncached audit prints."""
    monkeypatch.setenv("TREATY_CHECK_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data.yaml"
    data.write_text(ERROR, encoding="utf-8")
    argv = ["audit", "--data", str(data), "--as-of", "2026-11-27", *shape]
    fresh = _run(capsys, [*argv, "--no-cache"])
    assert fresh[0] == (0 if "--code" in shape else 1)
    assert _run(capsys, argv) == fresh
    assert list((tmp_path / "cache").glob("*.json")) != []

    def refuse(*args: object) -> None:
        raise AssertionError("the report was read back")

    monkeypatch.setattr(AuditReport, "model_validate_json", refuse)
    monkeypatch.setattr(Checker, "load", refuse)
    assert _run(capsys, argv) == fresh


def test_a_damaged_or_foreign_output_entry_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATY_CHECK_CACHE", str(folder))
    data = tmp_path / "data.yaml"
    data.write_text(ERROR, encoding="utf-8")
    argv = ["audit", "--data", str(data), "--as-of", "2026-11-27"]
    fresh = _run(capsys, argv)
    [output] = [e for e in folder.glob("*.json") if not _body(e).startswith("{")]  # the report is JSON, this text
    text = _body(output)
    output.write_bytes(output.read_bytes().replace(b"Finland", b"Suomi"))  # the digest no longer matches
    assert _run(capsys, argv) == fresh
    assert _body(output) == text  # rewritten
    _plant(output, "a planted output\n", "7")  # a note that is not an exit code
    assert _run(capsys, argv) == fresh
    _plant(output, "a planted output\n", "0")
    output.chmod(0o666)  # writable by others: not read
    assert _run(capsys, argv) == fresh
