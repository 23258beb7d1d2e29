"""No word lost: every word of a cable's text is somewhere in its record.

Only what cleaning removes on purpose is exempt: page-break and transmission
lines, the archive page's date line (the record's `created` holds that time),
the archive's own tail lines ('2004CARACA02200 - CONFIDENTIAL'), field labels
(TAGS:, SUBJECT:, ...), the paragraph-number prefixes the record holds as
`number`, one-letter words (portion marks, labels), and the caption line,
whose classification, post and serial the record holds in normalised form
(checked here separately).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import read
from generator.build import cable_from_source
from generator.model import Cable
from generator.parse.body import PAGE_BREAK
from generator.parse.caption import CAPTION
from generator.parse.envelope import ARCHIVE_DATE
from generator.parse.signer import ARCHIVE_TAIL, TRANSMISSION
from tests.conftest import SEEDS, dev_cable_files

WORD = re.compile(r"[^\W_]+")
LABELS = {"TAGS", "TAG", "SUBJECT", "SUBJ", "REF", "REFS", "REFTEL", "REFTELS", "EO"}
LABELS |= {"CLASSIFIED", "BY", "REFERENCE", "REFERENCES", "REASON", "REASONS", "REAS"}
# "for" only as in "for reasons", the classified-by label
LABELS |= {"FOR"}
NUMBER_PREFIX = re.compile(r"^\s*¶?\s*\d{1,3}[A-Z]?\s?[.)]")
NOTICE = re.compile(r"partial extract of the original cable", re.IGNORECASE)


def words(text: str) -> set[str]:
    return {w.upper() for w in WORD.findall(text) if len(w) > 1}


def input_words(text: str) -> set[str]:
    found: set[str] = set()
    for line in text.split("\n"):
        if PAGE_BREAK.match(line) or TRANSMISSION.match(line) or ARCHIVE_TAIL.match(line):
            continue
        if ARCHIVE_DATE.match(line):
            continue
        if NOTICE.search(line):
            continue
        if CAPTION.match(line):
            continue
        found |= words(NUMBER_PREFIX.sub("", line))
    return found - LABELS


def lost_words(cable: Cable) -> set[str]:
    record = json.dumps(cable.record(), ensure_ascii=False)
    return input_words(cable.raw) - words(record)


CABLES = sorted(SEEDS.glob("*.txt")) + dev_cable_files()


@pytest.mark.parametrize("path", CABLES, ids=[p.name for p in CABLES])
def test_no_word_lost_and_caption_kept(path: Path) -> None:
    cable = cable_from_source(read.read_file(path)).cable
    assert cable is not None
    assert lost_words(cable) == set()
    for line in cable.raw.split("\n")[:150]:
        match = CAPTION.match(line)
        if match and cable.id.endswith(str(int(match["serial"]))):
            assert cable.classification.split("//")[0].replace(" ", "") in re.sub(
                r"\s", "", match["cls"].upper()
            ).replace("UNCLAS", "UNCLASSIFIED").replace("SSECRET", "SECRET")
            return
