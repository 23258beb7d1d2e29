"""The seed cables built into a site with small search shards, as a large archive has many."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import build
from generator.config import SiteConfig
from generator.search import index

ROOT = Path(__file__).resolve().parents[2]


def seed_site(out: Path, cap: int) -> Path:
    """Build content/ into out/site with shards of at most `cap` pages; the site folder."""
    config = SiteConfig(
        content=ROOT / "content",
        output=out / "site",
        cache=out / "cache",
        templates=ROOT / "templates",
        static=ROOT / "static",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "SHARD_CAP", cap)
        build(config)
    return out / "site"
