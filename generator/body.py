"""Markup for the text of a cable paragraph: redactions, garbles, REF and people links.

Cable text is never trusted. The spans to decorate are found on the plain text,
then every piece of text is escaped and wrapped in markup built here, so no
character of the cable ever reaches the page unescaped and no regex ever runs
over HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

_REDACTION = r"\bX{3,}\b"
# "Ref A", "REF B", "reftel A", "refs C": the label must be one the cable defines.
_REF = r"\b(?i:ref(?:tel)?s?)\.?\s?(?P<label>[A-Za-z])\b"
_REFTEL = r"\b(?i:reftels?)\b"


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


def _pattern(links: Links) -> re.Pattern[str]:
    parts = []
    garbled = [
        re.escape(g) for g in sorted(set(links.garbled), key=len, reverse=True) if len(g) > 2
    ]
    if garbled:
        parts.append(f"(?P<garbled>{'|'.join(garbled)})")
    parts.append(f"(?P<red>{_REDACTION})")
    names = [re.escape(name) for name, _ in links.people]
    if names:
        parts.append(rf"(?P<person>\b(?:{'|'.join(names)})\b)")
    if links.refs:
        parts.append(f"(?P<ref>{_REF})")
    if links.reftel:
        parts.append(f"(?P<reftel>{_REFTEL})")
    return re.compile("|".join(parts))


def _redacted(text: str) -> Markup:
    return Markup('<span class="redacted" role="img" aria-label="redacted">{}</span>').format(text)


def markup(text: str, links: Links) -> Markup:
    """The paragraph text as safe HTML with its decorations."""
    pattern = _pattern(links)
    people = dict(links.people)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        piece = m.group(0)
        kind = m.lastgroup if m.lastgroup != "label" else "ref"
        made = _decorate(kind, piece, m, links, people)
        if made is None:
            continue
        out.append(escape(text[last : m.start()]))
        out.append(made)
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _decorate(
    kind: str | None, piece: str, m: re.Match[str], links: Links, people: dict[str, str]
) -> Markup | None:
    if kind == "garbled":
        # The visually hidden prefix tells screen readers what the odd characters are.
        inner = Markup("").join(_split_redactions(piece))
        return Markup(
            '<span class="garbled" title="garbled in transmission">'
            '<span class="visually-hidden">garbled passage: </span>{}</span>'
        ).format(inner)
    if kind == "red":
        return _redacted(piece)
    if kind == "person":
        return Markup('<a class="person" href="{}">{}</a>').format(people[piece], piece)
    if kind == "ref":
        href = links.refs.get(m.group("label").upper())
        if href is None:
            return None
        return Markup('<a class="ref" href="{}">{}</a>').format(href, piece)
    if kind == "reftel" and links.reftel:
        return Markup('<a class="ref" href="{}">{}</a>').format(links.reftel, piece)
    return None


def _split_redactions(text: str) -> list[Markup]:
    out: list[Markup] = []
    last = 0
    for m in re.finditer(_REDACTION, text):
        out.append(escape(text[last : m.start()]))
        out.append(_redacted(m.group(0)))
        last = m.end()
    out.append(escape(text[last:]))
    return out
