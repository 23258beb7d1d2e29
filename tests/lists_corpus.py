"""A hand-made Corpus for the index page and export tests, and a renderer over it.

The metadata is built directly (no parsing) so these tests pin the list pages'
behaviour on their own: three posts, tags with and without a known meaning,
people with roles and naming sentences, an undated cable, a hostile subject.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from generator import config as config_mod
from generator import urls
from generator.config import SiteConfig
from generator.corpus import link
from generator.corpus.link import CableMeta, Corpus, PersonRef
from generator.model import Reference
from generator.render import renderer as render
from generator.site import lists
from generator.site.pages import Page

ROOT = Path(__file__).resolve().parent.parent
ORIGINS = ("ASTANA", "STATE", "ZZNOWHERE")
CLASSES = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET//NOFORN", "UNCLASSIFIED//FOR OFFICIAL USE ONLY")


def person(name: str, roles: tuple[str, ...], anchor: str, spelling: str) -> PersonRef:
    slug = urls.slug(name)
    return PersonRef(name, slug, roles, (anchor,), (spelling,), f"{spelling} spoke at length.")


def metas(count: int = 130) -> list[CableMeta]:
    """`count` cables from 2008-2010; the first one undated."""
    out = []
    for i in range(count):
        year, month, day = 2008 + i % 3, 1 + i % 12, 1 + i % 28
        created = f"{year:04d}-{month:02d}-{day:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
        origin = ORIGINS[i % 3]
        cid = f"{year % 100:02d}{origin}{1000 + i}"
        people = []
        if i % 2 == 0:
            people.append(person("Yevgeniy Zhovtis", ("mentioned",), "p3", "Zhovtis"))
        if i % 5 == 0:
            people.append(person("Richard E. Hoagland", ("signer",), "p1", "HOAGLAND"))
        if i % 7 == 0:
            people.append(person("Ann Adams", ("classified_by", "mentioned"), "p2", "Ms. Adams"))
        tags = ("PHUM", "KZ") if i % 2 else ("PGOV", "QQZZ")
        dated = i != 0
        out.append(
            CableMeta(
                id=cid,
                created=created if dated else None,
                year=year if dated else None,
                month=month if dated else None,
                origin=origin,
                classification=CLASSES[i % len(CLASSES)],
                tags=tags,
                subject=f"SUBJECT NUMBER {i}, <script>alert({i})</script> & co",
                references=(Reference("A", f"STATE {i}", None),),
                people=tuple(people),
                signer="HOAGLAND" if i % 5 == 0 else None,
                partial=False,
                source_path=f"cables/{cid}.txt",
                digest=f"{i:064x}",
                path=urls.cable(cid, year if dated else None, month if dated else None),
            )
        )
    return out


def corpus(count: int = 130, shuffle: int | None = None) -> Corpus:
    items = metas(count)
    if shuffle is not None:
        random.Random(shuffle).shuffle(items)
    return link.link(items)


def site_config(**overrides: object) -> SiteConfig:
    base = config_mod.load(root=ROOT, overrides={"templates": str(ROOT / "templates")})
    return replace(base, **overrides)  # type: ignore[arg-type]


def write_site(out: Path) -> Path:
    """Every list page of the made-up corpus, with static/, written under `out`."""
    cfg = site_config()
    for path, html in draw_all(list(lists.pages(corpus(), cfg)), cfg).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(html, "utf-8")
    shutil.copytree(ROOT / "static", out / "static")
    return out


def draw_all(pages: list[Page], cfg: SiteConfig) -> dict[str, str]:
    """Every page rendered through the real Jinja2 environment, by site-root path."""
    draw = render.renderer(cfg)
    return {p.path: draw(p).decode("utf-8") for p in pages}


class Links(HTMLParser):
    """Hrefs, form actions and ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if (tag, name) in {("a", "href"), ("link", "href"), ("form", "action")}:
                self.links.append(value)


def parse_links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser
