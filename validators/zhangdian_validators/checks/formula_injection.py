"""Cells that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``=cmd|…``, ``@SUM(…)``)."""

from __future__ import annotations

import re

import attrs
from frictionless import Check, errors

from zhangdian_validators import messages
from zhangdian_validators.checks.base import cell_error

# "=" starts a formula; "+", "-" and "@" do when a function name, call, DDE pipe or reference follows
# (OWASP CSV injection). Plain signed numbers and phone numbers (-5, +86 138 0013 8000) are not formulas.
FORMULA = re.compile(r"^\s*(?:=|[+\-@].*[A-Za-z_(|!=])", re.S)


@attrs.define(kw_only=True, repr=False)
class FormulaInjectionError(errors.CellError):
    type = "formula-injection"
    title = "Formula in a cell"
    description = "A cell starting like a spreadsheet formula (CSV/formula injection)."
    template = messages.TEMPLATES["formula-injection"]


def looks_like_formula(value: str) -> bool:
    """Would a spreadsheet run this cell as a formula?"""
    return bool(value) and FORMULA.match(value) is not None


def inspect(value: str) -> str | None:
    return messages.FORMULA_NOTE if looks_like_formula(value) else None


@attrs.define(kw_only=True, repr=False)
class formula_injection(Check):
    type = "formula-injection"
    Errors = [FormulaInjectionError]

    def validate_row(self, row):
        cells = [str(c) if c is not None else "" for c in row.cells]
        for number, (name, value) in enumerate(zip(row.field_names, cells), start=1):
            if inspect(value):
                yield cell_error(FormulaInjectionError, note=messages.FORMULA_NOTE, cells=cells,
                                 row_number=row.row_number, value=value, field_name=name, field_number=number)
