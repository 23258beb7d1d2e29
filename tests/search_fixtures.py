"""Small hand-made corpora for the search tests: metadata plus pages shaped like cable pages."""

from __future__ import annotations

import html
from pathlib import Path

from generator import urls
from generator.link import CableMeta, Corpus, PersonRef, link


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
