"""Driving clingo: the only module that touches `clingo.Control`."""

from __future__ import annotations

import atexit
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from checker import paths

if TYPE_CHECKING:  # imported where a program is grounded: `validate` reads rule_constants() only
    import clingo


class RulesError(RuntimeError):
    """The rules produced a grounder/solver message or not exactly one answer: a bug, not bad input."""


def ground(facts: Iterable[clingo.Symbol], messages: list[str], explain: bool = False) -> clingo.Control:
    """The rules (with the reasons layer if `explain`) grounded with `facts`; every grounder
    message is appended to `messages`."""
    return _ground(facts, (), messages, explain)


def _ground(
    facts: Iterable[clingo.Symbol], externals: Iterable[clingo.Symbol], messages: list[str], explain: bool,
) -> clingo.Control:
    import clingo
    import clingo.ast

    def logger(code: clingo.MessageCode, message: str) -> None:
        messages.append(message)

    ctl = clingo.Control(["--models=0"], logger=logger, message_limit=100)
    statements, parse_messages = _rules(explain)
    messages.extend(parse_messages)
    with clingo.ast.ProgramBuilder(ctl) as builder:
        for statement in statements:
            builder.add(statement)
    with ctl.backend() as backend:
        for symbol in facts:
            backend.add_rule([backend.add_atom(symbol)])
    # Externals are declared by the grounder, from a program part per predicate whose parameters
    # are the atom's arguments (symbols, never text): an external declared through the backend
    # instead made already-true atoms of its predicate fail to join in some rules (clingo 5.8:
    # `purpose(proposed,training)` so declared, false, lost a transfer for destruction its
    # exception), while `#external` gives fresh grounding's answers.
    parts: list[tuple[str, list[clingo.Symbol]]] = [("base", [])]
    declared: set[str] = set()
    for symbol in externals:
        part = f"external_{symbol.name}_{len(symbol.arguments)}"
        if part not in declared:
            declared.add(part)
            params = [f"x{i}" for i in range(len(symbol.arguments))]
            ctl.add(part, params, f"#external {symbol.name}({','.join(params)})." if params else f"#external {symbol.name}.")
        parts.append((part, list(symbol.arguments)))
    ctl.ground(parts)
    return ctl


def rules_text() -> tuple[tuple[str, bytes], ...]:
    """Every rule file's name and bytes: what a program's rules are, for a cache to key on."""
    return tuple((p.name, p.read_bytes()) for p in sorted(paths.rules_dir().glob("*.lp")))


def _rules(explain: bool) -> tuple[tuple[clingo.ast.AST, ...], tuple[str, ...]]:
    """The rules' statements (with the reasons layer if `explain`) and the parser's messages."""
    directory = paths.rules_dir()
    roots = tuple(str(directory / name) for name in ("main.lp", *(["explain.lp"] if explain else [])))
    return _parsed(roots, rules_text())


@lru_cache(maxsize=8)
def _parsed(roots: tuple[str, ...], text: tuple[tuple[str, bytes], ...]) -> tuple[tuple[clingo.ast.AST, ...], tuple[str, ...]]:
    """`roots` parsed once for each `text` of the rules (`#include`s followed): handing parsed
    statements to each new program is about three times faster than parsing the text again
    (2.1 ms against 6.5 ms a program on this machine, 2026-11-30). Keyed on the files' bytes, not
    their times: tools/mutation_worker.py rewrites them within one process, faster than a clock tick."""
    import clingo.ast

    statements: list[clingo.ast.AST] = []
    messages: list[str] = []
    clingo.ast.parse_files(list(roots), statements.append, logger=lambda code, message: messages.append(message))
    return tuple(statements), tuple(messages)


# Parsed statements released while the interpreter still has clingo (at exit, clingo's library
# may go first and each statement's release then prints a traceback).
atexit.register(_parsed.cache_clear)


def solve(facts: Iterable[clingo.Symbol], explain: bool = False) -> list[clingo.Symbol]:
    """Ground the rules with `facts` and return the shown atoms of the one answer set (in no
    particular order: decode.py sorts what it reports)."""
    messages: list[str] = []
    return _one_answer(ground(facts, messages, explain), messages)


def _one_answer(ctl: clingo.Control, messages: list[str]) -> list[clingo.Symbol]:
    models: list[list[clingo.Symbol]] = []
    ctl.solve(on_model=lambda m: models.append(m.symbols(shown=True)))
    if messages:
        raise RulesError("clingo reported: " + "; ".join(messages))
    if len(models) != 1:
        raise RulesError(f"expected exactly one answer set, got {len(models)}")
    return models[0]


class Grounded:
    """The rules grounded once with `facts`, and with `variable` as clingo externals: the facts
    that differ between the questions asked of these facts. Each question makes true the
    externals it states and solves again, without grounding. By the semantics of externals, the
    answer is the one `solve(facts + true)` gives: rules already grounded do see these atoms,
    because they were declared (as possibly true) before grounding."""

    def __init__(
        self, facts: Iterable[clingo.Symbol], variable: Iterable[clingo.Symbol], stated: Iterable[clingo.Symbol] = (),
    ) -> None:
        """`stated`: those of `facts` that every question asked of this program states itself."""
        self._messages: list[str] = []
        self.variable = frozenset(variable)
        self.stated = frozenset(stated)
        facts = [*facts, *self.stated]
        self._ctl = _ground(facts, sorted(self.variable), self._messages, explain=False)
        _one_answer(self._ctl, self._messages)  # grounder messages surface now, not at a later question
        lp = self._ctl.statistics["problem"]["lp"]
        self.size = int(BYTES_PER_PROGRAM + BYTES_PER_GROUND_ITEM * (lp["atoms"] + lp["rules"] + lp["bodies"]))

    def solve(self, true: Iterable[clingo.Symbol]) -> list[clingo.Symbol]:
        """The shown atoms of the one answer set with exactly `true` of the externals true."""
        chosen = frozenset(true)
        if not chosen <= self.variable:
            raise ValueError("a question fact that was not grounded as an external")
        for atom in sorted(self.variable):
            self._ctl.assign_external(atom, atom in chosen)
        return _one_answer(self._ctl, self._messages)


# The resident memory a kept program costs, as measured on the bundled data and on a generated
# 10k-event dataset (2026-11-30): about 3 MB each, nearly all of it the grounded rule set itself;
# a little more for each ground atom, rule and body clingo's statistics count.
BYTES_PER_PROGRAM = 3 * 1024 * 1024
BYTES_PER_GROUND_ITEM = 200
# The default size of the cache of grounded programs (`Checker(check_cache_mb=...)` sets another).
DEFAULT_CACHE_MB = 256


class GroundedCache:
    """Grounded programs kept after first use, least recently used first out, their estimated
    sizes together within `limit_mb` megabytes (0: keep none)."""

    def __init__(self, limit_mb: float = DEFAULT_CACHE_MB) -> None:
        self.limit = int(limit_mb * 1024 * 1024)
        self._kept: OrderedDict[Hashable, Grounded] = OrderedDict()
        self._used = 0

    def get(self, key: Hashable, build: Callable[[], Grounded]) -> Grounded:
        program = self._kept.get(key)
        if program is not None:
            self._kept.move_to_end(key)
            return program
        program = build()
        if program.size <= self.limit:
            self._kept[key] = program
            self._used += program.size
            while self._used > self.limit:
                _, dropped = self._kept.popitem(last=False)
                self._used -= dropped.size
        return program

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def used(self) -> int:
        """The estimated bytes kept."""
        return self._used


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
