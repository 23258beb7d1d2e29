"""`cablegen new` and `cablegen theme copy`: files written for a site, never over its own.

A starter site builds at once with the packaged theme: it holds only what a site
owner edits (config, cables, pages) and what a deploy needs (netlify.toml and a
requirements.txt pinning the cablegen that made it). Templates and static files
stay in the package until the owner copies them out to change them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import __version__, theme

NETLIFY_BUILD = """# Netlify: install the cablegen that made this site, build it, publish site/.
# `--strict` fails the deploy when any input was skipped or no cable was built,
# so a broken or empty archive is never published.

[build]
  command = "pip install -r requirements.txt && cablegen build --strict"
  publish = "site"

[build.environment]
  # cablegen needs Python 3.11 or later.
  PYTHON_VERSION = "3.11"

# Keep the build cache and the last site between deploys, so a deploy after one
# edit redoes only what changed. The plugin saves these paths after a good build
# and restores them before the next; "Clear cache and deploy" starts afresh.
[[plugins]]
  package = "netlify-plugin-cache"
  [plugins.inputs]
  paths = [".cablegen-cache", "site"]

"""

PACKAGE_JSON = """{
  "private": true,
  "description": "Netlify installs the build plugins netlify.toml names from here.",
  "devDependencies": {
    "netlify-plugin-cache": "^1.0.3"
  }
}
"""

REQUIREMENTS = f"""# The cablegen this site was made with; Netlify installs it before each build.
# To build with another copy, replace the line below with one of:
#   cablegen @ git+https://github.com/OWNER/cablegen@v{__version__}
#   cablegen @ https://example.org/wheels/cablegen-{__version__}-py3-none-any.whl
cablegen=={__version__}
"""

GITIGNORE = """# Written by every build; rebuilt from content/.
/site/
/.cablegen-cache/
/.venv/
/node_modules/
__pycache__/
"""


@dataclass(frozen=True)
class Written:
    """What a command did with one file of the site."""

    path: Path
    kept: bool
    """True when the file was there already and left as it was."""


class FolderNotEmpty(Exception):
    """`cablegen new` was pointed at a folder that already holds files."""


def new_site(folder: Path, force: bool = False) -> list[Written]:
    """Write a starter site into `folder`; with `force`, into a non-empty one too.

    Files that exist are kept as they are, even with `force`: a starter never
    replaces a user's file.
    """
    if folder.exists() and not folder.is_dir():
        raise FolderNotEmpty(f"{folder}: is a file, not a folder; choose a new folder name")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise FolderNotEmpty(
            f"{folder}: the folder is not empty; choose a new folder, or pass --force to add "
            "the starter files that are missing (files already there are kept)"
        )
    return list(_write_all(folder, _starter_files()))


def copy_theme(folder: Path, force: bool = False) -> list[Written]:
    """Copy the default theme into the site at `folder`, for editing.

    Writes templates/, static/ and content/pages/, where a build looks first.
    Files the site has already are kept unless `force` is given.
    """
    files: list[tuple[str, bytes]] = []
    for part, target in (
        ("templates", "templates"),
        ("static", "static"),
        ("pages", "content/pages"),
    ):
        for rel, path in theme.files(theme.folder(part), part).items():
            files.append((f"{target}/{rel}", path.read_bytes()))
    return list(_write_all(folder, files, replace=force))


def _starter_files() -> list[tuple[str, bytes]]:
    files = [
        ("cablegen.toml", theme.folder("cablegen.toml").read_bytes()),
        ("netlify.toml", netlify_toml().encode()),
        ("package.json", PACKAGE_JSON.encode()),
        ("requirements.txt", REQUIREMENTS.encode()),
        (".gitignore", GITIGNORE.encode()),
    ]
    cables = theme.folder("cables")
    files += [
        (f"content/cables/{rel}", path.read_bytes())
        for rel, path in theme.files(cables, "cables").items()
    ]
    return files


def netlify_toml() -> str:
    """The starter's netlify.toml: its own build section, then the theme's response headers.

    The headers (Content-Security-Policy, caching) are the ones this repository's
    netlify.toml sends, so a starter site is served exactly as the default theme expects.
    """
    shipped = theme.folder("netlify.toml").read_text("utf-8")
    start = shipped.find("# Every response.")
    if start < 0:
        raise ValueError("netlify.toml: the headers section ('# Every response.') is missing")
    return NETLIFY_BUILD + shipped[start:]


def _write_all(
    folder: Path, files: Iterable[tuple[str, bytes]], replace: bool = False
) -> Iterator[Written]:
    (folder / "content" / "pages").mkdir(parents=True, exist_ok=True)
    for rel, data in files:
        path = folder / rel
        if path.exists() and not replace:
            yield Written(path, kept=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        yield Written(path, kept=False)
