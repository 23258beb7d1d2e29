"""The renderer's fast relative links agree with urls.href on every shape of path."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from generator import config, link, lists, pages, render, urls

ROOT = Path(__file__).resolve().parent.parent

PAGES = (
    "index.html",
    "404.html",
    "tags/index.html",
    "tag/PGOV/index.html",
    "tag/PGOV/p2.html",
    "person/john-smith/index.html",
    "people/a.html",
    "origin/ASTANA/index.html",
    "classification/secret/p3.html",
    "date/2009/12/index.html",
    "cable/2009/12/09ASTANA2159.html",
    "cable/undated/09X1.html",
    "/abs/page.html",
    "a//b.html",
    "./x/../y.html",
)
TARGETS = (
    "index.html",
    "tags/index.html",
    "tag/PGOV/index.html",
    "tag/PGOV/p2.html",
    "tag/PHUM/index.html",
    "person/john-smith/p2.html",
    "person/jane-doe/index.html",
    "people/index.html#most-named",
    "origin/ASTANA/index.html",
    "classification/index.html",
    "classification/secret/index.html",
    "date/2009/11/index.html",
    "date/2009/index.html",
    "cable/2009/12/09ASTANA2159.html",
    "cable/2009/12/09ASTANA2160.html#p3",
    "cable/2009/11/09X1.html#a/b",
    "static/site.css",
    "#p1",
    "",
    "../up.html",
    "x//y.html",
    ".well-known/x.html",
    "tag/./PGOV/index.html",
    "person/a/../b/index.html",
    "tags/",
    "/index.html",
)


def test_relative_links_match_urls_href() -> None:
    for page, target in itertools.product(PAGES, TARGETS):
        assert render.relative(page, target) == urls.href(page, target), (page, target)
        assert urls.linker(page)(target) == urls.href(page, target), (page, target)


@pytest.fixture
def site_config(tmp_path: Path) -> config.SiteConfig:
    overrides = {"templates": ROOT / "templates", "content": tmp_path / "content"}
    return config.load(overrides=overrides, root=tmp_path)


def test_header_drawn_once_is_the_header_included(site_config: config.SiteConfig) -> None:
    """The header reused across pages is byte for byte the one base.html would include."""
    env = render.environment(site_config)
    tags = next(lists.tag_pages(link.link([]), site_config))
    about = "about" in pages.editorial_names(site_config)
    for path in PAGES[:11]:
        page = pages.Page(path, tags.template, tags.context)
        site = pages.base(site_config, path, about)
        included = env.get_template(page.template).render(page=page.context, site=site)
        assert render.render(env, site_config, page) == included.encode("utf-8"), path
