"""Data-driven scenarios (OpenFisca style): a sentence for a name, the records, the question, the answer.

Each file in tests/scenarios/ holds `scenarios:`, each with
  name:     what must hold, as a sentence
  data:     inline records (`events`, `conflicts`, `states`, `treaties`), or `bundled: true`
  status: {treaty, date, states}          expect: {STATE: status, ...}
  check:  {state, action, date, ...}      expect: {verdict, status?, findings?, takes_effect?}
  audit:  {treaty?, as_of?}             expect: {findings: [[code, first record], ...]} (exactly these;
          `deadline_unknown` only counts where listed, as [code, record, article], or with
          unknowns_shown: true), days?: {first record: N days late or overdue},
          messages?: {first record: words its message contains}, articles?: {first record: article cited}
"""

from __future__ import annotations

import re
from datetime import date
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


FAR_FUTURE = date(2099, 12, 31)  # audits in scenarios are as of a fixed day, so they never age


def _days(message: str) -> int | None:
    match = re.search(r"(\d+) days (?:late|overdue)", message)
    return int(match.group(1)) if match else None


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
        if "counterparty_verdict" in expect:
            assert result.counterparty_verdict == expect["counterparty_verdict"]
        assert sorted(f.code for f in result.findings) == sorted(expect.get("findings", []))
        if "takes_effect" in expect:
            assert result.withdrawal is not None
            want = expect["takes_effect"]
            assert result.withdrawal.takes_effect == (want.isoformat() if want else None)
    else:
        q = case.get("audit") or {}
        report = checker.audit(q.get("treaty"), as_of=q.get("as_of", FAR_FUTURE))
        if "no_stockpile_findings_for" in expect:  # neither overdue nor unknown: the deadline was met
            about = [f for f in report.findings if f.state in expect["no_stockpile_findings_for"] and "stockpile" in f.message]
            assert about == []
            return
        expected = sorted(expect["findings"])
        # Unknown deadlines are everywhere; a scenario lists them only when it is about them.
        shown = [f for f in report.findings if f.code != "deadline_unknown" or expect.get("unknowns_shown")
                 or any(e[0] == "deadline_unknown" for e in expected)]
        # An unknown deadline is told apart from the others of the same instrument by its article.
        got = sorted([f.code, f.records[0], *([f.article] if f.code == "deadline_unknown" else [])] for f in shown)
        assert got == expected, report.findings
        if "days" in expect:
            assert {f.records[0]: _days(f.message) for f in shown if _days(f.message) is not None} == expect["days"]
        by_record = {f.records[0]: f for f in shown}
        for record, words in expect.get("messages", {}).items():
            assert words in by_record[record].message, by_record[record].message
        for record, article in expect.get("articles", {}).items():
            assert by_record[record].article == article
