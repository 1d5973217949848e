"""The benchmark harness runs (smallest size, once): a benchmark, not a timed test. It takes about
25 s, so it is in the exhaustive run (`pytest -m exhaustive`, which .ci/run adds)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.exhaustive
def test_the_benchmark_harness_prints_its_table_of_ratios() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "300", "600", "--repeat", "1"],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout.splitlines()
    assert table[0].startswith("| operation")
    for operation in ("audit, YAML, cold", "audit, JSON Lines", "audit, YAML, cached (CLI)",
                      "audit, YAML, cached (API)", "check via API, first on a slice",
                      "check via API, asked again", "rules: ground + solve", "Python around clingo",
                      "peak memory per event", "growth of audit time", "check from the CLI", "treaty-check --help"):
        assert any(line.startswith(f"| {operation}") for line in table), operation
