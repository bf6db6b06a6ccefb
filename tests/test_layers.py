"""The layers of DESIGN.md, enforced: data flows down, nothing imports a layer above it.

Every ``import`` in the package counts, the ones inside functions (lazy imports) and
under ``TYPE_CHECKING`` too: a lazy import of a layer above is still a dependency on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tui"

#: Top to bottom (DESIGN.md "Layers"). A module may import its own layer and those below.
#: ``commands`` and ``cli`` are the command line's shell; ``subscribe`` fetches feeds and
#: watches folders for the shells, through the store. The bottom holds what every layer
#: shares: the model, text helpers, errors, paths, exit codes, terminal-safe output.
LAYERS: list[tuple[str, ...]] = [
    ("cli", "__main__", "commands"),
    ("app",),
    ("subscribe",),
    ("config",),
    ("search",),
    ("store",),
    ("extract",),
    ("ingest",),
    (
        "model",
        "text",
        "gc_pause",
        "free_memory",
        "errors",
        "exitcodes",
        "paths",
        "terminal_safe",
        "samples",
        "__init__",
    ),
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
#: The core layers, which never import textual or rich (so they run without a terminal).
CORE = ("model", "text", "ingest", "extract", "store", "search", "config")
UI_LIBRARIES = ("textual", "rich")


def _part(module: str) -> str:
    """``tui.search.index`` -> ``search``; ``tui.model`` -> ``model``."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        found.append((".".join(relative.parts), path))
    return found


def _imports(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import statement in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
    return found


def _layer_problems() -> list[str]:
    problems = []
    for module, path in _modules():
        part = _part(module)
        if part not in RANK:
            problems.append(f"{module}: not in any layer of tests/test_layers.py")
            continue
        for line, imported in _imports(module, path):
            top = imported.split(".")[0]
            where = f"{path.relative_to(PACKAGE.parent)}:{line} imports {imported}"
            if top in UI_LIBRARIES and part in CORE:
                problems.append(f"{where} (core layers never import textual or rich)")
            if top == "tui" and imported != "tui":
                other = _part(imported)
                if RANK.get(other, -1) < RANK[part]:
                    problems.append(f"{where} (a layer above {part})")
    return problems


def test_no_layer_imports_one_above_it_and_the_core_never_imports_textual_or_rich() -> None:
    assert _layer_problems() == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("tui.store.x", "import textual.app\n", "core layers never import"),
        ("tui.search.x", "from rich.text import Text\n", "core layers never import"),
        ("tui.store.x", "def f():\n    from tui.search import run_query\n", "above store"),
        ("tui.ingest.x", "from tui.extract.quotes import find_quotes\n", "above ingest"),
    ],
)
def test_the_check_finds_what_it_should(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, source: str, expected: str
) -> None:
    """The rule itself is tested: a bad import in a core module is reported."""
    import sys

    path = tmp_path / "tui" / "x.py"
    path.parent.mkdir()
    path.write_text(source, encoding="utf-8")
    this = sys.modules[__name__]
    monkeypatch.setattr(this, "_modules", lambda: [(module, path)])
    monkeypatch.setattr(this, "PACKAGE", path.parent)
    problems = _layer_problems()
    assert problems and expected in problems[0]
