"""The layering rule: domain imports neither Qt nor SQLite nor reportlab; imports point inward."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "domain": ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "storage", "views", "desktop"),
    "storage": ("PySide6", "reportlab", "views", "desktop"),
    "views": ("sqlite3", "sqlite_utils", "storage", "desktop"),
    "views/pdf": ("PySide6",),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_inward(package):
    offending = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN[package] or any(
                module == banned or module.startswith(banned + ".") for banned in FORBIDDEN[package]
            ):
                offending.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offending == []
