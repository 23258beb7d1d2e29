"""`cablegen serve` and `cablegen watch`: build, then rebuild on change.

Wires the pieces together: the config, the build (generator.commands.build.build), the
watcher that turns saves into rebuilds (watch.py) and the HTTP server that shows
the result (serve.py). A failed build is printed and announced to open pages; the
site on disk stays the last good one, because the build only replaces the output
folder when it succeeds.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from generator import config as config_mod
from generator.commands.build import BuildReport, build, warm
from generator.commands.progress import reporter
from generator.commands.serve import open_server
from generator.commands.watch import BuildEvents, BuildResult, Rebuilder, Watcher
from generator.incremental import reindex
from generator.pipeline.run import Memory
from generator.pipeline.tally import Skipped

# How many skipped inputs an overlay lists before "and N more".
_SHOWN = 20
BuildFn = Callable[..., Any]


def describe(report: BuildReport, number: int, changed: set[Path] | None) -> BuildResult:
    """A BuildResult for the terminal and open pages from build()'s report."""
    return _result(number, report.summary(), report.skipped, changed)


def _result(
    number: int, summary: str, skipped: tuple[Skipped, ...], changed: set[Path] | None
) -> BuildResult:
    # Reasons usually start with the file already; do not say it twice.
    problems = [
        s.reason if s.reason.startswith(s.path) else f"{s.path}: {s.reason}"
        for s in skipped[:_SHOWN]
    ]
    if len(skipped) > _SHOWN:
        problems.append(f"... and {len(skipped) - _SHOWN} more (see the terminal)")
    names = tuple(sorted(str(p) for p in changed)) if changed else ()
    return BuildResult(number, True, summary, tuple(problems), names)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template line an exception passed through, if any.

    Jinja2 rewrites tracebacks so that template code appears as frames of the
    template file: an undefined variable is then reported at its template line.
    """
    found: tuple[str | None, int | None] = (None, None)
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt", ".j2")):
            found = (name, lineno)
    return found


def failure(exc: BaseException, number: int, changed: set[Path] | None) -> BuildResult:
    """A BuildResult for a build that raised: where it failed and why."""
    where = ""
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None)
    if not filename:
        filename, lineno = _template_frame(exc)
    if filename:
        where = f"{filename}:{lineno}: " if lineno else f"{filename}: "
    summary = f"build failed: {where}{type(exc).__name__}: {exc}"
    frames = traceback.format_exception_only(type(exc), exc)
    names = tuple(sorted(str(p) for p in changed)) if changed else ()
    return BuildResult(number, False, summary, tuple(f.rstrip() for f in frames), names)


class SiteBuilder:
    """Runs one build with the current config; never raises.

    The config file is read again on every full build, so an edit to it takes
    effect without restarting; an invalid config fails that build with the
    config's own messages.
    """

    def __init__(
        self,
        config: config_mod.SiteConfig,
        config_path: Path | None,
        overrides: dict[str, Any],
        err: IO[str],
        quiet: bool = False,
        build_fn: BuildFn | None = None,
    ) -> None:
        self.config = config
        self._config_path = config_path
        self._overrides = overrides
        self._err = err
        self._quiet = quiet
        self._build: BuildFn = build_fn or build
        self.memory = Memory()
        """What one build keeps for the next: the server's builds share it."""
        self.events: BuildEvents | None = None
        self.indexer: reindex.Background | None = None
        """Takes an incremental update's search index work off the rebuild (set by the caller)."""
        """Where a build announces its pages are live, before it finishes (set by the caller)."""
        self._lock = threading.Lock()
        self._shown: tuple[str, ...] = ()
        # The config was just loaded by the caller: the first build need not reread it.
        self._reread = False

    def __call__(self, changed: set[Path] | None, number: int) -> BuildResult:
        with self._lock:
            result = self._run(changed, number)
        self._print(result)
        return result

    def warm_later(self) -> threading.Thread:
        """Load the site's Corpus in the background, so the first save is as quick as the rest.

        Holds the build lock: a save made meanwhile waits for it as for a build.
        """
        thread = threading.Thread(target=self._warm, name="cablegen-warm", daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        with self._lock:
            try:
                warm(self.config, self.memory)
            except Exception:  # noqa: BLE001 - it only makes the first save slower
                return

    def _run(self, changed: set[Path] | None, number: int) -> BuildResult:
        if changed is None and self._reread:
            try:
                self.config = _load(self._config_path, self._overrides, self._err)
            except config_mod.ConfigError as exc:
                return BuildResult(number, False, "config error: " + str(exc), tuple(exc.errors))
        self._reread = True
        # After the first build, plain progress lines would only repeat the summary.
        plain = not getattr(self._err, "isatty", lambda: False)()
        progress = reporter(self._quiet or (number > 1 and plain), self._err)
        kwargs: dict[str, Any] = {"quiet": True, "progress": progress, "memory": self.memory}
        if self.events is not None:
            events = self.events

            def published(skipped: tuple[Skipped, ...]) -> None:
                # Open pages reload now; the search index and exports follow, and the
                # closing event of this build (same number) does not reload them twice.
                summary = "pages updated; updating the search index and exports"
                events.publish(_result(number, summary, skipped, changed))

            kwargs["published"] = published
        if self.indexer is not None:
            self.indexer.cancel()
            kwargs["index_later"] = self.indexer.submit
        try:
            report = self._build(self.config, changed=changed, **kwargs)
        except Exception as exc:  # noqa: BLE001 - shown in the terminal and the page
            return failure(exc, number, changed)
        finally:
            progress.close()
        return describe(report, number, changed)

    def _print(self, result: BuildResult) -> None:
        if self._quiet and result.ok:
            return
        stamp = time.strftime("%H:%M:%S")
        what = f" ({len(result.changed)} changed)" if result.changed else ""
        print(f"[{stamp}] build {result.number}{what}: {result.summary}", file=self._err)
        # The same skipped inputs on every rebuild would bury what changed.
        if result.problems != self._shown or not result.ok:
            for line in result.problems:
                print(f"  {line}", file=self._err)
        self._shown = result.problems if result.ok else self._shown
        self._err.flush()


def _load(config_path: Path | None, overrides: dict[str, Any], err: IO[str]) -> Any:
    def warn(message: str) -> None:
        print(f"warning: {message}", file=err)

    return config_mod.load(config_path, overrides=overrides, warn=warn)


def _usable_config(
    config_path: Path | None, overrides: dict[str, Any], err: IO[str]
) -> config_mod.SiteConfig | None:
    """The config, or None after saying why it cannot be used."""
    try:
        config: config_mod.SiteConfig = _load(config_path, overrides, err)
    except config_mod.ConfigError as exc:
        print(f"error: {exc}", file=err)
        return None
    if not config.content.is_dir():
        print(f"error: {config.content}: no such content folder; pass --content DIR", file=err)
        return None
    if config.output == config.content or config.content.is_relative_to(config.output):
        print(f"error: --output {config.output} would replace the content folder", file=err)
        return None
    return config


def _builder(
    config: config_mod.SiteConfig,
    config_path: Path | None,
    overrides: dict[str, Any],
    err: IO[str],
    events: BuildEvents,
) -> SiteBuilder:
    """A SiteBuilder that announces its pages early and indexes in the background."""
    builder = SiteBuilder(config, config_path, overrides, err)
    builder.events = events

    def searchable(count: int) -> None:
        seq, latest = events.current()
        if latest is not None:
            events.publish(replace(latest, search=count))

    builder.indexer = reindex.Background(searchable)
    return builder


def start_watching(
    builder: SiteBuilder, events: BuildEvents, first: int, quiet: float = 0.1
) -> tuple[Rebuilder, Watcher]:
    """Watch content, templates, static and the config file; rebuild on change."""
    config = builder.config
    rebuilder = Rebuilder(builder, events, quiet=quiet, first=first)
    source = Path(config.source) if config.source else None
    watcher = Watcher(
        rebuilder,
        [config.content, config.templates, config.static],
        config_file=source,
        ignore=[config.output, config.cache],
    )
    rebuilder.start()
    watcher.start()
    return rebuilder, watcher


def run_preview(
    content: Path | None,
    output: Path | None,
    config_path: Path | None,
    port: int,
    bind: str,
    watch: bool,
    err: IO[str],
) -> int:
    """Build, then serve the output until interrupted; rebuild on change when `watch`."""
    overrides: dict[str, Any] = {"content": content, "output": output}
    config = _usable_config(config_path, overrides, err)
    if config is None:
        return 2
    events = BuildEvents()
    server = open_server(bind, port, config.output, events, err)
    if server is None:
        return 2
    builder = _builder(config, config_path, overrides, err, events)
    events.publish(builder(None, 1))
    watching = start_watching(builder, events, first=2) if watch else None
    if watch:
        builder.warm_later()
    print(f"Serving {config.output} at {server.url} (press Ctrl+C to stop)", file=err)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=err)
    finally:
        if watching:
            watching[1].stop()
            watching[0].stop()
        if builder.indexer is not None:
            builder.indexer.stop()
        server.server_close()
    return 0


def run_watch(
    content: Path | None, output: Path | None, config_path: Path | None, err: IO[str]
) -> int:
    """Build, then rebuild on every change until interrupted (no server)."""
    overrides: dict[str, Any] = {"content": content, "output": output}
    config = _usable_config(config_path, overrides, err)
    if config is None:
        return 2
    events = BuildEvents()
    builder = _builder(config, config_path, overrides, err, events)
    events.publish(builder(None, 1))
    rebuilder, watcher = start_watching(builder, events, first=2)
    builder.warm_later()
    print("Watching for changes (press Ctrl+C to stop)", file=err)
    try:
        while True:
            events.wait_after(events.latest.number if events.latest else 0, 3600)
    except KeyboardInterrupt:
        print("stopped", file=err)
    finally:
        watcher.stop()
        rebuilder.stop()
        if builder.indexer is not None:
            builder.indexer.stop()
    return 0
