"""Every user-facing text of the extension has a Chinese translation: the ``_()`` strings of its Python
modules and templates, the messages of findings and metadata criteria, download headers, badges.

A text counts as translated when the extension's catalogue has it, or — for CKAN's own words kept in
our template overrides ("Search", "License") — CKAN's catalogue has it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import ckan
import polib
import pytest

from ckanext.zhangdian import dataset_helpers, portal_helpers
from ckanext.zhangdian.reports import export, findings, metadata_score
from ckanext.zhangdian.reports.rules import exception_basis, repeated_reporting
from ckanext.zhangdian.views import downloads

EXTENSION = Path(findings.__file__).resolve().parents[1]
CATALOGUE = EXTENSION / "i18n" / "zh_Hans_CN" / "LC_MESSAGES" / "ckanext-zhangdian.po"
CKAN_CATALOGUE = Path(ckan.__file__).parent / "i18n" / "zh_Hans_CN" / "LC_MESSAGES" / "ckan.po"
TEMPLATE_CALL = re.compile(r"""\b_\(\s*(['"])((?:(?!\1).|\\\1)*)\1\s*[,)]""")
PLURAL_CALL = re.compile(r"""\bu?ngettext\(\s*(['"])((?:(?!\1).)*)\1\s*,\s*(['"])((?:(?!\3).)*)\3""")
TRANSLATING_CALLS = {"of", "_"}  # Message.of(msgid, …) and tk._(msgid)


def _python_msgids() -> set[str]:
    """String literals passed to Message.of(…) or _(…) anywhere in the extension's Python code."""
    found = set()
    for path in EXTENSION.rglob("*.py"):
        if "migration" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            if name in TRANSLATING_CALLS and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def _constant_msgids() -> set[str]:
    """Texts kept in constants and translated where they are shown."""
    return ({kind.label for kind in findings.KINDS} | {kind.description for kind in findings.KINDS}
            | {criterion.label for criterion in metadata_score.CRITERIA}
            | {header for _, header in (*export.FINDING_COLUMNS, *export.INDICATOR_COLUMNS)} | {"Indicators"}
            | set(exception_basis.ATTRIBUTE_LABELS.values()) | set(repeated_reporting.BASIS_LABELS.values())
            | set(dataset_helpers.BAND_LABELS.values()) | set(dataset_helpers.VALIDATION_BADGES.values())
            | set(downloads.TOO_LARGE_FOR_EXCEL.values()) | set(portal_helpers.HARVEST_STATUS_LABELS.values()))


def _template_msgids() -> set[str]:
    return {match.group(2).replace("\\'", "'") for path in (EXTENSION / "templates").rglob("*.html")
            for match in TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8"))}


def _plural_msgids() -> set[tuple[str, str]]:
    return {(match.group(2), match.group(4)) for path in EXTENSION.rglob("*.*") if path.suffix in (".py", ".html")
            for match in PLURAL_CALL.finditer(path.read_text(encoding="utf-8"))}


MSGIDS = sorted(_python_msgids() | _constant_msgids() | _template_msgids())
PLURALS = sorted(_plural_msgids())
OURS = polib.pofile(str(CATALOGUE))
CKANS = polib.pofile(str(CKAN_CATALOGUE))


def test_the_scan_finds_the_texts_of_every_part():
    assert len(MSGIDS) > 300
    assert {"Should be updated {frequency}; {days} days overdue (last update {last}, {tolerance} days' grace).",
            "Updated {frequency}; {days} days overdue", "Download as", "Open-data lists",
            "Validation failed"} <= set(MSGIDS)


@pytest.mark.parametrize("msgid", MSGIDS)
def test_every_text_is_translated(msgid):
    entry = OURS.find(msgid)
    if entry is None or not entry.msgstr:
        entry = CKANS.find(msgid)
    assert entry is not None and entry.msgstr, f"no translation for {msgid!r}"
    assert set(re.findall(r"\{\w+\}", entry.msgstr)) == set(re.findall(r"\{\w+\}", msgid))


def test_the_scan_finds_the_plural_texts():
    assert ("{count} dataset", "{count} datasets") in PLURALS


@pytest.mark.parametrize("singular, plural", PLURALS)
def test_every_plural_text_is_translated(singular, plural):
    entry = OURS.find(singular)
    assert entry is not None and entry.msgid_plural == plural, f"no plural entry for {singular!r}"
    assert entry.msgstr_plural and all(entry.msgstr_plural.values()), f"no translation for {singular!r}"
    for translation in entry.msgstr_plural.values():
        assert set(re.findall(r"\{\w+\}", translation)) == set(re.findall(r"\{\w+\}", plural))
