"""Property: whatever the bytes of a dataset file, `validate` and `audit` end in exit 0, 1 or 2, with
no traceback and an output bounded by the input's size. Random bytes, and random mutations of valid
files in every format (tools/fuzz.py, which also runs a seeded 10,000-input version of this test).

Runs:
    PYTHONPATH=. python -m pytest tests/test_fuzz.py -p no:cacheprovider
        the CI budget: a few dozen derandomized inputs (the same every run), a few seconds.
    TREATY_CHECK_FUZZ_EXAMPLES=2000 PYTHONPATH=. python -m pytest tests/test_fuzz.py -p no:cacheprovider
        a longer run, randomized, so that repeated runs explore new inputs.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from fuzz import SEEDS, feed, mutate  # noqa: E402

EXAMPLES = int(os.environ.get("TREATY_CHECK_FUZZ_EXAMPLES", "0"))
BUDGET = settings(
    max_examples=EXAMPLES or 40, derandomize=not EXAMPLES, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUFFIXES = st.sampled_from(sorted(SEEDS))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check(data: bytes, suffix: str, folder: Path, rng: random.Random) -> None:
    for outcome in feed(data, suffix, folder, rng):
        assert outcome.fine(len(data)), (outcome.command, outcome.code, outcome.err[-500:], data[:500])


@BUDGET
@given(seed=st.integers(0, 2**32 - 1), suffix=SUFFIXES)
def test_a_mutated_valid_file_ends_in_0_1_or_2(folder: Path, seed: int, suffix: str) -> None:
    rng = random.Random(seed)
    _check(mutate(rng, rng.choice(SEEDS[suffix]), suffix), suffix, folder, rng)


@BUDGET
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
@example(data=b'{"kind": ["event"]}\n', suffix=".jsonl")  # each of these once ended in exit 3
@example(data=b'{"a": ' * 1000 + b"1" + b"}" * 1000, suffix=".jsonl")
@example(data=b"id,quantity\ne1," + b"9" * 5000 + b"\n", suffix=".csv")
@example(data=b"id,year\ne1,\xc2\xb2\n", suffix=".csv")
def test_random_bytes_end_in_0_1_or_2(folder: Path, data: bytes, suffix: str) -> None:
    _check(data, suffix, folder, random.Random(0))


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_the_seeds_are_valid(folder: Path, suffix: str) -> None:
    for seed in SEEDS[suffix]:
        outcomes = feed(seed, suffix, folder, random.Random(0))
        assert [o.code for o in outcomes][:1] == [0], outcomes[0].err
        assert all(o.fine(len(seed)) for o in outcomes)


@pytest.mark.parametrize(("data", "suffix"), [
    (b"events:\n  - {id: a, date: !!timestamp 2020-01-01T25:00}\n", ".yaml"),
    (b"events:\n  - {id: a, treaty: apmbc, state: FIN, action: transfer, date: 2012-01-09, quantity: 0b" + b"1" * 20000 + b"}\n", ".yaml"),
    (b"membership:\n  - {id: m, treaty: apmbc, as_of: 2020-01-01, joined: 0x" + b"f" * 5000 + b", signed_only: 1, source: x}\n", ".yaml"),
])
def test_inputs_the_fuzz_found(folder: Path, data: bytes, suffix: str) -> None:
    """Each once ended in exit 3: a `!!timestamp` tag on text of another form; a binary or hex
    number too long for Python to print in the message; a membership count too long to print."""
    outcomes = feed(data, suffix, folder, random.Random(0))
    assert [o.code for o in outcomes] == [2, 2]
    assert all(o.fine(len(data)) for o in outcomes)
