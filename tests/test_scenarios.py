"""Data-driven scenarios (OpenFisca style): a sentence for a name, the records, the question, the answer.

Each file in tests/scenarios/ holds `scenarios:`, each with
  name:     what must hold, as a sentence
  data:     inline records (`events`, `conflicts`, `states`, `treaties`), or `bundled: true`
  status: {treaty, date, states}          expect: {STATE: status, ...}
  check:  {state, action, date, ...}      expect: {verdict, status?, findings?, takes_effect?, takes_effect_reason?, ends_treaty?}
  audit:  {treaty?, as_of?}             expect: {findings: [[code, first record], ...]} (exactly these;
          `deadline_unknown` only counts where listed, as [code, record, article], or with
          unknowns_shown: true), days?: {first record: N days late or overdue},
          messages?: {first record (or "code record"): words its message contains}, absent?: {first record: words it must
          not contain}, records?: {first record: all its records}, articles?: {first record: article cited}
  readings: {name: value}                 the readings applied (default: every reading's default)
  decided:  the readings that decided the answer, and what each other value gives, exactly these
            (none when absent): status {STATE: {reading: {value: result}}}; check {reading: {value:
            result}}; audit {first record: {reading: {value: words the result contains}}}
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


CASE_KEYS = {"name", "data", "bundled", "status", "check", "audit", "expect", "readings", "decided"}
EXPECT_KEYS = {"findings", "messages", "records", "absent", "articles", "days", "unknowns_shown", "verdict", "status",
               "bound", "counterparty_verdict", "takes_effect", "takes_effect_reason", "ends_treaty", "no_stockpile_findings_for"}


@pytest.mark.parametrize("case", _cases())
def test_scenario(case: dict[str, Any]) -> None:
    # a key in the wrong place would be silently ignored: refuse it
    assert set(case) <= CASE_KEYS, f"unknown scenario keys {set(case) - CASE_KEYS} (messages etc. go under expect)"
    if "status" not in case:
        assert set(case["expect"]) <= EXPECT_KEYS, f"unknown expect keys {set(case['expect']) - EXPECT_KEYS}"
    checker = checker_for(case)
    expect = case["expect"]
    if "status" in case:
        q = case["status"]
        report = checker.status(q.get("states", []), on=q["date"], treaty=q.get("treaty"))
        got = {row.state: row.status for row in report.states}
        assert got == expect
        assert {row.state: _decided(row.readings) for row in report.states if row.readings} == case.get("decided", {})
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
        if "ends_treaty" in expect:
            assert result.withdrawal is not None and result.withdrawal.ends_treaty == expect["ends_treaty"]
        if "takes_effect_reason" in expect:
            assert result.withdrawal is not None and expect["takes_effect_reason"] in result.withdrawal.reason
        assert _decided(result.readings) == case.get("decided", {})
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
        # keyed by first record, or by "code record" where two findings share their first record
        by_record = {f.records[0]: f for f in shown} | {f"{f.code} {f.records[0]}": f for f in shown}
        for record, words in expect.get("messages", {}).items():
            assert words in by_record[record].message, by_record[record].message
        for record, ids in expect.get("records", {}).items():
            assert by_record[record].records == ids, by_record[record].records
        for record, words in expect.get("absent", {}).items():
            assert words not in by_record[record].message, by_record[record].message
        for record, article in expect.get("articles", {}).items():
            assert by_record[record].article == article
        decided = {f.records[0]: _decided(f.readings) for f in report.findings if f.readings}
        assert decided.keys() == case.get("decided", {}).keys(), decided
        for record, readings in case.get("decided", {}).items():
            assert decided[record].keys() == readings.keys(), decided[record]
            for name, values in readings.items():
                assert decided[record][name].keys() == values.keys()
                for value, words in values.items():
                    assert words in decided[record][name][value], decided[record][name][value]


def _decided(readings: list[Any]) -> dict[str, dict[str, str]]:
    return {r.name: {a.value: a.result for a in r.alternatives} for r in readings}
