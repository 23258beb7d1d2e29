"""Calls the stages in order and accounts for every input file.

source -> parse -> clean -> people -> corpus -> site -> render -> search -> output

Built for 250,000 cables: phase 1 parses in worker processes and sends back
only metadata; phase 2 links it in the parent; phase 3 renders cable pages in
workers that re-read their sources and inherit the Corpus by fork; phase 4 adds
the list pages and exports, phase 5 the search index (started as soon as
the cable pages are written, beside phase 4), and phase 6 swaps the staging
folder in. Each phase is its own function so it can be timed and cached.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

from generator import clean, parse, people
from generator.commands import progress as progress_mod
from generator.config import SiteConfig
from generator.corpus import link, versions
from generator.corpus.link import CableMeta
from generator.errors import InputError
from generator.incremental import cache as incremental
from generator.incremental import reindex
from generator.model import Cable, Diagnostic, Source
from generator.output.write import Staging, site_stamp
from generator.pipeline import update
from generator.pipeline.list_phase import list_phase
from generator.pipeline.phases import index_phase, index_start, parse_phase, render_phase
from generator.pipeline.run import Build, Memory, Progress, collector_paused, silent
from generator.pipeline.tally import Skipped, Tally
from generator.site import versions as site_versions
from generator.source import shapes
from generator.source.csv_rows import RowError
from generator.source.inputs import list_inputs


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    path: str
    cable: Cable | None
    """None when the file was skipped; the reason is in `diagnostics`."""
    diagnostics: tuple[Diagnostic, ...]
    ignored: bool = False
    """True for an .html file that is not a cable page: counted, not skipped."""
    where: tuple[int, int] | None = None
    """(row, byte offset) of a cables.csv row that cannot be read."""


def loaded_outcome(loaded: shapes.Loaded, registry: people.Registry = people.EMPTY) -> Outcome:
    """What one input of any shape comes to."""
    if isinstance(loaded, shapes.NotCablePage):
        diag = Diagnostic(loaded.path, 0, "not a cable page (no metadata table and <pre> text)")
        return Outcome(loaded.path, None, (diag,), ignored=True)
    if isinstance(loaded, RowError):
        diag = Diagnostic(loaded.path, 0, f"row {loaded.row}: {loaded.reason}")
        return Outcome(loaded.path, None, (diag,), where=(loaded.row, loaded.offset))
    return cable_from_source(loaded, registry)


def cable_from_source(source: Source, registry: people.Registry | None = None) -> Outcome:
    """read's output -> a finished Cable, or the reason it is not one.

    Without a registry the package's default one applies, as for a site with no
    content/people.toml.
    """
    try:
        # clean refuses too: an ID that is not YY + POST + SERIAL never reaches a file name
        cable = clean.clean(parse.parse(source))
    except InputError as exc:
        # One message per skipped file: how it was decoded is moot once it is refused.
        return Outcome(source.path, None, (exc.diagnostic,))
    cable = people.find(cable, people.default_registry() if registry is None else registry)
    return Outcome(source.path, cable, source.warnings)


def content_registry(content: Path) -> people.Registry:
    """content/people.toml, read again only when the file changes (rebuilds share it)."""
    path = content / "people.toml"
    return _registry_at(path, path.stat().st_mtime_ns if path.is_file() else 0)


@cache
def _registry_at(path: Path, stamp: int) -> people.Registry:
    return people.load_registry(path)


def parse_paths(path: Path) -> Iterator[Outcome]:
    """Parse a file, or every file under a folder, one outcome per input.

    A cables.csv gives one outcome per row, read one row at a time. Inputs with
    one ID are versions of one cable (generator.commands.parse_spool groups them).
    """
    root = None if path.is_file() else path
    registry = content_registry(Path("content"))  # the build's default content folder
    for loaded in shapes.each(path, root):
        yield loaded_outcome(loaded, registry)


@dataclass(frozen=True)
class BuildReport:
    """What a build did with every input file, and where the time went."""

    inputs: int
    cables: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    timings: dict[str, float]
    """Stage name -> seconds, in the order the stages ran."""
    pages: int = 0
    """Files written to the site (pages, records, raw texts, assets, exports)."""
    not_cable_pages: tuple[str, ...] = ()
    """.html inputs that are not cable pages: ignored, not skipped (--strict passes)."""
    disagreements: int = 0
    """Fields where the release metadata and a cable's own text differ."""
    versions: int = 0
    """Distinct texts of the cables: more than `cables` when some were published more than once."""

    def record(self) -> dict[str, Any]:
        """The --report JSON object."""
        return {
            "inputs": self.inputs,
            "cables": self.cables,
            "skipped": [s.record() for s in self.skipped],
            "warnings": list(self.warnings),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "pages": self.pages,
            "not_cable_pages": list(self.not_cable_pages),
            "disagreements": self.disagreements,
            "versions": self.versions,
        }

    def summary(self) -> str:
        """The closing line printed after a build."""
        return progress_mod.summary_line(
            self.cables, len(self.skipped), len(self.warnings), self.timings, self.pages
        )


def _load(
    config: SiteConfig,
    file: Path,
    registry: people.Registry | None = None,
    rows: Mapping[str, shapes.Place] | None = None,
) -> tuple[str, Outcome]:
    """Read and parse one input; a crash inside the parser becomes that input's diagnostic.

    A build passes the registry it read once: asking for it per file costs a
    stat of people.toml per cable. `rows` says where each cables.csv row is.
    """
    rel = file.relative_to(config.content).as_posix()
    try:
        source = shapes.load(file, config.content, (rows or {}).get(rel))
    except OSError as exc:
        diag = Diagnostic(rel, 0, f"cannot read the file ({exc.strerror}); check it exists")
        return rel, Outcome(rel, None, (diag,))
    if not isinstance(source, Source):
        return rel, loaded_outcome(source)
    try:
        if registry is None:
            registry = content_registry(config.content)
        return rel, cable_from_source(source, registry)
    except Exception as exc:  # noqa: BLE001 - one bad input never stops a build
        message = (
            f"the parser failed on this file ({type(exc).__name__}: {exc}); "
            "this is a cablegen bug: report it with the file attached"
        )
        return rel, Outcome(rel, None, (*source.warnings, Diagnostic(rel, 0, message)))


def build(
    config: SiteConfig,
    *,
    quiet: bool = True,
    progress: Progress | None = None,
    jobs: int | None = None,
    published: Callable[[tuple[Skipped, ...]], None] | None = None,
    index_later: Callable[[SiteConfig, link.Corpus], None] | None = None,
    changed: Collection[Path] | None = None,
    memory: Memory | None = None,
) -> BuildReport:
    """Build the whole site from config.content into config.output.

    The output is replaced in one step at the end; if anything raises before
    that, the previous site is left exactly as it was. Safe to call repeatedly
    in one process (the preview server does). When the site on disk is the one
    the previous build wrote, with the same templates and settings, only what
    the changed inputs touch is redone, in place (generator.pipeline.update).
    `published` is called once the pages are live, with the inputs skipped so
    far, before an incremental update redoes the exports and the search index:
    a preview reloads open pages then. With `index_later`, an incremental update
    hands its search index work to it (see generator.incremental.reindex) instead of doing it.
    `changed` (a watcher's absolute paths) spares listing the inputs again
    (see generator.source.inputs). `memory` is what this process kept from its
    previous build (a preview server passes the same one every time).
    """
    memory = memory if memory is not None else Memory()
    jobs = jobs if jobs is not None else (config.jobs or None)
    lap = _Clock()
    listing = list_inputs(config, changed, memory.listings)
    store = incremental.Store(config, memory.pickles)
    site = site_stamp(config.output)
    scanned = incremental.scan(config, listing.paths, listing.stats)
    previous = store.previous_build(store.stamp(config, scanned, site), site)
    if previous is not None and not (config.search and reindex.pending(config)):
        lap("unchanged")
        return replace(previous, timings=lap.timings)
    load = partial(_load, registry=content_registry(config.content), rows=listing.rows)
    run = Build(config, load, store, jobs, progress or silent)
    with collector_paused():
        tally = parse_phase(run, listing)
        skipped, warnings = tally.skipped, tally.warnings
        lap("parse")
        last = memory.corpora.get(config.output)
        known, corpus, before = _linked(store, tally.metas, site, last)
        lap("link")

    def live(failed: list[Skipped]) -> None:
        if published is not None:
            published(tuple(sorted([*skipped, *failed], key=lambda s: s.path)))

    if before is not None and known is not None:
        with collector_paused():  # an update, too, makes a few pages and frees little
            done = update.apply(run, known, corpus, before[0].pages, lap, live, index_later)
        failed, written = done.failed, done.files
    else:
        failed, written = _full_build(run, corpus, lap)
        live(failed)
    report = BuildReport(
        inputs=len(listing.paths) + len(listing.broken),
        cables=len(corpus.cables) - len(failed),
        skipped=tuple(sorted([*skipped, *failed], key=lambda s: s.path)),
        warnings=tuple(warnings),
        timings=lap.timings,
        pages=written,
        not_cable_pages=tuple(tally.ignored),
        disagreements=sum(m.disagreements for m in corpus.cables.values()),
        versions=sum(versions.count(m) for m in corpus.cables.values()),
    )
    _remember(config, store, scanned, corpus, report, memory)
    lap("cache")
    return report


def _linked(
    store: incremental.Store,
    metas: list[CableMeta],
    site: object,
    last: tuple[object, link.Corpus] | None,
) -> tuple[link.Corpus | None, link.Corpus, tuple[Any, frozenset[str]] | None]:
    """(the live site's Corpus when it can be patched, the new Corpus, what `patchable` says).

    `last` is this process's (site identity, Corpus) of its previous build.
    """
    known = last[1] if last is not None and last[0] == site else None
    before = store.patchable(site)
    if known is None and before is not None:
        # The update needs the old Corpus anyway; patching it is cheaper than
        # linking the new one from scratch as well.
        known = _old_corpus(store, before[1], site)
    corpus = link.relink(known, metas) if known is not None else link.link(metas)
    return known, corpus, before


class _Clock:
    """Times the stages: `lap(stage)` adds the seconds since the previous lap to `stage`."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        """Stage name -> seconds, in the order the stages ran."""
        self._last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now


def _remember(
    config: SiteConfig,
    store: incremental.Store,
    scanned: list[tuple[str, tuple[int, int] | None]],
    corpus: link.Corpus,
    report: BuildReport,
    memory: Memory,
) -> None:
    """Save the cache and the stamp of the build that just finished."""
    # Stamped with the input stats taken before parsing: a file edited during the
    # build looks changed next time, never the other way round.
    store.save()
    site = site_stamp(config.output)
    sources = frozenset(m.source_path for m in corpus.cables.values())
    store.save_corpus(site, corpus)
    store.finished_build(store.stamp(config, scanned, site), site, report, sources)
    memory.corpora[config.output] = (site, corpus)


def _full_build(
    run: Build, corpus: link.Corpus, lap: Callable[[str], None]
) -> tuple[list[Skipped], int]:
    """Render every page into a staging folder and swap it in: (failed cables, files)."""
    config = run.config
    staging = Staging(config.output)
    started = None
    try:
        failed = render_phase(run, corpus, staging)
        lap("render")
        # Lists and exports draw while the search index runs: see generator.search.background.
        started = index_start(run, corpus, staging)
        written = list_phase(run, corpus, staging)
        written += staging.copy_static(config.static)
        lap("lists")
        index_phase(run, started)
        started = None
        lap("index")
        staging.commit()
        lap("write")
    except BaseException:
        if started is not None:
            started.cancel()
        staging.abort()
        raise
    if config.search:
        reindex.forget(config)  # the whole index was just built
    made = sum(len(site_versions.files(m)) for m in corpus.cables.values())
    return failed, written + made - 3 * len(failed)


def warm(config: SiteConfig, memory: Memory) -> None:
    """Hold the Corpus of the site on disk in memory, for this process's next update.

    A preview server started on an up-to-date site does a no-op first build,
    which reads nothing; without this, its first save would pay for reading the
    cache and linking the archive (seconds at 50,000 cables), as a fresh
    `cablegen build` does.
    """
    site = site_stamp(config.output)
    last = memory.corpora.get(config.output)
    if site is None or (last is not None and last[0] == site):
        return
    store = incremental.Store(config, memory.pickles)
    store.previous_build("", site)  # reads the record of the build that wrote the site
    before = store.patchable(site)
    if before is not None:
        with collector_paused():
            memory.corpora[config.output] = (site, _old_corpus(store, before[1], site))


def _old_corpus(store: incremental.Store, sources: frozenset[str], site: object) -> link.Corpus:
    """The Corpus the live site was built from, from the previous build's parse results.

    Folded as phase 1 folds them (pipeline.tally), so each cable has its versions back.
    Its indexes are read from the cache when the build that wrote `site` kept them:
    linking 50,000 cables again took a CPU-second of a fresh process's update.
    """
    tally = Tally()
    for state in store.files.values():
        if getattr(state.parsed, "meta", None) is not None:
            tally.add(state.parsed)
    metas = [m for m in tally.metas if m.source_path in sources]
    return store.saved_corpus(site, metas) or link.link(metas)
