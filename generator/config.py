"""SiteConfig: every setting, loaded from cablegen.toml and checked all at once.

A config file with three mistakes reports all three in one run, each naming
the key, the value and the fix; unknown keys are warned about (a typo must not
silently fall back to a default) but do not stop the build.
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator import theme

CONFIG_NAME = "cablegen.toml"


class ConfigError(Exception):
    """The config cannot be used; `errors` lists every problem found."""

    def __init__(self, path: str, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        super().__init__("\n".join(f"{path}: {e}" for e in errors))


@dataclass(frozen=True)
class SiteConfig:
    """Settings passed to every stage. Paths are absolute once loaded."""

    title: str = "Cable Archive"
    """Site title shown in the header and in page titles."""
    description: str = "An archive of diplomatic cables, cleaned, cross-linked and searchable."
    """Default meta description."""
    base_url: str = ""
    """Absolute URL the site is published at (for canonical links, feed, sitemap); may be empty."""
    content: Path = Path("content")
    """Input folder: cables/, pages/, people.toml."""
    output: Path = Path("site")
    """Output folder."""
    templates: Path = Path("templates")
    """Jinja2 templates folder."""
    static: Path = Path("static")
    """Static assets copied verbatim into the site's static/ folder."""
    cache: Path = Path(".cablegen-cache")
    """Incremental build cache."""
    page_size: int = 50
    """Cables per page on list pages."""
    search: bool = True
    """Build the Pagefind index."""
    jobs: int = 0
    """Worker processes; 0 means one per core."""
    default_pages: tuple[str, ...] = theme.DEFAULT_PAGES
    """The theme's editorial pages this site shows when content/pages/ has none of that name."""
    missing_reference_url: str = ""
    """Where a cited cable the archive lacks can be read, `{id}` for its ID; "" for none."""
    source: str | None = None
    """Path of the config file the values came from, if any."""

    def missing_reference(self, cable_id: str) -> str | None:
        """The address of a cited cable the archive does not hold, when the setting gives one."""
        pattern = self.missing_reference_url
        return pattern.replace("{id}", quote(cable_id, safe="")) if pattern else None

    def digest(self) -> str:
        """Hash of every setting that changes output, for the build cache."""
        keys: tuple[str, ...] = ("title", "description", "base_url", "page_size", "search")
        keys += ("default_pages", "missing_reference_url")
        text = "\n".join(f"{k}={getattr(self, k)!r}" for k in keys)
        return hashlib.sha256(text.encode()).hexdigest()


_PATH_KEYS = {"content", "output", "templates", "static", "cache"}
_KNOWN = {f.name for f in fields(SiteConfig)} - {"source"}


def _check(key: str, value: Any, errors: list[str]) -> Any:
    default = getattr(SiteConfig, key)
    if key in _PATH_KEYS:
        if not isinstance(value, str) or not value.strip():
            errors.append(
                f'{key} = {value!r}: must be a folder path as a string, e.g. {key} = "{default}"'
            )
            return default
        return Path(value)
    if key == "default_pages":
        return _pages(value, errors)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            errors.append(f"{key} = {value!r}: must be true or false")
            return default
        return value
    if isinstance(default, int):
        least = 1 if key == "page_size" else 0
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            errors.append(f"{key} = {value!r}: must be a whole number of at least {least}")
            return default
        return value
    if not isinstance(value, str):
        errors.append(f'{key} = {value!r}: must be a string, e.g. {key} = "{default}"')
        return default
    if key == "title" and not value.strip():
        errors.append('title = "": the site needs a title, e.g. title = "Cable Archive"')
        return default
    if key == "base_url" and value and not value.startswith(("http://", "https://")):
        errors.append(f"base_url = {value!r}: must start with https:// (or be empty)")
        return default
    if key == "missing_reference_url" and value and not _pattern_ok(value):
        errors.append(
            f"missing_reference_url = {value!r}: must be an http(s) address with {{id}} where "
            'the cable ID goes, e.g. "https://search.wikileaks.org/plusd/cables/{id}_a.html"'
        )
        return default
    return value


def _pattern_ok(value: str) -> bool:
    return value.startswith(("http://", "https://")) and "{id}" in value


def _pages(value: Any, errors: list[str]) -> tuple[str, ...]:
    known = theme.DEFAULT_PAGES
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(
            f"default_pages = {value!r}: must be a list of page names, e.g. "
            f"default_pages = {list(known)!r} (or [] for none)"
        )
        return known
    for name in value:
        if name not in known:
            errors.append(
                f"default_pages: {name!r} is not a page of the theme; the theme has "
                f"{', '.join(map(repr, known))}; to add a page of your own, write "
                f"content/pages/{name}.md"
            )
    return tuple(v for v in value if v in known)


def load(
    path: Path | None = None,
    overrides: dict[str, Any] | None = None,
    root: Path | None = None,
    warn: Any = None,
) -> SiteConfig:
    """Read `path` (or ./cablegen.toml when it exists), apply overrides, check everything.

    Relative paths are resolved against the config file's folder (or `root`, or the
    current folder). Raises ConfigError listing every problem; calls `warn(message)`
    for each unknown key.
    """
    base = root or Path.cwd()
    data: dict[str, Any] = {}
    name = str(path) if path else CONFIG_NAME
    if path is None and (base / CONFIG_NAME).is_file():
        path = base / CONFIG_NAME
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(name, ["no such file; create it or drop --config"]) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(name, [f"not valid TOML: {exc}"]) from None
        base = Path(path).resolve().parent
    errors: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KNOWN:
            if warn:
                warn(f"{name}: unknown key {key!r} ignored; {_suggest(key)}")
            continue
        values[key] = _check(key, value, errors)
    for key in _PATH_KEYS:
        p = Path(values.get(key, getattr(SiteConfig, key)))
        values[key] = p if p.is_absolute() else (base / p).resolve()
    # Command-line options win over the file; their paths are relative to the current folder.
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key in _PATH_KEYS:
            values[key] = Path(value).resolve()
        else:
            values[key] = _check(key, value, errors)
    errors += _conflicts(values)
    if errors:
        raise ConfigError(name, errors)
    return SiteConfig(source=str(path) if path else None, **values)


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key, sorted(_KNOWN), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known keys: " + ", ".join(sorted(_KNOWN))


def _conflicts(values: dict[str, Any]) -> list[str]:
    """Folder settings that would make the build destroy its own input."""
    content, output, cache = values["content"], values["output"], values["cache"]
    errors = []
    if output == content or content.is_relative_to(output):
        errors.append(
            f"output = {str(output)!r}: the build replaces the output folder, and it holds "
            f"the content folder {str(content)!r}; choose another output folder"
        )
    if cache.is_relative_to(output):
        errors.append(
            f"cache = {str(cache)!r}: it lies inside the output folder, which every build "
            'replaces; put it beside it, e.g. cache = ".cablegen-cache"'
        )
    return errors
