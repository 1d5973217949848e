"""The command line, in-process: output shapes, exit codes, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.cli import main
from checker.paths import treaties_dir

Run = tuple[int, str, str]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def _run(*argv: str) -> Run:
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return _run


def test_status_json_matches_the_documented_shape(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("status", "FIN", "--treaty", "apmbc", "--on", "2026-01-09", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["treaty"] == "apmbc" and data["date"] == "2026-01-09"
    assert data["states"][0]["state"] == "FIN"
    assert data["states"][0]["status"] == "withdrawing"
    assert data["states"][0]["until"] == "2026-01-10"


def test_status_without_states_lists_every_state_with_records(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("status", "--treaty", "apmbc", "--on", "2026-03-01", "--format", "json")
    states = {row["state"]: row["status"] for row in json.loads(out)["states"]}
    assert code == 0
    assert len(states) == 166  # every state that signed or joined (facts/apmbc/)
    assert states["POL"] == "withdrawn" and states["UKR"] == "party" and states["TON"] == "party"


def test_status_text_is_a_table(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("status", "EST", "UKR", "--treaty", "apmbc", "--on", "2025-12-27")
    assert code == 0
    assert "EST    Estonia  withdrawn" in out
    assert "UKR    Ukraine  party" in out


def test_check_exit_codes_follow_the_verdict(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", "--state", "FIN", "--action", "production", "--on", "2026-01-05", "--treaty", "apmbc", "--format", "json")
    assert code == 1 and json.loads(out)["verdict"] == "prohibited"
    code, out, _ = run("check", "--state", "FIN", "--action", "production", "--on", "2026-02-01", "--treaty", "apmbc")
    assert code == 0 and out.startswith("PERMITTED")
    code, out, _ = run("check", "--state", "UKR", "--action", "suspension", "--on", "2025-07-18", "--treaty", "apmbc")
    assert code == 1 and out.startswith("NO_LEGAL_EFFECT")


def test_check_of_a_withdrawal_gives_the_day_it_would_take_effect(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", "--state", "NOR", "--action", "withdrawal", "--on", "2026-03-31", "--treaty", "apmbc",
                       "--data", str(Path(__file__).parent / "data" / "norway.yaml"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["withdrawal"] == {"takes_effect": "2026-09-30", "reason": "the notice period ends on this day", "ends_treaty": False,
                                  "overtaken_by_end": None}


def test_check_of_a_withdrawal_the_treatys_end_would_overtake_says_never(run) -> None:  # type: ignore[no-untyped-def]
    """New START expired on 2026-02-05; a US notice of 2025-12-01 would have run to 2026-03-01."""
    argv = ["check", "--state", "USA", "--action", "withdrawal", "--on", "2025-12-01", "--treaty", "new_start", "--statement", "yes"]
    code, out, _ = run(*argv, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["verdict"] == "permitted"
    assert data["withdrawal"]["takes_effect"] is None and data["withdrawal"]["overtaken_by_end"] == "2026-02-05"
    assert [f["code"] for f in data["findings"]] == ["withdrawal_overtaken_by_treaty_end"]
    code, out, _ = run(*argv)
    assert "withdrawal would take effect: never (the treaty ends on 2026-02-05" in out


def test_audit_of_the_bundled_data_exits_1_for_its_errors(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("audit", "--as-of", "2026-11-27", "--format", "json")
    data = json.loads(out)
    assert code == 1
    errors = sorted((f["state"], f["code"]) for f in data["findings"] if f["severity"] == "error")
    assert errors == [
        ("BLR", "stockpile_destruction_overdue"),
        ("GRC", "stockpile_destruction_overdue"),
        ("MNE", "recorded_date_mismatch"),  # explained in the README (Sources that disagree)
        ("MOZ", "clearance_overdue"),
        ("UKR", "clearance_overdue"),
        ("UKR", "stockpile_destruction_overdue"),
        ("UKR", "suspension_not_permitted"),
    ]
    assert data["summary"]["as_of"] == "2026-11-27"


def test_audit_of_a_clean_dataset_exits_0(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("audit", "--as-of", "1999-06-01", "--data", str(Path(__file__).parent / "data" / "norway.yaml"))
    assert code == 0
    assert out.startswith("0 findings")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["status", "--treaty", "nosuch", "--on", "2020-01-01"], "unknown treaty 'nosuch'"),
        (["status", "--on", "2020-01-01"], "--treaty is needed"),
        (["status", "XXX", "--treaty", "apmbc", "--on", "2020-01-01"], "unknown state 'XXX'"),
        (["check", "--state", "FIN", "--action", "dance", "--on", "2020-01-01", "--treaty", "apmbc"], "field 'action'"),
        (["check", "--state", "FIN", "--action", "use", "--on", "2020-01-01", "--treaty", "apmbc", "--purpose", "training"], "field 'purpose'"),
        (["check", "--state", "FIN", "--action", "transfer", "--on", "2020-01-01", "--treaty", "apmbc", "--counterparty", "QQQ"], "unknown state 'QQQ'"),
        (["audit", "--data", "/nonexistent/path"], "no such file or folder"),
    ],
)
def test_bad_usage_exits_2_with_one_line_per_problem(run, argv: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert words in err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["status", "--treaty", "apmbc", "--on", "2026-02-30"])
    assert exc.value.code == 2
    assert "expected a date YYYY-MM-DD" in capsys.readouterr().err


def test_json_output_is_byte_identical_across_runs(run) -> None:  # type: ignore[no-untyped-def]
    first = run("audit", "--format", "json")[1]
    assert run("audit", "--format", "json")[1] == first


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "status", "FIN", "--treaty", "apmbc", "--on", "2026-01-10", "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["states"][0]["status"] == "withdrawn"


def test_progress_is_silent_when_stderr_is_not_a_terminal(run) -> None:  # type: ignore[no-untyped-def]
    from checker import progress

    code, _, err = run("audit", "--as-of", "2026-11-27", "--no-cache")
    assert code == 1 and err == ""
    assert progress._start is None


def test_treaties_lists_each_treaty_with_the_entry_into_force_the_rules_derive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "--format", "json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["treaties"]}
    assert set(rows) >= {"apmbc", "ccm", "rome", "att", "ctbt", "npt", "tpnw", "ccw", "cwc", "bwc", "open_skies"}
    assert rows["apmbc"]["in_force_since"] == "1999-03-01"
    assert rows["rome"]["in_force_since"] == "2002-07-01"  # first day of the month after the 60th day
    assert rows["cwc"]["in_force_since"] == "1997-04-29"
    assert rows["ctbt"]["in_force_since"] is None  # Annex 2's 44 have not all ratified
    assert rows["rome"]["records"] > 0 and rows["rome"]["states"] > 0
    assert main(["treaties"]) == 0
    assert "ctbt         not in force" in capsys.readouterr().out


def test_treaties_works_out_a_threshold_from_the_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    treaty = yaml.safe_load((treaties_dir() / "att.yaml").read_text(encoding="utf-8"))["treaties"][0]
    eif = treaty["entry_into_force"]
    treaty |= {"id": "mini", "entry_into_force": eif | {"threshold_deposit": None, "stated_date": None, "instruments_required": 2}}
    data = {"treaties": [treaty], "events": [
        {"id": "a", "treaty": "mini", "state": "FRA", "action": "signature", "date": date(2013, 6, 3)},
        {"id": "b", "treaty": "mini", "state": "FRA", "action": "ratification", "date": date(2014, 1, 2)},
        {"id": "c", "treaty": "mini", "state": "DEU", "action": "signature", "date": date(2013, 6, 3)},
        {"id": "d", "treaty": "mini", "state": "DEU", "action": "ratification", "date": date(2014, 2, 1)},
    ]}
    (tmp_path / "mini.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["treaties", "--data", str(tmp_path), "--format", "json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["treaties"]}
    assert rows["mini"]["in_force_since"] == "2014-05-02"  # ninety days after the second instrument
    assert rows["mini"]["records"] == 4


def test_validate_names_the_field_and_the_clause_of_a_bad_treaty_definition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    treaty = yaml.safe_load((treaties_dir() / "att.yaml").read_text(encoding="utf-8"))["treaties"][0]
    treaty["id"] = "broken"
    treaty["withdrawal"]["notice"] = {"weeks": 3}
    treaty["entry_into_force"]["stated_date"] = date(2015, 1, 1)  # the formula gives 2014-12-24
    del treaty["consent"]["signatories"]
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump({"treaties": [treaty]}), encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "field 'withdrawal.notice.weeks': unknown field [withdrawal clause, Art. 24(2)-(3)]" in err
    assert "field 'consent.signatories': required field is missing [consent clause, Art. 21(2)-(4)]" in err
    treaty["withdrawal"]["notice"] = {"days": 90}
    treaty["consent"]["signatories"] = ["ratification", "acceptance", "approval"]
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump({"treaties": [treaty]}), encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 2
    assert "field 'entry_into_force.stated_date': 2015-01-01 differs from 2014-12-24" in (err := capsys.readouterr().err)
    assert "[entry into force clause, Art. 22]" in err


def test_audit_filters_by_severity_and_code_and_says_how_many_it_hides(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("audit", "--as-of", "2026-11-27", "--severity", "warning", "--format", "json", "--no-cache")
    data = json.loads(out)
    assert code == 1
    assert {f["severity"] for f in data["findings"]} == {"error", "warning"}
    assert data["hidden"] == data["summary"]["findings"]["info"] > 800
    code, out, _ = run("audit", "--as-of", "2026-11-27", "--code", "disputed_date", "--code", "treaty_ended")
    assert code == 0  # the errors are not shown, so none is reported
    assert {line.split()[1] for line in out.splitlines()[:-2]} == {"disputed_date", "treaty_ended"}
    assert out.splitlines()[-1].endswith("of them not shown (--severity, --code)")
    code, _, err = run("audit", "--code", "no_such_code")
    assert code == 2 and "unknown finding code no_such_code" in err


def test_the_timeline_carries_every_finding_the_audit_reports_for_its_states() -> None:
    from datetime import date

    from checker.api import Checker

    checker = Checker.load()
    day = date(2026, 11, 27)
    audit = checker.audit(as_of=day)
    states = ["BLR", "GRC", "MNE", "MOZ", "UKR"]
    for row in checker.timeline(states, treaty="apmbc", as_of=day).states:
        want = sorted((f.code, f.date, f.message) for f in audit.findings if f.state == row.state and f.treaty == "apmbc")
        assert sorted((f.code, f.date, f.message) for f in row.findings) == want, row.state
    assert any(f.code == "stockpile_destruction_overdue" for f in audit.findings if f.state == "GRC")


def test_small_frictions(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # state codes on the command line are case-insensitive
    code, out, _ = run("status", "fin", "--treaty", "apmbc", "--on", "2026-03-01")
    assert code == 0 and "FIN    Finland  withdrawn" in out
    # validate speaks JSON, and counts the dataset's own files, not the shipped treaty definitions
    code, out, _ = run("validate", str(Path(__file__).parent / "data" / "norway.yaml"), "--format", "json")
    assert code == 0 and json.loads(out) == {"ok": True, "records": json.loads(out)["records"], "files": 1}
    bad = tmp_path / "bad.yaml"
    bad.write_text("events:\n- {id: x, treaty: apmbc, state: NOR, action: signature}\n", encoding="utf-8")
    code, out, _ = run("validate", str(bad), "--format", "json")
    assert code == 2 and json.loads(out)["problems"][0]["field"] == "date"
    # an identical copy of a shipped definition is the same treaty; a different one is refused
    copy = tmp_path / "treaties"
    copy.mkdir()
    text = (treaties_dir() / "apmbc.yaml").read_text(encoding="utf-8")
    (copy / "apmbc.yaml").write_text(text, encoding="utf-8")
    assert run("validate", str(copy), str(Path(__file__).parent / "data" / "norway.yaml"))[0] == 0
    (copy / "apmbc.yaml").write_text(text.replace("short_name:", "short_name: Changed #", 1), encoding="utf-8")
    code, _, err = run("validate", str(copy))
    assert code == 2 and "already defined" in err
    # one finding reads "1 finding"; a conflict's finding has the same columns as a state's
    one = tmp_path / "one.yaml"
    one.write_text("events:\n- {id: x, treaty: apmbc, state: NOR, action: signature, date: 2000-01-01, source: s}\n",
                   encoding="utf-8")
    code, out, _ = run("audit", "--data", str(one), "--as-of", "2001-01-01", "--no-cache")
    assert out.splitlines()[-1].startswith("1 finding (1 error, 0 warning, 0 info) as of 2001-01-01, in 1 event and 0 conflicts")
    code, out, _ = run("audit", "--as-of", "2026-11-27", "--code", "disputed_date")
    conflict = next(line for line in out.splitlines() if "rus-ukr:" in line)
    state = next(line for line in out.splitlines() if "apmbc CMR" in line)
    assert conflict.split()[:5] == ["info", "disputed_date", "-", "-", "2014-02-20:"]
    assert conflict.index(" - - ") == state.index(" apmbc CMR ")


def test_csv_for_status_audit_and_timeline(run) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    code, out, _ = run("status", "--treaty", "apmbc", "--on", "2026-03-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 166 and {"state": "FIN", "status": "withdrawn"}.items() <= next(r for r in rows if r["state"] == "FIN").items()
    code, out, _ = run("audit", "--as-of", "2026-11-27", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1 and len(rows) > 800  # every finding: csv is not grouped
    assert next(r for r in rows if r["code"] == "recorded_date_mismatch")["records"] == "mne-apmbc-succession"
    code, out, _ = run("timeline", "FIN", "--treaty", "apmbc", "--format", "csv")
    assert [r["status"] for r in csv.DictReader(io.StringIO(out))] == ["non_party", "pending", "party", "withdrawing", "withdrawn"]
    code, _, err = run("treaties", "--format", "csv")
    assert code == 2 and "--format csv is for status, audit and timeline" in err
