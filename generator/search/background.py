"""A cold build's search index, run beside the list pages and the exports.

Pagefind reads only the cable pages, and those are all written when the render
phase ends. The list pages and exports drawn after them leave cores idle (the
single exports unit, the pool's tail), and so does the index on its own
(staging pages is one Python thread; each Pagefind is only partly parallel).
Started as soon as the cable pages are out, the index fills those gaps: a cold
build with search then takes about as long as its longer half instead of the
sum of both.

The index runs in a thread of the build process that mostly waits on the
Pagefind processes. The list phase forks its workers meanwhile; they only draw
pages, and take no lock this thread could hold.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.search import directory, index
from generator.search.binary import Control


class Indexing:
    """The shards of a site being built, indexed in a thread from the moment it starts."""

    def __init__(self, config: SiteConfig, site_dir: Path, corpus: Corpus) -> None:
        self._config, self._site, self._corpus = config, site_dir, corpus
        # One Pagefind while the list workers draw (they need the cores and the
        # memory too: at 250,000 cables two shards beside them would pass 6 GB),
        # every core's worth once they are done.
        jobs = config.jobs or os.cpu_count() or 1
        beside = max(1, jobs - 1)
        self._later = jobs - beside  # slots that open once the list phase is done
        self._stop = Control(beside)
        self._done: index.Indexed | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="search-index")
        self._thread.start()

    def _work(self) -> None:
        try:
            self._done = index.index_shards(self._config, self._site, self._corpus, stop=self._stop)
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that waits
            self._error = exc

    @property
    def running(self) -> bool:
        """Whether the index is still at work."""
        return self._thread.is_alive()

    def finish(self) -> index.IndexReport:
        """Wait for the shards, then put them into the site with the lookup files."""
        self._stop.widen(self._later)
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._done is not None
        return index.publish_built(self._config, self._site, self._corpus, self._done)

    def cancel(self) -> None:
        """The build failed: kill Pagefind, wait for the thread, forget what it indexed.

        A shard finished before the failure holds pages that were never published,
        and the cache's manifest does not know it: it is removed, so the next
        build indexes it again rather than trusting it.
        """
        self._stop.halt()
        self._thread.join()
        store = self._config.cache / "search"
        for name in self._done.built if self._done is not None else ():
            shutil.rmtree(store / name, ignore_errors=True)
            directory.terms_path(store, name).unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # left only when this run made it and kept nothing
            (store / directory.TERMS).rmdir()
