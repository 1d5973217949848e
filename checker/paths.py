"""Where the rules and the bundled data are: inside the installed package, or at the repo top."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # Installed wheels carry rules/ and facts/ inside the package (see pyproject.toml);
    # a source checkout has them beside the package.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"treaty-checker installation is missing its {name}/ folder")


def rules_dir() -> Path:
    # TREATY_CHECK_RULES points at another copy of the rules: the mutation tests use it.
    override = os.environ.get("TREATY_CHECK_RULES")
    return Path(override) if override else _find("rules")


def facts_dir() -> Path:
    return _find("facts")


def treaties_dir() -> Path:
    return facts_dir() / "treaties"
