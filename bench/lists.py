"""CPU time of the index pages and exports alone, on synthetic metadata.

    python -m bench.lists 10000

Builds N CableMeta values directly (250 posts, 900 tags, 20,000 people, three
people and three tags per cable), links them, then times lists.pages, rendering
every page through the real templates, and exports.files. CPU time, not wall
time, so a busy machine does not skew the figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator import config, urls
from generator.corpus import link
from generator.corpus.link import CableMeta, PersonRef
from generator.render import renderer as render
from generator.site import exports, lists
from generator.site.pages import Page

ROOT = Path(__file__).resolve().parent.parent


def metas(count: int) -> list[CableMeta]:
    out = []
    for i in range(count):
        year, month = 2000 + i % 11, 1 + i % 12
        created = f"{year:04d}-{month:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
        origin = f"POST{i % 250}"
        cid = f"{year % 100:02d}{origin}{i}"
        names = [f"Person{(i * 7 + k * 13) % 20000} Name{k}" for k in range(3)]
        people = tuple(
            PersonRef(n, urls.slug(n), ("mentioned",), ("p1",), ("Name",), "A sentence.")
            for n in names
        )
        out.append(
            CableMeta(
                id=cid,
                created=created,
                year=year,
                month=month,
                origin=origin,
                classification=("UNCLASSIFIED", "CONFIDENTIAL", "SECRET//NOFORN")[i % 3],
                tags=(f"T{i % 900:03d}", f"T{(i * 3) % 900:03d}", "PGOV"),
                subject=f"SUBJECT {i}",
                references=(),
                people=people,
                signer=None,
                partial=False,
                source_path=f"{cid}.txt",
                digest="",
                path=urls.cable(cid, year, month),
            )
        )
    return out


def main(count: int) -> None:
    cfg = config.load(root=ROOT, overrides={"templates": str(ROOT / "templates")})
    start = time.process_time()
    corpus = link.link(metas(count))
    linked = time.process_time()
    pages = list(lists.pages(corpus, cfg))
    built = time.process_time()
    draw = render.renderer(cfg)
    size = sum(len(draw(p)) for p in pages)
    drawn = time.process_time()
    records = ((cid, {"id": cid}) for cid in corpus.order)
    env = render.environment(cfg, auto_reload=False)
    exported = 0
    for _, data in exports.files(corpus, cfg, records):
        if isinstance(data, Page):
            data = render.stream(env, data)  # the feed and sitemaps, from their templates
        exported += len(data) if isinstance(data, bytes) else sum(map(len, data))
    done = time.process_time()
    print(f"{count} cables: link {linked - start:.1f}s")
    print(f"lists.pages: {len(pages)} pages in {built - linked:.1f}s")
    print(f"render: {size / 1e6:.0f} MB in {drawn - built:.1f}s")
    print(f"exports: {exported / 1e6:.1f} MB in {done - drawn:.1f}s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
