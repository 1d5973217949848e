"""Data-driven scenarios (OpenFisca style): a sentence for a name, the records, the question, the answer.

Each file in tests/scenarios/ holds `scenarios:`, each with
  name:     what must hold, as a sentence
  data:     inline records (`events`, `conflicts`, `states`, `treaties`), or `bundled: true`
  status: {treaty, date, states}          expect: {STATE: status, ...}
  check:  {state, action, date, ...}      expect: {verdict, status?, findings?, takes_effect?}
  audit:  {treaty?}                     expect: {findings: [[code, first record], ...]} (exactly these)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests_support import checker_for

SCENARIOS = Path(__file__).parent / "scenarios"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_scenario(case: dict[str, Any]) -> None:
    checker = checker_for(case)
    expect = case["expect"]
    if "status" in case:
        q = case["status"]
        report = checker.status(q.get("states", []), on=q["date"], treaty=q.get("treaty"))
        got = {row.state: row.status for row in report.states}
        assert got == expect
    elif "check" in case:
        q = dict(case["check"])
        state, action, on = q.pop("state"), q.pop("action"), q.pop("date")
        result = checker.check(state, action, on=on, **q)
        assert result.verdict == expect["verdict"]
        if "status" in expect:
            assert result.status == expect["status"]
        if "bound" in expect:
            assert result.bound == expect["bound"]
        assert sorted(f.code for f in result.findings) == sorted(expect.get("findings", []))
        if "takes_effect" in expect:
            assert result.withdrawal is not None
            want = expect["takes_effect"]
            assert result.withdrawal.takes_effect == (want.isoformat() if want else None)
    else:
        report = checker.audit(case["audit"].get("treaty") if case.get("audit") else None)
        got = sorted([f.code, f.records[0]] for f in report.findings)
        assert got == sorted(expect["findings"]), report.findings
