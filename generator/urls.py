"""The only module that knows output paths.

Every function returns a path relative to the site root, in POSIX form, that
names a file (never a bare folder): links must work opened from disk, where a
folder does not resolve to its index.html. Templates turn these into relative
links with `href(page, target)` so the site can live under any prefix.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, partial

_SAFE_CODE = re.compile(r"^[A-Z0-9]{1,16}$")
# Names Windows refuses as file names; a site must unpack anywhere.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}


def slug(text: str, limit: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens; never empty, never a reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:limit].strip("-") or "x"
    return f"{out}-" if out.upper() in _RESERVED else out


def code_key(code: str) -> str:
    """Path segment for a TAGS code: the code itself when plain, else a slug."""
    if _SAFE_CODE.match(code) and code not in _RESERVED:
        return code
    return slug(code)


def page_file(folder: str, page: int = 1) -> str:
    """Page N of a paginated list in `folder`: index.html, then p2.html, p3.html ..."""
    return f"{folder}/index.html" if page <= 1 else f"{folder}/p{page}.html"


def home() -> str:
    return "index.html"


def cable(cable_id: str, year: int | None, month: int | None) -> str:
    """cable/YYYY/MM/ID.html; cables without a known date go under cable/undated/."""
    if year is None:
        return f"cable/undated/{cable_id}.html"
    if month is None:
        return f"cable/{year:04d}/undated/{cable_id}.html"
    return f"cable/{year:04d}/{month:02d}/{cable_id}.html"


def cable_json(cable_path: str) -> str:
    return cable_path[: -len(".html")] + ".json"


def cable_raw(cable_path: str) -> str:
    """The original text as received, served as a plain text file."""
    return cable_path[: -len(".html")] + ".txt"


def cable_version(cable_path: str, label: str, ext: str) -> str:
    """One version of a cable beside its page: cable/YYYY/MM/ID/v2.txt (or .json)."""
    return f"{cable_path[: -len('.html')]}/{label}.{ext}"


def cable_diff(cable_path: str, old: str, new: str) -> str:
    """The word diff from one version of a cable to another: cable/YYYY/MM/ID/v1-v2.html."""
    return f"{cable_path[: -len('.html')]}/{old}-{new}.html"


def tag(code: str, page: int = 1) -> str:
    return page_file(f"tag/{code_key(code)}", page)


def tags() -> str:
    return "tags/index.html"


def person(person_slug: str, page: int = 1) -> str:
    return page_file(f"person/{person_slug}", page)


def people() -> str:
    return "people/index.html"


def people_letter(letter: str) -> str:
    """The people whose surname starts with `letter` ("#" for any other character)."""
    return f"people/{'other' if letter == '#' else letter.lower()}.html"


def origin(name: str, page: int = 1) -> str:
    return page_file(f"origin/{code_key(name)}", page)


def origins() -> str:
    return "origins/index.html"


def month(year: int, mon: int, page: int = 1) -> str:
    return page_file(f"date/{year:04d}/{mon:02d}", page)


def year_page(year: int) -> str:
    return f"date/{year:04d}/index.html"


def dates() -> str:
    return "dates/index.html"


def classification(name: str, page: int = 1) -> str:
    return page_file(f"classification/{slug(name)}", page)


def classifications() -> str:
    return "classification/index.html"


def most_cited() -> str:
    return "cited/index.html"


def search() -> str:
    return "search/index.html"


def reading() -> str:
    return "reading/index.html"


def not_found() -> str:
    """Served by hosts for any missing path, so its own links cannot be relative."""
    return "404.html"


def feed() -> str:
    return "feed.xml"


def sitemap(part: int = 0) -> str:
    """sitemap.xml, or sitemap-N.xml for part N when the URLs need several files."""
    return "sitemap.xml" if part <= 0 else f"sitemap-{part}.xml"


def export(name: str) -> str:
    """Bulk export files: data/cables.csv, data/cables.jsonl."""
    return f"data/{name}"


def editorial(name: str) -> str:
    return f"{slug(name)}/index.html"


def static(name: str) -> str:
    return f"static/{name}"


def href(page: str, target: str) -> str:
    """Relative link from the page at `page` to `target` (both site-root paths).

    A target may carry a fragment ("cable/2009/12/X.html#p3").
    """
    path, hash_, fragment = target.partition("#")
    if not path:
        rel = posixpath.basename(page)
    elif _plain(page) and _plain(path):
        # Every link of every page goes through here; posixpath.relpath calls getcwd
        # twice per link, which made it most of the time spent rendering list pages.
        src, dst = page.split("/")[:-1], path.split("/")
        same = 0
        while same < min(len(src), len(dst)) and src[same] == dst[same]:
            same += 1
        rel = "/".join([".."] * (len(src) - same) + dst[same:]) or "."
    else:
        rel = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return rel + (hash_ + fragment if hash_ else "")


def _plain(path: str) -> bool:
    """True for the shape urls produces: no leading slash, no empty, "." or ".." segment."""
    parts = path.split("/")
    return "" not in parts and "." not in parts and ".." not in parts


def root(page: str) -> str:
    """Prefix from `page` to the site root, e.g. "../../../" for cable pages."""
    depth = page.count("/")
    return "../" * depth


@lru_cache(maxsize=256)
def linker(page: str) -> Callable[[str], str]:
    """`lambda target: href(page, target)`, quick for the links a page mostly holds.

    A page holds dozens of links and most share no folder with it (a person page
    linking a cable, a cable page its tags): those are the page's "../" prefix
    plus the target, with no path arithmetic. Cached: pages are drawn one after
    another, and every fragment of a page asks for the page's linker.
    """
    parts = page.split("/")
    if not _plain(page):
        return partial(href, page)
    prefix = "../" * (len(parts) - 1)
    folder = parts[0] if len(parts) > 1 else ""
    src = parts[:-1]

    def rel(target: str) -> str:
        path = target.partition("#")[0] if "#" in target else target
        # Plain for sure (no empty, "." or ".." segment); anything else, even a
        # plain ".well-known", is left to href, which decides exactly.
        if not path or "//" in path or "/." in path or path[0] in "./" or path[-1] == "/":
            return href(page, target)
        if target.partition("/")[0] != folder:
            return prefix + target
        # In the page's own first folder (a person page naming another): href's
        # plain case, with the page's folders split once per page, not per link.
        dst = path.split("/")
        same, most = 0, min(len(src), len(dst))
        while same < most and src[same] == dst[same]:
            same += 1
        return ("/".join([".."] * (len(src) - same) + dst[same:]) or ".") + target[len(path) :]

    return rel
