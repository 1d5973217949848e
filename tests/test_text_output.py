"""Text output is one line per row: a line break or other invisible character in a state's name or a
file's name is shown escaped, so no input can forge a row; JSON keeps the value as it is."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.cli import main

FORGED = "Foo\nFIN    Finland  non_party  -  -  no"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "states.yaml"
    path.write_text(yaml.safe_dump({
        "states": [{"code": "XXA", "name": FORGED}],
        "events": [{"id": "x1", "treaty": "apmbc", "state": "XXA", "action": "accession", "date": date(2012, 1, 9)},
                   {"id": "x2", "treaty": "apmbc", "state": "XXA", "action": "accession", "date": date(2013, 1, 9)}],
    }), encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [
    ["status", "--treaty", "apmbc", "--on", "2020-01-01"],
    ["audit", "--no-cache", "--as-of", "2020-01-01"],
    ["timeline", "XXA", "--treaty", "apmbc"],
    ["explain", "--state", "XXA", "--treaty", "apmbc", "--on", "2020-01-01"],
])
def test_a_line_break_in_a_state_name_is_escaped_in_text(data: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    main([*argv, "--data", str(data)])
    out = capsys.readouterr().out
    assert "Foo\\nFIN    Finland" in out
    assert not any(line.startswith("FIN ") for line in out.splitlines())


def test_json_keeps_the_name_as_it_is(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["status", "XXA", "--treaty", "apmbc", "--on", "2020-01-01", "--format", "json", "--data", str(data)])
    assert json.loads(capsys.readouterr().out)["states"][0]["name"] == FORGED


@pytest.mark.parametrize("name", ["bad\nerror: forged line.yaml", "tab\there.yaml", "sep\u2028arator.yaml"])
def test_a_control_character_in_a_file_name_is_escaped_in_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
) -> None:
    (tmp_path / name).write_text("events:\n  - {id: e1, treaty: apmbc, state: NO, action: use, date: 2020-01-01}\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert ascii(name.split(".")[0][3])[1:-1] in err  # the character, escaped


@pytest.mark.parametrize("command", ["status", "audit"])
def test_the_help_says_today_is_the_local_date(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "today, the local date" in " ".join(capsys.readouterr().out.split())
