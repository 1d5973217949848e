"""Import a treaty's status table as copied from the UN Treaty Collection (the depositary's page).

Each date in the table becomes the record of the act its column and mark name; what the acts mean
is left to the rules. Nothing is guessed: an unknown name, date, mark or column is a problem naming
the file and line, and every problem is raised together (InputError), like any other bad input.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from checker.countries import ISO_3166_ALPHA3
from checker.errors import InputError, Problem, usage_error
from checker.loader import Document, _read_text, load_dataset
from checker.un_names import NO_CODE, UN_NAMES

# The key printed under the UN's tables: "Acceptance(A), Approval(AA), Accession(a),
# Succession(d)"; a date with no mark is a ratification.
MARKS = {"": "ratification", "A": "acceptance", "AA": "approval", "a": "accession", "d": "succession"}
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
SOURCE = "UN Treaty Collection status table"

_DATE = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})(?: (.+))?")
# Footnote numbers after a name, spaced or glued, plain or superscript: "Denmark 2,3", "Brazil³".
_FOOTNOTES = re.compile(r"[\s,0-9\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+$")
_DECLARED_MARK = re.compile(r"\(([A-Za-z]{1,3})\)$")  # "Provisional application(n)" declares n
# Text that YAML reads as plain text in a flow mapping, and fastyaml reads too: no , : # quotes or brackets.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()/-]*(?<! )")
_RESOLVER = yaml.resolver.Resolver()


def _clean(text: str) -> str:
    """One cell as the page meant it: copied tables carry no-break spaces and curly apostrophes."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


_NAMES = {_clean(n).casefold(): c for c, n in ISO_3166_ALPHA3.items()} | {_clean(n).casefold(): c for n, c in UN_NAMES.items()}
_NO_CODE = {n.casefold() for n in NO_CODE}


@dataclass(frozen=True)
class Column:
    kind: str  # participant, signature, instrument, withdrawal, provisional_application, unknown
    header: str
    mark: str | None = None  # the one mark a further column's dates may carry, as its header declares


def read_table(path: Path | str, treaty: str, succession_dates: Mapping[str, date] | None = None) -> list[dict[str, Any]]:
    """The event records of a status table, validated as a dataset would be; or InputError listing
    every problem. `succession_dates` gives, by ISO code, the date of the succession of States
    that a succession record needs and the table does not give."""
    known = sorted(t.id for t in load_dataset([]).treaties)
    if treaty not in known:
        raise usage_error(f"unknown treaty {treaty!r} (known: {', '.join(known)})")
    path = Path(path)
    file = str(path)
    rows = _rows(_read_text(path).removeprefix("\ufeff"))
    if not rows:
        raise InputError([Problem(file, None, None, "no table: the file holds no rows")])
    columns, problems = _columns(file, rows)
    if columns is None:  # without its columns no row can be read
        raise InputError(problems)
    successions = dict(succession_dates or {})
    records: list[dict[str, Any]] = []
    lines: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = {}
    for line, cells in rows[1:]:
        for record in _row(file, path.name, line, cells, columns, treaty, successions, seen, problems):
            lines[("events", len(records))] = line
            records.append(record)
    used = {r["state"] for r in records if r["action"] == "succession"}
    for state in sorted(set(successions) - used):
        problems.append(Problem(file, None, None, f"--succession-date names {state}, which has no succession (d) in the table"))
    try:  # the same validation as any dataset, located by table line: the output must load
        load_dataset([], documents=[Document(file, {"events": records}, lines)])
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return records


def to_yaml(records: list[dict[str, Any]], origin: str) -> str:
    """A dataset file, one flow mapping a line (the layout checker/fastyaml.py reads quickly)."""
    out = [f"# Imported from {_clean(origin)} ({SOURCE}) by `treaty-check import untc`.", "events:"]
    for record in records:
        out.append("  - {" + ", ".join(f"{key}: {_scalar(value)}" for key, value in record.items()) + "}")
    return "\n".join(out) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str":
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of each non-blank row; a tab in the header line means tab-separated, else CSV."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if "\t" in first:
        return [(n, [_clean(c) for c in line.split("\t")]) for n, line in enumerate(lines, start=1) if line.strip()]
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for cells in reader:
        if any(c.strip() for c in cells):
            rows.append((start, [_clean(c) for c in cells]))
        start = reader.line_num + 1
    return rows


def _columns(file: str, rows: list[tuple[int, list[str]]]) -> tuple[list[Column] | None, list[Problem]]:
    """What each column holds, and the header's problems; None if the header is not a status table's."""
    line, header = rows[0]
    while header and not header[-1]:
        header = header[:-1]  # a copied row may end in a tab
    where = f"line {line}"
    first = [h.replace(" (", "(") for h in header[:3]]
    fits = (len(first) == 3 and first[0].casefold() == "participant" and first[1].casefold().startswith("signature")
            and (first[2].casefold().startswith("ratification") or "Accession(a)" in first[2]))
    if not fits:
        got = ", ".join(repr(h) for h in header[:3]) or "nothing"
        return None, [Problem(file, where, None, "not the header of a UN Treaty Collection status table: expected "
                              "Participant, Signature and the instrument column (Ratification, Acceptance(A), "
                              f"Approval(AA), Accession(a), ...) first; got {got}")]
    columns = [Column("participant", header[0]), Column("signature", header[1]), Column("instrument", header[2])]
    problems = []
    for index, text in enumerate(header[3:], start=3):
        lower = text.casefold()
        kind = ("withdrawal" if "withdrawal" in lower or "denunciation" in lower
                else "provisional_application" if lower.startswith("provisional application") else "unknown")
        declared = _DECLARED_MARK.search(text.replace(" (", "("))
        column = Column(kind, text, declared.group(1) if declared else None)
        filled = [n for n, cells in rows[1:] if index < len(cells) and cells[index]]
        if kind == "unknown" and filled:
            shown = ", ".join(str(n) for n in filled[:5]) + (", ..." if len(filled) > 5 else "")
            problems.append(Problem(file, where, None, f"unknown column {text!r} (filled on lines {shown}): the importer "
                                    "reads Participant, Signature, the instrument column, Withdrawal or Denunciation, "
                                    "and Provisional application; remove the column or enter its records by hand"))
        elif kind != "unknown" and kind in {c.kind for c in columns}:
            problems.append(Problem(file, where, None, f"column {text!r} repeats the {kind.replace('_', ' ')} column"))
            column = Column("unknown", text)
        # An unknown column is read no further: reported above if filled, and if empty in every
        # row it holds nothing to lose. The rows are still read, so that every problem is reported.
        columns.append(column)
    return columns, problems


def _row(file: str, table_name: str, line: int, cells: list[str], columns: list[Column], treaty: str,
         successions: dict[str, date], seen: dict[str, int], problems: list[Problem]) -> list[dict[str, Any]]:
    """The records of one participant's row; its problems are added to `problems`."""
    where = f"line {line}"
    beyond = [c for c in cells[len(columns):] if c]
    if beyond:
        problems.append(Problem(file, where, None, f"a cell beyond the header's {len(columns)} columns: {beyond[0]!r}"))
    cells = cells + [""] * (len(columns) - len(cells))
    name = _FOOTNOTES.sub("", cells[0]) or cells[0]
    state = _state(file, where, name, problems)
    if state is not None and state in seen:
        problems.append(Problem(file, where, "participant", f"{name!r} is {state}, already on line {seen[state]}"))
        state = None
    if state is not None:
        seen[state] = line
    records = []
    for column, cell in zip(columns[1:], cells[1:]):
        if column.kind == "unknown" or not cell:
            continue
        action = _action(file, where, column, cell, problems)
        if action is None or state is None:
            continue
        record: dict[str, Any] = {"id": f"{state.lower()}-{treaty}-{action[0]}", "treaty": treaty, "state": state,
                                  "action": action[0], "date": action[1]}
        if action[0] == "succession":
            if state not in successions:
                problems.append(Problem(file, where, column.kind, f"{name}: a succession (d) needs the date of the "
                                        "succession of States, which the table does not give: pass "
                                        f"--succession-date {state}=YYYY-MM-DD"))
                continue
            record["succession_date"] = successions[state]
        record["source"] = f"{table_name} line {line} ({SOURCE})"
        records.append(record)
    if state is not None and not any(cells[1:]):
        problems.append(Problem(file, where, None, f"{name}: no date in the row"))
    return records


def _state(file: str, where: str, name: str, problems: list[Problem]) -> str | None:
    """The ISO code of a participant's name (footnote numbers removed); None (and a problem) if unknown."""
    code = _NAMES.get(name.casefold())
    if code is not None:
        return code
    if name.casefold() in _NO_CODE:
        problems.append(Problem(file, where, "participant", f"{name!r} has no ISO 3166-1 alpha-3 code: "
                                "declare a code for it under `states:` and enter its records by hand"))
    elif not name:
        problems.append(Problem(file, where, "participant", "no participant name"))
    else:
        problems.append(Problem(file, where, "participant", f"unknown participant {name!r}: neither a UN name "
                                "(checker/un_names.py) nor an ISO 3166-1 name (checker/countries.py)"))
    return None


def _action(file: str, where: str, column: Column, cell: str, problems: list[Problem]) -> tuple[str, date] | None:
    """The act and day a cell records, e.g. "3 Dec 1997 a" in the instrument column: accession."""
    match = _DATE.fullmatch(cell)
    if match is None or match.group(2).casefold() not in MONTHS:
        problems.append(Problem(file, where, column.kind, f"unreadable date {cell!r}: expected day, English "
                                "month of three letters, year, as in 3 Dec 1997"))
        return None
    try:
        day = date(int(match.group(3)), MONTHS[match.group(2).casefold()], int(match.group(1)))
    except ValueError:
        problems.append(Problem(file, where, column.kind, f"unreadable date {cell!r}: no such day"))
        return None
    mark = match.group(4) or ""
    if column.kind == "instrument":
        if mark in MARKS:
            return MARKS[mark], day
        known = "; ".join(f"{m} {a}" for m, a in MARKS.items() if m)
        problems.append(Problem(file, where, column.kind, f"unknown mark {mark!r} in {cell!r} "
                                f"(known: {known}; none: ratification)"))
        return None
    if mark and mark != column.mark:
        takes = f"a date, or a date and {column.mark}" if column.mark else "a date only"
        problems.append(Problem(file, where, column.kind, f"unknown mark {mark!r} in {cell!r} "
                                f"(the {column.header!r} column takes {takes})"))
        return None
    return column.kind, day
