"""A frictionless plugin for the portal's checks and errors, registered when ``checks`` is imported.

With it, our check types work in checklist descriptors (``{"type": "cn-resident-id", "fieldName": …}``)
and reports holding our error types load back with ``frictionless.Report.from_descriptor``.
"""

from __future__ import annotations

from frictionless import Plugin


class ZhangdianPlugin(Plugin):
    """Finds the portal's check and error classes by their ``type``."""

    def __init__(self, check_classes: dict, error_classes: dict):
        self.check_classes, self.error_classes = dict(check_classes), dict(error_classes)

    def select_check_class(self, type: str):  # noqa: A002 - frictionless's own parameter name
        return self.check_classes.get(type)

    def select_error_class(self, type: str):  # noqa: A002
        return self.error_classes.get(type)
