"""The layers hold: no import cycles, skills.ids stands alone, click/rich only in cli/, TinyDB
and data-folder writes only in store/. Read from the source with `ast`, so it takes milliseconds.

Every `import` counts, also inside functions. Imports under `if TYPE_CHECKING:` count for the
layer rules but not for cycles: they never run, and a module may name its caller's class in an
annotation. Imports by string (`importlib.import_module`, the lazy command table in
cli/__init__.py) are not seen.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "growthdesk"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def _tree(name: str) -> ast.Module:
    path = _modules()[name]
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


_TYPE_CHECKING = ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def _type_only(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in _TYPE_CHECKING:
            inside |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return inside


def _imports_in(tree: ast.AST, package: str, *, typing: bool = True) -> Iterator[tuple[int, str]]:
    """(line, dotted name) for every import in *tree*, relative ones made absolute against
    *package*; with typing=False, those under `if TYPE_CHECKING:` are left out.
    `from a import b` yields `a.b` when that is one of our modules, else `a`."""
    skip = set() if typing else _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield node.lineno, full if full in _modules() else base


def _imported(name: str, *, typing: bool = True) -> Iterator[tuple[int, str]]:
    is_package = _modules()[name].name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    return _imports_in(_tree(name), package, typing=typing)


def _ours(dotted: str) -> str | None:
    """The module of ours that *dotted* names (its longest known prefix), if any."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in _modules():
            return candidate
    return None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name in _modules():
        deps = {
            _ours(d)
            for _line, d in _imported(name, typing=False)
            if d.split(".")[0] == "growthdesk"
        }
        graph[name] = {d for d in deps if d and d != "growthdesk" and d != name}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle met by a depth-first walk, each as [a, b, …, a]."""
    cycles: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    done: set[str] = set()

    def visit(node: str, path: list[str], on_path: set[str]) -> None:
        for dep in sorted(graph.get(node, ())):
            if dep in on_path:
                cycle = path[path.index(dep) :]
                start = cycle.index(min(cycle))
                key = tuple(cycle[start:] + cycle[:start])
                if key not in seen:
                    seen.add(key)
                    cycles.append([*key, key[0]])
            elif dep not in done:
                path.append(dep)
                on_path.add(dep)
                visit(dep, path, on_path)
                on_path.discard(dep)
                path.pop()
        done.add(node)

    for root in sorted(graph):
        if root not in done:
            visit(root, [root], {root})
    return cycles


def test_the_cycle_finder_reports_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_relative_function_level_and_type_only_imports_are_seen() -> None:
    code = (
        "def f():\n    from .ids import X\n    from . import tagger\n"
        "    import growthdesk.core.text\n"
        "if TYPE_CHECKING:\n    from ..store import Store\n"
    )
    found = [d for _line, d in _imports_in(ast.parse(code), "growthdesk.skills")]
    assert found == [
        "growthdesk.skills.ids",
        "growthdesk.skills.tagger",
        "growthdesk.core.text",
        "growthdesk.store",
    ]
    at_run_time = _imports_in(ast.parse(code), "growthdesk.skills", typing=False)
    assert [d for _line, d in at_run_time] == found[:3]
    assert _ours("growthdesk.cli.app.App") == "growthdesk.cli.app"


def test_no_import_cycles() -> None:
    cycles = find_cycles(_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_skill_ids_import_nothing_of_ours() -> None:
    ours = [d for _line, d in _imported("growthdesk.skills.ids") if d.startswith("growthdesk")]
    assert ours == [], f"growthdesk.skills.ids imports {ours}"
    code = (
        "import sys, growthdesk.skills.ids\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] == 'growthdesk'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    loaded = set(out.stdout.split())
    assert loaded <= {"growthdesk", "growthdesk.skills", "growthdesk.skills.ids"}, loaded


def _inside(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _offenders(libraries: set[str], allowed: tuple[str, ...]) -> list[str]:
    """'file:line name' of each import of *libraries* outside the *allowed* packages."""
    found = []
    for name in _modules():
        if _inside(name, allowed):
            continue
        for line, dotted in _imported(name):
            if dotted.split(".")[0] in libraries:
                found.append(f"{_modules()[name].relative_to(PACKAGE.parent)}:{line} {dotted}")
    return found


@pytest.mark.parametrize(
    ("libraries", "home"),
    [({"click", "rich"}, "growthdesk.cli"), ({"tinydb"}, "growthdesk.store")],
)
def test_libraries_stay_in_their_layer(libraries: set[str], home: str) -> None:
    assert _offenders(libraries, (home,)) == []


def test_nothing_below_the_cli_imports_it() -> None:
    found = [
        o
        for o in _offenders({"growthdesk"}, ("growthdesk.cli", "growthdesk.__main__"))
        if _inside(o.split()[1], ("growthdesk.cli",))
    ]
    assert found == []


# ---- writes: only store/ touches the data folder; io/files.py writes the user's own files ----

# Where writing is allowed: the store owns the data folder, io/files.py writes a file the user
# named (outside the home) atomically.
WRITERS = ("growthdesk/store/", "growthdesk/io/files.py")
_WRITE_FUNCTIONS = {
    ("os", "replace"),
    ("os", "rename"),
    ("os", "remove"),
    ("os", "unlink"),
    ("os", "fdopen"),
    ("os", "makedirs"),
    ("tempfile", "mkstemp"),
    ("tempfile", "NamedTemporaryFile"),
    ("shutil", "copy"),
    ("shutil", "copy2"),
    ("shutil", "copyfile"),
    ("shutil", "copytree"),
    ("shutil", "move"),
    ("shutil", "rmtree"),
}
_WRITE_METHODS = {"write_text", "write_bytes", "touch", "unlink", "rmdir"}
_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}


def _mode_writes(call: ast.Call, position: int) -> bool:
    """Does this open()-like call open for writing? A mode we cannot read counts as writing."""
    mode: ast.expr | None = call.args[position] if len(call.args) > position else None
    for kw in call.keywords:
        if kw.arg == "mode":
            mode = kw.value
    if mode is None:
        return False
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return bool(set(mode.value) & set("wax+"))
    return True


def write_calls(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, what) for every call in *tree* that can write or delete a file."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open" and _mode_writes(node, 1):
            yield node.lineno, "open(..., write mode)"
        if not isinstance(func, ast.Attribute):
            continue
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        if (owner, func.attr) in _WRITE_FUNCTIONS:
            yield node.lineno, f"{owner}.{func.attr}()"
        elif owner == "os" and func.attr == "open":
            names = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
            to_devnull = bool(node.args) and ast.unparse(node.args[0]) == "os.devnull"
            if names & _WRITE_FLAGS and not to_devnull:
                yield node.lineno, "os.open(..., write flags)"
        elif owner == "io" and func.attr == "open" and _mode_writes(node, 1):
            yield node.lineno, "io.open(..., write mode)"
        elif func.attr in _WRITE_METHODS:
            yield node.lineno, f".{func.attr}()"
        elif func.attr == "open" and owner != "os" and _mode_writes(node, 0):
            yield node.lineno, ".open(write mode)"


def test_the_write_check_sees_each_kind_of_write() -> None:
    code = (
        "open(p, 'w'); open(p, mode='ab'); open(p, m); p.write_text('x'); p.open('w')\n"
        "os.replace(a, b); os.open(p, os.O_WRONLY | os.O_CREAT); tempfile.mkstemp()\n"
        "open(p); open(p, 'rb'); p.open(); os.open(os.devnull, os.O_WRONLY); x.replace('a', 'b')\n"
    )
    found = [what for _line, what in write_calls(ast.parse(code))]
    assert found == [
        "open(..., write mode)",
        "open(..., write mode)",
        "open(..., write mode)",
        ".write_text()",
        ".open(write mode)",
        "os.replace()",
        "os.open(..., write flags)",
        "tempfile.mkstemp()",
    ]


def test_only_the_store_writes_files() -> None:
    found = []
    for name, path in _modules().items():
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel.startswith(WRITERS):
            continue
        found += [f"{rel}:{line} {what}" for line, what in write_calls(_tree(name))]
    assert found == [], "file writes outside store/ and io/files.py:\n" + "\n".join(found)


def test_the_scan_covers_the_whole_package() -> None:
    names = set(_modules())
    assert {"growthdesk", "growthdesk.cli", "growthdesk.store", "growthdesk.skills.ids"} <= names
    assert len(names) == sum(1 for _p in PACKAGE.rglob("*.py")) > 30
    graph = _graph()
    assert "growthdesk.cli.app" in graph["growthdesk.cli.wins"]
