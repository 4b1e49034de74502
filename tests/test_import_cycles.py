"""The build's modules import each other in one direction only: no circle, even through the
imports a type checker reads (``if TYPE_CHECKING:``)."""

from __future__ import annotations

import ast
from pathlib import Path

import paigen

SRC = Path(paigen.__file__).resolve().parent.parent
CHECKED = ("paigen.build", "paigen.batch", "paigen.docs", "paigen.backends", "paigen.layout",
           "paigen.fonts", "paigen.model")


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in (SRC / "paigen").rglob("*.py")}


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements run when the module is imported, and those under ``if TYPE_CHECKING:``."""
    out, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If | ast.Try):
            todo += node.body + node.orelse
            todo += [s for h in getattr(node, "handlers", []) for s in h.body]
            todo += getattr(node, "finalbody", [])
    return out


def imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str | None] = set()
    for node in _module_level(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_resolve(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                keep = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(keep + ([node.module] if node.module else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else _resolve(base))
    return {m for m in found if m and m != module and m.startswith("paigen")}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, edges = work[-1]
            nxt = next(edges, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    out.append(sorted(part))
    return out


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_build_batch_and_docs_modules_import_no_circle():
    graph = {m: imports(m) for m in MODULES}
    assert graph["paigen.build"] >= {"paigen.batch.county", "paigen.batch.documents"}
    assert "paigen.docs._heads" in graph["paigen.docs._writer"]
    found = [c for c in circles(graph) if any(m.startswith(CHECKED) for m in c)]
    assert found == []


def test_the_shared_records_are_the_builds():
    """The records moved to a module of their own are still the build's (callers and pickles)."""
    import paigen.build
    from paigen.batch import records

    assert paigen.build.BuildOptions is records.BuildOptions
    assert paigen.build.VillageResult is records.VillageResult
    assert paigen.build.BuildReport is records.BuildReport
