"""The bundled dataset keeps its promises, and answers do not depend on record order or file layout."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker import render
from checker.api import Checker
from checker.loader import load_dataset
from checker.paths import facts_dir

SHARED_TABLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "apmbc_states.csv"


def test_every_bundled_record_carries_its_source() -> None:
    dataset = load_dataset()
    records = [*dataset.events, *dataset.conflicts]
    assert [r.id for r in records if not r.source] == []
    assert all(a.source for r in records for a in r.alternative_dates)


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="../shared is not beside this checkout")
def test_the_bundled_data_covers_every_state_of_the_shared_table() -> None:
    with SHARED_TABLE.open(encoding="utf-8") as table:
        codes = {row["iso3"] for row in csv.DictReader(table)}
    states = {e.state for e in load_dataset().events if e.treaty == "apmbc"}
    assert codes - states == set()


def _write_shuffled(folder: Path, seed: int, parts: int) -> None:
    """The bundled records, shuffled and split across `parts` files."""
    records: list[tuple[str, object]] = []
    for path in sorted(facts_dir().rglob("*.yaml")):
        if path.parent.name != "treaties":
            for key, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
                records.extend((key, item) for item in items)
    random.Random(seed).shuffle(records)
    folder.mkdir()
    for part in range(parts):
        chunk: dict[str, list[object]] = {}
        for key, item in records[part::parts]:
            chunk.setdefault(key, []).append(item)
        (folder / f"part{part}.yaml").write_text(yaml.safe_dump(chunk, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(("seed", "parts"), [(1, 1), (2, 3)])
def test_shuffled_and_split_data_gives_byte_identical_json(tmp_path: Path, seed: int, parts: int) -> None:
    _write_shuffled(tmp_path / "data", seed, parts)
    shuffled, bundled = Checker.load([tmp_path / "data"]), Checker.load()
    day = date(2026, 1, 9)
    assert render.to_json(shuffled.status(on=day, treaty="apmbc")) == render.to_json(bundled.status(on=day, treaty="apmbc"))
    left, right = shuffled.audit(), bundled.audit()
    assert render.to_json(left.model_copy(update={"summary": left.summary.model_copy(update={"files": 0})})) == render.to_json(
        right.model_copy(update={"summary": right.summary.model_copy(update={"files": 0})})
    )


def test_the_action_vocabulary_lists_every_action_once() -> None:
    from typing import get_args

    from checker import models

    groups = (models.SignatureAction, models.ConsentAction, models.ConductAction, models.OtherAction, models.ObligationAction)
    expected = [a for group in groups for a in get_args(group)]
    assert list(models.ACTIONS) == expected and len(set(expected)) == len(expected) == 39
