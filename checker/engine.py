"""Driving clingo: the only module that touches `clingo.Control`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import clingo

from checker import paths


class RulesError(RuntimeError):
    """The rules produced a grounder/solver message or not exactly one answer: a bug, not bad input."""


def ground(facts: Iterable[clingo.Symbol], messages: list[str], explain: bool = False) -> clingo.Control:
    """The rules (with the reasons layer if `explain`) grounded with `facts`; every grounder
    message is appended to `messages`."""

    def logger(code: clingo.MessageCode, message: str) -> None:
        messages.append(message)

    ctl = clingo.Control(["--models=0"], logger=logger, message_limit=100)
    ctl.load(str(paths.rules_dir() / "main.lp"))
    if explain:
        ctl.load(str(paths.rules_dir() / "explain.lp"))
    with ctl.backend() as backend:
        for symbol in facts:
            backend.add_rule([backend.add_atom(symbol)])
    ctl.ground([("base", [])])
    return ctl


def solve(facts: Iterable[clingo.Symbol], explain: bool = False) -> list[clingo.Symbol]:
    """Ground the rules with `facts` and return the shown atoms of the one answer set (in no
    particular order: decode.py sorts what it reports)."""
    messages: list[str] = []
    ctl = ground(facts, messages, explain)
    models: list[list[clingo.Symbol]] = []
    ctl.solve(on_model=lambda m: models.append(m.symbols(shown=True)))
    if messages:
        raise RulesError("clingo reported: " + "; ".join(messages))
    if len(models) != 1:
        raise RulesError(f"expected exactly one answer set, got {len(models)}")
    return models[0]


def dump(facts: Iterable[clingo.Symbol]) -> str:
    """The facts as program text, so that `clingo dump.lp rules/main.lp` reproduces an answer."""
    return "".join(f"{symbol}.\n" for symbol in facts)


# A bare constant in a rule: a lower-case name that no "(" (a predicate or function) or "/" (a
# signature) follows; comments and strings removed first. tests/test_treaty_validation.py checks
# the result against clingo's own parse of the rules.
_COMMENT = re.compile(r"%\*.*?\*%|%[^\n]*|\"(?:[^\"\\]|\\.)*\"", re.S)
_CONSTANT = re.compile(r"(?<![\w#'])([a-z][A-Za-z0-9_']*+)(?!\s*[(/])")


def rule_constants() -> frozenset[str]:
    """Every bare constant the rules use as a term (`none`, `signature`, `party`, finding codes, ...):
    a treaty or deadline id of the same name would be read as that constant."""
    return _constants(paths.rules_dir())


@lru_cache(maxsize=4)
def _constants(rules: Path) -> frozenset[str]:
    names: set[str] = set()
    for path in sorted(rules.glob("*.lp")):
        names.update(_CONSTANT.findall(_COMMENT.sub(" ", path.read_text(encoding="utf-8"))))
    return frozenset(names - {"not"})
