"""The classification caption: `C O N F I D E N T I A L SECTION 01 OF 03 PARIS 000381`.

The caption names the classification, the section and the cable's own post
and serial, so it is the anchor the other header rules work from.
"""

from __future__ import annotations

import re

from generator.parse.raw import Caption, RawCable, evolve

CLASSIFICATION = (
    r"T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T|S?S\s?E\s?C\s?R\s?E\s?T"
    r"|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|UNCLAS(?:SIFIED)?"
)
CAPTION = re.compile(
    rf"^\s*(?P<cls>(?:{CLASSIFICATION})(?:\s*//\s*(?:FOR OFFICIAL USE ONLY|[A-Z]+))*)"
    r"\s+(?:(?P<section>SECTION\s+\d{1,3}\s+OF\s+\d{1,3})\s+)?"
    r"(?P<origin>[^\s\d][^\d]{0,40}?)\s+(?P<serial>\d{1,8})\s*$",
    re.IGNORECASE,
)
CAPTION_STARTS = "CSTUcstu"
FM_LINE = re.compile(r"^\s*FM\s+\S", re.IGNORECASE)
# Captions sit near the top; a body sentence that happens to start with
# "SECRET" and end in a number must not be taken for one.
SEARCH_LINES = 150


def _same_case(match: re.Match[str]) -> bool:
    """A caption is written in one case throughout; prose that starts with SECRET is not."""
    return match["origin"].isupper() == match["cls"].isupper()


def _first_caption(top: tuple[str, ...]) -> tuple[int, re.Match[str]] | None:
    """The first caption after the FM line, else the first caption at all."""
    first: tuple[int, re.Match[str]] | None = None
    after_fm = False
    for index, line in enumerate(top):
        start = line.lstrip()[:1]
        if start in "Ff" and FM_LINE.match(line):
            after_fm = True
        elif start and start in CAPTION_STARTS:  # cheap test before the costly pattern
            match = CAPTION.match(line)
            if match and _same_case(match):
                if after_fm:
                    return index, match
                first = first or (index, match)
    return first


def find_caption(raw: RawCable) -> RawCable:
    """Locate the caption; the first after the FM line when the header repeats it above."""
    found = _first_caption(raw.lines[:SEARCH_LINES])
    if found is None:
        return raw
    index, match = found
    caption = Caption(
        line=index + 1,
        classification=match["cls"],
        section=" ".join(match["section"].upper().split()) if match["section"] else None,
        origin=match["origin"].strip(),
        serial=match["serial"],
    )
    return evolve(raw, caption=caption, caption_index=index)
