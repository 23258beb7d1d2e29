"""HTML drawn in Python for the repeated parts of a cable page: paragraphs, stations, link lists.

A cable page has some twenty paragraphs, a dozen routing stations and a few
lists of links, and in Jinja each of their output chunks cost an escape, a
Markup and an attribute lookup: that was half of the page's rendering. These
functions write the bytes templates/cable.html wrote from the same typed
context, every field escaped here by markupsafe's escaping (generator.site.escaping;
paragraph html is already Markup from generator.site.cable_body), and return Markup only
for text built so.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from generator import urls
from generator.people.roles import word as role_word
from generator.site.cable_body import redactions_marked
from generator.site.escaping import escaped
from generator.site.pages import (
    CableLink,
    ParagraphView,
    PersonLink,
    ReferenceView,
    RoutingView,
    StationView,
    TagView,
)


def _paragraph(p: ParagraphView) -> str:
    anchor = escaped(p.anchor)
    number = f'<span class="pnum">{escaped(p.number)}</span> ' if p.number else ""
    if p.kind == "heading":
        return (
            f'\n<h2 class="para-heading" id="{anchor}">{number}{p.html} <a class="pilcrow" '
            f'href="#{anchor}" aria-label="Link to this heading">¶</a></h2>\n'
        )
    what = f"paragraph {escaped(p.number)}" if p.number else "this paragraph"
    mark = ""
    if p.marking:
        m = escaped(p.marking)
        mark = (
            f'<span class="mark mark-{escaped(p.level)}" title="Portion marked {m}">({m})</span> '
        )
    return (
        f'\n<div class="para para-{escaped(p.kind)}" id="{anchor}">\n'
        f'<a class="pilcrow" href="#{anchor}" aria-label="Link to {what}" '
        f'title="Link to this paragraph">¶</a>\n<p>{number}{mark}{p.html}</p>\n</div>\n'
    )


def paragraphs(items: Sequence[ParagraphView]) -> Markup:
    """The text of the cable, paragraph by paragraph, each with its pilcrow link."""
    return Markup("".join([_paragraph(p) for p in items]))


def station(s: StationView) -> Markup:
    """One station of the routing header: indicator, the post it stands for, as written."""
    ri = s.routing_indicator
    out = f"<code>{escaped(ri)}</code> " if ri else ""
    if s.title:
        out += f"<strong>{escaped(s.title)}</strong>"
        if s.country:
            out += f", {escaped(s.country)}"
        if s.written != ri:
            out += f' <span class="muted">{escaped(s.written)}</span>'
    elif s.written != ri:
        # Through an f-string: str + Markup would escape the str built so far.
        out += f"{escaped(s.written)}"
    else:
        out += '<span class="muted">station not known</span>'
    if s.precedence:
        out += f' <span class="tag-small">{escaped(s.precedence)}</span>'
    if s.serial:
        out += f' <span class="muted">serial {escaped(s.serial)}</span>'
    return Markup(out + "\n")


def station_lists(r: RoutingView) -> Markup:
    """From, To, Info and Relayed to: a heading and a list of stations each, when not empty."""
    groups = (("From", (r.sender,) if r.sender else ()), ("To", r.to), ("Info", r.info))
    out = []
    for heading, stations in (*groups, ("Relayed to", r.relay)):
        if stations:
            items = "".join([f"<li>{station(s)}</li>" for s in stations])
            out.append(
                f'\n<h2 class="routing-heading">{heading}</h2>\n<ul class="stations">{items}</ul>\n'
            )
    return Markup("".join(out))


def tags(items: Sequence[TagView], page: str) -> Markup:
    """The <li> of each TAGS code, linked to its list, with its meaning when known."""
    rel = urls.linker(page)
    out = []
    for t in items:
        meaning = f' <span class="meaning">{escaped(t.meaning)}</span>' if t.meaning else ""
        out.append(
            f'<li><a href="{escaped(rel(t.target))}"><code>{escaped(t.code)}</code></a>'
            f"{meaning}</li>"
        )
    return Markup("".join(out))


def references(items: Sequence[ReferenceView], page: str) -> Markup:
    """The <li> of each REF: linked when the cited cable is here, else said to be missing."""
    rel = urls.linker(page)
    out = []
    for r in items:
        label = f'<span class="ref-label">{escaped(r.label)}.</span> ' if r.label else ""
        if r.target:
            cited = f'<a href="{escaped(rel(r.target))}">{escaped(r.text)}</a>'
            if r.subject:
                cited += f' <span class="muted">{redactions_marked(r.subject)}</span>'
        else:
            known = f"({escaped(r.id)}) " if r.id else ""
            cited = f'{escaped(r.text)} <span class="not-here">{known}not in this archive</span>'
            if r.external:
                cited += f' <a class="external" href="{escaped(r.external)}">read it elsewhere</a>'
        out.append(f'<li id="{escaped(r.anchor)}">{label}{cited}</li>')
    return Markup("".join(out))


def people(items: Sequence[PersonLink], page: str) -> Markup:
    """The <li> of each person named, with their roles unless only mentioned."""
    rel = urls.linker(page)
    out = []
    for p in items:
        roles = ""
        if p.roles and p.roles != (role_word("mentioned"),):
            roles = f' <span class="muted">({escaped(", ".join(p.roles))})</span>'
        out.append(f'<li><a href="{escaped(rel(p.target))}">{escaped(p.name)}</a>{roles}</li>')
    return Markup("".join(out))


def cited_by(items: Sequence[CableLink], page: str) -> Markup:
    """The <li> line of each cable citing this one."""
    rel = urls.linker(page)
    return Markup(
        "".join(
            f'<li><a href="{escaped(rel(c.target))}"><code>{escaped(c.id)}</code> '
            f'{redactions_marked(c.subject or c.id)}</a> <span class="muted">{escaped(c.date)} · '
            f"{escaped(c.origin)} · {escaped(c.classification)}</span></li>\n"
            for c in items
        )
    )
