"""One build's state in one object, and what a process keeps between builds.

A `Build` carries what every phase needs: the config, how a file becomes a
Cable, the cache store, the renderer, the worker count and the progress
callback. A full build and an in-place update run the same phases with it and
differ only in the pages they plan and the sink they write into (a staging
folder, or a patch of the live site). No module keeps per-build state: the
renderer and its header memo live here, and a new build makes a new one.

`Memory` is what a long-running process (the preview server) carries from one
build to the next; `cablegen build` starts with an empty one.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import jinja2

from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.incremental import cache as incremental
from generator.incremental.cache_index import Pickles
from generator.model import Cable, Diagnostic
from generator.render import renderer
from generator.site.pages import Page
from generator.source.inputs import Listings


class Loaded(Protocol):
    """What loading one input file gives: a Cable, or the diagnostics saying why not."""

    @property
    def cable(self) -> Cable | None: ...

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]: ...

    @property
    def ignored(self) -> bool: ...

    @property
    def where(self) -> tuple[int, int] | None: ...


Loader = Callable[[SiteConfig, Path], tuple[str, Loaded]]
"""(config, file) -> (path relative to the content folder, what it loaded as)."""


Progress = Callable[[str, int, int], None]


class Sink(Protocol):
    """Where rendered files go: a staging folder (full build) or a patch (incremental)."""

    def put(self, rel: str, data: bytes) -> Any: ...  # write.Data also accepted


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block with the cyclic garbage collector off (back on after, if it was).

    Reading the cache's index and linking make a few objects per cable and free
    almost none: at 50,000 cables each collection of the oldest generation walks
    millions of live objects for nothing, and the collector ran dozens of them
    while the index was unpickled. Reference counting still frees what the block
    drops; only reference cycles wait for the next collection.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def silent(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


@dataclass
class Memory:
    """What one process keeps from a build for the next, so a rebuild redoes little."""

    corpora: dict[Path, tuple[object, Corpus]] = field(default_factory=dict)
    """Output folder -> (site identity, Corpus) of the last build: relinked, not linked again."""
    listings: Listings = field(default_factory=dict)
    """The input listing of the last build, patched from a watcher's changed paths."""
    pickles: Pickles = field(default_factory=Pickles)
    """The cache's indexes as last read or written, not unpickled again."""


@dataclass
class Build:
    """Everything one run of the pipeline shares, made once per build."""

    config: SiteConfig
    load: Loader
    store: incremental.Store
    jobs: int | None = None
    progress: Progress = silent

    @cached_property
    def draw(self) -> Callable[[Page], bytes]:
        """The renderer: templates read and compiled once per build.

        Made on first use; workers forked before that make their own, so each
        process compiles the templates once.
        """
        return renderer.renderer(self.config, self.env)

    @cached_property
    def env(self) -> jinja2.Environment:
        """The build's Jinja2 environment, shared by `draw` and `export`."""
        return renderer.environment(self.config, auto_reload=False)

    def export(self, data: bytes | Iterator[bytes] | Page) -> bytes | Iterator[bytes]:
        """An export's bytes: a page of an XML template is drawn as a stream."""
        return renderer.stream(self.env, data) if isinstance(data, Page) else data
