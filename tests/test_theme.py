"""The packaged default theme, a site's overrides file by file, and the starter site.

A site with no templates, static files or pages of its own builds with the
theme's; each file it adds replaces the theme's file of that name and nothing
else; a default page can be switched off; links go only to pages the build
writes. `cablegen new` and `cablegen theme copy` never replace a user's file.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import build as build_mod
from generator import config, starter, theme
from generator.cli import main
from tests.conftest import ROOT, SEEDS
from tests.test_links import broken_links, summary


def bare_site(root: Path, **settings: object) -> Path:
    """A site folder holding only content/cables/ (the seeds) and a config."""
    shutil.copytree(SEEDS, root / "content" / "cables")
    lines = ["search = false", "jobs = 1"]
    lines += [f"{k} = {v!r}".replace("'", '"') for k, v in settings.items()]
    (root / "cablegen.toml").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def build_here(root: Path, *args: str) -> tuple[int, str]:
    cfg = root / "cablegen.toml"
    result = CliRunner().invoke(main, ["build", "--config", str(cfg), "--quiet", *args])
    return result.exit_code, result.output


def test_a_site_of_cables_alone_builds_with_the_theme_and_no_broken_link(tmp_path: Path) -> None:
    site = bare_site(tmp_path)
    code, output = build_here(site, "--strict")
    assert code == 0, output
    out = site / "site"
    assert (out / "about" / "index.html").is_file()
    assert (out / "how-to-read" / "index.html").is_file()
    assert (out / "static" / "site.css").read_bytes() == (ROOT / "static" / "site.css").read_bytes()
    problems = broken_links(out)
    assert not problems, summary(problems)


def test_default_pages_can_be_switched_off_and_nothing_links_to_them(tmp_path: Path) -> None:
    site = bare_site(tmp_path, default_pages=["how-to-read"])
    assert build_here(site)[0] == 0
    out = site / "site"
    assert not (out / "about").exists()
    assert (out / "how-to-read" / "index.html").is_file()
    for page in out.rglob("*.html"):
        assert "about/index.html" not in page.read_text("utf-8"), page
    problems = broken_links(out)
    assert not problems, summary(problems)


def test_unknown_default_page_is_a_config_error_naming_the_fix(tmp_path: Path) -> None:
    (tmp_path / "cablegen.toml").write_text('default_pages = ["faq"]\n')
    with pytest.raises(config.ConfigError) as caught:
        config.load(tmp_path / "cablegen.toml")
    assert "'faq'" in str(caught.value) and "content/pages/faq.md" in str(caught.value)


def test_site_files_override_the_theme_file_by_file(tmp_path: Path) -> None:
    site = bare_site(tmp_path)
    (site / "templates" / "partials").mkdir(parents=True)
    header = (ROOT / "templates" / "partials" / "header.html").read_text("utf-8")
    (site / "templates" / "partials" / "header.html").write_text(
        header.replace("<header", '<header data-site="mine"', 1), "utf-8"
    )
    (site / "static").mkdir()
    (site / "static" / "site.css").write_text("body { color: teal }\n")
    (site / "static" / "extra.css").write_text("p { margin: 0 }\n")
    (site / "content" / "pages").mkdir()
    (site / "content" / "pages" / "about.md").write_text("# About us\n\nOurs.\n")
    assert build_here(site)[0] == 0
    out = site / "site"
    home = (out / "index.html").read_text("utf-8")
    assert 'data-site="mine"' in home
    assert 'class="home' in home, "the theme's home.html is still used"
    assert (out / "static" / "site.css").read_text() == "body { color: teal }\n"
    assert (out / "static" / "extra.css").is_file()
    assert (out / "static" / "search.js").read_bytes() == (
        ROOT / "static" / "search.js"
    ).read_bytes()
    assert "Ours." in (out / "about" / "index.html").read_text("utf-8")
    assert (out / "how-to-read" / "index.html").is_file()


def test_strict_fails_on_an_empty_archive_unless_allowed(tmp_path: Path) -> None:
    site = bare_site(tmp_path)
    shutil.rmtree(site / "content" / "cables")
    (site / "content" / "cables").mkdir()
    code, output = build_here(site, "--strict")
    assert code == 1 and "no cable was built" in output
    assert build_here(site, "--strict", "--allow-empty")[0] == 0
    assert build_here(site)[0] == 0


def test_the_first_ten_warnings_are_printed_and_all_with_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = build_mod.BuildReport(
        inputs=1, cables=1, skipped=(), warnings=tuple(f"w{i}" for i in range(14)), timings={}
    )
    monkeypatch.setattr(build_mod, "build", lambda *a, **k: report)
    site = bare_site(tmp_path)
    args = ["build", "--config", str(site / "cablegen.toml")]
    shown = CliRunner().invoke(main, args).output
    assert "warning: w9" in shown and "warning: w10" not in shown
    assert "4 more warnings" in shown
    every = CliRunner().invoke(main, [*args, "--verbose"]).output
    assert "warning: w13" in every and "more warnings" not in every


@pytest.mark.parametrize(
    ("args", "bad"),
    [(["serve", "--port", "99999"], "--port"), (["build", "--jobs", "-3"], "--jobs")],
)
def test_out_of_range_numbers_are_refused_by_name(args: list[str], bad: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert bad in result.output and "range" in result.output


def test_a_binary_file_gets_one_message(tmp_path: Path) -> None:
    site = bare_site(tmp_path)
    (site / "content" / "cables" / "photo.dat").write_bytes(bytes(range(256)) * 20)
    report = tmp_path / "report.json"
    assert build_here(site, "--report", str(report))[0] == 0
    (skipped,) = json.loads(report.read_text())["skipped"]
    assert skipped["path"] == "cables/photo.dat"
    assert "binary file" in skipped["reason"] and "UTF-8" not in skipped["reason"]


def test_new_writes_a_starter_that_builds_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    written = starter.new_site(folder)
    names = {w.path.relative_to(folder).as_posix() for w in written}
    assert {"cablegen.toml", "netlify.toml", "requirements.txt", ".gitignore"} <= names
    assert len(list((folder / "content" / "cables").iterdir())) == 5
    assert (folder / "content" / "pages").is_dir()
    netlify = tomllib.loads((folder / "netlify.toml").read_text("utf-8"))
    assert "--strict" in netlify["build"]["command"]
    assert "requirements.txt" in netlify["build"]["command"]
    assert netlify["headers"] == tomllib.loads((ROOT / "netlify.toml").read_text())["headers"]
    from generator import __version__

    assert f"cablegen=={__version__}" in (folder / "requirements.txt").read_text()
    with pytest.raises(starter.FolderNotEmpty):
        starter.new_site(folder)
    (folder / "cablegen.toml").write_text('title = "Mine"\n')
    again = starter.new_site(folder, force=True)
    assert (folder / "cablegen.toml").read_text() == 'title = "Mine"\n'
    assert all(w.kept for w in again)
    assert build_here(folder, "--strict", "--no-search")[0] == 0


def test_every_config_key_is_in_the_commented_starter_config() -> None:
    text = theme.folder("cablegen.toml").read_text("utf-8")
    values = tomllib.loads(text)
    assert set(values) == set(config._KNOWN)
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"\w+ =", line):
            above = i - 1
            while above >= 0 and re.match(r"\w+ =", lines[above]):
                above -= 1  # keys set together share the comment above them
            assert above >= 0 and lines[above].startswith("#"), f"{line!r} has no comment"


def test_theme_copy_writes_the_theme_where_a_build_looks_first(tmp_path: Path) -> None:
    site = bare_site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "base.html").write_text("mine")
    written = starter.copy_theme(site)
    assert (site / "templates" / "base.html").read_text() == "mine"
    assert any(w.kept for w in written)
    assert (site / "templates" / "cable.html").read_bytes() == (
        ROOT / "templates" / "cable.html"
    ).read_bytes()
    assert (site / "static" / "site.css").is_file()
    assert (site / "content" / "pages" / "how-to-read.md").is_file()
    starter.copy_theme(site, force=True)
    assert (site / "templates" / "base.html").read_bytes() == (
        ROOT / "templates" / "base.html"
    ).read_bytes()
