"""treaty-checker: treaty event records to ASP facts; clingo derives legal status and findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "InputError", "__version__"]

if TYPE_CHECKING:
    from checker.api import Checker
    from checker.errors import InputError


def __getattr__(name: str) -> Any:
    # Lazy, so that `treaty-check --help` does not pay for importing clingo and pydantic.
    if name == "Checker":
        from checker.api import Checker

        return Checker
    if name == "InputError":
        from checker.errors import InputError

        return InputError
    raise AttributeError(name)
