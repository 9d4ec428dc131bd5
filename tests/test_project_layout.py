"""Meta-tests: the three packages stay in their rooms, and every option and command is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
EXTENSION = REPO / "ckanext-zhangdian" / "ckanext" / "zhangdian"
CKAN_FREE_ROOTS = [REPO / "harvesters", REPO / "validators"]


def _python_files(root: Path):
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def _imported_top_level_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path",
    [p for root in CKAN_FREE_ROOTS for p in _python_files(root)],
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_harvesters_and_validators_never_import_ckan(path):
    assert not {"ckan", "ckanext"} & _imported_top_level_names(path)


def test_no_top_level_package_shadows_the_pypi_validators_package():
    for root in [REPO, *CKAN_FREE_ROOTS, REPO / "ckanext-zhangdian"]:
        assert not (root / "validators" / "__init__.py").exists()


def _declared_options() -> set[str]:
    declaration = yaml.safe_load((EXTENSION / "config_declaration.yaml").read_text(encoding="utf-8"))
    return {option["key"] for group in declaration["groups"] for option in group["options"]}


def _used_options() -> set[str]:
    pattern = re.compile(r"""["'](ckanext\.zhangdian\.[a-z0-9_.]+)["']""")
    used = set()
    for path in _python_files(EXTENSION):
        used.update(pattern.findall(path.read_text(encoding="utf-8")))
    for path in EXTENSION.rglob("*.html"):
        used.update(pattern.findall(path.read_text(encoding="utf-8")))
    return used


def test_every_option_used_is_declared_and_every_declared_option_is_used():
    assert _used_options() == _declared_options()


def test_every_declared_option_has_a_description():
    declaration = yaml.safe_load((EXTENSION / "config_declaration.yaml").read_text(encoding="utf-8"))
    for group in declaration["groups"]:
        for option in group["options"]:
            assert option.get("description", "").strip(), option["key"]


def test_solr_configset_is_ckans_schema_with_our_analysis():
    import sys

    sys.path.insert(0, str(REPO / "deploy" / "solr"))
    try:
        from build_schema import CONFIGSET_SCHEMA, build_schema, ckan_schema_path
    finally:
        sys.path.pop(0)
    expected = build_schema(ckan_schema_path().read_text(encoding="utf-8"))

    assert CONFIGSET_SCHEMA.read_text(encoding="utf-8") == expected, "run `make solr-schema`"
    assert '<schema name="ckan-2.12"' in expected


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
