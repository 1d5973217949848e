"""The code registry and the rules agree, and every code is exercised by the scenarios."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from checker.codes import CODES
from checker.loader import load_dataset
from checker.paths import rules_dir
from tests_support import checker_with, reason_lines

SCENARIOS = Path(__file__).parent / "scenarios"


def codes_in_rules() -> set[str]:
    """Codes the rules emit, and the codes treaty definitions give their deadlines."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in rules_dir().glob("*.lp"))
    codes = set(re.findall(r"^finding\(([a-z]\w+),", text, flags=re.MULTILINE))
    for treaty in load_dataset([]).treaties:
        codes |= {d.code for d in treaty.deadlines}
        if treaty.annual_report is not None:
            codes.add(treaty.annual_report.code)
    return codes


def scenario_expectations() -> list[tuple[list[str], str]]:
    """(codes expected, the kinds of acts in the data) for every audit and check scenario."""
    found = []
    for path in SCENARIOS.glob("*.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            expect = case["expect"]
            if "findings" in expect:
                codes = [f[0] if isinstance(f, list) else f for f in expect["findings"]]
                found.append((codes, case["name"]))
    return found


def test_every_code_in_the_rules_has_a_registry_entry_and_back() -> None:
    assert codes_in_rules() == set(CODES)


def test_every_code_is_triggered_by_a_scenario() -> None:
    triggered = {code for codes, _ in scenario_expectations() for code in codes}
    assert set(CODES) - triggered == set()


def test_registry_entries_are_complete() -> None:
    for entry in CODES.values():
        assert re.fullmatch(r"[a-z][a-z_]+", entry.code)
        assert entry.summary and entry.message and entry.explanation


def test_every_example_triggers_its_code_and_only_errors_of_its_own() -> None:
    for entry in CODES.values():
        if entry.example is None:
            continue
        checker = checker_with(yaml.safe_load(entry.example), f"example of {entry.code}")
        # notes that come with any such history: open deadlines, and a treaty that ended
        codes = {f.code for f in checker.audit().findings} - ({"deadline_unknown", "treaty_ended"} - {entry.code})
        assert codes == {entry.code}, (entry.code, codes)


def test_only_codes_that_need_a_custom_treaty_lack_an_example() -> None:
    assert {c.code for c in CODES.values() if c.example is None} == {"withdrawal_not_permitted", "consent_not_provided"}


def test_every_example_reports_what_is_recorded_for_it() -> None:
    """Article, records, message and explanation of each example's findings, against
    tests/registry_examples.yaml."""
    recorded = yaml.safe_load((Path(__file__).parent / "registry_examples.yaml").read_text(encoding="utf-8"))
    assert set(recorded) == {c.code for c in CODES.values() if c.example is not None}
    for code, want in recorded.items():
        checker = checker_with(yaml.safe_load(CODES[code].example or ""), f"example of {code}")
        got = [
            {"state": f.state, "date": f.date, "article": f.article, "records": f.records, "message": f.message,
             "explanation": [line for reason in f.explanation or [] for line in reason_lines(reason)]}
            for f in checker.audit(as_of=date(2099, 12, 31), explain=True).findings if f.code == code
        ]
        assert got == want, code


def test_every_code_is_in_the_readme_table() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [code for code, entry in CODES.items() if f"| `{code}` | {entry.severity} | {entry.summary} |" not in readme]
    assert not missing, f"add to the README's findings table: {missing}"
