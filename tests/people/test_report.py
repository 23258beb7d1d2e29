"""`cablegen people`: counts per person and the near-duplicates an editor must decide."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

from click.testing import CliRunner

from generator.commands.cli import main
from generator.commands.people_report import Person, near_duplicates, run_people_command
from generator.people.registry import EMPTY

ROOT = Path(__file__).resolve().parents[2]


def test_near_duplicates() -> None:
    found = [
        Person("Yevgeniy Zhovtis", "yevgeniy-zhovtis"),
        Person("Yevgeny Zhovtis", "yevgeny-zhovtis"),
        Person("Hoagland", "hoagland"),
        Person("Richard Hoagland", "richard-hoagland"),
        Person("Michel Murr", "michel-murr"),
        Person("Elias Murr", "elias-murr"),
    ]
    pairs = {(p["a"], p["b"]) for p in near_duplicates(found, EMPTY)}
    assert pairs == {("Yevgeniy Zhovtis", "Yevgeny Zhovtis"), ("Hoagland", "Richard Hoagland")}


def test_seed_report_as_json(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "cables", content / "cables")
    (content / "people.toml").write_text("")
    out, err = StringIO(), StringIO()
    assert run_people_command(content, as_json=True, out=out, err=err) == 0
    record = json.loads(out.getvalue())
    assert record["cables"] == 5
    by_name = {p["name"]: p for p in record["people"]}
    assert by_name["Robert Blake"]["cables"] == 1
    assert by_name["Hoagland"]["roles"] == {"signer": 3}
    # Without the site registry, the two spellings of Zhovtis one letter apart in
    # one cable are merged there with confidence: nothing is left for the editor.
    assert "Yevgeniy Zhovtis" in by_name and "Yevgeny Zhovtis" not in by_name
    pairs = {(d["a"], d["b"]) for d in record["near_duplicates"]}
    assert ("Yevgeniy Zhovtis", "Yevgeny Zhovtis") not in pairs


def test_command_line_text_report() -> None:
    result = CliRunner().invoke(main, ["people", "--content", str(ROOT / "content")])
    assert result.exit_code == 0, result.output
    assert "people in 5 cables" in result.output
    assert "Richard Hoagland" in result.output


def test_broken_registry_exits_2(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text("[[person]]\nname = 3\n")
    err = StringIO()
    assert run_people_command(tmp_path, as_json=False, out=StringIO(), err=err) == 2
    assert "people.toml:2:" in err.getvalue() and "needs name" in err.getvalue()
