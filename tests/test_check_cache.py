"""A conduct question asked again on the same states and day is answered from a kept grounded
program (checker/engine.py `Grounded`): the same bytes as a fresh grounding, on random questions
over the bundled data and a small generated dataset. 80 + 60 questions by default, 200 + 200 more
in the exhaustive run."""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from clingo import Function

from checker import engine, facts
from checker.api import Checker
from checker.errors import InputError
from checker.loader import load_dataset
from checker.models import CONDUCT_ACTIONS
from checker.render import to_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate, write  # noqa: E402

ACTS = ["withdrawal", "ratification", "signature"]  # these take the fresh path: they change the standing
PURPOSES = [None, None, None, None, "training", "destruction"]
CIRCUMSTANCES = [[], [], [], [], [], ["arms_embargo"]]


def questions(checker: Checker, n: int, seed: int) -> list[dict[str, object]]:
    """Random questions, with few days per state so that most land on a kept program."""
    rng = random.Random(seed)
    pairs = sorted({(e.treaty, e.state) for e in checker.dataset.events})
    days = {pair: [e.date for e in checker.dataset.events if (e.treaty, e.state) == pair] for pair in pairs}
    chosen = rng.sample(pairs, min(len(pairs), max(4, n // 8)))
    out = []
    for _ in range(n):
        treaty, state = rng.choice(chosen)
        shift = rng.choice([0, 1, -400])
        day = rng.choice(days[(treaty, state)][:2] or [date(2020, 1, 1)]) + timedelta(days=shift)
        action = rng.choice([*sorted(CONDUCT_ACTIONS)] * 4 + ACTS)
        question: dict[str, object] = {"state": state, "action": action, "treaty": treaty, "on": day}
        if action in CONDUCT_ACTIONS:
            question["purpose"] = rng.choice(PURPOSES)
            question["circumstances"] = rng.choice(CIRCUMSTANCES)
            if rng.random() < 0.2:
                question["quantity"] = rng.choice([1, 100])
            if action in ("transfer", "assistance", "acquisition") and rng.random() < 0.5:
                question["counterparty"] = rng.choice(sorted({s for _, s in pairs}))
        out.append(question)
    return out


def answer(checker: Checker, question: dict[str, object]) -> str:
    try:
        return to_json(checker.check(**question))  # type: ignore[arg-type]
    except InputError as exc:
        return "refused: " + "; ".join(f"{p.field}: {p.message}" for p in exc.problems)


def compare(data: list[Path] | None, n: int, seed: int) -> None:
    dataset = load_dataset(data)
    cached, fresh = Checker(dataset), Checker(dataset, check_cache_mb=0)
    asked = questions(fresh, n, seed)
    for question in asked:
        assert answer(cached, question) == answer(fresh, question), question
    hits = sum(1 for q in asked if q["action"] in CONDUCT_ACTIONS) - len(cached._grounded)
    assert hits > n // 5, f"only {hits} questions reused a kept program"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("small")
    paths = write(generate(300, seed=5), folder)
    return [folder / "treaties.yaml", paths["yaml"]]


def test_cached_answers_equal_fresh_on_bundled_data() -> None:
    compare(None, 50, seed=1)


def test_cached_answers_equal_fresh_on_generated_data(small: list[Path]) -> None:
    compare(small, 40, seed=2)


@pytest.mark.exhaustive
def test_cached_answers_equal_fresh_exhaustive(small: list[Path]) -> None:
    compare(None, 200, seed=3)
    compare(small, 200, seed=13)


def test_cache_stays_within_its_limit() -> None:
    checker = Checker.load(check_cache_mb=8)  # room for two programs of about 3 MB
    for i, state in enumerate(["FIN", "EST", "LVA", "LTU", "UKR"]):
        checker.check(state, "production", treaty="apmbc", on=date(2026, 1, 1) + timedelta(days=i))
    assert 1 <= len(checker._grounded) <= 2
    assert checker._grounded.used <= checker._grounded.limit
    assert len(Checker.load(check_cache_mb=0)._grounded) == 0


def test_a_repeated_question_does_not_ground_again(monkeypatch: pytest.MonkeyPatch) -> None:
    checker = Checker.load()
    checker.check("FIN", "production", treaty="apmbc", on=date(2026, 1, 5))
    grounded: list[object] = []
    monkeypatch.setattr(engine, "_ground", lambda *a, **k: grounded.append(a))
    checker.check("FIN", "use", treaty="apmbc", on=date(2026, 1, 5), )
    assert grounded == []


def test_a_false_external_changes_nothing() -> None:
    """An open (false) `purpose` beside the question's own leaves a transfer for destruction its
    Art. 3(2) exception on both sides, as fresh grounding does (an external declared through
    clingo's backend lost it; checker/engine.py declares them with `#external`)."""
    checker = Checker(load_dataset(), check_cache_mb=0)
    on = date(2007, 2, 21)
    proposed = checker._proposed_event("apmbc", "IDN", "transfer", on, {"counterparty": "FRA", "purpose": "destruction"})
    question = set(facts.proposed_facts(proposed, checker.dataset.treaty("apmbc"), checker.readings))
    base = [*checker._slice("apmbc", ["IDN", "FRA"]), *facts.query_facts([on], [("apmbc", "IDN"), ("apmbc", "FRA")])]
    fresh = sorted(map(str, engine.solve([*base, *question])))
    open_purpose = Function("purpose", [facts.PROPOSED, Function("training")])
    kept = engine.Grounded(base, [open_purpose], question)
    assert sorted(map(str, kept.solve([]))) == fresh
    assert "counterparty_verdict(proposed,permitted)" in fresh
