"""The audit cache: a finished audit, kept under a key made of everything it depends on.

The key hashes the bytes of every file read (shipped treaties included), the rules, the tool's own
Python modules and version, and the question (as-of day, treaty, explanations), so any change to
data, rules or tool misses the cache (an edited checkout, too, not only a new release). Location: $TREATY_CHECK_CACHE, else $XDG_CACHE_HOME/treaty-checker, else
~/.cache/treaty-checker.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from checker import __version__, paths


def cache_dir() -> Path:
    if "TREATY_CHECK_CACHE" in os.environ:
        return Path(os.environ["TREATY_CHECK_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "treaty-checker"


def key(files: Iterable[Path], question: str) -> str:
    digest = hashlib.sha256(f"treaty-check {__version__}\0{question}\0".encode())
    for path in [*sorted(paths.rules_dir().glob("*.lp")), *sorted(Path(__file__).parent.glob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in files:
        digest.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load(entry: str) -> str | None:
    try:
        return (cache_dir() / f"{entry}.json").read_text(encoding="utf-8")
    except OSError:
        return None


def store(entry: str, text: str) -> None:
    """Write atomically; a cache that cannot be written is no error, only slower next time."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{entry}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(folder / f"{entry}.json")
    except OSError:
        pass
