"""The seed cables' records are exactly the reviewed golden files.

After an intended change, run `make golden` and review `git diff tests/golden`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.regenerate import GOLDEN, ROOT, SEEDS, golden_output

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_record_matches_golden(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden = GOLDEN / f"{seed.stem}.json"
    assert golden.exists(), f"no golden record for {seed.name}: run `make golden`"
    assert golden_output(seed) == golden.read_text("utf-8"), (
        f"{seed.name} parses differently from {golden.name}; if intended, run `make golden`"
    )


def test_every_golden_file_has_its_seed() -> None:
    stems = {p.stem for p in SEED_FILES}
    assert {p.stem for p in GOLDEN.glob("*.json")} <= stems
    assert os.path.isdir(GOLDEN)
