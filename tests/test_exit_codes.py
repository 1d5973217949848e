"""Exit 3 is for bugs only: every bad input, environment or output ends in exit 2 with one line per
problem (or a quiet stop for a closed pipe, 130 for Ctrl-C), never in a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from checker import cli
from checker.cli import main

DATA = Path(__file__).parent / "data" / "norway.yaml"
BIG = "9" * 5000
EVENT = {"id": "e1", "treaty": "apmbc", "state": "FIN", "action": "transfer", "date": "2020-01-01"}


def _cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "checker", *argv], capture_output=True, check=False,
                          env={**os.environ, **(env or {})})


def _refused(capsys: pytest.CaptureFixture[str], path: Path, words: str) -> None:
    """`validate` and `audit` both refuse `path` with exit 2 and a message containing `words`."""
    for argv in (["validate", str(path)], ["audit", "--no-cache", "--data", str(path)]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert (code, out) == (2, ""), err
        assert words in err and "Traceback" not in err and "internal error" not in err
        assert all(line.startswith("error: ") for line in err.splitlines())


NUMBERS = {
    "fast.yaml": f"events:\n  - {{id: e1, treaty: apmbc, state: FIN, action: transfer, date: 2020-01-01, quantity: {BIG}}}\n",
    "block.yaml": f"events:\n  - id: e1\n    treaty: apmbc\n    state: FIN\n    action: annual_report_submitted\n"
                  f"    date: 2021-04-01\n    year: {BIG}\n",
    "line.jsonl": '{"id": "e1", "treaty": "apmbc", "state": "FIN", "action": "transfer", "date": "2020-01-01", '
                  f'"quantity": {BIG}}}\n',
    "table.csv": f"id,treaty,state,action,date,quantity\ne1,apmbc,FIN,transfer,2020-01-01,{BIG}\n",
}


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_a_5000_digit_number_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = tmp_path / name
    path.write_text(NUMBERS[name], encoding="utf-8")
    _refused(capsys, path, "too many digits" if name != "table.csv" else "field 'quantity'")


@pytest.mark.parametrize("value", ["2147483648", "99999999999999"])
def test_a_count_clingo_cannot_hold_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(f"events:\n  - {{id: e1, treaty: apmbc, state: FIN, action: transfer, date: 2020-01-01, quantity: {value}}}\n",
                    encoding="utf-8")
    _refused(capsys, path, "less than or equal to 2147483647")
    assert main(["check", "--state", "FIN", "--action", "transfer", "--on", "2020-01-01", "--treaty", "apmbc",
                 "--quantity", value]) == 2
    assert "field 'quantity'" in capsys.readouterr().err


def test_a_superscript_digit_in_a_csv_number_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "table.csv"
    path.write_text("id,treaty,state,action,date,quantity\ne1,apmbc,FIN,transfer,2020-01-01,\u00b2\n", encoding="utf-8")
    _refused(capsys, path, "field 'quantity': expected a whole number")


def test_a_csv_cell_over_128_kb_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("id,treaty,state,action,date,note\ne1,apmbc,FIN,use,2020-01-01," + "x" * 140_000 + "\n", encoding="utf-8")
    _refused(capsys, path, f"{path}:2: CSV syntax: field larger than field limit")


@pytest.mark.parametrize("kind", ['["event"]', '{"a": 1}', "1", "null"])
def test_a_json_lines_kind_that_is_not_text_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(f'{{"kind": {kind}, "id": "e1"}}\n', encoding="utf-8")
    _refused(capsys, path, "field 'kind': expected one of event, conflict, state, treaty")


@pytest.mark.parametrize("field", ["id", "treaty", "state", "action", "note", "source"])
@pytest.mark.parametrize("value", ['["x"]', '{"x": 1}'])
def test_a_json_lines_text_field_that_is_a_list_or_mapping_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str,
) -> None:
    path = tmp_path / "records.jsonl"
    record = ", ".join(f'"{k}": "{v}"' for k, v in EVENT.items() if k != field)
    path.write_text(f'{{{record}, "{field}": {value}}}\n', encoding="utf-8")
    _refused(capsys, path, f"field '{field}'")


def test_json_lines_nested_1000_deep_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text('{"a": ' * 1000 + "1" + "}" * 1000 + "\n", encoding="utf-8")
    _refused(capsys, path, f"{path}:1: JSON nesting is too deep")


@pytest.mark.parametrize("argv", [
    ["audit", "--as-of", "9999-12-31"], ["status", "--treaty", "apmbc", "--on", "9999-12-31"],
    ["explain", "--state", "FIN", "--treaty", "apmbc", "--on", "1000-01-01"],
    ["check", "--state", "FIN", "--action", "withdrawal", "--treaty", "apmbc", "--on", "2026-01-01",
     "--specified-date", "9999-12-31"],
])
def test_a_day_outside_the_records_range_is_a_usage_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "expected a day from 1800-01-01 to 2999-12-31" in capsys.readouterr().err


def test_the_last_day_of_the_range_is_audited(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--data", str(DATA), "--as-of", "2999-12-31", "--no-cache"]) == 0
    assert "as of 2999-12-31" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["TREATY_CHECK_MAX_RECORDS", "TREATY_CHECK_MAX_FILE_MB"])
@pytest.mark.parametrize("value", ["abc", "", "nan", "inf", "-1", "0"])
def test_a_limit_that_is_not_a_positive_number_is_a_usage_error(name: str, value: str) -> None:
    done = _cli("validate", str(DATA), env={name: value})
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().startswith(f"error: usage: {name} must be a positive") and done.stderr.count(b"\n") == 1


def test_limits_accept_exponent_notation_and_a_fraction_of_a_megabyte() -> None:
    assert _cli("validate", str(DATA), env={"TREATY_CHECK_MAX_RECORDS": "1e6", "TREATY_CHECK_MAX_FILE_MB": "1e6"}).returncode == 0
    assert _cli("validate", str(DATA), env={"TREATY_CHECK_MAX_FILE_MB": "0.5"}).returncode == 0
    done = _cli("validate", str(DATA), env={"TREATY_CHECK_MAX_RECORDS": "1.5"})
    assert done.returncode == 2 and b"a positive whole number" in done.stderr


@pytest.mark.parametrize("target", ["folder", "missing/page.html", "/dev/full"])
def test_an_html_page_that_cannot_be_written_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    page = target if target.startswith("/") else str(tmp_path / target)
    (tmp_path / "folder").mkdir()
    code = main(["timeline", "NOR", "--treaty", "apmbc", "--data", str(DATA), "--html", page])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"error: {page}: cannot write the HTML page: ") and err.count("\n") == 1


def test_stdout_to_a_full_device_is_one_line_exit_2() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "checker", "codes"], stdout=full, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 2
    assert done.stderr == b"error: cannot write the output: No space left on device\n"


def test_a_reader_that_goes_away_stops_the_output_quietly() -> None:
    child = subprocess.Popen([sys.executable, "-m", "checker", "codes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # `| head` that has read enough: no reader is left before the first write
    with child.stderr:
        err = child.stderr.read()
    assert child.wait() == 141
    assert err == b""


def test_a_broken_pipe_in_process_exits_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Closed:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            raise ValueError("no descriptor")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["codes"]) == 141
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_encoding_without_the_characters_escapes_them(encoding: str) -> None:
    done = _cli("status", "CIV", "TUR", "--treaty", "apmbc", "--on", "2026-01-01", env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr
    assert ("C\\xf4te d'Ivoire" if encoding == "ascii" else "C\u00f4te d'Ivoire").encode(encoding) in done.stdout
    done = _cli("codes", "--format", "json", env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr


def test_ctrl_c_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    assert main(["codes"]) == 130
    assert capsys.readouterr().err == "treaty-check: interrupted\n"


def test_ctrl_c_during_a_run_exits_130_without_a_traceback() -> None:
    # A job started in the background (`cmd &`, as some CI runners do) inherits SIGINT ignored, and
    # Python then never raises KeyboardInterrupt: the child gets the default disposition back.
    with subprocess.Popen([sys.executable, "-c", "import time, sys\nfrom checker import cli\n"
                           "cli._run = lambda args: (print('ready', flush=True), time.sleep(30))[1]\n"
                           "sys.exit(cli.main(['codes']))"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        child.send_signal(signal.SIGINT)
        try:
            _, err = child.communicate(timeout=30)
        finally:
            child.kill()
    assert child.returncode == 130
    assert err == "treaty-check: interrupted\n"


def test_the_api_refuses_a_day_no_record_could_carry() -> None:
    from datetime import date

    from checker.api import Checker
    from checker.errors import InputError

    checker = Checker.load()
    for ask in (lambda: checker.audit(as_of=date(9999, 12, 31)),
                lambda: checker.status(["FIN"], on=date(1700, 1, 1), treaty="apmbc"),
                lambda: checker.explain("FIN", on=date(9999, 1, 1), treaty="apmbc"),
                lambda: checker.timeline(["FIN"], treaty="apmbc", as_of=date(9999, 1, 1))):
        with pytest.raises(InputError, match="must be a day from 1800-01-01 to 2999-12-31"):
            ask()
