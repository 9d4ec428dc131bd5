"""Rows that are not data: totals (合计/总计/小计/全区) and junk rows of zeros or placeholders."""

from __future__ import annotations

import re

import attrs
from frictionless import Check, errors

from zhangdian_validators.checks.base import masked_cells

TOTALS = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|全\s*区|总\s*数)\s*[:：]?\s*$")
JUNK_VALUES = {"0", "0.0", "0.00", "-", "—", "/", ""}


@attrs.define(kw_only=True, repr=False)
class TotalsRowError(errors.RowError):
    type = "totals-row"
    title = "Totals row"
    description = "A 合计/总计/小计 row inside the data."
    template = "第{rowNumber}行是合计行：{note}"


@attrs.define(kw_only=True, repr=False)
class JunkRowError(errors.RowError):
    type = "junk-row"
    title = "Junk row"
    description = "A row of zeros or placeholders."
    template = "第{rowNumber}行全为 0 或占位符"


@attrs.define(kw_only=True, repr=False)
class TitleRowError(errors.RowError):
    type = "title-row"
    title = "Title row"
    description = "A title or note row above the header (found by the reader, not by this check)."
    template = "第{rowNumber}行是表头上方的标题行：{note}"


def inspect(cells: list[str]) -> tuple[type[errors.RowError], str] | None:
    first = next((c for c in cells if c.strip()), "")
    if TOTALS.match(first):
        return TotalsRowError, first.strip()
    if any(c.strip() in ("0", "0.0", "0.00") for c in cells) and all(c.strip() in JUNK_VALUES for c in cells):
        return JunkRowError, "全为 0"
    return None


@attrs.define(kw_only=True, repr=False)
class summary_rows(Check):
    type = "summary-rows"
    Errors = [TotalsRowError, JunkRowError]

    def validate_row(self, row):
        cells = [str(c) if c is not None else "" for c in row.cells]
        found = inspect(cells)
        if found:
            error_class, note = found
            yield error_class(note=note, cells=masked_cells(cells), row_number=row.row_number)
