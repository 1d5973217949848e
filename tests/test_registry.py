"""The code registry and the rules agree, and every code is exercised by the scenarios."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from checker.codes import CODES
from checker.paths import rules_dir

SCENARIOS = Path(__file__).parent / "scenarios"


def codes_in_rules() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in rules_dir().glob("*.lp"))
    return set(re.findall(r"^finding\((\w+),", text, flags=re.MULTILINE))


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
