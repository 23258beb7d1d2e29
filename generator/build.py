"""Calls the stages in order and accounts for every input file.

read -> parse -> clean -> people -> link -> render -> index -> write

Built for 250,000 cables: phase 1 parses in worker processes and sends back
only metadata; phase 2 links it in the parent; phase 3 renders cable pages in
workers that re-read their sources and inherit the Corpus by fork; phase 4 adds
the list pages and exports, phase 5 the search index, and phase 6 swaps the
staging folder in. Each phase is its own function so it can be timed and cached.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2

from generator import cable_page, clean, link, parse, people, pool, read, render, urls
from generator import cache as incremental
from generator import config as config_mod
from generator import progress as progress_mod
from generator.config import SiteConfig
from generator.errors import InputError
from generator.link import CableMeta, Corpus
from generator.model import Cable, Diagnostic, Source
from generator.pages import Page
from generator.write import OutputError, Staging, site_stamp


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    path: str
    cable: Cable | None
    """None when the file was skipped; the reason is in `diagnostics`."""
    diagnostics: tuple[Diagnostic, ...]


def cable_from_source(source: Source, registry: people.Registry = people.EMPTY) -> Outcome:
    """read's output -> a finished Cable, or the reason it is not one."""
    try:
        # clean refuses too: an ID that is not YY + POST + SERIAL never reaches a file name
        cable = clean.clean(parse.parse(source))
    except InputError as exc:
        return Outcome(source.path, None, source.warnings + (exc.diagnostic,))
    cable = people.find(cable, registry)
    return Outcome(source.path, cable, source.warnings)


def content_registry(content: Path) -> people.Registry:
    """content/people.toml, read again only when the file changes (rebuilds share it)."""
    path = content / "people.toml"
    return _registry_at(path, path.stat().st_mtime_ns if path.is_file() else 0)


@cache
def _registry_at(path: Path, stamp: int) -> people.Registry:
    return people.load_registry(path)


def parse_paths(path: Path) -> Iterator[Outcome]:
    """Parse a file, or every file under a folder, flagging duplicate IDs."""
    files = [path] if path.is_file() else read.cable_files(path)
    root = None if path.is_file() else path
    seen: dict[str, str] = {}
    registry = content_registry(Path("content"))  # the build's default content folder
    for file in files:
        outcome = cable_from_source(read.read_file(file, root), registry)
        cable = outcome.cable
        if cable is not None and cable.id in seen:
            diag = Diagnostic(
                outcome.path,
                0,
                f"duplicate cable ID {cable.id!r}: already read from {seen[cable.id]}; "
                "remove one of the two files or fix its header",
            )
            yield Outcome(outcome.path, None, outcome.diagnostics + (diag,))
            continue
        if cable is not None:
            seen[cable.id] = outcome.path
        yield outcome


@dataclass(frozen=True)
class Skipped:
    """An input file that did not become a page, and why."""

    path: str
    reason: str


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

    def record(self) -> dict[str, Any]:
        """The --report JSON object."""
        return {
            "inputs": self.inputs,
            "cables": self.cables,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "pages": self.pages,
        }

    def summary(self) -> str:
        """The closing line printed after a build."""
        return progress_mod.summary_line(
            self.cables, len(self.skipped), len(self.warnings), self.timings, self.pages
        )


Progress = Callable[[str, int, int], None]


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


@dataclass(frozen=True)
class Parsed:
    """Phase 1's answer for one input file: metadata only, never the body."""

    path: str
    meta: CableMeta | None
    diagnostics: tuple[Diagnostic, ...]
    warnings: tuple[str, ...]


def inputs(config: SiteConfig) -> list[Path]:
    """The cable files under content/cables/, in a reproducible order."""
    folder = config.content / "cables"
    return read.cable_files(folder) if folder.is_dir() else []


def _load(config: SiteConfig, file: Path) -> tuple[str, Outcome]:
    """Read and parse one file; a crash inside the parser becomes that file's diagnostic."""
    rel = file.relative_to(config.content).as_posix()
    try:
        source = read.read_file(file, config.content)
    except OSError as exc:
        diag = Diagnostic(rel, 0, f"cannot read the file ({exc.strerror}); check it exists")
        return rel, Outcome(rel, None, (diag,))
    try:
        return rel, cable_from_source(source, content_registry(config.content))
    except Exception as exc:  # noqa: BLE001 - one bad input never stops a build
        message = (
            f"the parser failed on this file ({type(exc).__name__}: {exc}); "
            "this is a cablegen bug: report it with the file attached"
        )
        return rel, Outcome(rel, None, (*source.warnings, Diagnostic(rel, 0, message)))


def parse_one(config: SiteConfig, file: Path, store: incremental.Store | None = None) -> Parsed:
    """Phase 1 for one file: parse it and keep only what linking needs.

    With a cache, the finished Cable is saved for the render phase to load.
    """
    rel, outcome = _load(config, file)
    if outcome.cable is None:
        return Parsed(rel, None, outcome.diagnostics, ())
    if store is not None:
        store.save_cable(rel, outcome.cable.digest, outcome.cable)
    return Parsed(rel, link.meta(outcome.cable), outcome.diagnostics, outcome.cable.warnings)


def _parse_all(
    config: SiteConfig,
    files: list[Path],
    jobs: int | None,
    tick: Callable[[int], None],
    store: incremental.Store | None,
) -> Iterator[Parsed]:
    """parse_one over `files` in order; files the cache vouches for are not even read."""
    if store is None:
        yield from pool.run(partial(parse_one, config), files, jobs, tick)
        return
    rels = [f.relative_to(config.content).as_posix() for f in files]
    states = [incremental.stat_key(f) for f in files]
    known = [store.known(rel, st) for rel, st in zip(rels, states, strict=True)]
    todo = [f for f, k in zip(files, known, strict=True) if k is None]
    fresh = pool.run(partial(parse_one, config, store=store), todo, jobs, tick)
    for rel, state, hit in zip(rels, states, known, strict=True):
        if hit is not None:
            yield hit
            continue
        parsed = next(fresh)
        store.remember(rel, state, parsed.meta.digest if parsed.meta else None, parsed)
        yield parsed


def parse_phase(
    config: SiteConfig,
    files: list[Path],
    jobs: int | None,
    progress: Progress,
    store: incremental.Store | None = None,
) -> tuple[list[CableMeta], list[Skipped], list[str]]:
    """Phase 1: every file -> metadata, or a reason it was skipped (duplicates included)."""
    metas: list[CableMeta] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    total = len(files)
    for parsed in _parse_all(config, files, jobs, lambda d: progress("parse", d, total), store):
        if parsed.meta is None:
            reason = "; ".join(str(d) for d in parsed.diagnostics) or f"{parsed.path}: not a cable"
            skipped.append(Skipped(parsed.path, reason))
            continue
        warnings.extend(str(d) for d in parsed.diagnostics)
        first = seen.get(parsed.meta.id)
        if first is not None:
            reason = (
                f"{parsed.path}: duplicate cable ID {parsed.meta.id!r}: already read from "
                f"{first}; remove one of the two files or fix its header"
            )
            skipped.append(Skipped(parsed.path, reason))
            continue
        seen[parsed.meta.id] = parsed.path
        warnings.extend(parsed.warnings)
        metas.append(parsed.meta)
    progress("parse", total, total)
    return metas, skipped, warnings


def record_bytes(cable: Cable) -> bytes:
    """The JSON record written beside the cable page, exactly `cable.record()`."""
    return (json.dumps(cable.record(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@cache
def _draw(config: SiteConfig) -> Callable[[Page], bytes]:
    # One compiled environment per process: workers build their own after the fork.
    return render.renderer(config)


def render_one(
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    cable_id: str,
    store: incremental.Store | None = None,
) -> str | None:
    """Phase 3 for one cable: page, record and raw text into staging; the error, if any."""
    m = corpus.cables[cable_id]
    try:
        # Parsing costs more than rendering: load the Cable phase 1 kept when there is one.
        cable = store.load_cable(m.source_path, m.digest) if store else None
        if cable is None:
            cable = _load(config, config.content / m.source_path)[1].cable
        if cable is None or cable.id != m.id:
            return f"{m.source_path}: the file changed during the build; build again"
        page = cable_page.page(cable, corpus, config)
        staging.put(page.path, _draw(config)(page))
        staging.put(urls.cable_json(page.path), record_bytes(cable))
        staging.put(urls.cable_raw(page.path), cable.raw.encode("utf-8"))
    except jinja2.TemplateError:
        # A template fault is the site's, not the cable's: skipping every page it
        # breaks would swap an empty site in for a good one. Fail the build instead.
        raise
    except Exception as exc:  # noqa: BLE001 - one bad input never stops a build
        return f"{m.source_path}: could not render {m.id} ({type(exc).__name__}: {exc})"
    return None


def render_phase(
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    jobs: int | None,
    progress: Progress,
    store: incremental.Store | None = None,
) -> list[Skipped]:
    """Phase 3: every cable page, in worker processes that inherit the Corpus by fork.

    With a cache, pages whose inputs did not change are carried over from the
    previous site and only the rest are rendered.
    """
    keys = incremental.cable_page_keys(store, corpus) if store else {}
    ids = [cid for cid in corpus.order if not _carried(store, staging, corpus, keys, cid)]
    work = partial(render_one, config, corpus, staging, store=store)
    failed: list[Skipped] = []
    for cable_id, error in zip(
        ids, pool.run(work, ids, jobs, lambda d: progress("render", d, len(ids))), strict=True
    ):
        m = corpus.cables[cable_id]
        if error:
            failed.append(Skipped(m.source_path, error))
        elif store is not None:
            store.page_made(m.path, keys[cable_id])
    return failed


def _carried(
    store: incremental.Store | None,
    staging: Staging,
    corpus: Corpus,
    keys: dict[str, str],
    cid: str,
) -> bool:
    """Carry a cable's page, record and raw text over from the previous site if unchanged."""
    if store is None:
        return False
    m = corpus.cables[cid]
    files = (m.path, urls.cable_json(m.path), urls.cable_raw(m.path))
    if store.page_unchanged(m.path, keys[cid]) and staging.keep(files):
        store.page_made(m.path, keys[cid])
        return True
    return False


def _module(name: str) -> Any:
    """A pipeline module that may not be installed in this tree yet (None if absent)."""
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def _list_pages(config: SiteConfig, corpus: Corpus, editorial_pages: list[Page]) -> Iterator[Page]:
    """Every page that is not a cable page, as a stream (there are tens of thousands)."""
    lists, editorial = _module("generator.lists"), _module("generator.editorial")
    if lists:
        yield from lists.pages(corpus, config)
    if editorial:
        yield from editorial_pages
        yield editorial.not_found(config)
    search_page = _module("generator.search_page")
    if search_page:
        yield search_page.page(config, corpus)


def draw_one(config: SiteConfig, staging: Staging, page: Page) -> str:
    """Render one page into staging; returns its path."""
    staging.put(page.path, _draw(config)(page))
    return page.path


def list_phase(
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    progress: Progress,
    jobs: int | None = None,
) -> int:
    """Phase 4: index pages, editorial pages, 404 and the exports; returns files written.

    Pages stream from the list builders to worker processes, so at 250,000 cables
    the parent never holds every list page at once.
    """
    editorial = _module("generator.editorial")
    folder = config.content / "pages"
    written = list(editorial.pages(read.walk(folder))) if editorial and folder.is_dir() else []
    pages = _list_pages(config, corpus, written)
    work = partial(draw_one, config, staging)
    count = 0
    for _ in pool.run(work, pages, jobs, lambda d: progress("lists", d, d)):
        count += 1
    exports = _module("generator.exports")
    if exports:
        records = (
            (cid, json.loads(staging.read(urls.cable_json(corpus.cables[cid].path))))
            for cid in corpus.order
            if staging.exists(urls.cable_json(corpus.cables[cid].path))
        )
        for path, data in exports.files(corpus, config, records, [p.path for p in written]):
            staging.put(path, data)
            count += 1
    return count


def index_phase(config: SiteConfig, corpus: Corpus, staging: Staging, progress: Progress) -> None:
    """Phase 5: the Pagefind search index, when enabled and available."""
    index = _module("generator.index") if config.search else None
    if index is None:
        return
    fn = index.build_index
    kwargs = {"progress": progress} if "progress" in inspect.signature(fn).parameters else {}
    fn(config, staging.root, corpus, **kwargs)


def build(
    config: SiteConfig,
    *,
    quiet: bool = True,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Build the whole site from config.content into config.output.

    The output is replaced in one step at the end; if anything raises before
    that, the previous site is left exactly as it was. Safe to call repeatedly
    in one process (the preview server does).
    """
    tell = progress or _silent
    jobs = jobs if jobs is not None else (config.jobs or None)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    files = inputs(config)
    store = incremental.Store(config)
    scanned, site = incremental.scan(config, files), site_stamp(config.output)
    previous = store.previous_build(store.stamp(config, scanned, site), site)
    if previous is not None:
        lap("unchanged")
        return replace(previous, timings=timings)
    metas, skipped, warnings = parse_phase(config, files, jobs, tell, store)
    lap("parse")
    corpus = link.link(metas)
    lap("link")
    staging = Staging(config.output)
    try:
        failed = render_phase(config, corpus, staging, jobs, tell, store)
        lap("render")
        written = list_phase(config, corpus, staging, tell, jobs)
        written += staging.copy_tree(config.static, "static")
        lap("lists")
        index_phase(config, corpus, staging, tell)
        lap("index")
        staging.commit()
        lap("write")
    except BaseException:
        staging.abort()
        raise
    cables = len(corpus.cables) - len(failed)
    report = BuildReport(
        inputs=len(files),
        cables=cables,
        skipped=tuple(sorted([*skipped, *failed], key=lambda s: s.path)),
        warnings=tuple(warnings),
        timings=timings,
        pages=written + 3 * cables,
    )
    # Stamped with the input stats taken before parsing: a file edited during the
    # build looks changed next time, never the other way round.
    store.save()
    site = site_stamp(config.output)
    store.finished_build(store.stamp(config, scanned, site), site, report)
    lap("cache")
    return report


def unusable(config: SiteConfig) -> str | None:
    """Why the build cannot start with these folders, or None when it can."""
    if not config.content.is_dir():
        return f"{config.content}: no such content folder; pass --content DIR"
    if config.output == config.content or config.content.is_relative_to(config.output):
        return f"--output {config.output} would replace the content folder; choose another"
    for name in ("base.html", "cable.html"):
        if not (config.templates / name).is_file():
            return (
                f"{config.templates}: no {name} here; set templates in cablegen.toml "
                "to the folder holding the site templates"
            )
    return None


def run_build_command(
    content: Path | None,
    output: Path | None,
    config_path: Path | None,
    report: Path | None,
    strict: bool,
    quiet: bool,
    search: bool,
    jobs: int | None,
) -> int:
    """`cablegen build`: exit 0, 1 under --strict when inputs were skipped, 2 for bad config."""
    err = sys.stderr
    overrides: dict[str, Any] = {"content": content, "output": output}
    if not search:
        overrides["search"] = False
    try:
        config = config_mod.load(config_path, overrides, warn=lambda m: print(m, file=err))
    except config_mod.ConfigError as exc:
        for line in exc.errors:
            print(f"{exc.path}: {line}", file=err)
        return 2
    problem = unusable(config)
    if problem:
        print(problem, file=err)
        return 2
    try:
        content_registry(config.content)
    except people.RegistryError as exc:
        print(exc, file=err)
        return 2
    reporter = progress_mod.reporter(quiet, err)
    try:
        result = build(config, quiet=quiet, progress=reporter, jobs=jobs)
    except OutputError as exc:
        print(f"cannot write the site: {exc}", file=err)
        return 2
    except jinja2.TemplateError as exc:
        where = (
            f"{exc.filename}:{exc.lineno}: " if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        print(
            f"template error: {where}{type(exc).__name__}: {exc}; the site was left as it was",
            file=err,
        )
        return 2
    finally:
        reporter.close()
    if report is not None:
        text = json.dumps(result.record(), ensure_ascii=False, indent=2) + "\n"
        report.write_text(text, encoding="utf-8")
    if not quiet:
        for s in result.skipped:
            print(f"skipped {s.reason}", file=err)
        print(result.summary())
    return 1 if strict and result.skipped else 0
