"""Build progress as `cablegen build` and `cablegen serve` show it."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands import progress
from tests.conftest import ROOT


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_prints_nothing() -> None:
    out = io.StringIO()
    tell = progress.reporter(quiet=True, stream=out)
    for done in range(5):
        tell("render", done + 1, 5)
    tell.close()
    assert out.getvalue() == ""


def test_plain_prints_one_line_per_stage() -> None:
    out = io.StringIO()
    tell = progress.reporter(quiet=False, stream=out)
    for stage, total in (("parse", 300), ("render", 300), ("lists", 40)):
        for done in range(1, total + 1):
            tell(stage, done, total)
    tell.close()
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "parse: 300/300",
        "render: 300/300",
        "lists: 40/40",
    ]
    assert "\x1b" not in out.getvalue()


def test_terminal_gets_a_bar_with_stage_and_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_SHOW_AFTER", 0.0)
    out = Terminal()
    tell = progress.reporter(quiet=False, stream=out)
    assert not isinstance(tell, type(progress.reporter(stream=io.StringIO())))
    tell("render", 3, 10)
    tell("render", 10, 10)
    tell.close()
    text = out.getvalue()
    assert "render" in text
    assert "10/10" in text


def test_summary_line_counts_and_stage_times() -> None:
    line = progress.summary_line(1, 2, 0, {"parse": 0.25, "render": 1.0, "index": 0.5}, pages=7)
    assert line == (
        "Built 1 cable (7 pages), 2 skipped, 0 warnings in 1.75s "
        "(parse 0.25s, render 1.00s, index 0.50s)"
    )


@pytest.mark.slow
def test_build_in_a_pipe_prints_stage_lines_and_the_summary(tmp_path: Path) -> None:
    (tmp_path / "cablegen.toml").write_text(
        f'templates = "{(ROOT / "templates").as_posix()}"\n'
        f'static = "{(ROOT / "static").as_posix()}"\n'
        "search = false\njobs = 1\n",
        "utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(ROOT / "content")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "parse: 5/5" in proc.stderr and "render: 5/5" in proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"Built \d+ cables? \(\d+ pages\), \d+ skipped, \d+ warnings in .*", summary
    )
    assert "parse " in summary and "render " in summary
    quiet = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-q", "--content", str(ROOT / "content")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
