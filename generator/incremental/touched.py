"""What an in-place update must redo: the difference between two corpora, per page family.

Pure and metadata only. Each family of generator.site.family.FAMILIES says what a
change touches of it (`PageFamily.select`): a changed cable shows on its own page
and on the pages of the cables its page shows (generator.site.cable_page.Shown:
the relation is symmetric), on the lists that hold its row, on the pages of the
people it names. Naming someone new touches only the people's pages; a body edit
touches no list at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.corpus.link import Corpus
from generator.site import family
from generator.site.page_family import Only


@dataclass(frozen=True)
class Touched:
    """What a change to the corpus can alter on the site."""

    changed: frozenset[str]
    """IDs added, removed, or whose metadata or source changed."""
    plan: Mapping[str, Only]
    """Family name -> the keys of its pages to draw again (None: all; empty: none)."""

    def only(self, name: str) -> Only:
        """The keys of family `name` to draw again (a family not planned: none)."""
        return self.plan.get(name, frozenset())


def changed_ids(old: Corpus, new: Corpus) -> frozenset[str]:
    """IDs added, removed, or whose metadata or source changed."""
    # Identity first: an unchanged cable is the same object in both (the cache's),
    # and comparing 50,000 dataclasses field by field took a tenth of a second.
    return frozenset(
        cid
        for cid in old.cables.keys() | new.cables.keys()
        if old.cables.get(cid) is not new.cables.get(cid)
        and old.cables.get(cid) != new.cables.get(cid)
    )


def touched(old: Corpus, new: Corpus) -> Touched:
    """Compare two corpora: what each page family must draw again."""
    changed = changed_ids(old, new)
    plan = {f.name: f.select(old, new, changed) for f in family.FAMILIES}
    return Touched(changed, plan)
