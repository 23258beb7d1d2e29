"""Small hand-made corpora for the search tests: metadata plus pages shaped like cable pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator import urls
from generator.corpus.link import CableMeta, Corpus, PersonRef, link


def fake_meta(
    cid: str,
    created: str | None,
    subject: str,
    origin: str = "ASTANA",
    classification: str = "CONFIDENTIAL",
    tags: tuple[str, ...] = ("PGOV",),
    people: tuple[str, ...] = (),
) -> CableMeta:
    year = int(created[:4]) if created else None
    month = int(created[5:7]) if created else None
    return CableMeta(
        id=cid,
        created=created,
        year=year,
        month=month,
        origin=origin,
        classification=classification,
        tags=tags,
        subject=subject,
        references=(),
        people=tuple(PersonRef(n, urls.slug(n), (), ()) for n in people),
        signer=None,
        partial=False,
        source_path=f"{cid}.txt",
        digest=cid,
        path=urls.cable(cid, year, month),
    )


def page_html(m: CableMeta, body: str) -> str:
    """A page with the search attributes templates/cable.html carries."""
    e = html.escape
    filters = "".join(f'<li data-pagefind-filter="tag">{e(t)}</li>' for t in m.tags)
    people = "".join(f'<li data-pagefind-filter="person">{e(p.name)}</li>' for p in m.people)
    return (
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        "<nav><a href='#'>Navigation words zanzibar</a></nav>"
        f'<main><article data-pagefind-body data-pagefind-meta="id:{e(m.id)}">'
        f'<h1 data-pagefind-weight="5" data-pagefind-meta="title">{e(m.subject)}</h1>'
        f'<dl><dd data-pagefind-filter="origin" data-pagefind-meta="origin">{e(m.origin)}</dd>'
        f'<dd data-pagefind-filter="classification" data-pagefind-meta="classification">'
        f"{e(m.classification)}</dd>"
        f'<dd data-pagefind-meta="date">{e((m.created or "")[:10])}</dd></dl>'
        f"<ul>{filters}{people}</ul><p>{e(body)}</p></article></main></body></html>"
    )


def write_site(site: Path, pages: list[tuple[CableMeta, str]]) -> Corpus:
    """Write each page under `site` as the render stage would, and link the metadata."""
    for m, body in pages:
        target = site / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(m, body), "utf-8")
    return link(m for m, _ in pages)


def sample_pages() -> list[tuple[CableMeta, str]]:
    """Seven dated cables over four years and an undated one, each with a short body."""
    rows = [
        ("06ASTANA100", "2006-03-02T10:00:00Z", "Wheat exports to the region", "grain silos"),
        ("07ASTANA200", "2007-05-01T09:00:00Z", "Election monitors arrive", "ballots counted"),
        ("07ASTANA201", "2007-05-20T09:00:00Z", "Election day report", "turnout and ballots"),
        ("08ALMATY300", "2008-01-11T08:00:00Z", "Oil pipeline talks", "pipeline tariffs"),
        ("08ALMATY301", "2008-01-12T08:00:00Z", "Pipeline follow up", "wheat and oil"),
        ("09ASTANA2159", "2009-12-18T05:19:00Z", "Human rights activist sentenced", "wheat"),
        ("09STATE400", "2009-12-19T05:19:00Z", "Demarche on wheat quotas", "wheat quota"),
        ("09STATE401", None, "Undated notice", "no date at all"),
    ]
    return [
        (fake_meta(cid, created, subject, origin=re.sub(r"^\d+|\d+$", "", cid)), body)
        for cid, created, subject, body in rows
    ]
