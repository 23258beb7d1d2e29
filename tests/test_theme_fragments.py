"""The theme's fragments: a site overrides one with a template file, and the compiled
default writes exactly what Jinja writes from the same file.

The theme's fragment files are compiled to Python for speed; a copy of the same
files in a site's templates/ counts as an override and goes through Jinja. So
a site built both ways, from hostile cables and the seeds, must come out byte
for byte the same: that is the check that the compiled form never drifts from
the template file it is read from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from generator import theme, urls
from generator.commands.cli import main
from generator.render import compiled, fragments
from generator.site.listing import CableRow, label
from generator.site.pages import ParagraphView, ReferenceView, StationView, TagView
from tests.conftest import SEEDS
from tests.fragment_env import environment
from tests.hostile import inputs

THEME = theme.folder("templates")


def _hostile_lines() -> list[str]:
    """Every line of every committed hostile input, as the reader might decode it."""
    lines: set[str] = set(inputs.PAYLOADS)
    for path in sorted(inputs.COMMITTED.iterdir()):
        data = path.read_bytes()
        for text in (data.decode("utf-8", "replace"), data.decode("latin-1")):
            lines.update(line for line in text.splitlines() if line.strip())
    return sorted(lines)


HOSTILE = _hostile_lines()
TEXT = st.sampled_from(HOSTILE) | st.text(alphabet=st.sampled_from("<>&'\"%{}aX é\x00"))


def _site(root: Path, overrides: dict[str, str]) -> Path:
    """Seeds and hostile cables, with `overrides` (name -> text) in the site's templates/."""
    content = root / "content"
    inputs.write_content(content, huge_line_bytes=4000, huge_paragraph_bytes=4000)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, content / "cables" / seed.name)
    for name, text in overrides.items():
        (root / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "templates" / name).write_text(text, "utf-8")
    (root / "cablegen.toml").write_text("search = false\njobs = 1\npage_size = 3\n", "utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(root / "cablegen.toml"), "--quiet"])
    assert result.exit_code == 0, result.output
    return root / "site"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_every_theme_fragment_compiles() -> None:
    env = environment()
    for name in fragments.CONTEXTS:
        source = (THEME / fragments.template(name)).read_text("utf-8")
        params = fragments._parameters(fragments.CONTEXTS[name])
        assert compiled.compile_fragment(env, source, params, {}) is not None, name


def test_the_compiled_theme_writes_what_jinja_writes_from_its_files(tmp_path: Path) -> None:
    copies = {
        fragments.template(name): (THEME / fragments.template(name)).read_text("utf-8")
        for name in fragments.CONTEXTS
    }
    fast = _files(_site(tmp_path / "fast", {}))
    slow = _files(_site(tmp_path / "jinja", copies))
    assert not fragments.is_default(tmp_path / "jinja" / "templates", "cable_table")
    assert len(fast) > 50
    assert fast.keys() == slow.keys()
    assert [name for name in fast if fast[name] != slow[name]] == []


def _both(name: str, *args: object) -> tuple[str, str]:
    env = environment()
    source = (THEME / fragments.template(name)).read_text("utf-8")
    context = fragments.CONTEXTS[name]
    fast = compiled.compile_fragment(env, source, fragments._parameters(context), {})
    assert fast is not None
    jinja = env.from_string(source).render(vars(context(*args)))
    return fast(*args), jinja


def _row(text: str, date: str) -> CableRow:
    return CableRow(
        id=text,
        target=urls.cable("09ASTANA2159", 2009, 12),
        date=date,
        subject=text,
        origin=text,
        origin_target=urls.origin("ASTANA"),
        label=label(text),
    )


@settings(max_examples=60, deadline=None)
@given(TEXT, st.sampled_from(["2009-12-18", "undated"]), st.booleans())
def test_cable_table_compiled_is_jinja_on_hostile_text(text: str, date: str, origin: bool) -> None:
    fast, jinja = _both("cable_table", [_row(text, date)], "tag/PGOV/index.html", origin)
    assert fast == jinja


@settings(max_examples=60, deadline=None)
@given(TEXT, st.sampled_from(["heading", "numbered", "text"]), st.booleans())
def test_paragraphs_compiled_is_jinja_on_hostile_text(text: str, kind: str, bare: bool) -> None:
    number, marking = (None, None) if bare else (text, text)
    p = ParagraphView(text, number, marking, text, kind, Markup(escape(text)))
    fast, jinja = _both("paragraphs", [p, p])
    assert fast == jinja


@settings(max_examples=60, deadline=None)
@given(TEXT, st.one_of(st.none(), TEXT))
def test_link_lists_compiled_are_jinja_on_hostile_text(text: str, maybe: str | None) -> None:
    page = "cable/2009/12/09ASTANA2159.html"
    ref = ReferenceView(text, text, text, maybe, "tag/X/index.html" if maybe else None, maybe)
    assert len(set(_both("reference_items", [ref], page))) == 1
    tag = TagView(text, maybe or "", text, "tag/X/index.html")
    assert len(set(_both("tag_items", [tag], page))) == 1
    station = StationView(text, maybe, maybe, text, maybe, maybe)
    assert len(set(_both("station", station))) == 1


def test_printed_values_are_escaped_as_markupsafe_escapes_them() -> None:
    assert len(HOSTILE) > 100
    for text in HOSTILE:
        assert compiled._e(text) == str(escape(text)), text
        assert compiled._e(Markup(text)) == text
        assert compiled._e(len(text)) == str(len(text))
