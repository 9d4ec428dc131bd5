"""Cells that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``=cmd|…``, ``@SUM(…)``)."""

from __future__ import annotations

import re

import attrs
from frictionless import Check, errors

from zhangdian_validators.checks.base import cell_error

FORMULA = re.compile(r"^\s*(=|[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*[(|!])")


@attrs.define(kw_only=True, repr=False)
class FormulaInjectionError(errors.CellError):
    type = "formula-injection"
    title = "Formula in a cell"
    description = "A cell starting like a spreadsheet formula (CSV/formula injection)."
    template = "第{rowNumber}行第{fieldNumber}列含公式：{note}"


def inspect(value: str) -> str | None:
    return "以公式开头" if value and FORMULA.match(value) else None


@attrs.define(kw_only=True, repr=False)
class formula_injection(Check):
    type = "formula-injection"
    Errors = [FormulaInjectionError]

    def validate_row(self, row):
        cells = [str(c) if c is not None else "" for c in row.cells]
        for number, (name, value) in enumerate(zip(row.field_names, cells), start=1):
            if inspect(value):
                yield cell_error(FormulaInjectionError, note="以公式开头", cells=cells,
                                 row_number=row.row_number, value=value, field_name=name, field_number=number)
