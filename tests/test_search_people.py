"""What the search page is given of the people registry, and of the archive's dates."""

from __future__ import annotations

from pathlib import Path

from generator.config import SiteConfig
from generator.corpus.link import Corpus, link
from generator.people import EMPTY, load_registry
from generator.search import lookup
from generator.site import search_page
from tests.search_fixtures import fake_meta

REGISTRY = """
[[person]]
name = "Muammar al-Qadhafi"
aliases = ["Qadhafi", "al-Qadhafi", "Gaddafi"]

[[person]]
name = "Zine el-Abidine Ben Ali"
aliases = ["Ben  Ali"]

[[person]]
name = "Not In The Archive"
aliases = ["Nobody"]
"""


def _corpus() -> Corpus:
    qadhafi, ben_ali = ("Muammar al-Qadhafi",), ("Zine el-Abidine Ben Ali",)
    return link(
        [
            fake_meta("07TRIPOLI1033", "2007-12-04T10:00:00Z", "a", people=qadhafi),
            fake_meta("08TUNIS679", "2008-06-23T13:55:00Z", "b", people=ben_ali),
            fake_meta("09STATE401", None, "undated"),
        ]
    )


def test_spellings_of_registry_people_the_archive_names(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(REGISTRY, "utf-8")
    spellings = lookup.people_spellings(_corpus(), load_registry(tmp_path / "people.toml"))
    assert spellings == {
        "muammar al-qadhafi": "Muammar al-Qadhafi",
        "qadhafi": "Muammar al-Qadhafi",
        "al-qadhafi": "Muammar al-Qadhafi",
        "gaddafi": "Muammar al-Qadhafi",
        "zine el-abidine ben ali": "Zine el-Abidine Ben Ali",
        "ben ali": "Zine el-Abidine Ben Ali",  # spaces as the page splits a query
    }
    assert lookup.people_spellings(_corpus(), EMPTY) == {}


def test_the_people_file_is_one_of_the_lookup_files(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(REGISTRY, "utf-8")
    files = lookup.lookup_files(_corpus(), load_registry(tmp_path / "people.toml"))
    text = files["search/lookup/people.js"]
    assert text.startswith('(self.cablegenData=self.cablegenData||{})["people"]={')
    assert '"gaddafi":"Muammar al-Qadhafi"' in text


def test_the_date_range_spans_the_archive_months(tmp_path: Path) -> None:
    config = SiteConfig(content=tmp_path, output=tmp_path / "site")
    context = search_page.page(config, _corpus()).context
    assert (context.first_month, context.last_month) == ("2007-12", "2008-06")
    assert context.export_limit == search_page.EXPORT_LIMIT == 1000
    empty = search_page.page(config, link([])).context
    assert (empty.first_month, empty.last_month) == ("", "")
