"""Reading datasets: YAML files to validated models, every problem collected and located.

A dataset is any number of files, or folders of them. A YAML file (`.yaml`, `.yml`) is a mapping
with any of the lists `treaties`, `events`, `conflicts`, `states`; a JSON Lines file (`.jsonl`)
holds one record a line, with `"kind"`; a CSV file (`.csv`) is a simple table of events. All go
through the same validation. The shipped treaty definitions are always loaded first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

import csv
import errno
import io
import json
import os
import re
import stat

import yaml
from pydantic import BaseModel, ValidationError

from checker import fastyaml, limits, paths, progress
from checker.calendar import apply_period, parse_date
from checker.codes import CODES
from checker.countries import ISO_3166_ALPHA3
from checker.engine import rule_constants
from checker.errors import MAX_ECHO, InputError, Problem, echo, warn
from checker.models import (
    PROPOSED_ID,
    Conflict,
    Dataset,
    Event,
    Membership,
    SourceKind,
    StateDeclaration,
    Treaty,
    conflict_field_problems,
    event_field_problems,
)

LISTS: dict[str, type[BaseModel]] = {
    "treaties": Treaty,
    "events": Event,
    "conflicts": Conflict,
    "states": StateDeclaration,
    "membership": Membership,
    "source_kinds": SourceKind,
}
YAML_SUFFIXES = (".yaml", ".yml")
DATASET_SUFFIXES = (*YAML_SUFFIXES, ".jsonl", ".csv")

# Limits that keep a hostile or mistaken input from eating the machine; each has a clear message.
# TREATY_CHECK_MAX_FILE_MB and TREATY_CHECK_MAX_RECORDS raise them for very large datasets.
MAX_FILE_BYTES = int(limits.from_env("TREATY_CHECK_MAX_FILE_MB", 32) * 1024 * 1024)
MAX_RECORDS = int(limits.from_env("TREATY_CHECK_MAX_RECORDS", 1_000_000, whole=True))

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader, minus the silent parts: no aliases or merge keys, no duplicate or
    unhashable keys, and a date that does not exist (2025-02-30) stays text for validation to report."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # Each node is constructed once; a node met again is an alias (*name) of an anchor.
        seen = self.__dict__.setdefault("_seen_nodes", set())
        if id(node) in seen:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (&, *) are not accepted in datasets", node.start_mark
            )
        seen.add(id(node))
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not accepted in datasets", key_node.start_mark
                )
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict, set)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value, not a list or mapping", key_node.start_mark
                )
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _construct_int(loader: Any, node: Any) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # Python refuses to convert more than 4300 digits (a quadratic cost)
        raise yaml.constructor.ConstructorError(None, None, "a number with too many digits", node.start_mark) from None


def _construct_timestamp(loader: Any, node: Any) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):  # AttributeError: `!!timestamp` on text of another form
        return loader.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


@dataclass(frozen=True)
class Document:
    """One parsed file (or an in-memory mapping standing in for one, in tests and `check`)."""

    name: str
    content: Any
    lines: dict[str, list[int]] | None = None  # list -> each item's line, for line-based formats


class Budget:
    """The records a dataset may still hold. Every reader takes from it record by record, so that
    an oversized dataset is refused while it is read, before it is built (a 31 MB file of `{}`
    items would otherwise cost minutes and gigabytes before the count)."""

    def __init__(self, records: int | None = None) -> None:
        self.left = MAX_RECORDS if records is None else records

    def take(self, where: str, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            self.refuse(where)

    def refuse(self, where: str) -> NoReturn:
        self.left = -1
        raise InputError([Problem(where, None, None, f"the dataset holds more than {MAX_RECORDS} records, the limit; "
                                  "reading stopped here (set TREATY_CHECK_MAX_RECORDS to raise it)")])


def read_document(path: Path, budget: Budget | None = None) -> Document:
    """A dataset file of any accepted format, as the same mapping of lists."""
    budget = budget if budget is not None else Budget()
    if path.suffix == ".jsonl":
        return read_jsonl(path, budget)
    if path.suffix == ".csv":
        return read_csv(path, budget)
    return read_yaml(path, budget)


def _read_at_most(file: Any, limit: int) -> bytes:
    """Up to `limit` bytes, read in pieces (one read of a huge limit would allocate it all first)."""
    chunks, total = [], 0
    while total < limit:
        chunk = file.read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _read_text(path: Path) -> str:
    """A regular file's text, within the size limit; a leading UTF-8 BOM is dropped, and line ends
    are kept as written (each format splits its lines its own way)."""
    try:
        # Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError([Problem(str(path), None, None, "not a regular file (a FIFO, device or socket)")])
            data = _read_at_most(file, MAX_FILE_BYTES + 1)  # +1: a file past the limit, however it grew
    except OSError as exc:
        raise InputError([Problem(str(path), None, None, f"cannot read: {exc.strerror}")]) from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES / 1024 / 1024
        raise InputError([Problem(str(path), None, None, f"file is {max(info.st_size, len(data)) / 1024 / 1024:.1f} MB; the limit is {limit:g} MB (set TREATY_CHECK_MAX_FILE_MB to raise it)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError([Problem(f"{path}:{line}", None, None, f"not UTF-8 text (byte {data[exc.start]:#04x})")]) from None


# JSON and CSV have no date type: these fields carry ISO dates (YYYY-MM-DD) as text.
DATE_FIELDS = frozenset({
    "date", "entry_into_force", "effective", "succession_date", "new_deadline", "start", "end",
    "adopted", "opens", "closes", "threshold_deposit", "stated_date",
})
KINDS = {"event": "events", "conflict": "conflicts", "state": "states", "treaty": "treaties"}


def _iso_dates(value: Any, key: str | None = None) -> Any:
    """ISO date text under a date field becomes a date; anything else is left for validation."""
    if isinstance(value, dict):
        return {k: _iso_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso_dates(v, key) for v in value]
    if key in DATE_FIELDS and isinstance(value, str):
        day = parse_date(value)
        return value if day is None else day
    return value


class _DuplicateKey(Exception):
    pass


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are unique: json.loads would keep the last of two silently."""
    record: dict[str, Any] = {}
    for key, value in pairs:
        if key in record:
            raise _DuplicateKey(key)
        record[key] = value
    return record


def read_jsonl(path: Path, budget: Budget | None = None) -> Document:
    """JSON Lines: one record a line, `"kind"` one of event (the default), conflict, state, treaty."""
    budget = budget if budget is not None else Budget()
    content: dict[str, list[Any]] = {}
    lines: dict[str, list[int]] = {}
    problems = []
    # Lines end at "\n" only: U+2028, U+0085 and the like may stand inside a JSON string.
    for number, line in enumerate(fastyaml.lines(_read_text(path)), start=1):
        if not line.strip(" \t\r"):  # JSON's own white space
            continue
        budget.take(f"{path}:{number}")
        try:
            record = json.loads(line, object_pairs_hook=_json_object)
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{path}:{number}:{exc.colno}", None, None, f"JSON syntax: {exc.msg}"))
            continue
        except _DuplicateKey as exc:
            problems.append(Problem(f"{path}:{number}", None, str(exc.args[0])[:MAX_ECHO], "duplicate key (JSON would keep only the last value)"))
            continue
        except ValueError:  # Python refuses to convert more than 4300 digits (a quadratic cost)
            problems.append(Problem(f"{path}:{number}", None, None, "a number with too many digits"))
            continue
        except RecursionError:
            problems.append(Problem(f"{path}:{number}", None, None, "JSON nesting is too deep"))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(f"{path}:{number}", None, None, f"expected a JSON object, got {_describe(record)}"))
            continue
        kind = record.pop("kind", "event")
        if not isinstance(kind, str) or kind not in KINDS:
            problems.append(Problem(f"{path}:{number}", None, "kind", f"expected one of {', '.join(KINDS)}, got {_describe(kind)}"))
            continue
        try:
            record = _iso_dates(record)
        except RecursionError:  # json.loads stops at the interpreter's bound, less the stack in use
            problems.append(Problem(f"{path}:{number}", None, None, "JSON nesting is too deep"))
            continue
        content.setdefault(KINDS[kind], []).append(record)
        lines.setdefault(KINDS[kind], []).append(number)
    if problems:
        raise InputError(problems)
    return Document(str(path), content, lines)


CSV_INTEGERS = frozenset({"quantity", "year", "retained"})


def _digits(cell: str) -> bool:
    """ASCII digits Python will convert (str.isdigit() is true of '²' too); others stay text, for
    validation to report."""
    return cell.isascii() and cell.isdigit() and len(cell) <= 4300


def read_csv(path: Path, budget: Budget | None = None) -> Document:
    """A simple table of events: a header row of event fields; an empty cell is an absent field.
    Strict: a quote left open or a column named twice is an error, not rows run together or a
    column overwritten."""
    budget = budget if budget is not None else Budget()
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError([Problem(f"{path}:1", None, None, f"CSV syntax: {exc}")]) from None
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(f"{path}:1", None, name, "column named twice in the header"))
        seen.add(name)
    if problems:
        raise InputError(problems)
    events: list[Any] = []
    lines: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            unclosed = "unexpected end of data" in str(exc)
            problems.append(Problem(f"{path}:{start}", None, None, "CSV syntax: a quoted cell opened on this line is never closed"
                                    if unclosed else f"CSV syntax: {exc}"))
            continue
        budget.take(f"{path}:{start}")
        record: dict[str, Any] = {}
        for key, cell in row.items():
            if key is None:
                record["(extra cells)"] = cell
            elif cell not in ("", None):
                day = parse_date(cell) if key in DATE_FIELDS else None
                if day is not None:
                    record[key] = day
                elif key in CSV_INTEGERS and _digits(cell):
                    record[key] = int(cell)
                elif key == "inferred" and cell in ("true", "false"):
                    record[key] = cell == "true"
                else:
                    record[key] = cell
        lines.append(start)
        events.append(record)
    if problems:
        raise InputError(problems)
    return Document(str(path), {"events": events}, {"events": lines})


def read_yaml(path: Path, budget: Budget | None = None) -> Document:
    budget = budget if budget is not None else Budget()
    text = _read_text(path)
    try:
        fast = fastyaml.parse(text, budget.left)  # one flow mapping a line: same values, several times faster
    except fastyaml.TooManyItems as exc:
        budget.refuse(f"{path}:{exc.line}")
    if fast is not None:
        budget.take(str(path), _records(fast))
        return Document(str(path), fast)
    if len(text) // 2 + 1 > budget.left:  # an item takes two characters at least (`-` and a line end)
        over = _items_past(text, budget.left)
        if over is not None:
            budget.refuse(f"{path}:{over}")
    try:
        content = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        message = " ".join(filter(None, [exc.context, exc.problem]))
        kind = "YAML" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax"
        raise InputError([Problem(where, None, None, f"{kind}: {message}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: placed by its line and column
        # libyaml counts the position in bytes of UTF-8, PyYAML's own reader in characters
        if _BaseLoader is yaml.SafeLoader:
            before = text[:exc.position]
        else:
            before = text.encode("utf-8")[:exc.position].decode("utf-8", "replace")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError([Problem(f"{path}:{line}:{column}", None, None,
                                  f"YAML: {exc.reason}: {ascii(character)}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(str(path), None, None, f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(str(path), None, None, "YAML nesting is too deep")]) from None
    budget.take(str(path), _records(content))
    return Document(str(path), content)


def _items_past(text: str, limit: int) -> int | None:
    """The line at which the items of a YAML file's top-level lists pass `limit`, counted from the
    parser's events without building a value; None if they stay within it, or if the text does not
    parse (the load that follows says where)."""
    loader = _BaseLoader(text)
    sequence: list[bool] = []  # for each open collection: is it a list
    count = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.NodeEvent):
                if len(sequence) == 2 and not sequence[0] and sequence[1]:
                    count += 1
                    if count > limit:
                        return int(event.start_mark.line) + 1
                if isinstance(event, yaml.CollectionStartEvent):
                    sequence.append(isinstance(event, yaml.SequenceStartEvent))
            elif isinstance(event, yaml.CollectionEndEvent):
                sequence.pop()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _records(content: Any) -> int:
    """The records a parsed file holds, as the limit counts them: the items of its top-level lists."""
    if not isinstance(content, dict):
        return 0
    return sum(len(items) for items in content.values() if isinstance(items, list))


def dataset_files(targets: Iterable[Path], limit: bool = True) -> tuple[list[Path], list[Problem]]:
    """The dataset files named, or found (recursively, sorted) under the given folders; a dataset
    larger in all than TREATY_CHECK_MAX_DATASET_MB is refused before any of it is read (`limit`:
    False for the shipped definitions, which are no part of the user's dataset)."""
    targets = list(targets)
    files: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        if target.is_dir():
            found = _folder_files(target, problems)
            if not found:
                problems.append(Problem(str(target), None, None, "folder holds no dataset files (.yaml, .yml, .jsonl, .csv)"))
            files.extend(found)
        elif target.is_file():
            files.append(target)
        elif target.exists():
            problems.append(Problem(str(target), None, None, "not a regular file (a FIFO, device or socket)"))
        elif target.is_symlink():
            problems.append(Problem(str(target), None, None, "a broken or looping symbolic link"))
        else:
            problems.append(Problem(str(target), None, None, "no such file or folder"))
    if limit:
        _check_size(files, targets, problems)
    return files, problems


def _check_size(files: list[Path], targets: list[Path], problems: list[Problem]) -> None:
    """Refuse at once a dataset over its limit: reading it would cost what the limit guards."""
    limit = _max_dataset_bytes()
    sizes: dict[Path, int] = {}
    for file in files:
        try:
            sizes[file.resolve()] = file.stat().st_size
        except OSError:
            pass  # reading it says why
    if sum(sizes.values()) > limit:
        where = ", ".join(str(t) for t in targets)
        raise InputError([*problems, Problem(
            where, None, None, f"the dataset's {len(sizes)} files hold {sum(sizes.values()) / 1024 / 1024:.3g} MB; "
            f"the limit is {limit / 1024 / 1024:.3g} MB (set TREATY_CHECK_MAX_DATASET_MB to raise it)")])


def _max_dataset_bytes() -> int:
    """TREATY_CHECK_MAX_DATASET_MB (default 64) in bytes; anything but a positive number is refused."""
    return int(limits.from_env("TREATY_CHECK_MAX_DATASET_MB", 64) * 1024 * 1024)


def _folder_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The dataset files under a folder, sorted. A subfolder that cannot be read is a problem: its
    records would be missing without a word. A broken or looping link, a link to a folder (not
    followed) and a dataset-named file that is not a regular file are skipped, with a warning."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or folder), None, None, f"cannot read folder: {exc.strerror}"))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders.sort()  # the walk's order, and so the warnings', is the same on every run
        for name in folders:
            if (Path(root) / name).is_symlink():
                warn(f"{Path(root) / name}: a symbolic link to a folder, not followed (name its target to read it)")
        for name in sorted(names):
            path = Path(root) / name
            if path.is_symlink() and not path.exists():
                try:
                    path.stat()
                except OSError as exc:
                    kind = "looping" if exc.errno == errno.ELOOP else "broken"
                    warn(f"{path}: a {kind} symbolic link, skipped")
            elif path.suffix in DATASET_SUFFIXES:
                if path.is_file():
                    found.append(path)
                else:
                    warn(f"{path}: not a regular file (a FIFO, device or socket), skipped")
    return sorted(found)


_SHIPPED: dict[tuple[str, int, int], Document] = {}


def read_shipped(path: Path) -> Document:
    """A shipped treaty definition, parsed once per process while its file is unchanged: an API user
    or a test suite builds many checkers over the same definitions (nothing changes a parsed document)."""
    info = path.stat()
    key = (str(path.resolve()), info.st_mtime_ns, info.st_size)
    if key not in _SHIPPED:
        _SHIPPED[key] = read_yaml(path)
    return _SHIPPED[key]


def load_dataset(targets: Sequence[Path | str] | None = None, documents: Sequence[Document] = ()) -> Dataset:
    """Load the shipped treaties, then the dataset at `targets` (default: the bundled facts)."""
    shipped, _ = dataset_files([paths.treaties_dir()], limit=False)
    named, problems = dataset_files(
        [Path(t) for t in targets] if targets is not None else [paths.facts_dir()]
    )
    seen: set[Path] = set()
    files: list[Path] = []
    for file in [*shipped, *named]:
        resolved = file.resolve()
        if resolved not in seen:  # the bundled facts include the shipped treaties: read once
            seen.add(resolved)
            files.append(file)
    docs: list[Document] = []
    budget = Budget()
    for number, file in enumerate(files, start=1):
        progress.note(f"reading {file.name} ({number} of {len(files)} files)")
        try:
            if file in shipped:
                docs.append(read_shipped(file))
                budget.take(str(file), _records(docs[-1].content))
            else:
                docs.append(read_document(file, budget))
        except InputError as exc:
            problems.extend(exc.problems)
            if budget.left < 0:  # past the record limit: reading on would only build what is refused
                raise InputError(problems) from None
    progress.note("validating records")
    return build_dataset([*docs, *documents], problems)


def build_dataset(documents: Sequence[Document], problems: list[Problem] | None = None) -> Dataset:
    """Validate parsed documents into one Dataset, or raise InputError listing every problem."""
    problems = list(problems or [])
    collected: dict[str, list[tuple[str, str, Any]]] = {key: [] for key in LISTS}
    total = sum(_records(doc.content) for doc in documents)
    if total > MAX_RECORDS:
        raise InputError([*problems, Problem(documents[-1].name if documents else "dataset", None, None,
                          f"{total} records; the limit is {MAX_RECORDS} (set TREATY_CHECK_MAX_RECORDS to raise it)")])
    for doc in documents:
        if doc.content is None:
            continue
        if not isinstance(doc.content, dict):
            problems.append(Problem(doc.name, None, None, "expected a mapping with lists: " + ", ".join(LISTS)))
            continue
        for key, items in doc.content.items():
            if key not in LISTS:
                problems.append(Problem(doc.name, None, str(key), "unknown list; expected one of: " + ", ".join(LISTS)))
            elif not isinstance(items, list):
                problems.append(Problem(doc.name, key, None, "expected a list of records"))
            else:
                for index, item in enumerate(items):
                    label = _record_label(key, index, item, doc.lines)
                    model = _validate(LISTS[key], item, doc.name, label, problems)
                    if model is not None:
                        collected[key].append((doc.name, label, model))
    # The checkout's own facts/ holds the shipped definitions again: an identical definition is the
    # same treaty, read once; a different one under the same id is refused (_cross_check).
    first: dict[str, Treaty] = {}
    unique = []
    for entry in collected["treaties"]:
        if entry[2].id in first and first[entry[2].id] == entry[2]:
            continue
        first.setdefault(entry[2].id, entry[2])
        unique.append(entry)
    collected["treaties"] = unique
    _cross_check(collected, problems)
    if problems:
        raise InputError(problems)
    return Dataset(
        treaties=tuple(m for _, _, m in collected["treaties"]),
        events=tuple(m for _, _, m in collected["events"]),
        conflicts=tuple(m for _, _, m in collected["conflicts"]),
        states=tuple(m for _, _, m in collected["states"]),
        files=tuple(doc.name for doc in documents),
        membership=tuple(m for _, _, m in collected["membership"]),
        source_kinds=tuple(m for _, _, m in collected["source_kinds"]),
    )


def _record_label(key: str, index: int, item: Any, lines: dict[str, list[int]] | None = None) -> str:
    ident = item.get("id", item.get("code")) if isinstance(item, dict) else None
    where = f"line {lines[key][index]}" if lines and index < len(lines.get(key, ())) else f"{key}[{index}]"
    if not isinstance(ident, str):
        return where
    ident = ident if len(ident) <= MAX_ECHO else f"{ident[:MAX_ECHO]}…({len(ident)} characters)"
    return f"{where} ({ident if ident.isprintable() else ascii(ident)})"  # no raw control bytes in messages


def _validate(model: type[BaseModel], item: Any, file: str, label: str, problems: list[Problem]) -> Any:
    if not isinstance(item, dict):
        problems.append(Problem(file, label, None, f"expected a mapping, got {_describe(item)}"))
        return None
    try:
        record = model.model_validate(item)
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or None
            where = _clause_words(item, field) if model is Treaty else ""
            problems.append(Problem(file, label, field, _explain(error) + where))
        return None
    extra: list[tuple[str, str]] = []
    if isinstance(record, Event):
        extra = event_field_problems(record)
    elif isinstance(record, Conflict):
        extra = conflict_field_problems(record)
    for field, message in extra:
        problems.append(Problem(file, label, field, message))
    return None if extra else record


def _clause_words(treaty: Any, field: str | None) -> str:
    """Which clause of a treaty definition a field belongs to, with its article where given:
    " [withdrawal clause, Art. 24]"."""
    parts = (field or "").split(".")
    if not parts[0] or not isinstance(treaty, dict) or parts[0] not in CLAUSE_SECTIONS:
        return ""
    clause = treaty.get(parts[0])
    name = parts[0].replace("_", " ")
    if parts[0] == "deadlines" and len(parts) > 1 and parts[1].isdigit() and isinstance(clause, list):
        index = int(parts[1])
        clause = clause[index] if index < len(clause) else None
        name = f"deadline {clause.get('id', index) if isinstance(clause, dict) else index}"
    article = clause.get("article") if isinstance(clause, dict) else None
    return f" [{name} clause, {article}]" if isinstance(article, str) else f" [{name} clause]"


# The sections of a treaty definition that are clauses (each with its article and text).
CLAUSE_SECTIONS = frozenset({
    "signature", "consent", "entry_into_force", "withdrawal", "provisional_application", "reservations",
    "suspension", "obligations", "exceptions", "deadlines", "annual_report",
})


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and value.bit_length() > 14_000:  # Python prints no more than 4300 digits
        return f"a number of {value.bit_length()} binary digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text {echo(value)}"
    if value is None:
        return "nothing (null)"
    return f"a {type(value).__name__}"


def _explain(error: Any) -> str:
    """Turn a pydantic error into what a data curator needs to read."""
    kind, value = error["type"], error.get("input")
    got = _describe(value)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool):
            hint = " (YAML reads unquoted yes/no/on/off/NO as booleans: quote the value)"
        elif isinstance(value, (int, float)):
            hint = " (YAML reads unquoted digits as a number: quote the value)"
        return f"expected text, got {got}{hint}"
    if kind == "date_type":
        if isinstance(value, str) and parse_date(value) is not None:
            return f"expected a date, got {got}: remove the quotes"
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return f"expected a real calendar date YYYY-MM-DD, got {got}"
        return f"expected a date YYYY-MM-DD, got {got}"
    if kind == "literal_error":
        return f"expected {error['msg'].removeprefix('Input should be ')}, got {got}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern.startswith("^[^\\x00"):
            return f"{got} contains a control character (only printable text{', newlines and tabs' if 'x08' in pattern else ''} allowed)"
        return f"{got} does not have the expected form {pattern}"
    if kind in ("bool_type", "int_type", "tuple_type", "list_type", "dict_type", "model_type"):
        expected = {"bool_type": "true or false", "int_type": "a whole number", "tuple_type": "a list",
                    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"expected {expected}, got {got}"
    return f"{error['msg'].replace('Input should be', 'must be')}; got {got}"


def _cross_check(collected: dict[str, list[tuple[str, str, Any]]], problems: list[Problem]) -> None:
    """Checks across records: unique ids, known treaties and their deadlines, known or declared states."""
    treaty_ids: dict[str, str] = {}
    deadline_ids: dict[str, list[str]] = {}
    for file, label, treaty in collected["treaties"]:
        if treaty.id in treaty_ids:
            problems.append(Problem(file, label, "id", f"treaty {treaty.id!r} is already defined in {treaty_ids[treaty.id]}"))
        else:
            treaty_ids[treaty.id] = file
            deadline_ids[treaty.id] = sorted(d.id for d in treaty.deadlines)
        found: list[Problem] = []
        _check_treaty(treaty, file, label, found)
        raw = treaty.model_dump(mode="json")
        problems.extend(Problem(p.file, p.record, p.field, p.message + _clause_words(raw, p.field)) for p in found)

    declared: dict[str, str] = {}
    for file, label, state in collected["states"]:
        if state.code in ISO_3166_ALPHA3:
            problems.append(Problem(file, label, "code", f"{state.code} is already an ISO 3166-1 code ({ISO_3166_ALPHA3[state.code]}); do not declare it"))
        elif state.code in declared:
            problems.append(Problem(file, label, "code", f"{state.code} is declared twice (also in {declared[state.code]})"))
        else:
            declared[state.code] = file

    def check_state(code: str | None, file: str, label: str, field: str) -> None:
        if code is not None and code not in ISO_3166_ALPHA3 and code not in declared:
            problems.append(Problem(file, label, field, f"unknown state {code!r}: not an ISO 3166-1 alpha-3 code and not declared under `states:`"))

    ids: dict[str, str] = {}
    for key in ("events", "conflicts"):
        for file, label, record in collected[key]:
            if record.id == PROPOSED_ID:
                problems.append(Problem(file, label, "id", f"{PROPOSED_ID!r} is reserved for the action under `check`"))
            elif record.id in ids:
                problems.append(Problem(file, label, "id", f"duplicate id {record.id!r} (first used in {ids[record.id]})"))
            else:
                ids[record.id] = f"{file} {label}"
    for file, label, membership in collected["membership"]:
        if membership.id in ids:
            problems.append(Problem(file, label, "id", f"duplicate id {membership.id!r} (first used in {ids[membership.id]})"))
        ids[membership.id] = f"{file} {label}"
        if membership.treaty not in treaty_ids:
            problems.append(Problem(file, label, "treaty", f"unknown treaty {membership.treaty!r}"))
        for index, missing in enumerate(membership.missing):
            check_state(missing.state, file, label, f"missing.{index}.state")
    domains: dict[str, str] = {}
    for file, label, kind in collected["source_kinds"]:
        if kind.domain in domains:
            problems.append(Problem(file, label, "domain", f"{kind.domain} is already listed (in {domains[kind.domain]})"))
        domains[kind.domain] = f"{file} {label}"
    for file, label, event in collected["events"]:
        if event.treaty not in treaty_ids:
            known = ", ".join(sorted(treaty_ids)) or "none"
            problems.append(Problem(file, label, "treaty", f"unknown treaty {event.treaty!r} (known: {known})"))
        elif event.obligation is not None and event.obligation not in deadline_ids[event.treaty]:
            known = ", ".join(deadline_ids[event.treaty]) or "none"
            problems.append(Problem(file, label, "obligation", f"{event.treaty} has no deadline {event.obligation!r} (its deadlines: {known})"))
        check_state(event.state, file, label, "state")
        check_state(event.counterparty, file, label, "counterparty")
    for file, label, conflict in collected["conflicts"]:
        for index, code in enumerate(conflict.states):
            check_state(code, file, label, f"states.{index}")


def _check_deadline_code(code: str, file: str, label: str, field: str, problems: list[Problem]) -> None:
    """A deadline's finding code: one in the registry that no rule reports of its own (a code the
    rules emit by name, such as prohibited_activity, has another message and other details)."""
    constants = rule_constants()
    fitting = ", ".join(sorted(c for c in CODES if c not in constants))
    if code not in CODES:
        problems.append(Problem(file, label, field, f"unknown finding code {code!r} (see `treaty-check codes`; for a deadline: {fitting})"))
    elif code in constants:
        problems.append(Problem(file, label, field, f"{code!r} is a finding the rules report of their own, not one for a "
                                                    f"deadline (for a deadline: {fitting})"))


def _check_treaty(treaty: Treaty, file: str, label: str, problems: list[Problem]) -> None:
    eif = treaty.entry_into_force
    if eif.stated_date is not None:
        if eif.threshold_deposit is None:
            problems.append(Problem(file, label, "entry_into_force.threshold_deposit", "needed to check stated_date"))
        else:
            computed = apply_period(eif.threshold_deposit, eif.general.total_months, eif.general.days, eif.general.align)
            if eif.not_before is not None:
                computed = max(computed, eif.not_before)
            if computed != eif.stated_date:
                problems.append(Problem(
                    file, label, "entry_into_force.stated_date",
                    f"{eif.stated_date} differs from {computed}, computed from threshold_deposit and `general`",
                ))
    # Ids and codes travel into the rules as constants: one the rules use already would be read as it.
    constants = rule_constants()
    if treaty.id in constants:
        problems.append(Problem(file, label, "id", f"{treaty.id!r} is a name the rules use (rules/*.lp); choose another id"))
    report = treaty.annual_report
    if report is not None:
        _check_deadline_code(report.code, file, label, "annual_report.code", problems)
    deadline_ids = sorted(d.id for d in treaty.deadlines)
    if report is not None and report.first_after is not None and report.first_after not in deadline_ids:
        problems.append(Problem(file, label, "annual_report.first_after",
                                f"no deadline {report.first_after!r} (its deadlines: {', '.join(deadline_ids) or 'none'})"))
    for index, deadline in enumerate(treaty.deadlines):
        if deadline.id in constants:
            problems.append(Problem(file, label, f"deadlines.{index}.id",
                                    f"{deadline.id!r} is a name the rules use (rules/*.lp); choose another id"))
        _check_deadline_code(deadline.code, file, label, f"deadlines.{index}.code", problems)
        if deadline.extension_max is not None and not deadline.extendable:
            problems.append(Problem(file, label, f"deadlines.{index}.extension_max", "given for a deadline that is not extendable"))
    opens, closes, last_day = treaty.signature.opens, treaty.signature.closes, treaty.signature.last_day
    if isinstance(closes, date) and closes <= opens:
        problems.append(Problem(file, label, "signature.closes", f"{closes} is not after signature.opens ({opens})"))
    if last_day is not None and closes is not None:
        problems.append(Problem(file, label, "signature.last_day", "give either closes (the first day closed) or last_day (the last day open), not both"))
    if last_day is not None and last_day < opens:
        problems.append(Problem(file, label, "signature.last_day", f"{last_day} is before signature.opens ({opens})"))
    if eif.instruments_required is None and not eif.required_states:
        problems.append(Problem(file, label, "entry_into_force.instruments_required", "needed where no required_states are given"))
    if len(set(eif.required_states)) != len(eif.required_states):
        problems.append(Problem(file, label, "entry_into_force.required_states", "lists a state twice"))
    w = treaty.withdrawal
    conflict_fields = {"armed_conflict_effect": "defers_effect", "armed_conflict_until": "end_of_that_conflict",
                       "armed_conflict_includes_occupation": False}
    for name, default in conflict_fields.items():
        if not w.armed_conflict_defers and getattr(w, name) != default:
            problems.append(Problem(file, label, f"withdrawal.{name}", "given for a treaty whose armed_conflict_defers is false"))
    if eif.threshold_deposit is not None and eif.threshold_deposit < opens:
        problems.append(Problem(
            file, label, "entry_into_force.threshold_deposit",
            f"{eif.threshold_deposit} is before signature.opens ({opens}): no instrument can come before the opening",
        ))
    # Each action in one list: the rules read `signatories` as "signatories only" (rules/consent.lp).
    lists = {"signatories": treaty.consent.signatories, "non_signatories": treaty.consent.non_signatories,
             "any_state": treaty.consent.any_state}
    for action in sorted({a for actions in lists.values() for a in actions}):
        where = [name for name, actions in lists.items() if action in actions]
        if len(where) > 1:
            problems.append(Problem(
                file, label, "consent", f"{action} listed under {' and '.join(where)}: list it once "
                "(under any_state if every state may use it)",
            ))
