"""HTML drawn in Python for the pieces every list page repeats: rows, timeline entries, pagers.

A list page shows fifty rows of the same shape, and Jinja pays for each output
chunk of each row (an escape, a Markup, an attribute lookup, a generator step):
at 250,000 cables that per-row cost was most of the list phase. These functions
write the same bytes the templates wrote, from the same typed contexts, with
every field escaped here by markupsafe's escaping (generator.site.escaping), and
return Markup only for text built that way. Links are relative to `page`, the
site-root path of the page the fragment goes on, exactly as `rel` makes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from generator import urls
from generator.site.cable_body import redactions_marked
from generator.site.escaping import escaped
from generator.site.listing import CableRow, Pager
from generator.site.person_pages import PersonEntry, PostCount, RoleCount, TimelineEntry


def subject(text: str) -> Markup:
    """A subject line for a page, its redacted runs marked as in the cable's text."""
    return Markup(redactions_marked(text))


def _date(date: str) -> str:
    if date == "undated":
        return "undated"
    d = escaped(date)
    return f'<time datetime="{d}">{d}</time>'


def _table_head(origin: bool) -> str:
    # static/site.js makes these headings sort buttons; the rows stay in built order without it.
    cols = ("Date", "ID", "Subject", *(("Origin",) if origin else ()), "Classification")
    heads = "".join(f'<th scope="col">{c}</th>' for c in cols)
    return f'<table class="cable-table">\n<thead><tr>{heads}</tr></thead>\n<tbody>\n'


_TABLE_HEADS = {True: _table_head(True), False: _table_head(False)}


def cable_table(rows: Sequence[CableRow], page: str, origin: bool = True) -> Markup:
    """The table of cables of a list page: date, ID, subject, origin, classification.

    `origin` False leaves out the origin column, which says nothing on an origin's own page.
    """
    rel = urls.linker(page)
    out = [_TABLE_HEADS[origin]]
    for r in rows:
        label = r.label
        post = (
            f'<td class="c-origin"><a href="{escaped(rel(r.origin_target))}">'
            f"{escaped(r.origin)}</a></td>\n"
            if origin
            else ""
        )
        out.append(
            f'<tr>\n<td class="c-date">{_date(r.date)}</td>\n'
            f'<td class="c-id"><a href="{escaped(rel(r.target))}">{escaped(r.id)}</a></td>\n'
            f'<td class="c-subject">{redactions_marked(r.subject)}</td>\n{post}'
            f'<td class="c-class"><a class="cls-label cls-{escaped(label.level)}" '
            f'href="{escaped(rel(label.target))}">{escaped(label.words)}</a></td>\n</tr>\n'
        )
    out.append("</tbody>\n</table>")
    return Markup("".join(out))


def _status(pager: Pager, noun: str) -> str:
    if pager.count > 1:
        return (
            f"{escaped(noun.capitalize())} {pager.first}–{pager.last} of {pager.total}, "
            f"page {pager.number} of {pager.count}, newest first"
        )
    if pager.total == 1:
        return f"1 {escaped(noun[:-1])}"
    if pager.total:
        return f"{pager.total} {escaped(noun)}, newest first"
    return f"No {escaped(noun)}"


def pager_nav(pager: Pager, page: str, noun: str = "cables") -> Markup:
    """Where this page sits in its list, and links to the pages around it."""
    head = (
        '<nav class="pager" aria-label="Pages of this list">\n'
        f'<p class="pager-status">{_status(pager, noun)}</p>\n'
    )
    if pager.count <= 1:
        return Markup(head + "\n</nav>")
    rel = urls.linker(page)
    out = [head, '<ul>\n<li class="pager-prev">']
    if pager.prev:
        out.append(f'<a rel="prev" href="{escaped(rel(pager.prev))}">← Newer</a>')
    else:
        out.append('<span class="pager-off">← Newer</span>')
    out.append("</li>\n")
    for link in pager.links:
        if link.number == 0:
            out.append('<li><span class="pager-gap">…</span></li>\n')
        else:
            current = ' aria-current="page"' if link.current else ""
            href = escaped(rel(link.target))
            out.append(f'<li><a{current} href="{href}">{link.number}</a></li>\n')
    out.append('<li class="pager-next">')
    if pager.next:
        out.append(f'<a rel="next" href="{escaped(rel(pager.next))}">Older →</a>')
    else:
        out.append('<span class="pager-off">Older →</span>')
    out.append("</li>\n</ul>\n</nav>")
    return Markup("".join(out))


def pager_head(pager: Pager, page: str) -> Markup:
    """<link rel="prev"> and <link rel="next"> for the <head> of a paginated list."""
    out = []
    if pager.prev:
        out.append(f'<link rel="prev" href="{escaped(urls.href(page, pager.prev))}">\n')
    if pager.next:
        out.append(f'<link rel="next" href="{escaped(urls.href(page, pager.next))}">\n')
    return Markup("".join(out))


def timeline(entries: Sequence[TimelineEntry], page: str) -> Markup:
    """A person's timeline: one <li> per cable, with the sentence that names them."""
    rel = urls.linker(page)
    out = []
    for e in entries:
        r = e.cable
        label = r.label
        roles = "".join(f' <span class="role">{escaped(role)}</span>' for role in e.roles)
        out.append(
            f'<li>\n<p class="t-head">{_date(r.date)} · '
            f'<a href="{escaped(rel(r.target))}">{escaped(r.id)}</a> · '
            f'<a href="{escaped(rel(r.origin_target))}">{escaped(r.origin)}</a> '
            f'<a class="cls-label cls-{escaped(label.level)}" href="{escaped(rel(label.target))}">'
            f"{escaped(label.words)}</a>{roles}</p>\n"
            f'<p class="t-subject">{redactions_marked(r.subject)}</p>\n'
        )
        if e.sentence:
            out.append(
                f'<blockquote class="t-sentence"><p>{escaped(e.sentence)} <a class="t-para" '
                f'href="{escaped(rel(e.sentence_target))}">in context →</a></p></blockquote>\n'
            )
        out.append("</li>\n")
    return Markup("".join(out))


def counted_links(items: Sequence[PersonEntry | PostCount], page: str) -> Markup:
    """Linked names with their counts, comma-separated, each kept on one line."""
    rel = urls.linker(page)
    last = len(items) - 1
    return Markup(
        "".join(
            f'<span class="nowrap"><a href="{escaped(rel(c.target))}">{escaped(c.name)}</a> '
            f'<span class="count">{c.count}</span>{"," if i < last else ""}</span> '
            for i, c in enumerate(items)
        )
    )


def role_counts(items: Sequence[RoleCount]) -> Markup:
    """Each role a person is named in, with how many cables name them so."""
    return Markup(
        "".join(
            f'<span class="role">{escaped(r.role)} <span class="count">{r.count}</span></span> '
            for r in items
        )
    )
