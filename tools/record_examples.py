"""Regenerate tests/registry_examples.yaml from real runs (read the diff before committing)."""
import sys

sys.path.insert(0, "tests")
from datetime import date
from pathlib import Path
import yaml
from checker.codes import CODES
from tests_support import checker_with, reason_lines
out = {}
for code, entry in CODES.items():
    if entry.example is None: continue
    checker = checker_with(yaml.safe_load(entry.example), f"example of {code}")
    out[code] = [
        {"state": f.state, "date": f.date, "article": f.article, "records": f.records, "message": f.message,
         "explanation": [line for reason in f.explanation or [] for line in reason_lines(reason)]}
        for f in checker.audit(as_of=date(2099, 12, 31), explain=True).findings if f.code == code]
target = Path("tests/registry_examples.yaml")
header = "".join(l for l in target.read_text(encoding="utf-8").splitlines(True) if l.startswith("#"))
target.write_text(header + yaml.dump(out, sort_keys=False, width=120, allow_unicode=True), encoding="utf-8")
