"""Redactions and REF mentions are found as one regex over the whole paragraph finds them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import cable_body as body

# The single scan body.py made before it looked for the two apart.
_ONE_SCAN = re.compile(
    r"(?P<red>\bX{3,}\b)|(?P<ref>\b(?i:ref(?:tel)?s?)\.?\s?(?P<label>[A-Za-z])\b)"
    r"|(?P<reftel>\b(?i:reftels?)\b)"
)


def _one_scan(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in _ONE_SCAN.finditer(text)]


def _apart(text: str) -> list[tuple[int, int, str]]:
    red = [(m.start(), m.end(), "red") for m in body._REDACTIONS.finditer(text)]
    refs = [
        (m.start(), m.end(), "ref" if m.group("ref") is not None else "reftel")
        for m in body._references(text)
    ]
    return sorted(red + refs)


CASES = (
    "See REF A and reftel B; refs C. Reftels were XXXXX sent.",
    "REFTEL A XXX refXXX XXXREF ref.X XXX",
    "prefer reform: ref. a, REF\tB, refs\nC, ref  D, referenced, reftels.",
    "İstanbul ref A XXX",  # lower() lengthens the dotted capital I
    "ſ REFſ A refteſ XXX_ ref_A",
    "",
)


def test_known_cases_agree() -> None:
    for text in CASES:
        assert _apart(text) == _one_scan(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("refREFtlsTLSXxAbB. \t\n_9İſ")), max_size=60))
def test_generated_text_agrees(text: str) -> None:
    assert _apart(text) == _one_scan(text)
