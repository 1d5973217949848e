"""A pytest plugin that runs many mutants in one test session (used by tools/mutate_rules.py).

Starting pytest and collecting the tests costs about two seconds; a mutant is usually killed by
one test in a fraction of that. So one session collects the tests once and then, for each mutant
of its share, writes the mutated rules, runs the tests in order and stops at the first failure.
The session first runs every test once on the unmutated rules, timing each: the tests then run
cheapest first, and the test that killed the last mutant runs first for the next one (mutants of
one rule tend to die by the same test; a big bundled audit rarely kills one a small scenario
would not). Every test is set up and torn down completely (its fixtures included), so no
answer computed under one mutant is seen under the next.

The work comes as a JSON file (MUTATION_WORK: [{index, file, start, end, text}]); each mutant's
start, each test it runs (with the seconds it may take) and its result go, one line each, to
MUTATION_OUT, which the parent watches for a mutant that hangs.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol


def _failed(item: pytest.Item) -> bool:
    item._initrequest()  # type: ignore[attr-defined]  # a fresh request: the item runs once per mutant
    return any(report.failed for report in runtestprotocol(item, nextitem=None, log=False))


def _announced(out: Any, index: int, budget: float) -> bool:
    print(f"test {index} {budget:.1f}", file=out, flush=True)
    return True


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool:
    work: list[dict[str, Any]] = json.loads(Path(os.environ["MUTATION_WORK"]).read_text(encoding="utf-8"))
    base = Path(os.environ["MUTATION_BASE"])
    out = Path(os.environ["MUTATION_OUT"]).open("a", encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(base / "rules", rules)
        os.environ["TREATY_CHECK_RULES"] = str(rules)
        # the first session of a share times the tests; a session started after a mutant that hung
        # reads those times (MUTATION_TIMES) instead of running everything again
        times_file = Path(os.environ["MUTATION_TIMES"])
        known = json.loads(times_file.read_text(encoding="utf-8")) if times_file.exists() else {}
        cost = []
        for index, item in enumerate(session.items):
            if item.nodeid in known:
                cost.append((known[item.nodeid], index))
                continue
            start = time.perf_counter()
            if _failed(item):
                print(f"baseline failed {item.nodeid}", file=out, flush=True)
                return True
            cost.append((time.perf_counter() - start, index))
        times_file.write_text(json.dumps({session.items[i].nodeid: c for c, i in cost}), encoding="utf-8")
        order = [index for _, index in sorted(cost)]
        # A test that runs ten times longer than on the unmutated rules has caught a mutant that
        # blows up the grounding: the parent kills the session then (one line per test tells it).
        budget = {index: 5 + 10 * seconds for seconds, index in cost}
        for mutant in work:
            original = (base / "rules" / mutant["file"]).read_text(encoding="utf-8")
            target = rules / mutant["file"]
            target.write_text(original[:mutant["start"]] + mutant["text"] + original[mutant["end"]:], encoding="utf-8")
            print(f"start {mutant['index']}", file=out, flush=True)
            killer = next((i for i in order if _announced(out, mutant["index"], budget[i]) and _failed(session.items[i])), None)
            if killer is not None:
                order.remove(killer)
                order.insert(0, killer)
            verdict = "survived" if killer is None else f"killed {session.items[killer].nodeid}"
            print(f"{verdict.split()[0]} {mutant['index']} {' '.join(verdict.split()[1:])}".rstrip(), file=out, flush=True)
            target.write_text(original, encoding="utf-8")
    out.close()
    return True
