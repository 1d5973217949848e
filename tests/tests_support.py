"""Helpers shared by the scenario-based tests."""

from __future__ import annotations

import copy
import functools
from typing import Any

from checker import engine
from checker.api import Checker
from checker.loader import Document, build_dataset, load_dataset, read_shipped
from checker.paths import treaties_dir
from checker.results import Reason


def derived_treaty(spec: dict[str, Any]) -> dict[str, Any]:
    """A shipped treaty's definition with some parameters changed: `{from, id, set: {dotted.key: value}}`
    (a number in the dotted key indexes a list: `deadlines.0.open_evidence`)."""
    return redrawn(read_shipped(treaties_dir() / f"{spec['from']}.yaml").content["treaties"][0], spec)


def redrawn(base: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """`base` (a treaty definition) with the id and the parameters `spec` sets."""
    treaty = copy.deepcopy(base) | {"id": spec["id"]}
    for dotted, value in spec.get("set", {}).items():
        *parents, last = dotted.split(".")
        target = treaty
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[last] = value
    return treaty


@functools.cache
def _shipped() -> tuple[Document, ...]:
    # Read once per run: every inline scenario builds on the same shipped files (nothing mutates them).
    return tuple(read_shipped(p) for p in sorted(treaties_dir().glob("*.yaml")))


def checker_with(data: dict[str, Any], name: str = "scenario", readings: dict[str, str] | None = None) -> Checker:
    """A checker over the shipped treaties and `data` (records, as a dataset file holds them)."""
    return Checker(build_dataset([*_shipped(), Document(name, data)]), readings)


@functools.lru_cache(maxsize=4)
def _bundled(readings: tuple[tuple[str, str], ...], rules: object) -> Checker:
    # One checker per set of readings for the ~90 scenarios on the bundled data: answers do not
    # depend on what was asked before (tests/test_check_cache.py holds the cache to that). Keyed on
    # the rules too: tools/mutation_worker.py changes them between runs of a test in one process,
    # and a checker keeps the programs it grounded.
    return Checker(load_dataset(), dict(readings) or None)


def checker_for(case: dict[str, Any]) -> Checker:
    if case.get("bundled"):
        return _bundled(tuple(sorted((case.get("readings") or {}).items())), engine.rules_text())
    data = dict(case.get("data") or {})
    derived = [derived_treaty(spec) for spec in data.pop("derived_treaties", [])]
    if derived:
        data["treaties"] = [*data.get("treaties", []), *derived]
    return checker_with(data, readings=case.get("readings"))


def reason_lines(reason: Reason, depth: int = 0) -> list[str]:
    """A derivation as `kind: claim` lines, each premise indented under its conclusion."""
    return ["  " * depth + f"{reason.kind}: {reason.claim}"] + [
        line for premise in reason.because for line in reason_lines(premise, depth + 1)
    ]
