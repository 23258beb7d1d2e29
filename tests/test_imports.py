"""Imports run one way: a stage imports only the stages before it, and nothing forms a circle.

Read from the source (every import statement, those inside functions and under
TYPE_CHECKING included), so an import deferred into a function body cannot hide
a dependency that runs back up the pipeline.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

STAGES = (
    "source",
    "parse",
    "clean",
    "people",
    "corpus",
    "site",
    "render",
    "search",
    "output",
    "incremental",
    "pipeline",
    "commands",
)
"""The stage packages in pipeline order: each may import those before it, never after."""

FOUNDATION = ("generator", "generator.model", "generator.config", "generator.errors")
FOUNDATION += ("generator.facts", "generator.urls", "generator.theme")
"""Shared by every stage: the record types, the config, reference facts, the URL scheme
and the packaged default theme."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The generator modules that `name` (at `path`) imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # `from pkg import mod` depends on the module; `from mod import name` on mod.
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return {m for m in found if m == "generator" or m.startswith("generator.")}


def rank(name: str) -> int:
    """Position in the pipeline: 0 for the foundation, 1 + index for a stage package."""
    if name in FOUNDATION:
        return 0
    if name == "generator.__main__":
        return len(STAGES) + 1
    stage = name.split(".")[1]
    assert stage in STAGES, f"{name}: not in a stage package; add it to one of {STAGES}"
    return STAGES.index(stage) + 1


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) - {name} for name, path in known.items()}


def backward(edges: dict[str, set[str]]) -> list[str]:
    return [
        f"{m} imports {d}, a later stage: move the shared code down to the earlier stage"
        for m, deps in sorted(edges.items())
        for d in sorted(deps)
        if rank(d) > rank(m)
    ]


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(edges.get(node, ())):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_sits_in_the_foundation_or_a_stage_package() -> None:
    for name in modules():
        rank(name)


def test_no_import_runs_back_up_the_stages() -> None:
    assert backward(graph()) == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert circles(graph()) == []


@pytest.mark.parametrize(
    ("edges", "problem"),
    [
        ({"generator.site.lists": {"generator.render.renderer"}}, "backward"),
        ({"generator.parse.raw": {"generator.commands.build"}}, "backward"),
        ({"generator.commands.a": {"generator.commands.b"}, "generator.commands.b": set()}, None),
        (
            {
                "generator.commands.a": {"generator.commands.b"},
                "generator.commands.b": {"generator.commands.a"},
            },
            "circle",
        ),
    ],
)
def test_the_checks_catch_what_they_are_for(
    edges: dict[str, set[str]], problem: str | None
) -> None:
    assert bool(backward(edges)) == (problem == "backward")
    assert bool(circles(edges)) == (problem == "circle")


def test_imports_inside_functions_count(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text("def f():\n    from generator.commands import build\n")
    known = {"generator.commands.build": source}
    assert imported("generator.site.mod", source, known) == {"generator.commands.build"}
