"""Every solve in the test suite also checks the rules' invariants (STYLE: stratified, no warnings)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import clingo
import pytest

from checker import engine

_solve = engine.solve


def _checked_solve(facts: Iterable[clingo.Symbol]) -> list[clingo.Symbol]:
    facts = list(facts)
    messages: list[str] = []
    ctl = engine.ground(facts, messages)
    assert messages == [], messages
    not_facts = [str(a.symbol) for a in ctl.symbolic_atoms if not a.is_fact]
    assert not_facts == [], f"grounding left undecided atoms (a cycle through negation?): {not_facts[:5]}"
    return _solve(facts)


@pytest.fixture(autouse=True)
def _rules_invariants(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(engine, "solve", _checked_solve)
    yield
