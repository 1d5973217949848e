"""Fuzzing the command line: random bytes, and random mutations of valid files in every format
(YAML, JSON Lines, CSV, a treaty definition), fed to `validate` and `audit` in-process.

Every outcome must be exit 0, 1 or 2, with no traceback and no "internal error" (exit 3 is for
bugs), and an output bounded by the input's size. The run is seeded, so a failure reproduces; the
failing inputs are saved with `--save DIR`. tests/test_fuzz.py runs a few of the same inputs in
every test run.

    PYTHONPATH=. python tools/fuzz.py [--count 10000] [--seed 0] [--save DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Valid files, one or more per format: the mutations start from them.
SEEDS: dict[str, list[bytes]] = {
    ".yaml": [
        (ROOT / "tests" / "data" / "norway.yaml").read_bytes(),
        b"""events:
  - id: fin-acc
    treaty: apmbc
    state: FIN
    action: accession
    date: 2012-01-09
    source: https://example.org/fin
  - id: fin-wd
    treaty: apmbc
    state: FIN
    action: withdrawal
    date: 2025-07-10
    note: "a note, quoted"
  - {id: ukr-acc, treaty: apmbc, state: UKR, action: accession, date: 2005-12-27}
  - {id: ukr-sus, treaty: apmbc, state: UKR, action: suspension, date: 2025-07-18}
  - {id: ukr-use, treaty: apmbc, state: UKR, action: use, date: 2025-08-01, quantity: 12}
  - {id: ukr-rep, treaty: apmbc, state: UKR, action: annual_report_submitted, date: 2021-04-30, year: 2020, retained: 3}
conflicts:
  - {id: rus-ukr, name: Russia-Ukraine war, states: [RUS, UKR], start: 2014-02-20, end: null}
states:
  - {code: XXA, name: A declared entity}
""",
        # a treaty definition of its own: mutations reach the treaty validation
        (ROOT / "facts" / "treaties" / "apmbc.yaml").read_bytes().replace(b"id: apmbc", b"id: xt", 1)
        + b"events:\n  - {id: x1, treaty: xt, state: FIN, action: accession, date: 2012-01-09}\n",
    ],
    ".jsonl": [
        b'{"id": "fin-acc", "treaty": "apmbc", "state": "FIN", "action": "accession", "date": "2012-01-09"}\n'
        b'{"kind": "event", "id": "fin-wd", "treaty": "apmbc", "state": "FIN", "action": "withdrawal", "date": "2025-07-10"}\n'
        b'{"id": "ukr-acc", "treaty": "apmbc", "state": "UKR", "action": "accession", "date": "2005-12-27"}\n'
        b'{"id": "ukr-sus", "treaty": "apmbc", "state": "UKR", "action": "suspension", "date": "2025-07-18"}\n'
        b'{"id": "ukr-use", "treaty": "apmbc", "state": "UKR", "action": "use", "date": "2025-08-01", "quantity": 12}\n'
        b'{"kind": "conflict", "id": "c1", "name": "A war", "states": ["RUS", "UKR"], "start": "2014-02-20", "end": null}\n'
        b'{"kind": "state", "code": "XXA", "name": "A declared entity"}\n',
    ],
    ".csv": [
        b"id,treaty,state,action,date,quantity,year,note\n"
        b"fin-acc,apmbc,FIN,accession,2012-01-09,,,\n"
        b"fin-wd,apmbc,FIN,withdrawal,2025-07-10,,,\"a note, with a comma\"\n"
        b"ukr-acc,apmbc,UKR,accession,2005-12-27,,,\n"
        b"ukr-use,apmbc,UKR,use,2025-08-01,12,,\n"
        b"ukr-rep,apmbc,UKR,annual_report_submitted,2021-04-30,,2020,\n",
    ],
}

# Pieces that have broken parsers before, or sit on a boundary of the schema.
TOKENS: list[bytes] = [s.encode("utf-8", "surrogatepass") for s in [
    "9" * 5000, "1e999", "-1", "0", "2147483648", "NaN", ".inf", "~", "null", "true", "NO", "[]", "{}", "[a, , b]",
    '"\\ud800"', "\u2028", "\x0b", "\x85", "\ufeff", "\u00a0", "&a", "*a", "<<: *a", "!!binary", "!!python/object:os.system",
    "%YAML 1.1\n---\n", "---\n", "...\n", "? ", "|\n", ">-\n", "#", '"', "'", "\t", "\r", "\r\n", "\x00", "é", "²",
    "none", "signature", "party", "<proposed>", "2999-12-31", "9999-12-31", "1800-01-01", "0001-01-01", "2020-02-30",
    "20200101", "2020-W01-1", "2012-01-09T10:00:00", "FIN", "XXA", "apmbc", "ccm", "withdrawal", "suspension",
    "extension_granted", '"kind": "treaty"', '"kind": ["event"]', "[" * 100 + "]" * 100, '{"a":' * 200,
    "a" * 30_000, "x" * 140_000, "\n" * 3, ",,,,", "\\", "\\u0000",
]] + [b"\xff\xfe", b"\xc3", b"\xed\xa0\x80"]


# Values a record may carry, by kind: swapped for another of the same kind they keep a file valid
# more often than not, and so reach the rules rather than the parser.
WORDS: list[list[bytes]] = [[w.encode() for w in group.split()] for group in [
    "accession ratification signature withdrawal suspension use production transfer stockpiling reservation "
    "withdrawal_revocation acceptance approval unsigning suspension_notification retention",
    "FIN UKR RUS NOR POL EST XXA YUG",
    "apmbc ccm npt att rome xt",
    "2012-01-09 2025-07-10 1997-12-03 1999-03-01 2026-01-01 2999-12-31 1800-01-01 2014-02-20 2005-12-27",
]]
_KIND = {word: group for group in WORDS for word in group}
_WORD = re.compile(rb"[A-Za-z0-9_-]+")


def mutate(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """One to four random edits of `data`: bytes flipped, inserted, deleted or repeated, a token
    put in, a line repeated, the end cut off, a piece of another seed spliced in, or a value
    swapped for another a record may carry."""
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        at = rng.randint(0, len(data))
        end = min(len(data), at + rng.randint(1, 64))
        kind = rng.randrange(12)
        if kind >= 9:
            words = [m for m in _WORD.finditer(data) if m.group() in _KIND]
            if words:
                word = rng.choice(words)
                data = data[:word.start()] + rng.choice(_KIND[word.group()]) + data[word.end():]
        elif kind == 0 and data:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        elif kind == 1:
            data = data[:at] + rng.randbytes(rng.randint(1, 8)) + data[at:]
        elif kind == 2:
            data = data[:at] + data[end:]
        elif kind == 3:
            data = data[:at] + data[at:end] * rng.randint(2, 50) + data[end:]
        elif kind in (4, 5):
            data = data[:at] + rng.choice(TOKENS) + data[at if kind == 4 else end:]
        elif kind == 6:
            lines = data.split(b"\n")
            line = rng.choice(lines)
            lines.insert(rng.randint(0, len(lines)), line)
            data = b"\n".join(lines)
        elif kind == 7:
            data = data[:at]
        else:
            other = rng.choice(SEEDS[suffix])
            start = rng.randint(0, len(other))
            data = data[:at] + other[start:start + rng.randint(1, 400)] + data[at:]
    return data


def case(rng: random.Random) -> tuple[bytes, str]:
    """One input and its file suffix: a mutated seed mostly, random bytes sometimes."""
    suffix = rng.choice(sorted(SEEDS))
    if rng.random() < 0.1:
        return rng.randbytes(rng.randint(0, 2000)), suffix
    return mutate(rng, rng.choice(SEEDS[suffix]), suffix), suffix


FORMATS = ("text", "json", "csv")


@dataclass(frozen=True)
class Outcome:
    command: str
    code: int | str  # the exit code, or the name of an exception that escaped main()
    out: str
    err: str

    def fine(self, size: int) -> bool:
        bounded = len(self.out) + len(self.err) <= 100_000 + 20 * size
        return self.code in (0, 1, 2) and "Traceback" not in self.err and "internal error" not in self.err and bounded


def run(argv: list[str]) -> Outcome:
    """`treaty-check ARGV` in this process."""
    from checker.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: int | str = main(argv)
        except BaseException as exc:  # noqa: BLE001 - anything escaping main() is a finding of the fuzz
            code = type(exc).__name__
    return Outcome(argv[0], code, out.getvalue(), err.getvalue())


def feed(data: bytes, suffix: str, folder: Path, rng: random.Random) -> list[Outcome]:
    """`validate` and `audit` of `data` written as one file of the dataset; where it is valid, also
    `status` and `timeline` (the other readers of the records)."""
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    validate = ["validate", str(path)] + (["--format", "json"] if rng.random() < 0.3 else [])
    audit = ["audit", "--data", str(path), "--as-of", "2026-01-01", "--no-cache", "--format", rng.choice(FORMATS)]
    outcomes = [run(validate), run(audit)]
    if outcomes[0].code == 0:
        outcomes += [run(["status", "--data", str(path), "--treaty", "apmbc", "--on", "2026-01-01"]),
                     run(["timeline", "--data", str(path), "--treaty", "apmbc", "--format", rng.choice(FORMATS)])]
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs to run (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, help="folder to keep the inputs that fail")
    args = parser.parse_args()
    os.environ["TREATY_CHECK_CACHE"] = ""  # the audits are not cached: nothing is written
    rng = random.Random(args.seed)
    counts: Counter[tuple[str, int | str]] = Counter()
    failures = 0
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="treaty-fuzz-") as tmp:
        for number in range(1, args.count + 1):
            data, suffix = case(rng)
            for outcome in feed(data, suffix, Path(tmp), rng):
                counts[(outcome.command, outcome.code)] += 1
                if not outcome.fine(len(data)):
                    failures += 1
                    print(f"FAIL input {number} ({suffix}) {outcome.command}: exit {outcome.code}: "
                          f"{outcome.err[-300:]!r}", flush=True)
                    if args.save:
                        args.save.mkdir(parents=True, exist_ok=True)
                        (args.save / f"{number}-{outcome.command}{suffix}").write_bytes(data)
            if number % 1000 == 0:
                print(f"{number} inputs, {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    seconds = time.monotonic() - start
    print(f"{args.count} inputs (seed {args.seed}), {sum(counts.values())} runs in {seconds:.0f} s")
    for (command, code), n in sorted(counts.items(), key=str):
        print(f"  {command:<8} exit {code}: {n}")
    print(f"failures (exit 3, an exception, a traceback or unbounded output): {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
