"""Driving clingo: the only module that touches `clingo.Control`."""

from __future__ import annotations

from collections.abc import Iterable

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
