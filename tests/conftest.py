"""Shared fixtures.

The real dev cables are not ours to commit; tests that use them read the shared
corpus beside the checkout when it is there (CI has it) and skip otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "cables"
DEV_CORPUS = Path(os.environ.get("CABLEGEN_DEV_CORPUS", ROOT.parent / "shared" / "corpus" / "dev"))
DEV_VARIANTS = DEV_CORPUS.parent / "dev_variants"


def dev_cable_files() -> list[Path]:
    """The dev corpus's cable texts, or [] when the corpus is not beside this checkout."""
    if not DEV_CORPUS.is_dir():
        return []
    return sorted(DEV_CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir():
        pytest.skip(
            f"dev corpus not found at {DEV_CORPUS} (set CABLEGEN_DEV_CORPUS to its folder); "
            "the real cables are not shipped with cablegen"
        )
    return DEV_CORPUS


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
