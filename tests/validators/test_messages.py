"""User-facing text lives in messages.py, wrapped for translation; our error kinds take their
message templates from there (titles and hints: test_human_reports.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import zhangdian_validators
from zhangdian_validators import messages
from zhangdian_validators.checks import ERROR_CLASSES

PACKAGE = Path(zhangdian_validators.__file__).parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("error_class", ERROR_CLASSES.values(), ids=list(ERROR_CLASSES))
def test_our_error_classes_take_their_templates_from_messages(error_class):
    assert error_class.template == messages.TEMPLATES[error_class.type]
    assert error_class.template.startswith("第{rowNumber}行")


def test_strings_go_through_the_gettext_domain():
    assert messages.DOMAIN == "zhangdian_validators"
    assert messages._("文件为空") == "文件为空"  # no catalog installed: the Chinese source text


def _user_facing_literals(tree: ast.AST):
    """Chinese literals handed to an exception, click output or a template string."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name.endswith("Error") or name in ("echo", "secho", "progressbar"):
                for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                    for inner in ast.walk(argument):
                        if isinstance(inner, ast.Constant) and isinstance(inner.value, str) \
                                and CHINESE.search(inner.value):
                            yield node.lineno, inner.value


@pytest.mark.parametrize("module", sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                                          if p.name != "messages.py"))
def test_no_chinese_message_is_written_outside_messages_py(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    assert list(_user_facing_literals(tree)) == []
