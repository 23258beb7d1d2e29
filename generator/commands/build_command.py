"""`cablegen build` on the command line: check the folders, build, report, pick the exit code.

generator.commands.build does the building; this module only talks to the
person at the terminal (progress, skipped inputs, warnings, --strict).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jinja2

from generator import config as config_mod
from generator import people, theme
from generator.commands import progress as progress_mod
from generator.commands.build import BuildReport, build, content_registry
from generator.config import SiteConfig
from generator.output.write import OutputError


def unusable(config: SiteConfig) -> str | None:
    """Why the build cannot start with these folders, or None when it can."""
    if not config.content.is_dir():
        return f"{config.content}: no such content folder; pass --content DIR"
    if config.output == config.content or config.content.is_relative_to(config.output):
        return f"--output {config.output} would replace the content folder; choose another"
    found = theme.files(config.templates, "templates")
    for name in ("base.html", "cable.html"):
        if name not in found:
            return (
                f"{theme.folder('templates')}: the default theme has no {name}; "
                "reinstall cablegen (pip install --force-reinstall cablegen)"
            )
    return None


def run_build_command(
    content: Path | None,
    output: Path | None,
    config_path: Path | None,
    report: Path | None,
    strict: bool,
    quiet: bool,
    search: bool,
    jobs: int | None,
    allow_empty: bool = False,
    verbose: bool = False,
) -> int:
    """`cablegen build`: exit 0; 1 under --strict when inputs were skipped or no cable was
    built (unless `allow_empty`); 2 for bad config."""
    err = sys.stderr
    overrides: dict[str, Any] = {"content": content, "output": output}
    if not search:
        overrides["search"] = False
    try:
        config = config_mod.load(config_path, overrides, warn=lambda m: print(m, file=err))
    except config_mod.ConfigError as exc:
        for line in exc.errors:
            print(f"{exc.path}: {line}", file=err)
        return 2
    problem = unusable(config)
    if problem:
        print(problem, file=err)
        return 2
    try:
        content_registry(config.content)
    except people.RegistryError as exc:
        print(exc, file=err)
        return 2
    reporter = progress_mod.reporter(quiet, err)
    try:
        result = build(config, quiet=quiet, progress=reporter, jobs=jobs)
    except OutputError as exc:
        print(f"cannot write the site: {exc}", file=err)
        return 2
    except jinja2.TemplateError as exc:
        where = (
            f"{exc.filename}:{exc.lineno}: " if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        print(
            f"template error: {where}{type(exc).__name__}: {exc}; the site was left as it was",
            file=err,
        )
        return 2
    finally:
        reporter.close()
    if report is not None:
        text = json.dumps(result.record(), ensure_ascii=False, indent=2) + "\n"
        report.write_text(text, encoding="utf-8")
    if not quiet:
        _tell(result, verbose, err)
        print(result.summary())
    failure = strict_failure(result, allow_empty) if strict else None
    if failure:
        print(f"--strict: {failure}", file=err)
        return 1
    return 0


SHOWN_WARNINGS = 10
"""Warnings printed after a build without --verbose; --report and --verbose give them all."""


def _tell(result: BuildReport, verbose: bool, err: Any) -> None:
    for s in result.skipped:
        print(f"skipped {s.reason}", file=err)
    shown = result.warnings if verbose else result.warnings[:SHOWN_WARNINGS]
    for warning in shown:
        print(f"warning: {warning}", file=err)
    if len(shown) < len(result.warnings):
        print(
            f"... and {len(result.warnings) - len(shown)} more warnings: "
            "see them all with --verbose or --report FILE",
            file=err,
        )


def strict_failure(result: BuildReport, allow_empty: bool) -> str | None:
    """Why a --strict build fails, or None when it passes."""
    if result.skipped:
        count = len(result.skipped)
        return f"{count} input{'s were' if count > 1 else ' was'} skipped (listed above)"
    if result.cables == 0 and not allow_empty:
        return (
            f"no cable was built from {result.inputs} input file(s); put cable texts in "
            "content/cables/, or pass --allow-empty for an archive that is empty on purpose"
        )
    return None
