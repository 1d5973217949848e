"""The audit cache: a finished audit, kept under a key made of everything it depends on.

The key hashes the bytes of every file read (shipped treaties included), the rules, the tool's own
Python modules and version, and the question (as-of day, treaty, explanations), so any change to
data, rules or tool misses the cache (an edited checkout, too, not only a new release). Location:
$TREATY_CHECK_CACHE (empty: no cache), else $XDG_CACHE_HOME/treaty-checker, else
$HOME/.cache/treaty-checker; with none of them, no cache.

An entry is one line, the SHA-256 of the text and a short note (the CLI's exit code), then the
text: the digest tells a whole entry from a damaged one without parsing it, so a cached output can
be written out as it is.

A cache can only cost time, never an answer: an entry that cannot be read back whole (corrupt,
truncated, not UTF-8, not the shape asked for, not a regular file) is a miss and is removed; a
folder or entry that another user owns, or that group or others may write, is not trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from checker import __version__, paths

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None where none is configured. The home folder comes from $HOME only:
    a process without one (a service, a container without a passwd entry) runs uncached."""
    if "TREATY_CHECK_CACHE" in os.environ:
        chosen = os.environ["TREATY_CHECK_CACHE"]
        return Path(chosen) if chosen else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative path is invalid and ignored
        return Path(xdg) / "treaty-checker"
    home = os.environ.get("HOME", "")
    return Path(home) / ".cache" / "treaty-checker" if os.path.isabs(home) else None


def key(files: Iterable[Path], question: str) -> str:
    digest = hashlib.sha256(f"treaty-check {__version__}\0{question}\0".encode())
    for path in [*sorted(paths.rules_dir().glob("*.lp")), *sorted(Path(__file__).parent.glob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in files:
        digest.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def derived(entry: str, question: str) -> str:
    """The key of another question on what `entry` was keyed on (its files are not hashed again)."""
    return hashlib.sha256(f"{entry}\0{question}".encode()).hexdigest()


def _trusted(info: os.stat_result) -> bool:
    """Ours and writable by us alone: another user could otherwise plant an answer."""
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder() -> Path | None:
    """The cache folder if it exists and is trusted."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        info = folder.stat()
    except OSError:
        return None
    return folder if stat.S_ISDIR(info.st_mode) and _trusted(info) else None


def load(entry: str, parse: Callable[[str], T]) -> T | None:
    """The entry's text parsed by `parse`, or None (a miss)."""
    found = read(entry, parse)
    return None if found is None else found[1]


def read(entry: str, parse: Callable[[str], T] = str) -> tuple[str, T] | None:  # type: ignore[assignment]
    """The entry's note and its text parsed by `parse`, or None (a miss). An entry that is not a
    regular file, is not UTF-8, whose text does not match its digest, or that `parse` rejects
    (ValueError) is removed, so that `store` writes it afresh."""
    folder = _folder()
    if folder is None:
        return None
    path = folder / f"{entry}.json"
    try:
        # no link followed, no wait on a FIFO; the type is checked on what was opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:  # a symbolic link (ELOOP), or unreadable
        _discard(path)
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            _discard(path)
            return None
        if not _trusted(info):
            return None  # not ours to remove; `store` replaces it
        try:
            data = handle.read()
        except OSError:
            _discard(path)
            return None
    head, _, body = data.partition(b"\n")
    digest, _, note = head.partition(b" ")
    try:
        if digest.decode("ascii") != hashlib.sha256(body).hexdigest():
            raise ValueError("the text does not match its digest")
        return note.decode("utf-8"), parse(body.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError, invalid JSON and the wrong shape are all ValueErrors
        _discard(path)
        return None


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()  # unlinks a link itself, never its target


def store(entry: str, text: str, note: str = "") -> None:
    """Write `text` (and a one-line `note`) atomically (a whole entry or none); a cache that cannot
    be written is no error, only slower next time, and a failed write leaves nothing behind."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    if _folder() is None:
        return
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{entry}.", suffix=".tmp")  # mode 0600
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            body = text.encode("utf-8")
            handle.write(f"{hashlib.sha256(body).hexdigest()} {note}\n".encode() + body)
        os.replace(temporary, folder / f"{entry}.json")
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(exc, OSError):
            raise
