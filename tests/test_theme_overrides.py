"""A site changes a row, a column and the paragraph markup with one template file each.

No Python: each override is a file in the site's templates/fragments/, rendered
by Jinja with the fragment's typed context, autoescaped like every template
(tests/test_theme_fragments.py builds hostile cables through overrides).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands.cli import main
from tests.conftest import SEEDS

# The TAGS row of a cable page: the code and its meaning, no link.
TAG_ITEMS = (
    '{% for t in tags %}<li class="my-tag" title="{{ t.meaning }}">{{ t.code }}</li>{% endfor %}'
)

# The theme's table with one more column: the year, taken from the date.
CABLE_TABLE = """<table class="cable-table">
<thead><tr><th scope="col">Year</th><th scope="col">ID</th><th scope="col">Subject</th></tr></thead>
<tbody>
{% for r in rows %}<tr>
<td class="c-year">{{ r.date[:4] }}</td>
<td class="c-id"><a href="{{ r.target|rel(path) }}">{{ r.id }}</a></td>
<td class="c-subject">{{ r.subject|subject }}</td>
</tr>
{% endfor %}</tbody>
</table>"""

# Paragraphs as sections with their number as a heading.
PARAGRAPHS = """{% for p in paragraphs %}
<section class="my-para" id="{{ p.anchor }}">
{%- if p.number %}<h3>{{ p.number }}</h3>{% endif %}<p>{{ p.html }}</p></section>
{% endfor %}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("overrides")
    shutil.copytree(SEEDS, root / "content" / "cables")
    fragments = root / "templates" / "fragments"
    fragments.mkdir(parents=True)
    (fragments / "tag_items.html").write_text(TAG_ITEMS, "utf-8")
    (fragments / "cable_table.html").write_text(CABLE_TABLE, "utf-8")
    (fragments / "paragraphs.html").write_text(PARAGRAPHS, "utf-8")
    (root / "cablegen.toml").write_text("search = false\njobs = 1\n", "utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(root / "cablegen.toml"), "--quiet"])
    assert result.exit_code == 0, result.output
    return root / "site"


def _cable_pages(site: Path) -> list[str]:
    return [p.read_text("utf-8") for p in sorted((site / "cable").rglob("*.html"))]


def test_a_tag_row_drawn_by_the_site_template(site: Path) -> None:
    pages = _cable_pages(site)
    assert pages
    for html in pages:
        if "TAGS</th>" in html:
            assert '<li class="my-tag" title="' in html
            assert '<ul class="tags"><li><a' not in html
    assert any('title="Political Affairs' in html for html in pages)


def test_a_column_added_to_every_cable_table(site: Path) -> None:
    tag_page = next((site / "tag").glob("*/index.html")).read_text("utf-8")
    assert '<th scope="col">Year</th>' in tag_page
    assert re.search(r'<td class="c-year">(19|20)\d\d</td>', tag_page)
    assert '<th scope="col">Classification</th>' not in tag_page
    home = (site / "index.html").read_text("utf-8")
    assert '<td class="c-year">' in home


def test_the_paragraph_markup_drawn_by_the_site_template(site: Path) -> None:
    pages = _cable_pages(site)
    assert all('class="pilcrow"' not in html for html in pages)
    assert sum(html.count('<section class="my-para" id="') for html in pages) > 20
    # The paragraph text arrives as safe markup: decorations kept, never escaped twice.
    assert any('<p><span class="redacted"' in html or "<h3>" in html for html in pages)
