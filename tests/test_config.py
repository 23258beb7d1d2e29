"""cablegen.toml: every key checked, every problem reported at once, typos warned."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from generator.config import ConfigError, SiteConfig, load
from tests.conftest import ROOT


def write(folder: Path, text: str) -> Path:
    path = folder / "cablegen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_documents_every_key_with_its_default() -> None:
    warnings: list[str] = []
    config = load(ROOT / "cablegen.toml", warn=warnings.append)
    assert warnings == []
    text = (ROOT / "cablegen.toml").read_text("utf-8")
    defaults = load(None, root=ROOT / "tests")  # no cablegen.toml there: pure defaults
    for f in fields(SiteConfig):
        if f.name == "source":
            continue
        assert f"\n{f.name} = " in text, f"cablegen.toml does not document {f.name}"
        if isinstance(getattr(config, f.name), Path):
            assert getattr(config, f.name) == ROOT / getattr(SiteConfig, f.name)
        else:
            assert getattr(config, f.name) == getattr(defaults, f.name), f.name


def test_found_by_default_in_the_folder(tmp_path: Path) -> None:
    write(tmp_path, 'title = "Here"\n')
    config = load(None, root=tmp_path)
    assert config.title == "Here"
    assert config.source == str(tmp_path / "cablegen.toml")


def test_no_file_means_defaults(tmp_path: Path) -> None:
    config = load(None, root=tmp_path)
    assert config.source is None
    assert config.title == SiteConfig.title
    assert config.output == tmp_path / "site"
    assert config.page_size == 50


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    sub = tmp_path / "project"
    sub.mkdir()
    path = write(sub, 'content = "input"\noutput = "../public"\ncache = "/tmp/abs-cache"\n')
    config = load(path, root=tmp_path / "elsewhere")
    assert config.content == sub / "input"
    assert config.output == tmp_path / "public"
    assert config.cache == Path("/tmp/abs-cache")


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "page_size = 0\n"
        'search = "yes"\n'
        'base_url = "cables.example.org"\n'
        "output = 3\n"
        "jobs = -1\n"
        "title = 42\n",
    )
    with pytest.raises(ConfigError) as info:
        load(path)
    errors = info.value.errors
    assert len(errors) == 6, errors
    text = str(info.value)
    for key in ("page_size", "search", "base_url", "output", "jobs", "title"):
        assert f"{key} = " in text
    assert "at least 1" in text and "true or false" in text and "https://" in text
    assert all(line.startswith(str(path)) for line in text.splitlines())


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        ("page_size = 2.5", "whole number"),
        ("page_size = true", "whole number"),
        ('page_size = "50"', "whole number"),
        ('title = ""', "needs a title"),
        ('content = ""', "folder path"),
        ("content = []", "folder path"),
        ('base_url = "ftp://x"', "https://"),
        ('description = ["a"]', "must be a string"),
    ],
)
def test_each_bad_value_names_key_value_and_fix(tmp_path: Path, line: str, fix: str) -> None:
    path = write(tmp_path, line + "\n")
    with pytest.raises(ConfigError) as info:
        load(path)
    (message,) = info.value.errors
    key = line.split(" = ")[0]
    assert message.startswith(f"{key} = ")
    assert fix in message


def test_unknown_keys_are_warned_with_a_suggestion_but_do_not_stop(tmp_path: Path) -> None:
    path = write(tmp_path, 'titel = "x"\npage_sise = 10\nflavour = "mint"\n')
    warnings: list[str] = []
    config = load(path, warn=warnings.append)
    assert config.title == SiteConfig.title and config.page_size == 50
    assert len(warnings) == 3
    assert "'titel'" in warnings[0] and "did you mean 'title'" in warnings[0]
    assert "did you mean 'page_size'" in warnings[1]
    assert "known keys:" in warnings[2] and "page_size" in warnings[2]


def test_invalid_toml_points_at_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "ok"\npage_size = = 3\n')
    with pytest.raises(ConfigError) as info:
        load(path)
    assert "not valid TOML" in str(info.value) and "line 2" in str(info.value)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "nope.toml")
    assert "no such file" in str(info.value)


def test_undecodable_config_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "cablegen.toml").write_bytes(b'title = "\xff\xfe"\n')
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "cablegen.toml")
    assert "not valid TOML" in str(info.value)


def test_overrides_win_and_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'output = "from-file"\nsearch = true\n')
    monkeypatch.chdir(tmp_path)
    config = load(path, overrides={"output": "cli-out", "search": False, "jobs": None})
    assert config.output == tmp_path / "cli-out"
    assert config.search is False and config.jobs == 0
    with pytest.raises(ConfigError) as info:
        load(path, overrides={"page_size": 0})
    assert "page_size = 0" in str(info.value)


def test_output_that_would_swallow_the_content_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, 'content = "site/content"\noutput = "site"\ncache = "site/.cache"\n')
    with pytest.raises(ConfigError) as info:
        load(path)
    text = str(info.value)
    assert "output = " in text and "content folder" in text
    assert "cache = " in text and "inside the output folder" in text


def test_digest_changes_with_output_settings_only(tmp_path: Path) -> None:
    a = load(write(tmp_path, 'title = "A"\n'))
    b = load(write(tmp_path, 'title = "B"\n'))
    c = load(write(tmp_path, 'title = "A"\njobs = 3\n'))
    assert a.digest() != b.digest()
    assert a.digest() == c.digest()


def test_config_is_frozen(tmp_path: Path) -> None:
    config = load(None, root=tmp_path)
    with pytest.raises(AttributeError):
        config.title = "changed"  # type: ignore[misc]


def test_build_command_exits_2_and_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "content" / "cables").mkdir(parents=True)
    write(tmp_path, 'page_size = -3\nsearch = 1\ncolour = "red"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "page_size = -3" in proc.stderr and "search = 1" in proc.stderr
    assert "colour" in proc.stderr
