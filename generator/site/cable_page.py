"""The cable page: a finished Cable plus the linked Corpus -> a typed `CablePage`.

Everything the template shows is decided here, in Python, so templates/cable.html
only lays it out. Links are site-root paths, except inside paragraph markup,
which generator.site.cable_body builds with hrefs already relative to the cable page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from functools import lru_cache

from markupsafe import Markup

from generator import facts, urls
from generator.config import SiteConfig
from generator.corpus import link
from generator.corpus.link import CableMeta, Corpus
from generator.model import Cable, Paragraph, Reference
from generator.people.roles import word as role_word
from generator.site import cable_body as body
from generator.site import citation, graph, json_text, related
from generator.site.pages import (
    Banner,
    CableLink,
    CablePage,
    Page,
    ParagraphView,
    PersonLink,
    ReferenceView,
    TagView,
)
from generator.site.routing_view import routing_view

_LEVELS = (
    ("TOP SECRET", "top-secret"),
    ("TS", "top-secret"),
    ("SECRET", "secret"),
    ("S", "secret"),
    ("CONFIDENTIAL", "confidential"),
    ("C", "confidential"),
    ("UNCLASSIFIED", "unclassified"),
    ("UNCLAS", "unclassified"),
    ("SBU", "unclassified"),
    ("U", "unclassified"),
)


@lru_cache(maxsize=1024)
def level(marking: str | None) -> str:
    """CSS level of a classification or portion mark ("S/NF" -> "secret").

    Cached: a few dozen markings recur in every paragraph of every cable.
    """
    if not marking:
        return "none"
    head = marking.upper().split("//")[0].split("/")[0].strip()
    for word, name in _LEVELS:
        if head == word or (len(word) > 2 and head.startswith(word)):
            return name
    return "unknown"


CABLE_TEMPLATE = "cable.html"


@dataclass(frozen=True)
class Shown:
    """The other cables a cable page shows, declared once.

    The page's context reads them (`page`); the cable page family
    (generator.site.family.CABLE) keys the page by them and finds, for a changed
    cable, the pages that show it: a field added here reaches all three, so no
    cable page can go quietly stale.
    """

    references: tuple[CableMeta | None, ...]
    """The cable each REF resolves to in the archive, in REF order; None when it has none."""
    previous: CableMeta | None
    """The cable before it from the same post, by date."""
    next: CableMeta | None
    """The cable after it from the same post, by date."""
    referenced_by: tuple[CableMeta, ...]
    """The cables of the archive whose REFs cite it, by date."""
    earlier: CableMeta | None = None
    """The cable before it in the whole archive, by date."""
    later: CableMeta | None = None
    """The cable after it in the whole archive, by date."""
    graph: graph.Graph | None = None
    """Its reference graph, laid out (generator.site.graph), links elsewhere aside.

    The layout itself is the key: it holds every cable drawn and every count
    written, and none of their bodies, so a body edit redraws no other graph.
    """

    related: tuple[related.Related, ...] = ()
    """The closest cables by shared TAGS, people and references (generator.site.related).

    Not symmetric: the cables whose related cables an edit can change are
    `related.affected` (generator.incremental.touched). No body is in it either.
    """

    def ids(self) -> set[str]:
        """The IDs of every cable shown. The graph's caps aside, the relations but the
        related cables' are symmetric: `showing` gives the cables whose pages show a cable."""
        found: set[str] = set()
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, graph.Graph):
                found |= value.ids()
                continue
            for m in value if isinstance(value, tuple) else (value,):
                if m is not None:
                    found.add(m.id)
        return found


def showing(corpus: Corpus, cable_id: str) -> set[str]:
    """IDs of the cables whose page may show `cable_id` (for an in-place update)."""
    if cable_id not in corpus.cables:
        return set()
    return shown(corpus, cable_id).ids() | graph.reach(corpus, cable_id)


def shown(corpus: Corpus, cable_id: str) -> Shown:
    """What the page of `cable_id` shows of other cables."""
    m = corpus.cables[cable_id]
    prev, nxt = corpus.neighbours(cable_id)
    earlier, later = corpus.chronological(cable_id)
    return Shown(
        references=tuple(corpus.get(r.id) if r.id != m.id else None for r in m.references),
        previous=prev,
        next=nxt,
        referenced_by=tuple(corpus.cables[i] for i in corpus.referenced_by.get(cable_id, ())),
        earlier=earlier,
        later=later,
        graph=graph.graph(corpus, cable_id),
        related=related.related(corpus, cable_id),
    )


def link_to(m: CableMeta) -> CableLink:
    """A cable as one line of a list."""
    date = link.shown_date(m.created, m.year)
    return CableLink(m.id, m.subject, date, m.origin, m.classification, m.path)


def created_text(created: str | None, year: int | None = None) -> str:
    """Weekday, date and time in words, e.g. "Friday 18 December 2009, 05:19 UTC"."""
    if not created:
        return f"{year}; exact date unknown" if year else "date unknown"
    try:
        dt = _datetime(created)
    except ValueError:
        return created
    return f"{dt:%A} {dt.day} {dt:%B %Y}, {dt:%H:%M} UTC"


_ISO_SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def _datetime(created: str) -> datetime:
    """`datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")`, quick for the usual shape."""
    if _ISO_SECOND.fullmatch(created):
        # strptime rebuilds its matcher state per call: ten times the cost of this.
        y, mo, d = int(created[:4]), int(created[5:7]), int(created[8:10])
        return datetime(y, mo, d, int(created[11:13]), int(created[14:16]), int(created[17:19]))
    return datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")


def _unique(anchor: str, seen: Counter[str]) -> str:
    """The anchor, suffixed "-2", "-3" ... when the cable uses it again (two ¶1s, two REF As)."""
    seen[anchor] += 1
    return anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"


def _ref_anchor(ref: Reference, index: int) -> str:
    label = urls.slug(ref.label, 16) if ref.label else ""
    return f"ref-{label.upper()}" if label else f"ref-{index}"


def references(
    cable: Cable,
    cited: tuple[CableMeta | None, ...],
    external: Callable[[str], str | None] = lambda _: None,
) -> tuple[ReferenceView, ...]:
    """Each REF, resolved to its page when the cited cable is in the archive."""
    out: list[ReferenceView] = []
    seen: Counter[str] = Counter()
    for i, (ref, target) in enumerate(zip(cable.references, cited, strict=True), 1):
        anchor = _unique(_ref_anchor(ref, i), seen)
        out.append(
            ReferenceView(
                anchor=anchor,
                label=ref.label or "",
                text=ref.text,
                id=ref.id,
                target=target.path if target else None,
                subject=target.subject if target else None,
                external=external(ref.id) if ref.id and not target else None,
            )
        )
    return tuple(out)


def body_links(cable: Cable, refs: tuple[ReferenceView, ...], path: str) -> body.Links:
    """What the paragraphs of `cable`, on its page at `path`, may link to."""
    by_label: dict[str, str] = {}
    for r in refs:
        if r.label:
            # a label with several cables (`A. DHAKA 412/398`) links to its first
            by_label.setdefault(r.label.upper(), f"#{r.anchor}")
    reftel = f"#{refs[0].anchor}" if len(refs) == 1 else ("#references" if refs else None)
    rel = urls.linker(path)
    spellings = [
        (s, href)
        for m in cable.people
        for href in (rel(urls.person(m.slug)),)
        for s in dict.fromkeys((*m.spellings, m.name))
    ]
    return body.Links(by_label, reftel, body.people_links(spellings), cable.garbled)


def paragraphs(cable: Cable, links: body.Links) -> tuple[ParagraphView, ...]:
    """The body, numbered as in the cable, each paragraph with a unique anchor."""
    out: list[ParagraphView] = []
    seen: Counter[str] = Counter()
    for i, p in enumerate(cable.paragraphs, 1):
        anchor = _unique(_paragraph_anchor(p, i), seen)
        shown = f"{p.number}." if p.number else None
        html = body.markup(p.text, links)
        out.append(ParagraphView(anchor, shown, p.marking, level(p.marking), p.kind, html))
    return tuple(out)


def _paragraph_anchor(p: Paragraph, index: int) -> str:
    if p.number:
        return f"p{urls.slug(p.number, 16)}" if not p.number.isalnum() else f"p{p.number}"
    # Unnumbered text still gets a stable anchor, by position, so every paragraph is citable.
    return f"t{index}"


def description(cable: Cable) -> str:
    """The first text paragraph, cut at a word near 200 characters."""
    text = next((p.text for p in cable.paragraphs if p.kind != "heading" and p.text), "")
    text = " ".join(text.split())
    if len(text) <= 200:
        return text or cable.subject
    return text[:200].rsplit(" ", 1)[0] + " …"


def jsonld(data: dict[str, object]) -> Markup:
    """JSON for a <script type="application/ld+json"> block that cable text cannot close."""
    text = json_text.dumps(data, 1, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def schema(cable: Cable, author: str, site: str, url: str | None) -> dict[str, object]:
    """The schema.org description of a cable."""
    ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "identifier": cable.id,
        "name": cable.subject or cable.id,
        "author": {"@type": "Organization", "name": author},
        "keywords": list(cable.tags),
        "isPartOf": {"@type": "Collection", "name": site},
    }
    if cable.created:
        ld["dateCreated"] = cable.created
    if url:
        ld["url"] = url
    return ld


def page(cable: Cable, corpus: Corpus, config: SiteConfig, others: Shown | None = None) -> Page:
    """The cable page of `cable`, cross-linked through `corpus` (`others`: its `shown`)."""
    m = corpus.cables[cable.id]
    path = m.path
    st = facts.station(cable.origin)
    origin_title = st.title if st else cable.origin.title()
    others = shown(corpus, cable.id) if others is None else others
    refs = references(cable, others.references, config.missing_reference)
    base_url = config.base_url.rstrip("/") + "/" if config.base_url else ""
    permalink = base_url + path if base_url else path
    date = link.shown_date(cable.created, cable.year)
    title = f"{cable.id}: {cable.subject}" if cable.subject else cable.id
    cite = (cable.id, cable.subject, origin_title, date, cable.classification, permalink)
    context = CablePage(
        id=cable.id,
        subject=cable.subject,
        title=title,
        description=description(cable),
        banner=Banner(level(cable.classification), cable.classification, cable.caveats),
        created=cable.created,
        created_text=created_text(cable.created, cable.year),
        origin=cable.origin,
        origin_title=origin_title,
        origin_country=st.country if st else None,
        origin_target=urls.origin(cable.origin),
        precedence=cable.precedence,
        classification=cable.classification,
        classification_target=urls.classification(cable.classification),
        tags=tuple(_tag(code) for code in cable.tags),
        keywords=cable.keywords,
        references=refs,
        signer=cable.signer,
        classified_by=cable.classified_by,
        eo=cable.eo,
        declassify=cable.declassify,
        handling=cable.handling,
        section=cable.section,
        routing=routing_view(cable.routing) if cable.routing else None,
        partial=cable.partial,
        paragraphs=paragraphs(cable, body_links(cable, refs, path)),
        garbled=len(cable.garbled),
        redactions=cable.redactions,
        referenced_by=tuple(link_to(c) for c in others.referenced_by),
        people=tuple(
            PersonLink(p.name, urls.person(p.slug), tuple(map(role_word, p.roles)))
            for p in cable.people
        ),
        previous=link_to(others.previous) if others.previous else None,
        next=link_to(others.next) if others.next else None,
        raw_target=urls.cable_raw(path),
        json_target=urls.cable_json(path),
        permalink=permalink,
        citation=f"{cable.id}, “{cable.subject}”, {origin_title}, {date}. {permalink}",
        cite_url=permalink,
        cite_absolute=bool(base_url),
        chicago=citation.chicago(*cite),
        bibtex=citation.bibtex(*cite),
        date=date,
        jsonld=jsonld(schema(cable, origin_title, config.title, permalink if base_url else None)),
        released=cable.released,
        released_text=created_text(cable.released) if cable.released else "",
        created_note="from the release metadata" if cable.created_source == "metadata" else "",
        release_notes=release_notes(cable),
        earlier=link_to(others.earlier) if others.earlier else None,
        later=link_to(others.later) if others.later else None,
        graph=graph.linked(others.graph, config.missing_reference),
        related=others.related,
    )
    return Page(path=path, template=CABLE_TEMPLATE, context=context)


_NOTES = {
    "classification": "The release metadata says {metadata}; the cable's own marking says {text}.",
    "id": "The release metadata files this text as {metadata}; the text itself is cable {text}.",
}


def release_notes(cable: Cable) -> tuple[str, ...]:
    """What the page says where the release metadata and the text disagree seriously.

    A classification that differs, and a text that belongs to another cable; the
    other differences (origin, date) stay in the JSON record.
    """
    return tuple(
        _NOTES[d.field].format(metadata=d.metadata, text=d.text)
        for d in cable.disagreements
        if d.field in _NOTES
    )


@lru_cache(maxsize=8192)
def _tag(code: str) -> TagView:
    # Cached: a few thousand codes recur over every cable of an archive.
    t = facts.tag(code)
    return TagView(code, t.meaning, t.kind, urls.tag(code))
