"""Limits a user may raise through the environment; a value that is no usable limit is a usage error
that names the variable, never a crash."""

from __future__ import annotations

import math
import os

from checker.errors import usage_error


def from_env(name: str, default: float, *, whole: bool = False) -> float:
    """The positive number in $name (decimal or exponent notation: 64, 0.5, 1e6), else `default`.
    An empty value is an error, not the default: `VAR= command` is more likely a slip than a wish."""
    text = os.environ.get(name)
    if text is None:
        return default
    kind = "a positive whole number" if whole else "a positive number"
    try:
        value = float(text.strip())
    except ValueError:
        raise usage_error(f"{name} must be {kind} (e.g. {default:.12g}), got {text!r}") from None
    if not math.isfinite(value) or value <= 0 or (whole and not value.is_integer()):
        raise usage_error(f"{name} must be {kind} (e.g. {default:.12g}), got {text!r}")
    return value
