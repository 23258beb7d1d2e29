"""A page family reaches the full build, the cache and the in-place update from one
declaration, and an update writes exactly the files a full build would change."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import config, urls
from generator.corpus.link import CableMeta, Corpus
from generator.incremental import cache
from generator.output.write import MARKER
from generator.site import editorial, family
from generator.site.page_family import Held, PageFamily
from generator.site.pages import Page
from tests.test_incremental import (  # noqa: F401 - fixtures
    _edit,
    _site_files,
    cold_matches,
    patched,
    project,
    run,
)

pytestmark = pytest.mark.slow


def _subject_page(m: CableMeta) -> Page:
    context = editorial.EditorialContext(m.subject, "", m.id)
    return Page(f"subjects/{urls.slug(m.id)}.html", "page.html", context)


def _subjects(corpus: Corpus, cfg: Any, only: frozenset[Any] | None = None) -> Iterator[Page]:
    for cid in corpus.order:
        if only is None or cid in only:
            yield _subject_page(corpus.cables[cid])


SUBJECTS = PageFamily(
    "subjects",
    _subjects,
    "cables",
    Held(_subjects, lambda c, m: (m.id,), shows=lambda m: m.subject),
)
"""A family the code has never heard of: one page per cable showing its subject."""


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def test_a_family_added_to_the_registry_reaches_the_build_the_cache_and_the_update(
    project: Path,  # noqa: F811
    patched: list[int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(family, "FAMILIES", (*family.FAMILIES, SUBJECTS))
    run(project, "site", "cache")
    site = project / "site"
    made = sorted((site / "subjects").glob("*.html"))
    assert len(made) == len(list((site / "cable").rglob("*.html")))
    cfg = config.load(project / "cablegen.toml", {"output": site, "cache": project / "cache"})
    keyed = cache.Store(cfg).pages
    assert all(p.relative_to(site).as_posix() in keyed for p in made), "no cache key"

    before = _inodes(site)
    cables = sorted((project / "content" / "cables").iterdir())
    seed = next(p for p in cables if "SUBJECT: " in p.read_text("utf-8"))
    _edit(seed, "SUBJECT: ", "SUBJECT: QUITE NEW: ")
    run(project, "site", "cache")
    assert patched, "the edit did not take the in-place update"
    after = _inodes(site)
    redrawn = {p for p in before if p.startswith("subjects/") and after.get(p) != before[p]}
    assert len(redrawn) == 1
    assert "QUITE NEW" in (site / redrawn.pop()).read_text("utf-8")
    cold_matches(project)


@pytest.mark.parametrize(
    "edit",
    [
        ("\n1. ", "\n1. In a word, nothing changed. "),
        ("SUBJECT: ", "SUBJECT: REVISED: "),
        ("TAGS: [PGOV](#)", "TAGS: [ECON](#) [PGOV](#)"),
    ],
    ids=["body", "subject", "tags"],
)
def test_an_update_writes_exactly_the_files_a_full_build_changes(
    project: Path,  # noqa: F811
    edit: tuple[str, str],
) -> None:
    run(project, "site", "cache")
    site = project / "site"
    shutil.copytree(site, project / "before")
    before = _inodes(site)
    cables = sorted((project / "content" / "cables").iterdir())
    seed = next(p for p in cables if edit[0] in p.read_text("utf-8"))
    _edit(seed, *edit)
    run(project, "site", "cache")
    cold_matches(project)  # the site is now what a full build makes of the edit
    after = _inodes(site)
    written = {p for p in after.keys() | before.keys() if after.get(p) != before.get(p)}
    old, new = _site_files(project / "before"), _site_files(project / "cold")
    differ = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
    assert differ, "the edit changed nothing"
    assert written - {MARKER} == differ - {MARKER}
