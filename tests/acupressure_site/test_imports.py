"""Dependencies run one way: comments -> routines -> acupressure_site.shared.

Read from the source (every import statement, also those inside functions), so
no database and no Django setup are needed.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("routines", "comments")
# The project's wiring may import the apps; everything else in the package may not.
WIRING = {"settings", "urls", "jinja2", "views", "wsgi", "asgi"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module that ``source`` (the text of ``module``) imports."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def imports_of(folder: str) -> dict[str, set[str]]:
    return {
        module_name(path): imported(
            path.read_text(),
            module_name(path),
            is_package=path.name == "__init__.py",
        )
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
    }


def reaches(names: set[str], packages: tuple[str, ...]) -> set[str]:
    return {
        name
        for name in names
        if any(name == p or name.startswith(f"{p}.") for p in packages)
    }


def test_the_scan_sees_relative_imports_and_imports_inside_functions():
    source = "def f():\n    from ..models import Article\nfrom . import x\n"
    names = imported(source, "routines.demo.content")
    assert "routines.models.Article" in names
    assert "routines.demo.x" in names


def test_shared_helpers_import_no_app_and_no_project_wiring():
    modules = imports_of("acupressure_site/shared")
    assert "acupressure_site.shared.pagecache" in modules
    for module, names in modules.items():
        outside = reaches(names, ("acupressure_site",)) - reaches(
            names, ("acupressure_site.shared",)
        )
        assert not reaches(names, APPS), module
        assert not outside, module


@pytest.mark.parametrize(
    "module",
    sorted(
        name
        for name in imports_of("acupressure_site")
        if name.split(".")[1:2] and name.split(".")[1] not in WIRING
    ),
)
def test_project_modules_other_than_the_wiring_import_no_app(module):
    assert not reaches(imports_of("acupressure_site")[module], APPS)


def test_routines_never_imports_comments():
    modules = imports_of("routines")
    assert "routines.models" in modules
    for module, names in modules.items():
        assert not reaches(names, ("comments",)), module
