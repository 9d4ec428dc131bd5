"""Every user-facing text of the gap report and the list pages has a Chinese translation in the
extension's catalogue: messages of findings and metadata criteria, download headers, the pages' ``_()``
strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest

from ckanext.zhangdian.reports import export, findings, metadata_score
from ckanext.zhangdian.reports.rules import exception_basis, repeated_reporting

EXTENSION = Path(findings.__file__).resolve().parents[1]
CATALOGUE = EXTENSION / "i18n" / "zh_Hans_CN" / "LC_MESSAGES" / "ckanext-zhangdian.po"
TEMPLATE_CALL = re.compile(r"""_\(\s*(['"])((?:(?!\1).|\\\1)*)\1\s*[,)]""")


def _python_msgids() -> set[str]:
    """String literals passed to Message.of(…) or _(…) in the report modules and the views."""
    found = set()
    for path in [*(EXTENSION / "reports").rglob("*.py"), EXTENSION / "views" / "report.py",
                 EXTENSION / "views" / "lists.py", EXTENSION / "list_registration.py",
                 *(EXTENSION / "logic").glob("*_actions.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            if name in ("of", "_") and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def _constant_msgids() -> set[str]:
    return ({kind.label for kind in findings.KINDS} | {kind.description for kind in findings.KINDS}
            | {criterion.label for criterion in metadata_score.CRITERIA}
            | {header for _, header in (*export.FINDING_COLUMNS, *export.INDICATOR_COLUMNS)} | {"Indicators"}
            | set(exception_basis.ATTRIBUTE_LABELS.values()) | set(repeated_reporting.BASIS_LABELS.values()))


def _template_msgids() -> set[str]:
    return {match.group(2).replace("\\'", "'") for folder in ("report", "lists")
            for path in (EXTENSION / "templates" / "zhangdian" / folder).glob("*.html")
            for match in TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8"))}


MSGIDS = sorted(_python_msgids() | _constant_msgids() | _template_msgids())


def test_the_scan_finds_the_report_texts():
    assert len(MSGIDS) > 120
    assert "Should be updated {frequency}; {days} days overdue (last update {last}, {tolerance} days' grace)." in MSGIDS


@pytest.mark.parametrize("msgid", MSGIDS)
def test_every_report_text_is_translated(msgid):
    entry = polib.pofile(str(CATALOGUE)).find(msgid)
    assert entry is not None and entry.msgstr, f"no translation for {msgid!r}"
    assert set(re.findall(r"\{\w+\}", entry.msgstr)) == set(re.findall(r"\{\w+\}", msgid))
