"""The default theme: the templates, static files and editorial pages cablegen ships.

A site's own `templates/`, `static/` and `content/pages/` override the theme file by
file, as MkDocs' `custom_dir` or Hugo's theme lookup do: a site that has none of them
still builds, and a site that changes one template keeps the rest of the default.

The repository's top-level `templates/`, `static/`, `content/pages/` and the starter
cables in `content/cables/` are the single source of the theme. A wheel carries a copy
under `generator/theme/` (setup.py copies `PARTS` there); a source checkout, where that
copy does not exist, reads the top-level folders themselves. This module imports only
the standard library because setup.py runs it to learn `PARTS`.
"""

from __future__ import annotations

from pathlib import Path

PARTS: dict[str, str] = {
    "templates": "templates",
    "static": "static",
    "pages": "content/pages",
    "cables": "content/cables",
    "cablegen.toml": "cablegen.toml",
    "netlify.toml": "netlify.toml",
}
"""Theme part -> the repository folder or file it is copied from into the wheel.

The last four make the starter site of `cablegen new`: its example cables, and
the commented config and Netlify headers this repository builds with."""

DEFAULT_PAGES: tuple[str, ...] = ("about", "how-to-read")
"""The editorial pages the theme provides, by name (content/pages/NAME.md)."""

_HERE = Path(__file__).resolve().parent


def folder(part: str) -> Path:
    """The theme's folder or file for `part`, one of `PARTS`."""
    packaged = _HERE / part
    if packaged.exists():
        return packaged
    return _HERE.parent.parent / PARTS[part]


def layered(site: Path, part: str) -> tuple[Path, ...]:
    """The folders to look in for `part`, the site's first: its files win over the theme's."""
    default = folder(part)
    if not site.is_dir():
        return (default,)
    if site.resolve() == default.resolve():
        return (site,)
    return (site, default)


def files(site: Path, part: str) -> dict[str, Path]:
    """Relative path -> file of the merged folders, sorted by path; the site's file wins.

    Hidden files and folders (an editor's `.swp`, `.DS_Store`) are not part of a theme.
    """
    merged: dict[str, Path] = {}
    for top in reversed(layered(site, part)):
        for path in top.rglob("*"):
            rel = path.relative_to(top)
            if path.is_file() and not any(p.startswith(".") for p in rel.parts):
                merged[rel.as_posix()] = path
    return {rel: merged[rel] for rel in sorted(merged, key=lambda r: Path(r).parts)}


def editorial_files(content: Path, defaults: tuple[str, ...]) -> dict[str, Path]:
    """Page name -> Markdown file: the site's content/pages/*.md, then the theme's
    pages named in `defaults` that the site does not have."""
    own = content / "pages"
    found: dict[str, Path] = {}
    if own.is_dir():
        for path in sorted(own.rglob("*")):
            rel = path.relative_to(own)
            hidden = any(p.startswith(".") for p in rel.parts)
            if path.is_file() and not hidden and path.suffix.lower() == ".md":
                found.setdefault(path.stem, path)
    shipped = folder("pages")
    for name in defaults:
        if name not in found and (shipped / f"{name}.md").is_file():
            found[name] = shipped / f"{name}.md"
    return dict(sorted(found.items()))
