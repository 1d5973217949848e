"""Reading input: bounded before it is built, and nothing dropped or changed without a word.

Each test stands for one way a dataset could be read wrong: refused too late (after every record
was built), cut short or altered in silence, or accepted in a form the formats do not allow.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import fastyaml, loader
from checker.cli import main

EVENT = {"treaty": "apmbc", "state": "FIN", "action": "accession", "date": "2012-01-09"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- bounded before parsing ------------------------------------------------------------------

FLOODS = {
    "block.yaml": "events:\n" + "  - {}\n" * 20_000,  # the fast path's layout
    "dash.yaml": "events:\n" + "- {}\n" * 20_000,  # PyYAML's: counted from its events
    "flow.yaml": "events: [" + "{}, " * 20_000 + "]\n",
    "flood.jsonl": "{}\n" * 20_000,
    "flood.csv": "id\n" + "x\n" * 20_000,
}


@pytest.mark.parametrize("name", sorted(FLOODS))
def test_the_record_limit_stops_the_reading_where_it_is_passed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    # The 31 MB flood of `{}` items, scaled down with its limit: refused at the record past it.
    monkeypatch.setattr(loader, "MAX_RECORDS", 1000)
    path = tmp_path / name
    path.write_text(FLOODS[name], encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2 and out == ""
    assert "more than 1000 records" in err and "reading stopped here" in err
    line = int(err.split(f"{path}:")[1].split(":")[0])
    assert line <= 1002  # where the limit was passed, not the end of the file


def test_the_record_limit_counts_the_whole_dataset_and_stops_at_the_file_that_passes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(loader, "MAX_RECORDS", 1000)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.jsonl").write_text("{}\n" * 600, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'b.jsonl'}:" in err and "more than 1000 records" in err
    assert "c.jsonl" not in err  # not read at all


def test_a_dataset_larger_in_all_than_its_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TREATY_CHECK_MAX_DATASET_MB", "0.01")  # 10 KB: each file fits, the two do not
    line = json.dumps({"id": "x" * 100, **EVENT}) + "\n"
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(line * 40, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"))
    assert code == 2
    assert "the dataset's 2 files hold" in err and "the limit is 0.01 MB" in err and "TREATY_CHECK_MAX_DATASET_MB" in err
    assert "duplicate id" not in err  # refused before a record was read


@pytest.mark.parametrize("value", ["abc", "", "nan", "inf", "-1", "0"])
def test_a_dataset_limit_that_is_not_a_positive_number_is_refused(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TREATY_CHECK_MAX_DATASET_MB", value)
    code, _, err = run(capsys, "validate", str(Path(__file__).parent / "data"))
    assert code == 2
    assert "TREATY_CHECK_MAX_DATASET_MB must be a positive number" in err


def test_an_echoed_value_is_cut_to_its_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "i" * 5000, **EVENT, "note": "n" * 1_000_000}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "…(1000000 characters)" in err and "…(5000 characters)" in err
    assert len(err) < 5000


# --- no silent data loss or change -----------------------------------------------------------

def test_an_unreadable_subfolder_is_refused_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "a.yaml").write_text("events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.yaml").write_text("events:\n  - {id: b, treaty: apmbc, state: SWE, action: accession, date: 2012-01-09}\n")
    scandir = os.scandir

    def refuse(path: object = ".") -> object:  # as a folder without read permission does (the tests run as root)
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert f"{locked}: cannot read folder: Permission denied" in err


def test_links_that_lead_nowhere_are_named_in_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text("events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "up").symlink_to(tmp_path)
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 0 and "1 records" in out
    assert f"warning: {tmp_path / 'dangling.yaml'}: a broken symbolic link, skipped" in err
    assert f"warning: {tmp_path / 'loop.yaml'}: a looping symbolic link, skipped" in err
    assert f"warning: {tmp_path / 'up'}: a symbolic link to a folder, not followed" in err


def test_json_lines_split_at_newlines_only(tmp_path: Path) -> None:
    path = tmp_path / "breaks.jsonl"
    note = "line\u2028separator, next\u0085line, form\x0cfeed"
    path.write_text(json.dumps({"id": "a", **EVENT, "note": note}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    assert loader.read_jsonl(path).content["events"][0]["note"] == note


def test_a_record_id_none_comes_back_as_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `none` is also a constant of the rules (no record): the record named "none" must stay itself.
    path = tmp_path / "none.yaml"
    path.write_text("events:\n  - {id: none, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n")
    code, out, _ = run(capsys, "status", "FIN", "SWE", "--treaty", "apmbc", "--on", "2020-01-01", "--data", str(path), "--format", "json")
    assert code == 0
    records = {row["state"]: row["record"] for row in json.loads(out)["states"]}
    assert records == {"FIN": "none", "SWE": None}


# The fast YAML path must read a file exactly as PyYAML does, or hand it to PyYAML.
_PIECES = st.sampled_from([
    "a", "FIN", "-", "- ", ":", ": ", "x:y", " ", "  ", "\u00a0", "\u3000", "\u2028", "\u0085", "\x0b", "\x0c", "\r",
    "\t", "\ufeff", "\x7f", "\x00", "1", "no", "~", "2020-01-01", ",", "[", "]", "{", "}", "#", " #", "'", "é", "?", "=",
])
_VALUE = st.one_of(
    st.lists(_PIECES, max_size=4).map("".join),
    st.lists(st.lists(_PIECES, max_size=2).map("".join), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
)
_ITEM = st.lists(st.tuples(st.sampled_from(["id", "state", "note", "y"]), _VALUE), min_size=0, max_size=3).map(
    lambda pairs: "  - {" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
)
_DOC = st.tuples(
    st.lists(st.one_of(_ITEM, st.sampled_from(["events:", "", " ", "\t", "\u00a0", "# c", "  # c", "\x0c", "conflicts:"])),
             min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85"]),
).map(lambda parts: "events:\n" + parts[1].join(parts[0]) + "\n")


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(_DOC)
def test_the_fast_path_is_never_more_lenient_than_pyyaml(text: str) -> None:
    fast = fastyaml.parse(text)
    if fast is None:
        return
    assert fast == yaml.load(text, Loader=loader._StrictLoader)


@pytest.mark.parametrize(("line", "words"), [
    ("  - {id: a, treaty: apmbc, state: FIN\u00a0, action: accession, date: 2012-01-09}", "'FIN\\xa0'"),
    ("  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09, note: [a, , b]}", "2:"),
    ("  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\x0b", "fast.yaml:2:76: YAML: control characters"),
    ("  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09, note: é}\x0b", "fast.yaml:2:85: YAML:"),
])
def test_what_pyyaml_refuses_the_fast_path_refuses(line: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fast.yaml"
    path.write_text("events:\n" + line + "\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and words in err


# --- smaller ---------------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["20200101", "2020-W01-1", "2020-001", "2020-1-1", "２０２０-01-01"])
def test_a_day_asked_must_be_written_yyyy_mm_dd(day: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["status", "FIN", "--treaty", "apmbc", "--on", day])
    assert exc.value.code == 2
    assert "expected a date YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".yaml"])
def test_a_record_date_must_be_written_yyyy_mm_dd(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"week{suffix}"
    text = {
        ".jsonl": json.dumps({"id": "a", **EVENT, "date": "2020-W01-1"}) + "\n",
        ".csv": "id,treaty,state,action,date\na,apmbc,FIN,accession,2020-W01-1\n",
        ".yaml": "events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2020-W01-1}\n",
    }[suffix]
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "field 'date': expected a date YYYY-MM-DD, got the text '2020-W01-1'" in err
    assert "remove the quotes" not in err


def test_a_csv_file_with_a_byte_order_mark_is_read_like_yaml_and_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfid,treaty,state,action,date\na,apmbc,FIN,accession,2012-01-09\n")
    code, out, err = run(capsys, "validate", str(path))
    assert (code, err) == (0, "") and "1 records" in out


def test_a_fifo_is_not_a_regular_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "validate", str(fifo))
    assert code == 2 and f"{fifo}: not a regular file" in err
    (tmp_path / "a.yaml").write_text("events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n")
    code, _, err = run(capsys, "validate", str(tmp_path))  # in a folder: skipped, with a warning
    assert code == 0 and f"warning: {fifo}: not a regular file" in err
