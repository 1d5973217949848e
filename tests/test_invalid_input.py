"""Broken input: one problem per fixture file, each with the words its message must contain.

tests/invalid/expected.yaml maps each fixture to the substrings stderr must contain. Every fixture
must exit 2, name the file, and never print a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.cli import main

HERE = Path(__file__).parent / "invalid"
EXPECTED: dict[str, list[str]] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))


def test_every_fixture_is_listed() -> None:
    fixtures = {p.name for p in HERE.iterdir() if p.name != "expected.yaml"}
    assert fixtures == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_exits_2_with_located_message(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = HERE / name
    code = main(["audit", "--data", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert name in err
    for words in EXPECTED[name]:
        assert words in err, f"{words!r} not in:\n{err}"
