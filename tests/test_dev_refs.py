"""Every REF line of the dev corpus reads as the hand review says.

tests/data/dev_refs.json holds, per dev cable with a REF line, the cable IDs
a careful reader writes down for it; a cable it does not list has no REF line
and must cite nothing. The review holds IDs only, never the cables' text.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator import read
from generator.clean import clean
from generator.parse import parse

REVIEW = Path(__file__).parent / "data" / "dev_refs.json"


def test_dev_ref_lines_read_as_reviewed(dev_corpus: Path) -> None:
    reviewed = json.loads(REVIEW.read_text("utf-8"))["cables"]
    wrong = {}
    for path in sorted(dev_corpus.glob("*.txt")):
        cable = clean(parse(read.decode(path.name, path.read_bytes())))
        got = sorted({ref.id for ref in cable.references if ref.id})
        expected = reviewed.get(path.stem, {}).get("expected", [])
        if got != expected:
            wrong[path.stem] = {"got": got, "expected": expected}
    assert not wrong, f"REF lines read otherwise than reviewed: {wrong}"


def test_review_covers_only_dev_cables(dev_corpus: Path) -> None:
    reviewed = json.loads(REVIEW.read_text("utf-8"))["cables"]
    assert all((dev_corpus / f"{stem}.txt").is_file() for stem in reviewed)
