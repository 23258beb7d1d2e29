"""Garbled transmission passages: runs of nonsense characters, `(GARBLED)`, `[GARBLE]`.

A token is noisy when it mixes in symbols that cable prose does not use or
flips case mid-word (`v(E(GK?w!Efnjs4g`); a passage is reported when several
noisy tokens come close together, so a lone URL or `McDonald` is never one.
"""

from __future__ import annotations

import re

from generator.parse.raw import Block, RawCable, evolve

MARKER = re.compile(r"[(\[]\s*GARBLED?\s*[)\]]|\bTEXT\s+GARBLED\b|\bGARBLED\s+TEXT\b", re.I)
SYMBOL_CHARS = "{}|`~^@#%&*<>=[]!?\\"
SYMBOLS = re.compile("[" + re.escape(SYMBOL_CHARS) + "]")
CASE_FLIP = re.compile(r"[a-z][A-Z]|[A-Za-z]\d[A-Za-z]")
MIN_NOISY = 3
MAX_GAP = 2


def _noisy(token: str) -> bool:
    return len(SYMBOLS.findall(token)) + len(CASE_FLIP.findall(token)) >= 2


def _passages(text: str) -> list[str]:
    tokens = text.split()
    found: list[str] = []
    run: list[int] = []
    for index, token in enumerate(tokens):
        if not _noisy(token):
            continue
        if run and index - run[-1] > MAX_GAP + 1:
            if len(run) >= MIN_NOISY:
                found.append(" ".join(tokens[run[0] : run[-1] + 1]))
            run = []
        run.append(index)
    if len(run) >= MIN_NOISY:
        found.append(" ".join(tokens[run[0] : run[-1] + 1]))
    return found


def find_garbles(raw: RawCable) -> RawCable:
    """List every garbled passage of the body with the line it starts on."""
    # One look at all body lines first: a block's text is its lines joined, so a
    # body without a marker word or a symbol has no garbled block, and most
    # cables are such bodies. A substring test per symbol scans memory several
    # times faster than the character-class search, and far faster than
    # joining every block's text.
    end = raw.body_end if raw.body_end is not None else len(raw.lines)
    lines = "\n".join(raw.lines[raw.body_start : end])
    if not ("ARBLE" in lines or "arble" in lines or any(c in lines for c in SYMBOL_CHARS)):
        return evolve(raw, garbled=())
    garbled: list[Block] = []
    for block in raw.body:
        if block.kind != "text":
            continue
        text = block.text
        if "ARBLE" in text or "arble" in text:
            garbled.extend(Block(block.line, (m[0],)) for m in MARKER.finditer(text))
        # cheap count first: prose has too few symbols to hold a garble
        if SYMBOLS.search(text) and len(SYMBOLS.findall(text)) >= MIN_NOISY:
            garbled.extend(Block(block.line, (passage,)) for passage in _passages(text))
    return evolve(raw, garbled=tuple(garbled))
