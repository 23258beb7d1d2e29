"""Debounced rebuilds: bursts give one build, changes during a build give one more.

The build function here records its calls; the watcher tests edit real files and
wait on real watchdog events. Every wait is on an event or condition, never a sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.commands.watch import BuildEvents, BuildResult, Rebuilder, Watcher, is_noise

WAIT = 15.0


class Recorder:
    """A build function that records what it was asked to build."""

    def __init__(self, fail_on: int = 0) -> None:
        self.calls: list[set[Path] | None] = []
        self.gate: threading.Event | None = None
        self.started = threading.Event()
        self.fail_on = fail_on

    def __call__(self, changed: set[Path] | None, number: int) -> BuildResult:
        self.calls.append(None if changed is None else set(changed))
        self.started.set()
        if self.gate is not None:
            assert self.gate.wait(WAIT), "test never released the build"
        if number == self.fail_on:
            raise ValueError("templates/base.html: unexpected '}'")
        return BuildResult(number, True, f"build {number}")


@pytest.fixture
def events() -> BuildEvents:
    return BuildEvents()


def rebuilder_for(recorder: Recorder, events: BuildEvents) -> Iterator[Rebuilder]:
    # Generous, so a busy test machine cannot split one burst into two windows.
    rb = Rebuilder(recorder, events, quiet=0.3)
    rb.start()
    yield rb
    rb.stop()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def rebuilder(recorder: Recorder, events: BuildEvents) -> Iterator[Rebuilder]:
    yield from rebuilder_for(recorder, events)


def next_build(events: BuildEvents, after: int) -> BuildResult:
    result = events.wait_after(after, WAIT)
    assert result is not None, f"no build after build {after}"
    return result


def test_a_burst_of_saves_gives_one_build(
    rebuilder: Rebuilder, recorder: Recorder, events: BuildEvents
) -> None:
    paths = [Path(f"content/cables/{i}.txt") for i in range(200)]
    for path in paths:
        rebuilder.changed([path])
    first = next_build(events, 0)
    assert first.number == 1
    # A marker change proves no other build was queued behind the burst.
    rebuilder.changed([Path("marker")])
    second = next_build(events, 1)
    assert second.number == 2
    assert recorder.calls == [set(paths), {Path("marker")}]


def test_changes_during_a_build_give_exactly_one_more(
    rebuilder: Rebuilder, recorder: Recorder, events: BuildEvents
) -> None:
    recorder.gate = threading.Event()
    rebuilder.changed([Path("a")])
    assert recorder.started.wait(WAIT)
    for name in ("b", "c", "d"):
        rebuilder.changed([Path(name)])
    recorder.gate.set()
    assert next_build(events, 0).number == 1
    assert next_build(events, 1).number == 2
    rebuilder.changed([Path("marker")])
    assert next_build(events, 2).number == 3
    assert recorder.calls == [{Path("a")}, {Path("b"), Path("c"), Path("d")}, {Path("marker")}]


def test_full_rebuild_request_passes_none(
    rebuilder: Rebuilder, recorder: Recorder, events: BuildEvents
) -> None:
    rebuilder.changed([Path("x")])
    rebuilder.changed([Path("cablegen.toml")], full=True)
    next_build(events, 0)
    assert recorder.calls == [None]


def test_a_failing_build_is_announced_and_the_next_one_runs(events: BuildEvents) -> None:
    recorder = Recorder(fail_on=1)
    for rb in rebuilder_for(recorder, events):
        rb.changed([Path("templates/base.html")])
        failed = next_build(events, 0)
        assert not failed.ok
        assert "unexpected '}'" in failed.summary
        assert events.last_good == 0
        rb.changed([Path("templates/base.html")])
        good = next_build(events, 1)
        assert good.ok and events.last_good == 2


def test_close_releases_waiting_readers(events: BuildEvents) -> None:
    got: list[BuildResult | None] = []
    reader = threading.Thread(target=lambda: got.append(events.wait_after(0, WAIT)))
    reader.start()
    events.close()
    reader.join(WAIT)
    assert not reader.is_alive() and got == [None]


@pytest.mark.parametrize(
    ("name", "noise"),
    [
        ("cable.txt", False),
        ("base.html", False),
        (".cable.txt.swp", True),
        ("cable.txt~", True),
        (".#cable.txt", True),
        ("4913", True),
        (".DS_Store", True),
    ],
)
def test_editor_noise(name: str, noise: bool) -> None:
    assert is_noise(Path("content/cables") / name) is noise


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("content/cables", "templates", "static", "site"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "content/cables/a.txt").write_text("one")
    (tmp_path / "cablegen.toml").write_text('title = "x"\n')
    return tmp_path


@pytest.fixture
def watching(
    project: Path, recorder: Recorder, events: BuildEvents
) -> Iterator[tuple[Rebuilder, Watcher]]:
    for rb in rebuilder_for(recorder, events):
        watcher = Watcher(
            rb,
            [project / "content", project / "templates", project / "static"],
            config_file=project / "cablegen.toml",
            ignore=[project / "site"],
        )
        watcher.start()
        try:
            yield rb, watcher
        finally:
            watcher.stop()


def test_editing_a_real_file_rebuilds_with_its_path(
    project: Path, watching: tuple[Rebuilder, Watcher], recorder: Recorder, events: BuildEvents
) -> None:
    cable = (project / "content/cables/a.txt").resolve()
    cable.write_text("two")
    next_build(events, 0)
    assert recorder.calls[0] is not None and cable in recorder.calls[0]


def test_editor_style_save_is_one_build_without_the_temp_file(
    project: Path, watching: tuple[Rebuilder, Watcher], recorder: Recorder, events: BuildEvents
) -> None:
    folder = (project / "templates").resolve()
    (folder / ".base.html.swp").write_text("swap")
    temp = folder / "base.html.tmp"
    temp.write_text("<html></html>")
    temp.rename(folder / "base.html")
    (folder / ".base.html.swp").unlink()
    next_build(events, 0)
    (project / "static/marker.css").write_text("x")
    next_build(events, 1)
    assert len(recorder.calls) == 2
    first = recorder.calls[0]
    assert first is not None and folder / "base.html" in first
    assert not any(is_noise(p) for p in first)


def test_config_change_is_a_full_build_and_other_root_files_are_ignored(
    project: Path, watching: tuple[Rebuilder, Watcher], recorder: Recorder, events: BuildEvents
) -> None:
    (project / "README.md").write_text("not watched")
    (project / "site" / "index.html").write_text("output is not watched")
    (project / "cablegen.toml").write_text('title = "y"\n')
    next_build(events, 0)
    assert recorder.calls == [None]
    (project / "README.md").write_text("still not watched")
    (project / "content/cables/b.txt").write_text("new")
    next_build(events, 1)
    assert recorder.calls[1] == {(project / "content/cables/b.txt").resolve()}


def test_site_builder_passes_changed_paths_to_the_build(tmp_path: Path) -> None:
    import io

    from generator.commands.build import BuildReport, Skipped
    from generator.commands.preview import SiteBuilder
    from generator.config import load

    seen: list[object] = []

    def incremental(
        config: object, *, progress: object, changed: set[Path] | None, **kwargs: object
    ) -> BuildReport:
        seen.append(changed)
        skipped = (Skipped("cables/x.txt", "cables/x.txt:1: not a cable"),)
        return BuildReport(3, 2, skipped, (), {"parse": 0.1})

    config = load(None, root=tmp_path)
    log = io.StringIO()
    result = SiteBuilder(config, None, {}, log, build_fn=incremental)({Path("a.txt")}, 4)
    assert seen == [{Path("a.txt")}]
    assert result.ok and result.number == 4 and result.changed == ("a.txt",)
    assert result.problems == ("cables/x.txt:1: not a cable",)
    assert "build 4 (1 changed): Built 2 cables" in log.getvalue()
    assert SiteBuilder(config, None, {}, log, build_fn=incremental)(None, 5).ok
    assert seen[-1] is None  # a full build: no changed paths to go by


def test_site_builder_reports_where_a_template_broke(tmp_path: Path) -> None:
    import io

    import jinja2

    from generator.commands.preview import SiteBuilder
    from generator.config import load

    def broken(config: object, **kwargs: object) -> None:
        jinja2.Environment().parse("{% if %}", filename="templates/base.html")

    log = io.StringIO()
    result = SiteBuilder(load(None, root=tmp_path), None, {}, log, build_fn=broken)(None, 2)
    assert not result.ok
    assert result.summary.startswith("build failed: templates/base.html:1: TemplateSyntaxError")
    assert "build failed" in log.getvalue()


def test_site_builder_reports_the_template_line_of_an_undefined_value(tmp_path: Path) -> None:
    import io

    import jinja2

    from generator.commands.preview import SiteBuilder
    from generator.config import load

    (tmp_path / "page.html").write_text("<p>\n{{ site.title.upper() }}</p>\n")

    def undefined(config: object, **kwargs: object) -> None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(tmp_path), undefined=jinja2.StrictUndefined
        )
        env.get_template("page.html").render()

    log = io.StringIO()
    result = SiteBuilder(load(None, root=tmp_path), None, {}, log, build_fn=undefined)(None, 2)
    assert not result.ok
    assert f"{tmp_path / 'page.html'}:2: UndefinedError" in result.summary
