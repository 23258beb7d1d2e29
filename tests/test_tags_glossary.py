"""The TAGS list shipped with the package, and what the dev cables' TAGS lines become.

Every code that two or more dev cables use has a sourced meaning, or the README
beside tags.csv lists it with the places looked in; no tag is a free word, a
person, a country written out or two codes run together.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from generator import facts, read
from generator.build import cable_from_source
from generator.clean.tag_words import country_code, split_run
from generator.model import Cable

DATA = Path(__file__).resolve().parent.parent / "generator" / "data"
KINDS = {"subject", "program", "country", "region", "organization"}
CODE = re.compile(r"[A-Z]{2,4}")


@pytest.fixture(scope="module")
def dev_cables(dev_corpus: Path) -> list[Cable]:
    found = []
    for path in sorted(dev_corpus.glob("*.txt")):
        cable = cable_from_source(read.read_file(path)).cable
        if cable is not None:
            found.append(cable)
    return found


def _readme_unsourced() -> set[str]:
    """Codes listed under the README's heading for codes no source explains."""
    text = (DATA / "README.md").read_text("utf-8")
    section = text.split("### Codes without a source", 1)[1].split("\n## ", 1)[0]
    items = [line.split(" (")[0] for line in section.splitlines() if line.startswith("- ")]
    return {code for item in items for code in re.findall(r"`([A-Z0-9-]+)`", item)}


def test_rows_are_unique_and_of_a_known_kind() -> None:
    text = (DATA / "tags.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    codes = Counter(r["code"] for r in rows)
    assert [c for c, n in codes.items() if n > 1] == []
    assert {r["kind"] for r in rows} == KINDS
    # Geographic codes all have a name: a country or region without one is no use.
    assert [
        r["code"] for r in rows if r["kind"] in ("country", "region") and not r["meaning"]
    ] == []


def test_program_tags_readers_look_up_first_have_meanings() -> None:
    for code in ("KCOR", "KCRM", "KNNP", "KPAL", "KJUS", "KTFN", "KDEM", "KIRF", "KTIP", "KWMN"):
        assert facts.tag(code).kind == "program" and facts.tag(code).meaning, code


def test_codes_of_two_or_more_dev_cables_have_a_meaning_or_are_listed(
    dev_cables: list[Cable],
) -> None:
    used = Counter(code for cable in dev_cables for code in set(cable.tags))
    unexplained = {c for c, n in used.items() if n >= 2 and not facts.tag(c).meaning}
    assert unexplained <= _readme_unsourced()
    # and the README lists no code that has since found a meaning
    assert [c for c in _readme_unsourced() if facts.tag(c).meaning] == []


def test_no_dev_tag_is_a_word_a_person_or_a_pair(dev_cables: list[Cable]) -> None:
    wrong = set()
    for cable in dev_cables:
        for code in cable.tags:
            listed = code in facts.tags()
            if not listed and (not CODE.fullmatch(code) or country_code(code) or split_run(code)):
                wrong.add((cable.id, code))
    assert wrong == set()


def test_dev_lines_keep_their_people_and_free_words(dev_cables: list[Cable]) -> None:
    by_id = {c.id: c for c in dev_cables}
    assert by_id["09BEIJING2965"].tag_people == ("STEINBERG, JAMES B.",)
    assert "James Steinberg" in {p.name for p in by_id["09BEIJING2965"].people}
    assert by_id["04SANAA2346"].keywords == ("COUNTER TERRORISM",)
    rome = by_id["05ROME3585"]
    assert "IT" in rome.tags and "ITALY" not in rome.tags
    assert rome.keywords == ("NATIONAL ELECTIONS ITALIAN POLITICS IRAQI FREEDOM",)
