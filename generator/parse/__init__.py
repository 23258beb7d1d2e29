"""The parse stage: locate the parts of a cable in its text.

`parse(source)` runs the rules below in order; each takes the `RawCable`
built so far and returns it with what it found. A rule that finds nothing
returns its input unchanged, so parsing is total: only input that is not a
cable at all (empty, binary, no header) raises `InputError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.errors import InputError
from generator.model import Diagnostic, Source
from generator.parse.body import find_body
from generator.parse.caption import find_caption
from generator.parse.envelope import find_envelope
from generator.parse.garble import find_garbles
from generator.parse.notice import find_notice
from generator.parse.preamble import find_preamble
from generator.parse.raw import Block, Caption, RawCable, RawRef
from generator.parse.refs import split_refs
from generator.parse.signer import find_signer

__all__ = ["RULES", "Block", "Caption", "RawCable", "RawRef", "parse"]

Rule = Callable[[RawCable], RawCable]

RULES: tuple[Rule, ...] = (
    find_notice,  # partial-extract notice above the header
    find_caption,  # classification line: the anchor for the rest
    find_envelope,  # routing header above the caption
    find_preamble,  # caveats, E.O., TAGS, SUBJECT, REF, Classified By
    split_refs,  # REF block -> entries
    find_signer,  # trailer lines and the signer at the end
    find_body,  # paragraphs, headings and page-break lines
    find_garbles,  # garbled transmission passages
)

# A text with this share of control characters is a binary file, not a cable.
BINARY_SHARE = 0.01
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# The same characters as bytes of a Latin-1 encoding, for the fast test below.
UNSAFE_LATIN1 = bytes(code for code in range(256) if UNSAFE.match(chr(code)))


def parse(source: Source) -> RawCable:
    """Locate every part of the cable in `source`; InputError if it is not a cable."""
    unsafe = _has_unsafe(source.text)
    if unsafe:
        _refuse_non_cable_text(source)
    elif not source.text or source.text.isspace():
        raise InputError(_empty(source.path))
    # HTML and XML forbid control characters; in a cable they are transmission
    # noise, so every field is cut from lines that no longer hold them.
    # One pass over the whole text, not one per line: UNSAFE never matches "\n".
    text = UNSAFE.sub(" ", source.text) if unsafe else source.text
    raw = RawCable(source=source, lines=tuple([line.rstrip() for line in text.split("\n")]))
    for rule in RULES:
        raw = rule(raw)
    headless = raw.caption is None and (raw.routing is None or raw.routing.dtg is None)
    if headless and raw.subject is None and raw.tags is None:
        raise InputError(
            Diagnostic(
                source.path,
                0,
                "no recognisable cable: found neither a classification line "
                "(e.g. 'UNCLAS SECTION 01 OF 02 ASTANA 002159') nor a routing header with "
                "a date-time group, TAGS or SUBJECT; check that this is a cable text",
            )
        )
    return raw


def _has_unsafe(text: str) -> bool:
    """Does `text` hold a character of UNSAFE? Almost every cable answers no."""
    try:
        # A text of Latin-1 characters only is stored one byte per character,
        # so encoding it is a copy, and deleting bytes is far cheaper than a
        # character-class search; wider texts take the search.
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return UNSAFE.search(text) is not None
    return len(data.translate(None, UNSAFE_LATIN1)) != len(data)


def _empty(path: str) -> Diagnostic:
    """Why an empty or blank file is refused."""
    return Diagnostic(path, 0, "empty file: no cable text; remove it or add the cable")


def _refuse_non_cable_text(source: Source) -> None:
    """InputError for a blank or binary text; only a text with UNSAFE characters can be binary."""
    text = source.text
    if not text.strip():
        raise InputError(_empty(source.path))
    nul = text.find("\x00")
    controls = len(CONTROL.findall(text, 0, 4096))
    if nul >= 0 or controls > BINARY_SHARE * min(len(text), 4096):
        line = text.count("\n", 0, nul) + 1 if nul >= 0 else 0
        raise InputError(
            Diagnostic(
                source.path,
                line,
                "binary file (NUL or control bytes), not a cable text; "
                "remove it from the content folder",
            )
        )
