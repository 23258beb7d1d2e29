"""Cheap first-character tests stand in front of case-insensitive patterns: they must
let through every character the pattern's first letter matches, in any case."""

from __future__ import annotations

import re
import sys

from generator.parse.preamble import ANY_FIELD, FIELD_START


def test_field_start_holds_every_case_of_the_field_letters() -> None:
    first = re.compile(r"[ETSRC(]", re.IGNORECASE)
    matched = {c for c in map(chr, range(sys.maxunicode + 1)) if first.fullmatch(c)}
    assert matched == FIELD_START


def test_field_lines_pass_the_first_character_test() -> None:
    for line in ["E.O. 12958: N/A", " tags: PGOV", "Subject: X", "REF: A", "(C) Classified By: X"]:
        assert ANY_FIELD.match(line)
        assert line.lstrip()[:1] in FIELD_START
