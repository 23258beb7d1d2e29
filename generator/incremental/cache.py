"""The incremental build cache, kept in config.cache between builds.

Three maps, each keyed so that a stale entry can never be used:

- files: input path -> (size, mtime_ns, parse result). A file whose size and
  modification time did not change is not even read on the next build: at
  50,000 cables, reading and hashing every input would cost more than the
  whole no-op rebuild is allowed to take.
- cables: the finished Cable of each input, one pickle per (path, source digest),
  written by the parse workers, so the render workers load it instead of
  parsing the file a second time (in cold builds too).
- pages: output page -> digest of everything the page was made from. A page
  whose inputs digest matches and whose file is still in the previous site is
  carried over instead of rendered again.

Every key also holds a *salt*. Parse results are salted with a digest of the
generator's own code and data and of the content files that are not cables
(the people registry): a change there starts a fresh cache folder. Page keys
add the templates and the settings that change output: editing a template
re-renders every page without re-parsing a single cable. So a stale entry can
never be used, and the incremental result is byte-identical to a cold build by
construction; tests/test_incremental.py checks it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from generator import theme
from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.incremental import cache_index
from generator.render import template_deps
from generator.site.page_family import PageFamily
from generator.site.pages import Page
from generator.source.read import stat_key

FORMAT = "2"
"""Bump when the layout of the cache changes."""

_PACKAGE = Path(__file__).resolve().parent.parent
"""The whole generator package: its code is part of every cache key."""


def _tree(folder: Path, skip: str | None = None) -> list[tuple[str, bytes]]:
    # The skipped folder (the cables) is not even listed: every build digests this.
    if not folder.is_dir():
        return []
    out = []
    for top, dirs, names in os.walk(folder):
        here = Path(top)
        if here == folder and skip in dirs:
            dirs.remove(skip)
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in names:
            path = here / name
            if path.is_file():
                out.append((path.relative_to(folder).as_posix(), path.read_bytes()))
    # Sorted as the paths themselves sort, whatever order the folder lists them in.
    return sorted(out, key=lambda item: Path(item[0]).parts)


def digest_files(files: list[tuple[str, bytes]]) -> str:
    """One digest over (name, bytes) pairs; the names matter, not just the bytes."""
    h = hashlib.sha256()
    for name, data in files:
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


@cache
def code_digest() -> str:
    """Digest of the generator package itself (code and data): a new version invalidates all."""
    return digest_files(
        [(n, d) for n, d in _tree(_PACKAGE) if n.endswith((".py", ".csv", ".js", ".txt", ".toml"))]
    )


def parse_salt(config: SiteConfig) -> str:
    """What a parsed cable depends on besides its own file: the code and the people registry."""
    parts = [FORMAT, code_digest(), digest_files(_tree(config.content, skip="cables"))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_salt(config: SiteConfig, parse: str) -> str:
    """What every page depends on besides its own inputs: the above, templates and settings."""
    templates = sorted(template_deps.sources(config.templates).items())
    # The parse salt sees only content/: the theme's default pages must count here.
    pages = theme.editorial_files(config.content, config.default_pages)
    editorial = [(f"{name}.md", path.read_bytes()) for name, path in pages.items()]
    parts = [parse, config.digest(), digest_files(templates), digest_files(editorial)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class FileState:
    """What the previous build saw of one input file, and what it made of it."""

    size: int
    mtime_ns: int
    digest: str | None
    """Source digest when the file became a cable (its pickle is kept under it)."""
    parsed: Any
    """The build's per-file parse result (metadata and diagnostics), opaque here."""


def scan(
    config: SiteConfig, files: Sequence[str], stats: Sequence[tuple[int, int] | None]
) -> list[tuple[str, tuple[int, int] | None]]:
    """(path, (size, mtime_ns)) of every static asset and input file, for `Store.stamp`."""
    static = theme.files(config.static, "static").values()
    return [(str(p), stat_key(p)) for p in static] + list(zip(files, stats, strict=True))


class Store:
    """The cache of one build: read at the start, saved by `save()` after a good build."""

    def __init__(self, config: SiteConfig, pickles: cache_index.Pickles | None = None) -> None:
        self.pickles = pickles if pickles is not None else cache_index.Pickles()
        """Reads and writes the pickles; a long-running process passes the same one each build."""
        self.salt = parse_salt(config)
        self.page_salt = page_salt(config, self.salt)
        # Page keys hold the templates a page is made of, not every template.
        self.key_salt = hashlib.sha256(f"{self.salt}\n{config.digest()}".encode()).hexdigest()
        # Read now, parsed on first use: a no-op build needs no page key.
        self._template_sources = template_deps.sources(config.templates)
        # Templates and settings are not part of the folder name: editing one re-renders
        # every page but must not throw away 250,000 parsed cables.
        self.root = config.cache / self.salt[:20]
        self.new_files: dict[str, FileState] = {}
        self.new_pages: dict[str, str] = {}
        self.last: dict[Any, Any] = {}
        self._folders: set[Path] = set()

    # Read on first use: a no-op rebuild needs neither index, and unpickling
    # 50,000 entries would take most of the two seconds it may spend.
    @cached_property
    def templates(self) -> dict[str, str]:
        """Digest per template over all it is made of (only page keys need them)."""
        return template_deps.digests(self._template_sources)

    @cached_property
    def files(self) -> dict[str, FileState]:
        """The previous build's input files."""
        return self.pickles.read(self.root / "files.pickle")

    @cached_property
    def pages(self) -> dict[str, str]:
        """The previous build's page keys."""
        return self.pickles.read(self.root / "pages.pickle")

    # -- input files ------------------------------------------------------------

    def known(self, rel: str, state: tuple[int, int] | None) -> Any:
        """The previous parse result of `rel` if the file looks untouched, else None."""
        old = self.files.get(rel)
        if old is None or state is None or (old.size, old.mtime_ns) != state:
            return None
        self.new_files[rel] = old
        return old.parsed

    def remember(
        self, rel: str, state: tuple[int, int] | None, digest: str | None, parsed: Any
    ) -> None:
        """Record the parse result of a file read in this build."""
        if state is not None:
            self.new_files[rel] = FileState(state[0], state[1], digest, parsed)

    # -- parsed cables ------------------------------------------------------------

    def cable_file(self, rel: str, digest: str) -> Path:
        key = hashlib.sha256(f"{rel}\0{digest}".encode()).hexdigest()
        return self.root / "cables" / key[:2] / f"{key}.pickle"

    def save_cable(self, rel: str, digest: str, cable: object) -> None:
        """Keep a finished Cable for the render phase and later builds (safe from workers)."""
        path = self.cable_file(rel, digest)
        # Raw os calls: pathlib's open, exists and mkdir cost four extra system
        # calls a file, and a cold build saves one per cable.
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        tmp = f"{path}.{os.getpid()}.tmp"
        with contextlib.suppress(OSError):
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(fd, pickle.dumps(cable, protocol=pickle.HIGHEST_PROTOCOL))
            finally:
                os.close(fd)
            os.replace(tmp, path)

    def load_cable(self, rel: str, digest: str) -> Any:
        """The Cable saved for (rel, digest), or None."""
        try:
            with open(self.cable_file(rel, digest), "rb", buffering=0) as f:
                return pickle.loads(f.readall())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    # -- pages ----------------------------------------------------------------------

    def page_unchanged(self, path: str, key: str) -> bool:
        """True when `path` was made from exactly `key` by the previous build."""
        return self.pages.get(path) == key

    def page_made(self, path: str, key: str) -> None:
        self.new_pages[path] = key

    # -- whole builds -----------------------------------------------------------------

    def stamp(self, config: SiteConfig, inputs: Iterable[object], site: object) -> str:
        """Digest of what a build reads (see `scan`) and of the site's marker.

        Equal stamps mean a build would redo exactly the previous one, so it need not
        run: that is what keeps a no-op rebuild of 50,000 cables under two seconds.
        """
        h = hashlib.sha256(f"{self.page_salt}\n{config.output}\n{site!r}\n".encode())
        # Pickled in C (paths, sizes and times pickle the same every time): a repr
        # per input took a tenth of a second per 10,000 cables on every save.
        h.update(pickle.dumps(list(inputs), protocol=5))
        return h.hexdigest()

    def previous_build(self, stamp: str, site: object) -> Any:
        """The report of the previous build if it had exactly this stamp, else None.

        Pages are only carried over from the very site the previous build wrote: if
        the output was replaced since (another cache, a restored copy), every page is
        rendered again.
        """
        self.last = self.pickles.load(self.root / "last.pickle")
        if self.last.get("site") != site:
            self.pages = {}
        return self.last.get("report") if self.last.get("stamp") == stamp else None

    def patchable(self, site: object) -> tuple[Any, frozenset[str]] | None:
        """(report, cable sources) of the build that wrote `site`, when it can be patched.

        A site can be brought up to date in place only when it is exactly what the
        previous build wrote and every page key was made with today's templates and
        settings; otherwise the build starts from scratch into a staging folder.
        """
        last = self.last
        if last.get("site") != site or last.get("page_salt") != self.page_salt:
            return None
        if "sources" not in last or not self.pages:
            return None
        return last["report"], last["sources"]

    def finished_build(
        self, stamp: str, site: object, report: object, sources: frozenset[str]
    ) -> None:
        """Remember a successful build's stamp, site identity, report and cables' sources."""
        self.root.mkdir(parents=True, exist_ok=True)
        last = {
            "stamp": stamp,
            "site": site,
            "report": report,
            "page_salt": self.page_salt,
            "sources": sources,
        }
        self.pickles.dump(self.root / "last.pickle", last)

    def save_corpus(self, site: object, corpus: Corpus) -> None:
        """Keep the indexes of the Corpus that `site` was built from (not its cables).

        A fresh process updating that site reads them instead of linking every
        cable again; the cables themselves come from the files index.
        """
        indexes = {f.name: getattr(corpus, f.name) for f in fields(Corpus) if f.name != "cables"}
        self.pickles.dump(self.root / "corpus.pickle", {"site": site, "indexes": indexes})

    def saved_corpus(self, site: object, metas: Sequence[CableMeta]) -> Corpus | None:
        """The Corpus of `metas` with the indexes kept for `site`, or None when there are none.

        Kept by the build that wrote `site`, so they were linked from exactly these
        cables; a file from another build (a later one that failed before its
        record was written, a restored copy) names another site and is not used.
        """
        kept = self.pickles.load(self.root / "corpus.pickle")
        if kept.get("site") != site or site is None:
            return None
        indexes = kept["indexes"]
        cables = {m.id: m for m in metas}
        if len(indexes["order"]) != len(cables) or not cables.keys() >= set(indexes["order"]):
            return None
        return Corpus(cables=cables, **indexes)

    def carry_pages(self, gone: Iterable[str]) -> None:
        """Keep every page key of the previous build but those of `gone` (a patch build)."""
        self.new_pages = dict(self.pages)
        for path in gone:
            self.new_pages.pop(path, None)

    # -- end of build ---------------------------------------------------------------

    def save(self) -> None:
        """Write the indexes for the next build and drop what no input needs any more."""
        self.root.mkdir(parents=True, exist_ok=True)
        previous = self.files  # read before it is overwritten
        # Mostly a small delta on the last full index: see generator.incremental.cache_index.
        self.pickles.write(self.root / "files.pickle", self.new_files)
        self.pickles.write(self.root / "pages.pickle", self.new_pages)
        # Only the files that changed are visited: a no-op build must not list 250,000 pickles.
        for rel, old in previous.items():
            new = self.new_files.get(rel)
            if old.digest and (new is None or new.digest != old.digest):
                self.cable_file(rel, old.digest).unlink(missing_ok=True)
        for other in self.root.parent.iterdir():
            # search/ is the shard cache of generator.search.index, keyed by page hashes.
            if other.is_dir() and other != self.root and other.name != "search":
                shutil.rmtree(other, ignore_errors=True)

    def page_key(self, template: str, *parts: object) -> str:
        """Digest of a page's inputs (frozen dataclasses or plain values: repr is stable).

        `template` is the page's template: its digest covers the templates it is made of.
        """
        made_of = self.templates.get(template, "missing")
        return hashlib.sha256(f"{self.key_salt}\n{made_of}\n{parts!r}".encode()).hexdigest()


@dataclass(frozen=True)
class HeldKey:
    """The key of a page keyed before drawing, and what it was worked out from."""

    path: str
    digest: str
    made_of: tuple[object, ...]
    """Handed to the family's `from_cable`, so the page is drawn from exactly what
    keyed it (and the related cables and graph are not worked out twice)."""


def held_keys(
    store: Store, family: PageFamily, corpus: Corpus, keys: Iterable[Any]
) -> dict[Any, HeldKey]:
    """key -> (page path, inputs digest, parts) of the pages of a family keyed before drawing.

    The cable page is keyed by its own metadata and that of every cable it shows
    (generator.site.family): when any of those changes, so does the key, and the
    page is rendered again.
    """
    assert family.held is not None and family.held.key is not None
    out = {}
    for k in keys:
        path, (template, *others), parts = family.held.key(corpus, k)
        drawn_with = tuple(store.templates.get(t, "missing") for t in others)
        out[k] = HeldKey(path, store.page_key(template, *parts, *drawn_with), parts)
    return out


def drawn_key(store: Store, page: Page) -> str:
    """Inputs digest of a page drawn from metadata: its template and whole context."""
    return store.page_key(page.template, page)
