"""A treaty definition in a dataset is checked against the code registry and the rules' own names:
`validate` names the field, where `audit` used to exit 3 or print a bogus finding."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import clingo
import clingo.ast
import pytest
import yaml

from checker import engine
from checker.cli import main
from checker.codes import CODES
from checker.paths import rules_dir, treaties_dir

APMBC = yaml.safe_load((treaties_dir() / "apmbc.yaml").read_text(encoding="utf-8"))["treaties"][0]


def _dataset(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The APMBC's definition under another id, changed by `change`, with two records under it."""
    treaty = copy.deepcopy(APMBC)
    treaty["id"] = "xt"
    change(treaty)
    events = [{"id": "a1", "treaty": treaty["id"], "state": "FIN", "action": "accession", "date": date(2012, 1, 9)},
              {"id": "a2", "treaty": treaty["id"], "state": "FIN", "action": "stockpiling", "date": date(2019, 1, 9)}]
    path = tmp_path / "treaty.yaml"
    path.write_text(yaml.safe_dump({"treaties": [treaty], "events": events}), encoding="utf-8")
    return path


def _set(*keys: Any, value: str) -> Callable[[dict[str, Any]], None]:
    def change(treaty: dict[str, Any]) -> None:
        target = treaty
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


CASES = [
    (_set("id", value="none"), "id", "'none' is a name the rules use"),
    (_set("id", value="signature"), "id", "'signature' is a name the rules use"),
    (_set("deadlines", 0, "id", value="none"), "deadlines.0.id", "'none' is a name the rules use"),
    (_set("deadlines", 0, "id", value="signature"), "deadlines.0.id", "'signature' is a name the rules use"),
    (_set("deadlines", 1, "id", value="party"), "deadlines.1.id", "'party' is a name the rules use"),
    (_set("deadlines", 0, "code", value="prohibited_activity"), "deadlines.0.code",
     "'prohibited_activity' is a finding the rules report of their own"),
    (_set("deadlines", 2, "code", value="deadline_unknown"), "deadlines.2.code",
     "'deadline_unknown' is a finding the rules report of their own"),
    (_set("annual_report", "code", value="suspension_not_permitted"), "annual_report.code",
     "'suspension_not_permitted' is a finding the rules report of their own"),
    (_set("deadlines", 0, "code", value="no_such_code"), "deadlines.0.code", "unknown finding code 'no_such_code'"),
]


@pytest.mark.parametrize(("change", "field", "words"), CASES, ids=[f"{c[1]}:{c[2].split()[0]}" for c in CASES])
def test_a_treaty_definition_is_checked_against_the_registry_and_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Callable[[dict[str, Any]], None], field: str, words: str,
) -> None:
    path = _dataset(tmp_path, change)
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"field '{field}': {words}" in err
    assert main(["audit", "--no-cache", "--as-of", "2026-01-01", "--data", str(path)]) == 2
    assert f"field '{field}': {words}" in capsys.readouterr().err


def test_the_unchanged_definition_under_another_id_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(_dataset(tmp_path, lambda treaty: None))]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_a_deadline_code_names_the_codes_that_fit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", str(_dataset(tmp_path, _set("deadlines", 0, "code", value="prohibited_activity")))])
    assert "(for a deadline: clearance_overdue, stockpile_destruction_overdue, transparency_report_overdue)" in capsys.readouterr().err


def _parsed_constants() -> set[str]:
    """The bare constants of the rules as clingo's own parser sees them (slow: the test's reference)."""
    found: set[str] = set()

    class Terms(clingo.ast.Transformer):  # type: ignore[misc]
        def visit_SymbolicAtom(self, atom: Any) -> Any:  # a predicate's name is not a term
            symbol = atom.symbol
            for argument in symbol.arguments if symbol.ast_type == clingo.ast.ASTType.Function else [symbol]:
                self(argument)
            return atom

        def visit_Function(self, term: Any) -> Any:
            if not term.arguments and not term.external:
                found.add(term.name)
            self.visit_children(term)
            return term

        def visit_SymbolicTerm(self, term: Any) -> Any:
            if term.symbol.type == clingo.SymbolType.Function and not term.symbol.arguments:
                found.add(term.symbol.name)
            return term

    visit = Terms()
    for path in sorted(rules_dir().glob("*.lp")):
        clingo.ast.parse_files([str(path)], visit, logger=lambda code, message: None)
    return found


def test_the_rules_constants_are_those_clingo_parses() -> None:
    constants = engine.rule_constants()
    assert constants == _parsed_constants()
    assert {"none", "signature", "party", "prohibited_activity", "deadline_unknown"} <= constants


def test_the_shipped_definitions_use_no_rule_constant_as_an_id() -> None:
    constants = engine.rule_constants()
    for path in sorted(treaties_dir().glob("*.yaml")):
        for treaty in yaml.safe_load(path.read_text(encoding="utf-8"))["treaties"]:
            assert treaty["id"] not in constants
            assert not {d["id"] for d in treaty.get("deadlines", [])} & constants
            codes = [d["code"] for d in treaty.get("deadlines", [])] + [treaty.get("annual_report", {}).get("code")]
            assert all(c is None or (c in CODES and c not in constants) for c in codes)
