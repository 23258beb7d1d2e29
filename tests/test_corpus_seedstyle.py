"""A dev cable written in the seeds' scraped style gives the same record as its plain text.

The corpus's `seedstyle.py` (in the tools folder beside the corpus) writes a
plain cable the way the archive pages were scraped: TAGS as `[PGOV](#)` links
or `**PGOV PREL**`, `¶N.` corrupted to `1N.`, `$` escaped as `\\$`, the page's
weekday date line dropped, two leading blank lines. Only the warnings' line
numbers and the file name may differ.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator import read
from generator.build import cable_from_source
from tests.conftest import DEV_CORPUS

SEEDSTYLE = DEV_CORPUS.parent.parent / "tools" / "seedstyle.py"
# The file and line a warning points at: the styled text has two more lines on top.
WHERE = re.compile(r"^\S+?:(?:\d+:)?")


@pytest.fixture(scope="module")
def seedstyle() -> ModuleType:
    if not SEEDSTYLE.is_file():
        pytest.skip(f"seedstyle.py not found at {SEEDSTYLE} (it comes with the dev corpus)")
    spec = importlib.util.spec_from_file_location("seedstyle", SEEDSTYLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def comparable(path: Path) -> dict[str, Any]:
    cable = cable_from_source(read.read_file(path)).cable
    assert cable is not None, f"{path} was refused"
    record = cable.record()
    record.pop("source")
    record["warnings"] = [WHERE.sub("", w) for w in record["warnings"]]
    return record


def test_seed_style_gives_the_plain_record(
    dev_corpus: Path, seedstyle: ModuleType, tmp_path: Path
) -> None:
    differ: dict[str, list[str]] = {}
    plains = sorted(dev_corpus.glob("*.txt"))
    for plain in plains:
        styled = tmp_path / plain.name
        styled.write_text(seedstyle.seedstyle(plain.read_text("utf-8"), plain.stem), "utf-8")
        ours, theirs = comparable(plain), comparable(styled)
        keys = [key for key in ours if ours[key] != theirs.get(key)]
        if keys:
            differ[plain.stem] = keys
    agreeing = 1 - len(differ) / len(plains)
    print(f"\nseed-style agreement: {agreeing:.1%} of {len(plains)} cables")
    assert differ == {}, f"seed-style records differ ({agreeing:.1%} agree): {differ}"
