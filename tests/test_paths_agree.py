"""The per-query paths (API and CLI) give the same answers as the full audit, on random proposed
actions over a small generated base: 40 in the default run, 150 in the exhaustive one
(`pytest -m exhaustive`, which .ci/run adds); TREATY_CHECK_AGREE_N sets another number."""

from __future__ import annotations

import io
import json
import os
import random
import sys
from contextlib import redirect_stdout
from datetime import date, timedelta
from pathlib import Path

import pytest

from checker.api import Checker
from checker.cli import main
from checker.loader import Document, load_dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate, write  # noqa: E402

ACTIONS = ["use", "production", "development", "acquisition", "assistance", "transfer", "stockpiling", "retention"]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("base")
    paths = write(generate(400, seed=3), folder)
    return [folder / "treaties.yaml", paths["yaml"]]


def proposals(checker: Checker, n: int) -> list[dict[str, object]]:
    rng = random.Random(11)
    pairs = sorted({(e.treaty, e.state) for e in checker.dataset.events})
    states = sorted({s for _, s in pairs})
    out = []
    for i in range(n):
        treaty, state = rng.choice(pairs)
        action = rng.choice(ACTIONS)
        record: dict[str, object] = {"id": f"p{i}", "treaty": treaty, "state": state, "action": action,
                                     "date": date(1997, 1, 1) + timedelta(days=rng.randrange(365 * 30))}
        if action == "transfer":
            record["counterparty"] = rng.choice([s for s in states if s != state])
            if rng.random() < 0.3:
                record["purpose"] = rng.choice(["training", "destruction"])
        out.append(record)
    return out


def test_api_and_cli_checks_agree_with_the_full_audit(base: list[Path]) -> None:
    _agree(base, int(os.environ.get("TREATY_CHECK_AGREE_N", "25")))


@pytest.mark.exhaustive
def test_api_and_cli_checks_agree_with_the_full_audit_exhaustively(base: list[Path]) -> None:
    _agree(base, int(os.environ.get("TREATY_CHECK_AGREE_N", "150")))


def _agree(base: list[Path], n: int) -> None:
    checker = Checker.load(base)
    proposed = proposals(checker, n)
    with_all = Checker(load_dataset(base, documents=[Document("proposed", {"events": proposed})]))
    findings = with_all.audit(as_of=date(2099, 12, 31)).findings
    prohibited = {f.records[0] for f in findings if f.code == "prohibited_activity"}
    # stockpiling after the destruction deadline is reported by the deadline (overdue or met late), not twice
    prohibited |= {r for f in findings if f.code.endswith("_overdue") for r in f.records[1:] if r.startswith("p")}
    receipt = {f.records[0] for f in findings if f.code == "prohibited_receipt"}
    for record in proposed:
        extra = {k: record[k] for k in ("counterparty", "purpose") if k in record}
        api = checker.check(str(record["state"]), str(record["action"]), on=record["date"], treaty=str(record["treaty"]), **extra)  # type: ignore[arg-type]
        want = "prohibited" if record["id"] in prohibited else "permitted"
        assert api.verdict == want, record
        if "counterparty" in record:
            assert api.counterparty_verdict == ("prohibited" if record["id"] in receipt else "permitted"), record
        argv = ["check", "--state", str(record["state"]), "--action", str(record["action"]),
                "--on", str(record["date"]), "--treaty", str(record["treaty"]), "--format", "json"]
        for key, value in extra.items():
            argv += [f"--{key}", str(value)]
        for path in base:
            argv += ["--data", str(path)]
        out = io.StringIO()
        with redirect_stdout(out):
            main(argv)
        cli = json.loads(out.getvalue())
        assert (cli["verdict"], cli["counterparty_verdict"]) == (api.verdict, api.counterparty_verdict), record
