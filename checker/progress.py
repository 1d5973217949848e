"""Progress on stderr for long runs: only on a terminal, and only once a run passes two seconds."""

from __future__ import annotations

import sys
import time

_start: float | None = None


def enable() -> None:
    """Called by the CLI; the API stays silent."""
    global _start
    if sys.stderr.isatty():
        _start = time.monotonic()


def note(step: str) -> None:
    if _start is None:
        return
    elapsed = time.monotonic() - _start
    if elapsed >= 2.0:
        sys.stderr.write(f"\r\x1b[Ktreaty-check: {step} ({elapsed:.0f} s)")
        sys.stderr.flush()


def done() -> None:
    if _start is not None and time.monotonic() - _start >= 2.0:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
