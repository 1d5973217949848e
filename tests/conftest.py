"""Every grounding in the test suite also checks the rules' invariants (STYLE: stratified, no warnings)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator

import clingo
import pytest

from checker import engine

# Audits run from the CLI are cached; the tests keep their cache to themselves.
os.environ["TREATY_CHECK_CACHE"] = tempfile.mkdtemp(prefix="treaty-check-cache-")

_ground = engine.ground


def _checked_ground(facts: Iterable[clingo.Symbol], messages: list[str], explain: bool = False) -> clingo.Control:
    ctl = _ground(facts, messages, explain)
    assert messages == [], messages
    not_facts = [str(a.symbol) for a in ctl.symbolic_atoms if not a.is_fact]
    assert not_facts == [], f"grounding left undecided atoms (a cycle through negation?): {not_facts[:5]}"
    return ctl


@pytest.fixture(autouse=True)
def _rules_invariants(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(engine, "ground", _checked_ground)
    yield
