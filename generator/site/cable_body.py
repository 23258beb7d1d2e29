"""Markup for the text of a cable paragraph: redactions, garbles, REF and people links.

Cable text is never trusted. The spans to decorate are found on the plain text,
then every piece of text is escaped and wrapped in markup built here, so no
character of the cable ever reaches the page unescaped and no regex ever runs
over HTML. Names and garbled passages are found with plain string search rather
than a regex compiled per cable: at 250,000 cables, compiling costs more than
the search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.site.escaping import escaped

_REDACTIONS = re.compile(r"\bX{3,}\b")
# "Ref A", "REF B", "reftel A", "refs C": the label must be one the cable defines.
# Tried only where the lower-cased text reads "ref": a regex whose every branch
# starts with \b and a case-blind letter is tried at each character of the
# paragraph, and that scan was most of the cost of marking up a cable.
# "Refs G, H", "REFS A-C", "refs A and B" name more labels after the first.
_REF_AT = re.compile(
    r"\b(?:(?P<ref>(?i:ref(?:tel)?s?)\.?\s?(?P<label>[A-Za-z])\b"
    r"(?P<more>(?:\s?(?:,|-|&|,?\s?(?i:and))\s?[A-Z]\b)*))|(?P<reftel>(?i:reftels?)\b))"
)
_MORE_LABEL = re.compile(r"(?<![A-Za-z])[A-Z](?![A-Za-z])")

# Which decoration wins where two overlap: a garble swallows anything inside it.
_GARBLED, _RED, _PERSON, _REF_KIND = 0, 1, 2, 3


@dataclass(frozen=True)
class Links:
    """What a cable's text may link to, with hrefs already relative to the cable page."""

    refs: dict[str, str]
    """Upper-case REF label -> href of its entry in the reference list ("#ref-A")."""
    reftel: str | None
    """Where a bare "reftel" points: the only reference, or the reference list."""
    people: tuple[tuple[str, str], ...]
    """(spelling, href of the person page), longest spelling first."""
    garbled: tuple[str, ...]
    """Garbled passages to mark, as found by the parser."""


def people_links(spellings: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Spellings ordered so a longer name wins over a shorter one it contains."""
    unique = {s: href for s, href in spellings if len(s.strip()) > 1}
    return tuple(sorted(unique.items(), key=lambda kv: (-len(kv[0]), kv[0])))


# (start, end, priority, markup of the span, what it links to)
Span = tuple[int, int, int, str, str]


def _occurrences(text: str, needle: str, whole_word: bool) -> Iterable[tuple[int, int]]:
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not whole_word or (_boundary(text, start - 1) and _boundary(text, end)):
            yield start, end
        start = text.find(needle, start + 1)


def _boundary(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or not (text[i].isalnum() or text[i] == "_")


# The three decorations below are the only page markup left in Python strings. They
# sit inside the text of a paragraph, at spans found on the plain text before any
# template runs (a cable holds hundreds of them), and they reach every template
# as the already-safe `html` of a paragraph or a subject; a site restyles them by
# their classes: redacted, garbled, visually-hidden, ref, person.
def _tag(open_: str, inner: str, close: str) -> str:
    return f"{open_}{inner}{close}"


def _redacted(text: str) -> str:
    return _tag(
        '<span class="redacted" role="img" aria-label="redacted">', escaped(text), "</span>"
    )


def redactions_marked(text: str) -> str:
    """`text` escaped, each redacted run marked as in paragraph text (for subjects in lists)."""
    if "XXX" not in text:
        return escaped(text)  # most subjects: nothing redacted
    parts, last = [], 0
    for m in _REDACTIONS.finditer(text):
        parts += [escaped(text[last : m.start()]), _redacted(m.group(0))]
        last = m.end()
    parts.append(escaped(text[last:]))
    return "".join(parts)


def _garbled(text: str) -> str:
    # The visually hidden prefix tells screen readers what the odd characters are.
    return _tag(
        '<span class="garbled" title="garbled in transmission">'
        '<span class="visually-hidden">garbled passage: </span>',
        redactions_marked(text),
        "</span>",
    )


def _link(cls: str, href: str, text: str) -> str:
    return f'<a class="{cls}" href="{escaped(href)}">{escaped(text)}</a>'


def _references(text: str) -> Iterator[re.Match[str]]:
    """REF and reftel mentions, left to right, none overlapping another.

    A mention never overlaps a redaction (it holds at most one X, a redaction
    three), so finding the two apart gives what one regex over both would.
    """
    lower = text.lower()
    if len(lower) != len(text):
        # A character whose lower case is longer would shift every position after it.
        yield from _REF_AT.finditer(text)
        return
    end = 0
    start = lower.find("ref")
    while start >= 0:
        m = _REF_AT.match(text, start) if start >= end else None
        if m is not None:
            yield m
            end = m.end()
        start = lower.find("ref", start + 1)


def _spans(text: str, links: Links) -> list[Span]:
    found: list[Span] = []
    # Each distinct passage once: the same garble repeated would rescan the text each time.
    for g in dict.fromkeys(links.garbled):
        if len(g) > 2:
            found += [(s, e, _GARBLED, _garbled(g), "") for s, e in _occurrences(text, g, False)]
    # Most paragraphs hold neither: skip the regex scans for them.
    if "XXX" in text:
        found += [
            (m.start(), m.end(), _RED, _redacted(m.group(0)), "")
            for m in _REDACTIONS.finditer(text)
        ]
    for m in _references(text):
        piece = m.group(0)
        if m.group("ref") is not None:
            found += _label_spans(m, links)
        elif links.reftel:
            found.append(
                (m.start(), m.end(), _REF_KIND, _link("ref", links.reftel, piece), links.reftel)
            )
    for name, href in links.people:
        # Most names of a cable are absent from most of its paragraphs: one C-level test each.
        if name in text:
            made = _link("person", href, name)
            found += [(s, e, _PERSON, made, href) for s, e in _occurrences(text, name, True)]
    return found


def _label_spans(m: re.Match[str], links: Links) -> list[Span]:
    """ "Refs G, H": "Refs G" links to G and "H" to H; a label the cable lacks ends the list."""
    href = links.refs.get(m.group("label").upper())
    if href is None:
        return []
    end = m.end("label")
    spans = [(m.start(), end, _REF_KIND, _link("ref", href, m.group(0)[: end - m.start()]), href)]
    for more in _MORE_LABEL.finditer(m.group("more")):
        href = links.refs.get(more.group(0))
        if href is None:
            break
        start = m.start("more") + more.start()
        spans.append((start, start + 1, _REF_KIND, _link("ref", href, more.group(0)), href))
    return spans


def _choose(found: list[Span]) -> list[Span]:
    """Non-overlapping spans: higher priority first, then earlier, then longer."""
    chosen: list[Span] = []
    # Starts and ends of the chosen spans, both sorted (they never overlap), so a
    # candidate is checked against its two neighbours only: a hostile paragraph
    # can hold a hundred thousand spans, and checking each against all is quadratic.
    starts: list[int] = []
    ends: list[int] = []
    for span in sorted(found, key=lambda s: (s[2], s[0], s[0] - s[1])):
        i = bisect.bisect_right(starts, span[0])
        if (i == 0 or ends[i - 1] <= span[0]) and (i == len(starts) or span[1] <= starts[i]):
            starts.insert(i, span[0])
            ends.insert(i, span[1])
            chosen.append(span)
    return sorted(chosen)


def _first_mentions(spans: list[Span]) -> list[Span]:
    # A name linked every time it recurs turns a paragraph into a field of
    # underlines: link each person's first mention in the paragraph only.
    seen: set[str] = set()
    kept: list[Span] = []
    for span in spans:
        if span[2] == _PERSON:
            if span[4] in seen:
                continue
            seen.add(span[4])
        kept.append(span)
    return kept


def markup(text: str, links: Links) -> Markup:
    """The paragraph text as safe HTML with its decorations."""
    found = _spans(text, links)
    if not found:
        return escape(text)  # most paragraphs: nothing to decorate
    out: list[str] = []
    last = 0
    for start, end, _, made, _ in _first_mentions(_choose(found)):
        out += [escaped(text[last:start]), made]
        last = end
    out.append(escaped(text[last:]))
    return Markup("".join(out))
