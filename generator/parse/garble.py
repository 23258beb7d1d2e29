"""Garbled transmission passages: runs of nonsense characters, `(GARBLED)`, `[GARBLE]`.

A token is noisy when it mixes in symbols that cable prose does not use or
flips case mid-word (`v(E(GK?w!Efnjs4g`); a passage is reported when several
noisy tokens come close together, or when a few come with that much noise
(`dik%ly!eQual,y Qfcfc%r~dd.`), so a lone URL or `McDonald` is never one.
Garble rarely starts and ends on a noisy token: the misspelt words around
it (`intentimnS> Chila will be luss outrpocenl bvt`) carry less noise, so a
passage also takes in a noisy token a few words off, and the tokens with any
noise at all (`F.&GG e&vkts:`) just before and after it.
"""

from __future__ import annotations

import re

from generator.parse.raw import Block, RawCable, evolve

MARKER = re.compile(r"[(\[]\s*GARBLED?\s*[)\]]|\bTEXT\s+GARBLED\b|\bGARBLED\s+TEXT\b", re.I)
SYMBOL_CHARS = "{}|`~^@#%&*<>=[]!?\\"
SYMBOLS = re.compile("[" + re.escape(SYMBOL_CHARS) + "]")
CASE_FLIP = re.compile(r"[a-z][A-Z]|[A-Za-z]\d[A-Za-z]")
# Addresses are dense with symbols but are not garble.
ADDRESS = re.compile(r"://|^www\.|^[\w.+-]+@[\w-]+\.[\w.]+$")
MIN_NOISY = 3
# A shorter run is a passage when its tokens hold this much noise between them.
MIN_NOISE = 5
MAX_GAP = 2
# How many clean words a passage reaches across to take in another noisy token.
REACH = 6


def _noise(token: str) -> int:
    # A banner of one repeated symbol (`*****`) is a rule line, not garble.
    if ADDRESS.search(token) or len(set(token)) == 1:
        return 0
    return len(SYMBOLS.findall(token)) + len(CASE_FLIP.findall(token))


def _noisy(token: str) -> bool:
    return _noise(token) >= 2


def _runs(noise: list[int]) -> list[list[int]]:
    """Indexes of noisy tokens, grouped where at most MAX_GAP clean tokens part them."""
    runs: list[list[int]] = []
    for index, points in enumerate(noise):
        if points < 2:
            continue
        if runs and index - runs[-1][-1] <= MAX_GAP + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _spans(noise: list[int]) -> list[tuple[int, int]]:
    """(first, last) token of each passage."""
    runs = _runs(noise)
    spans: list[tuple[int, int]] = []
    for number, run in enumerate(runs):
        if len(run) < MIN_NOISY and sum(noise[i] for i in run) < MIN_NOISE:
            continue
        first, last = run[0], run[-1]
        if spans and first - spans[-1][1] <= REACH + 1:
            first = spans.pop()[0]
        elif number and first - runs[number - 1][-1] <= REACH + 1:
            first = runs[number - 1][0]
        if number + 1 < len(runs) and runs[number + 1][0] - last <= REACH + 1:
            last = runs[number + 1][-1]
        spans.append(_widen(noise, first, last))
    return spans


def _widen(noise: list[int], first: int, last: int) -> tuple[int, int]:
    """The span with the tokens of any noise at most MAX_GAP tokens off either end."""
    while True:
        before = [i for i in range(max(0, first - MAX_GAP), first) if noise[i]]
        after = [i for i in range(last + 1, min(len(noise), last + 1 + MAX_GAP)) if noise[i]]
        if not before and not after:
            return first, last
        first = before[0] if before else first
        last = after[-1] if after else last


def _passages(text: str) -> list[str]:
    tokens = text.split()
    noise = [_noise(token) for token in tokens]
    return [" ".join(tokens[first : last + 1]) for first, last in _spans(noise)]


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
