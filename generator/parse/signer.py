"""The end of the cable: transmission lines (`NNNN`) and the signer's name (`HOAGLAND`)."""

from __future__ import annotations

import re

from generator.parse.raw import RawCable, evolve

TRANSMISSION = re.compile(r"^\s*(NNNN|BT|VZCZC\S*|ZN[RY]\s.*|#\d{4})\s*$")
SIGNER = re.compile(
    r"^\s*([A-Z][A-Z.'\-]*(?:\s[A-Z][A-Z.'\-]*){0,3}"
    r"|[A-Z][A-Za-z.'\-]+(?:\s[A-Z][A-Za-z.'\-]+){0,2})\s*$"
)
# Lines an archive appends after the signature: a bare classification, a stray
# '>', or its own reference line such as '2004CARACA02200 - CONFIDENTIAL'.
ARCHIVE_TAIL = re.compile(
    r"^\s*(?:>|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)(?://NOFORN)?"
    r"|\d{4}[A-Z]+\d+\s+-\s+[A-Z/ ]+)\s*$"
)
NOT_A_SIGNER = re.compile(
    r"^(END\b|SIPDIS|SENSITIVE|NOFORN|UNCLASSIFIED|CONFIDENTIAL|SECRET|BT$|NNNN$"
    r"|(?:COMMENT|SUMMARY|NOTE|BACKGROUND|ACTION REQUEST)$)",
    re.IGNORECASE,
)


def find_signer(raw: RawCable) -> RawCable:
    """Cut the trailer lines and the signer's line off the end of the body."""
    end = len(raw.lines)
    trailer: list[str] = []
    while end > raw.body_start and (
        not raw.lines[end - 1].strip()
        or TRANSMISSION.match(raw.lines[end - 1])
        or ARCHIVE_TAIL.match(raw.lines[end - 1])
    ):
        if raw.lines[end - 1].strip():
            trailer.insert(0, raw.lines[end - 1].strip())
        end -= 1
    signer = None
    if end > raw.body_start:
        match = SIGNER.match(raw.lines[end - 1])
        if match and not NOT_A_SIGNER.match(match[1]) and len(match[1]) <= 40:
            signer = " ".join(match[1].split())
            end -= 1
    return evolve(raw, signer=signer, trailer=tuple(trailer), body_end=end)
