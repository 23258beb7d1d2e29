"""content/people.toml: loading, lookups and messages that name file, line, key and fix."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

import generator.people as people
from generator.people.registry import default_registry

ROOT = Path(__file__).resolve().parents[2]


def _load(tmp_path: Path, text: str) -> people.Registry:
    path = tmp_path / "people.toml"
    path.write_text(text, "utf-8")
    return people.load_registry(path)


def test_shipped_registry_loads() -> None:
    registry = people.load_registry(ROOT / "content" / "people.toml")
    entry = registry.lookup("Yevgeny Zhovtis")
    assert entry is not None and entry.name == "Yevgeniy Zhovtis"
    assert registry.lookup("YEVGENY ZHOVTIS") == entry
    assert registry.is_ignored("Freedom House")


def test_missing_file_is_the_default_registry(tmp_path: Path) -> None:
    registry = people.load_registry(tmp_path / "nope.toml")
    assert registry == default_registry()
    entry = registry.lookup("Gaddafi")
    assert entry is not None and entry.name == "Muammar al-Qadhafi"
    assert registry.lookup("Ahmedinejad") == registry.lookup("Mahmoud Ahmadinejad")
    assert registry.is_ignored("Reuters")
    assert people.load_registry(tmp_path / "nope.toml", people.EMPTY) == people.EMPTY


def test_site_registry_adds_to_and_overrides_the_default(tmp_path: Path) -> None:
    registry = _load(
        tmp_path,
        '[[person]]\nname = "Colonel Qadhafi"\naliases = ["Gaddafi"]\n\n'
        '[[person]]\nname = "Ana Reuters"\naliases = ["Reuters"]\n\n'
        '[ignore]\nnames = ["Putin"]\n',
    )
    entry = registry.lookup("Gaddafi")
    assert entry is not None and entry.name == "Colonel Qadhafi"
    # the default person that shared the spelling is gone whole, not split
    assert registry.lookup("Kadhafi") is None
    assert registry.lookup("Reuters") is not None and not registry.is_ignored("Reuters")
    assert registry.is_ignored("Putin")
    assert registry.lookup("Hamid Karzai") is not None  # the rest of the default stays


def test_default_registry_is_package_data() -> None:
    """The wheel carries every file the people lists are read from."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    globs = tool["package-data"]
    data = ROOT / "generator" / "people" / "data"
    for path in data.iterdir():
        # a glob under "generator" is relative to the top package, one under "*"
        # to the folder holding the file
        relative = path.relative_to(ROOT / "generator").as_posix()
        shipped = any(fnmatch.fnmatch(relative, g) for g in globs.get("generator", [])) or any(
            fnmatch.fnmatch(path.name, g) for g in globs.get("*", [])
        )
        assert shipped, f"{relative} is not in [tool.setuptools.package-data]"


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(people.RegistryError) as err:
        _load(tmp_path, '[[person]]\nname = "A B"\naliases = Zhovtis\n\n')
    message = str(err.value)
    assert "people.toml:3:" in message and "not valid TOML" in message


def test_every_bad_key_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        '[[person]]\nname = "Robert Blake"\nalias = ["Blake"]\n\n'
        '[[person]]\nname = "Iva Dobichina"\nslug = "Iva D"\n\n'
        '[[person]]\naliases = ["Nobody"]\n\n[colour]\nx = 1\n'
    )
    with pytest.raises(people.RegistryError) as err:
        _load(tmp_path, text)
    lines = str(err.value).splitlines()
    assert len(lines) == 4
    assert any(
        "unknown key 'alias'" in ln and ":3:" in ln and "allowed keys are name, aliases" in ln
        for ln in lines
    )
    assert any("slug 'Iva D'" in ln and ":7:" in ln for ln in lines)
    assert any("needs name" in ln and ":9:" in ln for ln in lines)
    assert any("unknown key 'colour'" in ln and ":12:" in ln for ln in lines)


def test_a_spelling_given_to_two_people_is_refused(tmp_path: Path) -> None:
    text = (
        '[[person]]\nname = "Condoleezza Rice"\naliases = ["Rice"]\n'
        '[[person]]\nname = "Susan Rice"\naliases = ["Rice"]\n'
    )
    with pytest.raises(people.RegistryError, match="given to both"):
        _load(tmp_path, text)


def test_registry_merges_spellings_across_the_build(tmp_path: Path) -> None:
    registry = _load(
        tmp_path,
        '[[person]]\nname = "Yevgeniy Zhovtis"\naliases = ["Yevgeny Zhovtis"]\nslug = "zhovtis"\n',
    )
    from tests.people.loader import cable

    (mention,) = people.find(cable("Yevgeny Zhovtis spoke."), registry).people
    assert (mention.name, mention.slug, mention.spellings) == (
        "Yevgeniy Zhovtis",
        "zhovtis",
        ("Yevgeny Zhovtis",),
    )


def test_two_people_cannot_share_a_page(tmp_path: Path) -> None:
    text = (
        '[[person]]\nname = "Robert Blake"\n[[person]]\nname = "Rob Blake"\nslug = "robert-blake"\n'
    )
    with pytest.raises(people.RegistryError, match="already the page of 'Robert Blake'") as err:
        _load(tmp_path, text)
    assert ":5:" in str(err.value)
