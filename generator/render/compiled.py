"""A theme fragment compiled once from its template file into a plain Python function.

A list page repeats its row fifty times and a cable page its paragraph twenty,
and Jinja pays for every output chunk of every row: an escape that builds a
Markup, an attribute lookup through the environment, a generator step. That was
most of the cost of rendering. So the theme's own fragments are read through
Jinja's parser and turned into Python that appends strings: the same nodes,
evaluated by the same Python operators, each printed value escaped by
markupsafe's escaping (generator.site.escaping), the template text copied as is.

Only a small part of the template language is compiled: text, `{{ }}`, `if`,
`for` (with `loop.index`, `first`, `last`, `length`), attribute and constant item
access, comparisons, `and`/`or`/`not`, negation, inline `if`, tuples and lists, and filters.
A template using anything else gets None from `compile_fragment`, and Jinja
renders it: the file stays the one home of the markup, the compiled form is
only ever a faster way of reading it, and tests/test_theme_fragments.py checks
both give the same bytes.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from markupsafe import Markup, escape, soft_str

from generator import urls
from generator.site.cable_body import redactions_marked
from generator.site.escaping import escaped

Draw = Callable[..., str]
"""A compiled fragment: its context's fields as keyword arguments -> the HTML, as a str."""


NO_DEFAULT = object()
"""The default of a parameter that has none."""


class Unsupported(Exception):
    """The template uses what the compiler does not translate; Jinja renders it instead."""


def _e(value: object) -> str:
    """What `{{ value }}` prints under autoescape: markupsafe.escape, as a plain str."""
    if type(value) is str:
        return escaped(value)
    return str(escape(value))


def _join(items: Iterable[object], sep: str = "") -> str | Markup:
    """Jinja's `join` filter under autoescape: markup items make the whole join markup."""
    items = list(items)
    if any(hasattr(i, "__html__") for i in items):
        return escape(sep).join(escape(i) for i in items)
    return sep.join(map(str, items))


# Filters with a translation of their own; any other plain filter of the
# environment is called as Jinja would call it.
_INLINE: dict[str, tuple[str, bool]] = {
    # name: (Python format over the value and arguments, whether the result is already escaped)
    "subject": ("_marked({0})", True),
    "capitalize": ("_soft({0}).capitalize()", False),
    "join": ("_join({0}, {1})", False),
    "rel": ("_linker({1})({0})", False),
}

_COMPARE = {
    "eq": "==",
    "ne": "!=",
    "gt": ">",
    "gteq": ">=",
    "lt": "<",
    "lteq": "<=",
    "in": "in",
    "notin": "not in",
}

_LOOP = {
    "index": "({i} + 1)",
    "index0": "{i}",
    "first": "({i} == 0)",
    "last": "({i} == {n} - 1)",
    "length": "{n}",
}


class _Compiler:
    def __init__(
        self, env: jinja2.Environment, params: tuple[str, ...], safe: Mapping[str, Draw]
    ) -> None:
        self.env = env
        self.safe = safe
        self.lines: list[str] = []
        self.names: list[dict[str, str]] = [{p: f"v_{p}" for p in params}]
        self.loops: list[tuple[str, str] | None] = []
        self.filters: dict[str, Callable[..., Any]] = {}
        self.prelude: dict[str, str] = {}
        self.serial = 0

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def fresh(self, stem: str) -> str:
        self.serial += 1
        return f"_{stem}{self.serial}"

    def lookup(self, name: str) -> str:
        for scope in reversed(self.names):
            if name in scope:
                return scope[name]
        raise Unsupported(f"name {name!r}")

    def body(self, items: list[nodes.Node], depth: int) -> None:
        start = len(self.lines)
        for node in items:
            self.statement(node, depth)
        if len(self.lines) == start:
            self.emit(depth, "pass")

    def statement(self, node: nodes.Node, depth: int) -> None:
        if isinstance(node, nodes.Output):
            # One %-format per run of output: a single string operation, however many parts.
            form, values = "", []
            for n in node.nodes:
                if isinstance(n, nodes.TemplateData):
                    form += n.data.replace("%", "%%")
                else:
                    form += "%s"
                    values.append(self.printed(n))
            if values:
                self.emit(depth, f"_a({form!r} % ({''.join(v + ', ' for v in values)}))")
            elif form:
                self.emit(depth, f"_a({form.replace('%%', '%')!r})")
        elif isinstance(node, nodes.If):
            self.emit(depth, f"if {self.expr(node.test)[0]}:")
            self.body(node.body, depth + 1)
            for elif_ in node.elif_:
                self.emit(depth, f"elif {self.expr(elif_.test)[0]}:")
                self.body(elif_.body, depth + 1)
            if node.else_:
                self.emit(depth, "else:")
                self.body(node.else_, depth + 1)
        elif isinstance(node, nodes.For):
            self.loop(node, depth)
        else:
            raise Unsupported(type(node).__name__)

    def loop(self, node: nodes.For, depth: int) -> None:
        if node.else_ or node.test is not None or node.recursive:
            raise Unsupported("for with else, test or recursive")
        scope: dict[str, str] = {}
        targets = node.target.items if isinstance(node.target, nodes.Tuple) else [node.target]
        for t in targets:
            if not isinstance(t, nodes.Name):
                raise Unsupported("for target")
            scope[t.name] = self.fresh(f"l_{t.name}_")
        names = ", ".join(scope.values()) + ("," if len(targets) > 1 else "")
        if isinstance(node.target, nodes.Tuple):
            names = f"({names})"
        items = self.expr(node.iter)[0]
        uses_loop = any(n.name == "loop" for n in node.find_all(nodes.Name))
        if uses_loop:
            seq, i, n = self.fresh("seq"), self.fresh("i"), self.fresh("n")
            self.emit(depth, f"{seq} = list({items})")
            self.emit(depth, f"{n} = len({seq})")
            self.emit(depth, f"for {i}, {names} in enumerate({seq}):")
            self.loops.append((i, n))
        else:
            self.emit(depth, f"for {names} in {items}:")
            self.loops.append(None)
        self.names.append(scope)
        self.body(node.body, depth + 1)
        self.names.pop()
        self.loops.pop()

    def printed(self, node: nodes.Node) -> str:
        code, safe = self.expr(node)
        if safe:
            return code
        # Most values are str: escape those without a call of _e, which does the rest.
        return f"(_esc(_t) if type(_t := {code}) is str else _e(_t))"

    def expr(self, node: nodes.Node) -> tuple[str, bool]:
        """Python source for an expression, and whether its value is already escaped text."""
        if isinstance(node, nodes.Const):
            return repr(node.value), False
        if isinstance(node, nodes.Name):
            if node.name == "loop":
                raise Unsupported("loop outside an attribute")
            return self.lookup(node.name), False
        if isinstance(node, nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name == "loop":
                return self.loop_attr(node.attr), False
            if not node.attr.isidentifier() or keyword.iskeyword(node.attr):
                raise Unsupported(f"attribute {node.attr!r}")
            return f"{self.expr(node.node)[0]}.{node.attr}", False
        if isinstance(node, nodes.Getitem):
            return f"{self.expr(node.node)[0]}[{self.item(node.arg)}]", False
        if isinstance(node, nodes.Filter):
            return self.filter(node)
        if isinstance(node, nodes.Compare):
            code = self.expr(node.expr)[0]
            for op in node.ops:
                code += f" {_COMPARE[op.op]} {self.expr(op.expr)[0]}"
            return f"({code})", False
        if isinstance(node, nodes.Neg):
            return f"(-{self.expr(node.node)[0]})", False
        if isinstance(node, nodes.Not):
            return f"(not {self.expr(node.node)[0]})", False
        if isinstance(node, nodes.And | nodes.Or):
            word = "and" if isinstance(node, nodes.And) else "or"
            return f"({self.expr(node.left)[0]} {word} {self.expr(node.right)[0]})", False
        if isinstance(node, nodes.CondExpr) and node.expr2 is not None:
            test, yes, no = (self.expr(n)[0] for n in (node.test, node.expr1, node.expr2))
            return f"({yes} if {test} else {no})", False
        if isinstance(node, nodes.Tuple | nodes.List):
            items = "".join(f"{self.expr(n)[0]}, " for n in node.items)
            return (f"({items})" if isinstance(node, nodes.Tuple) else f"[{items}]"), False
        raise Unsupported(type(node).__name__)

    def item(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Slice):
            ends = (self.expr(n)[0] if n is not None else "" for n in (node.start, node.stop))
            step = f":{self.expr(node.step)[0]}" if node.step is not None else ""
            return ":".join(ends) + step
        if isinstance(node, nodes.Const):
            return repr(node.value)
        raise Unsupported("item access by a computed key")

    def _param(self, node: nodes.Node) -> bool:
        """Whether node names a parameter of the fragment, which no loop variable hides."""
        if not isinstance(node, nodes.Name):
            return False
        return self.lookup(node.name) == self.names[0].get(node.name)

    def loop_attr(self, attr: str) -> str:
        current = self.loops[-1] if self.loops else None
        if current is None or attr not in _LOOP:
            raise Unsupported(f"loop.{attr}")
        return _LOOP[attr].format(i=current[0], n=current[1])

    def filter(self, node: nodes.Filter) -> tuple[str, bool]:
        if node.kwargs or node.dyn_args or node.dyn_kwargs or node.node is None:
            raise Unsupported(f"filter {node.name} with keyword or spread arguments")
        args = [self.expr(node.node)[0], *(self.expr(a)[0] for a in node.args)]
        if node.name == "rel" and len(node.args) == 1 and self._param(node.args[0]):
            # The page of a fragment is one of its parameters: its linker is looked up once.
            hoisted = f"_rel_{args[1]}"
            self.prelude[hoisted] = f"{hoisted} = _linker({args[1]})"
            return f"_esc({hoisted}({args[0]}))", True  # a link is always a str
        if node.name in _INLINE:
            form, safe = _INLINE[node.name]
            if form.count("{") != len(args):
                raise Unsupported(f"filter {node.name} with {len(args) - 1} arguments")
            return form.format(*args), safe
        if node.name in self.safe:
            self.filters[f"_s_{node.name}"] = self.safe[node.name]
            return f"_s_{node.name}({', '.join(args)})", True
        func = self.env.filters.get(node.name)
        if func is None or getattr(func, "jinja_pass_arg", None) is not None:
            raise Unsupported(f"filter {node.name}")
        self.filters[f"_f_{node.name}"] = func
        return f"_f_{node.name}({', '.join(args)})", False


def compile_fragment(
    env: jinja2.Environment,
    source: str,
    params: Mapping[str, object],
    safe: Mapping[str, Draw],
) -> Draw | None:
    """`source`, a template of env, as a function of `params`; None when it is not translatable.

    `params`: the context's fields in order, each with its default (`NO_DEFAULT` for none).
    `safe`: filters that are other compiled fragments, called directly for their text.
    Any other filter is the env's own, called as Jinja calls it.
    """
    compiler = _Compiler(env, tuple(params), safe)
    defaults = {f"_d_{p}": d for p, d in params.items() if d is not NO_DEFAULT}
    signature = ", ".join(p + (f"=_d_{p}" if f"_d_{p}" in defaults else "") for p in params)
    try:
        tree = env.parse(source)
        compiler.emit(0, f"def draw({signature}):")
        for p in params:
            compiler.emit(1, f"v_{p} = {p}")
        compiler.emit(1, "out = []")
        compiler.emit(1, "_a = out.append")
        head = len(compiler.lines)
        compiler.body(tree.body, 1)
        compiler.lines[head:head] = [f"    {line}" for line in compiler.prelude.values()]
        compiler.emit(1, 'return "".join(out)')
    except Unsupported:
        return None
    namespace: dict[str, Any] = {
        "_e": _e,
        "_esc": escaped,
        "_join": _join,
        "_soft": soft_str,
        "_marked": redactions_marked,
        "_linker": urls.linker,
        **defaults,
        **compiler.filters,
    }
    exec(compile("\n".join(compiler.lines), "<fragment>", "exec"), namespace)  # noqa: S102
    draw: Draw = namespace["draw"]
    return draw
