"""Every grounding and every answer in the test suite also checks the rules' invariants: stratified,
no grounder messages (STYLE), and an answer that holds together (see `_answer_invariants`)."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator

import clingo
import pytest

from checker import engine
from checker.facts import PROPOSED

# Audits run from the CLI are cached; the tests keep their cache to themselves.
os.environ["TREATY_CHECK_CACHE"] = tempfile.mkdtemp(prefix="treaty-check-cache-")

_ground = engine.ground
_solve = engine.solve


def _checked_ground(facts: Iterable[clingo.Symbol], messages: list[str], explain: bool = False) -> clingo.Control:
    ctl = _ground(facts, messages, explain)
    assert messages == [], messages
    not_facts = [str(a.symbol) for a in ctl.symbolic_atoms if not a.is_fact]
    assert not_facts == [], f"grounding left undecided atoms (a cycle through negation?): {not_facts[:5]}"
    for name in ("standing_before", "standing_after"):  # rules/standing.lp: one standing per act
        seen: dict[clingo.Symbol, list[str]] = defaultdict(list)
        for atom in ctl.symbolic_atoms.by_signature(name, 2):
            seen[atom.symbol.arguments[0]].append(str(atom.symbol.arguments[1]))
        assert all(len(v) == 1 for v in seen.values()), \
            f"{name}: more than one standing for an act: {[(str(k), v) for k, v in seen.items() if len(v) > 1][:3]}"
    return ctl


def _answer_invariants(symbols: list[clingo.Symbol]) -> list[str]:
    """What any answer must satisfy, whatever the data: a finding's records, details and cited
    clauses belong to a finding that exists; a detail has one value; a state has one status on a
    day and one at a time; a proposed action has one verdict, and only it has one."""
    by_name: dict[str, list[tuple[clingo.Symbol, ...]]] = defaultdict(list)
    for symbol in symbols:
        by_name[symbol.name].append(tuple(symbol.arguments))
    problems = []
    found = {(f[0], f[4]) for f in by_name["finding"]}
    for name in ("finding_record", "finding_detail", "finding_cites"):
        problems += [f"{name}{args} without its finding" for args in by_name[name] if (args[0], args[1]) not in found]
    problems += _repeated("finding_detail", by_name["finding_detail"], 3)
    problems += _repeated("status_on", by_name["status_on"], 3)
    problems += _repeated("verdict", by_name["verdict"], 1)
    problems += _repeated("counterparty_verdict", by_name["counterparty_verdict"], 1)
    problems += _reasons_for_what_holds(by_name)
    permitted = {args[0] for args in by_name["verdict"] if args[1].name == "permitted"}
    for name in ("would_take_effect", "would_be_deferred_by"):  # an outcome only for a withdrawal that takes effect
        problems += [f"{name}{args} for an action without legal effect" for args in by_name[name] if args[0] not in permitted]
    for name in ("verdict", "counterparty_verdict", "would_take_effect", "would_be_deferred_by"):
        problems += [f"{name}{args} is not about the proposed action" for args in by_name[name] if args[0] != PROPOSED]
    spans: dict[tuple[clingo.Symbol, ...], list[tuple[int, float]]] = defaultdict(list)
    for t, s, _st, start, until, _e in by_name["status_interval"]:
        spans[(t, s)].append((start.number, until.number))
    for t, s, _st, start, _e in by_name["status_open"]:
        spans[(t, s)].append((start.number, float("inf")))
    for key, intervals in spans.items():
        intervals.sort()
        problems += [f"overlapping statuses for {key}: {a} {b}" for a, b in zip(intervals, intervals[1:]) if b[0] < a[1]]
    return problems


def _reasons_for_what_holds(by_name: dict[str, list[tuple[clingo.Symbol, ...]]]) -> list[str]:
    """A reason (because/2) is given only for a conclusion that holds, where the answer shows it."""
    holds = {
        "finding": {(f[0], f[4]) for f in by_name["finding"]},
        "status": {(t, s, st, d) for t, s, st, d, *_ in by_name["status_interval"] + by_name["status_open"]},
        "deferred_indefinitely": {(w,) for (w,) in by_name["deferred_indefinitely"]},
        "provisional_application": {(c,) for (c,) in by_name["provisionally_applied"]},
    }
    return [
        f"because{args} gives a reason for a conclusion that does not hold"
        for args in by_name["because"]
        if args[0].name in holds and tuple(args[0].arguments) not in holds[args[0].name]
    ]


def _repeated(name: str, rows: list[tuple[clingo.Symbol, ...]], key_length: int) -> list[str]:
    seen: dict[tuple[clingo.Symbol, ...], set[tuple[clingo.Symbol, ...]]] = defaultdict(set)
    for row in rows:
        seen[row[:key_length]].add(row[key_length:])
    return [f"{name}{key} has {len(values)} values" for key, values in seen.items() if len(values) > 1]


def _checked_solve(facts: Iterable[clingo.Symbol], explain: bool = False) -> list[clingo.Symbol]:
    symbols = _solve(facts, explain)
    problems = _answer_invariants(symbols)
    assert problems == [], problems[:5]
    return symbols


@pytest.fixture(autouse=True)
def _rules_invariants(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(engine, "ground", _checked_ground)
    monkeypatch.setattr(engine, "solve", _checked_solve)
    yield
