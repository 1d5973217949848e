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

    python tools/mutate_rules.py [--jobs 2] [--only FILE.lp] [--skip FILE.lp ...] [--report PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SKIP_FILES = {"main.lp", "input.lp", "show.lp"}
# The data-driven scenarios, the registry's examples (with their recorded messages and
# derivations) and the explanation tests: fastest first, since a failing test ends a mutant's run.
TESTS = ["tests/test_scenarios.py", "tests/test_registry.py", "tests/test_explain.py"]
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


def run_mutant(mutant_text: str | None, st: Statement | None, base: Path, timeout: int) -> bool:
    """True if the tests (those of the snapshot `base`) kill the mutant (None: the rules as they are)."""
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(base / "rules", rules)
        if st is not None and mutant_text is not None:
            original = (base / "rules" / st.file).read_text(encoding="utf-8")
            (rules / st.file).write_text(original[:st.start] + mutant_text + original[st.end:], encoding="utf-8")
        # cwd comes first on sys.path, so the snapshot's checker package is the one imported
        env = {**os.environ, "TREATY_CHECK_RULES": str(rules)}
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
                cwd=base, env=env, capture_output=True, timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired:
            return True  # a mutant that hangs is caught too
        return done.returncode != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="mutate only this rules file")
    parser.add_argument("--skip", nargs="*", default=[], help="rules files to leave alone")
    parser.add_argument("--report", default=str(ROOT / "tools" / "mutation-report.txt"))
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--tests", nargs="*", default=TESTS, help="test files that may kill a mutant")
    args = parser.parse_args()
    TESTS[:] = args.tests
    # removed however the run ends (an interrupted run used to leave its snapshot behind)
    with tempfile.TemporaryDirectory(prefix="mutate-rules-") as tmp:
        return run_all(args, snapshot(Path(tmp)))


def run_all(args: argparse.Namespace, base: Path) -> int:
    """Every mutant of the snapshot `base`'s rules, against its tests; writes the report."""
    # The unmutated rules must pass: otherwise every mutant would count as killed.
    if run_mutant(None, None, base, args.timeout):
        print(f"the tests fail on the unmutated rules ({' '.join(TESTS)}): fix them first", file=sys.stderr)
        return 2
    work: list[tuple[Statement, str, str]] = []
    for path in sorted((base / "rules").glob("*.lp")):
        if path.name in SKIP_FILES or path.name in args.skip or (args.only and path.name != args.only):
            continue
        for st in statements(path):
            for kind, text in mutations(st):
                work.append((st, kind, text))
    start = time.time()
    done = [0]

    def one(w: tuple[Statement, str, str]) -> bool:
        result = run_mutant(w[2], w[0], base, args.timeout)
        done[0] += 1
        if not result:
            how = "explained" if explanation(w[0], w[1]) is not None else "SURVIVED"
            print(f"{how}: {w[0].file}:{w[0].line}: {w[1]}", file=sys.stderr, flush=True)
        if done[0] % 25 == 0:
            print(f"{done[0]}/{len(work)} mutants run, {time.time() - start:.0f}s", file=sys.stderr, flush=True)
        return result

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        killed = list(pool.map(one, work))
    survivors = [w for w, k in zip(work, killed) if not k]
    unexplained = [w for w in survivors if explanation(w[0], w[1]) is None]
    files = sorted({w[0].file for w in work})
    lines = [
        f"{len(work) - len(survivors)}/{len(work)} mutants killed "
        f"({100 * (len(work) - len(survivors)) / max(len(work), 1):.1f}%), "
        f"{len(survivors) - len(unexplained)} survivors explained in the rules, "
        f"{len(unexplained)} unexplained; files: {' '.join(files)}; tests: {' '.join(TESTS)}; "
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
