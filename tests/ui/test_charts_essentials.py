"""jeugdtool needs only PySide6-Essentials: every PySide6 module the package imports (also inside
functions) must be a file of the installed PySide6_Essentials distribution, not of the Addons
(QtCharts, deprecated since Qt 6.10, was the one reason for the 438 MB Addons wheel)."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

import jeugdtool

PACKAGE = Path(jeugdtool.__file__).parent
ESSENTIALS = "PySide6_Essentials"


def pyside_modules(source: str) -> Iterator[str]:
    """Every `PySide6.X` a module's source imports, at any depth of the syntax tree."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "PySide6":  # from PySide6 import QtCore, QtCharts
                names = [f"PySide6.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "PySide6" and len(parts) > 1:
                yield ".".join(parts[:2])


def essentials_files() -> set[Path]:
    """The installed files of the PySide6-Essentials wheel, resolved."""
    try:
        dist = importlib.metadata.distribution(ESSENTIALS)
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(f"{ESSENTIALS} is not installed: jeugdtool depends on it")
    return {Path(dist.locate_file(f)).resolve() for f in dist.files or ()}


def outside_essentials(modules: set[str], files: set[Path]) -> set[str]:
    """The modules whose binary is missing or belongs to another distribution (the Addons)."""
    found = set()
    for module in modules:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
        if origin is None or Path(origin).resolve() not in files:
            found.add(module)
    return found


def test_the_check_finds_imports_anywhere_in_a_module() -> None:
    source = (
        "from PySide6.QtCore import Qt\n"
        "import PySide6.QtGui\n"
        "def later():\n"
        "    from PySide6 import QtCharts, QtWidgets\n"
    )
    assert set(pyside_modules(source)) == {
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtCharts",
        "PySide6.QtWidgets",
    }


def test_an_addons_module_is_caught() -> None:
    files = essentials_files()
    assert outside_essentials({"PySide6.QtWidgets"}, files) == set()
    # Not a file of Essentials, whether the Addons are installed here or not.
    assert outside_essentials({"PySide6.QtCharts"}, files) == {"PySide6.QtCharts"}


def test_jeugdtool_imports_only_pyside6_essentials() -> None:
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for module in pyside_modules(path.read_text(encoding="utf-8")):
            used.setdefault(module, set()).add(str(path.relative_to(PACKAGE.parent)))
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= set(used)
    wrong = outside_essentials(set(used), essentials_files())
    assert not wrong, {module: sorted(used[module]) for module in wrong}
