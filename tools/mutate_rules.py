"""Mutation testing of the rules: weaken one rule at a time and see whether the tests notice.

For every rule in rules/*.lp (the fact interface and #show are left alone) it makes mutants:
the rule deleted; each body literal dropped; each comparison flipped (< and <=, > and >=, = and
!=); each `not` removed. Each mutant runs the fast test files against a copy of the rules
(TREATY_CHECK_RULES) and is killed when any test fails. A survivor is a missing test or a dead
rule. A survivor that no test can kill (an equivalent mutant: the output cannot change) is
explained in the rules, in a comment line just above the rule that starts with the mutant's kind:

    % mutant: drop literal 'conduct_action(A)': only keeps other events out of conduct/5.

Explained survivors are reported as such; the run fails only on unexplained ones. The run works on
a snapshot of the repository taken at its start, so the rules and tests can be edited meanwhile.

With `--since REV` only the statements written or changed since REV are mutated (a statement whose
text, whitespace aside, is in some rules file at REV is left alone): the run that covers new rules
after a full run at REV.

Each result is appended to a progress file (tools/mutation-progress.jsonl) as it comes, so a run
that is stopped can be resumed: a mutant recorded as killed (same file, same statement, same
mutation) is not run again; a recorded survivor is (a new test may kill it), unless the rules explain
it as equivalent (`--rerun-explained` runs those too). `--fresh` ignores the file.

    python tools/mutate_rules.py [--jobs 2] [--only FILE.lp] [--skip FILE.lp ...] [--since REV] [--fresh] [--report PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SKIP_FILES = {"main.lp", "input.lp", "show.lp"}
# The data-driven scenarios, the registry's examples (with their recorded messages and
# derivations), the explanation tests, and the differential test's regressions (each a minimal
# dataset compared with the oracle; not its random histories, which take minutes).
TESTS = ["tests/test_scenarios.py", "tests/test_registry.py", "tests/test_explain.py",
         "tests/test_differential.py::test_fixed_bug", "tests/test_differential.py::test_known_disagreement"]
FLIPS = {"<=": "<", ">=": ">", "!=": "=", "<": "<=", ">": ">=", "=": "!="}


@dataclass(frozen=True)
class Statement:
    file: str
    start: int  # character offsets of the statement in the file
    end: int
    text: str
    line: int
    explained: tuple[str, ...]  # the `% mutant:` comments just above it


@dataclass(frozen=True)
class Mutant:
    file: str
    line: int
    kind: str
    before: str
    after: str


def statements(path: Path) -> list[Statement]:
    """The rules and facts of a file (comments and directives skipped), with their offsets."""
    text = path.read_text(encoding="utf-8")
    found, start, depth, i = [], None, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and depth == 0:
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if ch == '"':
            i = text.index('"', i + 1) + 1
            continue
        if start is None and not ch.isspace():
            start = i
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == "." and depth == 0 and start is not None and (i + 1 == len(text) or text[i + 1] in " \n") and text[i - 1] != ".":
            body = text[start:i + 1]
            if not body.startswith("#"):
                line = text.count("\n", 0, start) + 1
                found.append(Statement(path.name, start, i + 1, body, line, explanations(text, start)))
            start = None
        i += 1
    return found


def explanations(text: str, start: int) -> tuple[str, ...]:
    """The `% mutant: ...` comments (with their `%  ` continuation lines) in the comment block right
    above a statement."""
    block = []
    for line in reversed(text[:start].rstrip("\n").split("\n")):
        if not line.startswith("%"):
            break
        block.insert(0, line)
    found: list[str] = []
    inside = False
    for line in block:
        if line.startswith("% mutant: "):
            found.append(line[len("% mutant: "):])
            inside = True
        elif inside and line.startswith("%  "):
            found[-1] += " " + line[3:].strip()
        else:
            inside = False
    return tuple(found)


def explanation(st: Statement, kind: str) -> str | None:
    return next((e[len(kind):].lstrip(": ") for e in st.explained if e.startswith(kind)), None)


def snapshot(into: Path) -> Path:
    """A copy of what the tests need, so the working tree can change during a long run."""
    for name in ("checker", "rules", "facts", "tests", "schema"):
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, into / name)
    return into


def split_top(text: str, sep: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def normalized(text: str) -> str:
    return " ".join(text.split())


def statements_at(rev: str) -> set[str]:
    """The normalized text of every statement in the rules files at git revision `rev`."""
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{rev}:rules"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    found: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in (n for n in names if n.endswith(".lp")):
            text = subprocess.run(["git", "show", f"{rev}:rules/{name}"], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            found |= {normalized(st.text) for st in statements(path)}
    return found


def mutations(st: Statement) -> list[tuple[str, str]]:
    """(kind, replacement text) for one statement."""
    out = [("delete rule", "")]
    if ":-" not in st.text:
        return out
    head, body = st.text[:-1].split(":-", 1)
    literals = split_top(body, ",")
    for index, literal in enumerate(literals):
        rest = [lit for j, lit in enumerate(literals) if j != index]
        if rest:
            out.append((f"drop literal {literal.strip()!r}", f"{head}:-{','.join(rest)}."))
        stripped = literal.strip()
        if stripped.startswith("not "):
            changed = [lit if j != index else literal.replace("not ", "", 1) for j, lit in enumerate(literals)]
            out.append((f"remove not in {stripped!r}", f"{head}:-{','.join(changed)}."))
        match = re.search(r"(<=|>=|!=|<|>|=)", stripped)
        if match and "#" not in stripped and "(" not in stripped.split(match.group(1))[0][-1:]:
            op = match.group(1)
            flipped = stripped[:match.start()] + FLIPS[op] + stripped[match.end():]
            changed = [lit if j != index else literal.replace(stripped, flipped) for j, lit in enumerate(literals)]
            out.append((f"flip {stripped!r} to {flipped!r}", f"{head}:-{','.join(changed)}."))
    return out


class Progress:
    """The results so far, one JSON line a mutant: appended as they come, read to resume."""

    def __init__(self, path: Path, fresh: bool) -> None:
        self.path, self.lock = path, threading.Lock()
        self.kills: set[tuple[str, str, str]] = set()
        self.survivors: set[tuple[str, str, str]] = set()
        if not fresh and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                key = (entry["file"], entry["statement"], entry["kind"])
                (self.kills if entry["killed"] else self.survivors).add(key)
            self.survivors -= self.kills

    def killed(self, st: Statement, kind: str) -> bool:
        return (st.file, normalized(st.text), kind) in self.kills

    def survived(self, st: Statement, kind: str) -> bool:
        return (st.file, normalized(st.text), kind) in self.survivors

    def record(self, st: Statement, kind: str, killed: bool) -> None:
        entry = {"file": st.file, "statement": normalized(st.text), "kind": kind, "killed": killed}
        with self.lock, self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def summary(path: Path) -> int:
    """The progress file's latest result for each mutant, against the rules as they are now."""
    latest: dict[tuple[str, str, str], bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        latest[(entry["file"], entry["statement"], entry["kind"])] = entry["killed"]
    here = {(p.name, normalized(st.text)): st for p in RULES.glob("*.lp") for st in statements(p)}
    gone = [key for key in latest if key[:2] not in here]
    open_ = [(here[key[:2]], key[2]) for key, killed in latest.items() if not killed and key[:2] in here
             and explanation(here[key[:2]], key[2]) is None]
    print(f"{len(latest)} mutants recorded: {sum(latest.values())} killed, {len(latest) - sum(latest.values())} survived "
          f"(latest result of each); {len(gone)} of statements no longer in the rules; "
          f"{len(open_)} survivors not explained in the rules:")
    for st, kind in sorted(open_, key=lambda x: (x[0].file, x[0].line)):
        print(f"  {st.file}:{st.line}: {kind}: {' '.join(st.text.split())}")
    return 0


def run_share(share: list[int], work: list[tuple[Statement, str, str]], base: Path, timeout: int,
              progress: Progress) -> dict[int, bool]:
    """The mutants `share` (indexes into `work`) in one pytest session after another
    (tools/mutation_worker.py): {index: killed}. A mutant that runs longer than `timeout` seconds
    counts as killed (it hangs), and a new session takes the rest."""
    results: dict[int, bool] = {}
    with tempfile.TemporaryDirectory() as tmp:
        while len(results) < len(share):
            todo = [i for i in share if i not in results]
            work_file, out_file = Path(tmp) / "work.json", Path(tmp) / "out.txt"
            work_file.write_text(json.dumps([
                {"index": i, "file": work[i][0].file, "start": work[i][0].start, "end": work[i][0].end, "text": work[i][2]}
                for i in todo
            ]), encoding="utf-8")
            out_file.write_text("", encoding="utf-8")  # (a session that hung is replaced: its lines are done)
            env = {**os.environ, "MUTATION_WORK": str(work_file), "MUTATION_OUT": str(out_file),
                   "MUTATION_TIMES": str(Path(tmp) / "times.json"),
                   "MUTATION_BASE": str(base), "PYTHONPATH": str(ROOT / "tools")}
            process = subprocess.Popen(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "mutation_worker", *TESTS],
                cwd=base, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            current, since, test_since, test_budget, seen = None, time.time(), time.time(), float(timeout), 0
            while True:
                finished = process.poll() is not None
                lines = out_file.read_text(encoding="utf-8").split("\n")[:-1]  # complete lines only
                for line in lines[seen:]:
                    if line.startswith("test "):
                        test_since, test_budget = time.time(), float(line.split()[2])
                        continue
                    if line.startswith("baseline failed"):
                        process.kill()
                        raise RuntimeError(f"the tests fail on the unmutated rules: {line}")
                    verb, index = line.split()[:2]
                    if verb == "start" and int(index) not in results and current != int(index):
                        current, since = int(index), time.time()
                    elif verb in ("killed", "survived") and int(index) not in results:
                        results[int(index)] = verb == "killed"
                        progress.record(work[int(index)][0], work[int(index)][1], verb == "killed")
                        _progress(len(results), share, work)
                seen = len(lines)
                if finished:
                    break
                now = time.time()
                if current is not None and current not in results and (now - since > timeout or now - test_since > test_budget):
                    process.kill()
                    process.wait()
                    results[current] = True  # a mutant that hangs is caught too
                    progress.record(work[current][0], work[current][1], True)
                    break
                time.sleep(0.2)
            if finished and current is not None and current not in results:
                results[current] = True  # the session died on it (a crash in the grounder): caught too
                progress.record(work[current][0], work[current][1], True)
            elif finished and len(results) < len(share):
                raise RuntimeError(f"the mutation session stopped (exit {process.returncode}) before its first mutant")
    return results


def _progress(done: int, share: list[int], work: list[tuple[Statement, str, str]]) -> None:
    if done % 25 == 0:
        print(f"{done}/{len(share)} mutants of this share run ({len(work)} in all)", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="mutate only this rules file")
    parser.add_argument("--skip", nargs="*", default=[], help="rules files to leave alone")
    parser.add_argument("--report", default=str(ROOT / "tools" / "mutation-report.txt"))
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--tests", nargs="*", default=TESTS, help="test files that may kill a mutant")
    parser.add_argument("--since", help="mutate only the statements written or changed since this git revision")
    parser.add_argument("--progress", default=str(ROOT / "tools" / "mutation-progress.jsonl"),
                        help="where results are appended as they come (and read from, to resume)")
    parser.add_argument("--fresh", action="store_true", help="run every mutant, whatever the progress file says")
    parser.add_argument("--rerun-explained", action="store_true",
                        help="run again the recorded survivors that the rules explain as equivalent")
    parser.add_argument("--summary", action="store_true",
                        help="run nothing: say what the progress file holds, and its survivors not explained in the rules")
    args = parser.parse_args()
    TESTS[:] = args.tests
    if args.summary:
        return summary(Path(args.progress))
    # removed however the run ends (an interrupted run used to leave its snapshot behind)
    with tempfile.TemporaryDirectory(prefix="mutate-rules-") as tmp:
        return run_all(args, snapshot(Path(tmp)))


def run_all(args: argparse.Namespace, base: Path) -> int:
    """Every mutant of the snapshot `base`'s rules, against its tests; writes the report."""
    # The unmutated rules must pass, or every mutant would count as killed: each worker session
    # runs every test on them first (tools/mutation_worker.py) and the run stops if one fails.
    work: list[tuple[Statement, str, str]] = []
    unchanged = statements_at(args.since) if args.since else set()
    for path in sorted((base / "rules").glob("*.lp")):
        if path.name in SKIP_FILES or path.name in args.skip or (args.only and path.name != args.only):
            continue
        for st in statements(path):
            if normalized(st.text) in unchanged:
                continue
            for kind, text in mutations(st):
                work.append((st, kind, text))
    start = time.time()
    progress = Progress(Path(args.progress), fresh=args.fresh)
    known = {i for i, (st, kind, _) in enumerate(work) if progress.killed(st, kind)}
    # a survivor recorded and explained beside its (unchanged) rule is not run again: an
    # equivalent mutant costs a whole pass of the tests and cannot die (--rerun-explained does it)
    settled = set() if args.rerun_explained else {
        i for i, (st, kind, _) in enumerate(work) if progress.survived(st, kind) and explanation(st, kind) is not None}
    todo = [i for i in range(len(work)) if i not in known | settled]
    shares = [todo[k::args.jobs] for k in range(args.jobs)]
    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(lambda share: run_share(share, work, base, args.timeout, progress), shares))
    except RuntimeError as exc:
        print(f"{exc}: fix them first", file=sys.stderr)
        return 2
    killed = [i in known for i in range(len(work))]
    for result in results:
        for index, was_killed in result.items():
            killed[index] = was_killed
    survivors_seen = [w for w, k in zip(work, killed) if not k]
    for st, kind, _ in survivors_seen:
        how = "explained" if explanation(st, kind) is not None else "SURVIVED"
        print(f"{how}: {st.file}:{st.line}: {kind}", file=sys.stderr, flush=True)
    survivors = [w for w, k in zip(work, killed) if not k]
    unexplained = [w for w in survivors if explanation(w[0], w[1]) is None]
    files = sorted({w[0].file for w in work})
    lines = [
        f"{len(work) - len(survivors)}/{len(work)} mutants killed "
        f"({100 * (len(work) - len(survivors)) / max(len(work), 1):.1f}%), "
        f"{len(survivors) - len(unexplained)} survivors explained in the rules, "
        f"{len(unexplained)} unexplained; files: {' '.join(files)}; tests: {' '.join(TESTS)}; "
        f"{'statements changed since ' + args.since + '; ' if args.since else ''}"
        f"{len(known)} killed in an earlier run (the progress file); "
        f"{time.time() - start:.0f}s",
    ]
    for st, kind, _ in survivors:
        why = explanation(st, kind)
        tag = "SURVIVED" if why is None else "explained"
        lines.append(f"{tag} {st.file}:{st.line}: {kind}: {' '.join(st.text.split())}")
        if why is not None:
            lines.append(f"    why: {why}")
    Path(args.report).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if not unexplained else 1


if __name__ == "__main__":
    sys.exit(main())
