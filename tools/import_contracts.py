"""Contract types of our own for import-linter (`contract_types` in pyproject.toml)."""

import ast
from collections.abc import Iterator
from functools import cache
from importlib.util import find_spec, resolve_name
from pathlib import Path

import grimp
from importlinter import Contract, ContractCheck, fields, output

# (importer, line, the private name with the module it came from)
Violation = tuple[str, int, str]


class PrivateNamesContract(Contract):
    """No package imports another's private names, e.g. `from agents.x import _helper` outside
    agents. A name is private when it starts with an underscore (dunders aside); inside its own
    package it may be imported freely. Lazy imports inside functions count too.

    Options:
        packages: the packages that keep their private names to themselves (each app).
    """

    packages = fields.ListField(subfield=fields.ModuleField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        owners = [package.name for package in self.packages]  # type: ignore[attr-defined]
        illegal = sorted(
            violation
            for importer, imported in _crossings(graph, owners)
            for violation in _private_names(graph, importer, imported)
        )
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Private names imported from another package:", bold=False)
        output.new_line()
        for importer, line, name in check.metadata["illegal"]:
            output.print_error(f"- {importer} (l.{line}) imports {name}", bold=False)
        output.new_line()


def _owner(module: str, owners: list[str]) -> str | None:
    """The innermost listed package holding `module` (a scheduling room before scheduling)."""
    holding = [owner for owner in owners if f"{module}.".startswith(f"{owner}.")]
    return max(holding, key=len, default=None)


def _crossings(graph: grimp.ImportGraph, owners: list[str]) -> Iterator[tuple[str, str]]:
    """Every direct import from one listed package into another."""
    for importer in graph.modules:
        mine = _owner(importer, owners)
        if mine is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            theirs = _owner(imported, owners)
            if theirs is not None and theirs != mine:
                yield importer, imported


def _private_names(graph: grimp.ImportGraph, importer: str, imported: str) -> Iterator[Violation]:
    """The private names `importer` takes from `imported`, read from its source: grimp gives the
    line of each import but not the names of a `from … import (…)` spanning several lines."""
    lines = {
        detail["line_number"]
        for detail in graph.get_import_details(importer=importer, imported=imported)
    }
    for node in _from_imports(importer):
        if node.lineno not in lines:
            continue
        source = _absolute(node, importer)
        for alias in node.names:
            if _is_private(alias.name) and imported in (source, f"{source}.{alias.name}"):
                yield importer, node.lineno, f"{source}.{alias.name}"


@cache
def _from_imports(module: str) -> list[ast.ImportFrom]:
    tree = ast.parse(_source_file(module).read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]


def _source_file(module: str) -> Path:
    root, *rest = module.split(".")
    spec = find_spec(root)  # a top-level name: found without running the package
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"{root} is not a package on the path")
    path = Path(spec.submodule_search_locations[0]).joinpath(*rest)
    return path / "__init__.py" if path.is_dir() else path.with_name(f"{path.name}.py")


def _absolute(node: ast.ImportFrom, importer: str) -> str:
    """The module a `from … import` reads from, with a relative one resolved."""
    if not node.level:
        return node.module or ""
    is_package = _source_file(importer).name == "__init__.py"
    package = importer if is_package else importer.rpartition(".")[0]
    return resolve_name("." * node.level + (node.module or ""), package)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
