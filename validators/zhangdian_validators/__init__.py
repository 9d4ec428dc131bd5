"""zhangdian_validators — may this department file be published, and what must be fixed?

CKAN-free. The public API:

- :func:`validate` — validate a CSV/XLSX/XLS/JSON file against a Table Schema with the Chinese
  checks and the personal-information guard → :class:`ValidationResult` (``.report`` is a standard
  frictionless Report; ``.status`` is ``valid``/``invalid``/``blocked``);
- :func:`schema_from_fields` — a Table Schema from a department's data dictionary (信息项);
- :func:`render_text`, :func:`render_html` — the human (Chinese) report;
- :func:`checklist` — the same checks as frictionless ``Check`` objects;
- exceptions in :mod:`zhangdian_validators.errors`.
"""

from zhangdian_validators.checks import checklist
from zhangdian_validators.engine import ValidationResult, validate
from zhangdian_validators.errors import (
    FileTooLargeError, SchemaError, SheetNotFoundError, UnreadableFileError, ValidatorError)
from zhangdian_validators.report import render_html, render_text, summary
from zhangdian_validators.schema import schema_from_fields

__all__ = ["FileTooLargeError", "SchemaError", "SheetNotFoundError", "UnreadableFileError", "ValidationResult",
           "ValidatorError", "checklist", "render_html", "render_text", "schema_from_fields", "summary", "validate"]
